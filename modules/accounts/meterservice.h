#pragma once

#include "accountrepository.h"
#include "meter.h"
#include "meterrepository.h"
#include "premiserepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// Service points and the meters on them. A meter records at 5, 15, 30 or 60 minutes, or once a
/// local day (1440, common for gas and water), and has channels that fit its commodity:
/// electricity import and export in Wh and reactive in varh; gas import in Wh or L; water import
/// in L. Reads need ViewCustomers, changes EditCustomers; every change is audited in its own
/// transaction.
class MeterService
{
public:
    explicit MeterService(Core::Context &context);

    /// The unit a channel of this kind records for the commodity by default.
    static ChannelUnit defaultUnit(Commodity commodity, ChannelKind kind);

    /// `servicePoint.accountId` may be empty; if set, the account must be at the same premise.
    /// Throws Conflict if the identifier is taken.
    ServicePoint addServicePoint(const Core::UserContext &user, ServicePoint servicePoint);
    QList<ServicePoint> servicePointsOfPremise(const Core::UserContext &user, const QString &premiseId);

    /// Installs a meter with its channels on a service point; the commodity comes from the
    /// service point, `installedOn` defaults to today (UTC). Throws Conflict if the serial is taken.
    Meter addMeter(const Core::UserContext &user, Meter meter);
    Meter meter(const Core::UserContext &user, const QString &id);
    std::optional<Meter> findBySerial(const Core::UserContext &user, const QString &serial);
    QList<Meter> metersOfServicePoint(const Core::UserContext &user, const QString &servicePointId);
    QList<Meter> metersOfCustomer(const Core::UserContext &user, const QString &customerId);

private:
    Core::Context &m_context;
    MeterRepository m_meters;
    PremiseRepository m_premises;
    AccountRepository m_accounts;
};

} // namespace Ud::Accounts
