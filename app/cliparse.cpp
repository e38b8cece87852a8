#include "cliparse.h"

#include <core/settings.h>

#include <algorithm>

namespace Ud::App::Cli {

Core::Error usage(const QString &message)
{
    return Core::Error(Core::Error::Kind::Usage, message);
}

Parsed parse(const QStringList &arguments)
{
    static const QSet<QString> valueOptions = {QStringLiteral("--database"), QStringLiteral("--role"),
                                               QStringLiteral("--display-name"), QStringLiteral("--customers"),
                                               QStringLiteral("--meters"), QStringLiteral("--days"),
                                               QStringLiteral("--seed"), QStringLiteral("--meter"),
                                               QStringLiteral("--time-zone"), QStringLiteral("--quarantine"),
                                               QStringLiteral("--from"), QStringLiteral("--to"),
                                               QStringLiteral("--watch"), QStringLiteral("--interval"),
                                               QStringLiteral("--source-config"), QStringLiteral("--channel"),
                                               QStringLiteral("--reason"), QStringLiteral("--format"),
                                               QStringLiteral("--limit"), QStringLiteral("--region"),
                                               QStringLiteral("--tariff"), QStringLiteral("--pdf"),
                                               // the ledger: topup, payment
                                               QStringLiteral("--card"), QStringLiteral("--voucher"),
                                               QStringLiteral("--reference"), QStringLiteral("--method"),
                                               // charges, arrears
                                               QStringLiteral("--through"), QStringLiteral("--as-of"),
                                               // segments
                                               QStringLiteral("--rule"), QStringLiteral("--description"),
                                               QStringLiteral("--include"), QStringLiteral("--exclude"),
                                               QStringLiteral("--control"), QStringLiteral("--refresh-hours"),
                                               QStringLiteral("--output"), QStringLiteral("--group")};
    // Options that stand alone.
    static const QSet<QString> flagOptions = {QStringLiteral("--create-meters"), QStringLiteral("--daily"),
                                              QStringLiteral("--once"), QStringLiteral("--csv"), QStringLiteral("--due")};
    Parsed p;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            p.help = true;
        } else if (arg.startsWith(QLatin1String("--version=")) && !p.words.isEmpty()) {
            // After a command, "--version N" is that command's option (segment show NAME --version 2).
            p.options.insert(QStringLiteral("--version"), arg.mid(10));
            p.lists[QStringLiteral("--version")] << arg.mid(10);
        } else if (arg == QLatin1String("--version") && !p.words.isEmpty() && i + 1 < arguments.size()
                   && !arguments.at(i + 1).isEmpty() && std::all_of(arguments.at(i + 1).cbegin(), arguments.at(i + 1).cend(),
                                                                    [](QChar c) { return c.isDigit(); })) {
            p.options.insert(arg, arguments.at(i + 1));
            p.lists[arg] << arguments.at(++i);
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            p.version = true;
        } else if (arg.startsWith(QLatin1String("--"))) {
            QString name = arg;
            QString value;
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            if (eq > 0) {
                name = arg.left(eq);
                value = arg.mid(eq + 1);
            }
            if (flagOptions.contains(name)) {
                if (eq > 0)
                    throw usage(Tr::tr("The option %1 takes no value.").arg(name));
                p.options.insert(name, QString());
                continue;
            }
            if (!valueOptions.contains(name))
                throw usage(Tr::tr("Unknown option %1.").arg(name));
            if (eq < 0) {
                if (i + 1 >= arguments.size())
                    throw usage(Tr::tr("The option %1 needs a value.").arg(name));
                value = arguments.at(++i);
            }
            if (name == QLatin1String("--database")) {
                p.database = value;
            } else {
                p.options.insert(name, value);
                p.lists[name] << value;
            }
        } else {
            p.words << arg;
        }
    }
    return p;
}

void allowOnly(const Parsed &p, const QStringList &allowed)
{
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it) {
        if (!allowed.contains(it.key()))
            throw usage(Tr::tr("The option %1 does not apply to \"%2\".").arg(it.key(), p.words.join(QLatin1Char(' '))));
    }
}

qint64 number(const Parsed &p, const QString &option, qint64 fallback, qint64 min, qint64 max)
{
    if (!p.options.contains(option))
        return fallback;
    bool ok = false;
    const qint64 value = p.options.value(option).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("%1 must be a whole number from %2 to %3, not \"%4\".")
                              .arg(option)
                              .arg(min)
                              .arg(max)
                              .arg(p.options.value(option)));
    }
    return value;
}

Core::DatabaseUrl databaseUrl(const Parsed &p)
{
    if (!p.database.isEmpty())
        return Core::DatabaseUrl::parse(p.database);
    return Core::DatabaseUrl::parse(Core::Settings().databaseUrl());
}

} // namespace Ud::App::Cli
