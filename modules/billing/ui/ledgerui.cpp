#include "ledgerui.h"

#include "balancesection.h"

#include <billing/billingmodule.h>
#include <billing/ledgerservice.h>
#include <core/module.h>
#include <core/ui/pageregistry.h>

namespace Ud::Billing {

void registerLedgerUi(Ui::PageRegistry &pages, Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing,
                      const Core::UserContext &user)
{
    Q_UNUSED(jobs)
    Ui::CustomerSection section;
    section.id = QLatin1String(BalanceSection::SectionId);
    section.order = BalanceSection::SectionOrder;
    section.title = [] { return BalanceSection::tr("Balance"); };
    section.permission = Core::Permission::ViewCustomers;
    Core::Database *db = &context.database;
    LedgerService *ledger = &billing.ledger();
    section.create = [ledger, db, user](Ui::CustomerView &view, QWidget *parent) -> QWidget * {
        return new BalanceSection(*ledger, *db, user, view, parent);
    };
    pages.addCustomerSection(std::move(section));
}

} // namespace Ud::Billing
