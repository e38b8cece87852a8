#include "session.h"

#include "appcontext.h"
#include "mainwindow.h"

#include <accounts/accountsmodule.h>
#include <accounts/ui/accountsuimodule.h>
#include <billing/billingmodule.h>
#include <billing/ui/billinguimodule.h>
#include <core/settings.h>
#include <core/ui/adminuimodule.h>
#include <metering/metersyncworker.h>
#include <metering/ui/meteringuimodule.h>
#include <segments/segmentrefreshscheduler.h>
#include <segments/segmentsmodule.h>
#include <segments/ui/segmentsuimodule.h>
#include <usage/ui/usageuimodule.h>

#include <QDir>
#include <QStandardPaths>
#include <QThreadPool>

namespace Ud::App {

Session::Session(AppContext &context, LanguageManager &languages, const Core::UserContext &user)
{
    // In the order the modules depend on each other, as AppContext creates them.
    if (auto *accounts = context.module<Accounts::AccountsModule>())
        m_modules.push_back(std::make_unique<Accounts::AccountsUiModule>(*accounts));
    m_modules.push_back(std::make_unique<Metering::MeteringUiModule>(context.context(), m_jobs,
                                                                     meterSyncOptions(context, user)));
    if (auto *billing = context.module<Billing::BillingModule>())
        m_modules.push_back(std::make_unique<Billing::BillingUiModule>(context.context(), m_jobs, *billing));
    m_modules.push_back(std::make_unique<Usage::UsageUiModule>(context.context()));
    if (auto *segments = context.module<Segments::SegmentsModule>())
        m_modules.push_back(std::make_unique<Segments::SegmentsUiModule>(context.context(), *segments, m_jobs, m_navigator));
    m_modules.push_back(std::make_unique<Ui::AdminUiModule>(context.context(), m_jobs));
    for (auto &module : m_modules)
        module->initialize(m_pages, user);
    m_window = std::make_unique<MainWindow>(m_pages, m_jobs, user, context.database().url(), languages);
    m_navigator.setHandler([window = m_window.get()](const QString &id) -> QWidget * {
        return window->showPage(id) ? window->pageWidget(id) : nullptr;
    });
    // Started once the window and its status item are connected, so no state is missed.
    startMeterSync();
    if (auto *segments = context.module<Segments::SegmentsModule>(); segments && user.can(Core::Permission::ManageSegments)) {
        m_segmentRefresh = std::make_unique<Segments::SegmentRefreshScheduler>(segments->segments(), context.database(), user);
        m_segmentRefresh->start();
    }
}

Metering::MeteringUiModule::Options Session::meterSyncOptions(AppContext &context, const Core::UserContext &user)
{
    const Core::Settings settings;
    Metering::MeteringUiModule::Options options;
    // The same folder `utilitydesk import` uses, so rejected files end up in one place.
    options.quarantineDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                                .filePath(QStringLiteral("quarantine"));
    const QStringList dirs = settings.meterSyncWatchDirs();
    options.watchedFolders = int(dirs.size());
    if (dirs.isEmpty() || !user.can(Core::Permission::ImportMeterData))
        return options;
    Metering::MeterSyncConfig config;
    config.watchDirs = dirs;
    config.pollSeconds = settings.meterSyncPollSeconds();
    m_meterSync = std::make_unique<Metering::MeterSyncThread>(context.context(), user, config);
    options.worker = m_meterSync->worker();
    return options;
}

void Session::startMeterSync()
{
    if (m_meterSync)
        m_meterSync->start();
}

Session::~Session()
{
    m_navigator.setHandler({});
    m_window.reset();
    // Interrupt, quit, wait: the file being imported rolls back and stays for the next run.
    m_meterSync.reset();
    // Cancels a running refresh between segments and waits for it.
    m_segmentRefresh.reset();
    // Work a page started (a password hash, an audit verification) still uses the services;
    // let it finish before the modules go.
    QThreadPool::globalInstance()->waitForDone();
}

} // namespace Ud::App
