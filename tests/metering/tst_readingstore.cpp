#include <metering/readingstore.h>

#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include "testdatabase.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Core::Error;
using Core::SqlQuery;
using Metering::Quality;
using Metering::ReadingStore;
using Reading = ReadingStore::Reading;

namespace {

const QTimeZone London(QByteArrayLiteral("Europe/London"));
const QTimeZone Shanghai(QByteArrayLiteral("Asia/Shanghai"));
const QTimeZone NewYork(QByteArrayLiteral("America/New_York"));

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

qint64 localMidnight(const QDate &day, const QTimeZone &zone) { return day.startOfDay(zone).toSecsSinceEpoch(); }

/// `count` consecutive readings from `startUtc`, values base, base+1, ...
QList<Reading> run(qint64 startUtc, int count, int minutes, qint64 base, Quality quality = Quality::Actual)
{
    QList<Reading> list;
    for (int i = 0; i < count; ++i)
        list.append({startUtc + qint64(i) * minutes * 60, base + i, quality});
    return list;
}

qint64 sumOf(const QList<Reading> &list)
{
    qint64 s = 0;
    for (const Reading &r : list)
        s += r.value;
    return s;
}

/// The rows a meter channel needs for its foreign keys: customer, premise, account, service
/// point, meter, channel. Returns the channel id.
QString insertChannel(Core::Database &db, const QString &zone, int intervalMinutes)
{
    QSqlDatabase c = db.connection();
    const QString customer = Core::newId(), premise = Core::newId(), account = Core::newId();
    const QString servicePoint = Core::newId(), meter = Core::newId(), channel = Core::newId();
    SqlQuery(c, QStringLiteral("INSERT INTO customers (id, customer_number, class, full_name, created_at, updated_at) "
                               "VALUES (:id, 'C-1', 'residential', 'Ada Test', 0, 0)"))
        .bind(QStringLiteral(":id"), customer).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO premises (id, address_line1, country, time_zone) "
                               "VALUES (:id, '1 Test Street', 'GB', :tz)"))
        .bind(QStringLiteral(":id"), premise).bind(QStringLiteral(":tz"), zone).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO accounts (id, account_number, customer_id, premise_id, market_code, "
                               "payment_type, status, opened_on) VALUES (:id, 'A-1', :c, :p, 'GB', 'postpaid', "
                               "'active', '2026-01-01')"))
        .bind(QStringLiteral(":id"), account).bind(QStringLiteral(":c"), customer).bind(QStringLiteral(":p"), premise).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO service_points (id, premise_id, account_id, commodity, identifier) "
                               "VALUES (:id, :p, :a, 'electricity', 'MPAN-1')"))
        .bind(QStringLiteral(":id"), servicePoint).bind(QStringLiteral(":p"), premise).bind(QStringLiteral(":a"), account).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meters (id, service_point_id, serial, commodity, interval_minutes, installed_on) "
                               "VALUES (:id, :sp, 'M-1', 'electricity', :i, '2026-01-01')"))
        .bind(QStringLiteral(":id"), meter).bind(QStringLiteral(":sp"), servicePoint)
        .bind(QStringLiteral(":i"), intervalMinutes).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meter_channels (id, meter_id, channel, unit) VALUES (:id, :m, 'import', 'Wh')"))
        .bind(QStringLiteral(":id"), channel).bind(QStringLiteral(":m"), meter).exec();
    return channel;
}

qint64 count(Core::Database &db, const QString &table)
{
    return SqlQuery(db.connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table).scalar(0).toLongLong();
}

} // namespace

