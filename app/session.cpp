#include "session.h"

#include "appcontext.h"
#include "mainwindow.h"

#include <accounts/accountsmodule.h>
#include <accounts/ui/accountsuimodule.h>
#include <core/ui/adminuimodule.h>

#include <QThreadPool>

namespace Ud::App {

Session::Session(AppContext &context, LanguageManager &languages, const Core::UserContext &user)
{
    // In the order the modules depend on each other, as AppContext creates them.
    if (auto *accounts = context.module<Accounts::AccountsModule>())
        m_modules.push_back(std::make_unique<Accounts::AccountsUiModule>(*accounts));
    m_modules.push_back(std::make_unique<Ui::AdminUiModule>(context.context(), m_jobs));
    for (auto &module : m_modules)
        module->initialize(m_pages, user);
    m_window = std::make_unique<MainWindow>(m_pages, m_jobs, user, context.database().url(), languages);
}

Session::~Session()
{
    m_window.reset();
    // Work a page started (a password hash, an audit verification) still uses the services;
    // let it finish before the modules go.
    QThreadPool::globalInstance()->waitForDone();
}

} // namespace Ud::App
