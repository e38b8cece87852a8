#pragma once

#include <core/usercontext.h>
#include <core/ui/jobtracker.h>
#include <core/ui/pageregistry.h>
#include <core/ui/uimodule.h>

#include <memory>
#include <vector>

namespace Ud::App {

class AppContext;
class LanguageManager;
class MainWindow;

/// Everything that exists while one user is signed in: the page registry filled by the UI
/// modules (constructed here with their modules' services, then initialised with the user),
/// the background-job tracker and the main window. Signing out destroys it; the next
/// sign-in builds a new one, so no page keeps the previous user's context.
class Session
{
public:
    Session(AppContext &context, LanguageManager &languages, const Core::UserContext &user);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    MainWindow &window() { return *m_window; }
    Ui::JobTracker &jobs() { return m_jobs; }
    const Ui::PageRegistry &pages() const { return m_pages; }

private:
    // Declaration order is destruction order reversed: the window (and its pages) go first,
    // then the modules whose services the pages used.
    Ui::PageRegistry m_pages;
    Ui::JobTracker m_jobs;
    std::vector<std::unique_ptr<Ui::UiModule>> m_modules;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace Ud::App
