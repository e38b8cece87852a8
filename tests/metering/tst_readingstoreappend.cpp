#include <metering/readingstore.h>

#include <core/clock.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include "testdatabase.h"

#include <QSqlRecord>
#include <QTest>
#include <QTimeZone>

#include <array>
#include <functional>
#include <optional>

using namespace Ud;
using Core::Error;
using Core::SqlQuery;
using Metering::IntervalDay;
using Metering::Quality;
using Metering::ReadingStore;

namespace {

const QTimeZone London(QByteArrayLiteral("Europe/London"));
const QTimeZone Shanghai(QByteArrayLiteral("Asia/Shanghai"));
constexpr qint64 Now = 1767225600; // 2026-01-01T00:00:00Z, so both paths stamp the same updated_at

/// A customer, premise, account, service point, meter and import channel (numbered `n`, so a
/// database can hold several). Returns the channel id.
QString insertChannel(Core::Database &db, int n, const QString &zone, int intervalMinutes)
{
    QSqlDatabase c = db.connection();
    const QString number = QString::number(n);
    const QString customer = Core::newId(), premise = Core::newId(), account = Core::newId();
    const QString servicePoint = Core::newId(), meter = Core::newId(), channel = Core::newId();
    SqlQuery(c, QStringLiteral("INSERT INTO customers (id, customer_number, class, full_name, created_at, updated_at) "
                               "VALUES (:id, :n, 'residential', 'Ada Test', 0, 0)"))
        .bind(QStringLiteral(":id"), customer).bind(QStringLiteral(":n"), QStringLiteral("C-") + number).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO premises (id, address_line1, country, time_zone) "
                               "VALUES (:id, '1 Test Street', 'GB', :tz)"))
        .bind(QStringLiteral(":id"), premise).bind(QStringLiteral(":tz"), zone).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO accounts (id, account_number, customer_id, premise_id, market_code, "
                               "payment_type, status, opened_on) VALUES (:id, :n, :c, :p, 'GB', 'postpaid', "
                               "'active', '2024-01-01')"))
        .bind(QStringLiteral(":id"), account).bind(QStringLiteral(":n"), QStringLiteral("A-") + number)
        .bind(QStringLiteral(":c"), customer).bind(QStringLiteral(":p"), premise).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO service_points (id, premise_id, account_id, commodity, identifier) "
                               "VALUES (:id, :p, :a, 'electricity', :n)"))
        .bind(QStringLiteral(":id"), servicePoint).bind(QStringLiteral(":p"), premise)
        .bind(QStringLiteral(":a"), account).bind(QStringLiteral(":n"), QStringLiteral("SP-") + number).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meters (id, service_point_id, serial, commodity, interval_minutes, installed_on) "
                               "VALUES (:id, :sp, :n, 'electricity', :i, '2024-01-01')"))
        .bind(QStringLiteral(":id"), meter).bind(QStringLiteral(":sp"), servicePoint)
        .bind(QStringLiteral(":n"), QStringLiteral("M-") + number).bind(QStringLiteral(":i"), intervalMinutes).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meter_channels (id, meter_id, channel, unit) VALUES (:id, :m, 'import', 'Wh')"))
        .bind(QStringLiteral(":id"), channel).bind(QStringLiteral(":m"), meter).exec();
    return channel;
}

QList<QStringList> rows(Core::Database &db, const QString &sql, const QString &channel)
{
    SqlQuery q(db.connection(), sql);
    q.bind(QStringLiteral(":c"), channel).exec();
    QList<QStringList> out;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.raw().record().count(); ++i) {
            const QVariant v = q.value(i);
            row.append(v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                            : v.toString());
        }
        out.append(row);
    }
    return out;
}

/// Everything the store keeps for a channel, its id left out, so two channels can be compared.
struct Stored {
    QList<QStringList> days, months, stats;
    friend bool operator==(const Stored &, const Stored &) = default;
};

Stored storedOf(Core::Database &db, const QString &channel)
{
    return {rows(db, QStringLiteral("SELECT local_day, interval_minutes, reading_count, readings, quality, day_total, "
                                    "present_count, estimated_count, updated_at FROM interval_days "
                                    "WHERE channel_id = :c ORDER BY local_day"), channel),
            rows(db, QStringLiteral("SELECT month, total, present_count FROM interval_months WHERE channel_id = :c "
                                    "ORDER BY month"), channel),
            rows(db, QStringLiteral("SELECT first_utc, last_utc, days, expected_count, present_count, estimated_count, "
                                    "updated_at FROM channel_stats WHERE channel_id = :c"), channel)};
}

qint64 count(Core::Database &db, const char *table)
{
    return SqlQuery(db.connection(), QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table)).scalar(0).toLongLong();
}

