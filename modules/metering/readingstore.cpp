#include "readingstore.h"

#include "dayrowwriter.h"
#include "intervalgrid.h"
#include "usageprofiles.h"
#include "usagewindows.h"

#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace Ud::Metering {

using Core::Error;
using Core::SqlQuery;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingStore)
};

const QString DayFormat = QStringLiteral("yyyy-MM-dd");

QString dayKey(const QDate &day) { return day.toString(DayFormat); }

Error damagedDay(const QString &day)
{
    return Error(Error::Kind::Database,
                 Tr::tr("The stored readings of %1 cannot be read: the day's row is damaged.").arg(day));
}

QVariant optionalInteger(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

struct StoredDay {
    bool exists = false;
    int oldPresent = 0;
    int oldEstimated = 0;
    IntervalDay intervals;
    bool changed = false;
};

struct PlacedReading {
    qint32 day = 0; ///< index into the channel's day list
    qint32 slot = 0;
    qsizetype index = 0;
};

struct AnnotationKey {
    QDate day;
    int slot = 0;
    friend bool operator==(const AnnotationKey &, const AnnotationKey &) = default;
};
size_t qHash(const AnnotationKey &k, size_t seed = 0) { return qHashMulti(seed, k.day.toJulianDay(), k.slot); }
} // namespace

ReadingStore::ReadingStore(Core::Database &db) : m_db(db), m_clock(m_systemClock) {}

