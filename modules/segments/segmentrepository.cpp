#include "segmentrepository.h"

#include <accounts/customerrepository.h>
#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/sqlquery.h>

#include <algorithm>

namespace Ud::Segments {

using Accounts::SqlValues;
using Core::SqlQuery;

namespace {

const QString SegmentColumns = QStringLiteral(
    "s.id, s.name, v.description, s.current_version, v.control_percent, s.created_at, s.updated_at, s.archived, "
    "s.refresh_hours, s.refreshed_at, s.refreshed_by, s.refreshed_version, s.member_count, s.control_count "
    "FROM segments s JOIN segment_versions v ON v.segment_id = s.id AND v.version = s.current_version");

/// The region of the premise of the customer's first account, as the customer list and the
/// "region" attribute pick it.
const QString RegionColumn = QStringLiteral(
    "(SELECT fp.region FROM premises fp WHERE fp.id = (SELECT fa.premise_id FROM accounts fa "
    "WHERE fa.customer_id = c.id ORDER BY fa.opened_on, fa.account_number LIMIT 1))");

std::optional<int> optionalInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

std::optional<qint64> optionalLong(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QVariant nullable(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

Segment readSegment(const SqlQuery &q)
{
    Segment s;
    s.id = SqlValues::id(q.value(0));
    s.name = q.value(1).toString();
    s.description = q.value(2).toString();
    s.currentVersion = q.value(3).toInt();
    s.controlPercent = q.value(4).toInt();
    s.createdAt = q.value(5).toLongLong();
    s.updatedAt = q.value(6).toLongLong();
    s.archived = q.value(7).toBool();
    s.refreshHours = optionalInt(q.value(8));
    s.refreshedAt = optionalLong(q.value(9));
    s.refreshedBy = q.value(10).toString();
    s.refreshedVersion = optionalInt(q.value(11));
    s.memberCount = optionalLong(q.value(12));
    s.controlCount = optionalLong(q.value(13));
    return s;
}

MemberGroup groupOf(const QString &key)
{
    return key == QLatin1String("control") ? MemberGroup::Control : MemberGroup::Test;
}

} // namespace

SegmentRepository::SegmentRepository(Core::Database &db) : m_db(db) {}

QString SegmentRepository::nameKey(const QString &name)
{
    return name.trimmed().toCaseFolded();
}

std::optional<Segment> SegmentRepository::byId(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 WHERE s.id = :id").arg(SegmentColumns));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional<Segment>(readSegment(q)) : std::nullopt;
}

std::optional<Segment> SegmentRepository::byName(const QString &name)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 WHERE s.name_key = :key").arg(SegmentColumns));
    q.bind(QStringLiteral(":key"), nameKey(name)).exec();
    return q.next() ? std::optional<Segment>(readSegment(q)) : std::nullopt;
}

QList<Segment> SegmentRepository::list(bool includeArchived)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 %2 ORDER BY s.name_key")
                                      .arg(SegmentColumns, includeArchived ? QString() : QStringLiteral("WHERE s.archived = :no")));
    if (!includeArchived)
        q.bind(QStringLiteral(":no"), false);
    q.exec();
    QList<Segment> segments;
    while (q.next())
        segments.append(readSegment(q));
    return segments;
}

QStringList SegmentRepository::activeNames()
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT name FROM segments WHERE archived = :no ORDER BY name_key"));
    q.bind(QStringLiteral(":no"), false).exec();
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

