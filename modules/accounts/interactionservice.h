#pragma once

#include "accountrepository.h"
#include "customerrepository.h"
#include "interaction.h"
#include "interactionrepository.h"

#include <QList>
#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// The contact history: logging a call, email or visit (LogInteractions) and reading the
/// last contacts (ViewCustomers). The time and the agent come from the clock and the
/// signed-in user, never from the caller. Logging is audited in the same transaction. A field
/// officer logs and reads contacts only of customers in their region.
class InteractionService
{
public:
    explicit InteractionService(Core::Context &context);

    /// Reason is required (at most 100 characters); summary at most 500, notes at most 4000.
    /// `accountId`, if set, must be one of the customer's accounts.
    Interaction log(const Core::UserContext &user, Interaction interaction);
    /// Newest first.
    QList<Interaction> ofCustomer(const Core::UserContext &user, const QString &customerId, int limit = 20);
    qint64 countOfCustomer(const Core::UserContext &user, const QString &customerId);

private:
    /// NotFound, or Denied outside a field officer's region.
    void requireCustomer(const Core::UserContext &user, const QString &customerId);

    Core::Context &m_context;
    InteractionRepository m_interactions;
    CustomerRepository m_customers;
    AccountRepository m_accounts;
};

} // namespace Ud::Accounts
