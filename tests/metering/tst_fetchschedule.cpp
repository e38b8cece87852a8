#include <metering/fetchschedule.h>

#include <QTest>

using namespace std::chrono_literals;
using Ud::Metering::FetchPolicy;
using Ud::Metering::FetchSchedule;

namespace {

QDateTime at(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toUTC();
}

FetchPolicy noJitter()
{
    FetchPolicy policy;
    policy.pollInterval = 6h;
    policy.firstRetry = 30s;
    policy.maxRetry = 1h;
    policy.jitter = 0.0;
    return policy;
}

} // namespace

class TestFetchSchedule : public QObject
{
    Q_OBJECT

private slots:
    void neverFetchedIsDueAtOnce()
    {
        const FetchSchedule schedule(noJitter(), 1);
        QVERIFY(!schedule.nextRun().isValid());
        QVERIFY(schedule.isDue(at("2024-03-15T10:00:00Z")));
        QCOMPARE(schedule.msecsUntilNext(at("2024-03-15T10:00:00Z")), qint64(0));
        QVERIFY(!schedule.isBackingOff());
    }

    void successSchedulesOnePollIntervalAfterItsStart()
    {
        FetchSchedule schedule(noJitter(), 1);
        schedule.recordSuccess(at("2024-03-15T10:00:00Z"));
        QCOMPARE(schedule.nextRun(), at("2024-03-15T16:00:00Z"));
        QCOMPARE(schedule.lastSuccess(), at("2024-03-15T10:00:00Z"));
        QVERIFY(!schedule.isDue(at("2024-03-15T15:59:59Z")));
        QVERIFY(schedule.isDue(at("2024-03-15T16:00:00Z")));
        QCOMPARE(schedule.msecsUntilNext(at("2024-03-15T15:59:00Z")), qint64(60'000));
    }

    void restoredSuccessWaitsForTheRestOfTheInterval()
    {
        FetchSchedule schedule(noJitter(), 1);
        schedule.restore(at("2024-03-15T09:30:00+01:00"));
        QCOMPARE(schedule.nextRun(), at("2024-03-15T14:30:00Z"));
        QVERIFY(!schedule.isDue(at("2024-03-15T14:00:00Z")));
    }

    void failuresDoubleFromThirtySecondsToTheOneHourCap()
    {
        FetchSchedule schedule(noJitter(), 1);
        const QDateTime t0 = at("2024-03-15T10:00:00Z");
        const qint64 expected[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
        QDateTime now = t0;
        for (int i = 0; i < 10; ++i) {
            const QDateTime next = schedule.recordFailure(now);
            QCOMPARE(now.secsTo(next), expected[i]);
            QCOMPARE(schedule.nextRun(), next);
            QCOMPARE(schedule.consecutiveFailures(), i + 1);
            now = next; // the retry fails again as soon as it runs
        }
        QCOMPARE(now, at("2024-03-15T14:03:30Z")); // 30+60+...+1920 = 3810 s, then 3 x 3600 s
        QVERIFY(schedule.isBackingOff());
        QCOMPARE(schedule.backoffDelay(7), 1920s);
        QCOMPARE(schedule.backoffDelay(8), 3600s);
        QCOMPARE(schedule.backoffDelay(1000), 3600s);
    }

    void successResetsTheBackoff()
    {
        FetchSchedule schedule(noJitter(), 1);
        schedule.recordFailure(at("2024-03-15T10:00:00Z"));
        schedule.recordFailure(at("2024-03-15T10:00:30Z"));
        schedule.recordFailure(at("2024-03-15T10:01:30Z"));
        QCOMPARE(schedule.nextRun(), at("2024-03-15T10:03:30Z"));
        schedule.recordSuccess(at("2024-03-15T10:03:30Z"));
        QVERIFY(!schedule.isBackingOff());
        QCOMPARE(schedule.nextRun(), at("2024-03-15T16:03:30Z"));
        QCOMPARE(schedule.recordFailure(at("2024-03-15T16:03:31Z")), at("2024-03-15T16:04:01Z"));
    }

    void jitterStaysWithinTwentyPercentAndUsesTheWholeRange()
    {
        FetchPolicy policy = noJitter();
        policy.jitter = 0.2;
        const QDateTime t0 = at("2024-03-15T10:00:00Z");
        qint64 lowest = std::numeric_limits<qint64>::max();
        qint64 highest = 0;
        qint64 lowestAtCap = std::numeric_limits<qint64>::max();
        qint64 highestAtCap = 0;
        for (quint32 seed = 0; seed < 500; ++seed) {
            FetchSchedule schedule(policy, seed);
            const qint64 first = t0.msecsTo(schedule.recordFailure(t0));
            QVERIFY2(first >= 24'000 && first <= 36'000, qPrintable(QString::number(first)));
            lowest = std::min(lowest, first);
            highest = std::max(highest, first);
            for (int i = 2; i < 12; ++i)
                schedule.recordFailure(t0);
            const qint64 capped = t0.msecsTo(schedule.recordFailure(t0));
            // 3600 s -20%, and never above the cap
            QVERIFY2(capped >= 2'880'000 && capped <= 3'600'000, qPrintable(QString::number(capped)));
            lowestAtCap = std::min(lowestAtCap, capped);
            highestAtCap = std::max(highestAtCap, capped);
        }
        QVERIFY(lowest < 25'000);
        QVERIFY(highest > 35'000);
        QVERIFY(lowestAtCap < 2'950'000);
        QCOMPARE(highestAtCap, qint64(3'600'000));
    }

    void theSameSeedGivesTheSameRetryTimes()
    {
        FetchPolicy policy = noJitter();
        policy.jitter = 0.2;
        FetchSchedule a(policy, 42);
        FetchSchedule b(policy, 42);
        FetchSchedule c(policy, 43);
        const QDateTime t0 = at("2024-03-15T10:00:00Z");
        bool differs = false;
        for (int i = 0; i < 6; ++i) {
            const QDateTime na = a.recordFailure(t0);
            QCOMPARE(b.recordFailure(t0), na);
            differs = differs || c.recordFailure(t0) != na;
        }
        QVERIFY(differs);
    }

    void retryAfterReplacesTheBackoffWithoutJitter()
    {
        FetchPolicy policy = noJitter();
        policy.jitter = 0.2;
        FetchSchedule schedule(policy, 5);
        const QDateTime t0 = at("2024-03-15T10:00:00Z");
        QCOMPARE(schedule.recordFailure(t0, 120s), at("2024-03-15T10:02:00Z"));
        QCOMPARE(schedule.consecutiveFailures(), 1);
        QVERIFY(schedule.isBackingOff());
        // a huge Retry-After is shortened to maxRetryAfter (24 h), zero waits one second
        QCOMPARE(schedule.recordFailure(t0, 72h), at("2024-03-16T10:00:00Z"));
        QCOMPARE(schedule.recordFailure(t0, 0s), at("2024-03-15T10:00:01Z"));
        // the count kept rising, so a failure without Retry-After continues the doubling (4th: 240 s +/- 20%)
        const qint64 fourth = t0.secsTo(schedule.recordFailure(t0));
        QVERIFY2(fourth >= 192 && fourth <= 288, qPrintable(QString::number(fourth)));
    }

    void parsesRetryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<qint64>("seconds"); // -1: not a Retry-After value

        const QDateTime nov1994 = at("1994-11-06T08:47:37Z");
        QTest::newRow("delay-seconds") << QByteArray("120") << nov1994 << qint64(120);
        QTest::newRow("padded") << QByteArray(" 7 ") << nov1994 << qint64(7);
        QTest::newRow("zero") << QByteArray("0") << nov1994 << qint64(0);
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << nov1994 << qint64(120);
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << nov1994 << qint64(120);
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << nov1994 << qint64(120);
        QTest::newRow("RFC 850 this century") << QByteArray("Friday, 15-Mar-24 10:05:00 GMT")
                                              << at("2024-03-15T10:00:00Z") << qint64(300);
        QTest::newRow("date in the past") << QByteArray("Sun, 06 Nov 1994 08:40:00 GMT") << nov1994 << qint64(0);
        QTest::newRow("words") << QByteArray("soon") << nov1994 << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << nov1994 << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << nov1994 << qint64(-1);
        QTest::newRow("empty") << QByteArray() << nov1994 << qint64(-1);
        QTest::newRow("local zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 +0100") << nov1994 << qint64(-1);
    }

    void parsesRetryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(QDateTime, now);
        QFETCH(qint64, seconds);
        const auto parsed = FetchSchedule::parseRetryAfter(value, now);
        if (seconds < 0) {
            QVERIFY(!parsed.has_value());
        } else {
            QVERIFY(parsed.has_value());
            QCOMPARE(qint64(parsed->count()), seconds);
        }
    }

    void twoDigitYearsMoreThanFiftyYearsAheadArePast()
    {
        const QDateTime now = at("2030-01-01T00:00:00Z");
        QCOMPARE(FetchSchedule::parseHttpDate("Tuesday, 01-Jan-70 00:00:00 GMT", now), at("2070-01-01T00:00:00Z"));
        QCOMPARE(FetchSchedule::parseHttpDate("Monday, 01-Jan-90 00:00:00 GMT", now), at("1990-01-01T00:00:00Z"));
        QCOMPARE(FetchSchedule::parseHttpDate("Sunday, 29-Feb-04 23:59:59 GMT", now), at("2004-02-29T23:59:59Z"));
    }
};

QTEST_GUILESS_MAIN(TestFetchSchedule)
#include "tst_fetchschedule.moc"