QList<SegmentVersion> SegmentRepository::readVersions(const QString &where, const QList<std::pair<QString, QVariant>> &values)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT v.segment_id, v.version, s.name, v.description, v.rule_text, v.rule_json, v.control_percent, v.saved_at, "
        "v.saved_by FROM segment_versions v JOIN segments s ON s.id = v.segment_id WHERE %1 ORDER BY s.name_key, v.version")
        .arg(where));
    for (const auto &[name, value] : values)
        q.bind(name, value);
    q.exec();
    QList<SegmentVersion> versions;
    QHash<QString, qsizetype> index; // "segment:version" -> position
    while (q.next()) {
        SegmentVersion v;
        v.segmentId = SqlValues::id(q.value(0));
        v.version = q.value(1).toInt();
        v.definition.name = q.value(2).toString();
        v.definition.description = q.value(3).toString();
        v.definition.ruleText = q.value(4).toString();
        v.ruleJson = q.value(5).toString();
        v.definition.controlPercent = q.value(6).toInt();
        v.savedAt = q.value(7).toLongLong();
        v.savedBy = q.value(8).toString();
        index.insert(v.segmentId + QLatin1Char(':') + QString::number(v.version), versions.size());
        versions.append(v);
    }
    if (versions.isEmpty())
        return versions;
    SqlQuery lists(m_db.connection(), QStringLiteral(
        "SELECT v.segment_id, v.version, e.list, e.customer_id FROM segment_versions v JOIN segments s ON s.id = v.segment_id "
        "JOIN segment_list_entries e ON e.segment_id = v.segment_id AND e.version = v.version WHERE %1").arg(where));
    for (const auto &[name, value] : values)
        lists.bind(name, value);
    lists.exec();
    while (lists.next()) {
        const auto at = index.constFind(SqlValues::id(lists.value(0)) + QLatin1Char(':') + QString::number(lists.value(1).toInt()));
        if (at == index.constEnd())
            continue;
        SegmentDefinition &d = versions[*at].definition;
        (lists.value(2).toString() == QLatin1String("include") ? d.includeCustomerIds : d.excludeCustomerIds)
            .append(SqlValues::id(lists.value(3)));
    }
    for (SegmentVersion &v : versions) {
        std::sort(v.definition.includeCustomerIds.begin(), v.definition.includeCustomerIds.end());
        std::sort(v.definition.excludeCustomerIds.begin(), v.definition.excludeCustomerIds.end());
    }
    return versions;
}

std::optional<SegmentVersion> SegmentRepository::version(const QString &segmentId, int version)
{
    const QList<SegmentVersion> found = readVersions(QStringLiteral("v.segment_id = :id AND v.version = :version"),
                                                     {{QStringLiteral(":id"), segmentId}, {QStringLiteral(":version"), version}});
    return found.isEmpty() ? std::nullopt : std::optional<SegmentVersion>(found.front());
}

QList<SegmentVersion> SegmentRepository::versions(const QString &segmentId)
{
    return readVersions(QStringLiteral("v.segment_id = :id"), {{QStringLiteral(":id"), segmentId}});
}

QList<SegmentVersion> SegmentRepository::currentVersions()
{
    return readVersions(QStringLiteral("v.version = s.current_version AND s.archived = :no"), {{QStringLiteral(":no"), false}});
}

void SegmentRepository::insertSegment(const Segment &s)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO segments (id, name, name_key, current_version, created_at, updated_at, archived, refresh_hours) "
        "VALUES (:id, :name, :key, :version, :created, :updated, :archived, :hours)"))
        .bind(QStringLiteral(":id"), s.id)
        .bind(QStringLiteral(":name"), s.name)
        .bind(QStringLiteral(":key"), nameKey(s.name))
        .bind(QStringLiteral(":version"), s.currentVersion)
        .bind(QStringLiteral(":created"), s.createdAt)
        .bind(QStringLiteral(":updated"), s.updatedAt)
        .bind(QStringLiteral(":archived"), s.archived)
        .bind(QStringLiteral(":hours"), nullable(s.refreshHours))
        .exec();
}

void SegmentRepository::updateSegment(const Segment &s)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE segments SET name = :name, name_key = :key, current_version = :version, updated_at = :updated, "
        "archived = :archived, refresh_hours = :hours WHERE id = :id"))
        .bind(QStringLiteral(":name"), s.name)
        .bind(QStringLiteral(":key"), nameKey(s.name))
        .bind(QStringLiteral(":version"), s.currentVersion)
        .bind(QStringLiteral(":updated"), s.updatedAt)
        .bind(QStringLiteral(":archived"), s.archived)
        .bind(QStringLiteral(":hours"), nullable(s.refreshHours))
        .bind(QStringLiteral(":id"), s.id)
        .exec();
}

