#include "segmentmembershipvalues.h"

#include "segmentreferences.h"

#include <core/error.h>

#include <algorithm>

namespace Ud::Segments {

namespace {

/// The customer as one segment's rule sees it: items("segment") answers for the segments that
/// rule refers to only, which is all the evaluator looks at, so that working out one segment
/// never starts on segments it does not depend on.
class ScopedValues : public Rules::CustomerValues
{
public:
    ScopedValues(const Rules::CustomerValues &customer, QStringList memberOf) : m_customer(customer), m_memberOf(std::move(memberOf)) {}
    std::optional<Rules::Value> value(const QString &attribute, const std::optional<Rules::Period> &period) const override
    {
        return m_customer.value(attribute, period);
    }
    std::optional<QStringList> items(const QString &hasKind) const override
    {
        if (hasKind == SegmentReferences::kind())
            return m_memberOf;
        return m_customer.items(hasKind);
    }

private:
    const Rules::CustomerValues &m_customer;
    QStringList m_memberOf;
};

} // namespace

SegmentMembershipValues::SegmentMembershipValues(const Rules::CustomerValues &customer, QString customerId,
                                                 QHash<QString, Definition> segments)
    : m_customer(customer), m_customerId(std::move(customerId)), m_segments(std::move(segments))
{
}

std::optional<Rules::Value> SegmentMembershipValues::value(const QString &attribute,
                                                            const std::optional<Rules::Period> &period) const
{
    return m_customer.value(attribute, period);
}

std::optional<QStringList> SegmentMembershipValues::items(const QString &hasKind) const
{
    if (hasKind != SegmentReferences::kind())
        return m_customer.items(hasKind);
    QStringList names;
    for (auto it = m_segments.cbegin(); it != m_segments.cend(); ++it) {
        if (isMember(it.key()))
            names.append(it.key());
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool SegmentMembershipValues::isMember(const QString &segment) const
{
    const auto known = m_member.constFind(segment);
    if (known != m_member.constEnd())
        return *known;
    const auto found = m_segments.constFind(segment);
    if (found == m_segments.constEnd())
        return false;
    const SegmentDefinition &d = found->definition;
    bool member = false;
    if (d.excludeCustomerIds.contains(m_customerId)) {
        member = false;
    } else if (d.includeCustomerIds.contains(m_customerId)) {
        member = true;
    } else {
        const qsizetype at = m_working.indexOf(segment);
        if (at >= 0)
            throw Core::Error(Core::Error::Kind::BadInput, SegmentReferences::cycleMessage(m_working.mid(at) << segment));
        m_working.append(segment);
        QStringList memberOf;
        try {
            const QStringList references = SegmentReferences::names(found->rule);
            for (const QString &name : references) {
                if (isMember(name))
                    memberOf.append(name);
            }
        } catch (...) {
            m_working.removeLast();
            throw;
        }
        m_working.removeLast();
        member = Rules::RuleEvaluator::evaluate(found->rule, ScopedValues(m_customer, memberOf)) == Rules::Truth::True;
    }
    m_member.insert(segment, member);
    return member;
}

} // namespace Ud::Segments
