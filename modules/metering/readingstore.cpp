#include "readingstore.h"

#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QMap>
#include <QSet>

namespace Ud::Metering {

using Core::Error;
using Core::SqlQuery;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingStore)
};

const QString DayFormat = QStringLiteral("yyyy-MM-dd");

QString dayKey(const QDate &day) { return day.toString(DayFormat); }

bool validInterval(int minutes) { return minutes == 5 || minutes == 15 || minutes == 30 || minutes == 60; }

/// UTC bounds of one local day; midnight may not exist in some zones, startOfDay() handles that.
struct DayBounds {
    qint64 start = 0;
    qint64 end = 0;
};

DayBounds boundsOf(const QDate &day, const QTimeZone &zone)
{
    return {day.startOfDay(zone).toSecsSinceEpoch(), day.addDays(1).startOfDay(zone).toSecsSinceEpoch()};
}

Error damagedDay(const QString &day)
{
    return Error(Error::Kind::Database,
                 Tr::tr("The stored readings of %1 cannot be read: the day's row is damaged.").arg(day));
}

struct StoredDay {
    bool exists = false;
    qint64 oldTotal = 0;
    int oldPresent = 0;
    IntervalDay intervals;
    bool changed = false;
};
} // namespace

ReadingStore::ReadingStore(Core::Database &db) : m_db(db), m_clock(m_systemClock) {}

