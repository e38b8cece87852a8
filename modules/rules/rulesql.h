#pragma once

#include <rules/rule.h>

#include <core/dialect.h>

#include <QList>
#include <QStringList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>
#include <utility>

namespace Ud::Core {
class SqlQuery;
}

namespace Ud::Rules {

class AttributeRegistry;

/// A piece of SQL with its named placeholders and their values: every literal of the rule is
/// bound, never spliced into the text.
struct SqlFragment
{
    QString sql;
    QList<std::pair<QString, QVariant>> values; ///< placeholder (":rule_0") and value, in order
    /// Join clauses the SQL reads (AttributeSql::joined), each once: they go right after the
    /// customer table in the query's FROM ("FROM customers c" + joinSql()).
    QStringList joins;
    /// Set when the SQL reads one joined table and nothing else (no customer column, no list):
    /// a customer without a row there reads NULL in every condition, and NULL stays NULL
    /// through NOT, AND and OR, so only customers with a row can be members, and a query may
    /// read the table alone ("FROM <from> WHERE <condition> AND <sql>"), each of its rows being
    /// one customer (<customerId>). The join is still in `joins` for queries that need the
    /// customer row.
    struct JoinedRows {
        QString from;
        QString customerId;
        QString condition;
    };
    std::optional<JoinedRows> rowsOnly;
    /// The joins with a leading space each, or empty.
    QString joinSql() const;
    /// "SELECT COUNT(*) ..." of the rows the SQL holds for: over "customers <alias>" and the
    /// joins, or over the joined table alone when rowsOnly. `also` (may be empty) adds a
    /// condition over the customer's id column it is given ("c.id", or the joined table's
    /// customer column), e.g. the user's region.
    QString countSql(const QString &alias, const std::function<QString(const QString &customerId)> &also = {}) const;
    /// Binds every value on a query whose SQL contains this fragment.
    void bindTo(Core::SqlQuery &query) const;
};

/// Compiles a rule to SQL for one dialect, over a customer row alias (default "c"), reading
/// attributes through their AttributeSql. The SQL follows RuleEvaluator exactly, with SQL's own
/// three-valued logic: a condition is NULL where the evaluator says Unknown (missing data, a
/// literal of another type), and NOT / AND / OR combine NULLs as Kleene's logic does. Numbers
/// compare exactly as whole numbers (decimals as scaled integers, the literal rounded on the
/// C++ side so SQL never multiplies); text by code point (COLLATE "C" on PostgreSQL);
/// "matches" is a case-insensitive substring test with no wildcards (instr / strpos over
/// lower(), so % and _ in a value are plain characters). SQLite's lower() folds ASCII letters
/// only, so there non-ASCII letters match only in the same case.
/// Throws Core::Error(BadInput) naming the attribute or has-kind that has no SQL.
class RuleSql
{
public:
    /// The registry must outlive this object. Placeholders are ":" + prefix + number, so two
    /// fragments of one query need different prefixes.
    RuleSql(const AttributeRegistry &registry, const Core::Dialect &dialect, QString alias = QStringLiteral("c"),
            QString placeholderPrefix = QStringLiteral("rule_"));

    /// A boolean expression: TRUE, FALSE or NULL (Unknown) per row.
    SqlFragment condition(const Rule &rule) const;
    /// For WHERE (or CASE WHEN): true exactly for the rule's members, NULL or false for the
    /// others. Only where NULL and false mean the same: under a NOT, use "(sql) IS TRUE".
    SqlFragment where(const Rule &rule) const;
    /// An integer expression per row: 1 True, 0 False, NULL Unknown (for counts per outcome).
    SqlFragment truthValue(const Rule &rule) const;

private:
    const AttributeRegistry &m_registry;
    Core::Dialect m_dialect;
    QString m_alias;
    QString m_prefix;
};

} // namespace Ud::Rules