ReadingStore::ReadingStore(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

ReadingStore::DayBounds ReadingStore::boundsOf(const QDate &day, const QTimeZone &zone)
{
    const auto key = qMakePair(zone.id(), day.toJulianDay());
    const auto it = m_bounds.constFind(key);
    if (it != m_bounds.cend())
        return *it;
    // startOfDay() copes with zones where midnight does not exist on a DST day.
    const DayBounds b{day.startOfDay(zone).toSecsSinceEpoch(), day.addDays(1).startOfDay(zone).toSecsSinceEpoch()};
    if (m_bounds.size() > 200000)
        m_bounds.clear();
    m_bounds.insert(key, b);
    return b;
}

QDate ReadingStore::dayOf(qint64 utc, const QTimeZone &zone, const QDate &hint)
{
    if (hint.isValid()) {
        for (const QDate &d : {hint, hint.addDays(1), hint.addDays(-1)}) {
            const DayBounds b = boundsOf(d, zone);
            if (utc >= b.start && utc < b.end)
                return d;
        }
    }
    return QDateTime::fromSecsSinceEpoch(utc, zone).date();
}

int ReadingStore::slotsInDay(const QDate &day, const QTimeZone &zone, int intervalMinutes)
{
    return IntervalGrid::slotCount(day.startOfDay(zone).toSecsSinceEpoch(),
                                   day.addDays(1).startOfDay(zone).toSecsSinceEpoch(), intervalMinutes);
}

ReadingStore::WriteResult ReadingStore::write(const QString &channelId, const QTimeZone &zone, int intervalMinutes,
                                              const QList<Reading> &readings, const QString &source)
{
    return write(QList<ChannelWrite>{{channelId, zone, intervalMinutes, readings, {}}}, source);
}

ReadingStore::WriteResult ReadingStore::write(const QList<ChannelWrite> &writes, const QString &source)
{
    // Place every reading in its local day and slot before touching the database, so a bad
    // reading anywhere rejects the whole batch.
    struct Placement {
        QList<QDate> days;          ///< distinct days, in order of first appearance
        QList<DayBounds> bounds;
        QList<PlacedReading> readings;
    };
    QList<Placement> placements(writes.size());
    for (qsizetype w = 0; w < writes.size(); ++w) {
        const ChannelWrite &cw = writes.at(w);
        if (!IntervalGrid::isStorable(cw.intervalMinutes)) {
            throw Error(Error::Kind::BadInput,
                        Tr::tr("An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute "
                               "intervals or one reading a day (1440 minutes).").arg(cw.intervalMinutes));
        }
        Placement &pl = placements[w];
        pl.readings.reserve(cw.readings.size());
        QHash<qint64, qint32> dayIndex;
        QDate current;
        DayBounds cb;
        qint32 currentIndex = -1;
        for (qsizetype i = 0; i < cw.readings.size(); ++i) {
            const Reading &r = cw.readings.at(i);
            if (r.quality == Quality::Missing)
                continue;
            if (currentIndex < 0 || r.startUtc < cb.start || r.startUtc >= cb.end) {
                current = dayOf(r.startUtc, cw.zone, current);
                cb = boundsOf(current, cw.zone);
                const auto found = dayIndex.constFind(current.toJulianDay());
                if (found != dayIndex.cend()) {
                    currentIndex = *found;
                } else {
                    currentIndex = qint32(pl.days.size());
                    dayIndex.insert(current.toJulianDay(), currentIndex);
                    pl.days.append(current);
                    pl.bounds.append(cb);
                }
            }
            const int slot = IntervalGrid::slotOf(cb.start, cb.end, cw.intervalMinutes, r.startUtc);
            if (slot < 0) {
                const QString at = QDateTime::fromSecsSinceEpoch(r.startUtc, cw.zone).toString(Qt::ISODate);
                if (IntervalGrid::isDaily(cw.intervalMinutes))
                    throw Error(Error::Kind::BadInput,
                                Tr::tr("The reading at %1 does not start at the start of a local day, where the "
                                       "meter's daily readings start.").arg(at));
                throw Error(Error::Kind::BadInput,
                            Tr::tr("The reading at %1 does not start on the %2-minute interval grid of the meter.")
                                .arg(at)
                                .arg(cw.intervalMinutes));
            }
            pl.readings.append({currentIndex, qint32(slot), i});
        }
    }

    WriteResult result;
    Core::Transaction tx(m_db);
    QSqlDatabase db = tx.connection();
    const qint64 now = m_clock.nowSecs();
    const QString sourceText = source.isNull() ? QStringLiteral("") : source;
    const auto rows = DayRowWriter::create(m_db);

    SqlQuery load(db, QStringLiteral(
        "SELECT local_day, interval_minutes, reading_count, readings, quality, present_count, estimated_count "
        "FROM interval_days WHERE channel_id = :c AND local_day >= :from AND local_day <= :to"));
    SqlQuery revision(db, QStringLiteral(
        "INSERT INTO interval_revisions (id, channel_id, local_day, slot, old_value, old_quality, new_value, "
        "new_quality, source, replaced_at) VALUES (:id, :c, :d, :slot, :ov, :oq, :nv, :nq, :src, :at)"));
    SqlQuery update(db, QStringLiteral(
        "UPDATE interval_days SET readings = :r, quality = :q, day_total = :t, present_count = :p, "
        "estimated_count = :e, updated_at = :at, peak_total = :pk, night_total = :nt, max_value = :mx "
        "WHERE channel_id = :c AND local_day = :d"));
    SqlQuery dropAnnotation(db, QStringLiteral(
        "DELETE FROM interval_annotations WHERE channel_id = :c AND local_day = :d AND slot = :s"));
    SqlQuery annotate(db, QStringLiteral(
        "INSERT INTO interval_annotations (channel_id, local_day, slot, rule, raw_value, source, set_at) "
        "VALUES (:c, :d, :s, :rule, :raw, :src, :at) ON CONFLICT (channel_id, local_day, slot) DO UPDATE SET "
        "rule = excluded.rule, raw_value = excluded.raw_value, source = excluded.source, set_at = excluded.set_at"));
    // Month totals are recomputed from the day rows rather than adjusted by deltas, so they
    // cannot drift from the days they summarise.
    SqlQuery months(db, monthSummarySql());
    SqlQuery statsLoad(db, QStringLiteral(
        "SELECT first_utc, last_utc, days, expected_count, present_count, estimated_count FROM channel_stats "
        "WHERE channel_id = :c"));
    SqlQuery statsSave(db, QStringLiteral(
        "INSERT INTO channel_stats (channel_id, first_utc, last_utc, days, expected_count, present_count, "
        "estimated_count, updated_at) VALUES (:c, :f, :l, :d, :x, :p, :e, :at) ON CONFLICT (channel_id) DO UPDATE SET "
        "first_utc = excluded.first_utc, last_utc = excluded.last_utc, days = excluded.days, "
        "expected_count = excluded.expected_count, present_count = excluded.present_count, "
        "estimated_count = excluded.estimated_count, updated_at = excluded.updated_at"));

    struct Summary {
        QString channelId;
        QDate monthFrom;
        QDate monthTo;
        ChannelStats stats;
    };
    QList<Summary> summaries;
    QList<DayRow> newRows;
    for (qsizetype w = 0; w < writes.size(); ++w) {
        const ChannelWrite &cw = writes.at(w);
        const Placement &pl = placements.at(w);
        if (pl.readings.isEmpty())
            continue;
        const QDate firstDay = *std::min_element(pl.days.cbegin(), pl.days.cend());
        const QDate lastDay = *std::max_element(pl.days.cbegin(), pl.days.cend());

        QList<StoredDay> days(pl.days.size());
        QHash<qint64, qint32> indexOfDay;
        for (qsizetype d = 0; d < pl.days.size(); ++d) {
            indexOfDay.insert(pl.days.at(d).toJulianDay(), qint32(d));
            days[d].intervals =
                IntervalDay(IntervalGrid::slotCount(pl.bounds.at(d).start, pl.bounds.at(d).end, cw.intervalMinutes));
        }
        load.bind(QStringLiteral(":c"), cw.channelId)
            .bind(QStringLiteral(":from"), dayKey(firstDay))
            .bind(QStringLiteral(":to"), dayKey(lastDay))
            .exec();
        while (load.next()) {
            const QString key = load.value(0).toString();
            const auto found = indexOfDay.constFind(QDate::fromString(key, DayFormat).toJulianDay());
            if (found == indexOfDay.cend())
                continue;
            StoredDay &stored = days[*found];
            const int storedInterval = load.value(1).toInt();
            if (storedInterval != cw.intervalMinutes) {
                throw Error(Error::Kind::BadInput,
                            Tr::tr("The readings for %1 have %2-minute intervals but the meter's stored readings "
                                   "for that day have %3-minute intervals.")
                                .arg(key)
                                .arg(cw.intervalMinutes)
                                .arg(storedInterval));
            }
            auto unpacked = IntervalDay::unpack(load.value(2).toInt(), load.value(3).toByteArray(),
                                                load.value(4).toByteArray());
            if (!unpacked || unpacked->count() != stored.intervals.count())
                throw damagedDay(key);
            stored.exists = true;
            stored.intervals = std::move(*unpacked);
            stored.oldPresent = load.value(5).toInt();
            stored.oldEstimated = load.value(6).toInt();
        }

        // The values manual edits replaced, loaded only when a write meets an edited slot.
        std::optional<QHash<AnnotationKey, std::optional<qint64>>> editedRaw;
        auto editedFrom = [&](const QDate &date, int slot) -> std::optional<qint64> {
            if (!editedRaw) {
                editedRaw.emplace();
                for (const StoredAnnotation &a : annotations(cw.channelId, firstDay, lastDay)) {
                    if (a.rule == QLatin1String("manual"))
                        editedRaw->insert({a.day, a.slot}, a.rawValue);
                }
            }
            return editedRaw->value({date, slot});
        };
        QSet<AnnotationKey> written;
        for (const PlacedReading &p : pl.readings) {
            const Reading &r = cw.readings.at(p.index);
            StoredDay &stored = days[p.day];
            IntervalDay &day = stored.intervals;
            const QDate date = pl.days.at(p.day);
            if (!day.isPresent(p.slot)) {
                ++result.inserted;
            } else if (day.value(p.slot) == r.value && day.quality(p.slot) == r.quality) {
                ++result.unchanged;
                continue;
            } else if (day.quality(p.slot) == Quality::Edited && r.quality != Quality::Edited
                       && editedFrom(date, p.slot) == r.value) {
                // A person corrected this value; the file sends the value they corrected
                // again (a re-import), which must not undo the correction.
                ++result.unchanged;
                continue;
            } else {
                revision.bind(QStringLiteral(":id"), Core::newId())
                    .bind(QStringLiteral(":c"), cw.channelId)
                    .bind(QStringLiteral(":d"), dayKey(date))
                    .bind(QStringLiteral(":slot"), p.slot)
                    .bind(QStringLiteral(":ov"), day.value(p.slot))
                    .bind(QStringLiteral(":oq"), int(day.quality(p.slot)))
                    .bind(QStringLiteral(":nv"), r.value)
                    .bind(QStringLiteral(":nq"), int(r.quality))
                    .bind(QStringLiteral(":src"), sourceText)
                    .bind(QStringLiteral(":at"), now)
                    .exec();
                ++result.updated;
                ++result.revisions;
                // A value that is no longer estimated or edited loses the note explaining it.
                if (day.quality(p.slot) != Quality::Actual && r.quality == Quality::Actual) {
                    dropAnnotation.bind(QStringLiteral(":c"), cw.channelId)
                        .bind(QStringLiteral(":d"), dayKey(date))
                        .bind(QStringLiteral(":s"), p.slot)
                        .exec();
                }
            }
            day.set(p.slot, r.value, r.quality);
            stored.changed = true;
            if (r.quality != Quality::Actual)
                written.insert({date, p.slot});
        }

        for (const Annotation &a : cw.annotations) {
            const QDate date = dayOf(a.startUtc, cw.zone, QDate());
            const auto found = indexOfDay.constFind(date.toJulianDay());
            if (found == indexOfDay.cend())
                continue;
            const DayBounds &b = pl.bounds.at(*found);
            const int slot = IntervalGrid::slotOf(b.start, b.end, cw.intervalMinutes, a.startUtc);
            if (slot < 0 || !written.contains({date, slot}))
                continue; // the value was already stored as it is, note and all
            annotate.bind(QStringLiteral(":c"), cw.channelId)
                .bind(QStringLiteral(":d"), dayKey(date))
                .bind(QStringLiteral(":s"), slot)
                .bind(QStringLiteral(":rule"), a.rule)
                .bind(QStringLiteral(":raw"), a.rawValue ? QVariant(*a.rawValue) : QVariant(QMetaType(QMetaType::LongLong)))
                .bind(QStringLiteral(":src"), sourceText)
                .bind(QStringLiteral(":at"), now)
                .exec();
        }

        ChannelStats stats;
        bool haveFirst = false;
        statsLoad.bind(QStringLiteral(":c"), cw.channelId).exec();
        if (statsLoad.next()) {
            haveFirst = true;
            stats = {statsLoad.value(0).toLongLong(), statsLoad.value(1).toLongLong(), statsLoad.value(2).toLongLong(),
                     statsLoad.value(3).toLongLong(), statsLoad.value(4).toLongLong(), statsLoad.value(5).toLongLong()};
        }
        bool statsChanged = false;
        for (qsizetype d = 0; d < days.size(); ++d) {
            const StoredDay &stored = days.at(d);
            if (!stored.changed)
                continue;
            statsChanged = true;
            const IntervalDay &day = stored.intervals;
            const int present = day.presentCount();
            const int estimated = day.estimatedCount();
            const qint64 dayStart = pl.bounds.at(d).start;
            for (int s = 0; s < day.count(); ++s) {
                if (day.isPresent(s)) {
                    const qint64 at = IntervalGrid::slotStart(dayStart, cw.intervalMinutes, s);
                    stats.firstUtc = haveFirst ? std::min(stats.firstUtc, at) : at;
                    haveFirst = true;
                    break;
                }
            }
            for (int s = day.count() - 1; s >= 0; --s) {
                if (day.isPresent(s)) {
                    stats.lastUtc = std::max(stats.lastUtc, IntervalGrid::slotStart(dayStart, cw.intervalMinutes, s));
                    break;
                }
            }
            stats.presentCount += present - stored.oldPresent;
            stats.estimatedCount += estimated - stored.oldEstimated;
            const UsageWindows::DaySummary summary =
                UsageWindows::summarise(day, dayStart, pl.bounds.at(d).end, cw.intervalMinutes, cw.zone);
            if (stored.exists) {
                update.bind(QStringLiteral(":c"), cw.channelId)
                    .bind(QStringLiteral(":d"), dayKey(pl.days.at(d)))
                    .bind(QStringLiteral(":r"), day.packedReadings())
                    .bind(QStringLiteral(":q"), day.packedQuality())
                    .bind(QStringLiteral(":t"), day.total())
                    .bind(QStringLiteral(":p"), present)
                    .bind(QStringLiteral(":e"), estimated)
                    .bind(QStringLiteral(":at"), now)
                    .bind(QStringLiteral(":pk"), optionalInteger(summary.peak))
                    .bind(QStringLiteral(":nt"), optionalInteger(summary.night))
                    .bind(QStringLiteral(":mx"), summary.maxValue)
                    .exec();
            } else {
                ++stats.days;
                stats.expectedCount += day.count();
                newRows.append({cw.channelId, dayKey(pl.days.at(d)), cw.intervalMinutes, day.count(),
                                day.packedReadings(), day.packedQuality(), day.total(), present, estimated, now,
                                summary.peak, summary.night, summary.maxValue});
            }
        }
        if (newRows.size() >= 4096) {
            rows->insert(newRows);
            newRows.clear();
        }
        if (statsChanged)
            summaries.append({cw.channelId, QDate(firstDay.year(), firstDay.month(), 1),
                              QDate(lastDay.year(), lastDay.month(), 1).addMonths(1), stats});
    }
    // The rows must all be in the table before month totals are summed from it.
    rows->insert(newRows);
    for (const Summary &s : std::as_const(summaries)) {
        months.bind(QStringLiteral(":c"), s.channelId)
            .bind(QStringLiteral(":from"), dayKey(s.monthFrom))
            .bind(QStringLiteral(":to"), dayKey(s.monthTo))
            .exec();
        statsSave.bind(QStringLiteral(":c"), s.channelId)
            .bind(QStringLiteral(":f"), s.stats.firstUtc)
            .bind(QStringLiteral(":l"), s.stats.lastUtc)
            .bind(QStringLiteral(":d"), s.stats.days)
            .bind(QStringLiteral(":x"), s.stats.expectedCount)
            .bind(QStringLiteral(":p"), s.stats.presentCount)
            .bind(QStringLiteral(":e"), s.stats.estimatedCount)
            .bind(QStringLiteral(":at"), now)
            .exec();
    }
    // The customers' usage profiles read the month rows just written.
    QStringList changedChannels;
    for (const Summary &s : std::as_const(summaries))
        changedChannels.append(s.channelId);
    UsageProfiles(m_db, m_clock).refreshChannels(changedChannels);
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
        const int minutes = q.value(1).toInt();
        const auto day = IntervalDay::unpack(q.value(2).toInt(), q.value(3).toByteArray(), q.value(4).toByteArray());
        if (!date.isValid() || !IntervalGrid::isStorable(minutes) || !day)
            throw damagedDay(key);
        const qint64 start = boundsOf(date, zone).start;
        for (int slot = 0; slot < day->count(); ++slot) {
            const qint64 at = IntervalGrid::slotStart(start, minutes, slot);
            if (day->isPresent(slot) && at >= fromUtc && at < toUtc)
                out.append({at, day->value(slot), day->quality(slot)});
        }
    }
    tx.commit();
    return out;
}

