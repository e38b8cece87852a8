#include "../metering/meteringfixture.h"

#include <metering/readingstore.h>
#include <usage/downsampler.h>
#include <usage/seriesbuilder.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Metering::Quality;
using Metering::ReadingStore;
using Usage::Resolution;
using Usage::SeriesBuilder;
using Usage::UsagePoint;
using Usage::UsageSeries;
using Reading = ReadingStore::Reading;

namespace {

const QTimeZone London(QByteArrayLiteral("Europe/London"));

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

/// The quarter-hours of the local London `day`: value(slot) each, `quality(slot)`, slots for
/// which `skip(slot)` is true left out.
template<typename V, typename Q, typename S>
QList<Reading> day(const QDate &d, V value, Q quality, S skip)
{
    QList<Reading> out;
    const int n = ReadingStore::slotsInDay(d, London, 15);
    const qint64 start = d.startOfDay(London).toSecsSinceEpoch();
    for (int slot = 0; slot < n; ++slot)
        if (!skip(slot))
            out.append({start + slot * 900, value(slot), quality(slot)});
    return out;
}

const auto actual = [](int) { return Quality::Actual; };
const auto none = [](int) { return false; };

/// A London quarter-hour meter with:
///   2024-03-31 (23 h, 92 intervals) slot + 1 each: 4278;
///   2024-10-27 (25 h, 100 intervals) 10 each, slots 40..43 estimated: 1000;
///   2024-10-28 (96 intervals) 5 each, slots 10 and 11 missing: 470;
///   2023-10-27 (96 intervals) 3 each: 288; 2023-10-29 (25 h) 1 each: 100.
struct Fixture : Test::MeteringFixture {
    explicit Fixture(Core::Database &db) : MeteringFixture(db)
    {
        const Accounts::Meter m = addMeter(QStringLiteral("U-1"), QStringLiteral("Europe/London"), 15);
        channel = channelOf(m);
        QList<Reading> r;
        r << day(QDate(2024, 3, 31), [](int s) { return qint64(s + 1); }, actual, none);
        r << day(QDate(2024, 10, 27), [](int) { return qint64(10); },
                 [](int s) { return s >= 40 && s <= 43 ? Quality::Estimated : Quality::Actual; }, none);
        r << day(QDate(2024, 10, 28), [](int) { return qint64(5); }, actual, [](int s) { return s == 10 || s == 11; });
        r << day(QDate(2023, 10, 27), [](int) { return qint64(3); }, actual, none);
        r << day(QDate(2023, 10, 29), [](int) { return qint64(1); }, actual, none);
        ReadingStore(db).write(channel, London, 15, r, QStringLiteral("test"));
    }
    UsageSeries build(const QDate &from, const QDate &to, Resolution resolution)
    {
        return SeriesBuilder(database).build(agent(), channel, London, from, to, resolution);
    }
    QString channel;
};

qint64 sumOf(const QList<UsagePoint> &points)
{
    qint64 s = 0;
    for (const UsagePoint &p : points)
        s += p.value;
    return s;
}

} // namespace

