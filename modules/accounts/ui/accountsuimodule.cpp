#include "accountsuimodule.h"

#include "contactui.h"
#include "customerspage.h"
#include "profileui.h"
#include "registrationui.h"
#include "workspacesections.h"

#include <core/ui/pageregistry.h>

namespace Ud::Accounts {

namespace {
// The page's own shortcuts do the work (only while the page is shown); the menu names them
// so they can be found, without a second, window-wide shortcut for the same keys.
QString withShortcutHint(const QString &text, const QKeySequence &key)
{
    return text + QLatin1Char('\t') + key.toString(QKeySequence::NativeText);
}
} // namespace

AccountsUiModule::AccountsUiModule(AccountsModule &module) : m_module(module) {}

void AccountsUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    m_pages = &pages;
    Ui::Page page;
    page.id = QStringLiteral("customers");
    page.order = 10;
    page.title = [] { return CustomersPage::tr("Customers"); };
    page.icon = QStringLiteral(":/icons/customers.svg");
    page.permission = Core::Permission::ViewCustomers;
    AccountsModule *module = &m_module;
    const Ui::PageRegistry *registry = m_pages;
    page.create = [module, user, registry](QWidget *parent) -> QWidget * {
        return new CustomersPage(*module, user, registry, parent);
    };
    Ui::PageAction find;
    find.text = [] { return withShortcutHint(CustomersPage::tr("&Find Customer"), CustomersPage::findShortcut()); };
    find.icon = page.icon;
    find.trigger = [](QWidget *widget) {
        if (auto *customers = qobject_cast<CustomersPage *>(widget))
            customers->focusSearch();
    };
    page.actions << find;
    if (user.can(Core::Permission::EditCustomers)) {
        Ui::PageAction add;
        add.text = [] { return withShortcutHint(CustomersPage::tr("&New Customer…"), CustomersPage::newCustomerShortcut()); };
        add.trigger = [](QWidget *widget) {
            if (auto *customers = qobject_cast<CustomersPage *>(widget))
                customers->newCustomer();
        };
        page.actions << add;
    }
    Ui::PageAction close;
    close.text = [] { return withShortcutHint(CustomersPage::tr("&Close Customer Tab"), CustomersPage::closeShortcut()); };
    close.trigger = [](QWidget *widget) {
        if (auto *customers = qobject_cast<CustomersPage *>(widget))
            customers->closeCurrentCustomer();
    };
    page.actions << close;
    pages.add(std::move(page));

    registerWorkspaceSections(pages, m_module, user);
    registerProfileUi(pages, m_module, user);
    registerRegistrationUi(pages, m_module, user);
    registerContactUi(pages, m_module, user);
}

} // namespace Ud::Accounts
