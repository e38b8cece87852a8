#pragma once

#include <core/databaseurl.h>
#include <core/error.h>

#include <QCoreApplication>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Ud::App::Cli {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::App::Cli)
};

/// A usage mistake: the message and a pointer to --help, exit code 2.
Core::Error usage(const QString &message);

/// Arguments after the global options have been taken out.
struct Parsed {
    QString database;
    QStringList words;               // positional words: command, sub-command, names
    QMap<QString, QString> options;  // --name value (flags: --name with an empty value); the last one given
    QMap<QString, QStringList> lists; // every value of an option given more than once (--watch A --watch B)
    bool help = false;
    bool version = false;

    bool has(const QString &option) const { return options.contains(option); }
};

Parsed parse(const QStringList &arguments);
/// Rejects options that the command does not take.
void allowOnly(const Parsed &p, const QStringList &allowed);
qint64 number(const Parsed &p, const QString &option, qint64 fallback, qint64 min, qint64 max);
Core::DatabaseUrl databaseUrl(const Parsed &p);

} // namespace Ud::App::Cli
