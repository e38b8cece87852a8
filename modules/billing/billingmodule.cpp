#include "billingmodule.h"

#include "billrun.h"
#include "billservice.h"
#include "tariffservice.h"

#include <accounts/accountssettings.h>

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
    m_bills = std::make_unique<BillService>(context, Accounts::AccountsSettings::sitePrefix());
    m_billRun = std::make_unique<BillRun>(context, Accounts::AccountsSettings::sitePrefix());
}

TariffService &BillingModule::tariffs() const
{
    Q_ASSERT_X(m_tariffs, "BillingModule", "used before initialize()");
    return *m_tariffs;
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
