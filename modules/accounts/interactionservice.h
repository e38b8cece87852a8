#pragma once

#include "accountrepository.h"
#include "contactcoderepository.h"
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

    /// The reason code and the wrap-up code are required and must be active codes of their
    /// kind (ContactCodeService). The reason in words is at most 100 characters; left empty it
    /// becomes the reason code's name. Summary at most 500 characters, notes at most 4000,
    /// duration 0 to 24 hours, identity check at most 200 characters. `accountId`, if set,
    /// must be one of the customer's accounts.
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
    ContactCodeRepository m_codes;
};

} // namespace Ud::Accounts
