#pragma once

#include <rules/attributeregistry.h>
#include <rules/rule.h>

#include <optional>

namespace Ud::Rules {

/// What is wrong with a condition against the registry, and which part of it is at fault, so
/// that the parser can name a character position and the JSON reader a path.
struct RuleProblem
{
    enum class Where { Attribute, Period, Value };
    Where where = Where::Attribute;
    int valueIndex = 0;   ///< for Where::Value: which of the condition's values
    QString sentence;     ///< translated, names the attribute
};

/// Checks one condition against the attribute registry: the attribute (or has-kind) exists,
/// the period is given exactly when the attribute takes one, the operator suits the type and
/// every value has the attribute's type (enum values among the allowed ones). Numbers: an
/// integer attribute takes whole numbers, a decimal attribute whole numbers or decimals.
class RuleChecker
{
public:
    /// On success, rewrites the attribute name to its registered spelling.
    static std::optional<RuleProblem> resolve(Condition &condition, const AttributeRegistry &registry);
    /// "a whole number, such as 3" and the like, for messages.
    static QString expectedValue(const AttributeDefinition &attribute);
};

} // namespace Ud::Rules
