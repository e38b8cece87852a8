#pragma once

#include <core/ui/uimodule.h>

#include <QCoreApplication>

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class CustomerView;
}

namespace Ud::Usage {

/// The usage charts' widgets: the customer action "Usage" (Ctrl+U) that opens the usage chart
/// of the customer's premises as a sub-page, and the customer link "meter_usage" through which
/// the premises section's sparklines open it for one meter (ViewCustomers).
class UsageUiModule : public Ui::UiModule
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Usage::UsageUiModule)
public:
    static constexpr const char *ActionId = "usage";
    static constexpr const char *SubPageId = "usage";
    /// Ui::PageRegistry::customerLink() id; its argument is a meter id.
    static constexpr const char *MeterLinkId = "meter_usage";

    explicit UsageUiModule(Core::Context &context);

    QString name() const override { return QStringLiteral("usage_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

    /// Opens (or brings forward) the usage sub-page of the customer in `view`, for `meterId`
    /// when given. Returns the page.
    static QWidget *openUsage(Core::Context &context, const Core::UserContext &user, Ui::CustomerView &view,
                              const QString &meterId = {});

private:
    Core::Context &m_context;
};

} // namespace Ud::Usage
