#include "usageuimodule.h"

#include "usagechartpage.h"

#include <core/module.h>
#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>

namespace Ud::Usage {

UsageUiModule::UsageUiModule(Core::Context &context) : m_context(context) {}

QWidget *UsageUiModule::openUsage(Core::Context &context, const Core::UserContext &user, Ui::CustomerView &view,
                                  const QString &meterId)
{
    auto *page = new UsageChartPage(context, user, view.customerId(), meterId);
    const void *created = page;
    QWidget *shown = view.openSubPage(QLatin1String(SubPageId), UsageChartPage::tr("Usage"), page);
    // A usage page already open was brought forward (and `page` deleted): show the meter there.
    if (shown != created && !meterId.isEmpty())
        if (auto *existing = qobject_cast<UsageChartPage *>(shown))
            existing->showMeter(meterId);
    if (shown)
        shown->setFocus();
    return shown;
}

void UsageUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    Core::Context *context = &m_context;

    Ui::CustomerAction usage;
    usage.id = QLatin1String(ActionId);
    usage.order = 30;
    usage.text = [] { return tr("&Usage"); };
    usage.shortcut = QKeySequence(Qt::CTRL | Qt::Key_U);
    usage.permission = Core::Permission::ViewCustomers;
    // Showing the caller's use changes nothing, so it needs no verified identity.
    usage.needsVerifiedIdentity = false;
    usage.trigger = [context, user](Ui::CustomerView &view) { openUsage(*context, user, view); };
    pages.addCustomerAction(std::move(usage));

    Ui::CustomerLink meter;
    meter.id = QLatin1String(MeterLinkId);
    meter.permission = Core::Permission::ViewCustomers;
    meter.open = [context, user](Ui::CustomerView &view, const QString &meterId) {
        openUsage(*context, user, view, meterId);
    };
    pages.addCustomerLink(std::move(meter));
}

} // namespace Ud::Usage
