// The bill calculation against summing the same readings once.
//
//   bench_billing [--runs R] [--tariffs N]
//
// One year (2024-07-01..2025-06-30) of 15-minute readings of a London household, 35,040
// intervals with both DST days, is billed under N tariffs (default 20: flat, time-of-use with
// seasons and weekday/weekend/holiday schedules, monthly and annual blocks, a package, prepaid
// allowances, a demand charge) as the rate comparison does (BillingService::compare), and timed
// as the median of R runs (default 9). The baseline is one pass summing the year's readings.
// Also timed: one monthly time-of-use bill, a bill run of such bills (bills per second), and
// the whole rate comparison from a SQLite database (read, tariffs, taxes, 20 bills). Prints
// `name value unit` lines (DESIGN.md, Performance).

#include "../metering/meteringfixture.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffjson.h>
#include <billing/tariffservice.h>
#include <core/sqlquery.h>
#include <metering/readingstore.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Ud;
using namespace Ud::Billing;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

namespace {

template<typename F>
double medianMs(int runs, F work)
{
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}

const QTimeZone London("Europe/London");
const QDate From(2024, 7, 1);
const QDate To(2025, 6, 30);

/// A household's year: a daily shape with a morning and an evening peak, more in winter.
MeteredUsage yearOfUsage()
{
    MeteredUsage u;
    u.zone = London;
    u.intervalMinutes = 15;
    quint32 seed = 12345;
    for (QDate d = From; d <= To; d = d.addDays(1)) {
        const qint64 start = d.startOfDay(London).toSecsSinceEpoch();
        const qint64 end = d.addDays(1).startOfDay(London).toSecsSinceEpoch();
        const bool winter = d.month() >= 10 || d.month() <= 3;
        for (qint64 t = start; t < end; t += 900) {
            const int slot = int((t - start) / 900) % 96;
            qint64 wh = 40 + (winter ? 30 : 0);
            if (slot >= 28 && slot < 36)
                wh += 120;
            if (slot >= 68 && slot < 88)
                wh += 180;
            seed = seed * 1664525u + 1013904223u;
            wh += qint64(seed >> 27);
            u.readings << Reading{t, wh, (seed & 0xFFF) == 7 ? Quality::Estimated : Quality::Actual};
        }
    }
    return u;
}

QByteArray tariffFile(int i)
{
    const QByteArray code = "GB-BENCH-" + QByteArray::number(i);
    const QByteArray price = "0." + QByteArray::number(20 + i % 9) + QByteArray::number(10 + i);
    QByteArray components = R"({"type": "standing_charge", "perDay": "0.)" + QByteArray::number(40 + i) + R"("}, )";
    QByteArray kind = "postpaid";
    const QByteArray tou = R"({"type": "time_of_use", "seasons": [
        {"name": "winter", "from": "10-01", "to": "03-31", "days": [
          {"dayTypes": ["weekday"], "bands": [{"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.1512"},
            {"name": "day", "start": "07:00", "end": "16:00", "perKwh": "0.2745"}, {"name": "peak", "start": "16:00", "end": "19:00", "perKwh": "0.38905"},
            {"name": "day", "start": "19:00", "end": "23:00", "perKwh": "0.2745"}]},
          {"dayTypes": ["weekend", "holiday"], "bands": [{"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.1512"},
            {"name": "day", "start": "07:00", "end": "23:00", "perKwh": "0.2745"}]}]},
        {"name": "summer", "from": "04-01", "to": "09-30", "days": [
          {"dayTypes": ["weekday", "weekend", "holiday"], "bands": [{"name": "night", "start": "00:30", "end": "07:30", "perKwh": "0.1312"},
            {"name": "day", "start": "07:30", "end": "00:30", "perKwh": "0.2545"}]}]}]})";
    switch (i % 7) {
    case 0: components += R"({"type": "flat_rate", "perKwh": ")" + price + R"("})"; break;
    case 1: components += tou; break;
    case 2: components += R"({"type": "tiered_blocks", "period": "monthly", "blocks": [{"upToKwh": 150, "perKwh": "0.21"},
              {"upToKwh": 300, "perKwh": "0.26"}, {"perKwh": "0.31"}]})"; break;
    case 3: components += tou + R"(, {"type": "package", "includedKwhPerMonth": 150, "peakPerKwh": "0.31", "offPeakPerKwh": "0.155", "offPeakBands": ["night"]})"; break;
    case 4: components += R"({"type": "flat_rate", "perKwh": ")" + price + R"("}, {"type": "prepaid_allowance", "dailyAllowanceKwh": 2.5, "carryOverCapKwh": 20})";
            kind = "prepaid"; break;
    case 5: components += tou + R"(, {"type": "demand_charge", "perKw": "2.10"})"; break;
    case 6: components += R"({"type": "tiered_blocks", "period": "annual", "blocks": [{"upToKwh": 2000, "perKwh": "0.22"}, {"perKwh": "0.29"}]})"; break;
    }
    return R"({"code": ")" + code + R"(", "name": "Bench )" + QByteArray::number(i) + R"(", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": ")" + kind + R"(", "versions": [{"effectiveFrom": "2024-01-01",
        "holidays": ["2024-08-26", "2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26"],
        "components": [)" + components + "]}]}";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 9;
    int tariffCount = 20;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--tariffs"))
            tariffCount = args.at(++i).toInt();
    }

    const MeteredUsage usage = yearOfUsage();
    QList<Tariff> tariffs;
    for (int i = 0; i < tariffCount; ++i) {
        Tariff t = TariffJson::parse(tariffFile(i));
        t.id = QString::number(i);
        tariffs << t;
    }
    TaxSchedule taxes;
    taxes.vat << VatRate{QDate(1997, 9, 1), 500};
    BillingAccount account;
    account.accountNumber = QStringLiteral("BENCH");
    account.currency = QStringLiteral("GBP");
    account.marketCode = QStringLiteral("GB");
    account.zone = London;

    qint64 sink = 0;
    const double baseline = medianMs(runs, [&] {
        qint64 sum = 0;
        for (const Reading &r : usage.readings)
            sum += r.value;
        sink += sum;
    });
    AccountComparison comparison;
    const double compare = medianMs(runs, [&] {
        comparison = BillingService::compare(account, usage, From, To, tariffs, taxes, QStringLiteral("0"));
    });
    if (comparison.options.size() != tariffCount || !comparison.skipped.isEmpty()) {
        std::fprintf(stderr, "bench_billing: %d of %d tariffs priced the year\n", int(comparison.options.size()), tariffCount);
        return 1;
    }

    // A monthly time-of-use bill (January, 2,976 intervals) and a run of them.
    MeteredUsage january;
    january.zone = London;
    january.intervalMinutes = 15;
    const qint64 janFrom = QDate(2025, 1, 1).startOfDay(London).toSecsSinceEpoch();
    const qint64 janTo = QDate(2025, 2, 1).startOfDay(London).toSecsSinceEpoch();
    for (const Reading &r : usage.readings) {
        if (r.startUtc >= janFrom && r.startUtc < janTo)
            january.readings << r;
    }
    const Tariff &tou = tariffs.at(1);
    const int bills = 2000;
    const double monthly = medianMs(runs * 5, [&] {
        sink += BillCalculator::calculate(tou, taxes, january, QDate(2025, 1, 1), QDate(2025, 1, 31)).totalMinor;
    });
    const double run = medianMs(3, [&] {
        for (int b = 0; b < bills; ++b)
            sink += BillCalculator::calculate(tou, taxes, january, QDate(2025, 1, 1), QDate(2025, 1, 31)).totalMinor;
    });

    // The whole comparison from a SQLite database.
    double service = 0;
    {
        Test::TestDatabase db(QStringLiteral("sqlite"));
        Test::MeteringFixture f(db.db());
        BillingModule billing;
        billing.initialize(f.context);
        const auto admin = Core::UserContext::operatingSystemUser();
        for (int i = 0; i < tariffCount; ++i)
            billing.tariffs().importJson(admin, tariffFile(i), QStringLiteral("bench.json"));
        const Accounts::Meter meter = f.addMeter(QStringLiteral("BENCH-1"), QStringLiteral("Europe/London"), 15);
        Core::SqlQuery::run(db.db().connection(), QStringLiteral("UPDATE accounts SET opened_on = '2020-01-01'"));
        Metering::ReadingStore(db.db()).write(f.channelOf(meter), London, 15, usage.readings, QStringLiteral("bench"));
        const QString customer =
            Core::SqlQuery(db.db().connection(), QStringLiteral("SELECT customer_number FROM customers")).scalar().toString();
        RateComparison r;
        service = medianMs(runs, [&] { r = billing.billing().compareRates(f.agent(), customer); });
        if (r.accounts.size() != 1 || r.accounts.first().options.size() != tariffCount) {
            std::fprintf(stderr, "bench_billing: the stored comparison priced %d tariffs\n",
                         r.accounts.isEmpty() ? 0 : int(r.accounts.first().options.size()));
            return 1;
        }
    }

    const double intervals = double(usage.readings.size());
    std::printf("billing_intervals %lld count\n", qlonglong(usage.readings.size()));
    std::printf("billing_tariffs %d count\n", tariffCount);
    std::printf("billing_baseline_sum_year %.3f ms\n", baseline);
    std::printf("billing_rate_comparison %.3f ms\n", compare);
    std::printf("billing_rate_comparison_per_interval_tariff %.1f ns\n", compare * 1e6 / (intervals * tariffCount));
    std::printf("billing_rate_comparison_vs_baseline %.1f x\n", baseline > 0 ? compare / baseline : 0.0);
    std::printf("billing_monthly_tou_bill %.3f ms\n", monthly);
    std::printf("billing_bill_run_tou %.0f bills/s\n", bills / (run / 1000.0));
    std::printf("billing_rate_comparison_sqlite %.3f ms\n", service);
    std::printf("billing_sink %lld count\n", qlonglong(sink % 1000));
    return compare <= 50.0 ? 0 : 2;
}
