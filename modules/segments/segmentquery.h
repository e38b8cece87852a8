#pragma once

#include <segments/segmentdefinition.h>

#include <core/querycancel.h>
#include <rules/attributeregistry.h>
#include <rules/rule.h>

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
} // namespace Ud::Core

namespace Ud::Rules {
class AttributeCatalog;
}

namespace Ud::Segments {

/// One top-level conjunct of the rule in the funnel (see SegmentQuery::funnel).
struct FunnelStep
{
    QString text;            ///< the conjunct in canonical text ("class = "residential"")
    qint64 remaining = 0;    ///< customers for whom this conjunct and every one before it are True
    qint64 trueCount = 0;    ///< this conjunct alone, over all customers in scope
    qint64 falseCount = 0;
    qint64 unknownCount = 0;
    friend bool operator==(const FunnelStep &, const FunnelStep &) = default;
};

/// One condition (a leaf of the tree) with its own outcome over all customers in scope.
struct FunnelCondition
{
    QString text;            ///< canonical text of the condition
    int step = 0;            ///< index of the FunnelStep (top-level conjunct) it belongs to
    qint64 trueCount = 0;
    qint64 falseCount = 0;
    qint64 unknownCount = 0;
    friend bool operator==(const FunnelCondition &, const FunnelCondition &) = default;
};

/// How many customers each part of a rule keeps.
struct Funnel
{
    qint64 customers = 0;            ///< customers in scope (a field officer's region), before any condition
    QList<FunnelStep> steps;         ///< the top-level conjuncts, in the rule's text order
    QList<FunnelCondition> conditions; ///< every condition, in the rule's text order
    qint64 members = 0;              ///< the segment's members (include and exclude lists applied): count()
    /// False for FunnelDetail::Steps: the True / False / Unknown counts of the steps and
    /// conditions were not worked out (they read 0).
    bool outcomes = true;
};

/// How much of the funnel to work out.
enum class FunnelDetail {
    /// The steps' remaining customers and the members only: each customer is tested against
    /// the conjuncts in order until the first that is not True, so later conditions run only
    /// for the customers still in (fast; what the builder shows first).
    Steps,
    /// Also every step's and condition's own True / False / Unknown counts, which test every
    /// condition for every customer.
    StepsAndOutcomes,
};

/// A member as the builder's preview lists it.
struct PreviewRow
{
    QString customerId;
    QString customerNumber;
    QString name;
    QString customerClass;   ///< the class key ("residential")
    QString region;          ///< of the first account's premises; empty when unknown
    friend bool operator==(const PreviewRow &, const PreviewRow &) = default;
};

/// One bar of a distribution.
struct DistributionBin
{
    enum class Kind { Value, Other, Range };
    Kind kind = Kind::Value;
    QString value;           ///< Value: the attribute's value as a rule writes it ("north", "true")
    Rules::Decimal from;     ///< Range: lowest value in the bin (inclusive), in the attribute's units
    Rules::Decimal to;       ///< Range: end of the bin (exclusive)
    qint64 count = 0;
    friend bool operator==(const DistributionBin &, const DistributionBin &) = default;
};

/// How a segment's members spread over one attribute's values.
struct Distribution
{
    QString attribute;       ///< as registered
    Rules::AttributeType type = Rules::AttributeType::Text;
    /// Text, enum and boolean: the most frequent values (most first, ties by value), then one
    /// Other bin for the rest when there are more than `top` values. Integer and decimal:
    /// consecutive equal-width Range bins (width 1, 2 or 5 times a power of ten) from the
    /// lowest to the highest value.
    QList<DistributionBin> bins;
    qint64 unknown = 0;      ///< members with no value for the attribute
    qint64 members = 0;      ///< every member: the bins' counts plus unknown
};

/// The queries of the segment builder over a SegmentDefinition: the live member count, the
/// funnel, a page of members and the distribution of an attribute, all over the attribute
/// catalog as of the clock's day and SegmentSql::members (the rule, or the include list,
/// minus the exclude list).
///
/// Every call requires ViewCustomers (counting and listing customers is reading them; the
/// builder page itself needs ManageSegments). A field officer sees only the customers of
/// their region (Accounts::RegionAccess): counts, funnel, preview and distribution cover
/// those alone, and nobody without a region. A rule that does not parse throws
/// Error(BadInput) worded by the parser, naming the position.
///
/// Each call runs in one read transaction on the calling thread's connection and may be
/// given a Core::QueryCancel token: cancelling it stops the running SQL (SQLite interrupt,
/// PostgreSQL cancel request) and the call throws Error(Cancelled) instead of returning a
/// number that would be out of date or cut short.
class SegmentQuery
{
public:
    /// Bins of a numeric distribution at most, and values of a text one before "Other".
    static constexpr int DefaultBins = 10;

    /// The catalog must outlive this object.
    SegmentQuery(Core::Context &context, const Rules::AttributeCatalog &catalog);

    /// The attributes and has-kinds rules may use today.
    Rules::AttributeRegistry registry() const;

    /// The segment's members.
    qint64 count(const Core::UserContext &user, const SegmentDefinition &definition,
                 Core::QueryCancel *cancel = nullptr) const;

    /// In ONE query over the customers in scope. The steps are the rule's top-level conjuncts:
    /// for `a and b and c` three steps a, b, c, each `remaining` being the customers for whom
    /// it and every earlier conjunct are True (so a's, then a-and-b's, then the rule's
    /// members). A rule that is not an AND at the top (a single condition, an OR, a NOT) is
    /// one step, the whole rule. Nested trees keep their shape inside a step:
    /// `a and (b or c)` has the steps a and (b or c). Each step, and each condition (leaf)
    /// of the whole tree in text order, also carries its own True / False / Unknown counts
    /// over all customers in scope, so a user sees which condition drops whom and for which
    /// the data is missing. `members` applies the include and exclude lists and equals count().
    Funnel funnel(const Core::UserContext &user, const SegmentDefinition &definition,
                  Core::QueryCancel *cancel = nullptr, FunnelDetail detail = FunnelDetail::StepsAndOutcomes) const;

    /// Members ordered by name, then customer number (unique, so pages never overlap),
    /// `limit` (1-1000) from `offset`.
    QList<PreviewRow> preview(const Core::UserContext &user, const SegmentDefinition &definition, int offset,
                              int limit, Core::QueryCancel *cancel = nullptr) const;

    /// The members' spread over `attribute` (a registered attribute of type text, enum,
    /// boolean, integer or decimal; dates cannot be charted). An aggregate attribute needs its
    /// `period` ("last 12 months"); others must have none. Throws Error(BadInput) naming the
    /// attribute otherwise. `bins` caps the bars (2-50).
    Distribution distribution(const Core::UserContext &user, const SegmentDefinition &definition,
                              const QString &attribute, const std::optional<Rules::Period> &period = std::nullopt,
                              int bins = DefaultBins, Core::QueryCancel *cancel = nullptr) const;

private:
    Funnel funnelSteps(const Core::UserContext &user, const SegmentDefinition &definition, Core::QueryCancel *cancel) const;

    Core::Context &m_context;
    const Rules::AttributeCatalog &m_catalog;
};

} // namespace Ud::Segments
