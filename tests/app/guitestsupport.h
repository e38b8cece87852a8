#pragma once

// Shared by the GUI tests: core services over a test database with a fast password hasher
// (the production cost of ~0.4 s per hash would make every sign-in test crawl), and
// settings kept away from the developer's own.

#include <testdatabase.h>

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/keystore.h>
#include <core/module.h>
#include <core/passwordhasher.h>
#include <core/settings.h>
#include <core/userservice.h>

#include <QSettings>
#include <QStandardPaths>

namespace Ud::Test {

/// QSettings under the test-mode folders, emptied: every test starts from a first start.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")).clear();
}

inline constexpr int FastIterations = 1000;

/// The services a module receives, built by hand as AppContext would, but with a fast hasher.
struct Services {
    explicit Services(Core::Database &db)
        : audit(db, clock), users(db, audit, clock, Core::PasswordHasher::forTests(FastIterations)),
          cipher(Core::KeyStore::load()), context{db, clock, audit, cipher, events, users}
    {
    }

    /// Creates a user as the operating-system user (as `utilitydesk user add` does).
    Core::UserService::User addUser(const QString &name, Core::Role role, const QString &password)
    {
        return users.createUser(Core::UserContext::operatingSystemUser(), name, name, role, password);
    }
    static Core::UserContext contextOf(const Core::UserService::User &user)
    {
        return Core::UserContext(user.id, user.userName, user.role);
    }

    Core::ManualClock clock{QDateTime::currentSecsSinceEpoch()};
    Core::EventBus events;
    Core::AuditLog audit;
    Core::UserService users;
    Core::FieldCipher cipher;
    Core::Context context;
};

} // namespace Ud::Test
