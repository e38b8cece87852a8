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

/// An attribute over `measure`'s column: the periods it takes are those the table keeps.
AttributeDefinition usageAttribute(const QString &name, Measure measure, qint64 units, const QDate &today, ValueSql value)
{
    AttributeDefinition a;
    a.name = name;
    a.type = Rules::AttributeType::Decimal;
    a.takesPeriod = true;
    const UsageProfiles::PeriodRange range = UsageProfiles::periodRange(measure);
    a.minPeriodMonths = range.fromMonths;
    a.maxPeriodMonths = range.toMonths;
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
    const auto plain = [](Measure measure) {
        return [measure](const QString &row, int n) { return column(row, measure, n); };
    };
    const auto add = [&registry, &today](const char *name, Measure measure, qint64 units, ValueSql value) {
        registry.addAttribute(usageAttribute(QLatin1String(name), measure, units, today, std::move(value)));
    };
    // Energy in Wh is kWh in thousandths: total exact, the average in millionths of a kWh.
    add("usage.total_kwh", Measure::TotalWh, 1000, plain(Measure::TotalWh));
    add("usage.avg_monthly_kwh", Measure::TotalWh, 1000000, [](const QString &row, int n) {
        return QStringLiteral("%1 * 1000 / %2").arg(column(row, Measure::TotalWh, n)).arg(n);
    });
    // Shares, seasonality and growth in millionths (NULL where the divisor is zero).
    for (const auto &[name, measure] : {std::pair{"usage.peak_share", Measure::PeakShare}, std::pair{"usage.night_share", Measure::NightShare},
                                        std::pair{"usage.seasonality", Measure::Seasonality},
                                        std::pair{"usage.yoy_growth", Measure::YoyGrowth}})
        add(name, measure, 1000000, plain(measure));
    // Demand in whole watts is kW in thousandths.
    add("usage.max_demand_kw", Measure::MaxDemandW, 1000, plain(Measure::MaxDemandW));
}

} // namespace Ud::Metering
