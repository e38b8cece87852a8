#include "rulejson.h"

#include "rulechecker.h"
#include "ruleprinter.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::RuleJson)
};

constexpr double LargestExactInteger = 9007199254740992.0; // 2^53

QString key(const QString &path, const QString &name) { return path + QLatin1Char('.') + name; }
QString item(const QString &path, qsizetype index) { return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'); }

[[noreturn]] void fail(const QString &path, const QString &sentence)
{
    throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("%1: %2").arg(path, sentence));
}

QString shown(const QJsonValue &value)
{
    if (value.isUndefined())
        return Tr::tr("nothing");
    QString text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

void allowKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            fail(key(path, it.key()), Tr::tr("not a known key here; use %1.").arg(allowed.join(QStringLiteral(", "))));
    }
}

QJsonValue valueToJson(const Value &v)
{
    switch (v.type()) {
    case Value::Type::String: return v.toString();
    case Value::Type::Integer: return double(v.toInteger());
    case Value::Type::Decimal: return QJsonObject{{QStringLiteral("decimal"), v.toDecimal().toText()}};
    case Value::Type::Boolean: return v.toBool();
    case Value::Type::Date: return QJsonObject{{QStringLiteral("date"), v.toDate().toString(Qt::ISODate)}};
    }
    return {};
}

Value valueFromJson(const QJsonValue &json, const QString &path)
{
    if (json.isString())
        return Value::string(json.toString());
    if (json.isBool())
        return Value::boolean(json.toBool());
    if (json.isDouble()) {
        const double number = json.toDouble();
        if (number != double(qint64(number)) || number > LargestExactInteger || number < -LargestExactInteger)
            fail(path, Tr::tr("expected a whole number; write decimals as {\"decimal\": \"0.25\"}, not %1.").arg(shown(json)));
        return Value::integer(qint64(number));
    }
    if (json.isObject()) {
        const QJsonObject o = json.toObject();
        if (o.size() == 1 && o.contains(QStringLiteral("decimal"))) {
            const auto d = Decimal::fromText(o.value(QStringLiteral("decimal")).toString());
            if (!d)
                fail(key(path, QStringLiteral("decimal")), Tr::tr("expected decimal text with at most 6 decimals, such as "
                                                                  "\"0.245\", not %1.").arg(shown(o.value(QStringLiteral("decimal")))));
            return Value::decimal(*d);
        }
        if (o.size() == 1 && o.contains(QStringLiteral("date"))) {
            static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
            const QString text = o.value(QStringLiteral("date")).toString();
            const QDate day = QDate::fromString(text, Qt::ISODate);
            if (!shape.match(text).hasMatch() || !day.isValid())
                fail(key(path, QStringLiteral("date")), Tr::tr("expected a date written YYYY-MM-DD, not %1.")
                                                            .arg(shown(o.value(QStringLiteral("date")))));
            return Value::date(day);
        }
    }
    fail(path, Tr::tr("expected a value: text, a whole number, true, false, {\"decimal\": \"0.25\"} or "
                      "{\"date\": \"2024-01-31\"}, not %1.").arg(shown(json)));
}

Period periodFromJson(const QJsonValue &json, const QString &path)
{
    const QString expected = Tr::tr("expected a period such as {\"last\": 12, \"unit\": \"months\"}, not %1.");
    if (!json.isObject())
        fail(path, expected.arg(shown(json)));
    const QJsonObject o = json.toObject();
    allowKeys(o, path, {QStringLiteral("last"), QStringLiteral("unit")});
    const QJsonValue count = o.value(QStringLiteral("last"));
    const double n = count.toDouble();
    if (!count.isDouble() || n != double(int(n)) || n < 1 || n > 1000)
        fail(key(path, QStringLiteral("last")), Tr::tr("expected a whole number from 1 to 1000, not %1.").arg(shown(count)));
    const QString unit = o.value(QStringLiteral("unit")).toString();
    Period p;
    p.count = int(n);
    if (unit == QLatin1String("days"))
        p.unit = Period::Unit::Days;
    else if (unit == QLatin1String("months"))
        p.unit = Period::Unit::Months;
    else if (unit == QLatin1String("years"))
        p.unit = Period::Unit::Years;
    else
        fail(key(path, QStringLiteral("unit")), Tr::tr("expected \"days\", \"months\" or \"years\", not %1.")
                                                    .arg(shown(o.value(QStringLiteral("unit")))));
    return p;
}

QString unitName(Period::Unit unit)
{
    switch (unit) {
    case Period::Unit::Days: return QStringLiteral("days");
    case Period::Unit::Months: return QStringLiteral("months");
    case Period::Unit::Years: return QStringLiteral("years");
    }
    return {};
}

void resolve(Condition &c, const AttributeRegistry &registry, const QString &path, const QString &attributeKey,
             const QString &valuesPath, bool single)
{
    const auto problem = RuleChecker::resolve(c, registry);
    if (!problem)
        return;
    switch (problem->where) {
    case RuleProblem::Where::Attribute: fail(key(path, attributeKey), problem->sentence);
    case RuleProblem::Where::Period: fail(key(path, QStringLiteral("period")), problem->sentence);
    case RuleProblem::Where::Value: fail(single ? valuesPath : item(valuesPath, problem->valueIndex), problem->sentence);
    }
}

