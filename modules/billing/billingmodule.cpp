#include "billingmodule.h"

#include "billingattributes.h"
#include "billingservice.h"
#include "billrun.h"
#include "billservice.h"
#include "ledgerservice.h"
#include "tariffservice.h"
#include "tarifftrial.h"

#include <accounts/accountsmodule.h>
#include <accounts/accountssettings.h>
#include <accounts/identityservice.h>

namespace Ud::Billing {

BillingModule::BillingModule() = default;

BillingModule::BillingModule(Accounts::AccountsModule *accounts) : m_accounts(accounts) {}

BillingModule::~BillingModule() = default;

void BillingModule::initialize(Core::Context &context)
{
    m_tariffs = std::make_unique<TariffService>(context);
    m_ledger = std::make_unique<LedgerService>(context);
    if (m_accounts) {
        m_accounts->identity().addFactor(m_ledger->lastPaymentFactor());
        m_accounts->attributes().addProvider(name(), registerBillingAttributes);
    }
    m_tariffTrials = std::make_unique<TariffTrialService>(context);
    m_billing = std::make_unique<BillingService>(context);
    // Bill numbers start with the site prefix of the account numbers.
    const QString sitePrefix = m_accounts ? m_accounts->sitePrefix() : Accounts::AccountsSettings::sitePrefix();
    m_bills = std::make_unique<BillService>(context, sitePrefix);
    m_billRun = std::make_unique<BillRun>(context, sitePrefix);
}

TariffService &BillingModule::tariffs() const
{
    Q_ASSERT_X(m_tariffs, "BillingModule", "used before initialize()");
    return *m_tariffs;
}

LedgerService &BillingModule::ledger() const
{
    Q_ASSERT_X(m_ledger, "BillingModule", "used before initialize()");
    return *m_ledger;
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
