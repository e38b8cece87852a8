#pragma once

#include <rules/rule.h>

namespace Ud::Rules {

/// Writes rules in their canonical text form: lower-case keywords, registered attribute names,
/// text in double quotes (\" and \\ escaped), dates as 2024-01-31, decimals with at least one
/// decimal, and only the parentheses the tree needs. RuleParser reads it back to the same tree.
class RulePrinter
{
public:
    static QString text(const Rule &rule);
    static QString text(const Condition &condition);
    static QString text(const Value &value);
    static QString text(const Period &period);
    static QString text(Condition::Op op);
};

} // namespace Ud::Rules
