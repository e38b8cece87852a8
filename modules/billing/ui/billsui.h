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

/// Registers the bills part of billing_ui: the "Bill run" page (RunBilling) and the customer
/// page's "Bills" section (ViewCustomers).
void registerBillsUi(Ui::PageRegistry &pages, Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing,
                     const Core::UserContext &user);

} // namespace Ud::Billing
