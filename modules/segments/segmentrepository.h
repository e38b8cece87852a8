#pragma once

#include <segments/segment.h>

#include <rules/rulesql.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Segments {

/// The SQL of saved segments (migration 0015): segments, their versions with the static lists,
/// and the materialised members. Every value is bound; the caller holds the Transaction.
/// Segment ids given here must be UUIDs (SqlValues::isId), which PostgreSQL insists on.
class SegmentRepository
{
public:
    explicit SegmentRepository(Core::Database &db);

    /// The key that makes names unique whatever their case: the case-folded name.
    static QString nameKey(const QString &name);

    std::optional<Segment> byId(const QString &id);
    std::optional<Segment> byName(const QString &name);
    /// By name; archived ones too if asked.
    QList<Segment> list(bool includeArchived);
    /// The names of the segments that are not archived (the ones a rule may name), sorted.
    QStringList activeNames();

    /// One version with its lists (definition.name: the segment's name), nullopt if there is none.
    std::optional<SegmentVersion> version(const QString &segmentId, int version);
    /// Every version, oldest first, with its lists.
    QList<SegmentVersion> versions(const QString &segmentId);
    /// The current version of every segment that is not archived.
    QList<SegmentVersion> currentVersions();

    void insertSegment(const Segment &segment);
    /// Writes name, current version, updated_at, archived and refresh_hours.
    void updateSegment(const Segment &segment);
    void insertVersion(const SegmentVersion &version);

    /// Of `ids`, the ones that are customers.
    QStringList existingCustomers(const QStringList &ids);
    /// Customer number -> id for the numbers that exist.
    QHash<QString, QString> customerIdsByNumber(const QStringList &numbers);
    /// Customer id -> number for the ids that exist.
    QHash<QString, QString> customerNumbersById(const QStringList &ids);

    /// Replaces the members of the segment by the customers `where` picks (over alias "c"),
    /// all in `group` (Test or Control), in two statements; returns how many were stored.
    qint64 replaceMembers(const QString &segmentId, int version, const Rules::SqlFragment &where, MemberGroup group);
    /// The customer ids of the stored members.
    QStringList memberIds(const QString &segmentId);
    /// Puts the listed members in the control group, in one statement.
    void setControl(const QString &segmentId, const QStringList &customerIds);
    void setRefreshed(const QString &segmentId, qint64 at, const QString &by, int version, qint64 members, qint64 control);
    /// Segments not archived, with a refresh interval, never refreshed or last refreshed at
    /// least that many hours before `now`; the longest overdue first.
    QStringList dueSegmentIds(qint64 now);

    /// Stored members by customer number; `region`: only the customers a field officer of that
    /// region sees (RegionAccess). limit < 0: all.
    QList<SegmentMember> members(const QString &segmentId, MemberGroup group, const std::optional<QString> &region,
                                 qint64 limit, qint64 offset);
    /// The same rows one at a time, for an export of any size.
    void forEachMember(const QString &segmentId, MemberGroup group, const std::optional<QString> &region,
                       const std::function<void(const SegmentMember &)> &row);
    qint64 memberCount(const QString &segmentId, MemberGroup group, const std::optional<QString> &region);

private:
    QString memberSql(MemberGroup group, const std::optional<QString> &region) const;
    QList<SegmentVersion> readVersions(const QString &where, const QList<std::pair<QString, QVariant>> &values);

    Core::Database &m_db;
};

} // namespace Ud::Segments
