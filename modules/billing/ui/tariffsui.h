#pragma once

namespace Ud::Core {
struct Context;
class UserContext;
}
namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Billing {

class BillingModule;

/// Registers the "Tariffs" page (ManageCatalog): the tariff editor with test-calculation.
void registerTariffsUi(Ui::PageRegistry &pages, Core::Context &context, BillingModule &billing, const Core::UserContext &user);

} // namespace Ud::Billing
