#pragma once

#include <segments/segment.h>
#include <segments/segmentdefinition.h>
#include <segments/segmentmembershipvalues.h>

#include <rules/attributeregistry.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;

namespace Ud::Core {
struct Context;
class UserContext;
} // namespace Ud::Core

namespace Ud::Rules {
class AttributeCatalog;
}

namespace Ud::Segments {

/// Saved, versioned segments and their materialised membership.
///
/// A segment is found by its name (case-insensitively) or its id. save() stores a definition:
/// the first save creates the segment at version 1, a later save of a changed definition adds
/// the next version, and saving the current definition again writes nothing. The rule is
/// checked against the attribute catalog (segment references included, see SegmentReferences)
/// and stored in canonical text and as JSON. refresh() stores the members of the current
/// definition, split into a test and a control group: a customer is in control when a hash of
/// (segment id, customer id) falls below the control percent (inControl), so the split stays
/// the same across refreshes and versions, and raising the percent only moves test members
/// into control. Reading needs ViewCustomers, changing ManageSegments; every change is one
/// transaction with its audit entry ("segment.create", "segment.version", "segment.rename",
/// "segment.archive", "segment.restore", "segment.refresh_interval", "segment.refresh",
/// "segment.export"). A field officer sees, counts and exports only the members in their
/// region (Accounts::RegionAccess); the stored membership itself is everyone's.
class SegmentService
{
public:
    /// The catalog must outlive this object.
    SegmentService(Core::Context &context, const Rules::AttributeCatalog &catalog);

    /// The attributes and has-kinds rules may use now (by the clock's day).
    Rules::AttributeRegistry registry() const;

    /// Creates the segment or a new version of it. Error(BadInput) naming the field: the name
    /// (1-80 characters after trimming), the rule (the parser's "Position N: ..." message, an
    /// unknown segment name included), the control percent (0-100), the description (at most
    /// 2000 characters) and the include / exclude lists (the first id that is not a customer),
    /// and a reference cycle ("Night pumps -> Farms -> Night pumps"). Error(Conflict) for an
    /// archived segment of that name. The lists are stored sorted, without repeats.
    SaveResult save(const Core::UserContext &user, const SegmentDefinition &definition);
    /// The current version, or the one asked for. Error(NotFound) for an unknown segment or version.
    SegmentVersion load(const Core::UserContext &user, const QString &segment, std::optional<int> version = {});
    /// Every version, oldest first: who saved what when.
    QList<SegmentVersion> versions(const Core::UserContext &user, const QString &segment);
    /// By name; archived segments only if asked.
    QList<Segment> list(const Core::UserContext &user, bool includeArchived = false);
    Segment segment(const Core::UserContext &user, const QString &segment);
    /// Renames the segment; the rules of other segments that refer to it get a new version that
    /// refers to the new name (in the same transaction). Error(Conflict) if another segment has
    /// the name.
    Segment rename(const Core::UserContext &user, const QString &segment, const QString &newName);
    /// Archives (hides, no longer refreshed or referable) or restores a segment. Archiving a
    /// segment other segments refer to is Error(Conflict) naming them.
    Segment setArchived(const Core::UserContext &user, const QString &segment, bool archived);
    /// Refresh on a schedule every `hours` (1 to 8760), or nullopt for on demand only.
    Segment setRefreshInterval(const Core::UserContext &user, const QString &segment, std::optional<int> hours);

    /// Stores the members of the current definition, in one transaction: delete, then one
    /// INSERT ... SELECT, then the control group. Error(Conflict) for an archived segment.
    RefreshResult refresh(const Core::UserContext &user, const QString &segment);
    /// Refreshes every segment whose refresh interval has passed since its last refresh (or that
    /// was never refreshed), each in its own transaction, longest overdue first; stops before
    /// the next segment once `cancelled` says so. `progress(done, total)` after each one. A
    /// segment that fails is reported in its result's error and the others go on.
    QList<RefreshResult> refreshDue(const Core::UserContext &user, const std::function<void(int, int)> &progress = {},
                                    const std::function<bool()> &cancelled = {});

    /// The stored members by customer number, refreshing first if the segment was never
    /// refreshed. limit < 0: all.
    QList<SegmentMember> members(const Core::UserContext &user, const QString &segment, MemberGroup group,
                                 qint64 limit, qint64 offset = 0);
    qint64 memberCount(const Core::UserContext &user, const QString &segment, MemberGroup group = MemberGroup::All);
    /// Writes the stored members as CSV (RFC 4180: comma-separated, fields with a comma, quote
    /// or line break in double quotes, CRLF line ends; UTF-8 without a byte-order mark), with
    /// a header row of stable English keys for machines, not translated: csvColumns(). Rows by
    /// customer number. Refreshes first if the segment was never refreshed (that needs only
    /// ViewCustomers: it materialises a saved definition). Returns the rows written (not the
    /// header). Error(BadInput) if the device cannot be written.
    qint64 exportCsv(const Core::UserContext &user, const QString &segment, QIODevice &out,
                     MemberGroup group = MemberGroup::All);
    /// customer_number, name, class, region, group.
    static QStringList csvColumns();

    /// The current definition of every segment not archived, parsed, by name: what
    /// SegmentMembershipValues needs to answer has segment in memory.
    QHash<QString, SegmentMembershipValues::Definition> currentDefinitions(const Core::UserContext &user);
    /// For lists given as customer numbers: number -> id of those that exist.
    QHash<QString, QString> customerIdsByNumber(const Core::UserContext &user, const QStringList &numbers);
    /// id -> number of those that exist, to show a version's lists.
    QHash<QString, QString> customerNumbersById(const Core::UserContext &user, const QStringList &ids);

    /// The control/test split: true when the first 8 bytes of SHA-256 over
    /// "<segment id>:<customer id>" (lower-case UUID text), read as a big-endian unsigned
    /// number, modulo 100 are below `controlPercent`.
    static bool inControl(const QString &segmentId, const QString &customerId, int controlPercent);

private:
    Segment resolve(const QString &segment);
    RefreshResult refreshSegment(const Core::UserContext &user, const QString &segmentId);
    void ensureRefreshed(const Core::UserContext &user, const Segment &segment);

    Core::Context &m_context;
    const Rules::AttributeCatalog &m_catalog;
};

} // namespace Ud::Segments
