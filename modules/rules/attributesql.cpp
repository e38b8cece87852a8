#include "attributesql.h"

#include <core/dialect.h>
#include <core/error.h>

#include <QCoreApplication>

namespace Ud::Rules {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::AttributeSql)
};

qint64 checkedUnits(qint64 units)
{
    if (units <= 0 || Decimal::Scale % units != 0)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("An attribute's SQL units per whole must divide 1000000 (got %1); use 1, 100 or 1000000.")
                              .arg(units));
    return units;
}
} // namespace

std::shared_ptr<const AttributeSql> AttributeSql::column(const QString &expressionTemplate, qint64 unitsPerWhole)
{
    return computed([expressionTemplate](const QString &alias, const std::optional<Period> &, const Core::Dialect &,
                                         const Binder &) { return expressionTemplate.arg(alias); },
                    unitsPerWhole);
}

std::shared_ptr<const AttributeSql> AttributeSql::computed(Expression expression, qint64 unitsPerWhole)
{
    std::shared_ptr<AttributeSql> sql(new AttributeSql);
    sql->m_expression = std::move(expression);
    sql->m_units = checkedUnits(unitsPerWhole);
    return sql;
}

std::shared_ptr<const AttributeSql> AttributeSql::joined(const QString &joinKey, JoinTable table, Expression expression,
                                                         qint64 unitsPerWhole)
{
    std::shared_ptr<AttributeSql> sql(new AttributeSql);
    sql->m_expression = std::move(expression);
    sql->m_units = checkedUnits(unitsPerWhole);
    sql->m_joinKey = joinKey;
    sql->m_joinTable = std::move(table);
    return sql;
}

QString AttributeSql::Join::clause(const QString &alias) const
{
    QString on = QStringLiteral("%1 = %2.id").arg(customerId, alias);
    if (!condition.isEmpty())
        on += QStringLiteral(" AND ") + condition;
    return QStringLiteral("LEFT JOIN %1 ON %2").arg(from, on);
}

AttributeSql::Join AttributeSql::join(const QString &joinAlias, const Core::Dialect &dialect, const Binder &bind) const
{
    Join j;
    if (m_joinKey.isEmpty())
        return j;
    j.from = QStringLiteral("%1 %2").arg(m_joinTable.table, joinAlias);
    j.customerId = QStringLiteral("%1.%2").arg(joinAlias, m_joinTable.customerColumn);
    if (m_joinTable.condition)
        j.condition = m_joinTable.condition(joinAlias, dialect, bind);
    return j;
}

QString AttributeSql::joinClause(const QString &alias, const QString &joinAlias, const Core::Dialect &dialect,
                                 const Binder &bind) const
{
    return m_joinKey.isEmpty() ? QString() : join(joinAlias, dialect, bind).clause(alias);
}

std::shared_ptr<const AttributeSql> AttributeSql::itemList(const QString &existsTemplate, const QString &knownTemplate,
                                                           const QString &lacksTemplate)
{
    std::shared_ptr<AttributeSql> sql(new AttributeSql);
    sql->m_exists = existsTemplate;
    sql->m_known = knownTemplate;
    sql->m_lacks = lacksTemplate;
    sql->m_itemList = true;
    return sql;
}

std::shared_ptr<const AttributeSql> AttributeSql::itemComputed(ItemExpression expression)
{
    std::shared_ptr<AttributeSql> sql(new AttributeSql);
    sql->m_itemExpression = std::move(expression);
    sql->m_itemList = true;
    return sql;
}

QString AttributeSql::expression(const QString &alias, const std::optional<Period> &period, const Core::Dialect &dialect,
                                 const Binder &bind) const
{
    return QStringLiteral("(%1)").arg(m_expression(alias, period, dialect, bind));
}

QString AttributeSql::has(const QString &alias, const QString &itemPlaceholder) const
{
    const QString exists = QStringLiteral("(%1)").arg(m_exists.arg(alias, itemPlaceholder));
    if (m_known.isEmpty())
        return exists;
    // CASE without ELSE: NULL (Unknown) where the list is not known.
    return QStringLiteral("(CASE WHEN (%1) THEN %2 END)").arg(m_known.arg(alias), exists);
}

QString AttributeSql::has(const QString &alias, const QString &item, const Core::Dialect &dialect, const Binder &bind) const
{
    if (m_itemExpression)
        return QStringLiteral("(%1)").arg(m_itemExpression(alias, item, dialect, bind));
    return has(alias, bind(item));
}

QString AttributeSql::lacks(const QString &alias, const QString &item, const Core::Dialect &dialect, const Binder &bind) const
{
    if (m_lacks.isEmpty() || !dialect.isPostgres())
        return QStringLiteral("(NOT %1)").arg(has(alias, item, dialect, bind));
    const QString lacks = QStringLiteral("(%1)").arg(m_lacks.arg(alias, bind(item)));
    if (m_known.isEmpty())
        return lacks;
    return QStringLiteral("(CASE WHEN (%1) THEN %2 END)").arg(m_known.arg(alias), lacks);
}

} // namespace Ud::Rules
