#pragma once

#include "testregistry.h"

#include <rules/rule.h>

#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <optional>

namespace RulesTest {

using namespace Ud::Rules;

/// Random rules valid against testRegistry(): every operator each type allows, awkward text
/// (quotes, backslashes, SQL, non-ASCII), negative and six-decimal numbers, every period unit,
/// nesting that needs parentheses (AND in AND, OR in OR, NOT over groups, NOT NOT).
class RuleGenerator
{
public:
    /// Draws a literal for an attribute or has-kind from real data (so that rules often match
    /// somebody); nullopt lets the generator make one up.
    using Sampler = std::function<std::optional<Value>(const QString &attribute, QRandomGenerator &random)>;

    explicit RuleGenerator(quint32 seed, AttributeRegistry registry = testRegistry(), Sampler sampler = {},
                           QStringList extraPieces = {})
        : m_random(seed), m_registry(std::move(registry)), m_sampler(std::move(sampler)), m_extraPieces(std::move(extraPieces))
    {
    }

    Rule rule(int depth)
    {
        const int pick = depth <= 0 ? 0 : int(m_random.bounded(10));
        if (pick < 5)
            return Rule(condition());
        if (pick < 9) {
            std::vector<Rule> children;
            const int count = 2 + int(m_random.bounded(3));
            for (int i = 0; i < count; ++i)
                children.push_back(rule(depth - 1));
            return pick < 7 ? Rule::all(std::move(children)) : Rule::any(std::move(children));
        }
        return Rule::negate(rule(depth - 1));
    }

private:
    int below(int n) { return int(m_random.bounded(n)); }

    QString text()
    {
        static const QStringList pieces{QStringLiteral("smith"), QStringLiteral("O\"Brien"), QStringLiteral("back\\slash"),
                                        QStringLiteral("' OR 1=1; --"), QStringLiteral("Zoë"), QStringLiteral("北京"),
                                        QStringLiteral(" and "), QStringLiteral("(x)"), QStringLiteral(""), QStringLiteral("%1")};
        const QStringList all = pieces + m_extraPieces;
        QString out = QStringLiteral("");
        const int count = below(3);
        for (int i = 0; i < count; ++i)
            out += all.at(below(all.size()));
        return out;
    }

    Value valueFor(const AttributeDefinition &a)
    {
        if (m_sampler && below(3) != 0) {
            if (auto sampled = m_sampler(a.name, m_random))
                return *sampled;
        }
        switch (a.type) {
        case AttributeType::Text: return Value::string(text());
        case AttributeType::Enum: return Value::string(a.allowedValues.at(below(a.allowedValues.size())));
        case AttributeType::Integer: return Value::integer(qint64(m_random.bounded(2000001)) - 1000000);
        case AttributeType::Decimal:
            if (below(3) == 0)
                return Value::integer(below(100000));
            return Value::decimal(Decimal{qint64(m_random.bounded(Q_UINT64_C(2000000000000))) - 1000000000000});
        case AttributeType::Boolean: return Value::boolean(below(2) == 1);
        case AttributeType::Date: return Value::date(QDate(1990, 1, 1).addDays(below(20000)));
        }
        return {};
    }

    Condition condition()
    {
        Condition c;
        const int hasKinds = int(m_registry.hasKinds().size());
        const int attributes = int(m_registry.attributes().size());
        const int pick = below(attributes + hasKinds);
        if (pick >= attributes) {
            const HasKind &kind = m_registry.hasKinds().at(pick - attributes);
            c.op = Condition::Op::Has;
            c.attribute = kind.name;
            std::optional<Value> sampled;
            if (m_sampler && below(2) == 0)
                sampled = m_sampler(kind.name, m_random);
            c.values.append(sampled ? *sampled
                                    : Value::string(kind.allowedValues.isEmpty() ? text()
                                                                                 : kind.allowedValues.at(below(kind.allowedValues.size()))));
            return c;
        }
        const AttributeDefinition &a = m_registry.attributes().at(pick);
        c.attribute = a.name;
        if (a.takesPeriod && a.maxPeriodMonths > 0) {
            // Only the periods the attribute allows: whole months, or whole years within them.
            const int lowest = std::max(1, a.minPeriodMonths);
            const int months = lowest + below(a.maxPeriodMonths - lowest + 1);
            c.period = months % 12 == 0 && below(2) == 0 ? Period{months / 12, Period::Unit::Years}
                                                         : Period{months, Period::Unit::Months};
        } else if (a.takesPeriod) {
            c.period = Period{1 + below(36), Period::Unit(below(3))};
        }
        QList<Condition::Op> ops{Condition::Op::Equal, Condition::Op::NotEqual, Condition::Op::In};
        if (a.type != AttributeType::Boolean && a.type != AttributeType::Enum)
            ops += {Condition::Op::Less, Condition::Op::LessOrEqual, Condition::Op::Greater, Condition::Op::GreaterOrEqual,
                    Condition::Op::Between};
        if (a.type == AttributeType::Text)
            ops.append(Condition::Op::Matches);
        c.op = ops.at(below(ops.size()));
        const int count = c.op == Condition::Op::In ? 1 + below(4) : (c.op == Condition::Op::Between ? 2 : 1);
        for (int i = 0; i < count; ++i)
            c.values.append(valueFor(a));
        return c;
    }

    QRandomGenerator m_random;
    AttributeRegistry m_registry;
    Sampler m_sampler;
    QStringList m_extraPieces;
};

} // namespace RulesTest
