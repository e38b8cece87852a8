#pragma once

#include <core/ui/uimodule.h>

namespace Ud::Accounts {

class AccountsModule;

/// The accounts module's widgets: registers the Customers page (id "customers", first in
/// the sidebar, for users who may view customers), the customer workspace, with its menu
/// entries Find Customer and Close Customer Tab, and the accounts module's customer-page
/// sections. It keeps the registry so the customer tabs list every module's sections and
/// actions, including those registered after it.
class AccountsUiModule : public Ui::UiModule
{
public:
    explicit AccountsUiModule(AccountsModule &module);

    QString name() const override { return QStringLiteral("accounts_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

    /// The registry given to initialize(), or nullptr before.
    Ui::PageRegistry *pages() const { return m_pages; }

private:
    AccountsModule &m_module;
    Ui::PageRegistry *m_pages = nullptr;
};

} // namespace Ud::Accounts
