#include "tariffsui.h"

#include "tariffspage.h"

#include <billing/billingmodule.h>
#include <core/module.h>
#include <core/ui/pageregistry.h>

namespace Ud::Billing {

void registerTariffsUi(Ui::PageRegistry &pages, Core::Context &context, BillingModule &billing, const Core::UserContext &user)
{
    Ui::Page page;
    page.id = QStringLiteral("tariffs");
    page.order = 65;
    page.title = [] { return TariffsPage::tr("Tariffs"); };
    page.icon = QStringLiteral(":/icons/tariffs.svg");
    page.permission = Core::Permission::ManageCatalog;
    page.create = [&context, &billing, user](QWidget *parent) -> QWidget * {
        return new TariffsPage(billing.tariffs(), billing.tariffTrials(), context.database, user, parent);
    };
    pages.add(std::move(page));
}

} // namespace Ud::Billing
