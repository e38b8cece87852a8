#include "rulesql.h"

#include "attributeregistry.h"
#include "attributesql.h"

#include <core/error.h>
#include <core/sqlquery.h>

#include <QCoreApplication>

#include <limits>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::RuleSql)
};

const QString Unknown = QStringLiteral("CAST(NULL AS BOOLEAN)");

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

bool comparable(AttributeType type, const Value &v)
{
    switch (type) {
    case AttributeType::Text:
    case AttributeType::Enum: return v.type() == Value::Type::String;
    case AttributeType::Integer:
    case AttributeType::Decimal: return v.isNumber();
    case AttributeType::Boolean: return v.type() == Value::Type::Boolean;
    case AttributeType::Date: return v.type() == Value::Type::Date;
    }
    return false;
}

class Compiler
{
public:
    Compiler(const AttributeRegistry &registry, const Core::Dialect &dialect, const QString &alias, const QString &prefix)
        : m_registry(registry), m_dialect(dialect), m_alias(alias), m_prefix(prefix)
    {
    }

    QString rule(const Rule &r)
    {
        switch (r.kind()) {
        case Rule::Kind::Condition: return condition(r.condition());
        case Rule::Kind::Not: {
            const Rule &child = r.children().front();
            if (child.kind() == Rule::Kind::Condition && child.condition().op == Condition::Op::Has)
                return has(child.condition(), true);
            return QStringLiteral("(NOT %1)").arg(rule(child));
        }
        case Rule::Kind::And:
        case Rule::Kind::Or: {
            QStringList parts;
            for (const Rule &child : r.children())
                parts.append(rule(child));
            return QStringLiteral("(%1)").arg(parts.join(r.kind() == Rule::Kind::And ? QStringLiteral(" AND ")
                                                                                     : QStringLiteral(" OR ")));
        }
        }
        return Unknown;
    }

    QList<std::pair<QString, QVariant>> values() const { return m_values; }
    QStringList joins() const { return m_joins; }
    /// The one joined table the rule reads, when it reads nothing of the customer row.
    std::optional<SqlFragment::JoinedRows> rowsOnly() const
    {
        if (m_readsCustomer || m_tables.size() != 1)
            return std::nullopt;
        const AttributeSql::Join &j = m_tables.front();
        return SqlFragment::JoinedRows{j.from, j.customerId, j.condition};
    }

private:
    QString bind(const QVariant &value)
    {
        const QString name = QStringLiteral(":%1%2").arg(m_prefix).arg(m_values.size());
        m_values.append({name, value});
        return name;
    }

    /// The alias the attribute's expression reads: the customer row's, or that of its join,
    /// added to the query the first time an attribute of that join appears.
    QString joinedAlias(const AttributeSql &sql, const AttributeSql::Binder &binder)
    {
        const QString key = sql.joinKey();
        if (key.isEmpty()) {
            m_readsCustomer = true;
            return m_alias;
        }
        QString joinAlias = QStringLiteral("%1_j_%2").arg(m_alias, key);
        for (QChar &ch : joinAlias) {
            if (!ch.isLetterOrNumber())
                ch = QLatin1Char('_');
        }
        if (!m_joinKeys.contains(key)) {
            m_joinKeys.append(key);
            m_tables.append(sql.join(joinAlias, m_dialect, binder));
            m_joins.append(m_tables.constLast().clause(m_alias));
        }
        return joinAlias;
    }

