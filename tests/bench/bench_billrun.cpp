// The monthly bill run against reading the same usage.
//
//   bench_billrun [ACCOUNTS] [--pg-accounts N] [--runs R] [--batch B]
//
// A demo database (Demo::Generator, every electricity meter half-hourly, 62 days of history)
// whose postpaid accounts are all put on a time-of-use tariff of their market instead of the
// demo's mix (weekday night,
// day and a 16:00-19:00 peak; weekend night and day), then billed for the last whole calendar
// month of the history by BillRun: read in batches, calculated on the thread pool, written in
// one transaction per batch with their ledger entries. Timed as the median of R runs (default
// 3; the bills and their ledger entries are deleted between runs). Baselines in the same run: reading the month's usage of every account the
// way the run does (BillRunData, one query per batch) and one query per account
// (BillingData::usage), and calculating the bills alone. SQLite always (ACCOUNTS, default
// 10,000 customers); PostgreSQL when UD_TEST_PG_URL is set (--pg-accounts, default 2,000).
// Prints `name value unit` lines (DESIGN.md, Performance).

#include "../accounts/accountsfixture.h"

#include <billing/billingmodule.h>
#include <billing/billrun.h>
#include <billing/billrundata.h>
#include <billing/tariffservice.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <demo/generator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Ud;
using namespace Ud::Billing;

namespace {

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "bench_billrun: %s\n", qPrintable(why));
    std::exit(1);
}

template<typename F>
double medianSecs(int runs, F work)
{
    std::vector<double> secs;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        secs.push_back(double(t.nsecsElapsed()) / 1e9);
    }
    std::sort(secs.begin(), secs.end());
    return secs.at(secs.size() / 2);
}

/// A time-of-use tariff of the market in its currency, in force since 2000.
QByteArray touTariff(const QString &market, const QString &currency)
{
    return QStringLiteral(R"({"code": "BENCH-TOU", "name": "Bench time of use", "market": "%1", "currency": "%2",
        "customerClasses": ["residential", "commercial", "industrial", "agricultural"], "kind": "postpaid",
        "versions": [{"effectiveFrom": "2000-01-01", "components": [
          {"type": "standing_charge", "perDay": "0.5"},
          {"type": "time_of_use", "seasons": [{"name": "all year", "from": "01-01", "to": "12-31", "days": [
            {"dayTypes": ["weekday"], "bands": [
              {"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.14"},
              {"name": "day", "start": "07:00", "end": "16:00", "perKwh": "0.26"},
              {"name": "peak", "start": "16:00", "end": "19:00", "perKwh": "0.335"},
              {"name": "day", "start": "19:00", "end": "23:00", "perKwh": "0.26"}]},
            {"dayTypes": ["weekend", "holiday"], "bands": [
              {"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.14"},
              {"name": "day", "start": "07:00", "end": "23:00", "perKwh": "0.26"}]}]}]}]}]})")
        .arg(market, currency)
        .toUtf8();
}

struct Setup {
    QDate from;
    QDate to;
    qint64 accounts = 0;
};

Setup prepare(Test::AccountsFixture &f, BillingModule &billing, qint64 customers)
{
    Demo::Options options;
    options.customers = customers;
    options.days = 62;
    options.electricityInterval = 30;
    std::fprintf(stderr, "bench_billrun: generating %lld customers with 62 days of half-hourly data\n",
                 static_cast<long long>(customers));
    const Demo::Summary summary = Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
    Setup s;
    // The last whole calendar month before the history ends.
    const QDate end = summary.referenceDate.addDays(-1);
    s.to = end.day() == end.daysInMonth() ? end : end.addDays(-end.day());
    s.from = QDate(s.to.year(), s.to.month(), 1);

    Core::Database &db = f.database;
    const auto admin = Core::UserContext::operatingSystemUser();
    Core::SqlQuery markets(db.connection(), QStringLiteral("SELECT code, currency FROM markets"));
    markets.exec();
    QList<QPair<QString, QString>> marketList;
    while (markets.next())
        marketList.append({markets.value(0).toString(), markets.value(1).toString()});
    QHash<QString, QString> tariffOf;
    for (const auto &[code, currency] : std::as_const(marketList))
        tariffOf.insert(code, billing.tariffs().importJson(admin, touTariff(code, currency), QStringLiteral("bench")).tariff.id);
    Core::Transaction tx(db);
    // The demo's own tariff assignments (a mix of tariff types) give way: this is the TOU run.
    Core::SqlQuery::run(db.connection(), QStringLiteral("DELETE FROM account_tariffs"));
    Core::SqlQuery accounts(db.connection(), QStringLiteral(
        "SELECT id, market_code, opened_on FROM accounts WHERE payment_type = 'postpaid' AND status = 'active'"));
    accounts.exec();
    QVariantList ids, accountIds, tariffIds, froms, created;
    while (accounts.next()) {
        ids << Core::newId();
        accountIds << accounts.value(0);
        tariffIds << tariffOf.value(accounts.value(1).toString());
        froms << accounts.value(2);
        created << qint64(0);
    }
    Core::SqlQuery insert(db.connection(), QStringLiteral(
        "INSERT INTO account_tariffs (id, account_id, tariff_id, effective_from, effective_to, created_at) "
        "VALUES (?, ?, ?, ?, NULL, ?)"));
    insert.add(ids).add(accountIds).add(tariffIds).add(froms).add(created).execBatch();
    tx.commit();
    s.accounts = ids.size();
    return s;
}

