#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk usage refresh`: summarises interval days stored before the usage summaries
/// existed and recomputes every customer's usage profile for the last complete month (what
/// the usage.* rule attributes read), with progress on `err`; says what it did on `out`.
int runUsageRefresh(const Parsed &p, QTextStream &out, QTextStream &err);

/// The help lines of this command.
QString usageHelpText();

} // namespace Ud::App::Cli
