#pragma once

#include <segments/segmentdefinition.h>

#include <rules/rule.h>
#include <rules/ruleevaluator.h>

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Segments {

/// How the in-memory evaluator answers `has segment "X"` for one customer, the same way the SQL
/// of SegmentReferences does: it wraps the customer's other values and answers
/// items("segment") with the names of the segments whose CURRENT definition the customer is a
/// member of (the rule is True for them, or they are on its include list, and not on its
/// exclude list), each worked out from the wrapped values with RuleEvaluator, references
/// within references too. Memberships are worked out on first use and kept. Every other
/// attribute and has-kind is the wrapped object's answer.
class SegmentMembershipValues : public Rules::CustomerValues
{
public:
    /// A segment as the evaluator needs it: its definition and its parsed rule.
    struct Definition
    {
        SegmentDefinition definition;
        Rules::Rule rule;
    };

    /// `segments` by name (as saved; names are what rules refer to). `customer` must outlive
    /// this object. Throws Core::Error(BadInput) naming the cycle if the definitions refer
    /// to each other in a circle (save() never stores one).
    SegmentMembershipValues(const Rules::CustomerValues &customer, QString customerId, QHash<QString, Definition> segments);

    std::optional<Rules::Value> value(const QString &attribute, const std::optional<Rules::Period> &period) const override;
    /// For "segment": the sorted names of the segments the customer is a member of.
    std::optional<QStringList> items(const QString &hasKind) const override;

    /// Whether the customer is a member of the named segment; false for a name not given.
    bool isMember(const QString &segment) const;

private:
    const Rules::CustomerValues &m_customer;
    QString m_customerId;
    QHash<QString, Definition> m_segments;
    mutable QHash<QString, bool> m_member;
    mutable QStringList m_working; ///< the segments being worked out, outermost first
};

} // namespace Ud::Segments
