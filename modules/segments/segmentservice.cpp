#include "segmentservice.h"

#include "segmentreferences.h"
#include "segmentrepository.h"
#include "segmentsql.h"

#include <accounts/regionaccess.h>
#include <accounts/sqlvalues.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <rules/attributecatalog.h>
#include <rules/rulejson.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace Ud::Segments {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Segments::SegmentService)
};

using Core::Error;
using Core::Permission;
using Core::Transaction;

constexpr int MaxNameLength = 80;
constexpr int MaxDescriptionLength = 2000;
constexpr int MaxRefreshHours = 24 * 365;

/// Every writer of segment definitions takes this lock (PostgreSQL; SQLite's write lock does
/// the same), so that two saves cannot together make a cycle neither saw.
const QString DefinitionsLock = QStringLiteral("segments");

void lock(Core::Database &db, const QString &resource)
{
    const QString sql = db.dialect().lockResourceSql(resource);
    if (!sql.isEmpty())
        Core::SqlQuery(db.connection(), sql).exec();
}

/// As the audit log names the user ("os:<login>" on the command line).
QString actorName(const Core::UserContext &user)
{
    return user.userName();
}

/// Sorted, without repeats.
QStringList normalised(QStringList ids)
{
    for (QString &id : ids)
        id = id.trimmed().toLower();
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void collectReferences(const QJsonObject &rule, QStringList &names)
{
    if (rule.value(QStringLiteral("has")).toString() == SegmentReferences::kind()) {
        const QString name = rule.value(QStringLiteral("value")).toString();
        if (!names.contains(name))
            names.append(name);
        return;
    }
    for (const QString &key : {QStringLiteral("and"), QStringLiteral("or")}) {
        const QJsonArray children = rule.value(key).toArray();
        for (const QJsonValue &child : children)
            collectReferences(child.toObject(), names);
    }
    if (rule.contains(QStringLiteral("not")))
        collectReferences(rule.value(QStringLiteral("not")).toObject(), names);
}

/// The names a stored rule refers to, read from its JSON: that needs no registry, so a rule
/// whose attributes changed since still shows its references.
QStringList references(const SegmentVersion &v)
{
    QStringList names;
    collectReferences(QJsonDocument::fromJson(v.ruleJson.toUtf8()).object(), names);
    return names;
}

QJsonObject auditBody(const SegmentVersion &v)
{
    return {{QStringLiteral("name"), v.definition.name},
            {QStringLiteral("version"), v.version},
            {QStringLiteral("rule"), v.definition.ruleText},
            {QStringLiteral("description"), v.definition.description},
            {QStringLiteral("control_percent"), v.definition.controlPercent},
            {QStringLiteral("include_count"), v.definition.includeCustomerIds.size()},
            {QStringLiteral("exclude_count"), v.definition.excludeCustomerIds.size()}};
}

QJsonObject auditHeader(const Segment &s)
{
    return {{QStringLiteral("name"), s.name},
            {QStringLiteral("archived"), s.archived},
            {QStringLiteral("refresh_hours"), s.refreshHours ? QJsonValue(*s.refreshHours) : QJsonValue()}};
}

bool sameDefinition(const SegmentDefinition &a, const SegmentDefinition &b)
{
    return a.ruleText == b.ruleText && a.description == b.description && a.controlPercent == b.controlPercent
           && a.includeCustomerIds == b.includeCustomerIds && a.excludeCustomerIds == b.excludeCustomerIds;
}

QString checkedName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("Name: enter a name for the segment, 1 to %1 characters.").arg(MaxNameLength));
    if (trimmed.size() > MaxNameLength) {
        throw Error(Error::Kind::BadInput, Tr::tr("Name: the name has %1 characters; shorten it to at most %2.")
                                               .arg(trimmed.size())
                                               .arg(MaxNameLength));
    }
    return trimmed;
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

} // namespace

SegmentService::SegmentService(Core::Context &context, const Rules::AttributeCatalog &catalog)
    : m_context(context), m_catalog(catalog)
{
}

Rules::AttributeRegistry SegmentService::registry() const
{
    return m_catalog.registry(QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date());
}

