// ReadingStore's usage summaries: the month rows' SQL shared by write() and the summarising of
// days stored before the summaries existed (UsageProfiles::refreshAll after an upgrade).

#include "readingstore.h"

#include "intervalgrid.h"
#include "usagewindows.h"

#include <core/database.h>
#include <core/error.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QCoreApplication>
#include <QSet>

namespace Ud::Metering {

using Core::SqlQuery;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingStore)
};
} // namespace

QString ReadingStore::monthSummarySql()
{
    // A month is summarised only when every one of its days is (COUNT(x) = COUNT(*)); demand
    // needs intervals shorter than a day, 60 / interval_minutes is then a whole number.
    return QStringLiteral(
        "INSERT INTO interval_months (channel_id, month, total, present_count, peak_total, night_total, max_value, "
        "max_demand) "
        "SELECT channel_id, substr(local_day, 1, 7), SUM(day_total), SUM(present_count), "
        "CASE WHEN COUNT(peak_total) = COUNT(*) THEN SUM(peak_total) END, "
        "CASE WHEN COUNT(night_total) = COUNT(*) THEN SUM(night_total) END, "
        "CASE WHEN COUNT(max_value) = COUNT(*) THEN MAX(max_value) END, "
        "CASE WHEN COUNT(max_value) = COUNT(*) AND MAX(interval_minutes) < 1440 "
        "THEN MAX(max_value * (60 / interval_minutes)) END "
        "FROM interval_days "
        "WHERE channel_id = :c AND local_day >= :from AND local_day < :to GROUP BY channel_id, substr(local_day, 1, 7) "
        "ON CONFLICT (channel_id, month) DO UPDATE SET total = excluded.total, present_count = excluded.present_count, "
        "peak_total = excluded.peak_total, night_total = excluded.night_total, max_value = excluded.max_value, "
        "max_demand = excluded.max_demand");
}

QStringList ReadingStore::unsummarisedChannels(const QString &after, int limit)
{
    // Both partial indexes hold only what is left, so this reads nothing once all is summarised.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT channel_id FROM (SELECT channel_id FROM interval_days WHERE max_value IS NULL AND channel_id > :a1 UNION "
        "SELECT channel_id FROM interval_months WHERE max_value IS NULL AND channel_id > :a2) AS u "
        "ORDER BY channel_id LIMIT :n"));
    const QString from = after.isEmpty() ? QStringLiteral("00000000-0000-0000-0000-000000000000") : after;
    q.bind(QStringLiteral(":a1"), from).bind(QStringLiteral(":a2"), from).bind(QStringLiteral(":n"), limit).exec();
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

qint64 ReadingStore::summariseOldDays(const QString &channelId, const QTimeZone &zone)
{
    Core::Transaction tx(m_db);
    QSqlDatabase db = tx.connection();
    SqlQuery load(db, QStringLiteral(
        "SELECT local_day, interval_minutes, reading_count, readings, quality FROM interval_days "
        "WHERE channel_id = :c AND max_value IS NULL"));
    SqlQuery save(db, QStringLiteral(
        "UPDATE interval_days SET peak_total = :pk, night_total = :nt, max_value = :mx "
        "WHERE channel_id = :c AND local_day = :d"));
    load.bind(QStringLiteral(":c"), channelId).exec();
    // Read to the end before writing: PostgreSQL's driver streams a forward-only result, and
    // another statement on the connection would cut it short.
    struct Loaded {
        QString key;
        int minutes = 0;
        std::optional<IntervalDay> day;
    };
    QList<Loaded> loaded;
    while (load.next()) {
        loaded.append({load.value(0).toString(), load.value(1).toInt(),
                       IntervalDay::unpack(load.value(2).toInt(), load.value(3).toByteArray(), load.value(4).toByteArray())});
    }
    QSet<QString> months;
    qint64 summarised = 0;
    for (const Loaded &row : std::as_const(loaded)) {
        const QDate date = QDate::fromString(row.key, Qt::ISODate);
        if (!date.isValid() || !IntervalGrid::isStorable(row.minutes) || !row.day) {
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The stored readings of %1 cannot be read: the day's row is damaged.").arg(row.key));
        }
        const DayBounds b = boundsOf(date, zone);
        const UsageWindows::DaySummary s = UsageWindows::summarise(*row.day, b.start, b.end, row.minutes, zone);
        const auto optional = [](const std::optional<qint64> &v) {
            return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
        };
        save.bind(QStringLiteral(":pk"), optional(s.peak))
            .bind(QStringLiteral(":nt"), optional(s.night))
            .bind(QStringLiteral(":mx"), s.maxValue)
            .bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":d"), row.key)
            .exec();
        months.insert(row.key.left(7));
        ++summarised;
    }
    // Month rows left unsummarised (their days were summarised in an earlier, cancelled run).
    SqlQuery open(db, QStringLiteral("SELECT month FROM interval_months WHERE channel_id = :c AND max_value IS NULL"));
    open.bind(QStringLiteral(":c"), channelId).exec();
    while (open.next())
        months.insert(open.value(0).toString());
    SqlQuery sum(db, monthSummarySql());
    for (const QString &month : std::as_const(months)) {
        const QDate first = QDate::fromString(month + QStringLiteral("-01"), Qt::ISODate);
        if (!first.isValid())
            continue;
        sum.bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":from"), first.toString(Qt::ISODate))
            .bind(QStringLiteral(":to"), first.addMonths(1).toString(Qt::ISODate))
            .exec();
    }
    tx.commit();
    return summarised;
}

} // namespace Ud::Metering
