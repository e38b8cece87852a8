#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk bill-run --from DATE --to DATE`: bills every active postpaid account with a
/// tariff for the period, with progress on standard error and a summary (and the accounts not
/// billed, with the reason) on standard output. Exit code 0 when every account due was billed
/// or already billed, 1 when some could not be billed, 3 on a database failure.
int runBillRun(const Parsed &p, QTextStream &out, QTextStream &err);

/// The help lines of this command.
QString billRunHelpText();

} // namespace Ud::App::Cli
