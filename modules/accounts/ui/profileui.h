#pragma once

namespace Ud::Core {
class UserContext;
}

namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Accounts {

class AccountsModule;

/// Registers the profile's parts of the customer page: the action "Edit profile" (Ctrl+E,
/// EditCustomers, once the caller's identity is verified) that opens the profile editor as
/// the "profile" sub-page (for a user without EditCustomers, the action "Profile" (Ctrl+E)
/// instead, opening it read-only), and the "Change history" section (order 80) with the last changes
/// and "Show all changes" opening the "history" sub-page.
void registerProfileUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user);

} // namespace Ud::Accounts
