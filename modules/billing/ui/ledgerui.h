#pragma once

namespace Ud::Core {
struct Context;
class UserContext;
}
namespace Ud::Ui {
class JobTracker;
class PageRegistry;
}

namespace Ud::Billing {

class BillingModule;

/// Registers the ledger's part of the customer page: the "Balance" section (BalanceSection).
void registerLedgerUi(Ui::PageRegistry &pages, Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing,
                      const Core::UserContext &user);

} // namespace Ud::Billing
