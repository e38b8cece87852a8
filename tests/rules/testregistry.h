#pragma once

#include <rules/attributeregistry.h>

// The attributes the rules tests use: one of each type, two aggregates and two has-kinds,
// registered here as a module would (the real ones come from accounts, metering and usage).
inline Ud::Rules::AttributeRegistry testRegistry()
{
    using namespace Ud::Rules;
    AttributeRegistry r;
    r.addAttribute({QStringLiteral("class"), AttributeType::Enum,
                    {QStringLiteral("residential"), QStringLiteral("business"), QStringLiteral("agricultural")}, false, {}});
    r.addAttribute({QStringLiteral("region"), AttributeType::Enum,
                    {QStringLiteral("north"), QStringLiteral("south"), QStringLiteral("east"), QStringLiteral("west")}, false, {}});
    r.addAttribute({QStringLiteral("name"), AttributeType::Text, {}, false, {}});
    r.addAttribute({QStringLiteral("postcode"), AttributeType::Text, {}, false, {}});
    r.addAttribute({QStringLiteral("household_size"), AttributeType::Integer, {}, false, {}});
    r.addAttribute({QStringLiteral("account.balance"), AttributeType::Decimal, {}, false, {}});
    r.addAttribute({QStringLiteral("account.days_in_arrears"), AttributeType::Integer, {}, false, {}});
    r.addAttribute({QStringLiteral("vulnerable"), AttributeType::Boolean, {}, false, {}});
    r.addAttribute({QStringLiteral("account.opened"), AttributeType::Date, {}, false, {}});
    r.addAttribute({QStringLiteral("usage.avg_monthly_kwh"), AttributeType::Decimal, {}, true, {}});
    r.addAttribute({QStringLiteral("usage.night_share"), AttributeType::Decimal, {}, true, {}});
    r.addHasKind({QStringLiteral("appliance"), {QStringLiteral("solar_pv"), QStringLiteral("heat_pump"),
                                                QStringLiteral("pump"), QStringLiteral("ev_charger")}, {}});
    r.addHasKind({QStringLiteral("program"), {}, {}});
    return r;
}
