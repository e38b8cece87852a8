#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace Ud::Rules {

/// An exact decimal kept as a scaled integer (millionths), so that money-like thresholds such as
/// 0.245 compare exactly and print back as they were typed. Six decimals at most.
struct Decimal
{
    static constexpr qint64 Scale = 1000000;
    qint64 micros = 0;

    /// Reads "-12.5" or "500.000001"; nullopt when the text is not such a number.
    static std::optional<Decimal> fromText(const QString &text);
    /// The shortest exact text with at least one decimal: 500.0, 0.245, -3.5.
    QString toText() const;
    friend bool operator==(const Decimal &, const Decimal &) = default;
};

/// A literal in a rule: text, whole number, exact decimal, true/false or a date.
class Value
{
public:
    enum class Type { String, Integer, Decimal, Boolean, Date };

    Value() = default;
    static Value string(const QString &text) { return Value(text); }
    static Value integer(qint64 number) { return Value(number); }
    static Value decimal(Decimal number) { return Value(number); }
    static Value boolean(bool flag) { return Value(flag); }
    static Value date(const QDate &day) { return Value(day); }

    Type type() const { return Type(m_data.index()); }
    QString toString() const { return std::get<QString>(m_data); }
    qint64 toInteger() const { return std::get<qint64>(m_data); }
    Decimal toDecimal() const { return std::get<Decimal>(m_data); }
    bool toBool() const { return std::get<bool>(m_data); }
    QDate toDate() const { return std::get<QDate>(m_data); }
    bool isNumber() const { return type() == Type::Integer || type() == Type::Decimal; }

    friend bool operator==(const Value &, const Value &) = default;

private:
    template<typename T>
    explicit Value(T v) : m_data(std::move(v)) {}
    std::variant<QString, qint64, Decimal, bool, QDate> m_data;
};

/// "last 12 months": the window an aggregate attribute is computed over, ending today.
struct Period
{
    enum class Unit { Days, Months, Years };
    int count = 0;
    Unit unit = Unit::Months;
    friend bool operator==(const Period &, const Period &) = default;
};

/// One test on one attribute. For Has, `attribute` is the has-kind ("appliance", "program")
/// and `values` holds the one item looked for. In holds the list, Between the two bounds
/// (inclusive); Matches is a case-insensitive substring test on text.
struct Condition
{
    enum class Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, In, Between, Matches, Has };
    QString attribute;
    std::optional<Period> period;
    Op op = Op::Equal;
    QList<Value> values;
    friend bool operator==(const Condition &, const Condition &) = default;
};

/// A rule: a condition, or AND / OR over two or more rules, or NOT over one. A value type;
/// equality compares the whole tree, which is what the round-trip tests rely on.
class Rule
{
public:
    enum class Kind { Condition, And, Or, Not };

    Rule() = default;
    explicit Rule(Ud::Rules::Condition condition) : m_kind(Kind::Condition), m_condition(std::move(condition)) {}
    static Rule all(std::vector<Rule> children) { return Rule(Kind::And, std::move(children)); }
    static Rule any(std::vector<Rule> children) { return Rule(Kind::Or, std::move(children)); }
    static Rule negate(Rule child) { return Rule(Kind::Not, {std::move(child)}); }

    Kind kind() const { return m_kind; }
    const Ud::Rules::Condition &condition() const { return m_condition; }
    const std::vector<Rule> &children() const { return m_children; }

    friend bool operator==(const Rule &, const Rule &) = default;

private:
    Rule(Kind kind, std::vector<Rule> children) : m_kind(kind), m_children(std::move(children)) {}
    Kind m_kind = Kind::Condition;
    Ud::Rules::Condition m_condition;
    std::vector<Rule> m_children;
};

} // namespace Ud::Rules
