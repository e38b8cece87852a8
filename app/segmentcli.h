#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk segment count "RULE"`: prints how many customers the rule picks (docs/rules.md),
/// as a bare number; a rule that does not parse is bad input (exit 1) with the parser's message.
int runSegment(const Parsed &p, QTextStream &out);

/// The help lines of this command.
QString segmentHelpText();

} // namespace Ud::App::Cli
