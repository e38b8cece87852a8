#include <metering/veeengine.h>
#include <metering/veeestimator.h>

#include <QDateTime>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Ud::Metering;
using Ud::Accounts::ChannelKind;
using Ud::Accounts::ChannelUnit;
using Ud::Accounts::Commodity;
using Severity = VeeFinding::Severity;

namespace {

const QTimeZone London(QByteArrayLiteral("Europe/London"));
constexpr qint64 Gap = std::numeric_limits<qint64>::min();

qint64 at(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), London).toSecsSinceEpoch();
}

const qint64 Now = at(2027, 1, 1, 0, 0);

VeeChannel channel(int minutes)
{
    VeeChannel c;
    c.intervalMinutes = minutes;
    c.zone = London;
    return c;
}

/// Consecutive readings from `start`; Gap leaves an interval out. Reading i is on line i + 2
/// (a CSV with a header line).
ChannelSeries series(qint64 start, int minutes, const QList<qint64> &values)
{
    ChannelSeries s;
    s.meterKey = QStringLiteral("M1");
    s.intervalSecs = minutes * 60;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values[i] != Gap)
            s.readings.append({start + i * minutes * 60, minutes * 60, values[i], Quality::Actual, i + 2});
    }
    return s;
}

/// Values that never repeat twice in a row and stay far from every limit.
QList<qint64> varied(int n, qint64 base = 100)
{
    QList<qint64> v;
    for (int i = 0; i < n; ++i)
        v.append(base + i % 7);
    return v;
}

VeeFinding finding(const char *rule, Severity severity, qint64 start, qint64 end, qint64 line, const QString &message)
{
    return {QString::fromLatin1(rule), severity, start, end, line, message};
}

CheckedReading reading(qint64 start, qint64 value, Quality quality = Quality::Actual, const char *rule = "",
                       std::optional<qint64> raw = std::nullopt)
{
    return {start, value, quality, QString::fromLatin1(rule), raw};
}

QList<qint64> valuesOf(const VeeResult &r)
{
    QList<qint64> v;
    for (const CheckedReading &c : r.readings)
        v.append(c.value);
    return v;
}

const QTimeZone NewYork(QByteArrayLiteral("America/New_York"));

qint64 midnight(const QDate &day) { return day.startOfDay(NewYork).toSecsSinceEpoch(); }

/// A gas channel reporting once a local day of New York.
VeeChannel dailyGas()
{
    VeeChannel c;
    c.commodity = Commodity::Gas;
    c.intervalMinutes = 1440;
    c.zone = NewYork;
    return c;
}

/// One reading per local day from `first`, each starting at its midnight and stating its day's
/// length (23 or 25 hours on DST days), or 86400 seconds; Gap leaves a day out. Reading i is on line i + 2.
ChannelSeries dailySeries(const QDate &first, const QList<qint64> &values, bool stateFullDays = false)
{
    ChannelSeries s;
    s.meterKey = QStringLiteral("G1");
    s.commodity = Commodity::Gas;
    s.intervalSecs = 86400;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QDate d = first.addDays(i);
        const qint32 length = stateFullDays ? 86400 : qint32(midnight(d.addDays(1)) - midnight(d));
        if (values[i] != Gap)
            s.readings.append({midnight(d), length, values[i], Quality::Actual, i + 2});
    }
    return s;
}

IntervalDay dayOf(int count, qint64 value)
{
    IntervalDay d(count);
    for (int i = 0; i < count; ++i)
        d.set(i, value, Quality::Actual);
    return d;
}

} // namespace

namespace Ud::Metering {
// Readable failures: QCOMPARE prints these.
char *toString(const VeeFinding &f)
{
    return QTest::toString(QStringLiteral("{%1 %2 %3..%4 line %5: %6}")
                               .arg(f.rule)
                               .arg(int(f.severity))
                               .arg(f.startUtc)
                               .arg(f.endUtc)
                               .arg(f.line)
                               .arg(f.message));
}
char *toString(const CheckedReading &r)
{
    return QTest::toString(QStringLiteral("{%1 %2 q%3 %4 raw %5}")
                               .arg(r.startUtc)
                               .arg(r.value)
                               .arg(int(r.quality))
                               .arg(r.rule, r.rawValue ? QString::number(*r.rawValue) : QStringLiteral("-")));
}
} // namespace Ud::Metering

class TestVee : public QObject
{
    Q_OBJECT

private slots:
    void londonDstDaysHave92And100QuarterHours()
    {
        const VeeResult spring = VeeEngine::run(series(at(2026, 3, 29, 0, 0), 15, varied(92)), channel(15), {}, Now);
        QCOMPARE(spring.findings, QList<VeeFinding>());
        QCOMPARE(spring.readings.size(), 92);
        QCOMPARE(spring.readings.last().startUtc, at(2026, 3, 29, 23, 45));
        // 01:00 GMT is followed by 02:00 BST: slot 4 starts at 02:00 local.
        QCOMPARE(spring.readings.at(4).startUtc, at(2026, 3, 29, 2, 0));

        const VeeResult autumn = VeeEngine::run(series(at(2026, 10, 25, 0, 0), 15, varied(100)), channel(15), {}, Now);
        QCOMPARE(autumn.findings, QList<VeeFinding>());
        QCOMPARE(autumn.readings.size(), 100);
        QCOMPARE(autumn.readings.last().startUtc, at(2026, 10, 25, 23, 45));

        const VeeResult halfSpring = VeeEngine::run(series(at(2026, 3, 29, 0, 0), 30, varied(46)), channel(30), {}, Now);
        QCOMPARE(halfSpring.findings, QList<VeeFinding>());
        QCOMPARE(halfSpring.readings.last().startUtc, at(2026, 3, 29, 23, 30));
        const VeeResult halfAutumn = VeeEngine::run(series(at(2026, 10, 25, 0, 0), 30, varied(50)), channel(30), {}, Now);
        QCOMPARE(halfAutumn.findings, QList<VeeFinding>());
        QCOMPARE(halfAutumn.readings.last().startUtc, at(2026, 10, 25, 23, 30));
        // One more half hour is the next day's first, not a 51st of 25 October.
        const VeeResult next = VeeEngine::run(series(at(2026, 10, 25, 0, 0), 30, varied(51)), channel(30), {}, Now);
        QCOMPARE(next.readings.last().startUtc, at(2026, 10, 26, 0, 0));
    }

