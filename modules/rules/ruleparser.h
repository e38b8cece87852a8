#pragma once

#include <rules/attributeregistry.h>
#include <rules/rule.h>

namespace Ud::Rules {

/// Reads the text form of a rule, e.g.
///   class = "residential" and has appliance "solar_pv" and usage.avg_monthly_kwh(last 12 months) > 500
/// Precedence NOT > AND > OR, parentheses group, keywords in any case. Each condition is checked
/// against the registry (see RuleChecker). Anything in quotes is a text value and nothing more.
/// The grammar is in docs/rules.md.
class RuleParser
{
public:
    /// Throws Core::Error(BadInput) "Position N: ..." naming the 1-based character position and
    /// what was expected there.
    static Rule parse(const QString &text, const AttributeRegistry &registry);
};

} // namespace Ud::Rules
