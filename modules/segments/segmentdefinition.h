#pragma once

#include <QString>
#include <QStringList>

namespace Ud::Segments {

/// What a segment is, as the builder edits it and the store versions it: the customers for
/// whom the rule is true, plus the static include list, minus the static exclude list (the
/// exclude list wins). A rule may name other segments (has segment "Night pumps").
struct SegmentDefinition
{
    QString name;                  ///< unique among segments, case-insensitively; 1-80 characters
    QString description;
    QString ruleText;              ///< the rule's text form (RulePrinter's canonical text once saved)
    QStringList includeCustomerIds; ///< customers.id values, members whatever the rule says
    QStringList excludeCustomerIds; ///< customers.id values, never members
    int controlPercent = 0;        ///< 0-100: the share of members held back as the control group

    friend bool operator==(const SegmentDefinition &, const SegmentDefinition &) = default;
};

} // namespace Ud::Segments