ReadingStore::ReadingStore(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

int ReadingStore::slotsInDay(const QDate &day, const QTimeZone &zone, int intervalMinutes)
{
    const DayBounds b = boundsOf(day, zone);
    return int((b.end - b.start) / (qint64(intervalMinutes) * 60));
}

ReadingStore::WriteResult ReadingStore::write(const QString &channelId, const QTimeZone &zone, int intervalMinutes,
                                              const QList<Reading> &readings, const QString &source)
{
    if (!validInterval(intervalMinutes)) {
        throw Error(Error::Kind::BadInput,
                    Tr::tr("An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute "
                           "intervals.").arg(intervalMinutes));
    }
    const qint64 step = qint64(intervalMinutes) * 60;

    // Place every reading in its local day and slot before touching the database, so a bad
    // reading anywhere rejects the whole batch.
    struct Placed {
        QDate day;
        int slot;
        qsizetype index;
    };
    QList<Placed> placed;
    placed.reserve(readings.size());
    QHash<QDate, DayBounds> bounds;
    for (qsizetype i = 0; i < readings.size(); ++i) {
        const Reading &r = readings.at(i);
        if (r.quality == Quality::Missing)
            continue;
        const QDateTime local = QDateTime::fromSecsSinceEpoch(r.startUtc, zone);
        const QDate day = local.date();
        auto it = bounds.find(day);
        if (it == bounds.end())
            it = bounds.insert(day, boundsOf(day, zone));
        const qint64 offset = r.startUtc - it->start;
        const qint64 slot = offset / step;
        if (offset % step != 0 || slot >= (it->end - it->start) / step) {
            throw Error(Error::Kind::BadInput,
                        Tr::tr("The reading at %1 does not start on the %2-minute interval grid of the meter.")
                            .arg(local.toString(Qt::ISODate))
                            .arg(intervalMinutes));
        }
        placed.append({day, int(slot), i});
    }

    WriteResult result;
    Core::Transaction tx(m_db);
    QSqlDatabase db = tx.connection();
    const qint64 now = m_clock.nowSecs();

    QMap<QDate, StoredDay> days;
    SqlQuery load(db, QStringLiteral("SELECT interval_minutes, reading_count, readings, quality, day_total, present_count "
                                     "FROM interval_days WHERE channel_id = :c AND local_day = :d"));
    for (const Placed &p : std::as_const(placed)) {
        if (days.contains(p.day))
            continue;
        const DayBounds b = bounds.value(p.day);
        const int count = int((b.end - b.start) / step);
        StoredDay stored;
        load.bind(QStringLiteral(":c"), channelId).bind(QStringLiteral(":d"), dayKey(p.day)).exec();
        if (load.next()) {
            const int storedInterval = load.value(0).toInt();
            if (storedInterval != intervalMinutes) {
                throw Error(Error::Kind::BadInput,
                            Tr::tr("The readings for %1 have %2-minute intervals but the meter's stored readings "
                                   "for that day have %3-minute intervals.")
                                .arg(dayKey(p.day))
                                .arg(intervalMinutes)
                                .arg(storedInterval));
            }
            auto unpacked = IntervalDay::unpack(load.value(1).toInt(), load.value(2).toByteArray(),
                                                load.value(3).toByteArray());
            if (!unpacked || unpacked->count() != count)
                throw damagedDay(dayKey(p.day));
            stored.exists = true;
            stored.intervals = *unpacked;
            stored.oldTotal = load.value(4).toLongLong();
            stored.oldPresent = load.value(5).toInt();
        } else {
            stored.intervals = IntervalDay(count);
        }
        days.insert(p.day, stored);
    }

    SqlQuery revision(db, QStringLiteral(
        "INSERT INTO interval_revisions (id, channel_id, local_day, slot, old_value, old_quality, new_value, "
        "new_quality, source, replaced_at) VALUES (:id, :c, :d, :slot, :ov, :oq, :nv, :nq, :src, :at)"));
    for (const Placed &p : std::as_const(placed)) {
        const Reading &r = readings.at(p.index);
        StoredDay &stored = days[p.day];
        IntervalDay &day = stored.intervals;
        if (!day.isPresent(p.slot)) {
            ++result.inserted;
        } else if (day.value(p.slot) == r.value && day.quality(p.slot) == r.quality) {
            ++result.unchanged;
            continue;
        } else {
            revision.bind(QStringLiteral(":id"), Core::newId())
                .bind(QStringLiteral(":c"), channelId)
                .bind(QStringLiteral(":d"), dayKey(p.day))
                .bind(QStringLiteral(":slot"), p.slot)
                .bind(QStringLiteral(":ov"), day.value(p.slot))
                .bind(QStringLiteral(":oq"), int(day.quality(p.slot)))
                .bind(QStringLiteral(":nv"), r.value)
                .bind(QStringLiteral(":nq"), int(r.quality))
                .bind(QStringLiteral(":src"), source.isNull() ? QStringLiteral("") : source)
                .bind(QStringLiteral(":at"), now)
                .exec();
            ++result.updated;
            ++result.revisions;
        }
        day.set(p.slot, r.value, r.quality);
        stored.changed = true;
    }

    SqlQuery insert(db, QStringLiteral(
        "INSERT INTO interval_days (channel_id, local_day, interval_minutes, reading_count, readings, quality, "
        "day_total, present_count, updated_at) VALUES (:c, :d, :i, :n, :r, :q, :t, :p, :at)"));
    SqlQuery update(db, QStringLiteral(
        "UPDATE interval_days SET readings = :r, quality = :q, day_total = :t, present_count = :p, updated_at = :at "
        "WHERE channel_id = :c AND local_day = :d"));
    QSet<QString> months;
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        if (!it->changed)
            continue;
        const IntervalDay &day = it->intervals;
        SqlQuery &q = it->exists ? update : insert;
        if (!it->exists)
            q.bind(QStringLiteral(":i"), intervalMinutes).bind(QStringLiteral(":n"), day.count());
        q.bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":d"), dayKey(it.key()))
            .bind(QStringLiteral(":r"), day.packedReadings())
            .bind(QStringLiteral(":q"), day.packedQuality())
            .bind(QStringLiteral(":t"), day.total())
            .bind(QStringLiteral(":p"), day.presentCount())
            .bind(QStringLiteral(":at"), now)
            .exec();
        months.insert(it.key().toString(QStringLiteral("yyyy-MM")));
    }

    // Month totals are recomputed from the day rows rather than adjusted by deltas, so they
    // cannot drift from the days they summarise.
    SqlQuery sum(db, QStringLiteral("SELECT COALESCE(SUM(day_total), 0), COALESCE(SUM(present_count), 0) "
                                    "FROM interval_days WHERE channel_id = :c AND local_day >= :from AND local_day < :to"));
    SqlQuery upsert(db, QStringLiteral(
        "INSERT INTO interval_months (channel_id, month, total, present_count) VALUES (:c, :m, :t, :p) "
        "ON CONFLICT (channel_id, month) DO UPDATE SET total = excluded.total, present_count = excluded.present_count"));
    for (const QString &month : std::as_const(months)) {
        const QDate first = QDate::fromString(month + QStringLiteral("-01"), DayFormat);
        sum.bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":from"), dayKey(first))
            .bind(QStringLiteral(":to"), dayKey(first.addMonths(1)))
            .exec();
        sum.next();
        upsert.bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":m"), month)
            .bind(QStringLiteral(":t"), sum.value(0).toLongLong())
            .bind(QStringLiteral(":p"), sum.value(1).toLongLong())
            .exec();
    }

    tx.commit();
    return result;
}

