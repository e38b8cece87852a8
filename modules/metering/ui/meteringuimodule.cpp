#include "meteringuimodule.h"

#include "metersyncpage.h"
#include "metersyncstatus.h"
#include "premisessection.h"

#include <metering/metersyncworker.h>

#include <core/module.h>
#include <core/ui/pageregistry.h>

namespace Ud::Metering {

MeteringUiModule::MeteringUiModule(Core::Context &context, Ui::JobTracker &jobs, Options options)
    : m_context(context), m_jobs(jobs), m_options(std::move(options)), m_log(context.database, context.clock)
{
    if (!m_options.importer) {
        Core::Context *core = &m_context;
        m_options.importer = [core] { return std::make_unique<MeterImporter>(*core); };
    }
}

void MeteringUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    Ui::Page page;
    page.id = QLatin1String(PageId);
    page.order = 50;
    page.title = [] { return tr("Meter sync"); };
    page.icon = QStringLiteral(":/icons/metersync.svg");
    page.permission = Core::Permission::ImportMeterData;
    page.create = [this, user](QWidget *parent) -> QWidget * {
        auto *widget = new MeterSyncPage(
            MeterSyncPageContext{m_context, m_jobs, m_log, user, m_options.importer, m_options.quarantineDir,
                                 m_options.lateAfterSecs},
            parent);
        if (m_options.worker) {
            QObject::connect(m_options.worker, &MeterSyncWorker::fileFinished, widget, &MeterSyncPage::scheduleReload,
                             Qt::QueuedConnection);
        }
        return widget;
    };
    Ui::PageAction import;
    import.text = [] { return tr("&Import Meter Files…"); };
    import.shortcut = QKeySequence(Qt::CTRL | Qt::Key_I);
    import.icon = page.icon;
    import.trigger = [](QWidget *widget) {
        if (auto *meterSync = qobject_cast<MeterSyncPage *>(widget))
            meterSync->chooseAndImport();
    };
    page.actions << import;
    pages.add(std::move(page));

    Ui::StatusItem status;
    status.id = QLatin1String(StatusItemId);
    status.order = 10;
    status.permission = Core::Permission::ImportMeterData;
    status.create = [this, user](QWidget *parent) -> QWidget * {
        auto *widget = new MeterSyncStatus(m_log, m_context.database, m_context.clock, user, m_options.watchedFolders,
                                           parent);
        widget->attach(m_options.worker);
        return widget;
    };
    pages.addStatusItem(std::move(status));

    Ui::CustomerSection premises;
    premises.id = QLatin1String(PremisesSection::SectionId);
    premises.order = PremisesSection::SectionOrder;
    premises.title = [] { return PremisesSection::tr("Premises and meters"); };
    premises.permission = Core::Permission::ViewCustomers;
    Ui::PageRegistry *registry = &pages;
    premises.create = [this, user, registry](Ui::CustomerView &view, QWidget *parent) -> QWidget * {
        auto *section = new PremisesSection(m_context, user, view, parent);
        // The sparkline opens the usage chart when a module offers one (looked up now: every
        // module has registered by the time a customer page opens).
        if (const auto link = registry->customerLink(QStringLiteral("meter_usage")); link && user.can(link->permission)) {
            Ui::CustomerView *customer = &view;
            section->setUsageOpener([open = link->open, customer](const QString &meterId) { open(*customer, meterId); });
        }
        return section;
    };
    pages.addCustomerSection(std::move(premises));
}

} // namespace Ud::Metering