class TestSeriesBuilder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(London.isValid()); }

    void dstDaysHaveTheirTrueIntervals_data() { Test::addBackendRows(); }
    void dstDaysHaveTheirTrueIntervals()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());

        const UsageSeries spring = f.build(QDate(2024, 3, 31), QDate(2024, 3, 31), Resolution::Interval);
        QCOMPARE(spring.points.size(), 92);
        QCOMPARE(spring.points.first().startUtc, utc("2024-03-31T00:00:00Z"));
        QCOMPARE(spring.points.at(3).startUtc, utc("2024-03-31T00:45:00Z"));  // 00:45 GMT
        QCOMPARE(spring.points.at(4).startUtc, utc("2024-03-31T01:00:00Z"));  // 02:00 BST
        QCOMPARE(spring.points.last().startUtc, utc("2024-03-31T22:45:00Z"));
        QCOMPARE(spring.points.last().endUtc, utc("2024-03-31T23:00:00Z"));
        QCOMPARE(spring.points.last().value, 92);
        QCOMPARE(spring.total(), 4278);
        for (qsizetype i = 1; i < spring.points.size(); ++i)
            QVERIFY(spring.joined(i));

        const UsageSeries autumn = f.build(QDate(2024, 10, 27), QDate(2024, 10, 27), Resolution::Interval);
        QCOMPARE(autumn.points.size(), 100);
        QCOMPARE(autumn.points.first().startUtc, utc("2024-10-26T23:00:00Z"));   // 00:00 BST
        QCOMPARE(autumn.points.at(8).startUtc, utc("2024-10-27T01:00:00Z"));     // 01:00 GMT, the second time
        QCOMPARE(autumn.points.last().startUtc, utc("2024-10-27T23:45:00Z"));
        QCOMPARE(autumn.points.last().endUtc, utc("2024-10-28T00:00:00Z"));
        QCOMPARE(autumn.total(), 1000);
        int estimated = 0;
        for (const UsagePoint &p : autumn.points)
            estimated += p.estimated;
        QCOMPARE(estimated, 4);
        QCOMPARE(autumn.points.at(40).estimated, 1);
        QCOMPARE(autumn.points.at(39).estimated, 0);
        QVERIFY(autumn.points.at(40).isEstimated());
    }

    void aGapStaysAGap_data() { Test::addBackendRows(); }
    void aGapStaysAGap()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        const UsageSeries s = f.build(QDate(2024, 10, 28), QDate(2024, 10, 29), Resolution::Interval);
        // 96 intervals less the two missing; nothing at all for the 29th, which has no readings.
        QCOMPARE(s.points.size(), 94);
        QCOMPARE(s.points.at(9).endUtc, utc("2024-10-28T02:30:00Z"));
        QCOMPARE(s.points.at(10).startUtc, utc("2024-10-28T03:00:00Z"));
        QVERIFY(!s.joined(10));
        QVERIFY(s.joined(11));
        for (const UsagePoint &p : s.points)
            QCOMPARE(p.value, 5);
        const auto runs = Usage::Downsampler::runs(s.points, SeriesBuilder::MaxPoints);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).size(), 10);
        QCOMPARE(runs.at(1).size(), 84);
    }

    void daysHaveTheirRealLength_data() { Test::addBackendRows(); }
    void daysHaveTheirRealLength()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        const UsageSeries s = f.build(QDate(2024, 10, 26), QDate(2024, 10, 29), Resolution::Day);
        QCOMPARE(s.points,
                 (QList<UsagePoint>{{utc("2024-10-26T23:00:00Z"), utc("2024-10-28T00:00:00Z"), 1000, 100, 100, 4},
                                    {utc("2024-10-28T00:00:00Z"), utc("2024-10-29T00:00:00Z"), 470, 94, 96, 0}}));
        QCOMPARE(s.points.at(1).missing(), 2);
        QVERIFY(s.joined(1));
        const UsageSeries spring = f.build(QDate(2024, 3, 31), QDate(2024, 3, 31), Resolution::Day);
        QCOMPARE(spring.points,
                 (QList<UsagePoint>{{utc("2024-03-31T00:00:00Z"), utc("2024-03-31T23:00:00Z"), 4278, 92, 92, 0}}));
    }

    void monthsAndYears_data() { Test::addBackendRows(); }
    void monthsAndYears()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        const UsageSeries oct = f.build(QDate(2024, 10, 1), QDate(2024, 10, 31), Resolution::Month);
        // 30 days of 96 intervals and one of 100 expected; 194 present.
        QCOMPARE(oct.points, (QList<UsagePoint>{{utc("2024-09-30T23:00:00Z"), utc("2024-11-01T00:00:00Z"), 1470, 194, 2980, 4}}));
        QCOMPARE(oct.points.first().value, ReadingStore(tdb.db()).monthTotal(f.channel, QStringLiteral("2024-10")));

        // A range cutting months: each point covers its part of the range; March 2024 then
        // has 7 days of which one is 23 hours (6 x 96 + 92).
        const UsageSeries cut = f.build(QDate(2024, 3, 25), QDate(2024, 10, 27), Resolution::Month);
        QCOMPARE(cut.points.size(), 2);
        QCOMPARE(cut.points.at(0), (UsagePoint{utc("2024-03-25T00:00:00Z"), utc("2024-03-31T23:00:00Z"), 4278, 92, 668, 0}));
        QCOMPARE(cut.points.at(1), (UsagePoint{utc("2024-09-30T23:00:00Z"), utc("2024-10-28T00:00:00Z"), 1000, 100, 2596, 4}));
        QVERIFY(!cut.joined(1)); // April to September hold no readings: a gap

        const UsageSeries years = f.build(QDate(2023, 1, 1), QDate(2024, 12, 31), Resolution::Year);
        // 2023: 363 days of 96, the 23- and 25-hour days; 2024 (leap): 364 x 96 + 92 + 100.
        QCOMPARE(years.points,
                 (QList<UsagePoint>{{utc("2023-01-01T00:00:00Z"), utc("2024-01-01T00:00:00Z"), 388, 196, 34848 + 192, 0},
                                    {utc("2024-01-01T00:00:00Z"), utc("2025-01-01T00:00:00Z"), 5748, 286, 34944 + 192, 4}}));

        // Drilling down: year -> its months, month -> its days, day -> its intervals.
        const auto y = SeriesBuilder::drillInto(years.points.at(1), Resolution::Year, London);
        QCOMPARE(y.from, QDate(2024, 1, 1));
        QCOMPARE(y.to, QDate(2024, 12, 31));
        QCOMPARE(y.resolution, Resolution::Month);
        const auto m = SeriesBuilder::drillInto(oct.points.at(0), Resolution::Month, London);
        QCOMPARE(m.from, QDate(2024, 10, 1));
        QCOMPARE(m.to, QDate(2024, 10, 31));
        QCOMPARE(m.resolution, Resolution::Day);
        const UsageSeries days = f.build(m.from, m.to, m.resolution);
        const auto d = SeriesBuilder::drillInto(days.points.at(0), Resolution::Day, London);
        QCOMPARE(d.from, QDate(2024, 10, 27));
        QCOMPARE(d.to, QDate(2024, 10, 27));
        QCOMPARE(d.resolution, Resolution::Interval);
        QCOMPARE(f.build(d.from, d.to, d.resolution).points.size(), 100);
    }

    void comparedWithTheSameMonthLastYear_data() { Test::addBackendRows(); }
    void comparedWithTheSameMonthLastYear()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        SeriesBuilder builder(tdb.db());
        const QDate from(2024, 10, 1), to(2024, 10, 31);

        const auto month = builder.compareWithYearBefore(f.agent(), f.channel, London, from, to, Resolution::Month);
        QCOMPARE(month.current.total(), 1470);
        QCOMPARE(month.previous.from, QDate(2023, 10, 1));
        QCOMPARE(month.previous.to, QDate(2023, 10, 31));
        QCOMPARE(month.previous.total(), 388);
        QCOMPARE(month.shifted.size(), 1);
        QCOMPARE(month.shifted.at(0).startUtc, utc("2024-09-30T23:00:00Z"));
        QCOMPARE(month.shifted.at(0).endUtc, utc("2024-11-01T00:00:00Z"));
        QCOMPARE(month.shifted.at(0).value, 388);

        const auto days = builder.compareWithYearBefore(f.agent(), f.channel, London, from, to, Resolution::Day);
        QCOMPARE(days.shifted.size(), 2);
        QCOMPARE(days.shifted.at(0), (UsagePoint{utc("2024-10-26T23:00:00Z"), utc("2024-10-28T00:00:00Z"), 288, 96, 96, 0}));
        QCOMPARE(days.shifted.at(1), (UsagePoint{utc("2024-10-29T00:00:00Z"), utc("2024-10-30T00:00:00Z"), 100, 100, 100, 0}));

        // Intervals by wall clock: 27 Oct 2023 00:00 BST onto 27 Oct 2024 00:00 BST; the 25-hour
        // 29 Oct 2023 onto the 24-hour 29 Oct 2024 keeps the first 01:00-01:45 only.
        const auto intervals = builder.compareWithYearBefore(f.agent(), f.channel, London, from, to, Resolution::Interval);
        QCOMPARE(intervals.previous.points.size(), 196);
        QCOMPARE(intervals.shifted.size(), 96 + 96);
        QCOMPARE(intervals.shifted.at(0).startUtc, utc("2024-10-26T23:00:00Z"));
        QCOMPARE(intervals.shifted.at(0).value, 3);
        // 27 Oct 2023 23:45 BST lands on 27 Oct 2024 23:45 GMT (the later day is 25 hours long).
        QCOMPARE(intervals.shifted.at(95).startUtc, utc("2024-10-27T23:45:00Z"));
        QCOMPARE(intervals.shifted.at(96).startUtc, utc("2024-10-29T00:00:00Z"));
        QCOMPARE(intervals.shifted.last().startUtc, utc("2024-10-29T23:45:00Z"));
        QCOMPARE(sumOf(intervals.shifted), 288 + 96);
    }

    void leapDays()
    {
        using P = Usage::PeriodComparison;
        QCOMPARE(P::previousPeriod(QDate(2025, 2, 1), QDate(2025, 2, 28)), std::make_pair(QDate(2024, 2, 1), QDate(2024, 2, 29)));
        QCOMPARE(P::previousPeriod(QDate(2024, 2, 1), QDate(2024, 2, 29)), std::make_pair(QDate(2023, 2, 1), QDate(2023, 2, 28)));
        QCOMPARE(P::previousPeriod(QDate(2024, 3, 10), QDate(2024, 3, 20)), std::make_pair(QDate(2023, 3, 10), QDate(2023, 3, 20)));

        // Days of February 2024 onto February 2025: the 29th has no day to sit on.
        UsageSeries prev;
        prev.resolution = Resolution::Day;
        prev.from = QDate(2024, 2, 1);
        prev.to = QDate(2024, 2, 29);
        for (const QDate &d : {QDate(2024, 2, 28), QDate(2024, 2, 29)})
            prev.points.append({d.startOfDay(London).toSecsSinceEpoch(), d.addDays(1).startOfDay(London).toSecsSinceEpoch(),
                                d.day(), 48, 48, 0});
        const auto shifted = P::shiftOntoYearLater(prev, London, QDate(2025, 2, 1), QDate(2025, 2, 28));
        QCOMPARE(shifted, (QList<UsagePoint>{{utc("2025-02-28T00:00:00Z"), utc("2025-03-01T00:00:00Z"), 28, 48, 48, 0}}));
        // Its month, though, keeps all 29 days' use.
        prev.resolution = Resolution::Month;
        prev.points = {{utc("2024-02-01T00:00:00Z"), utc("2024-03-01T00:00:00Z"), 2900, 1392, 1392, 0}};
        QCOMPARE(P::shiftOntoYearLater(prev, London, QDate(2025, 2, 1), QDate(2025, 2, 28)),
                 (QList<UsagePoint>{{utc("2025-02-01T00:00:00Z"), utc("2025-03-01T00:00:00Z"), 2900, 1392, 1392, 0}}));
    }

    void autoResolution_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<Resolution>("expected");
        const QDate d(2024, 10, 1);
        QTest::newRow("20 days of quarter-hours: 1,920") << d << d.addDays(19) << 15 << Resolution::Interval;
        QTest::newRow("21 days of quarter-hours: 2,016") << d << d.addDays(20) << 15 << Resolution::Day;
        QTest::newRow("41 days of half-hours: 1,968") << d << d.addDays(40) << 30 << Resolution::Interval;
        QTest::newRow("daily readings") << d << d.addDays(9) << 1440 << Resolution::Day;
        QTest::newRow("2,000 days") << d << d.addDays(1999) << 15 << Resolution::Day;
        QTest::newRow("2,001 days") << d << d.addDays(2000) << 15 << Resolution::Month;
    }
    void autoResolution()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, minutes);
        QFETCH(Resolution, expected);
        QCOMPARE(SeriesBuilder::autoResolution(from, to, minutes), expected);
        // Past the limit in months too: years.
        QCOMPARE(SeriesBuilder::autoResolution(QDate(2024, 1, 1), QDate(2025, 12, 31), minutes, 24), Resolution::Month);
        QCOMPARE(SeriesBuilder::autoResolution(QDate(2024, 1, 1), QDate(2026, 1, 1), minutes, 24), Resolution::Year);
    }

    void badRangesNameTheField_data() { Test::addBackendRows(); }
    void badRangesNameTheField()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] { f.build(QDate(2024, 10, 2), QDate(2024, 10, 1), Resolution::Day); }),
                 QStringLiteral("The end date of the period is before its start date: enter an end date on or after 2024-10-02."));
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] { f.build(QDate(), QDate(2024, 10, 1), Resolution::Day); }),
                 QStringLiteral("The start date of the period is not a date: enter a date."));
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] {
                     SeriesBuilder(tdb.db()).build(f.agent(), f.channel, QTimeZone(), QDate(2024, 10, 1), QDate(2024, 10, 1), Resolution::Day);
                 }),
                 QStringLiteral("The premise has no valid time zone: set the premise's time zone, e.g. Europe/London."));
    }
};

QTEST_GUILESS_MAIN(TestSeriesBuilder)
#include "tst_seriesbuilder.moc"