bool SegmentService::inControl(const QString &segmentId, const QString &customerId, int controlPercent)
{
    if (controlPercent <= 0)
        return false;
    if (controlPercent >= 100)
        return true;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(segmentId.toLower().toUtf8());
    hash.addData(QByteArrayView(":"));
    hash.addData(customerId.toLower().toUtf8());
    const QByteArray digest = hash.result();
    return qFromBigEndian<quint64>(digest.constData()) % 100 < quint64(controlPercent);
}

QStringList SegmentService::csvColumns()
{
    return {QStringLiteral("customer_number"), QStringLiteral("name"), QStringLiteral("class"), QStringLiteral("region"),
            QStringLiteral("group")};
}

Segment SegmentService::resolve(const QString &segment)
{
    SegmentRepository segments(m_context.database);
    std::optional<Segment> found;
    if (Accounts::SqlValues::isId(segment.trimmed()))
        found = segments.byId(segment.trimmed().toLower());
    if (!found)
        found = segments.byName(segment);
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("There is no segment called \"%1\".").arg(segment.trimmed()));
    return *found;
}

SaveResult SegmentService::save(const Core::UserContext &user, const SegmentDefinition &definition)
{
    user.require(Permission::ManageSegments);
    SegmentDefinition d = definition;
    d.name = checkedName(definition.name);
    if (d.controlPercent < 0 || d.controlPercent > 100) {
        throw Error(Error::Kind::BadInput, Tr::tr("Control percent: %1 is not a percentage; enter a whole number from 0 to 100.")
                                               .arg(d.controlPercent));
    }
    d.description = definition.description.trimmed();
    if (d.description.size() > MaxDescriptionLength) {
        throw Error(Error::Kind::BadInput, Tr::tr("Description: the description has %1 characters; shorten it to at most %2.")
                                               .arg(d.description.size())
                                               .arg(MaxDescriptionLength));
    }
    d.includeCustomerIds = normalised(definition.includeCustomerIds);
    d.excludeCustomerIds = normalised(definition.excludeCustomerIds);
    const auto checkIds = [](const QString &field, const QStringList &given) {
        for (const QString &id : given) {
            if (!Accounts::SqlValues::isId(id.trimmed()))
                throw Error(Error::Kind::BadInput, Tr::tr("%1: \"%2\" is not a customer id.").arg(field, id.trimmed()));
        }
    };
    checkIds(Tr::tr("Include list"), definition.includeCustomerIds);
    checkIds(Tr::tr("Exclude list"), definition.excludeCustomerIds);

    Transaction tx(m_context.database);
    lock(m_context.database, DefinitionsLock);
    SegmentRepository segments(m_context.database);
    // The first id in the order given that is not a customer.
    const auto checkCustomers = [&](const QString &field, const QStringList &given, const QStringList &ids) {
        const QStringList found = segments.existingCustomers(ids);
        if (found.size() == ids.size())
            return;
        const QSet<QString> existing(found.begin(), found.end());
        for (const QString &id : given) {
            if (!existing.contains(id.trimmed().toLower()))
                throw Error(Error::Kind::BadInput, Tr::tr("%1: there is no customer with the id %2; take it off the list.")
                                                       .arg(field, id.trimmed()));
        }
    };
    checkCustomers(Tr::tr("Include list"), definition.includeCustomerIds, d.includeCustomerIds);
    checkCustomers(Tr::tr("Exclude list"), definition.excludeCustomerIds, d.excludeCustomerIds);

    const Rules::AttributeRegistry attributes = registry();
    const Rules::Rule rule = Rules::RuleParser::parse(definition.ruleText, attributes);
    d.ruleText = Rules::RulePrinter::text(rule);
    const QString ruleJson = QString::fromUtf8(QJsonDocument(Rules::RuleJson::toJson(rule)).toJson(QJsonDocument::Compact));

    std::optional<Segment> stored = segments.byName(d.name);
    if (stored && stored->archived) {
        throw Error(Error::Kind::Conflict, Tr::tr("The segment \"%1\" is archived; restore it before saving a new version, or "
                                                  "choose another name.").arg(stored->name));
    }
    if (stored)
        d.name = stored->name;

    // Cycles: the current references of every segment, with this one's as it would be saved.
    QHash<QString, QStringList> graph;
    const QList<SegmentVersion> current = segments.currentVersions();
    for (const SegmentVersion &v : current)
        graph.insert(v.definition.name, references(v));
    graph.insert(d.name, SegmentReferences::names(rule));
    const QStringList cycle = SegmentReferences::cycleThrough(d.name, graph);
    if (!cycle.isEmpty())
        throw Error(Error::Kind::BadInput, SegmentReferences::cycleMessage(cycle));

    const qint64 now = m_context.clock.nowSecs();
    SaveResult result;
    std::optional<SegmentVersion> before;
    Segment segment;
    if (stored) {
        before = segments.version(stored->id, stored->currentVersion);
        if (before && sameDefinition(before->definition, d)) {
            result.saved = *before;
            return result;
        }
        segment = *stored;
        segment.currentVersion += 1;
        segment.updatedAt = now;
        segments.updateSegment(segment);
    } else {
        segment.id = Core::newId();
        segment.name = d.name;
        segment.currentVersion = 1;
        segment.createdAt = now;
        segment.updatedAt = now;
        segments.insertSegment(segment);
        result.created = true;
    }
    SegmentVersion version;
    version.segmentId = segment.id;
    version.version = segment.currentVersion;
    version.definition = d;
    version.ruleJson = ruleJson;
    version.savedAt = now;
    version.savedBy = actorName(user);
    segments.insertVersion(version);
    m_context.audit.record(user, result.created ? QStringLiteral("segment.create") : QStringLiteral("segment.version"),
                           QStringLiteral("segment"), segment.id, before ? auditBody(*before) : QJsonObject(),
                           auditBody(version));
    tx.commit();
    result.saved = version;
    result.changed = true;
    return result;
}