QList<ReadingStore::Reading> ReadingStore::read(const QString &channelId, const QTimeZone &zone, qint64 fromUtc,
                                                qint64 toUtc)
{
    QList<Reading> out;
    if (toUtc <= fromUtc)
        return out;
    const QDate firstDay = QDateTime::fromSecsSinceEpoch(fromUtc, zone).date();
    const QDate lastDay = QDateTime::fromSecsSinceEpoch(toUtc - 1, zone).date();
    Core::Transaction tx(m_db, Core::Transaction::Mode::Read);
    SqlQuery q(tx.connection(), QStringLiteral(
        "SELECT local_day, interval_minutes, reading_count, readings, quality FROM interval_days "
        "WHERE channel_id = :c AND local_day >= :from AND local_day <= :to ORDER BY local_day"));
    q.bind(QStringLiteral(":c"), channelId)
        .bind(QStringLiteral(":from"), dayKey(firstDay))
        .bind(QStringLiteral(":to"), dayKey(lastDay))
        .exec();
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QDate date = QDate::fromString(key, DayFormat);
        const qint64 step = q.value(1).toLongLong() * 60;
        const auto day = IntervalDay::unpack(q.value(2).toInt(), q.value(3).toByteArray(), q.value(4).toByteArray());
        if (!date.isValid() || step <= 0 || !day)
            throw damagedDay(key);
        const qint64 start = date.startOfDay(zone).toSecsSinceEpoch();
        for (int slot = 0; slot < day->count(); ++slot) {
            const qint64 at = start + slot * step;
            if (day->isPresent(slot) && at >= fromUtc && at < toUtc)
                out.append({at, day->value(slot), day->quality(slot)});
        }
    }
    tx.commit();
    return out;
}

QList<ReadingStore::DayTotal> ReadingStore::dailyTotals(const QString &channelId, const QDate &from, const QDate &to)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT local_day, day_total, present_count, reading_count FROM interval_days "
        "WHERE channel_id = :c AND local_day >= :from AND local_day <= :to ORDER BY local_day"));
    q.bind(QStringLiteral(":c"), channelId)
        .bind(QStringLiteral(":from"), dayKey(from))
        .bind(QStringLiteral(":to"), dayKey(to))
        .exec();
    QList<DayTotal> out;
    while (q.next()) {
        out.append({QDate::fromString(q.value(0).toString(), DayFormat), q.value(1).toLongLong(), q.value(2).toInt(),
                    q.value(3).toInt()});
    }
    return out;
}

qint64 ReadingStore::monthTotal(const QString &channelId, const QString &yyyymm)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT total FROM interval_months WHERE channel_id = :c AND month = :m"));
    q.bind(QStringLiteral(":c"), channelId).bind(QStringLiteral(":m"), yyyymm);
    return q.scalar(0).toLongLong();
}

QList<ReadingStore::Revision> ReadingStore::revisions(const QString &channelId, const QDate &day)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT local_day, slot, old_value, old_quality, new_value, new_quality, source, replaced_at "
        "FROM interval_revisions WHERE channel_id = :c AND local_day = :d ORDER BY replaced_at, slot"));
    q.bind(QStringLiteral(":c"), channelId).bind(QStringLiteral(":d"), dayKey(day)).exec();
    QList<Revision> out;
    while (q.next()) {
        Revision r;
        r.day = QDate::fromString(q.value(0).toString(), DayFormat);
        r.slot = q.value(1).toInt();
        r.oldValue = q.value(2).toLongLong();
        r.oldQuality = Quality(quint8(q.value(3).toInt()));
        r.newValue = q.value(4).toLongLong();
        r.newQuality = Quality(quint8(q.value(5).toInt()));
        r.source = q.value(6).toString();
        r.replacedAt = q.value(7).toLongLong();
        out.append(r);
    }
    return out;
}

} // namespace Ud::Metering
