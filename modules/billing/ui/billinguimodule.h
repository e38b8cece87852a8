#pragma once

#include <core/ui/uimodule.h>

#include <QCoreApplication>

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class JobTracker;
}

namespace Ud::Billing {

class BillingModule;

/// The billing module's widgets. Each part registers its pages, customer sections and actions
/// from its own register function, called from initialize().
class BillingUiModule : public Ui::UiModule
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillingUiModule)
public:
    BillingUiModule(Core::Context &context, Ui::JobTracker &jobs, BillingModule &billing);

    QString name() const override { return QStringLiteral("billing_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

private:
    Core::Context &m_context;
    Ui::JobTracker &m_jobs;
    BillingModule &m_billing;
};

} // namespace Ud::Billing
