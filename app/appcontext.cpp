#include "appcontext.h"

#include <accounts/accountsmodule.h>
#include <billing/billingmodule.h>
#include <core/keystore.h>
#include <core/migrator.h>
#include <metering/usageattributes.h>
#include <segments/segmentsmodule.h>

namespace Ud::App {

AppContext::AppContext(const Core::DatabaseUrl &url)
    : m_database(url),
      m_audit(m_database, m_clock),
      m_users(m_database, m_audit, m_clock),
      m_cipher(Core::KeyStore::load()),
      m_context{m_database, m_clock, m_audit, m_cipher, m_events, m_users}
{
}

AppContext::~AppContext()
{
    for (auto it = m_modules.rbegin(); it != m_modules.rend(); ++it)
        (*it)->aboutToShutdown();
}

void AppContext::open(bool migrate)
{
    Core::Migrator migrator(m_database);
    if (migrate)
        migrator.migrate();
    else
        migrator.checkNotNewer();
    if (m_initialized)
        return;
    // Dependency order (DESIGN.md): core services above, then the modules.
    m_modules.push_back(std::make_unique<Accounts::AccountsModule>());
    module<Accounts::AccountsModule>()->attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
    m_modules.push_back(std::make_unique<Billing::BillingModule>(module<Accounts::AccountsModule>()));
    // Last: it reads the attribute catalog every module above has filled.
    m_modules.push_back(std::make_unique<Segments::SegmentsModule>(*module<Accounts::AccountsModule>()));
    for (auto &m : m_modules)
        m->initialize(m_context);
    for (auto &m : m_modules)
        m->extensionsInitialized();
    m_initialized = true;
}

} // namespace Ud::App
