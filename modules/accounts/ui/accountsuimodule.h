#pragma once

#include <core/ui/uimodule.h>

namespace Ud::Accounts {

class AccountsModule;

/// The accounts module's widgets: registers the Customers page (id "customers", first in
/// the sidebar, for users who may view customers).
class AccountsUiModule : public Ui::UiModule
{
public:
    explicit AccountsUiModule(AccountsModule &module);

    QString name() const override { return QStringLiteral("accounts_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

private:
    AccountsModule &m_module;
};

} // namespace Ud::Accounts
