#include "cli.h"

#include "appcontext.h"
#include "billcli.h"
#include "billruncli.h"
#include "cliparse.h"
#include "customercli.h"
#include "ledgercli.h"
#include "metercli.h"
#include "segmentcli.h"
#include "tariffcli.h"
#include "usagecli.h"

#include <core/error.h>
#include <core/migrator.h>
#include <core/permissions.h>
#include <core/settings.h>
#include <core/usercontext.h>
#include <core/userservice.h>
#include <demo/generator.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QSet>
#include <QTranslator>

#include <cstdio>
#include <limits>
#include <optional>

namespace Ud::App::Cli {

namespace {

QString helpText()
{
    return Tr::tr("Usage: utilitydesk [--database URL] [COMMAND ...]\n"
              "\n"
              "Without a command, UtilityDesk opens its window.\n"
              "\n"
              "Commands:\n"
              "  migrate                               create or upgrade the database schema\n"
              "  user add NAME --role ROLE [--display-name TEXT] [--region REGION]\n"
              "                                        create a user; the password is read from standard input;\n"
              "                                        a field officer sees only the customers of their region\n"
              "  user region NAME REGION               set the region a user works in (\"\" for none)\n"
              "  user list                             list users\n"
              "  user disable NAME | user enable NAME  stop or allow a user's sign-in\n"
              "  demo [--customers N] [--meters M] [--days D] [--seed S] [--interval MIN]\n"
              "                                        fill the database with realistic, repeatable demo data,\n"
              "                                        interval readings for every meter over the last D days;\n"
              "                                        --interval 5|15|30|60 sets every electricity meter's interval\n"
              "  audit verify                          check that the audit log has not been altered\n"
              "%2"
              "%1"
              "%3"
              "%4"
              "%5"
              "%6"
              "\n"
              "Options:\n"
              "  --database URL   sqlite:///path/file.db or postgresql://user:password@host:port/database?sslmode=...\n"
              "                   (default: the database chosen in Settings, else a file in your data folder)\n"
              "  -h, --help       show this help\n"
              "  -v, --version    show the version\n"
              "\n"
              "Roles: agent, business_user, field_officer, supervisor, admin.\n"
              "Exit codes: 0 success, 1 bad input, 2 usage error, 3 database error.\n").arg(meterHelpText() + usageHelpText(), customerHelpText(), tariffHelpText(), billHelpText() + billRunHelpText(), ledgerHelpText(), segmentHelpText());
}

int runMigrate(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("\"migrate\" takes no further words."));
    allowOnly(p, {});
    Core::Database db(databaseUrl(p));
    Core::Migrator migrator(db);
    const int applied = migrator.migrate();
    out << Tr::tr("%1 is at schema version %2 (%n migration(s) applied now).", nullptr, applied)
               .arg(db.url().toDisplayString())
               .arg(migrator.currentVersion())
        << Qt::endl;
    return 0;
}

QString readPassword(QTextStream &in)
{
    // The password comes from standard input so it never shows in the process list or the
    // shell history; only the first line counts and its line ending is not part of it.
    QString line = in.readLine();
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    return line;
}

int runUser(const Parsed &p, QTextStream &out, QTextStream &in)
{
    const QString sub = p.words.value(1);
    const auto actor = Core::UserContext::operatingSystemUser();
    if (sub == QLatin1String("add")) {
        if (p.words.size() != 3)
            throw usage(Tr::tr("Write: utilitydesk user add NAME --role ROLE (password on standard input)."));
        allowOnly(p, {QStringLiteral("--role"), QStringLiteral("--display-name"), QStringLiteral("--region")});
        if (!p.options.contains(QStringLiteral("--role")))
            throw usage(Tr::tr("\"user add\" needs --role ROLE."));
        const QString roleText = p.options.value(QStringLiteral("--role"));
        const auto role = Core::roleFromKey(roleText);
        if (!role) {
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("\"%1\" is not a role; use one of agent, business_user, field_officer, "
                                 "supervisor, admin.").arg(roleText));
        }
        const QString password = readPassword(in);
        if (password.isEmpty()) {
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("No password was given on standard input for the user %1.").arg(p.words.at(2)));
        }
        AppContext context(databaseUrl(p));
        context.open();
        const auto user = context.users().createUser(actor, p.words.at(2),
                                                     p.options.value(QStringLiteral("--display-name")), *role, password,
                                                     p.options.value(QStringLiteral("--region")));
        out << (user.region.isEmpty()
                    ? Tr::tr("Created the user %1 with the role %2.").arg(user.userName, Core::roleDisplayName(user.role))
                    : Tr::tr("Created the user %1 with the role %2 in the region %3.")
                          .arg(user.userName, Core::roleDisplayName(user.role), user.region))
            << Qt::endl;
        return 0;
    }
    if (sub == QLatin1String("list")) {
        if (p.words.size() != 2)
            throw usage(Tr::tr("\"user list\" takes no further words."));
        allowOnly(p, {});
        AppContext context(databaseUrl(p));
        context.open();
        const auto users = context.users().list(actor);
        const qint64 now = context.clock().nowSecs();
        out << Tr::tr("NAME") << '\t' << Tr::tr("ROLE") << '\t' << Tr::tr("STATUS") << '\t' << Tr::tr("LAST SIGN-IN")
            << '\t' << Tr::tr("REGION") << Qt::endl;
        for (const auto &u : users) {
            QString status = Tr::tr("active");
            if (u.disabled)
                status = Tr::tr("disabled");
            else if (u.lockedUntil > now)
                status = Tr::tr("locked until %1")
                             .arg(QDateTime::fromSecsSinceEpoch(u.lockedUntil).toString(Qt::ISODate));
            const QString last = u.lastSignInAt > 0
                                     ? QDateTime::fromSecsSinceEpoch(u.lastSignInAt).toString(Qt::ISODate)
                                     : Tr::tr("never");
            out << u.userName << '\t' << Core::roleKey(u.role) << '\t' << status << '\t' << last << '\t' << u.region
                << Qt::endl;
        }
        return 0;
    }
    if (sub == QLatin1String("disable") || sub == QLatin1String("enable")) {
        if (p.words.size() != 3)
            throw usage(Tr::tr("Write: utilitydesk user %1 NAME.").arg(sub));
        allowOnly(p, {});
        AppContext context(databaseUrl(p));
        context.open();
        const bool disable = sub == QLatin1String("disable");
        context.users().setDisabled(actor, p.words.at(2), disable);
        out << (disable ? Tr::tr("The user %1 can no longer sign in.") : Tr::tr("The user %1 can sign in again."))
                   .arg(p.words.at(2))
            << Qt::endl;
        return 0;
    }
    if (sub == QLatin1String("region")) {
        if (p.words.size() != 4)
            throw usage(Tr::tr("Write: utilitydesk user region NAME REGION (\"\" for none)."));
        allowOnly(p, {});
        AppContext context(databaseUrl(p));
        context.open();
        const QString region = p.words.at(3).simplified();
        context.users().setRegion(actor, p.words.at(2), region);
        out << (region.isEmpty() ? Tr::tr("The user %1 has no region now.").arg(p.words.at(2))
                                 : Tr::tr("The user %1 works in the region %2 now.").arg(p.words.at(2), region))
            << Qt::endl;
        return 0;
    }
    throw usage(sub.isEmpty() ? Tr::tr("\"user\" needs add, list, region, disable or enable.")
                              : Tr::tr("Unknown user command \"%1\"; use add, list, region, disable or enable.").arg(sub));
}

