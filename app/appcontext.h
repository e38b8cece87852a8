#pragma once

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/module.h>
#include <core/userservice.h>

#include <memory>
#include <vector>

namespace Ud::App {

/// The composition root: creates the shared services once and the modules in dependency
/// order, and hands each module the Context. Used by the command line and the GUI alike.
class AppContext
{
public:
    explicit AppContext(const Core::DatabaseUrl &url);
    ~AppContext();

    /// Connects, refuses a database newer than the program and, if `migrate`, applies
    /// pending migrations; then initialises the modules. Throws Core::Error.
    void open(bool migrate = true);

    Core::Database &database() { return m_database; }
    const Core::Clock &clock() const { return m_clock; }
    Core::AuditLog &audit() { return m_audit; }
    Core::UserService &users() { return m_users; }
    const Core::FieldCipher &cipher() const { return m_cipher; }
    Core::EventBus &events() { return m_events; }
    Core::Context &context() { return m_context; }

    /// The module of type T (nullptr before open()).
    template<typename T>
    T *module() const
    {
        for (const auto &m : m_modules) {
            if (auto *typed = dynamic_cast<T *>(m.get()))
                return typed;
        }
        return nullptr;
    }

private:
    Core::Database m_database;
    Core::Clock m_clock;
    Core::EventBus m_events;
    Core::AuditLog m_audit;
    Core::UserService m_users;
    Core::FieldCipher m_cipher;
    Core::Context m_context;
    std::vector<std::unique_ptr<Core::Module>> m_modules;
    bool m_initialized = false;
};

} // namespace Ud::App
