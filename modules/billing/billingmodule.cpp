#include "billingmodule.h"

#include "tariffservice.h"

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
}

TariffService &BillingModule::tariffs() const
{
    Q_ASSERT_X(m_tariffs, "BillingModule", "used before initialize()");
    return *m_tariffs;
}

} // namespace Ud::Billing