/// Days `from`..`to` of a channel, values following a made-up daily curve; the `holes`
/// (day index, first slot, slot count) are Missing, `estimated` slots of each day Estimated,
/// and a day index in `emptyDays` has no present reading at all.
QList<ReadingStore::DayWrite> makeDays(const QDate &from, const QDate &to, const QTimeZone &zone, int minutes,
                                       const QList<std::array<int, 3>> &holes = {}, int estimated = 0,
                                       const QList<int> &emptyDays = {})
{
    QList<ReadingStore::DayWrite> out;
    int index = 0;
    for (QDate d = from; d <= to; d = d.addDays(1), ++index) {
        IntervalDay day(ReadingStore::slotsInDay(d, zone, minutes));
        for (int s = 0; s < day.count(); ++s)
            day.set(s, 100 + (s * 37 + index * 11) % 400, s < estimated ? Quality::Estimated : Quality::Actual);
        for (const auto &h : holes) {
            if (h[0] == index) {
                for (int s = h[1]; s < h[1] + h[2] && s < day.count(); ++s)
                    day.set(s, 0, Quality::Missing);
            }
        }
        if (emptyDays.contains(index)) {
            for (int s = 0; s < day.count(); ++s)
                day.set(s, 0, Quality::Missing);
        }
        out.append({d, day});
    }
    return out;
}

/// The same days as readings for write(): present slots only.
QList<ReadingStore::Reading> readingsOf(const QList<ReadingStore::DayWrite> &days, const QTimeZone &zone, int minutes)
{
    QList<ReadingStore::Reading> out;
    for (const auto &dw : days) {
        const qint64 start = dw.day.startOfDay(zone).toSecsSinceEpoch();
        for (int s = 0; s < dw.intervals.count(); ++s) {
            if (dw.intervals.isPresent(s))
                out.append({start + qint64(s) * minutes * 60, dw.intervals.value(s), dw.intervals.quality(s)});
        }
    }
    return out;
}

std::optional<Error> errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e;
    }
    return std::nullopt;
}

} // namespace

