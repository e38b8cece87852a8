#pragma once

#include <rules/rule.h>

#include <QStringList>

#include <optional>

namespace Ud::Rules {

/// Kleene's three-valued logic: Unknown where the data a condition needs is missing.
enum class Truth { False, True, Unknown };

/// One customer's data as the evaluator reads it. nullopt means "no data", which makes the
/// condition Unknown rather than False.
class CustomerValues
{
public:
    virtual ~CustomerValues() = default;
    /// The attribute's value (over the period, for aggregates).
    virtual std::optional<Value> value(const QString &attribute, const std::optional<Period> &period) const = 0;
    /// The items the customer has of a kind ("appliance" -> {"solar_pv", "heat_pump"}).
    virtual std::optional<QStringList> items(const QString &hasKind) const = 0;
};

/// One condition of the rule, in canonical text, with its outcome for the customer.
struct ConditionOutcome
{
    QString condition;
    Truth truth = Truth::Unknown;
    friend bool operator==(const ConditionOutcome &, const ConditionOutcome &) = default;
};

struct Evaluation
{
    Truth result = Truth::Unknown;
    /// The conditions that were False or Unknown for this customer, in the rule's text order
    /// (each condition's own outcome, before any NOT above it).
    QList<ConditionOutcome> notMet;
};

/// Evaluates a rule for one customer in memory. Comparisons: numbers exactly (integers against
/// decimals too), text by code point, dates by day; "matches" is a case-insensitive substring
/// test; "between" includes both bounds; a value of a different type than the literal counts
/// as missing data (Unknown).
class RuleEvaluator
{
public:
    static Truth evaluate(const Rule &rule, const CustomerValues &customer);
    static Evaluation explain(const Rule &rule, const CustomerValues &customer);
    static Truth evaluate(const Condition &condition, const CustomerValues &customer);
};

} // namespace Ud::Rules
