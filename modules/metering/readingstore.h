#pragma once

#include "intervalday.h"

#include <core/clock.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// The interval store: one row per meter channel per local day of the premise's time zone, the
/// day's readings packed in a BLOB (bytea on PostgreSQL) with per-interval quality, the day
/// total, and month totals kept current on every write. A write merges into the stored days,
/// leaves identical values untouched (so re-importing a file changes nothing) and keeps every
/// replaced value in interval_revisions with the source that replaced it, all in one
/// transaction. Days with a DST change simply have fewer or more intervals.
class ReadingStore
{
public:
    struct Reading {
        qint64 startUtc = 0; ///< start of the interval, UTC epoch seconds
        qint64 value = 0;    ///< in the channel's base unit (Wh, L, varh)
        Quality quality = Quality::Actual;
        friend bool operator==(const Reading &, const Reading &) = default;
    };
    struct WriteResult {
        int inserted = 0;  ///< readings for intervals that had no value
        int updated = 0;   ///< readings that replaced a different value or quality
        int unchanged = 0; ///< readings identical to the stored ones
        int revisions = 0; ///< rows added to the revision history
    };
    struct DayTotal {
        QDate day;
        qint64 total = 0;
        int presentCount = 0;
        int readingCount = 0; ///< intervals in that local day (46/48/50 for half-hours around DST)
    };
    struct Revision {
        QDate day;
        int slot = 0;
        qint64 oldValue = 0;
        Quality oldQuality = Quality::Missing;
        qint64 newValue = 0;
        Quality newQuality = Quality::Missing;
        QString source;
        qint64 replacedAt = 0;
    };

    explicit ReadingStore(Core::Database &db);
    ReadingStore(Core::Database &db, const Core::Clock &clock);

    /// Merges `readings` into the channel's days in `zone`. Readings with quality Missing are
    /// skipped, so a gap in a later file never erases a stored value. Throws Error(BadInput)
    /// for an interval length other than 5/15/30/60 minutes or a reading off the interval grid;
    /// nothing is then written.
    WriteResult write(const QString &channelId, const QTimeZone &zone, int intervalMinutes,
                      const QList<Reading> &readings, const QString &source);
    /// Present readings starting in [fromUtc, toUtc), in time order.
    QList<Reading> read(const QString &channelId, const QTimeZone &zone, qint64 fromUtc, qint64 toUtc);
    /// Stored days from `from` to `to` inclusive, in date order.
    QList<DayTotal> dailyTotals(const QString &channelId, const QDate &from, const QDate &to);
    /// Total of a local month ("YYYY-MM"); 0 if nothing is stored.
    qint64 monthTotal(const QString &channelId, const QString &yyyymm);
    /// Replaced values of one local day, oldest first.
    QList<Revision> revisions(const QString &channelId, const QDate &day);

    /// Intervals in the local `day` of `zone` (23- and 25-hour days included).
    static int slotsInDay(const QDate &day, const QTimeZone &zone, int intervalMinutes);

private:
    Core::Database &m_db;
    Core::Clock m_systemClock;
    const Core::Clock &m_clock;
};

} // namespace Ud::Metering
