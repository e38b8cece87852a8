#include "billingmodule.h"

#include "billingservice.h"
#include "tariffservice.h"
#include "tarifftrial.h"

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
    m_tariffTrials = std::make_unique<TariffTrialService>(context);
    m_billing = std::make_unique<BillingService>(context);
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

} // namespace Ud::Billing
