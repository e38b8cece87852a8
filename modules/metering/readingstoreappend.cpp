// ReadingStore::appendDays: the bulk path for channels that have nothing stored yet. Kept apart
// from readingstore.cpp, whose write() merges into stored days; this path never reads a day
// back, so hundreds of millions of generated readings go in at the speed of the row inserts.

#include "readingstore.h"

#include "dayrowwriter.h"
#include "intervalgrid.h"
#include "usageprofiles.h"
#include "usagewindows.h"

#include <core/database.h>
#include <core/error.h>
#include <core/pgcopy.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <map>

namespace Ud::Metering {

using Core::Error;
using Core::SqlQuery;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingStore)
};

/// Rows handed to DayRowWriter at a time: bounds the packed copies held in memory.
constexpr qsizetype RowsPerInsert = 4096;

/// "yyyy-MM-dd" without QLocale (QDate::toString with a format goes through it, which would
/// cost more than the insert of the row).
QString dayKey(const QDate &day)
{
    int y = 0, m = 0, d = 0;
    day.getDate(&y, &m, &d);
    const char text[] = {char('0' + y / 1000 % 10), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10),
                         '-', char('0' + m / 10), char('0' + m % 10), '-', char('0' + d / 10), char('0' + d % 10)};
    return QString::fromLatin1(text, sizeof text);
}

struct MonthTotal {
    qint64 total = 0;
    qint64 present = 0;
    qint64 peak = 0;
    qint64 night = 0;
    qint64 maxValue = 0;
    bool timed = true; ///< every day has a time of day (not a daily channel)
    std::optional<qint64> demand;
};

/// The interval_months and channel_stats rows of the call, inserted after its day rows: COPY
/// on PostgreSQL (a round trip per row would dominate), a prepared statement on SQLite.
class SummaryRows
{
public:
    SummaryRows(Core::Database &db, const QSqlDatabase &connection) : m_db(db), m_connection(connection) {}

    void month(const QString &channelId, const QString &month, const MonthTotal &m)
    {
        m_months.push_back({channelId, month, m});
    }
    void stats(const QString &channelId, const ReadingStore::ChannelStats &s) { m_stats.push_back({channelId, s}); }

    void insert(qint64 now)
    {
        if (m_db.dialect().isSqlite())
            insertSqlite(now);
        else
            insertPostgres(now);
    }

private:
    struct Month {
        QString channelId, month;
        MonthTotal totals;
    };
    struct Stats {
        QString channelId;
        ReadingStore::ChannelStats stats;
    };

