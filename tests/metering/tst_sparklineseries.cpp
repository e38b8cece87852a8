#include <metering/sparklineseries.h>

#include <QTest>

using namespace Ud;
using Metering::ReadingStore;
using Metering::SparklineSeries;

namespace {
ReadingStore::DayTotal day(const QDate &date, qint64 total, int present = 48)
{
    return {date, total, present, 48, 0};
}
} // namespace

class TestSparklineSeries : public QObject
{
    Q_OBJECT

private slots:
    void gapsSplitTheLine()
    {
        // Ten days: 1-3 with use, 4-5 missing, 6 alone, 7 missing, 8-10 with use.
        const QDate from(2024, 6, 1);
        const QList<ReadingStore::DayTotal> days{day(from, 1000),           day(from.addDays(1), 2000),
                                                 day(from.addDays(2), 4000), day(from.addDays(5), 3000),
                                                 day(from.addDays(7), 0),    day(from.addDays(8), 1000),
                                                 day(from.addDays(9), 2000)};
        const SparklineSeries s = SparklineSeries::fromDailyTotals(from, from.addDays(9), days);
        QCOMPARE(s.dayCount(), 10);
        QCOMPARE(s.presentDays(), 7);
        QCOMPARE(s.total(), 13000);
        QCOMPARE(s.maximum(), 4000);
        QCOMPARE(s.value(3), std::nullopt);
        QCOMPARE(s.value(7), std::optional<qint64>(0));

        const auto runs = s.runs();
        QCOMPARE(runs.size(), 3);
        // x by date over the period (day 9 of 0..9 is 1), y from zero to the highest day.
        QCOMPARE(runs[0], (QList<QPointF>{{0.0, 0.25}, {1.0 / 9, 0.5}, {2.0 / 9, 1.0}}));
        QCOMPARE(runs[1], (QList<QPointF>{{5.0 / 9, 0.75}}));   // one day: drawn as a dot
        QCOMPARE(runs[2], (QList<QPointF>{{7.0 / 9, 0.0}, {8.0 / 9, 0.25}, {1.0, 0.5}}));
    }

    void daysOutsideThePeriodOrWithoutReadingsAreGaps()
    {
        const QDate from(2024, 3, 1);
        const QDate to(2024, 3, 30);
        const SparklineSeries s = SparklineSeries::fromDailyTotals(
            from, to, {day(from.addDays(-1), 9000), day(from, 500, 0), day(from.addDays(10), 600), day(to.addDays(1), 9000)});
        QCOMPARE(s.dayCount(), 30);
        QCOMPARE(s.presentDays(), 1);
        QCOMPARE(s.maximum(), 600);
        QCOMPARE(s.runs(), (QList<QList<QPointF>>{{QPointF(10.0 / 29, 1.0)}}));
    }

    void noUseStaysOnTheZeroLine()
    {
        const QDate from(2024, 1, 1);
        const SparklineSeries s = SparklineSeries::fromDailyTotals(from, from.addDays(1), {day(from, 0), day(from.addDays(1), 0)});
        QCOMPARE(s.runs(), (QList<QList<QPointF>>{{QPointF(0, 0), QPointF(1, 0)}}));
        // Net export (a negative day) is drawn at zero, not below the chart.
        const SparklineSeries net =
            SparklineSeries::fromDailyTotals(from, from.addDays(1), {day(from, -500), day(from.addDays(1), 1000)});
        QCOMPARE(net.runs(), (QList<QList<QPointF>>{{QPointF(0, 0), QPointF(1, 1)}}));
    }

    void emptyOrBackwardsPeriodHasNoPoints()
    {
        QCOMPARE(SparklineSeries::fromDailyTotals(QDate(2024, 1, 2), QDate(2024, 1, 1), {}).dayCount(), 0);
        const SparklineSeries none = SparklineSeries::fromDailyTotals(QDate(2024, 1, 1), QDate(2024, 1, 30), {});
        QCOMPARE(none.dayCount(), 30);
        QVERIFY(none.runs().isEmpty());
        QCOMPARE(none.total(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSparklineSeries)
#include "tst_sparklineseries.moc"
