#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk customer search TEXT [--limit N]`: the matches as CSV, best first.
int runCustomer(const Parsed &p, QTextStream &out);

/// The help lines of this command.
QString customerHelpText();

} // namespace Ud::App::Cli
