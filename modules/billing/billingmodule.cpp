#include "billingmodule.h"

#include "billingservice.h"
#include "billrun.h"
#include "billservice.h"
#include "tariffservice.h"
#include "tarifftrial.h"

#include <accounts/accountssettings.h>

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
    m_tariffTrials = std::make_unique<TariffTrialService>(context);
    m_billing = std::make_unique<BillingService>(context);
    m_bills = std::make_unique<BillService>(context, Accounts::AccountsSettings::sitePrefix());
    m_billRun = std::make_unique<BillRun>(context, Accounts::AccountsSettings::sitePrefix());
}

TariffService &BillingModule::tariffs() const
{
    Q_ASSERT_X(m_tariffs, "BillingModule", "used before initialize()");
    return *m_tariffs;
}

TariffTrialService &BillingModule::tariffTrials() const
{
    Q_ASSERT_X(m_tariffTrials, "BillingModule", "used before initialize()");
    return *m_tariffTrials;
}

BillingService &BillingModule::billing() const
{
    Q_ASSERT_X(m_billing, "BillingModule", "used before initialize()");
    return *m_billing;
}

BillService &BillingModule::bills() const
{
    Q_ASSERT_X(m_bills, "BillingModule", "used before initialize()");
    return *m_bills;
}

BillRun &BillingModule::billRun() const
{
    Q_ASSERT_X(m_billRun, "BillingModule", "used before initialize()");
    return *m_billRun;
}

} // namespace Ud::Billing