    QString condition(const Condition &c)
    {
        if (c.op == Condition::Op::Has)
            return has(c);
        const AttributeDefinition *a = m_registry.attribute(c.attribute);
        if (!a)
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The rule uses \"%1\", which is not a known attribute; check its spelling.").arg(c.attribute));
        if (!a->sql || a->sql->isItemList())
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The attribute \"%1\" cannot be read from the database, so a rule using it cannot "
                                     "select customers there; take it out of the rule.").arg(a->name));
        const AttributeSql::Binder binder = [this](const QVariant &v) { return bind(v); };
        const QString x = a->sql->expression(joinedAlias(*a->sql, binder), c.period, m_dialect, binder);

        if (c.op == Condition::Op::Matches) {
            if ((a->type != AttributeType::Text && a->type != AttributeType::Enum) || c.values.isEmpty()
                || c.values.front().type() != Value::Type::String)
                return Unknown;
            const QString p = bind(text(c.values.front()));
            return m_dialect.isSqlite() ? QStringLiteral("(instr(lower(%1), lower(%2)) > 0)").arg(x, p)
                                        : QStringLiteral("(strpos(lower(%1), lower(%2)) > 0)").arg(x, p);
        }
        if (c.op == Condition::Op::In && (a->type == AttributeType::Text || a->type == AttributeType::Enum)) {
            // One IN list: the expression is worked out once per row, not once per value. Same
            // three values as the ORed equalities: NULL when x is NULL, else true or false (the
            // list holds no NULL); equality is byte-wise under any deterministic collation.
            QStringList placeholders;
            for (const Value &v : c.values) {
                if (comparable(a->type, v))
                    placeholders.append(bind(text(v)));
            }
            return placeholders.isEmpty() ? Unknown
                                          : QStringLiteral("(%1 IN (%2))").arg(x, placeholders.join(QStringLiteral(", ")));
        }
        if (c.op == Condition::Op::In) {
            QStringList equals;
            for (const Value &v : c.values) {
                if (comparable(a->type, v))
                    equals.append(compare(*a, x, Condition::Op::Equal, v));
            }
            return equals.isEmpty() ? Unknown : QStringLiteral("(%1)").arg(equals.join(QStringLiteral(" OR ")));
        }
        if (c.op == Condition::Op::Between) {
            if (c.values.size() != 2 || !comparable(a->type, c.values.at(0)) || !comparable(a->type, c.values.at(1)))
                return Unknown;
            return QStringLiteral("(%1 AND %2)").arg(compare(*a, x, Condition::Op::GreaterOrEqual, c.values.at(0)),
                                                     compare(*a, x, Condition::Op::LessOrEqual, c.values.at(1)));
        }
        if (c.values.isEmpty() || !comparable(a->type, c.values.front()))
            return Unknown;
        return compare(*a, x, c.op, c.values.front());
    }

    /// "has" (or its negation, for "not has"), per the kind's AttributeSql.
    QString has(const Condition &c, bool negated = false)
    {
        const HasKind *kind = m_registry.hasKind(c.attribute);
        if (!kind)
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The rule uses \"has %1\", which is not a known kind of list; check its spelling.")
                                  .arg(c.attribute));
        if (!kind->sql || !kind->sql->isItemList())
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The list \"%1\" cannot be read from the database, so a rule using \"has %1\" cannot "
                                     "select customers there; take it out of the rule.").arg(kind->name));
        if (c.values.isEmpty() || c.values.front().type() != Value::Type::String)
            return Unknown;
        const AttributeSql::Binder binder = [this](const QVariant &v) { return bind(v); };
        m_readsCustomer = true;
        return negated ? kind->sql->lacks(m_alias, text(c.values.front()), m_dialect, binder)
                       : kind->sql->has(m_alias, text(c.values.front()), m_dialect, binder);
    }

    static QString text(const Value &v)
    {
        // A null QString would bind as SQL NULL; the empty text is a value.
        const QString s = v.toString();
        return s.isNull() ? QStringLiteral("") : s;
    }

    static QString op(Condition::Op o)
    {
        switch (o) {
        case Condition::Op::Equal: return QStringLiteral("=");
        case Condition::Op::NotEqual: return QStringLiteral("<>");
        case Condition::Op::Less: return QStringLiteral("<");
        case Condition::Op::LessOrEqual: return QStringLiteral("<=");
        case Condition::Op::Greater: return QStringLiteral(">");
        case Condition::Op::GreaterOrEqual: return QStringLiteral(">=");
        default: return QStringLiteral("=");
        }
    }

    /// One comparison of the attribute expression `x` with a literal of a comparable type.
    QString compare(const AttributeDefinition &a, const QString &x, Condition::Op o, const Value &v)
    {
        switch (a.type) {
        case AttributeType::Integer:
        case AttributeType::Decimal: return number(a, x, o, v);
        case AttributeType::Text:
        case AttributeType::Enum: {
            const QString p = bind(text(v));
            // Code-point order: byte order of UTF-8, whatever the database's collation.
            const QString lhs = m_dialect.isPostgres() ? QStringLiteral("%1 COLLATE \"C\"").arg(x) : x;
            return QStringLiteral("(%1 %2 %3)").arg(lhs, op(o), p);
        }
        case AttributeType::Boolean:
            return QStringLiteral("(%1 %2 %3)").arg(x, op(o), bind(v.toBool()));
        case AttributeType::Date: {
            const QString p = bind(v.toDate().toString(Qt::ISODate));
            return QStringLiteral("(%1 %2 %3)").arg(x, op(o), m_dialect.isPostgres() ? QStringLiteral("CAST(%1 AS DATE)").arg(p) : p);
        }
        }
        return Unknown;
    }

    /// x counts 1/units; the literal is m/k of those after scaling. The comparison of x*k with m
    /// is rewritten as a comparison of x with a rounded bound, so SQL never multiplies.
    QString number(const AttributeDefinition &a, const QString &x, Condition::Op o, const Value &v)
    {
        qint64 m = 0;
        qint64 k = 1;
        if (a.type == AttributeType::Integer && v.type() == Value::Type::Integer) {
            m = v.toInteger();
        } else {
            k = a.type == AttributeType::Integer ? Decimal::Scale : Decimal::Scale / a.sql->unitsPerWhole();
            if (v.type() == Value::Type::Decimal) {
                m = v.toDecimal().micros;
            } else if (qMulOverflow(v.toInteger(), Decimal::Scale, &m)) {
                // Beyond any stored value: clamp, which keeps every order comparison's outcome.
                m = v.toInteger() > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min() + 1;
            }
        }
        const qint64 below = m == std::numeric_limits<qint64>::min() ? m : m - 1;
        const auto cmp = [&](const char *sqlOp, qint64 bound) {
            return QStringLiteral("(%1 %2 %3)").arg(x, QLatin1String(sqlOp), bind(bound));
        };
        switch (o) {
        case Condition::Op::Less: return cmp("<=", floorDiv(below, k));
        case Condition::Op::LessOrEqual: return cmp("<=", floorDiv(m, k));
        case Condition::Op::Greater: return cmp(">", floorDiv(m, k));
        case Condition::Op::GreaterOrEqual: return cmp(">", floorDiv(below, k));
        case Condition::Op::Equal:
            return m % k == 0 ? cmp("=", m / k) : QStringLiteral("(%1 IS NULL AND %2)").arg(x, Unknown);
        case Condition::Op::NotEqual:
            return m % k == 0 ? cmp("<>", m / k) : QStringLiteral("(%1 IS NOT NULL OR %2)").arg(x, Unknown);
        default: return Unknown;
        }
    }

    const AttributeRegistry &m_registry;
    const Core::Dialect &m_dialect;
    const QString &m_alias;
    const QString &m_prefix;
    QList<std::pair<QString, QVariant>> m_values;
    QStringList m_joinKeys;
    QStringList m_joins;
    QList<AttributeSql::Join> m_tables;
    bool m_readsCustomer = false;
};

} // namespace

