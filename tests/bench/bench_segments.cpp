// The live segment count over a demo database, against counting every customer in the same run
// (issue 6, Performance).
//
//   bench_segments [CUSTOMERS] [--file FILE] [--postgresql URL] [--runs R] [--sqlite-only | --postgresql-only]
//                  [--only TEXT]   (only the rules and funnels whose name contains TEXT, e.g. funnel_)
//
// Builds (or reuses, when it holds at least CUSTOMERS, default 1,000,000) a demo database
// without interval data: the SQLite FILE (default utilitydesk-segments-<N>.db in the temporary
// folder) and, with --postgresql URL or UD_BENCH_PG_URL set, that PostgreSQL database (empty, or
// holding an earlier run's data). The demo has no ledger, so once, before anything is timed, the
// bench writes each account a ledger of a few billing cycles (see writeLedgers) for the billing
// attributes to read. Generation and that ledger are never part of a figure.
//
// On each database it times Accounts::SegmentCount::count, the live count the segment builder
// and `utilitydesk segment count` show, for the named rules below: the median and the slowest
// of R runs (default 5) after one untimed run, as `<db>_count_<name>_ms`, with the members as
// `<db>_count_<name>_members`. Baseline: `SELECT COUNT(*) FROM customers` on the same
// connection (`<db>_baseline_count_all_ms`). Then the segment builder's funnel of two
// six-condition ANDs (Segments::SegmentQuery::funnel, one query; `<db>_funnel_<name>_ms`).
// Usage rules read the customers' usage profiles, which the bench writes once (synthetic
// figures: the demo here has no interval data; see writeUsageProfiles).
//
// Targets: profile-only rules <= 150 ms, usage-aggregate rules <= 400 ms, a funnel <= 1 s;
// exit 1 if one is missed. Billing rules are reported without a target.

#include <appcontext.h>

#include <accounts/accountsmodule.h>
#include <accounts/segmentcount.h>
#include <billing/ledger.h>
#include <billing/ledgerrepository.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/keystore.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <demo/generator.h>
#include <metering/usageprofiles.h>
#include <segments/segmentquery.h>
#include <segments/segmentsmodule.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Ud;

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_segments: %s\n", qPrintable(message));
    std::exit(1);
}

/// What a named rule is held to.
enum class Group { Profile, Usage, Billing };

struct NamedRule {
    QString name;
    QString text;
    Group group = Group::Profile;
};

double targetMs(Group g)
{
    switch (g) {
    case Group::Profile: return 150;
    case Group::Usage: return 400;
    case Group::Billing: return 0; // reported, no target
    }
    return 0;
}

/// Values the rules name that only the data knows: a busy postcode and region, a tariff code.
struct Samples {
    QString region;
    QString postcode;
    QString tariffCode;
};

QString sampleOne(Core::Database &db, const QString &sql)
{
    Core::SqlQuery q(db.connection(), sql);
    q.exec();
    return q.next() ? q.value(0).toString() : QString();
}

Samples sample(Core::Database &db)
{
    Samples s;
    s.region = sampleOne(db, QStringLiteral("SELECT region FROM premises WHERE region IS NOT NULL AND region <> '' "
                                            "GROUP BY region ORDER BY COUNT(*) DESC, region LIMIT 1"));
    s.postcode = sampleOne(db, QStringLiteral("SELECT postcode FROM premises WHERE postcode <> '' "
                                              "GROUP BY postcode ORDER BY COUNT(*) DESC, postcode LIMIT 1"));
    s.tariffCode = sampleOne(db, QStringLiteral("SELECT t.code FROM account_tariffs at JOIN tariffs t ON t.id = at.tariff_id "
                                                "GROUP BY t.code ORDER BY COUNT(*) DESC, t.code LIMIT 1"));
    return s;
}