int runDemo(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("\"demo\" takes only options."));
    allowOnly(p, {QStringLiteral("--customers"), QStringLiteral("--meters"), QStringLiteral("--days"),
                  QStringLiteral("--seed"), QStringLiteral("--interval")});
    Demo::Options options;
    options.customers = number(p, QStringLiteral("--customers"), options.customers, 1, 10000000);
    options.meters = number(p, QStringLiteral("--meters"), options.meters, 0, 1000000000);
    options.days = int(number(p, QStringLiteral("--days"), options.days, 1, 3650));
    options.seed = quint64(number(p, QStringLiteral("--seed"), qint64(options.seed), 0,
                                  std::numeric_limits<qint64>::max()));
    options.electricityInterval = int(number(p, QStringLiteral("--interval"), 0, 5, 60));
    AppContext context(databaseUrl(p));
    context.open();
    Demo::Generator generator(context.context());
    int lastPercent = -1;
    const auto summary = generator.run(Core::UserContext::operatingSystemUser(), options,
                                       [&](qint64 done, qint64 total) {
                                           const int percent = total > 0 ? int(done * 100 / total) : 100;
                                           if (percent != lastPercent) {
                                               lastPercent = percent;
                                               err << Tr::tr("Generating demo data: %1%").arg(percent) << '\r';
                                               err.flush();
                                           }
                                           return true;
                                       });
    err << Qt::endl;
    out << Tr::tr("Created %1 customers, %2 premises, %3 accounts, %4 meters, %5 appliances and %6 contacts "
              "in %7 s (%8 customers per second).")
               .arg(summary.customers)
               .arg(summary.premises)
               .arg(summary.accounts)
               .arg(summary.meters)
               .arg(summary.appliances)
               .arg(summary.interactions)
               .arg(summary.seconds, 0, 'f', 1)
               .arg(summary.seconds > 0 ? qint64(double(summary.customers) / summary.seconds) : summary.customers)
        << Qt::endl;
    out << Tr::tr("Wrote %1 interval readings in %2 day rows.").arg(summary.readings).arg(summary.intervalDays)
        << Qt::endl;
    for (const QString &anomaly : summary.anomalies)
        out << Tr::tr("Planted anomaly: %1").arg(anomaly) << Qt::endl;
    return 0;
}