void deleteBills(Core::Database &db)
{
    Core::Transaction tx(db);
    Core::SqlQuery::run(db.connection(), QStringLiteral("DELETE FROM ledger_entries WHERE kind = 'bill'"));
    for (const char *table : {"bill_lines", "bills", "bill_run_failures", "bill_runs"})
        Core::SqlQuery::run(db.connection(), QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
    tx.commit();
}

void bench(const QString &backend, qint64 customers, int runs, int batch)
{
    Test::TestDatabase t(backend);
    Test::AccountsFixture f(t.db());
    BillingModule billing;
    billing.initialize(f.context);
    const Setup s = prepare(f, billing, customers);
    const char *name = backend == QLatin1String("sqlite") ? "sqlite" : "postgresql";
    std::printf("%s_accounts %lld accounts\n", name, static_cast<long long>(s.accounts));
    std::printf("%s_period_days %lld days\n", name, static_cast<long long>(s.from.daysTo(s.to) + 1));

    const auto admin = Core::UserContext::operatingSystemUser();
    BillRunRecord last;
    const double runSecs = medianSecs(runs, [&] {
        deleteBills(t.db());
        last = billing.billRun().run(admin, s.from, s.to, {}, batch);
    });
    if (last.billed == 0 || last.failed > 0)
        fail(QStringLiteral("%1: the run billed %2 and failed %3 of %4 accounts").arg(backend).arg(last.billed).arg(last.failed).arg(last.accounts));
    std::printf("%s_bill_run %.0f bills/s\n", name, double(last.billed) / runSecs);
    std::printf("%s_bill_run_time %.3f s\n", name, runSecs);

    // Baseline: the run's reads alone (accounts, assignments and usage, one query each per batch).
    BillRunData data(t.db());
    const QList<BillRunCandidate> candidates = Core::readOnly(t.db(), [&] { return data.candidates(s.from, s.to); });
    QList<QHash<QString, MeteredUsage>> usageBatches;
    QList<QHash<QString, BillRunAccount>> accountBatches;
    const double readSecs = medianSecs(runs, [&] {
        usageBatches.clear();
        accountBatches.clear();
        Core::Transaction read(t.db(), Core::Transaction::Mode::Read);
        for (qsizetype i = 0; i < candidates.size(); i += batch) {
            QStringList ids;
            for (qsizetype j = i; j < std::min<qsizetype>(i + batch, candidates.size()); ++j)
                ids << candidates.at(j).accountId;
            const auto accounts = data.accounts(ids);
            QHash<QString, QPair<QDate, QDate>> days;
            for (const QString &id : std::as_const(ids))
                days.insert(id, {s.from, s.to});
            usageBatches << data.usage(accounts, days);
            accountBatches << accounts;
        }
        read.commit();
    });
    std::printf("%s_baseline_read_usage_batched %.0f accounts/s\n", name, double(candidates.size()) / readSecs);

    // Baseline: one account at a time, as a bill on its own reads (a sample of 500).
    const qsizetype sample = std::min<qsizetype>(500, candidates.size());
    const double perAccountSecs = medianSecs(1, [&] {
        Core::Transaction read(t.db(), Core::Transaction::Mode::Read);
        BillingData one(t.db());
        for (qsizetype i = 0; i < sample; ++i)
            one.usage(one.account(candidates.at(i).accountId), s.from, s.to);
        read.commit();
    });
    std::printf("%s_baseline_read_usage_per_account %.0f accounts/s\n", name, double(sample) / perAccountSecs);

    // Baseline: calculating the bills alone, in parallel as the run does.
    if (backend == QLatin1String("sqlite")) {
        const Tariff tariff = billing.tariffs().get(admin, QStringLiteral("GB"), QStringLiteral("BENCH-TOU"));
        const TaxSchedule taxes = Core::readOnly(t.db(), [&] {
            return BillingData(t.db()).taxes(QStringLiteral("GB"), Accounts::CustomerClass::Residential);
        });
        QList<MeteredUsage> usages;
        for (const auto &b : std::as_const(usageBatches)) {
            for (auto it = b.constBegin(); it != b.constEnd(); ++it)
                usages << it.value();
        }
        const double calcSecs = medianSecs(runs, [&] {
            QtConcurrent::blockingMap(usages, [&](MeteredUsage &u) {
                BillCalculator::calculate(tariff, taxes, u, s.from, s.to);
            });
        });
        std::printf("%s_baseline_calculate_only %.0f bills/s\n", name, double(usages.size()) / calcSecs);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Test::installTestMasterKey();
    const QStringList args = QCoreApplication::arguments().mid(1);
    qint64 customers = 10000;
    qint64 pgCustomers = 2000;
    int runs = 3;
    int batch = BillRun::DefaultBatchSize;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--pg-accounts") && hasValue)
            pgCustomers = std::max<qint64>(10, args.at(++i).toLongLong());
        else if (a == QLatin1String("--runs") && hasValue)
            runs = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--batch") && hasValue)
            batch = std::max(1, args.at(++i).toInt());
        else if (!a.startsWith(QLatin1String("--")))
            customers = std::max<qint64>(10, a.toLongLong());
        else
            fail(QStringLiteral("unknown argument %1").arg(a));
    }
    try {
        bench(QStringLiteral("sqlite"), customers, runs, batch);
        if (Test::backendAvailable(QStringLiteral("postgresql")))
            bench(QStringLiteral("postgresql"), pgCustomers, runs, batch);
    } catch (const Core::Error &e) {
        fail(e.message());
    }
    return 0;
}
