#pragma once

#include <QString>

#include <optional>

namespace Ud::Core {
class UserContext;
}

namespace Ud::Accounts {

class CustomerRepository;

/// The region rule: a field officer sees only the customers with at least one account at a
/// premise whose region is theirs (premises.region, matched exactly); a field officer without
/// a region sees no customers. Everyone else sees every customer. Services apply it to every
/// read and change of a customer, in SQL for lists and searches (bound, over the index on
/// premises.region of migration 0009) and with require() for one customer.
class RegionAccess
{
public:
    /// The region a user's customers are limited to, or nullopt for no limit. An empty region
    /// means no customers at all.
    static std::optional<QString> limit(const Core::UserContext &user);
    /// True for a field officer without a region, who sees nobody.
    static bool seesNoCustomers(const Core::UserContext &user);
    /// Throws Error(Denied) ("Customer UDC00000042 is outside your region North.") unless the
    /// user may see the customer. Runs inside the caller's transaction.
    static void require(const Core::UserContext &user, CustomerRepository &customers, const QString &customerId,
                        const QString &customerNumber);
};

} // namespace Ud::Accounts
