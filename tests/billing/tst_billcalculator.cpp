// BillCalculator edge cases and errors (the golden files in tst_billgolden check whole bills):
// a day no version covers is named, missing and estimated intervals are counted, interval
// lengths, the period's order, DST days' interval counts, VAT split at a rate change, levies
// in force for part of a period, the allowance carried between calls, annual blocks counting
// readings before the period, and several meters' readings of one interval adding up.

#include <billing/billcalculation.h>
#include <core/error.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using namespace Ud::Billing;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

namespace {

const QTimeZone London("Europe/London");

Tariff tariffWith(QList<Component> components, QDate from = QDate(2024, 1, 1), std::optional<QDate> to = {})
{
    Tariff t;
    t.id = QStringLiteral("t1");
    t.code = QStringLiteral("TEST");
    t.marketCode = QStringLiteral("GB");
    t.currency = QStringLiteral("GBP");
    t.versions << TariffVersion{from, to, {}, std::move(components)};
    return t;
}

/// Every interval of the local days [from, to] with `wh` each.
MeteredUsage constantUsage(const QDate &from, const QDate &to, qint64 wh, int minutes = 30,
                           const QTimeZone &zone = London)
{
    MeteredUsage u;
    u.zone = zone;
    u.intervalMinutes = minutes;
    const qint64 start = from.startOfDay(zone).toSecsSinceEpoch();
    const qint64 end = to.addDays(1).startOfDay(zone).toSecsSinceEpoch();
    for (qint64 t = start; t < end; t += minutes * 60)
        u.readings << Reading{t, wh, Quality::Actual};
    return u;
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Core::Error &e) {
        return e.message();
    }
    return {};
}

TimeOfUse dayNight()
{
    Season all{QStringLiteral("all"), 1, 1, 12, 31, {}};
    all.days << DaySchedule{allDayTypes(),
                            {TimeBand{QStringLiteral("night"), 0, 120, 100000},
                             TimeBand{QStringLiteral("day"), 120, 1440, 300000}}};
    return TimeOfUse{{all}};
}

} // namespace

class TestBillCalculator : public QObject
{
    Q_OBJECT

private slots:
    void dayWithoutVersionIsNamed()
    {
        const Tariff t = tariffWith({FlatRate{250000}}, QDate(2024, 1, 1), QDate(2024, 1, 10));
        const QString message = errorOf([&] {
            BillCalculator::calculate(t, {}, constantUsage(QDate(2024, 1, 5), QDate(2024, 1, 12), 100),
                                      QDate(2024, 1, 5), QDate(2024, 1, 12));
        });
        QVERIFY2(message.contains(QLatin1String("2024-01-11")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("TEST")), qPrintable(message));
    }

