#include "rulechecker.h"

#include "ruleprinter.h"

#include <QCoreApplication>

#include <algorithm>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::RuleChecker)
};

QString quotedList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(QLatin1Char('"') + item + QLatin1Char('"'));
    return quoted.join(QStringLiteral(", "));
}

RuleProblem problem(RuleProblem::Where where, QString sentence, int valueIndex = 0)
{
    return RuleProblem{where, valueIndex, std::move(sentence)};
}

bool fits(const AttributeDefinition &attribute, const Value &value)
{
    switch (attribute.type) {
    case AttributeType::Text:
    case AttributeType::Enum: return value.type() == Value::Type::String;
    case AttributeType::Integer: return value.type() == Value::Type::Integer;
    case AttributeType::Decimal: return value.isNumber();
    case AttributeType::Boolean: return value.type() == Value::Type::Boolean;
    case AttributeType::Date: return value.type() == Value::Type::Date;
    }
    return false;
}

std::optional<RuleProblem> resolveHas(Condition &c, const AttributeRegistry &registry)
{
    const HasKind *kind = registry.hasKind(c.attribute);
    if (!kind) {
        QStringList names;
        for (const HasKind &k : registry.hasKinds())
            names.append(k.name);
        return problem(RuleProblem::Where::Attribute,
                       Tr::tr("\"%1\" is not something a customer can have; use one of: %2.")
                           .arg(c.attribute, quotedList(names)));
    }
    c.attribute = kind->name;
    if (c.values.size() != 1 || c.values.front().type() != Value::Type::String) {
        if (kind->allowedValues.isEmpty())
            return problem(RuleProblem::Where::Value, Tr::tr("\"has %1\" takes the %1's name in quotes.").arg(kind->name));
        return problem(RuleProblem::Where::Value, Tr::tr("\"has %1\" takes the %1's name in quotes, such as \"%2\".")
                                                      .arg(kind->name, kind->allowedValues.front()));
    }
    if (!kind->allowedValues.isEmpty() && !kind->allowedValues.contains(c.values.front().toString())) {
        return problem(RuleProblem::Where::Value,
                       Tr::tr("\"%1\" is not a known %2; use one of: %3.")
                           .arg(c.values.front().toString(), kind->name, quotedList(kind->allowedValues)));
    }
    return std::nullopt;
}

} // namespace

QString RuleChecker::expectedValue(const AttributeDefinition &attribute)
{
    switch (attribute.type) {
    case AttributeType::Text: return Tr::tr("text in quotes, such as \"smith\"");
    case AttributeType::Integer: return Tr::tr("a whole number, such as 3");
    case AttributeType::Decimal: return Tr::tr("a number, such as 500 or 0.25");
    case AttributeType::Boolean: return Tr::tr("true or false");
    case AttributeType::Date: return Tr::tr("a date written YYYY-MM-DD, such as 2024-01-31");
    case AttributeType::Enum: return Tr::tr("one of: %1").arg(quotedList(attribute.allowedValues));
    }
    return {};
}

std::optional<RuleProblem> RuleChecker::resolve(Condition &c, const AttributeRegistry &registry)
{
    if (c.op == Condition::Op::Has)
        return resolveHas(c, registry);

    const AttributeDefinition *attribute = registry.attribute(c.attribute);
    if (!attribute) {
        const QString closest = registry.closestAttribute(c.attribute);
        if (closest.isEmpty())
            return problem(RuleProblem::Where::Attribute, Tr::tr("\"%1\" is not a known attribute.").arg(c.attribute));
        return problem(RuleProblem::Where::Attribute,
                       Tr::tr("\"%1\" is not a known attribute; did you mean \"%2\"?").arg(c.attribute, closest));
    }
    c.attribute = attribute->name;
    if (c.period && !attribute->takesPeriod) {
        return problem(RuleProblem::Where::Period, Tr::tr("\"%1\" takes no period; remove \"(%2)\".")
                                                       .arg(attribute->name, RulePrinter::text(*c.period)));
    }
    if (!c.period && attribute->takesPeriod) {
        return problem(RuleProblem::Where::Attribute, Tr::tr("\"%1\" needs a period, such as %1(last 12 months).")
                                                          .arg(attribute->name));
    }
    if (c.period && attribute->maxPeriodMonths > 0) {
        const int lowest = std::max(1, attribute->minPeriodMonths);
        const int highest = attribute->maxPeriodMonths;
        const int months = c.period->unit == Period::Unit::Years ? c.period->count * 12 : c.period->count;
        if (c.period->unit == Period::Unit::Days || months < lowest || months > highest) {
            return problem(RuleProblem::Where::Period,
                           Tr::tr("\"%1\" takes a period of %2 to %3 whole months (a year is 12 months), not \"%4\".")
                               .arg(attribute->name)
                               .arg(lowest)
                               .arg(highest)
                               .arg(RulePrinter::text(*c.period)));
        }
    }

    const bool ordering = c.op == Condition::Op::Less || c.op == Condition::Op::LessOrEqual
        || c.op == Condition::Op::Greater || c.op == Condition::Op::GreaterOrEqual || c.op == Condition::Op::Between;
    if (c.op == Condition::Op::Matches && attribute->type != AttributeType::Text) {
        return problem(RuleProblem::Where::Attribute,
                       Tr::tr("\"matches\" works on text, and \"%1\" takes %2.").arg(attribute->name, expectedValue(*attribute)));
    }
    if (ordering && (attribute->type == AttributeType::Boolean || attribute->type == AttributeType::Enum)) {
        return problem(RuleProblem::Where::Attribute,
                       Tr::tr("\"%1\" can only be compared with =, != or in.").arg(attribute->name));
    }

    for (int i = 0; i < c.values.size(); ++i) {
        const Value &value = c.values.at(i);
        if (!fits(*attribute, value)) {
            return problem(RuleProblem::Where::Value, Tr::tr("\"%1\" takes %2, not %3.")
                                                          .arg(attribute->name, expectedValue(*attribute), RulePrinter::text(value)), i);
        }
        if (attribute->type == AttributeType::Enum && !attribute->allowedValues.contains(value.toString())) {
            return problem(RuleProblem::Where::Value, Tr::tr("%1 is not a value of \"%2\"; use one of: %3.")
                                                          .arg(RulePrinter::text(value), attribute->name,
                                                               quotedList(attribute->allowedValues)), i);
        }
    }
    return std::nullopt;
}

} // namespace Ud::Rules
