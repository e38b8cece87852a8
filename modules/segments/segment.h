#pragma once

#include <segments/segmentdefinition.h>

#include <QString>

#include <optional>

namespace Ud::Segments {

/// Which members an export or a member page shows: everyone, or one side of the control/test
/// split (the control group is held back from a campaign to measure it).
enum class MemberGroup { All, Test, Control };

/// "all", "test", "control": the stable keys the command line and the CSV use.
QString memberGroupKey(MemberGroup group);
std::optional<MemberGroup> memberGroupFromKey(const QString &key);

/// One saved version of a segment's definition. definition.name is the segment's current name
/// (a rename does not make a version); the lists are sorted customer ids.
struct SegmentVersion
{
    QString segmentId;
    int version = 0;
    SegmentDefinition definition;
    QString ruleJson;      ///< the rule in its stored JSON form (RuleJson), compact
    qint64 savedAt = 0;    ///< UTC epoch seconds
    QString savedBy;       ///< the user name, "os:<login>" on the command line
};

/// A segment as the segment list shows it.
struct Segment
{
    QString id;
    QString name;
    QString description;           ///< of the current version
    int currentVersion = 0;
    int controlPercent = 0;        ///< of the current version
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    bool archived = false;
    std::optional<int> refreshHours;       ///< refreshed on a schedule every N hours; nullopt: on demand only
    std::optional<qint64> refreshedAt;     ///< nullopt: never refreshed (no members stored)
    QString refreshedBy;
    std::optional<int> refreshedVersion;   ///< the version the stored members were computed from
    /// Members and control-group members at the last refresh; for a field officer, those in
    /// their region only.
    std::optional<qint64> memberCount;
    std::optional<qint64> controlCount;
};

/// What save() did: the version now current, and whether anything was written.
struct SaveResult
{
    SegmentVersion saved;
    bool created = false;  ///< a new segment (version 1)
    bool changed = false;  ///< false: the definition equals the current version; nothing was written
};

/// What one refresh stored.
struct RefreshResult
{
    QString segmentId;
    QString name;
    int version = 0;
    qint64 members = 0;
    qint64 control = 0;
    qint64 at = 0;         ///< UTC epoch seconds
    /// refreshDue only: non-empty when this segment's refresh failed (the sentence); its stored
    /// members were left as they were.
    QString error;
};

/// One materialised member, as a member page and the export show it.
struct SegmentMember
{
    QString customerId;
    QString customerNumber;
    QString name;
    QString customerClass; ///< the class key ("residential")
    QString region;        ///< of the premise of the customer's first account; empty for none
    MemberGroup group = MemberGroup::Test;
};

} // namespace Ud::Segments
