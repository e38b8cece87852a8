#pragma once

#include "accountrepository.h"
#include "customerhistoryrepository.h"
#include "customerrepository.h"
#include "premiserepository.h"

#include <QList>
#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// One changed field of one audit entry about a customer, formatted for people: the History
/// table shows these rows as they are.
struct CustomerChange {
    qint64 seq = 0;           ///< of the audit entry; the rows of one entry share it
    qint64 at = 0;            ///< UTC epoch seconds
    QString actor;            ///< user name ("os:root" for the command line)
    QString actorRole;        ///< translated role name; empty for an unknown role
    QString actionKey;        ///< as audited, e.g. "customer.update"
    QString action;           ///< translated: "Changed", "Created", "Revealed national id"
    QString fieldKey;         ///< as audited, e.g. "email"; empty for an entry without fields
    QString field;            ///< translated label, e.g. "Email", "Account UD00000001: Status"
    QString before;           ///< formatted for people; empty when there was none
    QString after;

    friend bool operator==(const CustomerChange &, const CustomerChange &) = default;
};

/// A customer's change history, read from the audit log: the entries about the customer
/// (changes, vulnerability flags, reveals of sensitive values) and about its accounts and
/// premises, newest first, each expanded into one CustomerChange per changed field. Values
/// are formatted for people (class and band names translated, dates in the user's locale,
/// phones in international form); sensitive values are never in the log, so a change of one
/// shows as "Recorded" -> "Changed". Needs ViewCustomers (not ViewAuditLog: an agent may see
/// what happened to the customer they serve, not the whole log) and the customer within the
/// user's region (see RegionAccess).
class CustomerHistory
{
public:
    explicit CustomerHistory(Core::Context &context);

    /// The rows of `limit` audit entries from `offset` (both count entries, newest first, so
    /// a page never splits an entry). Throws NotFound for an unknown customer.
    QList<CustomerChange> changes(const Core::UserContext &user, const QString &customerId, int limit, int offset = 0);
    /// How many audit entries concern the customer.
    qint64 count(const Core::UserContext &user, const QString &customerId);

    /// A worker thread that called this service closes its database connection with this
    /// before the thread ends.
    void releaseThreadConnection();

private:
    Core::Context &m_context;
    CustomerHistoryRepository m_history;
    CustomerRepository m_customers;
    AccountRepository m_accounts;
    PremiseRepository m_premises;
};

} // namespace Ud::Accounts
