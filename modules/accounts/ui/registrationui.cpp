#include "registrationui.h"

#include "moveform.h"

#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>
#include <core/usercontext.h>

namespace Ud::Accounts {

void registerRegistrationUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user)
{
    Ui::CustomerAction move;
    move.id = QStringLiteral("move_home");
    move.order = 40;
    move.text = [] { return MoveForm::tr("&Move home…"); };
    move.permission = Core::Permission::EditCustomers;
    move.needsVerifiedIdentity = true;
    AccountsModule *accounts = &module;
    move.trigger = [accounts, user](Ui::CustomerView &view) {
        view.openSubPage(MoveForm::pageId(), MoveForm::tr("Move home"), new MoveForm(*accounts, user, view));
    };
    pages.addCustomerAction(std::move(move));
}

} // namespace Ud::Accounts
