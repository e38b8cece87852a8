#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk tariff import FILE.json`: stores the tariff of the file (docs/tariffs.md) and
/// says what it added; `utilitydesk tariff list`: the tariffs as CSV.
int runTariff(const Parsed &p, QTextStream &out);

/// The help lines of this command.
QString tariffHelpText();

} // namespace Ud::App::Cli
