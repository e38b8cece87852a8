#include "auditlog.h"

#include "clock.h"
#include "crypto.h"
#include "database.h"
#include "sqlquery.h"
#include "transaction.h"
#include "usercontext.h"

#include <QDateTime>
#include <QJsonDocument>

#include <limits>

namespace Ud::Core {

namespace {
const QLatin1String Columns("seq, at, actor, actor_role, action, entity, entity_id, before_json, after_json, "
                            "prev_hash, hash");

QString toJson(const QJsonObject &object)
{
    // An empty object is stored as an empty string: "nothing before" for a creation.
    if (object.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

AuditLog::Entry readEntry(const SqlQuery &q)
{
    AuditLog::Entry e;
    e.seq = q.value(0).toLongLong();
    e.at = q.value(1).toLongLong();
    e.actor = q.value(2).toString();
    e.actorRole = q.value(3).toString();
    e.action = q.value(4).toString();
    e.entity = q.value(5).toString();
    e.entityId = q.value(6).toString();
    e.beforeJson = q.value(7).toString();
    e.afterJson = q.value(8).toString();
    e.prevHash = q.value(9).toString();
    e.hash = q.value(10).toString();
    return e;
}

void appendField(QByteArray &out, const QString &field)
{
    const QByteArray utf8 = field.toUtf8();
    out += QByteArray::number(utf8.size());
    out += ':';
    out += utf8;
    out += '\n';
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString entryTime(qint64 at)
{
    return QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
} // namespace

AuditLog::AuditLog(Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

QByteArray AuditLog::canonical(const Entry &entry)
{
    QByteArray out("ud-audit-v1\n");
    appendField(out, QString::number(entry.at));
    appendField(out, entry.actor);
    appendField(out, entry.actorRole);
    appendField(out, entry.action);
    appendField(out, entry.entity);
    appendField(out, entry.entityId);
    appendField(out, entry.beforeJson);
    appendField(out, entry.afterJson);
    return out;
}

QString AuditLog::computeHash(const QString &prevHash, const Entry &entry)
{
    return QString::fromLatin1(Crypto::sha256(prevHash.toUtf8() + '\n' + canonical(entry)).toHex());
}

void AuditLog::record(const UserContext &actor, const QString &action, const QString &entity,
                      const QString &entityId, const QJsonObject &before, const QJsonObject &after)
{
    Entry e;
    e.actor = actor.userName();
    e.actorRole = roleKey(actor.role());
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.beforeJson = toJson(before);
    e.afterJson = toJson(after);
    append(e);
}

void AuditLog::recordAnonymous(const QString &actorName, const QString &action, const QString &entity,
                               const QString &entityId, const QJsonObject &after)
{
    Entry e;
    e.actor = actorName;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.afterJson = toJson(after);
    append(e);
}

void AuditLog::append(Entry &e)
{
    // Nested in the caller's unit of work when there is one, so the entry commits or rolls
    // back with the change it describes; the outer guard decides.
    Transaction tx(m_db);
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("audit_log"));
    if (!lock.isEmpty())
        SqlQuery::run(tx.connection(), lock);
    // The time is taken under the lock so that entries never go back in time along the chain.
    e.at = m_clock.nowSecs();
    e.prevHash = SqlQuery(tx.connection(), QStringLiteral("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
                     .scalar(genesisHash())
                     .toString();
    e.hash = computeHash(e.prevHash, e);
    SqlQuery(tx.connection(),
             QStringLiteral("INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, before_json, "
                            "after_json, prev_hash, hash) VALUES (:at, :actor, :role, :action, :entity, :entity_id, "
                            ":before, :after, :prev, :hash)"))
        .bind(QStringLiteral(":at"), e.at)
        .bind(QStringLiteral(":actor"), text(e.actor))
        .bind(QStringLiteral(":role"), text(e.actorRole))
        .bind(QStringLiteral(":action"), text(e.action))
        .bind(QStringLiteral(":entity"), text(e.entity))
        .bind(QStringLiteral(":entity_id"), text(e.entityId))
        .bind(QStringLiteral(":before"), text(e.beforeJson))
        .bind(QStringLiteral(":after"), text(e.afterJson))
        .bind(QStringLiteral(":prev"), e.prevHash)
        .bind(QStringLiteral(":hash"), e.hash)
        .exec();
    tx.commit();
}

QList<AuditLog::Entry> AuditLog::list(const UserContext &user, int limit, int offset)
{
    user.require(Permission::ViewAuditLog);
    QList<Entry> entries;
    if (limit <= 0)
        return entries;
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM audit_log ORDER BY seq DESC LIMIT :limit OFFSET :offset").arg(Columns));
    q.bind(QStringLiteral(":limit"), limit).bind(QStringLiteral(":offset"), qMax(0, offset)).exec();
    while (q.next())
        entries.append(readEntry(q));
    return entries;
}

qint64 AuditLog::count(const UserContext &user)
{
    user.require(Permission::ViewAuditLog);
    return SqlQuery(m_db.connection(), QStringLiteral("SELECT count(*) FROM audit_log")).scalar(0).toLongLong();
}

AuditLog::Verification AuditLog::verify(const std::function<void(qint64, qint64)> &progress)
{
    Verification result;
    result.lastHash = genesisHash();
    // One read transaction: on SQLite every page then sees the same snapshot. On PostgreSQL
    // entries appended meanwhile only extend the chain, which the walk follows.
    Transaction tx(m_db, Transaction::Mode::Read);
    const qint64 total = SqlQuery(tx.connection(), QStringLiteral("SELECT count(*) FROM audit_log")).scalar(0).toLongLong();
    if (progress)
        progress(0, total);

    QString previousHash = genesisHash();
    qint64 previousSeq = 0;
    qint64 afterSeq = std::numeric_limits<qint64>::min();
    for (;;) {
        SqlQuery q(tx.connection(),
                   QStringLiteral("SELECT %1 FROM audit_log WHERE seq > :after ORDER BY seq LIMIT :limit").arg(Columns));
        q.bind(QStringLiteral(":after"), afterSeq).bind(QStringLiteral(":limit"), VerifyPageSize).exec();
        int rows = 0;
        while (q.next()) {
            ++rows;
            const Entry e = readEntry(q);
            afterSeq = e.seq;
            if (e.prevHash != previousHash) {
                result.intact = false;
                result.firstBadSeq = e.seq;
                result.reason = previousSeq == 0
                    ? tr("Entry %1 (%2 UTC) does not follow the start of the log: an entry was removed or "
                         "inserted.").arg(e.seq).arg(entryTime(e.at))
                    : tr("Entry %1 (%2 UTC) does not follow entry %3: an entry was removed or inserted.")
                          .arg(e.seq).arg(entryTime(e.at)).arg(previousSeq);
                return result;
            }
            if (computeHash(e.prevHash, e) != e.hash) {
                result.intact = false;
                result.firstBadSeq = e.seq;
                result.reason = tr("Entry %1 (%2 UTC) was altered: its content no longer matches its hash.")
                                    .arg(e.seq).arg(entryTime(e.at));
                return result;
            }
            ++result.checked;
            previousHash = e.hash;
            previousSeq = e.seq;
            result.lastHash = e.hash;
        }
        if (progress)
            progress(result.checked, qMax(total, result.checked));
        if (rows < VerifyPageSize)
            break;
    }
    tx.commit();
    return result;
}

} // namespace Ud::Core
