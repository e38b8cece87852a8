#include "usageattributes.h"

#include "usageprofiles.h"

#include <core/dialect.h>
#include <rules/attributeregistry.h>
#include <rules/attributesql.h>

#include <QStringList>

namespace Ud::Metering {

using Rules::AttributeDefinition;
using Rules::AttributeSql;
using Rules::Period;

namespace {

/// The months of a period the checker has let through (whole months, or years of 12).
int monthsOf(const std::optional<Period> &period)
{
    if (!period)
        return 0;
    return period->unit == Period::Unit::Years ? period->count * 12 : period->count;
}

QString column(const QString &profile, const QString &prefix, int k)
{
    return QStringLiteral("%1.%2%3").arg(profile, prefix).arg(k, 2, 10, QLatin1Char('0'));
}

/// "(p.wh_01 + p.wh_02 + ...)" of the profile row p over months `from` .. `to`: NULL when any month is NULL.
QString sum(const QString &profile, const QString &prefix, int from, int to)
{
    QStringList terms;
    for (int k = from; k <= to; ++k)
        terms << column(profile, prefix, k);
    return QLatin1Char('(') + terms.join(QStringLiteral(" + ")) + QLatin1Char(')');
}

/// The highest of the months 1 .. n, NULL when any of them is NULL: SQLite's multi-argument
/// max() is NULL then, PostgreSQL's GREATEST skips NULLs, so the sum decides (it is NULL
/// exactly when a month is).
QString highest(const QString &profile, const QString &prefix, int n, const Core::Dialect &dialect)
{
    if (n == 1)
        return column(profile, prefix, 1);
    QStringList terms;
    for (int k = 1; k <= n; ++k)
        terms << column(profile, prefix, k);
    const QString list = terms.join(QStringLiteral(", "));
    if (dialect.isSqlite())
        return QStringLiteral("max(%1)").arg(list);
    return QStringLiteral("CASE WHEN %1 IS NULL THEN NULL ELSE GREATEST(%2) END").arg(sum(profile, prefix, 1, n), list);
}

/// The value over the profile row with alias `profile`.
using ValueSql = std::function<QString(const QString &profile, int months, const Core::Dialect &dialect)>;

AttributeDefinition usageAttribute(const QString &name, int minMonths, int maxMonths, qint64 units, const QDate &today,
                                   ValueSql value)
{
    AttributeDefinition a;
    a.name = name;
    a.type = Rules::AttributeType::Decimal;
    a.takesPeriod = true;
    a.minPeriodMonths = minMonths;
    a.maxPeriodMonths = maxMonths;
    const QString through = UsageProfiles::throughMonthFor(today);
    // The customer's profile row, joined once per query (a subquery per customer would run as
    // a million index lookups on PostgreSQL); a row computed for another month is as good as
    // none: the LEFT JOIN then finds nothing and every column reads NULL (Unknown).
    a.sql = AttributeSql::joined(
        QStringLiteral("usage_profiles"),
        [through](const QString &alias, const QString &joinAlias, const Core::Dialect &, const AttributeSql::Binder &bind) {
            return QStringLiteral("LEFT JOIN customer_usage_profiles %1 ON %1.customer_id = %2.id AND %1.through_month = %3")
                .arg(joinAlias, alias, bind(through));
        },
        [value](const QString &profile, const std::optional<Period> &period, const Core::Dialect &dialect,
                const AttributeSql::Binder &) {
            return value(profile, monthsOf(period), dialect);
        },
        units);
    return a;
}

} // namespace

void registerUsageAttributes(Rules::AttributeRegistry &registry, const QDate &today)
{
    const int all = UsageProfiles::Months;
    const int detail = UsageProfiles::DetailMonths;
    const QString wh = QStringLiteral("wh_");
    // Energy in Wh is kWh in thousandths: total exact, the average in millionths of a kWh.
    registry.addAttribute(usageAttribute(QStringLiteral("usage.total_kwh"), 1, all, 1000, today,
                                         [wh](const QString &p, int n, const Core::Dialect &) { return sum(p, wh, 1, n); }));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.avg_monthly_kwh"), 1, all, 1000000, today,
                                         [wh](const QString &p, int n, const Core::Dialect &) {
                                             return QStringLiteral("%1 * 1000 / %2").arg(sum(p, wh, 1, n)).arg(n);
                                         }));
    // Shares, seasonality and growth in millionths; NULLIF: a zero divisor is Unknown, not an error.
    for (const auto &[name, prefix] : {std::pair{"usage.peak_share", "peak_wh_"}, std::pair{"usage.night_share", "night_wh_"}}) {
        const QString part = QLatin1String(prefix);
        registry.addAttribute(usageAttribute(QLatin1String(name), 1, detail, 1000000, today,
                                             [wh, part](const QString &p, int n, const Core::Dialect &) {
                                                 return QStringLiteral("%1 * 1000000 / NULLIF(%2, 0)")
                                                     .arg(sum(p, part, 1, n), sum(p, wh, 1, n));
                                             }));
    }
    registry.addAttribute(usageAttribute(QStringLiteral("usage.seasonality"), 3, all, 1000000, today,
                                         [wh](const QString &p, int n, const Core::Dialect &dialect) {
                                             return QStringLiteral("%1 * %2 * 1000000 / NULLIF(%3, 0)")
                                                 .arg(highest(p, wh, n, dialect))
                                                 .arg(n)
                                                 .arg(sum(p, wh, 1, n));
                                         }));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.yoy_growth"), 1, detail, 1000000, today,
                                         [wh](const QString &p, int n, const Core::Dialect &) {
                                             return QStringLiteral("(%1 - %2) * 1000000 / NULLIF(%2, 0)")
                                                 .arg(sum(p, wh, 1, n), sum(p, wh, 13, 12 + n));
                                         }));
    // Demand in whole watts is kW in thousandths.
    registry.addAttribute(usageAttribute(QStringLiteral("usage.max_demand_kw"), 1, detail, 1000, today,
                                         [](const QString &p, int n, const Core::Dialect &dialect) {
                                             return highest(p, QStringLiteral("demand_w_"), n, dialect);
                                         }));
}

} // namespace Ud::Metering