    void dayCompletenessCountsTheLocalDstDay()
    {
        QList<qint64> v = varied(92);
        v[10] = Gap; // 03:30 BST
        v[40] = Gap;
        v[41] = Gap;
        const VeeResult r = VeeEngine::run(series(at(2026, 3, 29, 0, 0), 15, v), channel(15), {}, Now);
        QCOMPARE(r.readings.size(), 92);
        const auto days = r.findingsOf(QStringLiteral("day-incomplete"));
        QCOMPARE(days.size(), 1);
        QCOMPARE(days.first().message,
                 QStringLiteral("The file gives 89 of the 92 intervals of 2026-03-29 (estimated: 3, still missing: 0)."));
        QCOMPARE(days.first().startUtc, at(2026, 3, 29, 0, 0));
        QCOMPARE(days.first().endUtc, at(2026, 3, 30, 0, 0));
        QCOMPARE(r.readings.at(10), reading(at(2026, 3, 29, 3, 30), 103, Quality::Estimated, "interpolation"));
        const auto gaps = r.findingsOf(QStringLiteral("interpolation"));
        QCOMPARE(gaps.size(), 2);
        QCOMPARE(gaps.at(1).message,
                 QStringLiteral("2 intervals from 2026-03-29 11:00 +01:00 to 2026-03-29 11:30 +01:00 had no reading; "
                                "estimated by linear interpolation between 104 Wh and 100 Wh (total 204 Wh)."));
    }

