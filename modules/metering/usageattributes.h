#pragma once

#include <QDate>

namespace Ud::Rules {
class AttributeRegistry;
}

namespace Ud::Metering {

/// Registers the usage.* rule attributes, each over "(last N months)" of complete months
/// before the month of `today`, read from the customer's one usage profile row
/// (customer_usage_profiles, see UsageProfiles) with a scalar subquery by primary key:
///   usage.avg_monthly_kwh, usage.total_kwh (N 1..24), usage.peak_share, usage.night_share
///   (0..1 of the kWh, N 1..12), usage.seasonality (highest month over the average month,
///   N 3..24), usage.yoy_growth (the N months against the same N a year before, N 1..12),
///   usage.max_demand_kw (N 1..12).
/// Unknown where a month of the window has no data, the customer has no profile, or the
/// profile was computed for another month than today's last complete one. docs/rules.md has
/// the exact definitions and rounding.
void registerUsageAttributes(Rules::AttributeRegistry &registry, const QDate &today);

} // namespace Ud::Metering
