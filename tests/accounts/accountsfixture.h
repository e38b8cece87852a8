#pragma once

#include <accounts/accountsmodule.h>
#include <accounts/accountservice.h>
#include <accounts/applianceservice.h>
#include <accounts/customerservice.h>
#include <accounts/interactionservice.h>
#include <accounts/meterservice.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/ids.h>
#include <core/keystore.h>
#include <core/module.h>
#include <core/passwordhasher.h>
#include <core/userservice.h>

#include <testdatabase.h>

#include <QThreadPool>

namespace Ud::Test {

/// The message of the Core::Error of `kind` that `call` throws, for comparing with what the
/// user is told; "wrong kind …" or "no error" otherwise, so a QCOMPARE shows what went wrong.
template<typename F>
QString errorOf(Core::Error::Kind kind, F call)
{
    try {
        call();
    } catch (const Core::Error &e) {
        if (e.kind() != kind)
            return QStringLiteral("wrong kind %1: %2").arg(int(e.kind())).arg(e.message());
        return e.message();
    }
    return QStringLiteral("no error");
}

/// The shared services a module gets from the composition root, built by hand over a test
/// database, and the accounts module initialised on them with site prefix "UD".
/// The clock stands at 2024-06-15 12:00 UTC.
struct AccountsFixture {
    static constexpr qint64 Now = 1718452800;

    explicit AccountsFixture(Core::Database &db)
        : database(db), clock(Now), audit(db, clock), users(db, audit, clock, Core::PasswordHasher::forTests(1000)),
          cipher((installTestMasterKey(), Core::KeyStore::load())),
          context{db, clock, audit, cipher, events, users}, module(QStringLiteral("UD"))
    {
        module.initialize(context);
    }
    /// Widgets made after the fixture are gone by now, but service calls they started in the
    /// background may still be running on the thread pool: they finish before the services
    /// (and then the test database) go.
    ~AccountsFixture() { QThreadPool::globalInstance()->waitForDone(); }

    Accounts::CustomerService &customers() { return module.customers(); }
    Accounts::AccountService &accounts() { return module.accounts(); }
    Accounts::MeterService &meters() { return module.meters(); }
    Accounts::ApplianceService &appliances() { return module.appliances(); }
    Accounts::InteractionService &interactions() { return module.interactions(); }

    static Core::UserContext agent() { return {QStringLiteral("00000000-0000-4000-8000-000000000001"), QStringLiteral("alice"), Core::Role::Agent}; }
    static Core::UserContext businessUser() { return {QStringLiteral("00000000-0000-4000-8000-000000000002"), QStringLiteral("bob"), Core::Role::BusinessUser}; }
    static Core::UserContext supervisor() { return {QStringLiteral("00000000-0000-4000-8000-000000000003"), QStringLiteral("carol"), Core::Role::Supervisor}; }

    static Accounts::Premise premise(const QString &line1, const QString &city, const QString &postcode,
                                     const QString &country, const QString &timeZone)
    {
        Accounts::Premise p;
        p.addressLine1 = line1;
        p.city = city;
        p.postcode = postcode;
        p.country = country;
        p.timeZone = timeZone;
        return p;
    }

    Core::Database &database;
    Core::ManualClock clock;
    Core::EventBus events;
    Core::AuditLog audit;
    Core::UserService users;
    Core::FieldCipher cipher;
    Core::Context context;
    Accounts::AccountsModule module;
};

} // namespace Ud::Test
