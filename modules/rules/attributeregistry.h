#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Ud::Rules {

/// How an attribute is read in SQL, per dialect (rules/attributesql.h); the registry only
/// carries it so that a module registers an attribute in one place.
class AttributeSql;

/// The type of an attribute's values, which decides the literals and operators a rule may use.
enum class AttributeType { Text, Integer, Decimal, Boolean, Date, Enum };

/// One attribute a rule can test, e.g. "class" (enum), "household_size" (integer) or
/// "usage.avg_monthly_kwh" (decimal, takes a period such as "last 12 months").
struct AttributeDefinition
{
    QString name;                ///< dotted, lower-case: "usage.avg_monthly_kwh"
    AttributeType type = AttributeType::Text;
    QStringList allowedValues;   ///< for Enum: the values a rule may name
    bool takesPeriod = false;    ///< aggregates need "(last N months)" and nothing else may have one
    std::shared_ptr<const AttributeSql> sql; ///< how RuleSql reads it; null: rules using it cannot run in SQL
    /// For an aggregate over whole months: the period a rule may give, in months ("last 2
    /// years" is 24). 0 / 0: any period, days included. Otherwise a period in days, or of
    /// fewer than minPeriodMonths or more than maxPeriodMonths months, is refused.
    int minPeriodMonths = 0;
    int maxPeriodMonths = 0;
};

/// A kind of list a customer has items in: "has appliance "solar_pv"", "has program "x"".
struct HasKind
{
    QString name;                ///< "appliance", "program"
    QStringList allowedValues;   ///< empty: any item name is accepted
    std::shared_ptr<const AttributeSql> sql; ///< AttributeSql::itemList(...); null: not in SQL
};

/// The attributes and has-kinds rules may use. Modules fill it when they initialise (profile,
/// account, usage, appliances, programs); the parser and JSON reader check rules against it.
/// Names are looked up case-insensitively and kept as registered.
class AttributeRegistry
{
public:
    /// Throws Core::Error(Conflict) when the name is already registered.
    void addAttribute(AttributeDefinition definition);
    void addHasKind(HasKind kind);

    const AttributeDefinition *attribute(const QString &name) const;
    const HasKind *hasKind(const QString &name) const;
    const QList<AttributeDefinition> &attributes() const { return m_attributes; }
    const QList<HasKind> &hasKinds() const { return m_hasKinds; }

    /// The registered attribute name nearest to a misspelt one (edit distance), or empty when
    /// nothing is near enough to be a useful suggestion.
    QString closestAttribute(const QString &name) const;

private:
    QList<AttributeDefinition> m_attributes;
    QList<HasKind> m_hasKinds;
};

} // namespace Ud::Rules
