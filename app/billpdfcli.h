#pragma once

#include "appcontext.h"

#include <billing/billcalculation.h>

#include <QString>

namespace Ud::App::Cli {

/// `--pdf FILE` of `utilitydesk bill`: the account's calculated bill as its document would read
/// if issued now (in the customer's language), printed to FILE through QtWebEngine. The program
/// must run a QApplication for it (see printsPdf()). Throws Core::Error.
void writeBillPdf(AppContext &context, const QString &accountIdOrNumber, const Billing::BillResult &bill,
                  const QString &path);

/// True when the arguments ask for a PDF (--pdf), which needs a GUI application object.
bool printsPdf(int argc, char *argv[]);

} // namespace Ud::App::Cli
