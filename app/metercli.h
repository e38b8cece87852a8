#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// `utilitydesk import FILE|DIR...`
int runImport(const Parsed &p, QTextStream &out, QTextStream &err);
/// `utilitydesk meter list|queue|assign`
int runMeter(const Parsed &p, QTextStream &out);
/// `utilitydesk usage METER [--from DATE --to DATE] [--daily] [--channel KIND]`
int runUsage(const Parsed &p, QTextStream &out);

/// `utilitydesk meter-sync --watch DIR... [--once] [--interval SECONDS]`
int runMeterSync(const Parsed &p, QTextStream &out, QTextStream &err);

/// The help lines of these commands.
QString meterHelpText();

} // namespace Ud::App::Cli
