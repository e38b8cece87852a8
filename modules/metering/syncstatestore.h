#pragma once

#include "connectmydatasource.h"

#include <QHash>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// The Connect My Data sources' last fetch times, kept in meter_sync_state so a restarted
/// worker asks only for what changed. A database failure never escapes (the source calls it
/// from its slots): the time is then kept in memory and written again on the next fetch.
class SyncStateStore final : public FetchStateStore
{
public:
    explicit SyncStateStore(Core::Database &db);

    QDateTime lastFetch(const QString &resource) const override;
    void setLastFetch(const QString &resource, const QDateTime &startedAt) override;

private:
    Core::Database &m_db;
    QHash<QString, QDateTime> m_fallback;
};

} // namespace Ud::Metering
