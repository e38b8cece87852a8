#pragma once

namespace Ud::Core {
class UserContext;
}
namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Accounts {

class AccountsModule;

/// Section ids and places on the customer page's Overview of what the accounts module
/// contributes; other modules fit theirs in between (the metering module's premises and
/// meters are at 20).
struct WorkspaceSections {
    static constexpr const char *AccountsId = "accounts";
    static constexpr int AccountsOrder = 10;
    static constexpr const char *AppliancesId = "appliances";
    static constexpr int AppliancesOrder = 30;
    static constexpr const char *ContactHistoryId = "contact_history";
    static constexpr int ContactHistoryOrder = 90;
    /// Contacts the history lists, newest first.
    static constexpr int ContactHistoryLimit = 20;
};

/// Registers the accounts module's customer-page sections: "Accounts" (number, status,
/// payment, market, opened on, supply address), "Appliances" and "Contact history" (the last
/// contacts, newest first). Each loads in the background and reloads on refresh.
void registerWorkspaceSections(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user);

} // namespace Ud::Accounts
