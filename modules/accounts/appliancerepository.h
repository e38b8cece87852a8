#pragma once

#include "appliance.h"

#include <QList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for appliances, on the calling thread's connection inside the caller's Transaction.
class ApplianceRepository
{
public:
    explicit ApplianceRepository(Core::Database &db);

    void insert(const Appliance &appliance);
    void remove(const QString &id);
    std::optional<Appliance> get(const QString &id);
    QList<Appliance> ofPremise(const QString &premiseId);
    /// Appliances at the premises of the customer's accounts.
    QList<Appliance> ofCustomer(const QString &customerId);

private:
    QList<Appliance> read(const QString &where, const QString &param, const QString &value);

    Core::Database &m_db;
};

} // namespace Ud::Accounts