SegmentVersion SegmentService::load(const Core::UserContext &user, const QString &segment, std::optional<int> version)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const Segment s = resolve(segment);
        const int wanted = version.value_or(s.currentVersion);
        const std::optional<SegmentVersion> found = SegmentRepository(m_context.database).version(s.id, wanted);
        if (!found) {
            throw Error(Error::Kind::NotFound, Tr::tr("The segment \"%1\" has no version %2; its versions are 1 to %3.")
                                                   .arg(s.name)
                                                   .arg(wanted)
                                                   .arg(s.currentVersion));
        }
        return *found;
    });
}

QList<SegmentVersion> SegmentService::versions(const Core::UserContext &user, const QString &segment)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database,
                          [&] { return SegmentRepository(m_context.database).versions(resolve(segment).id); });
}

QList<Segment> SegmentService::list(const Core::UserContext &user, bool includeArchived)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        SegmentRepository segments(m_context.database);
        QList<Segment> rows = segments.list(includeArchived);
        const std::optional<QString> region = Accounts::RegionAccess::limit(user);
        if (region) {
            for (Segment &s : rows) {
                if (!s.refreshedAt)
                    continue;
                s.memberCount = segments.memberCount(s.id, MemberGroup::All, region);
                s.controlCount = segments.memberCount(s.id, MemberGroup::Control, region);
            }
        }
        return rows;
    });
}

Segment SegmentService::segment(const Core::UserContext &user, const QString &segment)
{
    user.require(Permission::ViewCustomers);
    Segment s = Core::readOnly(m_context.database, [&] { return resolve(segment); });
    const std::optional<QString> region = Accounts::RegionAccess::limit(user);
    if (region && s.refreshedAt) {
        s.memberCount = memberCount(user, s.id, MemberGroup::All);
        s.controlCount = memberCount(user, s.id, MemberGroup::Control);
    }
    return s;
}

