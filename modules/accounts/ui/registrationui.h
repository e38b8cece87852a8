#pragma once

namespace Ud::Core {
class UserContext;
}

namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Accounts {

class AccountsModule;

/// Registers what registration and moving home add to the customer page: the "Move home…"
/// action (EditCustomers, once the caller's identity is verified), which opens MoveForm as a
/// sub-page of the customer. The registration wizard itself is opened by the customers page.
void registerRegistrationUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user);

} // namespace Ud::Accounts
