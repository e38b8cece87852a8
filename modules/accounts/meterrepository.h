#pragma once

#include "meter.h"

#include <QList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for service points, meters and their channels, on the calling thread's connection
/// inside the caller's Transaction.
class MeterRepository
{
public:
    explicit MeterRepository(Core::Database &db);

    void insertServicePoint(const ServicePoint &servicePoint);
    std::optional<ServicePoint> servicePoint(const QString &id);
    bool servicePointIdentifierExists(const QString &identifier);
    QList<ServicePoint> servicePointsOfPremise(const QString &premiseId);

    /// Inserts the meter and its channels.
    void insertMeter(const Meter &meter);
    std::optional<Meter> meter(const QString &id);
    std::optional<Meter> meterBySerial(const QString &serial);
    QList<Meter> metersOfServicePoint(const QString &servicePointId);
    /// Meters on service points billed to the customer's accounts or at their premises.
    QList<Meter> metersOfCustomer(const QString &customerId);

private:
    QList<Meter> readMeters(const QString &where, const QString &param, const QString &value);

    Core::Database &m_db;
};

} // namespace Ud::Accounts
