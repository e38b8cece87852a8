#include "accountsuimodule.h"

#include "contactui.h"
#include "customerspage.h"

#include <core/ui/pageregistry.h>

namespace Ud::Accounts {

AccountsUiModule::AccountsUiModule(AccountsModule &module) : m_module(module) {}

void AccountsUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    Ui::Page page;
    page.id = QStringLiteral("customers");
    page.order = 10;
    page.title = [] { return CustomersPage::tr("Customers"); };
    page.icon = QStringLiteral(":/icons/customers.svg");
    page.permission = Core::Permission::ViewCustomers;
    AccountsModule *module = &m_module;
    page.create = [module, user](QWidget *parent) -> QWidget * { return new CustomersPage(*module, user, parent); };
    pages.add(std::move(page));
    registerContactUi(pages, m_module, user);
}

} // namespace Ud::Accounts