    void periodOrderAndIntervalLength()
    {
        const Tariff t = tariffWith({FlatRate{250000}});
        QString message = errorOf([&] {
            BillCalculator::calculate(t, {}, constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 2), 1),
                                      QDate(2024, 1, 3), QDate(2024, 1, 2));
        });
        QVERIFY2(message.contains(QLatin1String("2024-01-02")) && message.contains(QLatin1String("2024-01-03")),
                 qPrintable(message));
        MeteredUsage u;
        u.zone = London;
        u.intervalMinutes = 7;
        message = errorOf([&] { BillCalculator::calculate(t, {}, u, QDate(2024, 1, 1), QDate(2024, 1, 1)); });
        QVERIFY2(message.contains(QLatin1String("7 minutes")), qPrintable(message));
    }

    void missingAndEstimatedAreCounted()
    {
        const Tariff t = tariffWith({FlatRate{200000}});
        MeteredUsage u = constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 2), 500);
        u.readings.remove(10, 4);                  // 4 half hours missing
        u.readings[20].quality = Quality::Estimated;
        u.readings[21].quality = Quality::Edited;
        u.readings[22].quality = Quality::Missing; // a Missing reading is no reading
        const BillResult r = BillCalculator::calculate(t, {}, u, QDate(2024, 1, 1), QDate(2024, 1, 2));
        QCOMPARE(r.expectedIntervals, 96);
        QCOMPARE(r.missingIntervals, 5);
        QCOMPARE(r.consumptionWh, 91 * 500);
        QCOMPARE(r.estimatedWh, 1000);
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines[0].quantity, 45500);
        QCOMPARE(r.lines[0].estimatedWh, 1000);
        // 45.5 kWh x 0.20 = 9.10
        QCOMPARE(r.lines[0].amountMinor, 910);
        QCOMPARE(r.totalMinor, 910);
    }

    void dstDaysHaveTheirIntervals()
    {
        const Tariff t = tariffWith({TimeOfUse(dayNight())});
        const BillResult spring = BillCalculator::calculate(
            t, {}, constantUsage(QDate(2024, 3, 31), QDate(2024, 3, 31), 1000), QDate(2024, 3, 31), QDate(2024, 3, 31));
        QCOMPARE(spring.expectedIntervals, 46);
        QCOMPARE(spring.missingIntervals, 0);
        // 00:00-01:00 and 02:00-... local: the night band 00:00-02:00 has only 00:00-01:00 (2 half hours).
        QCOMPARE(spring.lines.size(), 2);
        QCOMPARE(spring.lines[0].label, QStringLiteral("night"));
        QCOMPARE(spring.lines[0].quantity, 2000);
        QCOMPARE(spring.lines[1].quantity, 44000);
        const BillResult autumn = BillCalculator::calculate(
            t, {}, constantUsage(QDate(2024, 10, 27), QDate(2024, 10, 27), 1000), QDate(2024, 10, 27),
            QDate(2024, 10, 27));
        QCOMPARE(autumn.expectedIntervals, 50);
        // 00:00-02:00 local with 01:00-02:00 twice: 6 half hours of night.
        QCOMPARE(autumn.lines[0].quantity, 6000);
        QCOMPARE(autumn.lines[1].quantity, 44000);
        // 15-minute data: 92 and 100 intervals.
        const BillResult quarter = BillCalculator::calculate(
            t, {}, constantUsage(QDate(2024, 3, 31), QDate(2024, 3, 31), 10, 15), QDate(2024, 3, 31), QDate(2024, 3, 31));
        QCOMPARE(quarter.expectedIntervals, 92);
    }

    void vatSplitsAtARateChange()
    {
        TaxSchedule taxes;
        taxes.vat << VatRate{QDate(2000, 1, 1), 2000} << VatRate{QDate(2024, 1, 11), 500};
        QCOMPARE(taxes.vatRateOn(QDate(1999, 12, 31)), 0);
        QCOMPARE(taxes.vatRateOn(QDate(2024, 1, 10)), 2000);
        QCOMPARE(taxes.vatRateOn(QDate(2024, 1, 11)), 500);
        const Tariff t = tariffWith({StandingCharge{500000}, FlatRate{100000}});
        const BillResult r = BillCalculator::calculate(t, taxes, constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 20), 100),
                                                       QDate(2024, 1, 1), QDate(2024, 1, 20));
        // Two runs of 10 days: standing 10 x 0.50 = 5.00, energy 48 x 10 x 0.1 kWh = 48 kWh x 0.10 = 4.80.
        QCOMPARE(r.lines.size(), 6);
        QCOMPARE(r.lines[0].amountMinor, 500);
        QCOMPARE(r.lines[1].amountMinor, 480);
        QCOMPARE(r.lines[4].kind, LineKind::Vat);
        QCOMPARE(r.lines[4].quantity, 980);
        QCOMPARE(r.lines[4].unitPrice, 2000);
        QCOMPARE(r.lines[4].amountMinor, 196);
        QCOMPARE(r.lines[4].to, QDate(2024, 1, 10));
        QCOMPARE(r.lines[5].unitPrice, 500);
        QCOMPARE(r.lines[5].amountMinor, 49);
        QCOMPARE(r.lines[5].from, QDate(2024, 1, 11));
        QCOMPARE(r.netMinor, 1960);
        QCOMPARE(r.vatMinor, 245);
        QCOMPARE(r.totalMinor, 2205);
    }

    void allowanceCarriesBetweenCalls()
    {
        Tariff t = tariffWith({FlatRate{200000}, PrepaidAllowance{2000, 3000}});
        t.kind = TariffKind::Prepaid;
        // 1 kWh a day against 2 kWh allowance: 1 kWh carried each day, capped at 3 kWh.
        MeteredUsage u = constantUsage(QDate(2024, 5, 1), QDate(2024, 5, 5), 0);
        for (qsizetype i = 0; i < u.readings.size(); i += 48)
            u.readings[i].value = 1000;
        AllowanceState state{500};
        BillResult r = BillCalculator::calculate(t, {}, u, QDate(2024, 5, 1), QDate(2024, 5, 5), &state);
        QCOMPARE(state.carriedWh, 3000);
        QCOMPARE(r.overAllowanceWh, 0);
        QCOMPARE(r.totalMinor, 0);
        // Next day 6 kWh at 00:00: 3 carried + 2 daily free, 1 kWh at 0.20.
        MeteredUsage next = constantUsage(QDate(2024, 5, 6), QDate(2024, 5, 6), 0);
        next.readings[0].value = 6000;
        r = BillCalculator::calculate(t, {}, next, QDate(2024, 5, 6), QDate(2024, 5, 6), &state);
        QCOMPARE(r.overAllowanceWh, 1000);
        QCOMPARE(state.carriedWh, 0);
        QCOMPARE(r.lines.size(), 2);
        QCOMPARE(r.lines[0].kind, LineKind::Allowance);
        QCOMPARE(r.lines[0].quantity, 5000);
        QCOMPARE(r.lines[1].quantity, 1000);
        QCOMPARE(r.lines[1].amountMinor, 20);
    }

    void levyInForceForPartOfThePeriod()
    {
        TaxSchedule taxes;
        taxes.levies << Levy{QStringLiteral("CCL"), QStringLiteral("Climate Change Levy"), LevyBasis::PerKwh, 7750,
                             QDate(2024, 1, 4), QDate(2024, 1, 5)};
        const Tariff t = tariffWith({FlatRate{100000}});
        const BillResult r = BillCalculator::calculate(t, taxes, constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 6), 1000),
                                                       QDate(2024, 1, 1), QDate(2024, 1, 6));
        // Three runs: 1-3, 4-5 (with the levy), 6. Levy: 96 kWh x 0.00775 = 0.744 -> 0.74.
        QCOMPARE(r.lines.size(), 4);
        QCOMPARE(r.lines[2].kind, LineKind::Levy);
        QCOMPARE(r.lines[2].label, QStringLiteral("Climate Change Levy"));
        QCOMPARE(r.lines[2].quantity, 96000);
        QCOMPARE(r.lines[2].amountMinor, 74);
        QCOMPARE(r.lines[2].from, QDate(2024, 1, 4));
        QCOMPARE(r.lines[2].to, QDate(2024, 1, 5));
    }

    void annualBlocksCountReadingsBeforeThePeriod()
    {
        const Tariff t = tariffWith({TieredBlocks{BlockPeriod::Annual, {Block{100000, 100000}, Block{{}, 200000}}}});
        // Daily readings of 2 kWh from 1 January; the bill covers 10..20 February.
        MeteredUsage daily;
        daily.zone = London;
        daily.intervalMinutes = 1440;
        for (QDate d(2024, 1, 1); d <= QDate(2024, 2, 20); d = d.addDays(1))
            daily.readings << Reading{d.startOfDay(London).toSecsSinceEpoch(), 2000, Quality::Actual};
        const BillResult r = BillCalculator::calculate(t, {}, daily, QDate(2024, 2, 10), QDate(2024, 2, 20));
        // 40 days before (1 Jan..9 Feb) = 80 kWh; the period's 22 kWh: 20 in the first block, 2 above.
        QCOMPARE(r.consumptionWh, 22000);
        QCOMPARE(r.expectedIntervals, 11);
        QCOMPARE(r.lines.size(), 2);
        QCOMPARE(r.lines[0].quantity, 20000);
        QCOMPARE(r.lines[0].label, QStringLiteral("first 100 kWh"));
        QCOMPARE(r.lines[1].quantity, 2000);
        QCOMPARE(r.lines[1].label, QStringLiteral("over 100 kWh"));
        QCOMPARE(r.lines[1].amountMinor, 40);
    }

    void metersOfOneIntervalAddUp()
    {
        const Tariff t = tariffWith({DemandCharge{10000000}});
        MeteredUsage u = constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 1), 100, 15);
        MeteredUsage second = constantUsage(QDate(2024, 1, 1), QDate(2024, 1, 1), 50, 15);
        QList<Reading> merged;
        for (qsizetype i = 0; i < u.readings.size(); ++i)
            merged << u.readings[i] << second.readings[i];
        u.readings = merged;
        const BillResult r = BillCalculator::calculate(t, {}, u, QDate(2024, 1, 1), QDate(2024, 1, 1));
        QCOMPARE(r.missingIntervals, 0);
        QCOMPARE(r.consumptionWh, 96 * 150);
        // 150 Wh in 15 minutes = 600 W; 0.6 kW x 10.00 = 6.00.
        QCOMPARE(r.peakDemandW, 600);
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines[0].amountMinor, 600);
    }
};

QTEST_GUILESS_MAIN(TestBillCalculator)
#include "tst_billcalculator.moc"
