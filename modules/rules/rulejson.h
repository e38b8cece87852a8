#pragma once

#include <rules/attributeregistry.h>
#include <rules/rule.h>

#include <QJsonObject>

namespace Ud::Rules {

/// The stored form of a rule:
///   {"and": [rule, rule, ...]}, {"or": [...]}, {"not": rule},
///   {"has": "appliance", "value": "solar_pv"},
///   {"attribute": "usage.avg_monthly_kwh", "period": {"last": 12, "unit": "months"},
///    "op": ">", "values": [500]}
/// Values: text as a JSON string, whole numbers as JSON numbers, true/false, decimals as
/// {"decimal": "0.245"} (text, so they stay exact) and dates as {"date": "2024-01-31"}.
class RuleJson
{
public:
    static QJsonObject toJson(const Rule &rule);
    /// Throws Core::Error(BadInput) naming the path of the fault, e.g.
    /// "rule.and[1].values[0]: ...", and checks every condition against the registry.
    static Rule fromJson(const QJsonObject &json, const AttributeRegistry &registry);
};

} // namespace Ud::Rules