class TestReadingStoreAppend : public QObject
{
    Q_OBJECT

private slots:
    void givesWhatWriteGives_data() { Test::addBackendRows(); }
    void givesWhatWriteGives()
    {
        UD_TEST_DATABASE(t);
        const Core::ManualClock clock(Now);
        ReadingStore store(t.db(), clock);

        struct Case {
            const char *what;
            QTimeZone zone;
            int minutes;
            QList<ReadingStore::DayWrite> days;
        };
        // London half-hours over the spring change (46 slots on 30 March 2025) and the month
        // end, with a three-hour outage, a day without any reading and estimated values;
        // London quarter-hours over the autumn change (100 slots on 26 October 2025) with a
        // gap day; Shanghai hours across a year end.
        QList<ReadingStore::DayWrite> autumn = makeDays(QDate(2025, 10, 20), QDate(2025, 11, 3), London, 15, {{0, 0, 3}});
        autumn.removeAt(4); // 24 October: no row at all
        const QList<Case> cases = {
            {"london-30", London, 30, makeDays(QDate(2025, 3, 27), QDate(2025, 4, 2), London, 30, {{2, 10, 6}, {6, 40, 6}}, 2, {4})},
            {"london-15", London, 15, autumn},
            {"shanghai-60", Shanghai, 60, makeDays(QDate(2025, 12, 28), QDate(2026, 1, 4), Shanghai, 60, {}, 1)},
        };
        int n = 0;
        QList<ReadingStore::ChannelDays> appends;
        QList<std::pair<QString, QString>> pairs;
        for (const Case &c : cases) {
            const QString written = insertChannel(t.db(), ++n, QString::fromLatin1(c.zone.id()), c.minutes);
            const QString appended = insertChannel(t.db(), ++n, QString::fromLatin1(c.zone.id()), c.minutes);
            store.write(written, c.zone, c.minutes, readingsOf(c.days, c.zone, c.minutes), QStringLiteral("file.csv"));
            appends.append({appended, c.zone, c.minutes, c.days});
            pairs.append({written, appended});
        }
        const auto result = store.appendDays(appends);

        qint64 expectedReadings = 0;
        for (const Case &c : cases)
            expectedReadings += readingsOf(c.days, c.zone, c.minutes).size();
        QCOMPARE(result.readings, expectedReadings);
        QCOMPARE(result.days, 7 - 1 + 14 + 8); // the day without a reading gets no row
        for (qsizetype i = 0; i < pairs.size(); ++i) {
            const Stored written = storedOf(t.db(), pairs[i].first);
            const Stored appended = storedOf(t.db(), pairs[i].second);
            QVERIFY2(!appended.days.isEmpty() && !appended.months.isEmpty() && appended.stats.size() == 1, cases[i].what);
            QVERIFY2(written.days == appended.days, cases[i].what);
            QVERIFY2(written.months == appended.months, cases[i].what);
            QVERIFY2(written.stats == appended.stats, cases[i].what);
        }

        // What a user reads back: the DST days with their own slot counts, and month totals
        // that are the sums of the day totals.
        const QString spring = pairs[0].second;
        const auto totals = store.dailyTotals(spring, QDate(2025, 3, 1), QDate(2025, 4, 30));
        QCOMPARE(totals.size(), 6);
        QCOMPARE(totals[3].day, QDate(2025, 3, 30));
        QCOMPARE(totals[3].readingCount, 46);
        QCOMPARE(totals[2].presentCount, 48 - 6);
        QCOMPARE(totals[2].estimatedCount, 2);
        qint64 march = 0;
        for (const auto &d : totals)
            march += d.day.month() == 3 ? d.total : 0;
        QCOMPARE(store.monthTotal(spring, QStringLiteral("2025-03")), march);
        const auto autumnTotals = store.dailyTotals(pairs[1].second, QDate(2025, 10, 26), QDate(2025, 10, 26));
        QCOMPARE(autumnTotals.value(0).readingCount, 100);
        QCOMPARE(store.dailyTotals(pairs[1].second, QDate(2025, 10, 24), QDate(2025, 10, 24)).size(), 0);
        const auto shanghai = cases[2].days;
        QCOMPARE(store.read(pairs[2].second, Shanghai, QDate(2025, 12, 28).startOfDay(Shanghai).toSecsSinceEpoch(),
                            QDate(2026, 1, 5).startOfDay(Shanghai).toSecsSinceEpoch()),
                 readingsOf(shanghai, Shanghai, 60));
        const auto stats = store.stats(pairs[2].second);
        QVERIFY(stats.has_value());
        QCOMPARE(stats->firstUtc, QDateTime(QDate(2025, 12, 27), QTime(16, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(stats->lastUtc, QDateTime(QDate(2026, 1, 4), QTime(15, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(stats->days, 8);
        QCOMPARE(stats->presentCount, 8 * 24);
        QCOMPARE(stats->estimatedCount, 8);
    }

    void rejectsBadDaysAndWritesNothing_data() { Test::addBackendRows(); }
    void rejectsBadDaysAndWritesNothing()
    {
        UD_TEST_DATABASE(t);
        ReadingStore store(t.db());
        const QString good = insertChannel(t.db(), 1, QStringLiteral("Europe/London"), 30);
        const QString bad = insertChannel(t.db(), 2, QStringLiteral("Europe/London"), 30);
        const auto fine = makeDays(QDate(2025, 3, 28), QDate(2025, 3, 31), London, 30);

        // The spring day given 48 half-hours instead of 46: the message names the day and both counts.
        auto wrongCount = fine;
        wrongCount[2].intervals = IntervalDay(48);
        wrongCount[2].intervals.set(0, 5, Quality::Actual);
        auto error = errorOf([&] { store.appendDays({{good, London, 30, fine}, {bad, London, 30, wrongCount}}); });
        QVERIFY(error.has_value());
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(QStringLiteral("2025-03-30")) && error->message().contains(QStringLiteral("48"))
                     && error->message().contains(QStringLiteral("46")),
                 qPrintable(error->message()));

        auto backwards = fine;
        std::swap(backwards[0], backwards[1]);
        error = errorOf([&] { store.appendDays({{bad, London, 30, backwards}}); });
        QVERIFY(error.has_value());
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(QStringLiteral("2025-03-28")), qPrintable(error->message()));

        error = errorOf([&] { store.appendDays({{bad, London, 10, fine}}); });
        QVERIFY(error.has_value());
        QVERIFY2(error->message().contains(QStringLiteral("10 minutes")), qPrintable(error->message()));
        QCOMPARE(count(t.db(), "interval_days"), 0);
        QCOMPARE(count(t.db(), "interval_months"), 0);
        QCOMPARE(count(t.db(), "channel_stats"), 0);

        // A channel that already holds readings is refused, and the good channel of the same
        // call is not written either.
        store.write(bad, London, 30, readingsOf(fine.mid(0, 1), London, 30), QStringLiteral("old.csv"));
        const qint64 before = count(t.db(), "interval_days");
        error = errorOf([&] { store.appendDays({{good, London, 30, fine}, {bad, London, 30, fine.mid(1)}}); });
        QVERIFY(error.has_value());
        QCOMPARE(error->kind(), Error::Kind::Conflict);
        QVERIFY2(error->message().contains(bad), qPrintable(error->message()));
        QCOMPARE(count(t.db(), "interval_days"), before);
        QVERIFY(!store.stats(good).has_value());
    }
};

QTEST_GUILESS_MAIN(TestReadingStoreAppend)
#include "tst_readingstoreappend.moc"
