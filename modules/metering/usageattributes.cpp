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

using Measure = UsageProfiles::Measure;

/// The value over the periods row with alias `row`: its column of `measure` for the period.
using ValueSql = std::function<QString(const QString &row, int months)>;

QString column(const QString &row, Measure measure, int months)
{
    return row + QLatin1Char('.') + UsageProfiles::periodColumn(measure, months);
}

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
    // The customer's row of figures per period, joined once per query (a subquery per customer
    // would run as a million index lookups on PostgreSQL); a row computed for another month is
    // as good as none: the LEFT JOIN then finds nothing and every column reads NULL (Unknown).
    // A rule of usage conditions alone then counts over this table (SqlFragment::rowsOnly).
    a.sql = AttributeSql::joined(
        QStringLiteral("usage_periods"),
        {QStringLiteral("customer_usage_periods"), QStringLiteral("customer_id"),
         [through](const QString &joinAlias, const Core::Dialect &, const AttributeSql::Binder &bind) {
             return QStringLiteral("%1.through_month = %2").arg(joinAlias, bind(through));
         }},
        [value](const QString &row, const std::optional<Period> &period, const Core::Dialect &, const AttributeSql::Binder &) {
            return value(row, monthsOf(period));
        },
        units);
    return a;
}

} // namespace

void registerUsageAttributes(Rules::AttributeRegistry &registry, const QDate &today)
{
    const int all = UsageProfiles::Months;
    const int detail = UsageProfiles::DetailMonths;
    const auto plain = [](Measure measure) {
        return [measure](const QString &row, int n) { return column(row, measure, n); };
    };
    // Energy in Wh is kWh in thousandths: total exact, the average in millionths of a kWh.
    registry.addAttribute(usageAttribute(QStringLiteral("usage.total_kwh"), 1, all, 1000, today, plain(Measure::TotalWh)));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.avg_monthly_kwh"), 1, all, 1000000, today,
                                         [](const QString &row, int n) {
                                             return QStringLiteral("%1 * 1000 / %2").arg(column(row, Measure::TotalWh, n)).arg(n);
                                         }));
    // Shares, seasonality and growth in millionths (NULL where the divisor is zero).
    registry.addAttribute(usageAttribute(QStringLiteral("usage.peak_share"), 1, detail, 1000000, today, plain(Measure::PeakShare)));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.night_share"), 1, detail, 1000000, today, plain(Measure::NightShare)));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.seasonality"), 3, all, 1000000, today, plain(Measure::Seasonality)));
    registry.addAttribute(usageAttribute(QStringLiteral("usage.yoy_growth"), 1, detail, 1000000, today, plain(Measure::YoyGrowth)));
    // Demand in whole watts is kW in thousandths.
    registry.addAttribute(usageAttribute(QStringLiteral("usage.max_demand_kw"), 1, detail, 1000, today, plain(Measure::MaxDemandW)));
}

} // namespace Ud::Metering
