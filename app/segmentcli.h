#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk segment count "RULE"`: prints how many customers the rule picks (docs/rules.md),
/// as a bare number; a rule that does not parse is bad input (exit 1) with the parser's message.
/// `segment save | list | show | refresh | export`: saved segments (Segments::SegmentService);
/// customers are named by their numbers; an unknown segment is exit 1 with its name.
int runSegment(const Parsed &p, QTextStream &out, QTextStream &err);

/// The help lines of this command.
QString segmentHelpText();

} // namespace Ud::App::Cli
