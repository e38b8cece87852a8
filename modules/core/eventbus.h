#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>

namespace Ud::Core {

/// Modules that must not know each other talk through events: a topic such as
/// "customer.updated" and a small map of values (ids, never whole records).
/// Delivery follows Qt's connection rules: direct in the publishing thread, queued across threads.
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void publish(const QString &topic, const QVariantMap &payload = {}) { emit published(topic, payload); }

signals:
    void published(const QString &topic, const QVariantMap &payload);
};

} // namespace Ud::Core