void SegmentRepository::insertVersion(const SegmentVersion &v)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO segment_versions (segment_id, version, rule_text, rule_json, description, control_percent, saved_at, "
        "saved_by) VALUES (:id, :version, :text, :json, :description, :percent, :at, :by)"))
        .bind(QStringLiteral(":id"), v.segmentId)
        .bind(QStringLiteral(":version"), v.version)
        .bind(QStringLiteral(":text"), v.definition.ruleText)
        .bind(QStringLiteral(":json"), v.ruleJson)
        .bind(QStringLiteral(":description"), SqlValues::text(v.definition.description))
        .bind(QStringLiteral(":percent"), v.definition.controlPercent)
        .bind(QStringLiteral(":at"), v.savedAt)
        .bind(QStringLiteral(":by"), v.savedBy)
        .exec();
    const Core::Dialect &d = m_db.dialect();
    for (const auto &[list, ids] : {std::pair{QStringLiteral("include"), v.definition.includeCustomerIds},
                                    std::pair{QStringLiteral("exclude"), v.definition.excludeCustomerIds}}) {
        if (ids.isEmpty())
            continue;
        SqlQuery(m_db.connection(), QStringLiteral(
            "INSERT INTO segment_list_entries (segment_id, version, list, customer_id) "
            "SELECT %1, CAST(:version AS INTEGER), :list, c.id FROM customers c WHERE c.id IN (%2)")
            .arg(d.uuidParam(QStringLiteral(":id")), d.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))))
            .bind(QStringLiteral(":id"), v.segmentId)
            .bind(QStringLiteral(":version"), v.version)
            .bind(QStringLiteral(":list"), list)
            .bind(QStringLiteral(":ids"), d.valueListParameter(ids))
            .exec();
    }
}

QStringList SegmentRepository::existingCustomers(const QStringList &ids)
{
    if (ids.isEmpty())
        return {};
    const Core::Dialect &d = m_db.dialect();
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT c.id FROM customers c WHERE c.id IN (%1)")
                                      .arg(d.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    q.bind(QStringLiteral(":ids"), d.valueListParameter(ids)).exec();
    QStringList found;
    while (q.next())
        found.append(SqlValues::id(q.value(0)));
    return found;
}

QHash<QString, QString> SegmentRepository::customerIdsByNumber(const QStringList &numbers)
{
    QHash<QString, QString> ids;
    if (numbers.isEmpty())
        return ids;
    const Core::Dialect &d = m_db.dialect();
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT c.customer_number, c.id FROM customers c WHERE c.customer_number IN (%1)")
                                      .arg(d.valueListSql(QStringLiteral(":numbers"))));
    q.bind(QStringLiteral(":numbers"), d.valueListParameter(numbers)).exec();
    while (q.next())
        ids.insert(q.value(0).toString(), SqlValues::id(q.value(1)));
    return ids;
}

QHash<QString, QString> SegmentRepository::customerNumbersById(const QStringList &ids)
{
    QHash<QString, QString> numbers;
    if (ids.isEmpty())
        return numbers;
    const Core::Dialect &d = m_db.dialect();
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT c.id, c.customer_number FROM customers c WHERE c.id IN (%1)")
                                      .arg(d.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    q.bind(QStringLiteral(":ids"), d.valueListParameter(ids)).exec();
    while (q.next())
        numbers.insert(SqlValues::id(q.value(0)), q.value(1).toString());
    return numbers;
}

qint64 SegmentRepository::replaceMembers(const QString &segmentId, int version, const Rules::SqlFragment &where,
                                         MemberGroup group)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM segment_members WHERE segment_id = :id"))
        .bind(QStringLiteral(":id"), segmentId)
        .exec();
    SqlQuery insert(m_db.connection(), QStringLiteral(
        "INSERT INTO segment_members (segment_id, customer_id, member_group, version) "
        "SELECT %1, c.id, :member_group, CAST(:member_version AS INTEGER) FROM customers c%2 WHERE %3")
        .arg(m_db.dialect().uuidParam(QStringLiteral(":member_segment")), where.joinSql(), where.sql));
    insert.bind(QStringLiteral(":member_segment"), segmentId)
        .bind(QStringLiteral(":member_group"), memberGroupKey(group))
        .bind(QStringLiteral(":member_version"), version);
    where.bindTo(insert);
    insert.exec();
    return insert.rowsAffected();
}

QStringList SegmentRepository::memberIds(const QString &segmentId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT customer_id FROM segment_members WHERE segment_id = :id"));
    q.bind(QStringLiteral(":id"), segmentId).exec();
    QStringList ids;
    while (q.next())
        ids.append(SqlValues::id(q.value(0)));
    return ids;
}

