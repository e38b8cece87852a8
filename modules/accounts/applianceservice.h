#pragma once

#include "appliance.h"
#include "appliancerepository.h"
#include "premiserepository.h"

#include <QList>
#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// Appliances at premises (solar PV, EV chargers, heat pumps...). Reads need ViewCustomers,
/// changes EditCustomers; every change is audited in its own transaction.
class ApplianceService
{
public:
    static constexpr qint64 MaxCapacityW = 50'000'000;

    explicit ApplianceService(Core::Context &context);

    /// Capacity, when given, is 1 W to 50 MW; `installedOn` may be unknown (invalid).
    Appliance add(const Core::UserContext &user, Appliance appliance);
    void remove(const Core::UserContext &user, const QString &id);
    QList<Appliance> ofPremise(const Core::UserContext &user, const QString &premiseId);
    QList<Appliance> ofCustomer(const Core::UserContext &user, const QString &customerId);

private:
    Core::Context &m_context;
    ApplianceRepository m_appliances;
    PremiseRepository m_premises;
};

} // namespace Ud::Accounts
