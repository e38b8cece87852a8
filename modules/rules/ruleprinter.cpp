#include "ruleprinter.h"

#include <QStringList>

namespace Ud::Rules {

namespace {

QString joined(const Rule &rule, const QString &separator, bool parenthesiseAnd)
{
    QStringList parts;
    for (const Rule &child : rule.children()) {
        const bool group = child.kind() == Rule::Kind::Or || (parenthesiseAnd && child.kind() == Rule::Kind::And);
        parts.append(group ? QLatin1Char('(') + RulePrinter::text(child) + QLatin1Char(')') : RulePrinter::text(child));
    }
    return parts.join(separator);
}

} // namespace

QString RulePrinter::text(const Rule &rule)
{
    switch (rule.kind()) {
    case Rule::Kind::Condition:
        return text(rule.condition());
    case Rule::Kind::And:
        return joined(rule, QStringLiteral(" and "), true);
    case Rule::Kind::Or:
        return joined(rule, QStringLiteral(" or "), false);
    case Rule::Kind::Not: {
        const Rule &child = rule.children().front();
        const bool group = child.kind() == Rule::Kind::And || child.kind() == Rule::Kind::Or;
        return QStringLiteral("not ") + (group ? QLatin1Char('(') + text(child) + QLatin1Char(')') : text(child));
    }
    }
    return {};
}

QString RulePrinter::text(Condition::Op op)
{
    switch (op) {
    case Condition::Op::Equal: return QStringLiteral("=");
    case Condition::Op::NotEqual: return QStringLiteral("!=");
    case Condition::Op::Less: return QStringLiteral("<");
    case Condition::Op::LessOrEqual: return QStringLiteral("<=");
    case Condition::Op::Greater: return QStringLiteral(">");
    case Condition::Op::GreaterOrEqual: return QStringLiteral(">=");
    case Condition::Op::In: return QStringLiteral("in");
    case Condition::Op::Between: return QStringLiteral("between");
    case Condition::Op::Matches: return QStringLiteral("matches");
    case Condition::Op::Has: return QStringLiteral("has");
    }
    return {};
}

QString RulePrinter::text(const Condition &c)
{
    if (c.op == Condition::Op::Has)
        return QStringLiteral("has ") + c.attribute + QLatin1Char(' ') + text(c.values.value(0));
    QString out = c.attribute;
    if (c.period)
        out += QLatin1Char('(') + text(*c.period) + QLatin1Char(')');
    out += QLatin1Char(' ') + text(c.op) + QLatin1Char(' ');
    switch (c.op) {
    case Condition::Op::In: {
        QStringList items;
        for (const Value &v : c.values)
            items.append(text(v));
        return out + QLatin1Char('(') + items.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    case Condition::Op::Between:
        return out + text(c.values.value(0)) + QStringLiteral(" and ") + text(c.values.value(1));
    default:
        return out + text(c.values.value(0));
    }
}

QString RulePrinter::text(const Value &value)
{
    switch (value.type()) {
    case Value::Type::String: {
        QString escaped = value.toString();
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    case Value::Type::Integer: return QString::number(value.toInteger());
    case Value::Type::Decimal: return value.toDecimal().toText();
    case Value::Type::Boolean: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Type::Date: return value.toDate().toString(Qt::ISODate);
    }
    return {};
}

QString RulePrinter::text(const Period &period)
{
    const bool one = period.count == 1;
    QString unit;
    switch (period.unit) {
    case Period::Unit::Days: unit = one ? QStringLiteral("day") : QStringLiteral("days"); break;
    case Period::Unit::Months: unit = one ? QStringLiteral("month") : QStringLiteral("months"); break;
    case Period::Unit::Years: unit = one ? QStringLiteral("year") : QStringLiteral("years"); break;
    }
    return QStringLiteral("last ") + QString::number(period.count) + QLatin1Char(' ') + unit;
}

} // namespace Ud::Rules
