#pragma once

#include "premise.h"

#include <QList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for premises, on the calling thread's connection inside the caller's Transaction.
class PremiseRepository
{
public:
    explicit PremiseRepository(Core::Database &db);

    void insert(const Premise &premise);
    void update(const Premise &premise);
    std::optional<Premise> get(const QString &id);
    /// Premises of the customer's accounts, in address order.
    QList<Premise> ofCustomer(const QString &customerId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