    void insertSqlite(qint64 now)
    {
        SqlQuery months(m_connection, QStringLiteral(
            "INSERT INTO interval_months (channel_id, month, total, present_count, peak_total, night_total, max_value, "
            "max_demand) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        const QVariant null(QMetaType(QMetaType::LongLong));
        for (const Month &m : m_months) {
            const MonthTotal &t = m.totals;
            months.add(m.channelId)
                .add(m.month)
                .add(t.total)
                .add(t.present)
                .add(t.timed ? QVariant(t.peak) : null)
                .add(t.timed ? QVariant(t.night) : null)
                .add(t.maxValue)
                .add(t.demand ? QVariant(*t.demand) : null)
                .exec();
        }
        SqlQuery stats(m_connection, QStringLiteral(
            "INSERT INTO channel_stats (channel_id, first_utc, last_utc, days, expected_count, present_count, "
            "estimated_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const Stats &s : m_stats) {
            stats.add(s.channelId)
                .add(s.stats.firstUtc)
                .add(s.stats.lastUtc)
                .add(s.stats.days)
                .add(s.stats.expectedCount)
                .add(s.stats.presentCount)
                .add(s.stats.estimatedCount)
                .add(now)
                .exec();
        }
    }

    void insertPostgres(qint64 now)
    {
        if (!m_months.empty()) {
            Core::PgCopy copy(m_connection,
                              QStringLiteral("COPY interval_months (channel_id, month, total, present_count, peak_total, "
                                             "night_total, max_value, max_demand) FROM STDIN"),
                              Tr::tr("Month totals"));
            for (const Month &m : m_months) {
                const MonthTotal &t = m.totals;
                copy.text(m.channelId).text(m.month).integer(t.total).integer(t.present);
                if (t.timed)
                    copy.integer(t.peak).integer(t.night);
                else
                    copy.null().null();
                copy.integer(t.maxValue);
                if (t.demand)
                    copy.integer(*t.demand);
                else
                    copy.null();
                copy.endRow();
            }
            copy.finish();
        }
        if (!m_stats.empty()) {
            Core::PgCopy copy(m_connection,
                              QStringLiteral("COPY channel_stats (channel_id, first_utc, last_utc, days, expected_count, "
                                             "present_count, estimated_count, updated_at) FROM STDIN"),
                              Tr::tr("Channel statistics"));
            for (const Stats &s : m_stats) {
                copy.text(s.channelId)
                    .integer(s.stats.firstUtc)
                    .integer(s.stats.lastUtc)
                    .integer(s.stats.days)
                    .integer(s.stats.expectedCount)
                    .integer(s.stats.presentCount)
                    .integer(s.stats.estimatedCount)
                    .integer(now)
                    .endRow();
            }
            copy.finish();
        }
    }

    Core::Database &m_db;
    QSqlDatabase m_connection;
    std::vector<Month> m_months;
    std::vector<Stats> m_stats;
};

} // namespace

ReadingStore::AppendResult ReadingStore::appendDays(const QList<ChannelDays> &channels)
{
    // Everything is checked before the first row is written, so a bad day anywhere rejects the
    // whole call, as write() does.
    QSet<QString> seen;
    for (const ChannelDays &cd : channels) {
        if (!IntervalGrid::isStorable(cd.intervalMinutes)) {
            throw Error(Error::Kind::BadInput,
                        Tr::tr("An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute "
                               "intervals or one reading a day (1440 minutes).").arg(cd.intervalMinutes));
        }
        if (seen.contains(cd.channelId)) {
            throw Error(Error::Kind::BadInput,
                        Tr::tr("The channel %1 is given twice; its days must come in one piece.").arg(cd.channelId));
        }
        seen.insert(cd.channelId);
        QDate previous;
        for (const DayWrite &dw : cd.days) {
            if (!dw.day.isValid() || (previous.isValid() && dw.day <= previous)) {
                throw Error(Error::Kind::BadInput,
                            Tr::tr("The days of channel %1 must be valid dates in ascending order, each once; %2 "
                                   "follows %3.").arg(cd.channelId, dayKey(dw.day), dayKey(previous)));
            }
            previous = dw.day;
            const DayBounds b = boundsOf(dw.day, cd.zone);
            const int expected = IntervalGrid::slotCount(b.start, b.end, cd.intervalMinutes);
            if (dw.intervals.count() != expected) {
                throw Error(Error::Kind::BadInput,
                            Tr::tr("The day %1 of channel %2 has %3 intervals, but a local day there has %4 "
                                   "intervals of %5 minutes.")
                                .arg(dayKey(dw.day), cd.channelId)
                                .arg(dw.intervals.count())
                                .arg(expected)
                                .arg(cd.intervalMinutes));
            }
        }
    }

    Core::Transaction tx(m_db);
    QSqlDatabase db = tx.connection();
    const qint64 now = m_clock.nowSecs();

    // New means nothing at all: no statistics (write() keeps them for every stored day) and no
    // day rows (in case rows came in some other way).
    SqlQuery stored(db, QStringLiteral(
        "SELECT 1 FROM channel_stats WHERE channel_id = :c UNION ALL "
        "SELECT 1 FROM (SELECT 1 FROM interval_days WHERE channel_id = :c2 LIMIT 1) AS d"));
    for (const ChannelDays &cd : channels) {
        stored.bind(QStringLiteral(":c"), cd.channelId).bind(QStringLiteral(":c2"), cd.channelId).exec();
        if (stored.next()) {
            throw Error(Error::Kind::Conflict,
                        Tr::tr("The channel %1 already has stored readings, so its days cannot be added as new "
                               "history.").arg(cd.channelId));
        }
    }

    AppendResult result;
    const auto writer = DayRowWriter::create(m_db);
    SummaryRows summaries(m_db, db);
    QList<DayRow> rows;
    rows.reserve(RowsPerInsert);
    QHash<qint64, QString> keys; // the same few hundred days recur across channels
    auto keyOf = [&keys](const QDate &day) {
        auto it = keys.find(day.toJulianDay());
        if (it == keys.end())
            it = keys.insert(day.toJulianDay(), dayKey(day));
        return *it;
    };

    for (const ChannelDays &cd : channels) {
        ChannelStats stats;
        bool haveFirst = false;
        std::map<int, MonthTotal> months; // by year * 100 + month, so the key costs nothing per day
        for (const DayWrite &dw : cd.days) {
            const IntervalDay &day = dw.intervals;
            // One pass for what IntervalDay's total(), presentCount() and estimatedCount() give,
            // and the first and last present slot: this loop runs for every reading.
            int present = 0, estimated = 0, firstSlot = -1, lastSlot = -1;
            qint64 total = 0;
            for (int s = 0; s < day.count(); ++s) {
                const Quality q = day.quality(s);
                if (q == Quality::Missing)
                    continue;
                ++present;
                estimated += q == Quality::Estimated || q == Quality::Edited;
                total += day.value(s);
                firstSlot = firstSlot < 0 ? s : firstSlot;
                lastSlot = s;
            }
            if (present == 0)
                continue; // write() never makes a row without a reading
            const DayBounds bounds = boundsOf(dw.day, cd.zone);
            const qint64 dayStart = bounds.start;
            const UsageWindows::DaySummary windows =
                UsageWindows::summarise(day, bounds.start, bounds.end, cd.intervalMinutes, cd.zone);
            const qint64 firstAt = IntervalGrid::slotStart(dayStart, cd.intervalMinutes, firstSlot);
            stats.firstUtc = haveFirst ? std::min(stats.firstUtc, firstAt) : firstAt;
            haveFirst = true;
            stats.lastUtc = std::max(stats.lastUtc, IntervalGrid::slotStart(dayStart, cd.intervalMinutes, lastSlot));
            ++stats.days;
            stats.expectedCount += day.count();
            stats.presentCount += present;
            stats.estimatedCount += estimated;
            const QString key = keyOf(dw.day);
            MonthTotal &month = months[dw.day.year() * 100 + dw.day.month()];
            month.total += total;
            month.present += present;
            month.timed = month.timed && windows.peak.has_value();
            month.peak += windows.peak.value_or(0);
            month.night += windows.night.value_or(0);
            month.maxValue = std::max(month.maxValue, windows.maxValue);
            if (const auto demand = UsageWindows::demandWatts(windows.maxValue, cd.intervalMinutes))
                month.demand = std::max(month.demand.value_or(0), *demand);

            rows.append({cd.channelId, key, cd.intervalMinutes, day.count(), day.packedReadings(), day.packedQuality(),
                         total, present, estimated, now, windows.peak, windows.night, windows.maxValue});
            if (rows.size() >= RowsPerInsert) {
                writer->insert(rows);
                rows.clear();
            }
            ++result.days;
            result.readings += present;
        }
        if (stats.days == 0)
            continue;
        for (const auto &[month, totals] : months)
            summaries.month(cd.channelId, dayKey(QDate(month / 100, month % 100, 1)).left(7), totals);
        summaries.stats(cd.channelId, stats);
    }
    writer->insert(rows);
    summaries.insert(now);
    QStringList written;
    for (const ChannelDays &cd : channels)
        written.append(cd.channelId);
    UsageProfiles(m_db, m_clock).refreshChannels(written);
    tx.commit();
    return result;
}

} // namespace Ud::Metering