QMap<QDate, IntervalDay> ReadingStore::days(const QString &channelId, const QDate &from, const QDate &to)
{
    QMap<QDate, IntervalDay> out;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT local_day, reading_count, readings, quality FROM interval_days "
        "WHERE channel_id = :c AND local_day >= :from AND local_day <= :to"));
    q.bind(QStringLiteral(":c"), channelId)
        .bind(QStringLiteral(":from"), dayKey(from))
        .bind(QStringLiteral(":to"), dayKey(to))
        .exec();
    while (q.next()) {
        const QString key = q.value(0).toString();
        auto day = IntervalDay::unpack(q.value(1).toInt(), q.value(2).toByteArray(), q.value(3).toByteArray());
        const QDate date = QDate::fromString(key, DayFormat);
        if (!day || !date.isValid())
            throw damagedDay(key);
        out.insert(date, std::move(*day));
    }
    return out;
}

QList<ReadingStore::DayTotal> ReadingStore::dailyTotals(const QString &channelId, const QDate &from, const QDate &to)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT local_day, day_total, present_count, reading_count, estimated_count FROM interval_days "
        "WHERE channel_id = :c AND local_day >= :from AND local_day <= :to ORDER BY local_day"));
    q.bind(QStringLiteral(":c"), channelId)
        .bind(QStringLiteral(":from"), dayKey(from))
        .bind(QStringLiteral(":to"), dayKey(to))
        .exec();
    QList<DayTotal> out;
    while (q.next()) {
        out.append({QDate::fromString(q.value(0).toString(), DayFormat), q.value(1).toLongLong(), q.value(2).toInt(),
                    q.value(3).toInt(), q.value(4).toInt()});
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

QList<ReadingStore::StoredAnnotation> ReadingStore::annotations(const QString &channelId, const QDate &from,
                                                                const QDate &to)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT local_day, slot, rule, raw_value, source, set_at FROM interval_annotations "
        "WHERE channel_id = :c AND local_day >= :from AND local_day <= :to ORDER BY local_day, slot"));
    q.bind(QStringLiteral(":c"), channelId)
        .bind(QStringLiteral(":from"), dayKey(from))
        .bind(QStringLiteral(":to"), dayKey(to))
        .exec();
    QList<StoredAnnotation> out;
    while (q.next()) {
        StoredAnnotation a;
        a.day = QDate::fromString(q.value(0).toString(), DayFormat);
        a.slot = q.value(1).toInt();
        a.rule = q.value(2).toString();
        if (!q.value(3).isNull())
            a.rawValue = q.value(3).toLongLong();
        a.source = q.value(4).toString();
        a.setAt = q.value(5).toLongLong();
        out.append(a);
    }
    return out;
}

std::optional<ReadingStore::ChannelStats> ReadingStore::stats(const QString &channelId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT first_utc, last_utc, days, expected_count, present_count, estimated_count FROM channel_stats "
        "WHERE channel_id = :c"));
    q.bind(QStringLiteral(":c"), channelId).exec();
    if (!q.next())
        return std::nullopt;
    return ChannelStats{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                        q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong()};
}

} // namespace Ud::Metering
