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

/// How one attribute (or has-kind) reads in SQL, for RuleSql. Four shapes:
///  - column("%1.class"): an expression over the customer row, %1 being the row's alias;
///  - computed(fn): an expression built per rule condition, e.g. a summary-table column chosen
///    by the period, or a correlated subquery; fn binds any value it needs through `bind`;
///  - itemList(...): for a has-kind, an EXISTS subquery with the customer and the item bound;
///  - itemComputed(fn): for a has-kind whose SQL depends on which item is named, built when the
///    rule compiles (has segment "Night pumps" expands that segment's own definition).
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
    /// The table a joined() attribute reads: at most one row per customer, found by its
    /// customer column; `condition` (may be empty) adds to the join condition over the join's
    /// alias, binding its values through `bind` (the month the rows are for, say).
    struct JoinTable {
        QString table;
        QString customerColumn;
        std::function<QString(const QString &joinAlias, const Core::Dialect &dialect, const Binder &bind)> condition;
    };
    /// A joined() attribute's table under its alias in one query, its condition built.
    struct Join {
        QString from;       ///< "customer_usage_periods c_j_usage"
        QString customerId; ///< "c_j_usage.customer_id"
        QString condition;  ///< over the alias, or empty
        /// "LEFT JOIN <from> ON <customerId> = <alias>.id AND <condition>".
        QString clause(const QString &alias) const;
    };
    /// An attribute read from a table with at most one row per customer, joined ONCE per query
    /// to the customer rows (LEFT JOIN: a customer without a row reads NULL) instead of a
    /// subquery per customer, which PostgreSQL cannot turn into a join. Every attribute with the
    /// same `joinKey` shares the join. `expression` gets the join's alias in place of the
    /// customer alias. The clause ends up in SqlFragment::joins, which the query using the
    /// fragment puts right after the customer table in its FROM.
    static std::shared_ptr<const AttributeSql> joined(const QString &joinKey, JoinTable table, Expression expression,
                                                      qint64 unitsPerWhole = 1);

    /// `existsTemplate`: a boolean SQL expression (normally EXISTS (...)), %1 the customer alias,
    /// %2 the bound item's placeholder. `knownTemplate` (%1 the alias): true where the customer's
    /// list is known; where it is false or NULL "has" is Unknown. Empty: the list is always known.
    /// `lacksTemplate` (may be empty; %1, %2 as for existsTemplate): the negation of
    /// existsTemplate, which lacks() gives PostgreSQL for "not has": a NOT EXISTS there runs as
    /// an anti-join, where NOT (id IN (...)) tests a hashed list row by row (SQLite is faster
    /// with the list).
    static std::shared_ptr<const AttributeSql> itemList(const QString &existsTemplate, const QString &knownTemplate = {},
                                                        const QString &lacksTemplate = {});

    /// Builds a has-test from the item literal: a boolean expression (TRUE, FALSE, or NULL for
    /// Unknown) over the customer alias. The item is the rule's literal as text; fn may choose
    /// SQL by it (and throw Core::Error(BadInput) naming it) but binds every value it puts in
    /// the SQL through `bind`, the item included, so a value that looks like SQL stays a value.
    using ItemExpression = std::function<QString(const QString &alias, const QString &item, const Core::Dialect &dialect,
                                                 const Binder &bind)>;
    static std::shared_ptr<const AttributeSql> itemComputed(ItemExpression expression);

    /// True for the has-kind shapes (itemList and itemComputed).
    bool isItemList() const { return m_itemList; }
    /// For joined(): the key that identifies the join, else empty.
    QString joinKey() const { return m_joinKey; }
    /// For joined(): the table under `joinAlias`, its condition's values bound through `bind`.
    Join join(const QString &joinAlias, const Core::Dialect &dialect, const Binder &bind) const;
    /// join(joinAlias, ...).clause(alias).
    QString joinClause(const QString &alias, const QString &joinAlias, const Core::Dialect &dialect, const Binder &bind) const;
    qint64 unitsPerWhole() const { return m_units; }

    /// The value expression (not for item lists).
    QString expression(const QString &alias, const std::optional<Period> &period, const Core::Dialect &dialect,
                       const Binder &bind) const;
    /// The has-test for an itemList: true, false, or NULL where the list is unknown (not for
    /// itemComputed, whose SQL needs the item itself: use the overload below).
    QString has(const QString &alias, const QString &itemPlaceholder) const;
    /// The has-test for either has-kind shape: itemList's with the item bound through `bind`,
    /// or itemComputed's expression for the item.
    QString has(const QString &alias, const QString &item, const Core::Dialect &dialect, const Binder &bind) const;
    /// The negation of has(): TRUE, FALSE, or NULL where has() is NULL.
    QString lacks(const QString &alias, const QString &item, const Core::Dialect &dialect, const Binder &bind) const;

private:
    AttributeSql() = default;
    Expression m_expression;
    ItemExpression m_itemExpression;
    JoinTable m_joinTable;
    QString m_joinKey;
    QString m_exists;
    QString m_known;
    QString m_lacks;
    qint64 m_units = 1;
    bool m_itemList = false;
};

} // namespace Ud::Rules
