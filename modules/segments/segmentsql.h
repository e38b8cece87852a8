#pragma once

#include <segments/segmentdefinition.h>

#include <rules/rule.h>
#include <rules/rulesql.h>

namespace Ud::Core {
class Dialect;
}

namespace Ud::Rules {
class AttributeRegistry;
}

namespace Ud::Segments {

/// The SQL for a segment's members over a customer row alias: (the rule is true OR the
/// customer is on the include list) AND the customer is not on the exclude list. The lists
/// are bound as one parameter each (Dialect::valueListSql), so any length binds the same way.
class SegmentSql
{
public:
    /// The registry must outlive this object.
    SegmentSql(const Rules::AttributeRegistry &registry, const Core::Dialect &dialect,
               QString alias = QStringLiteral("c"), QString placeholderPrefix = QStringLiteral("seg_"));

    /// For WHERE (or CASE WHEN): true exactly for the members, NULL or false for the others
    /// (as RuleSql::where). `rule` is the parsed definition.ruleText.
    Rules::SqlFragment members(const SegmentDefinition &definition, const Rules::Rule &rule) const;

private:
    const Rules::AttributeRegistry &m_registry;
    const Core::Dialect &m_dialect;
    QString m_alias;
    QString m_prefix;
};

} // namespace Ud::Segments
