#include "syncstatestore.h"

#include <core/database.h>
#include <core/error.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

namespace Ud::Metering {

namespace {
QString keyOf(const QString &resource)
{
    return QStringLiteral("connect-my-data:") + resource;
}
} // namespace

SyncStateStore::SyncStateStore(Core::Database &db) : m_db(db) {}

QDateTime SyncStateStore::lastFetch(const QString &resource) const
{
    if (m_fallback.contains(resource))
        return m_fallback.value(resource);
    try {
        Core::SqlQuery q(m_db.connection(), QStringLiteral("SELECT state_value FROM meter_sync_state WHERE state_key = :k"));
        q.bind(QStringLiteral(":k"), keyOf(resource));
        return QDateTime::fromString(q.scalar().toString(), Qt::ISODate);
    } catch (const Core::Error &) {
        return {};
    }
}

void SyncStateStore::setLastFetch(const QString &resource, const QDateTime &startedAt)
{
    try {
        Core::Transaction tx(m_db);
        Core::SqlQuery(tx.connection(), QStringLiteral(
            "INSERT INTO meter_sync_state (state_key, state_value, updated_at) VALUES (:k, :v, :at) "
            "ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, updated_at = excluded.updated_at"))
            .bind(QStringLiteral(":k"), keyOf(resource))
            .bind(QStringLiteral(":v"), startedAt.toUTC().toString(Qt::ISODate))
            .bind(QStringLiteral(":at"), QDateTime::currentSecsSinceEpoch())
            .exec();
        tx.commit();
        m_fallback.remove(resource);
    } catch (const Core::Error &) {
        m_fallback.insert(resource, startedAt);
    }
}

} // namespace Ud::Metering
