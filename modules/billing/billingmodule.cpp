#include "billingmodule.h"

#include "tariffservice.h"
#include "tarifftrial.h"

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
    m_tariffTrials = std::make_unique<TariffTrialService>(context);
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

} // namespace Ud::Billing
