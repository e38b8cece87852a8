#include "billsui.h"

#include "billrunpage.h"
#include "billssection.h"

#include <billing/billingmodule.h>
#include <core/module.h>
#include <core/ui/pageregistry.h>
#include <core/usercontext.h>

namespace Ud::Billing {

void registerBillsUi(Ui::PageRegistry &pages, Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing,
                     const Core::UserContext &user)
{
    Ui::Page page;
    page.id = QStringLiteral("bill_run");
    page.order = 60;
    page.title = [] { return BillRunPage::tr("Bill run"); };
    page.icon = QStringLiteral(":/icons/billrun.svg");
    page.permission = Core::Permission::RunBilling;
    Core::Context *core = &context;
    Ui::JobTracker *tracker = &jobs;
    BillingModule *module = &billing;
    page.create = [core, tracker, module, user](QWidget *parent) -> QWidget * {
        return new BillRunPage(*core, *tracker, module->billRun(), user, parent);
    };
    pages.add(std::move(page));

    Ui::CustomerSection bills;
    bills.id = QLatin1String(BillsSection::SectionId);
    bills.order = BillsSection::SectionOrder;
    bills.title = [] { return BillsSection::tr("Bills"); };
    bills.permission = Core::Permission::ViewCustomers;
    bills.create = [core, module, user](Ui::CustomerView &view, QWidget *parent) -> QWidget * {
        return new BillsSection(*core, module->bills(), user, view, parent);
    };
    pages.addCustomerSection(std::move(bills));
}

} // namespace Ud::Billing
