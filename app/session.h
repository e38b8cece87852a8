#pragma once

#include <core/usercontext.h>
#include <core/ui/jobtracker.h>
#include <core/ui/pagenavigator.h>
#include <core/ui/pageregistry.h>
#include <core/ui/uimodule.h>
#include <metering/ui/meteringuimodule.h>

#include <memory>
#include <vector>

namespace Ud::Metering {
class MeterSyncThread;
}

namespace Ud::Segments {
class SegmentRefreshScheduler;
}

namespace Ud::App {

class AppContext;
class LanguageManager;
class MainWindow;

/// Everything that exists while one user is signed in: the page registry filled by the UI
/// modules (constructed here with their modules' services, then initialised with the user),
/// the background-job tracker, the main window, and the meter-sync worker on its own thread
/// when drop folders are set up and the user may import meter data (it imports as that user,
/// so the audit log names who was signed in). Signing out destroys it; the next
/// sign-in builds a new one, so no page keeps the previous user's context.
class Session
{
public:
    Session(AppContext &context, LanguageManager &languages, const Core::UserContext &user);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    MainWindow &window() { return *m_window; }
    /// The running meter-sync worker's thread, or nullptr.
    Metering::MeterSyncThread *meterSync() const { return m_meterSync.get(); }
    Ui::JobTracker &jobs() { return m_jobs; }
    const Ui::PageRegistry &pages() const { return m_pages; }

private:
    Metering::MeteringUiModule::Options meterSyncOptions(AppContext &context, const Core::UserContext &user);
    void startMeterSync();

    // Declaration order is destruction order reversed: the window (and its pages) go first,
    // then the modules whose services the pages used.
    Ui::PageRegistry m_pages;
    Ui::JobTracker m_jobs;
    Ui::PageNavigator m_navigator;
    std::unique_ptr<Metering::MeterSyncThread> m_meterSync;
    /// Refreshes segments whose refresh interval has passed, for a user who manages segments.
    std::unique_ptr<Segments::SegmentRefreshScheduler> m_segmentRefresh;
    std::vector<std::unique_ptr<Ui::UiModule>> m_modules;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace Ud::App
