// The usage summaries the interval store keeps (interval_days / interval_months peak, night and
// highest interval, on the premise's local clock, DST days included) and the customers' usage
// profiles built from them: current after every write, brought forward when the month rolls
// over, rebuilt from the day blobs after an upgrade. Both backends.

#include "meteringfixture.h"

#include <accounts/segmentcount.h>
#include <core/sqlquery.h>
#include <metering/readingstore.h>
#include <metering/usageattributes.h>
#include <metering/usageprofiles.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Core::SqlQuery;
using Metering::Quality;
using Metering::ReadingStore;
using Metering::UsageProfiles;
using Test::MeteringFixture;

namespace {

const QTimeZone London(QByteArrayLiteral("Europe/London"));

/// Every half hour of the local day with the value slot + 1 (Wh): the day's slots are then
/// readable from the figures.
QList<ReadingStore::Reading> numberedDay(const QDate &day, const QTimeZone &zone)
{
    QList<ReadingStore::Reading> list;
    const qint64 start = day.startOfDay(zone).toSecsSinceEpoch();
    const qint64 end = day.addDays(1).startOfDay(zone).toSecsSinceEpoch();
    for (qint64 at = start, v = 1; at < end; at += 1800, ++v)
        list.append({at, v, Quality::Actual});
    return list;
}

ReadingStore::DayWrite numberedDayWrite(const QDate &day, const QTimeZone &zone)
{
    const auto readings = numberedDay(day, zone);
    Metering::IntervalDay intervals(int(readings.size()));
    for (int s = 0; s < readings.size(); ++s)
        intervals.set(s, readings.at(s).value, Quality::Actual);
    return {day, intervals};
}

struct Summary {
    QVariant total, peak, night, max, demand;
};

Summary dayRow(Core::Database &db, const QString &channel, const QString &day)
{
    SqlQuery q(db.connection(), QStringLiteral("SELECT day_total, peak_total, night_total, max_value FROM interval_days "
                                               "WHERE channel_id = :c AND local_day = :d"));
    q.bind(QStringLiteral(":c"), channel).bind(QStringLiteral(":d"), day).exec();
    if (!q.next())
        return {};
    return {q.value(0), q.value(1), q.value(2), q.value(3), {}};
}

Summary monthRow(Core::Database &db, const QString &channel, const QString &month)
{
    SqlQuery q(db.connection(), QStringLiteral("SELECT total, peak_total, night_total, max_value, max_demand FROM interval_months "
                                               "WHERE channel_id = :c AND month = :m"));
    q.bind(QStringLiteral(":c"), channel).bind(QStringLiteral(":m"), month).exec();
    if (!q.next())
        return {};
    return {q.value(0), q.value(1), q.value(2), q.value(3), q.value(4)};
}

QString numbers(const Summary &s)
{
    const auto n = [](const QVariant &v) { return v.isNull() ? QStringLiteral("NULL") : QString::number(v.toLongLong()); };
    QString out = QStringLiteral("%1 %2 %3 %4").arg(n(s.total), n(s.peak), n(s.night), n(s.max));
    if (s.demand.isValid())
        out += QLatin1Char(' ') + n(s.demand);
    return out;
}

/// The profile row of a customer: through_month, then the named columns; empty when none.
QStringList profile(Core::Database &db, const QString &customer, const QStringList &columns)
{
    SqlQuery q(db.connection(), QStringLiteral("SELECT through_month, %1 FROM customer_usage_profiles WHERE customer_id = :c")
                                    .arg(columns.join(QStringLiteral(", "))));
    q.bind(QStringLiteral(":c"), customer).exec();
    QStringList out;
    if (!q.next())
        return out;
    out << q.value(0).toString();
    for (int i = 0; i < columns.size(); ++i)
        out << (q.value(i + 1).isNull() ? QStringLiteral("NULL") : QString::number(q.value(i + 1).toLongLong()));
    return out;
}

QString customerOf(Core::Database &db, const QString &channel)
{
    SqlQuery q(db.connection(), QStringLiteral(
        "SELECT a.customer_id FROM meter_channels mc JOIN meters m ON m.id = mc.meter_id "
        "JOIN service_points sp ON sp.id = m.service_point_id JOIN accounts a ON a.id = sp.account_id WHERE mc.id = :c"));
    q.bind(QStringLiteral(":c"), channel);
    return q.scalar().toString();
}

qint64 epoch(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }

} // namespace

class TestUsageProfiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    // Slot s of a London day holds s + 1 Wh. Plain day: peak 16:00-20:00 = slots 32..39,
    // night 00:00-07:00 = slots 0..13. 31 March 2024 (46 slots, 01:00 GMT -> 02:00 BST):
    // slots 0-1 are 00:00/00:30, slot s >= 2 starts at (s + 2) / 2 hours local, so the night is
    // slots 0..11 (1 + ... + 12 = 78) and the peak slots 30..37 (276). 27 October (50 slots,
    // 01:00-02:00 twice): slot s >= 4 starts at (s - 2) / 2 hours, night slots 0..15 (136),
    // peak 34..41 (308).
    void storeSummarisesLocalPeakNightAndMax_data() { Test::addBackendRows(); }
    void storeSummarisesLocalPeakNightAndMax()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        ReadingStore store(t.db(), f.clock);
        const QString written = f.channelOf(f.addMeter(QStringLiteral("W1"), QStringLiteral("Europe/London"), 30));
        const QString appended = f.channelOf(f.addMeter(QStringLiteral("A1"), QStringLiteral("Europe/London"), 30));
        const QList<QDate> days{QDate(2024, 1, 15), QDate(2024, 3, 31), QDate(2024, 10, 27)};
        for (const QDate &d : days)
            store.write(written, London, 30, numberedDay(d, London), QStringLiteral("test"));
        ReadingStore::ChannelDays cd{appended, London, 30, {}};
        for (const QDate &d : days)
            cd.days.append(numberedDayWrite(d, London));
        store.appendDays({cd});

        for (const QString &channel : {written, appended}) {
            QCOMPARE(numbers(dayRow(t.db(), channel, QStringLiteral("2024-01-15"))), QStringLiteral("1176 292 105 48"));
            QCOMPARE(numbers(dayRow(t.db(), channel, QStringLiteral("2024-03-31"))), QStringLiteral("1081 276 78 46"));
            QCOMPARE(numbers(dayRow(t.db(), channel, QStringLiteral("2024-10-27"))), QStringLiteral("1275 308 136 50"));
            // Demand: the highest half hour, 50 Wh, is 100 W.
            QCOMPARE(numbers(monthRow(t.db(), channel, QStringLiteral("2024-10"))), QStringLiteral("1275 308 136 50 100"));
            QCOMPARE(numbers(monthRow(t.db(), channel, QStringLiteral("2024-03"))), QStringLiteral("1081 276 78 46 92"));
        }

        // Overwriting one peak interval moves the day's and the month's figures with it.
        store.write(written, London, 30, {{epoch("2024-01-15T17:00:00Z"), 1000, Quality::Edited}}, QStringLiteral("fix"));
        QCOMPARE(numbers(dayRow(t.db(), written, QStringLiteral("2024-01-15"))), QStringLiteral("2141 1257 105 1000"));
        QCOMPARE(numbers(monthRow(t.db(), written, QStringLiteral("2024-01"))), QStringLiteral("2141 1257 105 1000 2000"));
    }

    void dailyChannelsHaveNoTimeOfDay_data() { Test::addBackendRows(); }
    void dailyChannelsHaveNoTimeOfDay()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        ReadingStore store(t.db(), f.clock);
        const QString channel = f.channelOf(f.addMeter(QStringLiteral("D1"), QStringLiteral("Europe/London"), 1440));
        store.write(channel, London, 1440,
                    {{QDate(2024, 5, 1).startOfDay(London).toSecsSinceEpoch(), 7000, Quality::Actual},
                     {QDate(2024, 5, 2).startOfDay(London).toSecsSinceEpoch(), 9000, Quality::Actual}},
                    QStringLiteral("test"));
        QCOMPARE(numbers(monthRow(t.db(), channel, QStringLiteral("2024-05"))), QStringLiteral("16000 NULL NULL 9000 NULL"));
        // The month's energy counts; its peak, night and demand are unknown.
        QCOMPARE(profile(t.db(), customerOf(t.db(), channel),
                         {QStringLiteral("wh_01"), QStringLiteral("peak_wh_01"), QStringLiteral("demand_w_01")}),
                 (QStringList{QStringLiteral("2024-05"), QStringLiteral("16000"), QStringLiteral("NULL"), QStringLiteral("NULL")}));
    }

    // The clock stands at 2024-06-15: the last complete month is May.
    void profilesFollowWritesAndTheMonthRollOver_data() { Test::addBackendRows(); }
    void profilesFollowWritesAndTheMonthRollOver()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        ReadingStore store(t.db(), f.clock);
        const Accounts::Meter first = f.addMeter(QStringLiteral("P1"), QStringLiteral("Europe/London"), 30);
        const QString channel = f.channelOf(first);
        const QString customer = customerOf(t.db(), channel);
        const QStringList columns{QStringLiteral("wh_01"), QStringLiteral("wh_02"), QStringLiteral("wh_03"),
                                  QStringLiteral("peak_wh_01"), QStringLiteral("night_wh_01"), QStringLiteral("demand_w_01")};
        QCOMPARE(profile(t.db(), customer, columns), QStringList());

        store.write(channel, London, 30, numberedDay(QDate(2024, 5, 10), London), QStringLiteral("test"));
        store.write(channel, London, 30, numberedDay(QDate(2024, 4, 3), London), QStringLiteral("test"));
        QCOMPARE(profile(t.db(), customer, columns),
                 (QStringList{QStringLiteral("2024-05"), QStringLiteral("1176"), QStringLiteral("1176"), QStringLiteral("NULL"),
                              QStringLiteral("292"), QStringLiteral("105"), QStringLiteral("96")}));

        // A second meter on the same account: energy adds up, demand is the higher one.
        Accounts::Meter second;
        second.servicePointId = first.servicePointId;
        second.serial = QStringLiteral("P2");
        second.intervalMinutes = 15;
        second.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
        second = f.meters().addMeter(f.agent(), second);
        const qint64 mayNoon = QDateTime(QDate(2024, 5, 20), QTime(12, 0), London).toSecsSinceEpoch();
        store.write(f.channelOf(second), London, 15, {{mayNoon, 100, Quality::Actual}, {mayNoon + 900, 20, Quality::Actual}},
                    QStringLiteral("test"));
        QCOMPARE(profile(t.db(), customer, columns),
                 (QStringList{QStringLiteral("2024-05"), QStringLiteral("1296"), QStringLiteral("1176"), QStringLiteral("NULL"),
                              QStringLiteral("292"), QStringLiteral("105"), QStringLiteral("400")}));

        f.module.attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const auto admin = Core::UserContext::operatingSystemUser();
        const QString rule = QStringLiteral("usage.total_kwh(last 1 month) = 1.296");
        QCOMPARE(segments.count(admin, rule), 1);

        // July: the profile says May is the last month, which is no longer true: Unknown.
        f.clock.set(epoch("2024-07-02T09:00:00Z"));
        UsageProfiles profiles(t.db(), f.clock);
        QVERIFY(profiles.isStale());
        QCOMPARE(segments.count(admin, rule), 0);
        QCOMPARE(segments.count(admin, QStringLiteral("not ") + rule), 0);

        const auto result = profiles.refreshAll(admin, f.audit);
        QCOMPARE(result.throughMonth, QStringLiteral("2024-06"));
        QVERIFY(result.customers >= 1);
        QVERIFY(!profiles.isStale());
        QCOMPARE(profile(t.db(), customer, columns),
                 (QStringList{QStringLiteral("2024-06"), QStringLiteral("NULL"), QStringLiteral("1296"), QStringLiteral("1176"),
                              QStringLiteral("NULL"), QStringLiteral("NULL"), QStringLiteral("NULL")}));
        QCOMPARE(segments.count(admin, QStringLiteral("usage.total_kwh(last 1 month) > 0")), 0); // June: no data
        QCOMPARE(segments.count(admin, QStringLiteral("usage.total_kwh(last 3 months) = 2.472")), 0); // June unknown
        QCOMPARE(segments.count(admin, QStringLiteral("not usage.total_kwh(last 3 months) = 2.472")), 0);
        const auto entries = f.audit.list(admin, 1);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, QStringLiteral("usage.refresh"));
        QVERIFY2(entries.first().afterJson.contains(QLatin1String("\"through_month\":\"2024-06\"")), qPrintable(entries.first().afterJson));
    }

    // Rows written before the summaries existed carry NULLs; refreshAll rebuilds them from the
    // day blobs and the profiles from them, with the figures a fresh write gives.
    void upgradeRebuildsSummariesFromTheStoredDays_data() { Test::addBackendRows(); }
    void upgradeRebuildsSummariesFromTheStoredDays()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        ReadingStore store(t.db(), f.clock);
        const QString channel = f.channelOf(f.addMeter(QStringLiteral("U1"), QStringLiteral("Europe/London"), 30));
        const QString customer = customerOf(t.db(), channel);
        for (const QDate &d : {QDate(2024, 3, 31), QDate(2024, 4, 1), QDate(2024, 5, 2)})
            store.write(channel, London, 30, numberedDay(d, London), QStringLiteral("test"));
        const QStringList columns{QStringLiteral("wh_01"), QStringLiteral("wh_02"), QStringLiteral("wh_03"),
                                  QStringLiteral("peak_wh_03"), QStringLiteral("night_wh_03"), QStringLiteral("demand_w_03")};
        const QStringList before = profile(t.db(), customer, columns);
        QCOMPARE(before, (QStringList{QStringLiteral("2024-05"), QStringLiteral("1176"), QStringLiteral("1176"),
                                      QStringLiteral("1081"), QStringLiteral("276"), QStringLiteral("78"), QStringLiteral("92")}));
        const QString march = numbers(monthRow(t.db(), channel, QStringLiteral("2024-03")));

        SqlQuery::run(t.db().connection(), QStringLiteral("UPDATE interval_days SET peak_total = NULL, night_total = NULL, max_value = NULL"));
        SqlQuery::run(t.db().connection(), QStringLiteral(
            "UPDATE interval_months SET peak_total = NULL, night_total = NULL, max_value = NULL, max_demand = NULL"));
        SqlQuery::run(t.db().connection(), QStringLiteral("DELETE FROM customer_usage_profiles"));
        SqlQuery::run(t.db().connection(), QStringLiteral("DELETE FROM customer_usage_periods"));
        UsageProfiles profiles(t.db(), f.clock);
        QVERIFY(profiles.isStale());

        qint64 lastDone = -1, lastTotal = -1;
        const auto result = profiles.refreshAll(Core::UserContext::operatingSystemUser(), f.audit,
                                                [&](qint64 done, qint64 total) { lastDone = done; lastTotal = total; });
        QCOMPARE(result.channelsSummarised, 1);
        QCOMPARE(result.daysSummarised, 3);
        QCOMPARE(lastDone, lastTotal);
        QVERIFY(!profiles.isStale());
        QCOMPARE(numbers(dayRow(t.db(), channel, QStringLiteral("2024-03-31"))), QStringLiteral("1081 276 78 46"));
        QCOMPARE(numbers(monthRow(t.db(), channel, QStringLiteral("2024-03"))), march);
        QCOMPARE(profile(t.db(), customer, columns), before);
    }

    void refreshAllNeedsImportMeterData_data() { Test::addBackendRows(); }
    void refreshAllNeedsImportMeterData()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        UsageProfiles profiles(t.db(), f.clock);
        QCOMPARE(Test::errorOf(Core::Error::Kind::Denied, [&] { profiles.refreshAll(f.agent(), f.audit); })
                     .contains(QLatin1String("import meter data")),
                 true);
    }
};

QTEST_GUILESS_MAIN(TestUsageProfiles)
#include "tst_usageprofiles.moc"
