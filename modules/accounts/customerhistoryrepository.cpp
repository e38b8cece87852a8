#include "customerhistoryrepository.h"

#include <core/database.h>
#include <core/sqlquery.h>

#include <QVariantMap>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
void bindAll(SqlQuery &q, const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bind(it.key(), it.value());
}
} // namespace

CustomerHistoryRepository::CustomerHistoryRepository(Core::Database &db) : m_db(db)
{
}

QString CustomerHistoryRepository::condition(const QList<Subject> &subjects, QVariantMap &values) const
{
    // entity_id IN (...) is what the index answers; the entity narrows it to the records
    // meant (ids are UUIDs, but an entry's id is only unique together with its entity).
    QStringList clauses;
    for (qsizetype s = 0; s < subjects.size(); ++s) {
        const Subject &subject = subjects.at(s);
        if (subject.ids.isEmpty())
            continue;
        QStringList params;
        for (qsizetype i = 0; i < subject.ids.size(); ++i) {
            params << QStringLiteral(":s%1_%2").arg(s).arg(i);
            values.insert(params.last(), subject.ids.at(i));
        }
        const QString entity = QStringLiteral(":e%1").arg(s);
        values.insert(entity, subject.entity);
        clauses << QStringLiteral("(entity_id IN (%1) AND entity = %2)").arg(params.join(QLatin1Char(',')), entity);
    }
    return clauses.isEmpty() ? QStringLiteral("1 = 0") : clauses.join(QStringLiteral(" OR "));
}

QList<Core::AuditLog::Entry> CustomerHistoryRepository::entries(const QList<Subject> &subjects, int limit, int offset)
{
    QVariantMap values;
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT seq, at, actor, actor_role, action, entity, entity_id, before_json, after_json "
                              "FROM audit_log WHERE %1 ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                   .arg(condition(subjects, values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":limit"), qMax(0, limit)).bind(QStringLiteral(":offset"), qMax(0, offset)).exec();
    QList<Core::AuditLog::Entry> list;
    while (q.next()) {
        Core::AuditLog::Entry e;
        e.seq = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.actorRole = q.value(3).toString();
        e.action = q.value(4).toString();
        e.entity = q.value(5).toString();
        e.entityId = q.value(6).toString();
        e.beforeJson = q.value(7).toString();
        e.afterJson = q.value(8).toString();
        list << e;
    }
    return list;
}

qint64 CustomerHistoryRepository::count(const QList<Subject> &subjects)
{
    QVariantMap values;
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT count(*) FROM audit_log WHERE %1").arg(condition(subjects, values)));
    bindAll(q, values);
    return q.scalar(0).toLongLong();
}

} // namespace Ud::Accounts
