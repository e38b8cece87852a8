#pragma once

#include <metering/importlog.h>
#include <metering/meterimporter.h>

#include <core/module.h>
#include <core/usercontext.h>

#include <functional>
#include <memory>

namespace Ud::Ui {
class JobTracker;
}

namespace Ud::Metering {

/// Makes the importer the page uses (on a worker thread); tests pass one with their own formats.
using ImporterFactory = std::function<std::unique_ptr<MeterImporter>()>;

/// What every view of the Meter Sync page works with.
struct MeterSyncPageContext {
    Core::Context &core;
    Ui::JobTracker &jobs;
    ImportLog &log;
    Core::UserContext user;
    ImporterFactory importer;
    QString quarantineDir;   ///< where files imported from the page are moved when rejected
    qint64 lateAfterSecs = ImportLog::DefaultLateAfterSecs;
};

} // namespace Ud::Metering
