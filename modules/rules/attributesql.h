#pragma once

#include <rules/rule.h>

#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace Ud::Core {
class Dialect;
}

namespace Ud::Rules {

/// How one attribute (or has-kind) reads in SQL, for RuleSql. Three shapes:
///  - column("%1.class"): an expression over the customer row, %1 being the row's alias;
///  - computed(fn): an expression built per rule condition, e.g. a summary-table column chosen
///    by the period, or a correlated subquery; fn binds any value it needs through `bind`;
///  - itemList(...): for a has-kind, an EXISTS subquery with the customer and the item bound.
/// The expression yields SQL NULL where the customer has no data (the evaluator's Unknown).
/// Decimal attributes yield a whole number of 1/unitsPerWhole (cents: 100, micros: 1000000),
/// so that comparisons are exact; unitsPerWhole must divide 1000000.
class AttributeSql
{
public:
    /// Adds a bound value and returns its placeholder (":rule_3").
    using Binder = std::function<QString(const QVariant &value)>;
    using Expression = std::function<QString(const QString &alias, const std::optional<Period> &period,
                                             const Core::Dialect &dialect, const Binder &bind)>;

    /// `expressionTemplate`: %1 is replaced by the customer row's alias.
    static std::shared_ptr<const AttributeSql> column(const QString &expressionTemplate, qint64 unitsPerWhole = 1);
    static std::shared_ptr<const AttributeSql> computed(Expression expression, qint64 unitsPerWhole = 1);
    /// `existsTemplate`: a boolean SQL expression (normally EXISTS (...)), %1 the customer alias,
    /// %2 the bound item's placeholder. `knownTemplate` (%1 the alias): true where the customer's
    /// list is known; where it is false or NULL "has" is Unknown. Empty: the list is always known.
    static std::shared_ptr<const AttributeSql> itemList(const QString &existsTemplate, const QString &knownTemplate = {});

    bool isItemList() const { return m_itemList; }
    qint64 unitsPerWhole() const { return m_units; }

    /// The value expression (not for item lists).
    QString expression(const QString &alias, const std::optional<Period> &period, const Core::Dialect &dialect,
                       const Binder &bind) const;
    /// The has-test for an item list: true, false, or NULL where the list is unknown.
    QString has(const QString &alias, const QString &itemPlaceholder) const;

private:
    AttributeSql() = default;
    Expression m_expression;
    QString m_exists;
    QString m_known;
    qint64 m_units = 1;
    bool m_itemList = false;
};

} // namespace Ud::Rules