QString SqlFragment::joinSql() const
{
    QString sql;
    for (const QString &join : joins)
        sql += QLatin1Char(' ') + join;
    return sql;
}

QString SqlFragment::countSql(const QString &alias, const std::function<QString(const QString &customerId)> &also) const
{
    QString sql = rowsOnly ? QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2%3")
                                 .arg(rowsOnly->from,
                                      rowsOnly->condition.isEmpty() ? QString() : rowsOnly->condition + QStringLiteral(" AND "),
                                      this->sql)
                           : QStringLiteral("SELECT COUNT(*) FROM customers %1%2 WHERE %3").arg(alias, joinSql(), this->sql);
    if (also)
        sql += QStringLiteral(" AND ") + also(rowsOnly ? rowsOnly->customerId : alias + QStringLiteral(".id"));
    return sql;
}

void SqlFragment::bindTo(Core::SqlQuery &query) const
{
    for (const auto &[name, value] : values)
        query.bind(name, value);
}

RuleSql::RuleSql(const AttributeRegistry &registry, const Core::Dialect &dialect, QString alias, QString placeholderPrefix)
    : m_registry(registry), m_dialect(dialect), m_alias(std::move(alias)), m_prefix(std::move(placeholderPrefix))
{
}

SqlFragment RuleSql::condition(const Rule &rule) const
{
    Compiler compiler(m_registry, m_dialect, m_alias, m_prefix);
    SqlFragment f;
    f.sql = compiler.rule(rule);
    f.values = compiler.values();
    f.joins = compiler.joins();
    f.rowsOnly = compiler.rowsOnly();
    return f;
}

SqlFragment RuleSql::where(const Rule &rule) const
{
    // The condition itself: a WHERE drops NULL rows as it drops FALSE ones, and without an
    // IS TRUE around it the planners can use indexes and turn IN (subquery) into a semi-join.
    return condition(rule);
}

SqlFragment RuleSql::truthValue(const Rule &rule) const
{
    SqlFragment f = condition(rule);
    f.sql = QStringLiteral("(CASE %1 WHEN TRUE THEN 1 WHEN FALSE THEN 0 END)").arg(f.sql);
    return f;
}

} // namespace Ud::Rules
