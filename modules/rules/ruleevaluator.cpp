#include "ruleevaluator.h"

#include "ruleprinter.h"

namespace Ud::Rules {

namespace {

/// -1, 0, 1; nullopt when the two cannot be compared.
std::optional<int> compare(const Value &a, const Value &b)
{
    auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (a.type() == Value::Type::Integer && b.type() == Value::Type::Integer)
        return sign(a.toInteger(), b.toInteger());
    if (a.isNumber() && b.isNumber()) {
        // Whole part first, then millionths (same sign as the number): no overflow for any value.
        const auto split = [](const Value &v) {
            if (v.type() == Value::Type::Integer)
                return std::pair<qint64, qint64>(v.toInteger(), 0);
            return std::pair<qint64, qint64>(v.toDecimal().micros / Decimal::Scale, v.toDecimal().micros % Decimal::Scale);
        };
        return sign(split(a), split(b));
    }
    if (a.type() != b.type())
        return std::nullopt;
    switch (a.type()) {
    case Value::Type::String: return sign(a.toString().compare(b.toString()), 0);
    case Value::Type::Boolean: return sign(int(a.toBool()), int(b.toBool()));
    case Value::Type::Date: return sign(a.toDate(), b.toDate());
    default: return std::nullopt;
    }
}

Truth truth(bool b) { return b ? Truth::True : Truth::False; }

void collect(const Rule &rule, const CustomerValues &customer, QList<ConditionOutcome> &notMet)
{
    if (rule.kind() == Rule::Kind::Condition) {
        const Truth t = RuleEvaluator::evaluate(rule.condition(), customer);
        if (t != Truth::True)
            notMet.append({RulePrinter::text(rule.condition()), t});
        return;
    }
    for (const Rule &child : rule.children())
        collect(child, customer, notMet);
}

} // namespace

Truth RuleEvaluator::evaluate(const Condition &c, const CustomerValues &customer)
{
    if (c.op == Condition::Op::Has) {
        const auto items = customer.items(c.attribute);
        if (!items || c.values.isEmpty())
            return Truth::Unknown;
        return truth(items->contains(c.values.front().toString()));
    }
    const auto actual = customer.value(c.attribute, c.period);
    if (!actual)
        return Truth::Unknown;
    if (c.op == Condition::Op::Matches) {
        if (actual->type() != Value::Type::String || c.values.isEmpty())
            return Truth::Unknown;
        return truth(actual->toString().contains(c.values.front().toString(), Qt::CaseInsensitive));
    }
    if (c.op == Condition::Op::In) {
        bool comparable = false;
        for (const Value &v : c.values) {
            const auto order = compare(*actual, v);
            if (order && *order == 0)
                return Truth::True;
            comparable = comparable || order.has_value();
        }
        return comparable ? Truth::False : Truth::Unknown;
    }
    if (c.op == Condition::Op::Between) {
        const auto low = compare(*actual, c.values.value(0));
        const auto high = compare(*actual, c.values.value(1));
        if (!low || !high)
            return Truth::Unknown;
        return truth(*low >= 0 && *high <= 0);
    }
    const auto order = compare(*actual, c.values.value(0));
    if (!order)
        return Truth::Unknown;
    switch (c.op) {
    case Condition::Op::Equal: return truth(*order == 0);
    case Condition::Op::NotEqual: return truth(*order != 0);
    case Condition::Op::Less: return truth(*order < 0);
    case Condition::Op::LessOrEqual: return truth(*order <= 0);
    case Condition::Op::Greater: return truth(*order > 0);
    case Condition::Op::GreaterOrEqual: return truth(*order >= 0);
    default: return Truth::Unknown;
    }
}

Truth RuleEvaluator::evaluate(const Rule &rule, const CustomerValues &customer)
{
    switch (rule.kind()) {
    case Rule::Kind::Condition:
        return evaluate(rule.condition(), customer);
    case Rule::Kind::Not: {
        const Truth t = evaluate(rule.children().front(), customer);
        return t == Truth::Unknown ? t : truth(t == Truth::False);
    }
    case Rule::Kind::And:
    case Rule::Kind::Or: {
        // AND: one False decides; OR: one True decides; otherwise any Unknown makes it Unknown.
        const Truth decisive = rule.kind() == Rule::Kind::And ? Truth::False : Truth::True;
        bool unknown = false;
        for (const Rule &child : rule.children()) {
            const Truth t = evaluate(child, customer);
            if (t == decisive)
                return decisive;
            unknown = unknown || t == Truth::Unknown;
        }
        if (unknown)
            return Truth::Unknown;
        return decisive == Truth::False ? Truth::True : Truth::False;
    }
    }
    return Truth::Unknown;
}

Evaluation RuleEvaluator::explain(const Rule &rule, const CustomerValues &customer)
{
    Evaluation e;
    e.result = evaluate(rule, customer);
    collect(rule, customer, e.notMet);
    return e;
}

} // namespace Ud::Rules