Segment SegmentService::rename(const Core::UserContext &user, const QString &segment, const QString &newName)
{
    user.require(Permission::ManageSegments);
    const QString name = checkedName(newName);
    Transaction tx(m_context.database);
    lock(m_context.database, DefinitionsLock);
    SegmentRepository segments(m_context.database);
    Segment s = resolve(segment);
    if (s.name == name)
        return s;
    const std::optional<Segment> other = segments.byName(name);
    if (other && other->id != s.id)
        throw Error(Error::Kind::Conflict, Tr::tr("Name: a segment called \"%1\" already exists; choose another name.").arg(other->name));

    const qint64 now = m_context.clock.nowSecs();
    // The segments that refer to this one get a version that refers to the new name; the rules
    // are read while the old name is still a segment.
    const Rules::AttributeRegistry attributes = registry();
    const QList<SegmentVersion> current = segments.currentVersions();
    for (const SegmentVersion &v : current) {
        if (v.segmentId == s.id || !references(v).contains(s.name))
            continue;
        const Rules::Rule rule =
            SegmentReferences::renamed(Rules::RuleParser::parse(v.definition.ruleText, attributes), s.name, name);
        SegmentVersion next = v;
        next.version = v.version + 1;
        next.definition.ruleText = Rules::RulePrinter::text(rule);
        next.ruleJson = QString::fromUtf8(QJsonDocument(Rules::RuleJson::toJson(rule)).toJson(QJsonDocument::Compact));
        next.savedAt = now;
        next.savedBy = actorName(user);
        std::optional<Segment> referring = segments.byId(v.segmentId);
        referring->currentVersion = next.version;
        referring->updatedAt = now;
        segments.updateSegment(*referring);
        segments.insertVersion(next);
        QJsonObject after = auditBody(next);
        after.insert(QStringLiteral("reason"), QStringLiteral("rename of \"%1\" to \"%2\"").arg(s.name, name));
        m_context.audit.record(user, QStringLiteral("segment.version"), QStringLiteral("segment"), v.segmentId, auditBody(v),
                               after);
    }
    const Segment before = s;
    s.name = name;
    s.updatedAt = now;
    segments.updateSegment(s);
    m_context.audit.record(user, QStringLiteral("segment.rename"), QStringLiteral("segment"), s.id, auditHeader(before),
                           auditHeader(s));
    tx.commit();
    return s;
}

Segment SegmentService::setArchived(const Core::UserContext &user, const QString &segment, bool archived)
{
    user.require(Permission::ManageSegments);
    Transaction tx(m_context.database);
    lock(m_context.database, DefinitionsLock);
    SegmentRepository segments(m_context.database);
    Segment s = resolve(segment);
    if (s.archived == archived)
        return s;
    if (archived) {
        QStringList users;
        const QList<SegmentVersion> current = segments.currentVersions();
        for (const SegmentVersion &v : current) {
            if (v.segmentId != s.id && references(v).contains(s.name))
                users.append(QLatin1Char('"') + v.definition.name + QLatin1Char('"'));
        }
        if (!users.isEmpty()) {
            throw Error(Error::Kind::Conflict, Tr::tr("The segment \"%1\" is part of the segments %2; take it out of their rules "
                                                      "before archiving it.").arg(s.name, users.join(QStringLiteral(", "))));
        }
    } else {
        const std::optional<Segment> other = segments.byName(s.name);
        if (other && other->id != s.id && !other->archived)
            throw Error(Error::Kind::Conflict, Tr::tr("Another segment is called \"%1\"; rename one of them first.").arg(s.name));
    }
    const Segment before = s;
    s.archived = archived;
    s.updatedAt = m_context.clock.nowSecs();
    segments.updateSegment(s);
    m_context.audit.record(user, archived ? QStringLiteral("segment.archive") : QStringLiteral("segment.restore"),
                           QStringLiteral("segment"), s.id, auditHeader(before), auditHeader(s));
    tx.commit();
    return s;
}

Segment SegmentService::setRefreshInterval(const Core::UserContext &user, const QString &segment, std::optional<int> hours)
{
    user.require(Permission::ManageSegments);
    if (hours && (*hours < 1 || *hours > MaxRefreshHours)) {
        throw Error(Error::Kind::BadInput, Tr::tr("Refresh interval: %1 hours is not an interval; enter a whole number of hours "
                                                  "from 1 to %2, or none for refreshing on demand only.")
                                               .arg(*hours)
                                               .arg(MaxRefreshHours));
    }
    Transaction tx(m_context.database);
    SegmentRepository segments(m_context.database);
    Segment s = resolve(segment);
    if (s.refreshHours == hours)
        return s;
    const Segment before = s;
    s.refreshHours = hours;
    s.updatedAt = m_context.clock.nowSecs();
    segments.updateSegment(s);
    m_context.audit.record(user, QStringLiteral("segment.refresh_interval"), QStringLiteral("segment"), s.id,
                           auditHeader(before), auditHeader(s));
    tx.commit();
    return s;
}

