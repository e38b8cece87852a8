#include "tariffcli.h"

#include "appcontext.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <core/usercontext.h>

namespace Ud::App::Cli {

namespace {

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString rangeText(const Billing::TariffVersion &v)
{
    if (!v.effectiveTo)
        return Tr::tr("from %1 with no end").arg(v.effectiveFrom.toString(Qt::ISODate));
    return Tr::tr("%1 to %2").arg(v.effectiveFrom.toString(Qt::ISODate), v.effectiveTo->toString(Qt::ISODate));
}

int runImport(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk tariff import FILE.json (one tariff per file)."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const auto result = context.module<Billing::BillingModule>()->tariffs().importFile(
        Core::UserContext::operatingSystemUser(), p.words.at(2));
    const auto &t = result.tariff;
    const QString line = result.created   ? Tr::tr("Created the tariff %1 (%2) in the market %3.")
                         : result.changed ? Tr::tr("Updated the tariff %1 (%2) in the market %3.")
                                          : Tr::tr("The tariff %1 (%2) in the market %3 is already stored as in this file.");
    out << line
               .arg(t.code, t.name, t.marketCode)
        << Qt::endl;
    for (const auto &v : result.added)
        out << Tr::tr("  added version %1").arg(rangeText(v)) << Qt::endl;
    for (const auto &v : result.ended)
        out << Tr::tr("  ended version %1").arg(rangeText(v)) << Qt::endl;
    for (const auto &v : result.unchanged)
        out << Tr::tr("  unchanged version %1").arg(rangeText(v)) << Qt::endl;
    out << Tr::tr("The tariff has %n version(s).", nullptr, int(t.versions.size())) << Qt::endl;
    return 0;
}

int runList(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("\"tariff list\" takes no further words."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const auto rows = context.module<Billing::BillingModule>()->tariffs().list(Core::UserContext::operatingSystemUser());
    out << "code,name,market,currency,classes,kind,versions,current_from" << Qt::endl;
    for (const auto &r : rows) {
        QStringList classes;
        for (auto c : r.customerClasses)
            classes << Accounts::customerClassKey(c);
        out << csv(r.code) << ',' << csv(r.name) << ',' << r.marketCode << ',' << r.currency << ','
            << classes.join(QLatin1Char(' ')) << ',' << Billing::tariffKindKey(r.kind) << ',' << r.versionCount << ','
            << r.currentFrom.toString(Qt::ISODate) << Qt::endl;
    }
    return 0;
}

int runAssign(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 4)
        throw usage(Tr::tr("Write: utilitydesk tariff assign ACCOUNT CODE --from DATE."));
    allowOnly(p, {QStringLiteral("--from")});
    const QString fromText = p.options.value(QStringLiteral("--from"));
    if (fromText.isEmpty())
        throw usage(Tr::tr("--from is required: write --from DATE (YYYY-MM-DD), the first day on the tariff."));
    const QDate from = QDate::fromString(fromText, Qt::ISODate);
    if (!from.isValid()) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("--from must be a date written YYYY-MM-DD, not \"%1\".").arg(fromText));
    }
    AppContext context(databaseUrl(p));
    context.open();
    auto &billing = context.module<Billing::BillingModule>()->billing();
    const auto user = Core::UserContext::operatingSystemUser();
    const auto before = billing.assignments(user, p.words.at(2));
    const auto added = billing.assignTariff(user, p.words.at(2), p.words.at(3), from);
    const auto after = billing.assignments(user, p.words.at(2));
    if (before.size() == after.size()) {
        out << Tr::tr("Account %1 is already on the tariff %2 from %3.")
                   .arg(p.words.at(2), added.tariffCode, added.from.toString(Qt::ISODate))
            << Qt::endl;
        return 0;
    }
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (!before.at(i).to && after.at(i).to) {
            out << Tr::tr("Ended the tariff %1 of account %2 on %3.")
                       .arg(after.at(i).tariffCode, p.words.at(2), after.at(i).to->toString(Qt::ISODate))
                << Qt::endl;
        }
    }
    out << Tr::tr("Account %1 is on the tariff %2 from %3.")
               .arg(p.words.at(2), added.tariffCode, added.from.toString(Qt::ISODate))
        << Qt::endl;
    return 0;
}

} // namespace

QString tariffHelpText()
{
    return Tr::tr("  tariff import FILE.json               add the tariff of a JSON file (docs/tariffs.md), or new\n"
                  "                                        versions of a tariff already defined; nothing is stored\n"
                  "                                        if the file has a mistake\n"
                  "  tariff list                           list the tariffs as CSV, with the version in force today\n"
                  "  tariff assign ACCOUNT CODE --from DATE\n"
                  "                                        put the account on the tariff CODE of its market from\n"
                  "                                        DATE; its open tariff ends the day before\n");
}

int runTariff(const Parsed &p, QTextStream &out)
{
    const QString sub = p.words.value(1);
    if (sub == QLatin1String("import"))
        return runImport(p, out);
    if (sub == QLatin1String("list"))
        return runList(p, out);
    if (sub == QLatin1String("assign"))
        return runAssign(p, out);
    throw usage(sub.isEmpty() ? Tr::tr("\"tariff\" needs import, list or assign.")
                              : Tr::tr("Unknown tariff command \"%1\"; use import, list or assign.").arg(sub));
}

} // namespace Ud::App::Cli