class TestReadingStore : public QObject
{
    Q_OBJECT

private slots:
    void normalDayRoundTrips_data() { Test::addBackendRows(); }
    void normalDayRoundTrips()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 30);
        ReadingStore store(t.db());
        const QList<Reading> day = run(utc("2026-01-15T00:00:00Z"), 48, 30, 1000);

        const auto result = store.write(channel, London, 30, day, QStringLiteral("jan.csv"));
        QCOMPARE(result.inserted, 48);
        QCOMPARE(result.updated + result.unchanged + result.revisions, 0);

        QCOMPARE(store.read(channel, London, utc("2026-01-15T00:00:00Z"), utc("2026-01-16T00:00:00Z")), day);
        const auto totals = store.dailyTotals(channel, QDate(2026, 1, 1), QDate(2026, 1, 31));
        QCOMPARE(totals.size(), 1);
        QCOMPARE(totals[0].day, QDate(2026, 1, 15));
        QCOMPARE(totals[0].total, sumOf(day));
        QCOMPARE(totals[0].readingCount, 48);
        QCOMPARE(totals[0].presentCount, 48);

        // One row for the whole day, the readings packed 8 bytes each.
        SqlQuery row(t.db().connection(), QStringLiteral("SELECT reading_count, readings, quality FROM interval_days"));
        row.exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toInt(), 48);
        QCOMPARE(row.value(1).toByteArray().size(), 48 * 8);
        QCOMPARE(row.value(2).toByteArray(), QByteArray(48, char(Quality::Actual)));
        QVERIFY(!row.next());

        // A sub-range returns exactly the intervals starting inside it.
        const auto part = store.read(channel, London, utc("2026-01-15T10:00:00Z"), utc("2026-01-15T11:00:00Z"));
        QCOMPARE(part, day.mid(20, 2));
    }

    void dstDaysHaveFortySixAndFiftySlots_data() { Test::addBackendRows(); }
    void dstDaysHaveFortySixAndFiftySlots()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 30);
        ReadingStore store(t.db());
        QCOMPARE(ReadingStore::slotsInDay(QDate(2026, 3, 29), London, 30), 46);
        QCOMPARE(ReadingStore::slotsInDay(QDate(2026, 10, 25), London, 30), 50);

        // Spring forward: local midnight is 00:00 UTC (GMT), the next is 23:00 UTC (BST).
        const QList<Reading> spring = run(utc("2026-03-29T00:00:00Z"), 46, 30, 10);
        // Fall back: local midnight is 23:00 UTC the day before (BST), the next is 00:00 UTC.
        const QList<Reading> autumn = run(utc("2026-10-24T23:00:00Z"), 50, 30, 500);
        QCOMPARE(store.write(channel, London, 30, spring, QStringLiteral("spring.csv")).inserted, 46);
        QCOMPARE(store.write(channel, London, 30, autumn, QStringLiteral("autumn.csv")).inserted, 50);

        const auto totals = store.dailyTotals(channel, QDate(2026, 3, 1), QDate(2026, 10, 31));
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals[0].day, QDate(2026, 3, 29));
        QCOMPARE(totals[0].readingCount, 46);
        QCOMPARE(totals[0].total, sumOf(spring));
        QCOMPARE(totals[1].day, QDate(2026, 10, 25));
        QCOMPARE(totals[1].readingCount, 50);
        QCOMPARE(totals[1].total, sumOf(autumn));

        const auto springBack = store.read(channel, London, utc("2026-03-28T00:00:00Z"), utc("2026-03-30T00:00:00Z"));
        QCOMPARE(springBack, spring);
        // 01:00 UTC is 02:00 BST: the local hour 01:xx does not exist that day.
        QCOMPARE(QDateTime::fromSecsSinceEpoch(springBack[2].startUtc, London).time(), QTime(2, 0));

        const auto autumnBack = store.read(channel, London, utc("2026-10-24T00:00:00Z"), utc("2026-10-26T00:00:00Z"));
        QCOMPARE(autumnBack, autumn);
        // The two local 01:00 intervals (BST, then GMT) are distinct readings an hour apart.
        QCOMPARE(autumnBack[2].startUtc, utc("2026-10-25T00:00:00Z"));
        QCOMPARE(autumnBack[4].startUtc, utc("2026-10-25T01:00:00Z"));
        const QDateTime first = QDateTime::fromSecsSinceEpoch(autumnBack[2].startUtc, London);
        const QDateTime second = QDateTime::fromSecsSinceEpoch(autumnBack[4].startUtc, London);
        QCOMPARE(first.time(), QTime(1, 0));
        QCOMPARE(second.time(), QTime(1, 0));
        QCOMPARE(first.offsetFromUtc(), 3600);
        QCOMPARE(second.offsetFromUtc(), 0);
        QCOMPARE(autumnBack[2].value, qint64(502));
        QCOMPARE(autumnBack[4].value, qint64(504));
        QCOMPARE(autumnBack.last().startUtc, utc("2026-10-25T23:30:00Z"));
    }

    void rewritingSameReadingsChangesNothing_data() { Test::addBackendRows(); }
    void rewritingSameReadingsChangesNothing()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 30);
        Core::ManualClock clock(utc("2026-02-01T09:00:00Z"));
        ReadingStore store(t.db(), clock);
        const QList<Reading> day = run(utc("2026-01-20T00:00:00Z"), 48, 30, 7);
        store.write(channel, London, 30, day, QStringLiteral("jan.csv"));
        const QVariant updatedAt =
            SqlQuery(t.db().connection(), QStringLiteral("SELECT updated_at FROM interval_days")).scalar();

        clock.advance(3600);
        const auto again = store.write(channel, London, 30, day, QStringLiteral("jan.csv"));
        QCOMPARE(again.unchanged, 48);
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.revisions, 0);
        QCOMPARE(count(t.db(), QStringLiteral("interval_revisions")), qint64(0));
        QCOMPARE(count(t.db(), QStringLiteral("interval_days")), qint64(1));
        QCOMPARE(SqlQuery(t.db().connection(), QStringLiteral("SELECT updated_at FROM interval_days")).scalar().toLongLong(),
                 updatedAt.toLongLong());
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-01")), sumOf(day));
    }

    void overlappingWriteKeepsOldValues_data() { Test::addBackendRows(); }
    void overlappingWriteKeepsOldValues()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 30);
        Core::ManualClock clock(utc("2026-02-01T09:00:00Z"));
        ReadingStore store(t.db(), clock);
        const QList<Reading> first = run(utc("2026-01-31T00:00:00Z"), 48, 30, 100);
        store.write(channel, London, 30, first, QStringLiteral("first.csv"));

        // The last 4 intervals of 31 Jan again with new values, and the first 6 of 1 Feb.
        clock.advance(60);
        const QList<Reading> second = run(utc("2026-01-31T22:00:00Z"), 10, 30, 900, Quality::Estimated);
        const auto result = store.write(channel, London, 30, second, QStringLiteral("second.xml"));
        QCOMPARE(result.updated, 4);
        QCOMPARE(result.revisions, 4);
        QCOMPARE(result.inserted, 6);
        QCOMPARE(result.unchanged, 0);

        const auto revs = store.revisions(channel, QDate(2026, 1, 31));
        QCOMPARE(revs.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(revs[i].slot, 44 + i);
            QCOMPARE(revs[i].oldValue, qint64(144 + i));
            QCOMPARE(revs[i].oldQuality, Quality::Actual);
            QCOMPARE(revs[i].newValue, qint64(900 + i));
            QCOMPARE(revs[i].newQuality, Quality::Estimated);
            QCOMPARE(revs[i].source, QStringLiteral("second.xml"));
            QCOMPARE(revs[i].replacedAt, clock.nowSecs());
        }
        QVERIFY(store.revisions(channel, QDate(2026, 2, 1)).isEmpty());

        const qint64 jan31 = sumOf(first.mid(0, 44)) + sumOf(second.mid(0, 4));
        const auto totals = store.dailyTotals(channel, QDate(2026, 1, 31), QDate(2026, 2, 1));
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals[0].total, jan31);
        QCOMPARE(totals[1].total, sumOf(second.mid(4)));
        QCOMPARE(totals[1].presentCount, 6);
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-01")), jan31);
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-02")), sumOf(second.mid(4)));

        const auto back = store.read(channel, London, utc("2026-01-31T21:30:00Z"), utc("2026-01-31T23:00:00Z"));
        QCOMPARE(back.size(), 3);
        QCOMPARE(back[0], (Reading{utc("2026-01-31T21:30:00Z"), 143, Quality::Actual}));
        QCOMPARE(back[1], (Reading{utc("2026-01-31T22:00:00Z"), 900, Quality::Estimated}));
    }

    void misalignedReadingRejectsWholeBatch_data() { Test::addBackendRows(); }
    void misalignedReadingRejectsWholeBatch()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 30);
        ReadingStore store(t.db());
        QList<Reading> batch = run(utc("2026-07-01T00:00:00Z"), 10, 30, 1);
        batch.append({utc("2026-07-01T12:10:00Z"), 5, Quality::Actual});
        try {
            store.write(channel, London, 30, batch, QStringLiteral("bad.csv"));
            QFAIL("a reading off the half-hour grid was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::BadInput);
            // Named in the premise's local time (BST in July).
            QVERIFY2(e.message().contains(QStringLiteral("2026-07-01T13:10:00+01:00")), qPrintable(e.message()));
        }
        QCOMPARE(count(t.db(), QStringLiteral("interval_days")), qint64(0));
        QCOMPARE(count(t.db(), QStringLiteral("interval_months")), qint64(0));

        try {
            store.write(channel, London, 10, run(utc("2026-07-01T00:00:00Z"), 3, 10, 1), QStringLiteral("bad.csv"));
            QFAIL("a 10-minute interval was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::BadInput);
            QVERIFY2(e.message().contains(QStringLiteral("10 minutes")), qPrintable(e.message()));
        }
        QCOMPARE(count(t.db(), QStringLiteral("interval_days")), qint64(0));
    }

    void monthTotalIsSumOfDayTotals_data() { Test::addBackendRows(); }
    void monthTotalIsSumOfDayTotals()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 15);
        ReadingStore store(t.db());
        // 28 Mar (96 quarter-hours), 29 Mar (92, DST), 31 Mar partly, 1 Apr: in one write.
        QList<Reading> batch = run(localMidnight(QDate(2026, 3, 28), London), 96 + 92, 15, 3);
        batch += run(localMidnight(QDate(2026, 3, 31), London) + 3600, 20, 15, 40);
        batch += run(localMidnight(QDate(2026, 4, 1), London), 96, 15, 11);
        const auto result = store.write(channel, London, 15, batch, QStringLiteral("spring.csv"));
        QCOMPARE(result.inserted, int(batch.size()));

        const auto march = store.dailyTotals(channel, QDate(2026, 3, 1), QDate(2026, 3, 31));
        QCOMPARE(march.size(), 3);
        QCOMPARE(march[1].readingCount, 92);
        qint64 sum = 0;
        for (const auto &d : march)
            sum += d.total;
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-03")), sum);
        QCOMPARE(sum, sumOf(batch.mid(0, 96 + 92 + 20)));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-04")), sumOf(batch.mid(96 + 92 + 20)));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-05")), qint64(0));
        QCOMPARE(SqlQuery(t.db().connection(),
                          QStringLiteral("SELECT present_count FROM interval_months WHERE month = '2026-03'"))
                     .scalar()
                     .toInt(),
                 96 + 92 + 20);
    }

    void shanghaiDaysStartAtSixteenUtc_data() { Test::addBackendRows(); }
    void shanghaiDaysStartAtSixteenUtc()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Asia/Shanghai"), 60);
        ReadingStore store(t.db());
        // 25 hours from 16:00 UTC on 31 May: the whole local 1 June and the first hour of 2 June.
        const QList<Reading> batch = run(utc("2026-05-31T16:00:00Z"), 25, 60, 1);
        store.write(channel, Shanghai, 60, batch, QStringLiteral("cn.csv"));

        const auto totals = store.dailyTotals(channel, QDate(2026, 5, 31), QDate(2026, 6, 2));
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals[0].day, QDate(2026, 6, 1));
        QCOMPARE(totals[0].readingCount, 24);
        QCOMPARE(totals[0].presentCount, 24);
        QCOMPARE(totals[0].total, sumOf(batch.mid(0, 24)));
        QCOMPARE(totals[1].day, QDate(2026, 6, 2));
        QCOMPARE(totals[1].presentCount, 1);
        QCOMPARE(totals[1].total, qint64(25));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-05")), qint64(0));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-06")), sumOf(batch));

        QCOMPARE(store.read(channel, Shanghai, utc("2026-05-31T00:00:00Z"), utc("2026-06-03T00:00:00Z")), batch);
        // UTC 31 May 23:00 .. 1 June 01:00 is local 07:00 .. 09:00 on 1 June.
        const auto morning = store.read(channel, Shanghai, utc("2026-05-31T23:00:00Z"), utc("2026-06-01T01:00:00Z"));
        QCOMPARE(morning, batch.mid(7, 2));
    }

    void dailyRowsHaveOneSlotOnDstDays_data() { Test::addBackendRows(); }
    void dailyRowsHaveOneSlotOnDstDays()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("Europe/London"), 1440);
        Core::ManualClock clock(utc("2026-11-01T09:00:00Z"));
        ReadingStore store(t.db(), clock);
        QCOMPARE(ReadingStore::slotsInDay(QDate(2026, 3, 29), London, 1440), 1);
        QCOMPARE(ReadingStore::slotsInDay(QDate(2026, 10, 25), London, 1440), 1);

        // Each reading starts at its local midnight: 29 March lasts 23 hours, 25 October 25.
        const QList<Reading> days{{utc("2026-03-28T00:00:00Z"), 51'000, Quality::Actual},
                                  {utc("2026-03-29T00:00:00Z"), 47'000, Quality::Actual},
                                  {utc("2026-03-29T23:00:00Z"), 50'000, Quality::Estimated},
                                  {utc("2026-10-24T23:00:00Z"), 62'000, Quality::Actual},
                                  {utc("2026-10-26T00:00:00Z"), 58'000, Quality::Actual}};
        const auto result = store.write(channel, London, 1440, days, QStringLiteral("gas.xml"));
        QCOMPARE(result.inserted, 5);

        const auto totals = store.dailyTotals(channel, QDate(2026, 3, 1), QDate(2026, 10, 31));
        QCOMPARE(totals.size(), 5);
        QCOMPARE(totals[0].day, QDate(2026, 3, 28));
        QCOMPARE(totals[1].day, QDate(2026, 3, 29));
        QCOMPARE(totals[1].readingCount, 1);
        QCOMPARE(totals[1].presentCount, 1);
        QCOMPARE(totals[1].total, qint64(47'000));
        QCOMPARE(totals[2].day, QDate(2026, 3, 30));
        QCOMPARE(totals[2].estimatedCount, 1);
        QCOMPARE(totals[3].day, QDate(2026, 10, 25));
        QCOMPARE(totals[3].readingCount, 1);
        QCOMPARE(totals[3].total, qint64(62'000));
        QCOMPARE(totals[4].day, QDate(2026, 10, 26));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-03")), qint64(51'000 + 47'000 + 50'000));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-10")), qint64(62'000 + 58'000));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-11")), qint64(0));

        QCOMPARE(store.read(channel, London, utc("2026-03-01T00:00:00Z"), utc("2026-11-01T00:00:00Z")), days);
        // A range that starts after a day's midnight leaves that day's reading out.
        QCOMPARE(store.read(channel, London, utc("2026-03-29T01:00:00Z"), utc("2026-10-25T00:00:00Z")), days.mid(2, 2));
        const QDateTime autumn = QDateTime::fromSecsSinceEpoch(days[3].startUtc, London);
        QCOMPARE(autumn.date(), QDate(2026, 10, 25));
        QCOMPARE(autumn.time(), QTime(0, 0));
        QCOMPARE(autumn.offsetFromUtc(), 3600);

        SqlQuery row(t.db().connection(), QStringLiteral(
            "SELECT interval_minutes, reading_count, readings FROM interval_days WHERE local_day = '2026-10-25'"));
        row.exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toInt(), 1440);
        QCOMPARE(row.value(1).toInt(), 1);
        QCOMPARE(row.value(2).toByteArray().size(), 8);
        const auto days25 = store.days(channel, QDate(2026, 10, 25), QDate(2026, 10, 25));
        QCOMPARE(days25.value(QDate(2026, 10, 25)).count(), 1);
        QCOMPARE(days25.value(QDate(2026, 10, 25)).value(0), qint64(62'000));

        const auto stats = store.stats(channel);
        QVERIFY(stats);
        QCOMPARE(stats->firstUtc, days.first().startUtc);
        QCOMPARE(stats->lastUtc, days.last().startUtc);
        QCOMPARE(stats->days, 5);
        QCOMPARE(stats->expectedCount, 5);

        // A corrected value for the 23-hour day replaces slot 0 and keeps the old one.
        clock.advance(60);
        const auto again = store.write(channel, London, 1440, {{utc("2026-03-29T00:00:00Z"), 47'500, Quality::Actual}},
                                       QStringLiteral("gas-corrected.xml"));
        QCOMPARE(again.updated, 1);
        const auto revs = store.revisions(channel, QDate(2026, 3, 29));
        QCOMPARE(revs.size(), 1);
        QCOMPARE(revs[0].slot, 0);
        QCOMPARE(revs[0].oldValue, qint64(47'000));
        QCOMPARE(revs[0].newValue, qint64(47'500));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2026-03")), qint64(51'000 + 47'500 + 50'000));

        // Half hours cannot be merged into a day stored as one daily reading.
        try {
            store.write(channel, London, 30, run(utc("2026-03-28T00:00:00Z"), 2, 30, 1), QStringLiteral("hh.csv"));
            QFAIL("half hours were merged into a daily row");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::BadInput);
            QVERIFY2(e.message().contains(QStringLiteral("1440-minute intervals")), qPrintable(e.message()));
        }
    }

    void dailyReadingsAtNewYorkMidnightsOnly_data() { Test::addBackendRows(); }
    void dailyReadingsAtNewYorkMidnightsOnly()
    {
        UD_TEST_DATABASE(t);
        const QString channel = insertChannel(t.db(), QStringLiteral("America/New_York"), 1440);
        ReadingStore store(t.db());
        // 10 March 2024 lasts 23 hours (EST to EDT), 3 November 25 (EDT to EST).
        const QList<Reading> days{{utc("2024-03-10T05:00:00Z"), 4248, Quality::Actual},
                                  {utc("2024-03-11T04:00:00Z"), 5663, Quality::Actual},
                                  {utc("2024-11-03T04:00:00Z"), 59'786, Quality::Actual},
                                  {utc("2024-11-04T05:00:00Z"), 14'654, Quality::Actual}};
        QCOMPARE(store.write(channel, NewYork, 1440, days, QStringLiteral("gas.csv")).inserted, 4);
        const auto totals = store.dailyTotals(channel, QDate(2024, 3, 1), QDate(2024, 11, 30));
        QCOMPARE(totals.size(), 4);
        QCOMPARE(totals[0].day, QDate(2024, 3, 10));
        QCOMPARE(totals[1].day, QDate(2024, 3, 11));
        QCOMPARE(totals[2].day, QDate(2024, 11, 3));
        QCOMPARE(totals[3].day, QDate(2024, 11, 4));
        for (const auto &d : totals)
            QCOMPARE(d.readingCount, 1);
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2024-03")), qint64(4248 + 5663));
        QCOMPARE(store.monthTotal(channel, QStringLiteral("2024-11")), qint64(59'786 + 14'654));
        QCOMPARE(store.read(channel, NewYork, utc("2024-03-01T00:00:00Z"), utc("2024-12-01T00:00:00Z")), days);

        // 05:00 UTC on 12 March is 01:00 EDT, an hour after that day's midnight: off the grid,
        // and the whole batch is refused. So is 24 hours after the 25-hour day's midnight.
        for (const char *offGrid : {"2024-03-12T05:00:00Z", "2024-11-04T04:00:00Z"}) {
            const qint64 before = count(t.db(), QStringLiteral("interval_days"));
            try {
                store.write(channel, NewYork, 1440,
                            {{utc("2024-03-13T04:00:00Z"), 1, Quality::Actual}, {utc(offGrid), 2, Quality::Actual}},
                            QStringLiteral("bad.csv"));
                QFAIL("a daily reading off local midnight was accepted");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), Error::Kind::BadInput);
                const QString local = QDateTime::fromSecsSinceEpoch(utc(offGrid), NewYork).toString(Qt::ISODate);
                QCOMPARE(e.message(), QStringLiteral("The reading at %1 does not start at the start of a local day, "
                                                     "where the meter's daily readings start.").arg(local));
            }
            QCOMPARE(count(t.db(), QStringLiteral("interval_days")), before);
        }
        QCOMPARE(QDateTime::fromSecsSinceEpoch(utc("2024-03-12T05:00:00Z"), NewYork).toString(Qt::ISODate),
                 QStringLiteral("2024-03-12T01:00:00-04:00"));

        // Any other length is still refused, naming what is stored.
        try {
            store.write(channel, NewYork, 720, {{utc("2024-03-13T04:00:00Z"), 1, Quality::Actual}}, QStringLiteral("x"));
            QFAIL("a 720-minute interval was accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("720 minutes")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestReadingStore)
#include "tst_readingstore.moc"
