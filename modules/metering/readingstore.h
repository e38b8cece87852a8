#pragma once

#include "intervalday.h"

#include <core/clock.h>

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// The interval store: one row per meter channel per local day of the premise's time zone, the
/// day's readings packed in a BLOB (bytea on PostgreSQL) with per-interval quality, the day
/// total, month totals and per-channel statistics kept current on every write. A write merges
/// into the stored days, leaves identical values untouched (so re-importing a file changes
/// nothing) and keeps every replaced value in interval_revisions with the source that replaced
/// it, all in one transaction (nested in the caller's, if any). Days with a DST change simply
/// have fewer or more intervals. New day rows go through DayRowWriter (raw SQLite statement,
/// PostgreSQL COPY); the Qt SQL driver is used only for the rarer updates.
class ReadingStore
{
public:
    struct Reading {
        qint64 startUtc = 0; ///< start of the interval, UTC epoch seconds
        qint64 value = 0;    ///< in the channel's base unit (Wh, L, varh)
        Quality quality = Quality::Actual;
        friend bool operator==(const Reading &, const Reading &) = default;
    };
    /// Why an estimated or edited interval holds its value.
    struct Annotation {
        qint64 startUtc = 0;
        QString rule;                  ///< "interpolation", "like-day", "manual", ...
        std::optional<qint64> rawValue; ///< the value the rule replaced, if there was one
        friend bool operator==(const Annotation &, const Annotation &) = default;
    };
    /// The readings of one channel to merge in.
    struct ChannelWrite {
        QString channelId;
        QTimeZone zone;
        int intervalMinutes = 0;
        QList<Reading> readings;       ///< any order
        QList<Annotation> annotations; ///< for Estimated/Edited readings among `readings`
    };
    struct WriteResult {
        qint64 inserted = 0;  ///< readings for intervals that had no value
        qint64 updated = 0;   ///< readings that replaced a different value or quality
        qint64 unchanged = 0; ///< readings identical to the stored ones
        qint64 revisions = 0; ///< rows added to the revision history
        WriteResult &operator+=(const WriteResult &o)
        {
            inserted += o.inserted;
            updated += o.updated;
            unchanged += o.unchanged;
            revisions += o.revisions;
            return *this;
        }
    };
    struct DayTotal {
        QDate day;
        qint64 total = 0;
        int presentCount = 0;
        int readingCount = 0; ///< intervals in that local day (46/48/50 for half-hours around DST)
        int estimatedCount = 0;
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
    struct StoredAnnotation {
        QDate day;
        int slot = 0;
        QString rule;
        std::optional<qint64> rawValue;
        QString source;
        qint64 setAt = 0;
    };
    /// What the store knows of a channel as a whole, without scanning its days.
    struct ChannelStats {
        qint64 firstUtc = 0;      ///< start of the first present reading
        qint64 lastUtc = 0;       ///< start of the last present reading
        qint64 days = 0;          ///< stored days
        qint64 expectedCount = 0; ///< intervals in the stored days
        qint64 presentCount = 0;
        qint64 estimatedCount = 0; ///< Estimated or Edited
    };

    /// One whole local day of a channel for appendDays().
    struct DayWrite {
        QDate day;
        IntervalDay intervals; ///< slotsInDay() intervals; Missing slots are gaps
    };
    /// The history of one channel that has nothing stored yet, for appendDays().
    struct ChannelDays {
        QString channelId;
        QTimeZone zone;
        int intervalMinutes = 0;
        QList<DayWrite> days; ///< ascending local days, each at most once
    };
    struct AppendResult {
        qint64 days = 0;     ///< day rows written
        qint64 readings = 0; ///< present readings in them
    };

    explicit ReadingStore(Core::Database &db);
    ReadingStore(Core::Database &db, const Core::Clock &clock);

    /// Merges every channel's readings. Readings with quality Missing are skipped, so a gap in
    /// a later file never erases a stored value. Throws Error(BadInput) for an interval length
    /// other than 5/15/30/60 minutes or daily (1440: one reading per local day, see IntervalGrid),
    /// a reading off the interval grid, or an interval length that differs from the stored day's;
    /// nothing is then written.
    WriteResult write(const QList<ChannelWrite> &writes, const QString &source);
    WriteResult write(const QString &channelId, const QTimeZone &zone, int intervalMinutes,
                      const QList<Reading> &readings, const QString &source);
    /// The bulk path for history known to be new (generated demo data, a first migration):
    /// stores whole days of channels that have no stored readings at all, without reading
    /// anything back. The rows, month totals and channel statistics are exactly those that
    /// write() would give for the days' present readings; days without a present reading get
    /// no row, as in write(). Implemented in readingstoreappend.cpp. Runs in one transaction
    /// (nested in the caller's, if any). Throws Error(BadInput) for an interval length other
    /// than 5/15/30/60 minutes, days out of order or a day with the wrong number of intervals,
    /// and Error(Conflict) if a channel already has stored readings; nothing is then written.
    AppendResult appendDays(const QList<ChannelDays> &channels);

    /// Present readings starting in [fromUtc, toUtc), in time order.
    QList<Reading> read(const QString &channelId, const QTimeZone &zone, qint64 fromUtc, qint64 toUtc);
    /// The stored days from `from` to `to` inclusive (for validation history).
    QMap<QDate, IntervalDay> days(const QString &channelId, const QDate &from, const QDate &to);
    /// Stored days from `from` to `to` inclusive, in date order.
    QList<DayTotal> dailyTotals(const QString &channelId, const QDate &from, const QDate &to);
    /// Total of a local month ("YYYY-MM"); 0 if nothing is stored.
    qint64 monthTotal(const QString &channelId, const QString &yyyymm);
    /// Replaced values of one local day, oldest first.
    QList<Revision> revisions(const QString &channelId, const QDate &day);
    /// Rules and raw values of the estimated and edited intervals of the days from `from` to `to`.
    QList<StoredAnnotation> annotations(const QString &channelId, const QDate &from, const QDate &to);
    std::optional<ChannelStats> stats(const QString &channelId);

    /// Days stored before the usage summaries existed (their peak, night and highest-interval
    /// columns are NULL) are summarised from their readings in `zone` (UsageWindows), and the
    /// months they fall in are summed again. Implemented in readingstoresummaries.cpp. Runs in
    /// one transaction (nested in the caller's); returns the days summarised.
    qint64 summariseOldDays(const QString &channelId, const QTimeZone &zone);
    /// Up to `limit` channels after `after` (by id; empty: from the first) that have days or
    /// months not summarised yet.
    QStringList unsummarisedChannels(const QString &after, int limit);

    /// Intervals in the local `day` of `zone` (23- and 25-hour days included; 1 for daily).
    static int slotsInDay(const QDate &day, const QTimeZone &zone, int intervalMinutes);

private:
    /// Recomputes the interval_months rows of channel :c for the days in [:from, :to) from the
    /// day rows (so they cannot drift from the days they summarise).
    static QString monthSummarySql();

    struct DayBounds {
        qint64 start = 0;
        qint64 end = 0;
    };
    /// UTC bounds of a local day, cached: every reading needs its day, and a zone's day bounds
    /// cost microseconds to compute.
    DayBounds boundsOf(const QDate &day, const QTimeZone &zone);
    /// The local day containing `utc`, found from a nearby day's bounds when possible.
    QDate dayOf(qint64 utc, const QTimeZone &zone, const QDate &hint);

    Core::Database &m_db;
    Core::Clock m_systemClock;
    const Core::Clock &m_clock;
    QHash<QPair<QByteArray, qint64>, DayBounds> m_bounds;
};

} // namespace Ud::Metering