Rule ruleFromJson(const QJsonValue &json, const QString &path, const AttributeRegistry &registry)
{
    if (!json.isObject())
        fail(path, Tr::tr("expected a rule { ... }, not %1.").arg(shown(json)));
    const QJsonObject o = json.toObject();
    for (const QString &group : {QStringLiteral("and"), QStringLiteral("or")}) {
        if (!o.contains(group))
            continue;
        allowKeys(o, path, {group});
        const QJsonValue list = o.value(group);
        if (!list.isArray() || list.toArray().size() < 2)
            fail(key(path, group), Tr::tr("expected a list of two or more rules, not %1.").arg(shown(list)));
        std::vector<Rule> children;
        const QJsonArray array = list.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            children.push_back(ruleFromJson(array.at(i), item(key(path, group), i), registry));
        return group == QLatin1String("and") ? Rule::all(std::move(children)) : Rule::any(std::move(children));
    }
    if (o.contains(QStringLiteral("not"))) {
        allowKeys(o, path, {QStringLiteral("not")});
        return Rule::negate(ruleFromJson(o.value(QStringLiteral("not")), key(path, QStringLiteral("not")), registry));
    }
    if (o.contains(QStringLiteral("has"))) {
        allowKeys(o, path, {QStringLiteral("has"), QStringLiteral("value")});
        Condition c;
        c.op = Condition::Op::Has;
        const QJsonValue kind = o.value(QStringLiteral("has"));
        if (!kind.isString())
            fail(key(path, QStringLiteral("has")), Tr::tr("expected a kind in quotes, such as \"appliance\", not %1.").arg(shown(kind)));
        c.attribute = kind.toString();
        const QString valuePath = key(path, QStringLiteral("value"));
        c.values.append(valueFromJson(o.value(QStringLiteral("value")), valuePath));
        resolve(c, registry, path, QStringLiteral("has"), valuePath, true);
        return Rule(c);
    }
    if (!o.contains(QStringLiteral("attribute")))
        fail(path, Tr::tr("expected one of the keys \"and\", \"or\", \"not\", \"has\" or \"attribute\"."));
    allowKeys(o, path, {QStringLiteral("attribute"), QStringLiteral("period"), QStringLiteral("op"), QStringLiteral("values")});
    Condition c;
    const QJsonValue attribute = o.value(QStringLiteral("attribute"));
    if (!attribute.isString())
        fail(key(path, QStringLiteral("attribute")), Tr::tr("expected an attribute name in quotes, such as \"class\", not %1.")
                                                         .arg(shown(attribute)));
    c.attribute = attribute.toString();
    if (o.contains(QStringLiteral("period")))
        c.period = periodFromJson(o.value(QStringLiteral("period")), key(path, QStringLiteral("period")));
    static const QList<Condition::Op> ops{Condition::Op::Equal, Condition::Op::NotEqual, Condition::Op::Less,
                                          Condition::Op::LessOrEqual, Condition::Op::Greater, Condition::Op::GreaterOrEqual,
                                          Condition::Op::In, Condition::Op::Between, Condition::Op::Matches};
    const QJsonValue op = o.value(QStringLiteral("op"));
    bool known = false;
    for (Condition::Op candidate : ops) {
        if (op.toString() == RulePrinter::text(candidate)) {
            c.op = candidate;
            known = true;
        }
    }
    if (!op.isString() || !known)
        fail(key(path, QStringLiteral("op")), Tr::tr("expected one of =, !=, <, <=, >, >=, in, between, matches, not %1.")
                                                  .arg(shown(op)));
    const QString valuesPath = key(path, QStringLiteral("values"));
    const QJsonValue values = o.value(QStringLiteral("values"));
    const qsizetype count = values.isArray() ? values.toArray().size() : -1;
    if (c.op == Condition::Op::In && count < 1)
        fail(valuesPath, Tr::tr("expected a list of one or more values, not %1.").arg(shown(values)));
    if (c.op == Condition::Op::Between && count != 2)
        fail(valuesPath, Tr::tr("expected a list of two values, the lower and upper bound, not %1.").arg(shown(values)));
    if (c.op != Condition::Op::In && c.op != Condition::Op::Between && count != 1)
        fail(valuesPath, Tr::tr("expected a list of one value, not %1.").arg(shown(values)));
    const QJsonArray array = values.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        c.values.append(valueFromJson(array.at(i), item(valuesPath, i)));
    resolve(c, registry, path, QStringLiteral("attribute"), valuesPath, false);
    return Rule(c);
}

} // namespace

QJsonObject RuleJson::toJson(const Rule &rule)
{
    switch (rule.kind()) {
    case Rule::Kind::And:
    case Rule::Kind::Or: {
        QJsonArray children;
        for (const Rule &child : rule.children())
            children.append(toJson(child));
        return QJsonObject{{rule.kind() == Rule::Kind::And ? QStringLiteral("and") : QStringLiteral("or"), children}};
    }
    case Rule::Kind::Not:
        return QJsonObject{{QStringLiteral("not"), toJson(rule.children().front())}};
    case Rule::Kind::Condition:
        break;
    }
    const Condition &c = rule.condition();
    if (c.op == Condition::Op::Has)
        return QJsonObject{{QStringLiteral("has"), c.attribute}, {QStringLiteral("value"), valueToJson(c.values.value(0))}};
    QJsonObject o{{QStringLiteral("attribute"), c.attribute}, {QStringLiteral("op"), RulePrinter::text(c.op)}};
    if (c.period)
        o.insert(QStringLiteral("period"), QJsonObject{{QStringLiteral("last"), c.period->count},
                                                       {QStringLiteral("unit"), unitName(c.period->unit)}});
    QJsonArray values;
    for (const Value &v : c.values)
        values.append(valueToJson(v));
    o.insert(QStringLiteral("values"), values);
    return o;
}

Rule RuleJson::fromJson(const QJsonObject &json, const AttributeRegistry &registry)
{
    return ruleFromJson(json, QStringLiteral("rule"), registry);
}

} // namespace Ud::Rules
