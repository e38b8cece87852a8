#pragma once

#include <core/version.h>

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Ud::App::Cli {

/// True when the arguments name a sub-command or --help/--version (so no display is needed).
bool wantsCommandLine(int argc, char *argv[]);
/// The value of --database URL (or --database=URL), empty if absent.
QString databaseOption(const QStringList &arguments);
/// Runs a sub-command; returns the exit code (0 ok, 1 bad input, 2 usage, 3 database).
/// Command-line operations act as the operating-system user and are audited as such.
int run(const QStringList &arguments);
/// Same, with explicit streams and standard input (for tests).
int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in);

} // namespace Ud::App::Cli