RefreshResult SegmentService::refresh(const Core::UserContext &user, const QString &segment)
{
    user.require(Permission::ManageSegments);
    const Segment s = Core::readOnly(m_context.database, [&] { return resolve(segment); });
    return refreshSegment(user, s.id);
}

RefreshResult SegmentService::refreshSegment(const Core::UserContext &user, const QString &segmentId)
{
    Transaction tx(m_context.database);
    lock(m_context.database, QStringLiteral("segment:") + segmentId);
    SegmentRepository segments(m_context.database);
    const std::optional<Segment> s = segments.byId(segmentId);
    if (!s)
        throw Error(Error::Kind::NotFound, Tr::tr("The segment was removed while it was being refreshed."));
    if (s->archived)
        throw Error(Error::Kind::Conflict, Tr::tr("The segment \"%1\" is archived; restore it to refresh it.").arg(s->name));
    const std::optional<SegmentVersion> current = segments.version(s->id, s->currentVersion);
    const SegmentDefinition &d = current->definition;
    const Rules::AttributeRegistry attributes = registry();
    const Rules::Rule rule = Rules::RuleParser::parse(d.ruleText, attributes);
    const Rules::SqlFragment where = SegmentSql(attributes, m_context.database.dialect()).members(d, rule);

    RefreshResult result;
    result.segmentId = s->id;
    result.name = s->name;
    result.version = s->currentVersion;
    result.members = segments.replaceMembers(s->id, s->currentVersion, where,
                                             d.controlPercent >= 100 ? MemberGroup::Control : MemberGroup::Test);
    if (d.controlPercent >= 100) {
        result.control = result.members;
    } else if (d.controlPercent > 0) {
        QStringList control;
        const QStringList ids = segments.memberIds(s->id);
        for (const QString &id : ids) {
            if (inControl(s->id, id, d.controlPercent))
                control.append(id);
        }
        segments.setControl(s->id, control);
        result.control = control.size();
    }
    result.at = m_context.clock.nowSecs();
    segments.setRefreshed(s->id, result.at, actorName(user), s->currentVersion, result.members, result.control);
    const QJsonObject before = s->refreshedAt ? QJsonObject{{QStringLiteral("version"), s->refreshedVersion.value_or(0)},
                                                            {QStringLiteral("members"), s->memberCount.value_or(0)},
                                                            {QStringLiteral("control"), s->controlCount.value_or(0)}}
                                              : QJsonObject();
    m_context.audit.record(user, QStringLiteral("segment.refresh"), QStringLiteral("segment"), s->id, before,
                           {{QStringLiteral("name"), s->name},
                            {QStringLiteral("version"), s->currentVersion},
                            {QStringLiteral("members"), result.members},
                            {QStringLiteral("control"), result.control}});
    tx.commit();
    return result;
}

QList<RefreshResult> SegmentService::refreshDue(const Core::UserContext &user, const std::function<void(int, int)> &progress,
                                                const std::function<bool()> &cancelled)
{
    user.require(Permission::ManageSegments);
    const QStringList due = Core::readOnly(m_context.database, [&] {
        return SegmentRepository(m_context.database).dueSegmentIds(m_context.clock.nowSecs());
    });
    QList<RefreshResult> results;
    for (qsizetype i = 0; i < due.size(); ++i) {
        if (cancelled && cancelled())
            break;
        try {
            results.append(refreshSegment(user, due.at(i)));
        } catch (const Error &e) {
            RefreshResult failed;
            failed.segmentId = due.at(i);
            failed.error = e.message();
            if (const auto s = Core::readOnly(m_context.database, [&] { return SegmentRepository(m_context.database).byId(due.at(i)); }))
                failed.name = s->name;
            results.append(failed);
        }
        if (progress)
            progress(int(i + 1), int(due.size()));
    }
    return results;
}