QString quoted(const QString &text)
{
    QString q = text;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// Rules over the customer profile only (accountsattributes.h): <= 150 ms each.
QList<NamedRule> profileRules(const Samples &s)
{
    QList<NamedRule> rules{
        {QStringLiteral("class"), QStringLiteral("class = \"residential\"")},
        {QStringLiteral("household_size"), QStringLiteral("household_size >= 4")},
        {QStringLiteral("income_band"), QStringLiteral("income_band in (\"low\", \"lower_middle\")")},
        {QStringLiteral("age_band"), QStringLiteral("age_band = \"from_60_to_74\"")},
        {QStringLiteral("has_appliance"), QStringLiteral("has appliance \"solar_pv\"")},
        {QStringLiteral("has_vulnerability"), QStringLiteral("has vulnerability \"life_support\"")},
        {QStringLiteral("region"), QStringLiteral("region = %1").arg(quoted(s.region))},
        {QStringLiteral("postcode"), QStringLiteral("postcode = %1").arg(quoted(s.postcode))},
        {QStringLiteral("and_3"), QStringLiteral("class = \"residential\" and household_size >= 3 and income_band = \"middle\"")},
        {QStringLiteral("or_2"), QStringLiteral("class = \"commercial\" or has appliance \"ev_charger\"")},
        {QStringLiteral("not_or"), QStringLiteral("not (class = \"commercial\" or has appliance \"battery\")")},
        {QStringLiteral("appliance_and_not"),
         QStringLiteral("class = \"residential\" and has appliance \"heat_pump\" and not has vulnerability \"life_support\"")},
        {QStringLiteral("region_and_class"), QStringLiteral("region = %1 and class = \"residential\"").arg(quoted(s.region))},
    };
    return rules;
}

/// Rules with usage aggregates (usage.avg_monthly_kwh(last 12 months) and the like, over the
/// per-customer summaries): <= 400 ms each. The usage attributes are registered by the usage
/// module; its rules go here, as {name, text, Group::Usage}, once they are in the catalog.
QList<NamedRule> usageRules()
{
    return {
        {QStringLiteral("usage_avg"), QStringLiteral("usage.avg_monthly_kwh(last 12 months) > 720.0"), Group::Usage},
        {QStringLiteral("usage_night_share"), QStringLiteral("usage.night_share(last 6 months) > 0.3"), Group::Usage},
        {QStringLiteral("usage_yoy_growth"), QStringLiteral("usage.yoy_growth(last 12 months) > 0.02"), Group::Usage},
        {QStringLiteral("usage_seasonality"), QStringLiteral("usage.seasonality(last 2 years) > 1.2"), Group::Usage},
        {QStringLiteral("usage_max_demand"), QStringLiteral("usage.max_demand_kw(last 3 months) >= 10.0"), Group::Usage},
        {QStringLiteral("usage_and_profile"),
         QStringLiteral("class = \"residential\" and has appliance \"heat_pump\" and usage.night_share(last 12 months) > 0.25"),
         Group::Usage},
        {QStringLiteral("usage_two"),
         QStringLiteral("usage.avg_monthly_kwh(last 12 months) > 650.0 and not usage.peak_share(last 12 months) > 0.3"),
         Group::Usage},
    };
}

/// The billing attributes (billingattributes.h), reported without a target.
QList<NamedRule> billingRules(const Samples &s)
{
    QList<NamedRule> rules{
        {QStringLiteral("balance"), QStringLiteral("account.balance < 0"), Group::Billing},
        {QStringLiteral("days_in_arrears"), QStringLiteral("account.days_in_arrears > 30"), Group::Billing},
        {QStringLiteral("arrears_and_class"), QStringLiteral("class = \"residential\" and account.days_in_arrears > 60"),
         Group::Billing},
    };
    if (!s.tariffCode.isEmpty())
        rules.append({QStringLiteral("has_tariff"), QStringLiteral("has tariff %1").arg(quoted(s.tariffCode)), Group::Billing});
    return rules;
}

/// Funnels: a rule as the AND of its conditions, counted prefix by prefix as the segment
/// builder's funnel shows how many members each condition keeps; <= 1 s for all six. A funnel
/// with usage conditions joins this list when the usage attributes are in the catalog.
struct Funnel {
    QString name;
    QStringList conditions;
};

QList<Funnel> funnels(const Samples &s)
{
    return {{QStringLiteral("profile_6"),
             {QStringLiteral("class = \"residential\""), QStringLiteral("household_size >= 2"),
              QStringLiteral("income_band in (\"middle\", \"upper_middle\", \"high\")"),
              QStringLiteral("not age_band = \"under_30\""), QStringLiteral("has appliance \"solar_pv\""),
              QStringLiteral("region = %1").arg(quoted(s.region))}},
            {QStringLiteral("usage_6"),
             {QStringLiteral("class = \"residential\""), QStringLiteral("household_size >= 2"),
              QStringLiteral("usage.avg_monthly_kwh(last 12 months) > 600.0"),
              QStringLiteral("usage.night_share(last 12 months) > 0.2"), QStringLiteral("has appliance \"solar_pv\""),
              QStringLiteral("usage.yoy_growth(last 12 months) > 0.0")}}};
}

/// Once per database, before timing: a usage profile for nine customers in ten (the demo
/// without interval data has none), as the meter-data store would keep them: 24 months of
/// 500-900 kWh, peak and night 100-250 kWh of each of the last 12 months, demand 2-12 kW,
/// through the last complete month. A later run in another month only moves through_month
/// (the figures are synthetic either way). True if it wrote them.
bool writeUsageProfiles(Core::Database &db, const QString &throughMonth)
{
    if (Core::SqlQuery(db.connection(), QStringLiteral("SELECT COUNT(*) FROM customer_usage_profiles")).scalar(0).toLongLong() > 0) {
        Core::Transaction tx(db);
        for (const char *table : {"customer_usage_profiles", "customer_usage_periods"})
            Core::SqlQuery(db.connection(), QStringLiteral("UPDATE %1 SET through_month = :m WHERE through_month <> :m").arg(QLatin1String(table)))
                .bind(QStringLiteral(":m"), throughMonth)
                .exec();
        tx.commit();
        return false;
    }
    std::fprintf(stderr, "bench_segments: writing usage profiles (once; reused next time)\n");
    QElapsedTimer timer;
    timer.start();
    const bool sqlite = db.dialect().isSqlite();
    // A whole number from `low` up to `low + span - 1`, fresh per row and column.
    const auto randomIn = [sqlite](qint64 low, qint64 span) {
        return sqlite ? QStringLiteral("(%1 + abs(random()) % %2)").arg(low).arg(span)
                      : QStringLiteral("(%1 + floor(random() * %2))::bigint").arg(low).arg(span);
    };
    QStringList columns{QStringLiteral("customer_id"), QStringLiteral("through_month"), QStringLiteral("updated_at")};
    QStringList values{QStringLiteral("c.id"), QStringLiteral(":m"), QString::number(QDateTime::currentSecsSinceEpoch())};
    for (int k = 1; k <= Metering::UsageProfiles::Months; ++k) {
        columns << QStringLiteral("wh_%1").arg(k, 2, 10, QLatin1Char('0'));
        values << randomIn(500000, 400000);
    }
    for (const auto &[prefix, low, span] : {std::tuple{"peak_wh_", 100000, 150000}, std::tuple{"night_wh_", 100000, 150000},
                                            std::tuple{"demand_w_", 2000, 10000}}) {
        for (int k = 1; k <= Metering::UsageProfiles::DetailMonths; ++k) {
            columns << QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(k, 2, 10, QLatin1Char('0'));
            values << randomIn(low, span);
        }
    }
    Core::Transaction tx(db);
    Core::SqlQuery(db.connection(), QStringLiteral("INSERT INTO customer_usage_profiles (%1) SELECT %2 FROM customers c WHERE %3")
                                        .arg(columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                                             sqlite ? QStringLiteral("abs(random()) % 10 <> 0") : QStringLiteral("random() < 0.9")))
        .bind(QStringLiteral(":m"), throughMonth)
        .exec();
    // The figures per period, as UsageProfiles::refresh keeps them beside each profile row.
    Core::SqlQuery::run(db.connection(), Metering::UsageProfiles::periodsInsertSql(db.dialect(), QStringLiteral("1 = 1")));
    tx.commit();
    std::fprintf(stderr, "bench_segments: usage profiles written in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return true;
}

/// True if it wrote the customers.
bool generate(App::AppContext &context, qint64 customers, const QString &where, bool postgres)
{
    const qint64 have =
        Core::SqlQuery(context.database().connection(), QStringLiteral("SELECT COUNT(*) FROM customers")).scalar(0).toLongLong();
    if (have >= customers)
        return false;
    if (have > 0)
        fail(postgres ? QStringLiteral("the PostgreSQL database holds %1 customers, fewer than %2: give an empty one").arg(have).arg(customers)
                      : QStringLiteral("%1 holds %2 customers, fewer than %3: remove it first").arg(where).arg(have).arg(customers));
    Demo::Options options;
    options.customers = customers;
    options.intervalData = false;
    std::fprintf(stderr, "bench_segments: generating %lld customers into %s (once; reused next time)\n",
                 static_cast<long long>(customers), qPrintable(where));
    const Demo::Summary summary = Demo::Generator(context.context()).run(Core::UserContext::operatingSystemUser(), options);
    std::fprintf(stderr, "bench_segments: generated in %.1f s\n", summary.seconds);
    return true;
}

/// Once per database, before timing: the ledger of a few billing cycles for every account, as
/// the bill run and the payment desk would have left it (the demo writes none). A postpaid
/// account has three monthly bills (due 80, 50 and 20 days before the day the ledger is
/// written, issued two weeks before that) and pays all, the first two, the first or none of
/// them two days before they fall due; a prepaid account two top-ups and a debit adjustment.
/// Written in bulk (LedgerRepository::insertAll), one transaction per 20,000 accounts.
/// True if it wrote them.
bool writeLedgers(Core::Database &db)
{
    if (Core::SqlQuery(db.connection(), QStringLiteral("SELECT COUNT(*) FROM ledger_entries")).scalar(0).toLongLong() > 0)
        return false;
    struct Acc { QString id; bool prepaid; QString currency; };
    std::vector<Acc> accounts;
    {
        Core::SqlQuery q(db.connection(), QStringLiteral("SELECT a.id, a.payment_type, m.currency FROM accounts a "
                                                         "JOIN markets m ON m.code = a.market_code ORDER BY a.id"));
        q.exec();
        while (q.next())
            accounts.push_back({q.value(0).toString(), q.value(1).toString() == QLatin1String("prepaid"), q.value(2).toString()});
    }
    std::fprintf(stderr, "bench_segments: writing the ledgers of %zu accounts (once; reused next time)\n", accounts.size());
    QElapsedTimer timer;
    timer.start();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QRandomGenerator random(20261201);
    Billing::LedgerRepository ledger(db);
    constexpr std::size_t Batch = 20000;
    for (std::size_t from = 0; from < accounts.size(); from += Batch) {
        QList<Billing::LedgerEntry> entries;
        for (std::size_t i = from; i < std::min(accounts.size(), from + Batch); ++i) {
            const Acc &a = accounts[i];
            qint64 seq = 0;
            const auto add = [&](Billing::EntryKind kind, qint64 minor, const QDate &day, const QString &reference, const QDate &due) {
                Billing::LedgerEntry e;
                e.id = Core::newId();
                e.accountId = a.id;
                e.seq = ++seq;
                e.at = now;
                e.day = day;
                e.kind = kind;
                e.amountMinor = minor;
                e.currency = a.currency;
                e.reference = reference;
                e.actor = QStringLiteral("bench");
                e.dueOn = due;
                if (kind == Billing::EntryKind::Payment || kind == Billing::EntryKind::TopUp)
                    e.method = kind == Billing::EntryKind::Payment ? QStringLiteral("direct_debit") : QStringLiteral("card");
                if (kind == Billing::EntryKind::Adjustment)
                    e.note = QStringLiteral("Estimated use");
                entries << e;
            };
            if (a.prepaid) {
                add(Billing::EntryKind::TopUp, 1000 + random.bounded(4000), today.addDays(-40), Core::newId(), {});
                add(Billing::EntryKind::Adjustment, -qint64(500 + random.bounded(6000)), today.addDays(-25), {}, {});
                add(Billing::EntryKind::TopUp, 1000 + random.bounded(4000), today.addDays(-10), Core::newId(), {});
                continue;
            }
            const int paid = int(random.bounded(10)); // 0-5 all three, 6-7 two, 8 one, 9 none
            const int paidBills = paid < 6 ? 3 : (paid < 8 ? 2 : (paid < 9 ? 1 : 0));
            for (int b = 0; b < 3; ++b) {
                const QDate due = today.addDays(-80 + 30 * b);
                const qint64 amount = 2000 + random.bounded(13000);
                add(Billing::EntryKind::Bill, -amount, due.addDays(-14), QStringLiteral("BENCH-%1").arg(b + 1), due);
                if (b < paidBills)
                    add(Billing::EntryKind::Payment, amount, due.addDays(-2), {}, {});
            }
        }
        Core::Transaction tx(db);
        ledger.insertAll(entries);
        tx.commit();
    }
    std::fprintf(stderr, "bench_segments: ledgers written in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return true;
}

struct Timing {
    double medianMs = 0;
    double maxMs = 0;
    qint64 result = 0;
};

template<typename F>
Timing measure(int runs, F work)
{
    Timing t;
    t.result = work(); // warms the caches; not timed
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        const qint64 result = work();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (result != t.result)
            fail(QStringLiteral("a count changed between runs (%1, then %2)").arg(t.result).arg(result));
    }
    std::sort(ms.begin(), ms.end());
    t.medianMs = ms.at(ms.size() / 2);
    t.maxMs = ms.back();
    return t;
}

/// Every measurement on one database; false if a target was missed.
bool run(const QString &url, const char *db, qint64 customers, int runs, const QString &only)
{
    App::AppContext context(Core::DatabaseUrl::parse(url));
    context.open();
    const bool postgres = QLatin1String(db) == QLatin1String("postgresql");
    generate(context, customers, url, postgres);
    writeLedgers(context.database());
    writeUsageProfiles(
        context.database(), Metering::UsageProfiles::throughMonthFor(QDateTime::currentDateTimeUtc().date()));
    Core::Database &database = context.database();
    // After the bulk writes, the planner statistics and visibility map autovacuum would leave
    // (SQLite has no statistics unless asked, and the application never asks).
    // Always: a migration the bench just applied may have rewritten every customer row.
    if (postgres) {
        QElapsedTimer vacuum;
        vacuum.start();
        Core::SqlQuery::run(database.connection(), QStringLiteral("VACUUM ANALYZE"));
        std::fprintf(stderr, "bench_segments: VACUUM ANALYZE in %.1f s\n", double(vacuum.elapsed()) / 1000.0);
    }
    auto *accounts = context.module<Accounts::AccountsModule>();
    if (!accounts)
        fail(QStringLiteral("no accounts module"));
    Accounts::SegmentCount &segments = accounts->segmentCount();
    const Core::UserContext user = Core::UserContext::operatingSystemUser();
    const Samples samples = sample(database);

    const Timing all = measure(runs, [&] {
        return Core::SqlQuery(database.connection(), QStringLiteral("SELECT COUNT(*) FROM customers")).scalar(0).toLongLong();
    });
    std::printf("database %s %lld customers\n", db, static_cast<long long>(all.result));
    std::printf("%s_baseline_count_all_ms %.1f ms\n", db, all.medianMs);

    bool missed = false;
    QList<NamedRule> rules = profileRules(samples) + usageRules() + billingRules(samples);
    for (const NamedRule &rule : std::as_const(rules)) {
        if (!only.isEmpty() && !rule.name.contains(only))
            continue;
        const Timing t = measure(runs, [&] { return segments.count(user, rule.text); });
        const double target = targetMs(rule.group);
        const bool over = target > 0 && t.medianMs > target;
        missed = missed || over;
        std::printf("%s_count_%s_ms %.1f ms (max %.1f; %.1fx the baseline)%s\n", db, qPrintable(rule.name), t.medianMs, t.maxMs,
                    t.medianMs / std::max(all.medianMs, 0.001), over ? qPrintable(QStringLiteral(" OVER %1 ms").arg(target)) : "");
        std::printf("%s_count_%s_members %lld customers\n", db, qPrintable(rule.name), static_cast<long long>(t.result));
    }
    auto *segmentsModule = context.module<Segments::SegmentsModule>();
    if (!segmentsModule)
        fail(QStringLiteral("no segments module"));
    for (const Funnel &funnel : funnels(samples)) {
        if (!only.isEmpty() && !(QStringLiteral("funnel_") + funnel.name).contains(only))
            continue;
        // The segment builder's funnel: one query for every step and condition.
        Segments::SegmentDefinition definition;
        definition.ruleText = funnel.conditions.join(QStringLiteral(" and "));
        std::vector<qint64> kept;
        const Timing t = measure(runs, [&] {
            kept.clear();
            const Segments::Funnel f = segmentsModule->query().funnel(user, definition, nullptr, Segments::FunnelDetail::Steps);
            for (const Segments::FunnelStep &step : f.steps)
                kept.push_back(step.remaining);
            return f.members;
        });
        if (kept.size() != std::size_t(funnel.conditions.size()) || kept.back() != segments.count(user, definition.ruleText))
            fail(QStringLiteral("the funnel %1 does not end with the rule's count").arg(funnel.name));
        const bool over = t.medianMs > 1000;
        missed = missed || over;
        QStringList counts;
        for (qint64 k : kept)
            counts << QString::number(k);
        std::printf("%s_funnel_%s_ms %.1f ms (max %.1f; kept %s)%s\n", db, qPrintable(funnel.name), t.medianMs, t.maxMs,
                    qPrintable(counts.join(QStringLiteral(", "))), over ? " OVER 1000 ms" : "");
        // The outcomes the builder fills in after the steps: every condition for every customer.
        const Timing full = measure(runs, [&] {
            return segmentsModule->query().funnel(user, definition, nullptr, Segments::FunnelDetail::StepsAndOutcomes).members;
        });
        std::printf("%s_funnel_%s_with_outcomes_ms %.1f ms (max %.1f; reported, no target)\n", db, qPrintable(funnel.name),
                    full.medianMs, full.maxMs);
    }
    database.releaseThreadConnection();
    return !missed;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty(Core::KeyStore::EnvironmentVariable))
        qputenv(Core::KeyStore::EnvironmentVariable, QByteArrayLiteral("YmVuY2gtc3RhcnR1cC1rZXktMDEyMzQ1Njc4OWFiY2Q="));
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured, also in a file
    const QStringList args = QCoreApplication::arguments().mid(1);
    qint64 customers = 1000000;
    int runs = 5;
    bool sqliteOnly = false;
    bool postgresOnly = false;
    QString file;
    QString only;
    QString postgres = qEnvironmentVariable("UD_BENCH_PG_URL");
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--file") && hasValue)
            file = args.at(++i);
        else if (a == QLatin1String("--postgresql") && hasValue)
            postgres = args.at(++i);
        else if (a == QLatin1String("--only") && hasValue)
            only = args.at(++i);
        else if (a == QLatin1String("--runs") && hasValue)
            runs = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--sqlite-only"))
            sqliteOnly = true;
        else if (a == QLatin1String("--postgresql-only"))
            postgresOnly = true;
        else if (!a.startsWith(QLatin1String("--")))
            customers = std::max<qint64>(100, a.toLongLong());
        else
            fail(QStringLiteral("unknown argument %1").arg(a));
    }
    if (file.isEmpty())
        file = QDir::temp().filePath(QStringLiteral("utilitydesk-segments-%1.db").arg(customers));

    try {
        if (postgresOnly && postgres.isEmpty())
            fail(QStringLiteral("--postgresql-only needs --postgresql URL or UD_BENCH_PG_URL"));
        bool ok = postgresOnly || run(QStringLiteral("sqlite://") + QFileInfo(file).absoluteFilePath(), "sqlite", customers, runs, only);
        if (!postgres.isEmpty() && !sqliteOnly)
            ok = run(postgres, "postgresql", customers, runs, only) && ok;
        return ok ? 0 : 1;
    } catch (const Core::Error &e) {
        fail(e.message());
    }
}