void SegmentRepository::setControl(const QString &segmentId, const QStringList &customerIds)
{
    if (customerIds.isEmpty())
        return;
    const Core::Dialect &d = m_db.dialect();
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE segment_members SET member_group = 'control' WHERE segment_id = :id AND customer_id IN (%1)")
        .arg(d.valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))))
        .bind(QStringLiteral(":id"), segmentId)
        .bind(QStringLiteral(":ids"), d.valueListParameter(customerIds))
        .exec();
}

void SegmentRepository::setRefreshed(const QString &segmentId, qint64 at, const QString &by, int version, qint64 members,
                                     qint64 control)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE segments SET refreshed_at = :at, refreshed_by = :by, refreshed_version = :version, member_count = :members, "
        "control_count = :control WHERE id = :id"))
        .bind(QStringLiteral(":at"), at)
        .bind(QStringLiteral(":by"), by)
        .bind(QStringLiteral(":version"), version)
        .bind(QStringLiteral(":members"), members)
        .bind(QStringLiteral(":control"), control)
        .bind(QStringLiteral(":id"), segmentId)
        .exec();
}

QStringList SegmentRepository::dueSegmentIds(qint64 now)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id FROM segments WHERE archived = :no AND refresh_hours IS NOT NULL "
        "AND (refreshed_at IS NULL OR refreshed_at + refresh_hours * 3600 <= :now) "
        "ORDER BY COALESCE(refreshed_at + refresh_hours * 3600, 0), name_key"));
    q.bind(QStringLiteral(":no"), false).bind(QStringLiteral(":now"), now).exec();
    QStringList ids;
    while (q.next())
        ids.append(SqlValues::id(q.value(0)));
    return ids;
}

QString SegmentRepository::memberSql(MemberGroup group, const std::optional<QString> &region) const
{
    QString sql = QStringLiteral("FROM segment_members m JOIN customers c ON c.id = m.customer_id WHERE m.segment_id = :id");
    if (group != MemberGroup::All)
        sql += QStringLiteral(" AND m.member_group = :group");
    if (region)
        sql += QStringLiteral(" AND ") + Accounts::CustomerRepository::regionCondition(QStringLiteral("m.customer_id"),
                                                                                       QStringLiteral(":region"));
    return sql;
}

namespace {
void bindMembers(SqlQuery &q, const QString &segmentId, MemberGroup group, const std::optional<QString> &region)
{
    q.bind(QStringLiteral(":id"), segmentId);
    if (group != MemberGroup::All)
        q.bind(QStringLiteral(":group"), memberGroupKey(group));
    if (region)
        q.bind(QStringLiteral(":region"), *region);
}
} // namespace

QList<SegmentMember> SegmentRepository::members(const QString &segmentId, MemberGroup group,
                                                const std::optional<QString> &region, qint64 limit, qint64 offset)
{
    QList<SegmentMember> rows;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT m.customer_id, c.customer_number, c.full_name, c.class, %1, m.member_group %2 ORDER BY c.customer_number "
        "LIMIT :limit OFFSET :offset").arg(RegionColumn, memberSql(group, region)));
    bindMembers(q, segmentId, group, region);
    // No limit: -1 on SQLite, NULL on PostgreSQL.
    const QVariant none = m_db.dialect().isSqlite() ? QVariant(qint64(-1)) : QVariant(QMetaType(QMetaType::LongLong));
    q.bind(QStringLiteral(":limit"), limit < 0 ? none : QVariant(limit))
        .bind(QStringLiteral(":offset"), qMax<qint64>(0, offset))
        .exec();
    while (q.next()) {
        rows.append({SqlValues::id(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString(), groupOf(q.value(5).toString())});
    }
    return rows;
}

void SegmentRepository::forEachMember(const QString &segmentId, MemberGroup group, const std::optional<QString> &region,
                                      const std::function<void(const SegmentMember &)> &row)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT m.customer_id, c.customer_number, c.full_name, c.class, %1, m.member_group %2 ORDER BY c.customer_number")
        .arg(RegionColumn, memberSql(group, region)));
    bindMembers(q, segmentId, group, region);
    q.exec();
    while (q.next()) {
        row({SqlValues::id(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
             q.value(4).toString(), groupOf(q.value(5).toString())});
    }
}

qint64 SegmentRepository::memberCount(const QString &segmentId, MemberGroup group, const std::optional<QString> &region)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT COUNT(*) %1").arg(memberSql(group, region)));
    bindMembers(q, segmentId, group, region);
    return q.scalar(0).toLongLong();
}

} // namespace Ud::Segments