void SegmentService::ensureRefreshed(const Core::UserContext &user, const Segment &segment)
{
    if (!segment.refreshedAt)
        refreshSegment(user, segment.id);
}

QList<SegmentMember> SegmentService::members(const Core::UserContext &user, const QString &segment, MemberGroup group,
                                             qint64 limit, qint64 offset)
{
    user.require(Permission::ViewCustomers);
    const Segment s = Core::readOnly(m_context.database, [&] { return resolve(segment); });
    ensureRefreshed(user, s);
    if (Accounts::RegionAccess::seesNoCustomers(user))
        return {};
    return Core::readOnly(m_context.database, [&] {
        return SegmentRepository(m_context.database).members(s.id, group, Accounts::RegionAccess::limit(user), limit, offset);
    });
}

qint64 SegmentService::memberCount(const Core::UserContext &user, const QString &segment, MemberGroup group)
{
    user.require(Permission::ViewCustomers);
    if (Accounts::RegionAccess::seesNoCustomers(user))
        return 0;
    return Core::readOnly(m_context.database, [&] {
        return SegmentRepository(m_context.database).memberCount(resolve(segment).id, group, Accounts::RegionAccess::limit(user));
    });
}

qint64 SegmentService::exportCsv(const Core::UserContext &user, const QString &segment, QIODevice &out, MemberGroup group)
{
    user.require(Permission::ViewCustomers);
    const Segment s = Core::readOnly(m_context.database, [&] { return resolve(segment); });
    ensureRefreshed(user, s);

    QByteArray buffer;
    const auto flush = [&](bool always) {
        if (buffer.isEmpty() || (!always && buffer.size() < 64 * 1024))
            return;
        if (out.write(buffer) != buffer.size())
            throw Error(Error::Kind::BadInput, Tr::tr("Could not write the export of \"%1\": %2.").arg(s.name, out.errorString()));
        buffer.clear();
    };
    buffer = csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n";
    qint64 rows = 0;
    if (!Accounts::RegionAccess::seesNoCustomers(user)) {
        Core::readOnly(m_context.database, [&] {
            SegmentRepository(m_context.database).forEachMember(s.id, group, Accounts::RegionAccess::limit(user),
                                                                [&](const SegmentMember &m) {
                buffer += csvField(m.customerNumber) + ',' + csvField(m.name) + ',' + csvField(m.customerClass) + ','
                          + csvField(m.region) + ',' + memberGroupKey(m.group).toUtf8() + "\r\n";
                ++rows;
                flush(false);
            });
            return true;
        });
    }
    flush(true);

    Transaction tx(m_context.database);
    m_context.audit.record(user, QStringLiteral("segment.export"), QStringLiteral("segment"), s.id, {},
                           {{QStringLiteral("name"), s.name},
                            {QStringLiteral("group"), memberGroupKey(group)},
                            {QStringLiteral("rows"), rows}});
    tx.commit();
    return rows;
}

QHash<QString, SegmentMembershipValues::Definition> SegmentService::currentDefinitions(const Core::UserContext &user)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const Rules::AttributeRegistry attributes = registry();
        QHash<QString, SegmentMembershipValues::Definition> definitions;
        const QList<SegmentVersion> current = SegmentRepository(m_context.database).currentVersions();
        for (const SegmentVersion &v : current)
            definitions.insert(v.definition.name, {v.definition, Rules::RuleParser::parse(v.definition.ruleText, attributes)});
        return definitions;
    });
}

QHash<QString, QString> SegmentService::customerIdsByNumber(const Core::UserContext &user, const QStringList &numbers)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return SegmentRepository(m_context.database).customerIdsByNumber(numbers); });
}

QHash<QString, QString> SegmentService::customerNumbersById(const Core::UserContext &user, const QStringList &ids)
{
    user.require(Permission::ViewCustomers);
    QStringList valid;
    for (const QString &id : ids) {
        if (Accounts::SqlValues::isId(id))
            valid.append(id.toLower());
    }
    return Core::readOnly(m_context.database, [&] { return SegmentRepository(m_context.database).customerNumbersById(valid); });
}

} // namespace Ud::Segments