int runAudit(const Parsed &p, QTextStream &out)
{
    if (p.words.value(1) != QLatin1String("verify") || p.words.size() != 2)
        throw usage(Tr::tr("Write: utilitydesk audit verify."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const auto result = context.audit().verify();
    if (result.intact) {
        out << Tr::tr("The audit log is intact: %n entries checked.", nullptr, int(result.checked)) << Qt::endl;
        // The chain cannot show entries cut off its end; a copy of the newest hash kept
        // elsewhere can.
        out << Tr::tr("Newest entry fingerprint (keep a copy elsewhere to detect removal of the newest entries): %1")
                   .arg(result.lastHash)
            << Qt::endl;
        return 0;
    }
    out << result.reason << Qt::endl;
    return 1;
}

void installTranslator()
{
    // Follows the system locale, like the rest of the command-line world.
    static QTranslator translator;
    // English is a translation too: it carries the plural forms ("1 migration", "2 migrations").
    if (translator.load(QLocale(), QStringLiteral("utilitydesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral(":/i18n/utilitydesk_en.qm")))
        QCoreApplication::installTranslator(&translator);
}

} // namespace

bool wantsCommandLine(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--database")) {
            ++i;
            continue;
        }
        if (arg.startsWith(QLatin1String("--database=")))
            continue;
        // Anything else (a command, --help, --version, or a mistake) is for the command line,
        // which explains mistakes better than a window could.
        return true;
    }
    return false;
}

QString databaseOption(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--database"))
            return arguments.value(i + 1);
        if (arguments.at(i).startsWith(QLatin1String("--database=")))
            return arguments.at(i).mid(11);
    }
    return {};
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in)
{
    try {
        const Parsed p = parse(arguments);
        if (p.version) {
            out << QStringLiteral("UtilityDesk ") << Core::versionString() << Qt::endl;
            return 0;
        }
        if (p.help) {
            out << helpText();
            return 0;
        }
        const QString command = p.words.value(0);
        if (command == QLatin1String("migrate"))
            return runMigrate(p, out);
        if (command == QLatin1String("user"))
            return runUser(p, out, in);
        if (command == QLatin1String("demo"))
            return runDemo(p, out, err);
        if (command == QLatin1String("audit"))
            return runAudit(p, out);
        if (command == QLatin1String("import"))
            return runImport(p, out, err);
        if (command == QLatin1String("meter"))
            return runMeter(p, out);
        if (command == QLatin1String("customer"))
            return runCustomer(p, out);
        if (command == QLatin1String("meter-sync"))
            return runMeterSync(p, out, err);
        if (command == QLatin1String("usage"))
            return p.words.value(1) == QLatin1String("refresh") ? runUsageRefresh(p, out, err) : runUsage(p, out);
        if (command == QLatin1String("tariff"))
            return runTariff(p, out);
        if (command == QLatin1String("bill") || command == QLatin1String("rate-compare"))
            return command == QLatin1String("bill") ? runBill(p, out) : runRateCompare(p, out);
        if (isLedgerCommand(command))
            return runLedger(p, out, err);
        if (command == QLatin1String("bill-run"))
            return runBillRun(p, out, err);
        if (command == QLatin1String("segment"))
            return runSegment(p, out, err);
        throw usage(command.isEmpty() ? Tr::tr("No command given.") : Tr::tr("Unknown command \"%1\".").arg(command));
    } catch (const Core::Error &e) {
        err << QStringLiteral("utilitydesk: ") << e.message() << Qt::endl;
        if (e.kind() == Core::Error::Kind::Usage)
            err << Tr::tr("Run \"utilitydesk --help\" for the commands and options.") << Qt::endl;
        return e.exitCode();
    } catch (const std::exception &e) {
        err << QStringLiteral("utilitydesk: ") << Tr::tr("Unexpected failure: %1").arg(QString::fromLocal8Bit(e.what()))
            << Qt::endl;
        return 3;
    }
}

int run(const QStringList &arguments)
{
    installTranslator();
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    return run(arguments, out, err, in);
}

} // namespace Ud::App::Cli