    void interpolationValuesAreExact()
    {
        QCOMPARE(VeeEstimator::interpolate(75, 100, 4), (QList<qint64>{80, 85, 90, 95}));
        QCOMPARE(VeeEstimator::interpolate(0, 10, 2), (QList<qint64>{3, 7}));   // 3.33, 6.67
        QCOMPARE(VeeEstimator::interpolate(1, 2, 2), (QList<qint64>{1, 2}));    // 1.33, 1.67: sum round(3) = 3
        QCOMPARE(VeeEstimator::interpolate(-10, 0, 1), (QList<qint64>{-5}));
        QCOMPARE(VeeEstimator::interpolate(10, 11, 3), (QList<qint64>{10, 11, 11})); // sum round(31.5) = 32
        QCOMPARE(VeeEstimator::spread(301, 3), (QList<qint64>{101, 100, 100}));
        QCOMPARE(VeeEstimator::spread(-5, 2), (QList<qint64>{-3, -2}));
        QCOMPARE(VeeEstimator::roundedDiv(-5, 2), -3);
        QCOMPARE(VeeEstimator::roundedDiv(5, 2), 3);

        const qint64 start = at(2026, 1, 12, 0, 0);
        const VeeResult r = VeeEngine::run(series(start, 15, {75, Gap, Gap, Gap, Gap, 100, 104}), channel(15), {}, Now);
        QCOMPARE(r.readings,
                 (QList<CheckedReading>{reading(start, 75),
                                        reading(start + 900, 80, Quality::Estimated, "interpolation"),
                                        reading(start + 1800, 85, Quality::Estimated, "interpolation"),
                                        reading(start + 2700, 90, Quality::Estimated, "interpolation"),
                                        reading(start + 3600, 95, Quality::Estimated, "interpolation"),
                                        reading(start + 4500, 100), reading(start + 5400, 104)}));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{
                     finding("day-incomplete", Severity::Flag, start, start + 6300, 0,
                             QStringLiteral("The file gives 3 of the 7 intervals it covers on 2026-01-12, a day of 96 "
                                            "intervals (estimated: 4, still missing: 0).")),
                     finding("interpolation", Severity::Estimated, start + 900, start + 4500, 0,
                             QStringLiteral("4 intervals from 2026-01-12 00:15 +00:00 to 2026-01-12 01:15 +00:00 had no "
                                            "reading; estimated by linear interpolation between 75 Wh and 100 Wh (total "
                                            "350 Wh)."))}));
        QVERIFY(!r.rejected());
    }

    void longGapWithoutReferenceStaysMissing()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        // 5 quarter hours: longer than the hour interpolation covers; no history, a single day.
        const VeeResult r = VeeEngine::run(series(start, 15, {75, Gap, Gap, Gap, Gap, Gap, 100}), channel(15), {}, Now);
        QCOMPARE(valuesOf(r), (QList<qint64>{75, 100}));
        const auto gaps = r.findingsOf(QStringLiteral("gap"));
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.first().severity, Severity::Flag);
        QCOMPARE(gaps.first().message,
                 QStringLiteral("5 intervals from 2026-01-12 00:15 +00:00 to 2026-01-12 01:30 +00:00 have no reading and "
                                "could not be estimated: the history has no like day and no other day of the import has "
                                "those times."));
        QCOMPARE(r.findingsOf(QStringLiteral("day-incomplete")).first().message,
                 QStringLiteral("The file gives 2 of the 7 intervals it covers on 2026-01-12, a day of 96 intervals "
                                "(estimated: 0, still missing: 5)."));
    }

    void likeDayEstimatesFromTheSameWeekdayInTheHistory()
    {
        VeeHistory history;
        IntervalDay lastWeek(48), twoWeeksAgo(48), tuesday(48);
        for (int i = 0; i < 6; ++i) {
            lastWeek.set(20 + i, 200 + i, Quality::Actual);
            twoWeeksAgo.set(20 + i, 300 + i, Quality::Actual);
            tuesday.set(20 + i, 5000, Quality::Actual);
        }
        twoWeeksAgo.set(22, 999, Quality::Estimated); // a stored estimate is never a reference
        history.days.insert(QDate(2026, 1, 12), lastWeek);
        history.days.insert(QDate(2026, 1, 5), twoWeeksAgo);
        history.days.insert(QDate(2026, 1, 13), tuesday);

        const qint64 start = at(2026, 1, 19, 8, 0); // a Monday
        QList<qint64> v = varied(13);
        for (int i = 4; i < 10; ++i)
            v[i] = Gap; // 10:00 to 13:00: three hours
        const VeeResult r = VeeEngine::run(series(start, 30, v), channel(30), history, Now);
        QCOMPARE(r.readings.size(), 13);
        const QList<qint64> expected{250, 251, 202, 253, 254, 255};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(r.readings.at(4 + i), reading(start + (4 + i) * 1800, expected[i], Quality::Estimated, "like-day"));
        QCOMPARE(r.findingsOf(QStringLiteral("like-day")),
                 (QList<VeeFinding>{finding("like-day", Severity::Estimated, at(2026, 1, 19, 10, 0), at(2026, 1, 19, 13, 0), 0,
                                            QStringLiteral("6 intervals from 2026-01-19 10:00 +00:00 to 2026-01-19 13:00 "
                                                           "+00:00 had no reading; estimated from like days (total 1465 "
                                                           "Wh)."))}));
    }

    void likeDayMatchesWallClockAcrossDst()
    {
        // Sunday 5 April (BST) estimated from Sunday 29 March (92 quarter hours, BST from 02:00)
        // and Sunday 22 March (GMT): 03:00 local is slot 8 on the 29th and slot 12 on the 22nd.
        VeeHistory history;
        IntervalDay dstDay(92), gmtDay(96);
        for (int i = 0; i < 92; ++i)
            dstDay.set(i, 1000 + i, Quality::Actual);
        for (int i = 0; i < 96; ++i)
            gmtDay.set(i, 2000 + i, Quality::Actual);
        history.days.insert(QDate(2026, 3, 29), dstDay);
        history.days.insert(QDate(2026, 3, 22), gmtDay);

        QList<qint64> v = varied(17);
        for (int i = 4; i < 12; ++i)
            v[i] = Gap; // 03:00 to 05:00 local
        const VeeResult r = VeeEngine::run(series(at(2026, 4, 5, 2, 0), 15, v), channel(15), history, Now);
        for (int j = 0; j < 8; ++j)
            QCOMPARE(r.readings.at(4 + j).value, 1510 + j); // ((1008 + j) + (2012 + j)) / 2
        QCOMPARE(r.findingsOf(QStringLiteral("like-day")).first().message,
                 QStringLiteral("8 intervals from 2026-04-05 03:00 +01:00 to 2026-04-05 05:00 +01:00 had no reading; "
                                "estimated from like days (total 12108 Wh)."));
    }

    void missingDayInsideTheSpanFromTheImportsOtherDays()
    {
        QList<qint64> v;
        for (int i = 0; i < 24; ++i)
            v.append(100 + i);
        for (int i = 0; i < 24; ++i)
            v.append(Gap);
        for (int i = 0; i < 24; ++i)
            v.append(300 + i);
        const VeeResult r = VeeEngine::run(series(at(2026, 1, 12, 0, 0), 60, v), channel(60), {}, Now);
        QCOMPARE(r.readings.size(), 72);
        for (int i = 0; i < 24; ++i)
            QCOMPARE(r.readings.at(24 + i), reading(at(2026, 1, 13, i, 0), 200 + i, Quality::Estimated, "import-average"));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{
                     finding("import-average", Severity::Estimated, at(2026, 1, 13, 0, 0), at(2026, 1, 14, 0, 0), 0,
                             QStringLiteral("24 intervals from 2026-01-13 00:00 +00:00 to 2026-01-14 00:00 +00:00 had no "
                                            "reading; estimated from the same time on the import's other days (total "
                                            "5076 Wh).")),
                     finding("day-incomplete", Severity::Flag, at(2026, 1, 13, 0, 0), at(2026, 1, 14, 0, 0), 0,
                             QStringLiteral("The file gives 0 of the 24 intervals of 2026-01-13 (estimated: 24, still "
                                            "missing: 0)."))}));
    }

    void gapsBeyondTheEstimationLimitAreOnlyFlagged()
    {
        QList<qint64> v = varied(24);
        for (int i = 0; i < 48; ++i)
            v.append(Gap);
        v.append(varied(24));
        VeeSettings settings;
        settings.maxEstimatedGapDays = 1;
        const VeeResult r = VeeEngine::run(series(at(2026, 1, 12, 0, 0), 60, v), channel(60), {}, Now, settings);
        QCOMPARE(r.readings.size(), 48);
        QCOMPARE(r.findingsOf(QStringLiteral("gap")),
                 (QList<VeeFinding>{finding("gap", Severity::Flag, at(2026, 1, 13, 0, 0), at(2026, 1, 15, 0, 0), 0,
                                            QStringLiteral("48 intervals from 2026-01-13 00:00 +00:00 to 2026-01-15 "
                                                           "00:00 +00:00 have no reading; a gap longer than 24 hours is "
                                                           "not estimated."))}));
        // With the default week the two days are estimated from the import's other days.
        QCOMPARE(VeeEngine::run(series(at(2026, 1, 12, 0, 0), 60, v), channel(60), {}, Now).readings.size(), 96);
    }

    void seriesWithoutAnyValueIsReported()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 30, {1, 2, 3});
        for (SourceReading &r : s.readings)
            r.quality = Quality::Missing;
        const VeeResult r = VeeEngine::run(s, channel(30), {}, Now);
        QCOMPARE(r.readings, QList<CheckedReading>());
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("gap", Severity::Flag, start, at(2026, 1, 13, 0, 0), 0,
                                            QStringLiteral("The file marks all 3 of its intervals between 2026-01-12 "
                                                           "00:00 +00:00 and 2026-01-13 00:00 +00:00 as having no value; "
                                                           "nothing is stored."))}));
    }

    void nothingInventedOutsideTheImportsSpan()
    {
        const qint64 start = at(2026, 1, 12, 10, 0);
        const VeeResult r = VeeEngine::run(series(start, 30, varied(5)), channel(30), {}, Now);
        QCOMPARE(r.readings.size(), 5);
        QCOMPARE(r.readings.first().startUtc, start);
        QCOMPARE(r.readings.last().startUtc, at(2026, 1, 12, 12, 0));
        QCOMPARE(r.findings, QList<VeeFinding>());
    }

    void cumulativeRolloverAndReset()
    {
        VeeChannel c = channel(15);
        c.registerModulus = 100'000;
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 15, {99'900, 99'990, 40, 60, 10, 30, 50});
        s.cumulative = true;
        const VeeResult r = VeeEngine::run(s, c, {}, Now);
        // The first register read only anchors; 40 after 99 990 is a rollover (50), 10 after 60 a reset.
        QCOMPARE(r.readings,
                 (QList<CheckedReading>{reading(start + 900, 90), reading(start + 1800, 50), reading(start + 2700, 20),
                                        reading(start + 3600, 20, Quality::Estimated, "reset", -50),
                                        reading(start + 4500, 20), reading(start + 5400, 20)}));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("reset", Severity::Flag, start + 3600, start + 4500, 6,
                                            QStringLiteral("Line 6: The register fell from 60 Wh to 10 Wh in the "
                                                           "interval at 2026-01-12 01:00 +00:00: a meter reset or "
                                                           "exchange, not a rollover; it was replaced by an estimate of "
                                                           "20 Wh (linear interpolation)."))}));

        // Without a known modulus every drop is a reset.
        c.registerModulus = 0;
        const VeeResult unknown = VeeEngine::run(s, c, {}, Now);
        QCOMPARE(unknown.findingsOf(QStringLiteral("reset")).size(), 2);
    }

    void cumulativeGapIsSpreadFromTheRegister()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 15, {1000, 1100, Gap, Gap, 1401});
        s.cumulative = true;
        const VeeResult r = VeeEngine::run(s, channel(15), {}, Now);
        QCOMPARE(r.readings,
                 (QList<CheckedReading>{reading(start + 900, 100),
                                        reading(start + 1800, 101, Quality::Estimated, "register-spread"),
                                        reading(start + 2700, 100, Quality::Estimated, "register-spread"),
                                        reading(start + 3600, 100, Quality::Estimated, "register-spread")}));
        QCOMPARE(r.findingsOf(QStringLiteral("register-spread")).first().message,
                 QStringLiteral("Line 6: 3 intervals from 2026-01-12 00:30 +00:00 to 2026-01-12 01:15 +00:00 have no "
                                "register read of their own; the register rose by 301 Wh (from 1100 Wh to 1401 Wh), "
                                "spread evenly over them."));
    }

    void negativeReplacedUnlessNetMetered()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        const ChannelSeries s = series(start, 30, {100, 110, -40, 120, 130});
        const VeeResult r = VeeEngine::run(s, channel(30), {}, Now);
        QCOMPARE(valuesOf(r), (QList<qint64>{100, 110, 115, 120, 130}));
        QCOMPARE(r.readings.at(2), reading(start + 3600, 115, Quality::Estimated, "negative", -40));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("negative", Severity::Estimated, start + 3600, start + 5400, 4,
                                            QStringLiteral("Line 4: The reading for 2026-01-12 01:00 +00:00 is -40 Wh, "
                                                           "negative on a channel that is not net-metered; it was "
                                                           "replaced by an estimate of 115 Wh (linear interpolation)."))}));

        VeeChannel net = channel(30);
        net.netMetered = true;
        const VeeResult n = VeeEngine::run(s, net, {}, Now);
        QCOMPARE(n.readings.at(2), reading(start + 3600, -40));
        QCOMPARE(n.findings, QList<VeeFinding>());
    }

    void aboveTheAbsoluteLimitReplaced()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        const ChannelSeries s = series(start, 15, {100, 110, 90'000, 120, 130});
        const VeeResult r = VeeEngine::run(s, channel(15), {}, Now);
        QCOMPARE(r.readings.at(2), reading(start + 1800, 115, Quality::Estimated, "high-limit", 90'000));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("high-limit", Severity::Estimated, start + 1800, start + 2700, 4,
                                            QStringLiteral("Line 4: The reading for 2026-01-12 00:30 +00:00 is 90000 Wh, "
                                                           "above the channel's limit of 6250 Wh per interval; it was "
                                                           "replaced by an estimate of 115 Wh (linear interpolation)."))}));
    }

    void spikeFlagged()
    {
        VeeChannel c = channel(15);
        c.maxPerInterval = 100'000; // a large supply: 90 kWh in a quarter hour is possible, but odd
        const qint64 start = at(2026, 1, 12, 0, 0);
        const VeeResult r = VeeEngine::run(series(start, 15, {100, 110, 90'000, 120, 130}), c, {}, Now);
        QCOMPARE(r.readings.at(2), reading(start + 1800, 90'000));
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("spike", Severity::Flag, start + 1800, start + 2700, 4,
                                            QStringLiteral("Line 4: The reading for 2026-01-12 00:30 +00:00 is 90000 Wh, "
                                                           "more than 5 times both its neighbours (110 Wh and 120 Wh)."))}));
        // Below the floor (10% of the limit) a jump is noise, not a spike.
        const VeeResult small = VeeEngine::run(series(start, 15, {1, 2, 900, 2, 1}), c, {}, Now);
        QCOMPARE(small.findings, QList<VeeFinding>());
    }

    void zeroRunsFlaggedAfterADay()
    {
        const qint64 start = at(2026, 1, 12, 0, 30);
        QList<qint64> v{100};
        for (int i = 0; i < 48; ++i)
            v.append(0);
        v.append(100);
        const VeeResult r = VeeEngine::run(series(start, 30, v), channel(30), {}, Now);
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("zero-run", Severity::Flag, at(2026, 1, 12, 1, 0), at(2026, 1, 13, 1, 0), 3,
                                            QStringLiteral("48 intervals in a row from 2026-01-12 01:00 +00:00 to "
                                                           "2026-01-13 01:00 +00:00 read zero: a stopped meter, a "
                                                           "disconnected supply or an empty premise?"))}));
        v.removeAt(1); // 47 zeros: 23.5 hours
        QCOMPARE(VeeEngine::run(series(start, 30, v), channel(30), {}, Now).findings, QList<VeeFinding>());

        VeeChannel solar = channel(30);
        solar.kind = ChannelKind::Export; // no export through a long winter night is normal
        v.insert(1, 0);
        QCOMPARE(VeeEngine::run(series(start, 30, v), solar, {}, Now).findings, QList<VeeFinding>());
    }

    void frozenRunsFlagged()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        QList<qint64> v{100, 250, 250, 250, 250, 250, 250, 250, 250, 100};
        const VeeResult r = VeeEngine::run(series(start, 30, v), channel(30), {}, Now);
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("frozen", Severity::Flag, start + 1800, start + 9 * 1800, 3,
                                            QStringLiteral("8 intervals in a row from 2026-01-12 00:30 +00:00 to "
                                                           "2026-01-12 04:30 +00:00 all read 250 Wh: a frozen meter or a "
                                                           "repeated value?"))}));
        v.removeAt(1);
        QCOMPARE(VeeEngine::run(series(start, 30, v), channel(30), {}, Now).findings, QList<VeeFinding>());
    }

    void historyHighAndLow()
    {
        VeeHistory history;
        for (int d = 1; d <= 14; ++d)
            history.days.insert(QDate(2026, 1, d), dayOf(48, 400));

        QList<qint64> high = varied(48, 400);
        high[20] = 5000;
        high[21] = 6000;
        const VeeResult r = VeeEngine::run(series(at(2026, 1, 19, 0, 0), 30, high), channel(30), history, Now);
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("history-high", Severity::Flag, at(2026, 1, 19, 10, 0), at(2026, 1, 19, 11, 0),
                                            22,
                                            QStringLiteral("Line 22: 2 intervals from 2026-01-19 10:00 +00:00 to "
                                                           "2026-01-19 11:00 +00:00 read up to 6000 Wh, more than 3 times "
                                                           "the 99th percentile of the meter's previous weeks (400 "
                                                           "Wh)."))}));

        QList<qint64> low;
        for (int i = 0; i < 48; ++i)
            low.append(30 + i % 3);
        const VeeResult l = VeeEngine::run(series(at(2026, 1, 20, 0, 0), 30, low), channel(30), history, Now);
        QCOMPARE(l.findings,
                 (QList<VeeFinding>{finding("history-low", Severity::Flag, at(2026, 1, 20, 0, 0), at(2026, 1, 21, 0, 0), 0,
                                            QStringLiteral("The local day 2026-01-20 totals 1488 Wh, less than 10% of "
                                                           "the meter's average day in the previous weeks (19200 "
                                                           "Wh)."))}));

        // Too little history: no history checks at all.
        VeeHistory shortHistory;
        shortHistory.days.insert(QDate(2026, 1, 14), dayOf(48, 400));
        QCOMPARE(VeeEngine::run(series(at(2026, 1, 20, 0, 0), 30, low), channel(30), shortHistory, Now).findings,
                 QList<VeeFinding>());
    }

    void multiplierErrorsFlagged()
    {
        VeeHistory history;
        for (int d = 1; d <= 14; ++d)
            history.days.insert(QDate(2026, 1, d), dayOf(48, 400));
        const qint64 start = at(2026, 1, 19, 0, 0);

        QList<qint64> times1000;
        for (int i = 0; i < 48; ++i)
            times1000.append(400'000);
        const VeeResult r = VeeEngine::run(series(start, 30, times1000), channel(30), history, Now);
        QCOMPARE(r.findingsOf(QStringLiteral("multiplier")),
                 (QList<VeeFinding>{finding("multiplier", Severity::Flag, start, at(2026, 1, 20, 0, 0), 0,
                                            QStringLiteral("From 2026-01-19 00:00 +00:00 to 2026-01-20 00:00 +00:00 the "
                                                           "readings average 400000 Wh per interval, about 1000 times the "
                                                           "400 Wh of the meter's previous weeks: values in Wh read as kWh, "
                                                           "or a multiplier applied twice?"))}));
        // Each value is also above the 12.5 kWh limit: replaced from the like days (two Mondays).
        QCOMPARE(r.findingsOf(QStringLiteral("high-limit")).size(), 48);
        QCOMPARE(r.readings.first(), reading(start, 400, Quality::Estimated, "high-limit", 400'000));

        QList<qint64> ctMissing;
        for (int i = 0; i < 48; ++i)
            ctMissing.append(10 + i % 2);
        const VeeResult ct = VeeEngine::run(series(start, 30, ctMissing), channel(30), history, Now);
        QCOMPARE(ct.findings,
                 (QList<VeeFinding>{finding("multiplier", Severity::Flag, start, at(2026, 1, 20, 0, 0), 0,
                                            QStringLiteral("From 2026-01-19 00:00 +00:00 to 2026-01-20 00:00 +00:00 the "
                                                           "readings average 10.50 Wh per interval, about 1/38 of the 400 "
                                                           "Wh of the meter's previous weeks: values in kWh read as Wh, or "
                                                           "a current-transformer multiplier not applied?"))}));
    }

    void registerDeltaAndPeriodTotalMismatchFlagged()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 15, {100, 110, 120, 130});
        s.registerReads = {{start, 5000}, {start + 3600, 5600}};
        s.periodTotals = {{start, 3600, 500}};
        const VeeResult r = VeeEngine::run(s, channel(15), {}, Now);
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{
                     finding("register-sum", Severity::Flag, start, start + 3600, 0,
                             QStringLiteral("The intervals from 2026-01-12 00:00 +00:00 to 2026-01-12 01:00 +00:00 add up "
                                            "to 460 Wh, but the register reads 5000 Wh and 5600 Wh there, a difference of "
                                            "600 Wh (tolerance 4 Wh).")),
                     finding("period-total", Severity::Flag, start, start + 3600, 0,
                             QStringLiteral("The intervals from 2026-01-12 00:00 +00:00 to 2026-01-12 01:00 +00:00 add up "
                                            "to 460 Wh, but the file states a total of 500 Wh for that period (tolerance "
                                            "4 Wh)."))}));

        // Within max(0.5%, 1 Wh per interval): 463 against 460.
        s.registerReads = {{start, 5000}, {start + 3600, 5463}};
        s.periodTotals = {{start, 3600, 457}};
        QCOMPARE(VeeEngine::run(s, channel(15), {}, Now).findings, QList<VeeFinding>());
    }

    void futureReadingsRejected()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        const VeeResult r = VeeEngine::run(series(start, 30, varied(4)), channel(30), {}, at(2026, 1, 12, 1, 0));
        QVERIFY(r.rejected());
        QCOMPARE(r.readings, QList<CheckedReading>());
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("future", Severity::Reject, start + 3600, start + 5400, 4,
                                            QStringLiteral("Line 4: The reading for 2026-01-12 01:00 +00:00 lies in the "
                                                           "future (it is now 2026-01-12 01:00 +00:00).")),
                                    finding("future", Severity::Reject, start + 5400, start + 7200, 5,
                                            QStringLiteral("Line 5: The reading for 2026-01-12 01:30 +00:00 lies in the "
                                                           "future (it is now 2026-01-12 01:00 +00:00)."))}));
    }

    void duplicatesWithDifferentValuesRejected()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 30, {400, 410});
        s.readings.append({start, 1800, 400, Quality::Actual, 6}); // the same reading again: collapsed
        const VeeResult same = VeeEngine::run(s, channel(30), {}, Now);
        QCOMPARE(same.readings, (QList<CheckedReading>{reading(start, 400), reading(start + 1800, 410)}));
        QCOMPARE(same.findings, QList<VeeFinding>());

        s.readings.append({start, 1800, 450, Quality::Actual, 7});
        const VeeResult r = VeeEngine::run(s, channel(30), {}, Now);
        QVERIFY(r.rejected());
        QCOMPARE(r.readings, QList<CheckedReading>());
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("duplicate", Severity::Reject, start, start + 1800, 7,
                                            QStringLiteral("Lines 2 and 7 give different values for the interval at "
                                                           "2026-01-12 00:00 +00:00: 400 Wh and 450 Wh."))}));
    }

    void unitMismatchRejected()
    {
        ChannelSeries s = series(at(2026, 1, 12, 0, 0), 30, varied(4));
        s.unit = ChannelUnit::Litre;
        s.location = QStringLiteral("feed/entry[3]/content/IntervalBlock");
        const VeeResult r = VeeEngine::run(s, channel(30), {}, Now);
        QVERIFY(r.rejected());
        QCOMPARE(r.readings, QList<CheckedReading>());
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("unit", Severity::Reject, 0, 0, 0,
                                            QStringLiteral("feed/entry[3]/content/IntervalBlock: The readings are in L but "
                                                           "the meter's channel records Wh."))}));
    }

    void intervalLengthAndGridRejected()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries declared = series(start, 30, varied(4));
        const VeeResult r1 = VeeEngine::run(declared, channel(15), {}, Now);
        QCOMPARE(r1.findings,
                 (QList<VeeFinding>{finding("interval-length", Severity::Reject, 0, 0, 0,
                                            QStringLiteral("The file gives 1800-second intervals but the meter records "
                                                           "15-minute intervals."))}));

        ChannelSeries s = series(start, 15, varied(3));
        s.intervalSecs = 0;
        s.readings[0].durationSecs = 1800;
        s.readings[1].startUtc += 7 * 60;
        const VeeResult r2 = VeeEngine::run(s, channel(15), {}, Now);
        QVERIFY(r2.rejected());
        QCOMPARE(r2.findings,
                 (QList<VeeFinding>{
                     finding("interval-length", Severity::Reject, start, start + 1800, 2,
                             QStringLiteral("Line 2: The reading for 2026-01-12 00:00 +00:00 covers 1800 seconds but the "
                                            "meter records 15-minute intervals.")),
                     finding("grid", Severity::Reject, start + 900 + 420, start + 1800 + 420, 3,
                             QStringLiteral("Line 3: The reading for 2026-01-12 00:22 +00:00 does not start on the "
                                            "meter's 15-minute interval grid."))}));
    }

    void actualReplacesAStoredEstimate()
    {
        VeeHistory history;
        IntervalDay stored(48);
        stored.set(2, 500, Quality::Estimated);
        history.days.insert(QDate(2026, 1, 12), stored);
        const qint64 start = at(2026, 1, 12, 0, 0);
        const VeeResult r = VeeEngine::run(series(start, 30, {100, 110, 700, 120}), channel(30), history, Now);
        QCOMPARE(r.readings.at(2), reading(start + 3600, 700));
        QCOMPARE(r.findings, QList<VeeFinding>());
    }

    void estimatesInTheFileStaySourceEstimates()
    {
        const qint64 start = at(2026, 1, 12, 0, 0);
        ChannelSeries s = series(start, 30, {100, 110, 120});
        s.readings[1].quality = Quality::Estimated;
        s.readings[2].quality = Quality::Edited;
        const VeeResult r = VeeEngine::run(s, channel(30), {}, Now);
        QCOMPARE(r.readings,
                 (QList<CheckedReading>{reading(start, 100), reading(start + 1800, 110, Quality::Estimated, "source"),
                                        reading(start + 3600, 120, Quality::Edited, "source")}));
    }

    void manualEditKeepsTheRawValue()
    {
        const VeeChannel c = channel(30);
        const qint64 slot = at(2026, 1, 12, 1, 0);
        const VeeEditResult e = VeeEngine::edit(c, slot, 420, 400, Now);
        QVERIFY(!e.rejected());
        QCOMPARE(*e.reading, reading(slot, 420, Quality::Edited, "manual", 400));
        QCOMPARE(e.findings, QList<VeeFinding>());

        const VeeEditResult fresh = VeeEngine::edit(c, slot, 420, std::nullopt, Now);
        QCOMPARE(*fresh.reading, reading(slot, 420, Quality::Edited, "manual"));

        const VeeEditResult negative = VeeEngine::edit(c, slot, -5, 400, Now);
        QVERIFY(negative.rejected());
        QCOMPARE(negative.findings.first().message,
                 QStringLiteral("The value -5 Wh for 2026-01-12 01:00 +00:00 is negative, and the channel is not "
                                "net-metered."));

        const VeeEditResult offGrid = VeeEngine::edit(c, slot + 600, 420, 400, Now);
        QVERIFY(offGrid.rejected());
        QCOMPARE(offGrid.findings.first().message,
                 QStringLiteral("2026-01-12 01:10 +00:00 does not start an interval of the meter's 30-minute grid."));

        QVERIFY(VeeEngine::edit(c, slot, 420, 400, slot).rejected());

        const VeeEditResult big = VeeEngine::edit(c, slot, 20'000, 400, Now);
        QVERIFY(!big.rejected());
        QCOMPARE(big.findings.first().severity, Severity::Flag);
        QCOMPARE(big.findings.first().message,
                 QStringLiteral("The value 20000 Wh for 2026-01-12 01:00 +00:00 is above the channel's limit of 12500 Wh "
                                "per interval."));
    }

    void findingsAreCappedPerRule()
    {
        QList<qint64> v{100};
        for (int i = 0; i < 60; ++i)
            v.append(-1);
        v.append(100);
        const qint64 start = at(2026, 1, 12, 0, 0);
        const VeeResult r = VeeEngine::run(series(start, 15, v), channel(15), {}, Now);
        const auto negatives = r.findingsOf(QStringLiteral("negative"));
        QCOMPARE(negatives.size(), 51);
        QCOMPARE(negatives.last().message, QStringLiteral("10 more findings of the check \"negative\" are not listed."));
        QCOMPARE(negatives.last().startUtc, start + 51 * 900);
        QCOMPARE(negatives.last().endUtc, start + 61 * 900);
        // 15 hours of negatives: too long to interpolate, no reference: not stored.
        QCOMPARE(r.readings.size(), 2);
        QCOMPARE(negatives.first().message,
                 QStringLiteral("Line 3: The reading for 2026-01-12 00:15 +00:00 is -1 Wh, negative on a channel that is "
                                "not net-metered; it could not be estimated and is not stored."));
    }

    void readingsInAnyOrder()
    {
        const qint64 start = at(2026, 10, 25, 0, 0);
        ChannelSeries s = series(start, 15, varied(100));
        std::reverse(s.readings.begin(), s.readings.end());
        const VeeResult r = VeeEngine::run(s, channel(15), {}, Now);
        QCOMPARE(r.readings.size(), 100);
        QCOMPARE(r.readings.first(), reading(start, 100));
        QCOMPARE(r.readings.at(99), reading(start + 99 * 900, 100 + 99 % 7));
    }

    void dailyGasAcrossDstDays()
    {
        // 10 March 2024 lasts 23 hours in New York, 3 November 25: one interval each.
        for (const bool fullDays : {false, true}) {
            const VeeResult spring = VeeEngine::run(dailySeries(QDate(2024, 3, 8), varied(5, 50'000), fullDays),
                                                    dailyGas(), {}, Now);
            QCOMPARE(spring.findings, QList<VeeFinding>());
            QCOMPARE(spring.readings.size(), 5);
            for (int i = 0; i < 5; ++i)
                QCOMPARE(spring.readings.at(i), reading(midnight(QDate(2024, 3, 8 + i)), 50'000 + i));
            const VeeResult autumn = VeeEngine::run(dailySeries(QDate(2024, 11, 2), varied(3, 50'000), fullDays),
                                                    dailyGas(), {}, Now);
            QCOMPARE(autumn.findings, QList<VeeFinding>());
            QCOMPARE(autumn.readings.at(2).startUtc, midnight(QDate(2024, 11, 4)));
        }
    }

    void dailyReadingsOffMidnightOrOfAnotherLengthRejected()
    {
        ChannelSeries s = dailySeries(QDate(2024, 3, 8), varied(3, 50'000));
        s.readings[1].startUtc += 3600; // 01:00 on 9 March
        VeeResult r = VeeEngine::run(s, dailyGas(), {}, Now);
        QVERIFY(r.rejected());
        QCOMPARE(r.findings.size(), 1);
        QCOMPARE(r.findings.first().rule, QStringLiteral("grid"));
        QCOMPARE(r.findings.first().message,
                 QStringLiteral("Line 3: The reading for 2024-03-09 01:00 -05:00 does not start at the start of a local "
                                "day, where the meter's daily readings start."));

        // 23 hours fit 10 March, not 9 March.
        s = dailySeries(QDate(2024, 3, 8), varied(3, 50'000));
        s.readings[1].durationSecs = 82800;
        r = VeeEngine::run(s, dailyGas(), {}, Now);
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("interval-length", Severity::Reject, midnight(QDate(2024, 3, 9)),
                                            midnight(QDate(2024, 3, 10)), 3,
                                            QStringLiteral("Line 3: The reading for 2024-03-09 00:00 -05:00 covers 82800 "
                                                           "seconds, but that local day lasts 86400 seconds and the meter "
                                                           "records one reading a day."))}));
        s = dailySeries(QDate(2024, 3, 8), varied(3, 50'000));
        s.readings[0].durationSecs = 3600;
        r = VeeEngine::run(s, dailyGas(), {}, Now);
        QVERIFY(r.rejected());
        QCOMPARE(r.findings.first().message,
                 QStringLiteral("Line 2: The reading for 2024-03-08 00:00 -05:00 covers 3600 seconds but the meter "
                                "records 1440-minute intervals."));
    }

    void missingDayOfDailyGasInterpolated()
    {
        // The missing day is the 23-hour 10 March; its neighbours are present.
        const VeeResult r = VeeEngine::run(dailySeries(QDate(2024, 3, 9), {50'000, Gap, 60'000}), dailyGas(), {}, Now);
        QCOMPARE(r.readings,
                 (QList<CheckedReading>{reading(midnight(QDate(2024, 3, 9)), 50'000),
                                        reading(midnight(QDate(2024, 3, 10)), 55'000, Quality::Estimated, "interpolation"),
                                        reading(midnight(QDate(2024, 3, 11)), 60'000)}));
        // No day-incomplete finding: the gap finding says it all.
        QCOMPARE(r.findings,
                 (QList<VeeFinding>{finding("interpolation", Severity::Estimated, midnight(QDate(2024, 3, 10)),
                                            midnight(QDate(2024, 3, 11)), 0,
                                            QStringLiteral("1 intervals from 2024-03-10 00:00 -05:00 to 2024-03-11 00:00 "
                                                           "-04:00 had no reading; estimated by linear interpolation "
                                                           "between 50000 Wh and 60000 Wh (total 55000 Wh)."))}));

        // With the daily limit set to 0 days the day comes from the import's average day.
        VeeSettings noInterpolation;
        noInterpolation.interpolationMaxDays = 0;
        const VeeResult average =
            VeeEngine::run(dailySeries(QDate(2024, 3, 9), {50'000, Gap, 61'000}), dailyGas(), {}, Now, noInterpolation);
        QCOMPARE(average.readings.at(1),
                 reading(midnight(QDate(2024, 3, 10)), 55'500, Quality::Estimated, "import-average"));
    }

    void longerDailyGapsFromLikeDaysThenTheImportsAverage()
    {
        // Two missing days (Tuesday 9 and Wednesday 10 January) and the same weekdays a week and two earlier.
        VeeHistory history;
        history.days.insert(QDate(2024, 1, 2), dayOf(1, 40'000));
        history.days.insert(QDate(2023, 12, 26), dayOf(1, 44'000));
        history.days.insert(QDate(2024, 1, 3), dayOf(1, 30'000));
        const QList<qint64> v{50'000, Gap, Gap, 70'000};
        const VeeResult r = VeeEngine::run(dailySeries(QDate(2024, 1, 8), v), dailyGas(), history, Now);
        QCOMPARE(valuesOf(r), (QList<qint64>{50'000, 42'000, 30'000, 70'000}));
        QCOMPARE(r.readings.at(1).rule, QStringLiteral("like-day"));
        QCOMPARE(r.findingsOf(QStringLiteral("like-day")).first().message,
                 QStringLiteral("2 intervals from 2024-01-09 00:00 -05:00 to 2024-01-11 00:00 -05:00 had no reading; "
                                "estimated from like days (total 72000 Wh)."));
        QCOMPARE(r.findingsOf(QStringLiteral("day-incomplete")), QList<VeeFinding>());

        // No history: the average of the import's days.
        const VeeResult none = VeeEngine::run(dailySeries(QDate(2024, 1, 8), v), dailyGas(), {}, Now);
        QCOMPARE(valuesOf(none), (QList<qint64>{50'000, 60'000, 60'000, 70'000}));
        QCOMPARE(none.readings.at(2).rule, QStringLiteral("import-average"));

        // More than a week missing is only flagged.
        QList<qint64> long_{50'000};
        for (int i = 0; i < 8; ++i)
            long_.append(Gap);
        long_.append(70'000);
        const VeeResult flagged = VeeEngine::run(dailySeries(QDate(2024, 1, 8), long_), dailyGas(), {}, Now);
        QCOMPARE(valuesOf(flagged), (QList<qint64>{50'000, 70'000}));
        QCOMPARE(flagged.findings,
                 (QList<VeeFinding>{finding("gap", Severity::Flag, midnight(QDate(2024, 1, 9)), midnight(QDate(2024, 1, 17)),
                                            0, QStringLiteral("8 intervals from 2024-01-09 00:00 -05:00 to 2024-01-17 "
                                                              "00:00 -05:00 have no reading; a gap longer than 168 hours "
                                                              "is not estimated."))}));
    }

    void dailyThresholdsMeasuredInTime()
    {
        // A week of zero gas is flagged (168 hours), six days are not.
        QList<qint64> v{52'000, 0, 0, 0, 0, 0, 0, 0, 48'000};
        const VeeResult week = VeeEngine::run(dailySeries(QDate(2024, 3, 4), v), dailyGas(), {}, Now);
        QCOMPARE(week.findings,
                 (QList<VeeFinding>{finding("zero-run", Severity::Flag, midnight(QDate(2024, 3, 5)),
                                            midnight(QDate(2024, 3, 12)), 3,
                                            QStringLiteral("7 intervals in a row from 2024-03-05 00:00 -05:00 to "
                                                           "2024-03-12 00:00 -04:00 read zero: a stopped meter, a "
                                                           "disconnected supply or an empty premise?"))}));
        v.removeAt(1);
        QCOMPARE(VeeEngine::run(dailySeries(QDate(2024, 3, 4), v), dailyGas(), {}, Now).findings, QList<VeeFinding>());

        // The absolute limit is 24 hours at the gas meter's 67 kW: 1608 kWh a day.
        QCOMPARE(VeeSettings().maxPerInterval(Commodity::Gas, ChannelKind::Import, ChannelUnit::WattHour, 1440),
                 1'608'000);
        QCOMPARE(VeeSettings().maxPerInterval(Commodity::Water, ChannelKind::Import, ChannelUnit::Litre, 1440), 75'000);
        const VeeResult high =
            VeeEngine::run(dailySeries(QDate(2024, 3, 4), {50'000, 1'700'000, 60'000, 1'600'000, 58'000}), dailyGas(),
                           {}, Now);
        QCOMPARE(high.readings.at(1),
                 reading(midnight(QDate(2024, 3, 5)), 55'000, Quality::Estimated, "high-limit", 1'700'000));
        QCOMPARE(high.readings.at(3), reading(midnight(QDate(2024, 3, 7)), 1'600'000));
        QCOMPARE(high.findingsOf(QStringLiteral("spike")).size(), 1); // 1600 kWh between 60 and 58 kWh
        QCOMPARE(high.findingsOf(QStringLiteral("spike")).first().endUtc, midnight(QDate(2024, 3, 8)));
    }

    void dailyEditAtMidnightOnly()
    {
        const qint64 day = midnight(QDate(2024, 3, 10));
        const VeeEditResult ok = VeeEngine::edit(dailyGas(), day, 51'000, 50'000, Now);
        QVERIFY(!ok.rejected());
        QCOMPARE(*ok.reading, reading(day, 51'000, Quality::Edited, "manual", 50'000));
        const VeeEditResult off = VeeEngine::edit(dailyGas(), day + 3600, 51'000, std::nullopt, Now);
        QVERIFY(off.rejected());
        QCOMPARE(off.findings.first().message,
                 QStringLiteral("2024-03-10 01:00 -05:00 is not the start of a local day, where the meter's daily "
                                "readings start."));
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        QSettings ini(dir.filePath(QStringLiteral("vee.ini")), QSettings::IniFormat);
        VeeSettings s;
        s.interpolationMaxMinutes = 120;
        s.interpolationMaxDays = 2;
        s.spikeFactor = 7.5;
        s.electricityMaxWatts = 60'000;
        s.save(ini);
        QCOMPARE(ini.value(QStringLiteral("vee/interpolationMaxMinutes")).toInt(), 120);
        QCOMPARE(ini.value(QStringLiteral("vee/interpolationMaxDays")).toInt(), 2);
        const VeeSettings back = VeeSettings::load(ini);
        QVERIFY(back == s);
        QCOMPARE(back.maxPerInterval(Commodity::Electricity, ChannelKind::Import, ChannelUnit::WattHour, 15), 15'000);
        QCOMPARE(VeeSettings().maxPerInterval(Commodity::Water, ChannelKind::Import, ChannelUnit::Litre, 60), 3125);
        QCOMPARE(VeeSettings().maxPerInterval(Commodity::Gas, ChannelKind::Import, ChannelUnit::Litre, 30), 3000);
    }
};

QTEST_GUILESS_MAIN(TestVee)
#include "tst_vee.moc"
