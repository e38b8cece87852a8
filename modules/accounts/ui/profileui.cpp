#include "profileui.h"

#include "customerhistorysection.h"
#include "customerprofileeditor.h"

#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>
#include <core/usercontext.h>

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::ProfileUi)
};
} // namespace

void registerProfileUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user)
{
    AccountsModule *accounts = &module;

    if (!user.can(Core::Permission::EditCustomers)) {
        // Who may not change the profile still reads it (read-only, sensitive values masked);
        // that is no change for a caller, so it needs no verified identity.
        Ui::CustomerAction view;
        view.id = QStringLiteral("view_profile");
        view.order = 10;
        view.text = [] { return Tr::tr("&Profile"); };
        view.shortcut = QKeySequence(Qt::CTRL | Qt::Key_E);
        view.permission = Core::Permission::ViewCustomers;
        view.needsVerifiedIdentity = false;
        view.trigger = [accounts, user](Ui::CustomerView &customer) {
            customer.openSubPage(QStringLiteral("profile"), Tr::tr("Profile"),
                                 new CustomerProfileEditor(*accounts, user, customer));
        };
        pages.addCustomerAction(std::move(view));
    }

    Ui::CustomerAction edit;
    edit.id = QStringLiteral("edit_profile");
    edit.order = 10;
    edit.text = [] { return Tr::tr("Edit &profile"); };
    edit.shortcut = QKeySequence(Qt::CTRL | Qt::Key_E);
    edit.permission = Core::Permission::EditCustomers;
    edit.needsVerifiedIdentity = true;
    edit.trigger = [accounts, user](Ui::CustomerView &view) {
        view.openSubPage(QStringLiteral("profile"), Tr::tr("Profile"), new CustomerProfileEditor(*accounts, user, view));
    };
    pages.addCustomerAction(std::move(edit));

    Ui::CustomerSection history;
    history.id = QStringLiteral("change_history");
    history.order = 80;
    history.title = [] { return Tr::tr("Change history"); };
    history.permission = Core::Permission::ViewCustomers;
    history.create = [accounts, user](Ui::CustomerView &view, QWidget *parent) -> QWidget * {
        return new CustomerHistorySection(*accounts, user, view, parent);
    };
    pages.addCustomerSection(std::move(history));
}

} // namespace Ud::Accounts
