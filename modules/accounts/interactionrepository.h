#pragma once

#include "interaction.h"

#include <QList>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for the contact history, on the calling thread's connection inside the caller's
/// Transaction.
class InteractionRepository
{
public:
    explicit InteractionRepository(Core::Database &db);

    void insert(const Interaction &interaction);
    /// Newest first, at most `limit`.
    QList<Interaction> ofCustomer(const QString &customerId, int limit);
    qint64 countOfCustomer(const QString &customerId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
