#pragma once

#include <core/eventbus.h>
#include <core/module.h>

#include <QList>
#include <QString>
#include <QVariantMap>

#include <utility>

namespace Ud::Accounts {

/// Holds back what services announce while they work inside a caller's transaction. Core's
/// Transaction guards nest and only the outermost commits, so a service called inside a larger
/// unit of work would announce "customer.created" before anything is committed, and announce
/// it even if the larger unit then rolls back. Give such services context() instead of the
/// real Context, and call publishTo() once the outer transaction has committed.
class DeferredEvents
{
public:
    DeferredEvents()
    {
        QObject::connect(&m_bus, &Core::EventBus::published, &m_bus,
                         [this](const QString &topic, const QVariantMap &payload) {
                             m_events.append({topic, payload});
                         });
    }
    DeferredEvents(const DeferredEvents &) = delete;
    DeferredEvents &operator=(const DeferredEvents &) = delete;

    /// `outer` with its event bus replaced by this holder.
    Core::Context context(const Core::Context &outer)
    {
        return {outer.database, outer.clock, outer.audit, outer.cipher, m_bus, outer.users};
    }
    /// Adds an announcement of the caller's own.
    void publish(const QString &topic, const QVariantMap &payload) { m_events.append({topic, payload}); }
    /// Sends what was held back, in order and each announcement once, and forgets it.
    void publishTo(Core::EventBus &bus)
    {
        const auto events = std::exchange(m_events, {});
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (events.indexOf(events.at(i)) == i)
                bus.publish(events.at(i).first, events.at(i).second);
        }
    }

private:
    Core::EventBus m_bus;
    QList<std::pair<QString, QVariantMap>> m_events;
};

} // namespace Ud::Accounts
