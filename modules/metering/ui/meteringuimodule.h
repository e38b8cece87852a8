#pragma once

#include "metersyncpagecontext.h"

#include <metering/importlog.h>

#include <core/ui/uimodule.h>

#include <QCoreApplication>

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class JobTracker;
}

namespace Ud::Metering {

class MeterSyncWorker;

/// The metering module's widgets: the "Meter sync" page (ImportMeterData) with its File-menu
/// action "Import Meter Files…" (Ctrl+I), the meter-sync state in the status bar, and the
/// customer page's "Premises and meters" section (ViewCustomers).
class MeteringUiModule : public Ui::UiModule
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::MeteringUiModule)
public:
    static constexpr const char *PageId = "metersync";
    static constexpr const char *StatusItemId = "metersync";

    struct Options {
        /// Default: an importer with the standard formats.
        ImporterFactory importer;
        /// Where files imported from the page go when rejected.
        QString quarantineDir;
        qint64 lateAfterSecs = ImportLog::DefaultLateAfterSecs;
        /// The running meter-sync worker (it lives on its own thread), or nullptr.
        MeterSyncWorker *worker = nullptr;
        /// Drop folders it watches; 0: meter sync is not set up.
        int watchedFolders = 0;
    };

    MeteringUiModule(Core::Context &context, Ui::JobTracker &jobs, Options options);

    QString name() const override { return QStringLiteral("metering_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

private:
    Core::Context &m_context;
    Ui::JobTracker &m_jobs;
    Options m_options;
    ImportLog m_log;
};

} // namespace Ud::Metering
