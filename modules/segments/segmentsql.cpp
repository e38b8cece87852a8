#include "segmentsql.h"

#include <core/dialect.h>

namespace Ud::Segments {

SegmentSql::SegmentSql(const Rules::AttributeRegistry &registry, const Core::Dialect &dialect, QString alias,
                       QString placeholderPrefix)
    : m_registry(registry), m_dialect(dialect), m_alias(std::move(alias)), m_prefix(std::move(placeholderPrefix))
{
}

Rules::SqlFragment SegmentSql::members(const SegmentDefinition &definition, const Rules::Rule &rule) const
{
    Rules::SqlFragment fragment = Rules::RuleSql(m_registry, m_dialect, m_alias, m_prefix + QStringLiteral("r")).where(rule);
    QString sql = fragment.sql;
    const QString id = m_alias + QStringLiteral(".id");
    if (!definition.includeCustomerIds.isEmpty()) {
        const QString param = QStringLiteral(":%1include").arg(m_prefix);
        sql = QStringLiteral("((%1) OR %2 IN (%3))").arg(sql, id, m_dialect.valueListSql(param, QStringLiteral("uuid")));
        fragment.values.append({param, m_dialect.valueListParameter(definition.includeCustomerIds)});
    }
    if (!definition.excludeCustomerIds.isEmpty()) {
        const QString param = QStringLiteral(":%1exclude").arg(m_prefix);
        sql = QStringLiteral("((%1) AND %2 NOT IN (%3))").arg(sql, id, m_dialect.valueListSql(param, QStringLiteral("uuid")));
        fragment.values.append({param, m_dialect.valueListParameter(definition.excludeCustomerIds)});
    }
    fragment.sql = sql;
    if (!definition.includeCustomerIds.isEmpty() || !definition.excludeCustomerIds.isEmpty())
        fragment.rowsOnly.reset(); // the lists read the customer row's id
    return fragment;
}

} // namespace Ud::Segments
