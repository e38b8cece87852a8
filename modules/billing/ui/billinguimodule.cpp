#include "billinguimodule.h"

#include "billsui.h"
#include "ledgerui.h"
#include "ratecomparisonpage.h"
#include "tariffsui.h"

#include <billing/billingmodule.h>
#include <core/ui/pageregistry.h>

namespace Ud::Billing {

BillingUiModule::BillingUiModule(Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing)
    : m_context(context), m_jobs(jobs), m_billing(billing)
{
}

void BillingUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    // One line per part.
    registerTariffsUi(pages, m_context, m_billing, user);
    registerBillsUi(pages, m_context, m_jobs, m_billing, user);
    registerLedgerUi(pages, m_context, m_jobs, m_billing, user);
    registerRateComparisonUi(pages, m_context, m_billing, user);
}

} // namespace Ud::Billing
