#include "usageprofiles.h"

#include "readingstore.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/permissions.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

namespace Ud::Metering {

using Core::SqlQuery;

namespace {

QString two(int k) { return QStringLiteral("%1").arg(k, 2, 10, QLatin1Char('0')); }

/// The electricity import channels (Wh) of the customers' supply points, each pair once: the
/// supply points of their accounts, and those on their premises not assigned to any account
/// (as the customer page lists meters). `filter` is a condition on a.customer_id with its own
/// placeholder per branch ("%1" is the branch number).
QString customerChannelsSql(const QString &filter)
{
    const QString channel = QStringLiteral(
        "JOIN meters m ON m.service_point_id = sp.id JOIN meter_channels mc ON mc.meter_id = m.id "
        "WHERE sp.commodity = 'electricity' AND m.commodity = 'electricity' AND mc.channel = 'import' "
        "AND mc.unit = 'Wh' AND %1");
    return QStringLiteral("SELECT a.customer_id AS customer_id, mc.id AS channel_id FROM accounts a "
                          "JOIN service_points sp ON sp.account_id = a.id %1 UNION "
                          "SELECT a.customer_id, mc.id FROM accounts a "
                          "JOIN service_points sp ON sp.account_id IS NULL AND sp.premise_id = a.premise_id %2")
        .arg(channel.arg(filter.arg(1)), channel.arg(filter.arg(2)));
}

/// The month rows of the customers' channels in the 24 months, summed per customer and month,
/// then turned into one row per customer with a column per month. A month's peak, night and
/// demand are known only when every channel's month row has them.
QString profileInsertSql(const Core::Dialect &dialect)
{
    QStringList columns{QStringLiteral("customer_id"), QStringLiteral("through_month"), QStringLiteral("updated_at")};
    QStringList values{QStringLiteral("pm.customer_id"), QStringLiteral(":through"), QStringLiteral(":now")};
    for (int k = 1; k <= UsageProfiles::Months; ++k) {
        columns << QStringLiteral("wh_") + two(k);
        values << QStringLiteral("MAX(CASE WHEN pm.month = :w%1 THEN pm.wh END)").arg(two(k));
    }
    for (const char *kind : {"peak_wh", "night_wh", "demand_w"}) {
        const QString name = QLatin1String(kind);
        const QString placeholder = name.left(1);
        const QString source = name.section(QLatin1Char('_'), 0, 0);
        for (int k = 1; k <= UsageProfiles::DetailMonths; ++k) {
            columns << name + QLatin1Char('_') + two(k);
            values << QStringLiteral("MAX(CASE WHEN pm.month = :%1%2 THEN pm.%3 END)").arg(placeholder, two(k), source);
        }
    }
    const QString ids = dialect.valueListSql(QStringLiteral(":ids%1"), QStringLiteral("uuid"));
    return QStringLiteral(
               "INSERT INTO customer_usage_profiles (%1) SELECT %2 FROM ("
               "SELECT cc.customer_id AS customer_id, im.month AS month, SUM(im.total) AS wh, "
               "CASE WHEN COUNT(im.peak_total) = COUNT(*) THEN SUM(im.peak_total) END AS peak, "
               "CASE WHEN COUNT(im.night_total) = COUNT(*) THEN SUM(im.night_total) END AS night, "
               "CASE WHEN COUNT(im.max_demand) = COUNT(*) THEN MAX(im.max_demand) END AS demand "
               "FROM (%3) AS cc JOIN interval_months im ON im.channel_id = cc.channel_id "
               "WHERE im.month >= :first AND im.month <= :last GROUP BY cc.customer_id, im.month) AS pm "
               "GROUP BY pm.customer_id")
        .arg(columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
             customerChannelsSql(QStringLiteral("a.customer_id IN (") + ids + QLatin1Char(')')));
}

/// "(p.wh_01 + p.wh_02 + ...)" over months `from` .. `to`: NULL when any month is NULL.
QString monthSum(const QString &prefix, int from, int to)
{
    QStringList terms;
    for (int k = from; k <= to; ++k)
        terms << QStringLiteral("p.") + prefix + two(k);
    return QLatin1Char('(') + terms.join(QStringLiteral(" + ")) + QLatin1Char(')');
}

/// The highest of months 1 .. n, NULL when any of them is NULL: SQLite's multi-argument max()
/// is NULL then, PostgreSQL's GREATEST skips NULLs, so the sum decides (NULL exactly when a
/// month is).
QString monthMax(const QString &prefix, int n, const Core::Dialect &dialect)
{
    if (n == 1)
        return QStringLiteral("p.") + prefix + two(1);
    QStringList terms;
    for (int k = 1; k <= n; ++k)
        terms << QStringLiteral("p.") + prefix + two(k);
    const QString list = terms.join(QStringLiteral(", "));
    if (dialect.isSqlite())
        return QStringLiteral("max(%1)").arg(list);
    return QStringLiteral("CASE WHEN %1 IS NULL THEN NULL ELSE GREATEST(%2) END").arg(monthSum(prefix, 1, n), list);
}

struct PeriodMeasure {
    UsageProfiles::Measure measure;
    int fromMonths;
    int toMonths;
};

constexpr PeriodMeasure PeriodMeasures[] = {
    {UsageProfiles::Measure::TotalWh, 1, UsageProfiles::Months},
    {UsageProfiles::Measure::PeakShare, 1, UsageProfiles::DetailMonths},
    {UsageProfiles::Measure::NightShare, 1, UsageProfiles::DetailMonths},
    {UsageProfiles::Measure::Seasonality, 3, UsageProfiles::Months},
    {UsageProfiles::Measure::YoyGrowth, 1, UsageProfiles::DetailMonths},
    {UsageProfiles::Measure::MaxDemandW, 1, UsageProfiles::DetailMonths},
};

/// The figure of `measure` over months 1 .. n of the profile row p, in the attribute's units;
/// NULLIF: a zero divisor is NULL (Unknown), not an error. The same expressions as migration
/// 0020, which filled the table from the profiles it found.
QString periodExpression(UsageProfiles::Measure measure, int n, const Core::Dialect &dialect)
{
    const QString wh = QStringLiteral("wh_");
    switch (measure) {
    case UsageProfiles::Measure::TotalWh: return monthSum(wh, 1, n);
    case UsageProfiles::Measure::PeakShare:
    case UsageProfiles::Measure::NightShare:
        return QStringLiteral("%1 * 1000000 / NULLIF(%2, 0)")
            .arg(monthSum(measure == UsageProfiles::Measure::PeakShare ? QStringLiteral("peak_wh_") : QStringLiteral("night_wh_"), 1, n),
                 monthSum(wh, 1, n));
    case UsageProfiles::Measure::Seasonality:
        return QStringLiteral("%1 * %2 * 1000000 / NULLIF(%3, 0)").arg(monthMax(wh, n, dialect)).arg(n).arg(monthSum(wh, 1, n));
    case UsageProfiles::Measure::YoyGrowth:
        return QStringLiteral("(%1 - %2) * 1000000 / NULLIF(%2, 0)").arg(monthSum(wh, 1, n), monthSum(wh, 13, 12 + n));
    case UsageProfiles::Measure::MaxDemandW: return monthMax(QStringLiteral("demand_w_"), n, dialect);
    }
    return QStringLiteral("NULL");
}

QTimeZone zoneOfChannel(Core::Database &db, const QString &channelId)
{
    // The premise's zone, else the meter's, as the importer placed the readings.
    SqlQuery q(db.connection(), QStringLiteral(
        "SELECT COALESCE(p.time_zone, ''), m.time_zone FROM meter_channels mc JOIN meters m ON m.id = mc.meter_id "
        "LEFT JOIN service_points sp ON sp.id = m.service_point_id LEFT JOIN premises p ON p.id = sp.premise_id "
        "WHERE mc.id = :c"));
    q.bind(QStringLiteral(":c"), channelId).exec();
    if (q.next()) {
        const QString id = q.value(0).toString().isEmpty() ? q.value(1).toString() : q.value(0).toString();
        const QTimeZone zone(id.toUtf8());
        if (!id.isEmpty() && zone.isValid())
            return zone;
    }
    return QTimeZone::utc();
}

} // namespace

QString UsageProfiles::periodColumn(Measure measure, int months)
{
    const char *name = "total_wh_";
    switch (measure) {
    case Measure::TotalWh: name = "total_wh_"; break;
    case Measure::PeakShare: name = "peak_share_"; break;
    case Measure::NightShare: name = "night_share_"; break;
    case Measure::Seasonality: name = "seasonality_"; break;
    case Measure::YoyGrowth: name = "yoy_growth_"; break;
    case Measure::MaxDemandW: name = "max_demand_w_"; break;
    }
    return QLatin1String(name) + two(months);
}

UsageProfiles::PeriodRange UsageProfiles::periodRange(Measure measure)
{
    for (const PeriodMeasure &m : PeriodMeasures) {
        if (m.measure == measure)
            return {m.fromMonths, m.toMonths};
    }
    return {1, Months};
}

QString UsageProfiles::periodsInsertSql(const Core::Dialect &dialect, const QString &filter)
{
    QStringList columns{QStringLiteral("customer_id"), QStringLiteral("through_month")};
    QStringList values{QStringLiteral("p.customer_id"), QStringLiteral("p.through_month")};
    for (const PeriodMeasure &m : PeriodMeasures) {
        for (int n = m.fromMonths; n <= m.toMonths; ++n) {
            columns << periodColumn(m.measure, n);
            values << periodExpression(m.measure, n, dialect);
        }
    }
    return QStringLiteral("INSERT INTO customer_usage_periods (%1) SELECT %2 FROM customer_usage_profiles p WHERE %3")
        .arg(columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")), filter);
}

UsageProfiles::UsageProfiles(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

QString UsageProfiles::throughMonthFor(const QDate &today)
{
    const QDate month = QDate(today.year(), today.month(), 1).addMonths(-1);
    return month.toString(QStringLiteral("yyyy-MM"));
}

QString UsageProfiles::throughMonth() const
{
    return throughMonthFor(QDateTime::fromSecsSinceEpoch(m_clock.nowSecs(), QTimeZone::utc()).date());
}

void UsageProfiles::refresh(const QStringList &customerIds)
{
    if (customerIds.isEmpty())
        return;
    const Core::Dialect &dialect = m_db.dialect();
    const QString through = throughMonth();
    const QDate last = QDate::fromString(through + QStringLiteral("-01"), Qt::ISODate);
    const auto month = [&last](int k) { return last.addMonths(-(k - 1)).toString(QStringLiteral("yyyy-MM")); };
    const qint64 now = m_clock.nowSecs();

    Core::Transaction tx(m_db);
    SqlQuery drop(tx.connection(), QStringLiteral("DELETE FROM customer_usage_profiles WHERE customer_id IN (%1)")
                                       .arg(dialect.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    SqlQuery insert(tx.connection(), profileInsertSql(dialect));
    const QString list = dialect.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"));
    SqlQuery dropPeriods(tx.connection(), QStringLiteral("DELETE FROM customer_usage_periods WHERE customer_id IN (%1)").arg(list));
    SqlQuery insertPeriods(tx.connection(), periodsInsertSql(dialect, QStringLiteral("p.customer_id IN (%1)").arg(list)));
    for (qsizetype from = 0; from < customerIds.size(); from += BatchSize) {
        const QString ids = dialect.valueListParameter(customerIds.mid(from, BatchSize));
        drop.bind(QStringLiteral(":ids"), ids).exec();
        dropPeriods.bind(QStringLiteral(":ids"), ids).exec();
        insert.bind(QStringLiteral(":ids1"), ids)
            .bind(QStringLiteral(":ids2"), ids)
            .bind(QStringLiteral(":through"), through)
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":first"), month(Months))
            .bind(QStringLiteral(":last"), through);
        for (int k = 1; k <= Months; ++k) {
            insert.bind(QStringLiteral(":w") + two(k), month(k));
            if (k <= DetailMonths) {
                insert.bind(QStringLiteral(":p") + two(k), month(k))
                    .bind(QStringLiteral(":n") + two(k), month(k))
                    .bind(QStringLiteral(":d") + two(k), month(k));
            }
        }
        insert.exec();
        insertPeriods.bind(QStringLiteral(":ids"), ids).exec();
    }
    tx.commit();
}

void UsageProfiles::refreshChannels(const QStringList &channelIds)
{
    if (channelIds.isEmpty())
        return;
    const Core::Dialect &dialect = m_db.dialect();
    const QString list = dialect.valueListSql(QStringLiteral(":ch%1"), QStringLiteral("uuid"));
    Core::Transaction tx(m_db);
    SqlQuery q(tx.connection(), QStringLiteral("SELECT DISTINCT customer_id FROM (%1) AS cc")
                                    .arg(customerChannelsSql(QStringLiteral("mc.id IN (") + list + QLatin1Char(')'))));
    QSet<QString> customers;
    for (qsizetype from = 0; from < channelIds.size(); from += BatchSize) {
        const QString ids = dialect.valueListParameter(channelIds.mid(from, BatchSize));
        q.bind(QStringLiteral(":ch1"), ids).bind(QStringLiteral(":ch2"), ids).exec();
        while (q.next())
            customers.insert(q.value(0).toString());
    }
    refresh(QStringList(customers.cbegin(), customers.cend()));
    tx.commit();
}

bool UsageProfiles::isStale()
{
    const QString through = throughMonth();
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT 1 FROM customer_usage_profiles WHERE through_month < :a OR through_month > :b LIMIT 1"));
    q.bind(QStringLiteral(":a"), through).bind(QStringLiteral(":b"), through).exec();
    if (q.next())
        return true;
    return !ReadingStore(m_db, m_clock).unsummarisedChannels({}, 1).isEmpty();
}

UsageProfiles::RefreshResult UsageProfiles::refreshAll(const Core::UserContext &user, Core::AuditLog &audit,
                                                       const Progress &progress, const std::atomic_bool *cancel)
{
    user.require(Core::Permission::ImportMeterData);
    RefreshResult result;
    result.throughMonth = throughMonth();
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    ReadingStore store(m_db, m_clock);

    const qint64 channels = SqlQuery(m_db.connection(), QStringLiteral(
        "SELECT COUNT(*) FROM (SELECT channel_id FROM interval_days WHERE max_value IS NULL UNION "
        "SELECT channel_id FROM interval_months WHERE max_value IS NULL) AS u")).scalar(0).toLongLong();
    const qint64 customers = SqlQuery(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM customers")).scalar(0).toLongLong();
    const qint64 total = channels + customers;
    qint64 done = 0;
    if (progress)
        progress(done, total);

    QString after;
    while (!cancelled()) {
        const QStringList batch = store.unsummarisedChannels(after, 100);
        if (batch.isEmpty())
            break;
        for (const QString &channel : batch) {
            if (cancelled())
                break;
            result.daysSummarised += store.summariseOldDays(channel, zoneOfChannel(m_db, channel));
            ++result.channelsSummarised;
            after = channel;
            if (progress)
                progress(++done, std::max(total, done));
        }
    }

    after.clear();
    SqlQuery page(m_db.connection(), QStringLiteral("SELECT id FROM customers WHERE id > :after ORDER BY id LIMIT :n"));
    while (!cancelled()) {
        page.bind(QStringLiteral(":after"), after.isEmpty() ? QStringLiteral("00000000-0000-0000-0000-000000000000") : after)
            .bind(QStringLiteral(":n"), BatchSize)
            .exec();
        QStringList ids;
        while (page.next())
            ids.append(page.value(0).toString());
        if (ids.isEmpty())
            break;
        refresh(ids);
        result.customers += ids.size();
        after = ids.constLast();
        done += ids.size();
        if (progress)
            progress(done, std::max(total, done));
    }
    result.cancelled = cancelled();

    Core::Transaction tx(m_db);
    audit.record(user, QStringLiteral("usage.refresh"), QStringLiteral("customer_usage_profiles"), result.throughMonth,
                 QJsonObject(),
                 QJsonObject{{QStringLiteral("through_month"), result.throughMonth},
                             {QStringLiteral("channels_summarised"), result.channelsSummarised},
                             {QStringLiteral("days_summarised"), result.daysSummarised},
                             {QStringLiteral("customers"), result.customers},
                             {QStringLiteral("cancelled"), result.cancelled}});
    tx.commit();
    return result;
}

} // namespace Ud::Metering
