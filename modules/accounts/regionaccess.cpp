#include "regionaccess.h"

#include "customerrepository.h"

#include <core/error.h>
#include <core/usercontext.h>

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::RegionAccess)
};
} // namespace

std::optional<QString> RegionAccess::limit(const Core::UserContext &user)
{
    if (!user.limitedToRegion())
        return std::nullopt;
    return user.region();
}

bool RegionAccess::seesNoCustomers(const Core::UserContext &user)
{
    return user.limitedToRegion() && user.region().isEmpty();
}

void RegionAccess::require(const Core::UserContext &user, CustomerRepository &customers, const QString &customerId,
                           const QString &customerNumber)
{
    if (!user.limitedToRegion())
        return;
    if (user.region().isEmpty()) {
        throw Core::Error(Core::Error::Kind::Denied,
                          Tr::tr("Customer %1 is outside your region: you have no region yet, so you see no customers. "
                                 "Ask an administrator to set your region.").arg(customerNumber));
    }
    if (!customers.inRegion(customerId, user.region())) {
        throw Core::Error(Core::Error::Kind::Denied,
                          Tr::tr("Customer %1 is outside your region %2.").arg(customerNumber, user.region()));
    }
}

} // namespace Ud::Accounts
