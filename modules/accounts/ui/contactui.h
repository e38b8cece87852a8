#pragma once

namespace Ud::Core {
class UserContext;
}

namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Accounts {

class AccountsModule;

/// Registers the contact handling of the customer workspace: the customer actions "Verify
/// identity…" (Ctrl+I, opens the IdentityPanel beside the record) and "Log contact…" (Ctrl+L,
/// opens the WrapUpPanel), and the "Contact codes" page for those who may change settings.
void registerContactUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user);

} // namespace Ud::Accounts
