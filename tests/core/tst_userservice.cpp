#include "testdatabase.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/passwordhasher.h>
#include <core/sqlquery.h>
#include <core/userservice.h>

#include <QDateTime>
#include <QLocale>

#include <functional>
#include <optional>

using namespace Ud::Core;

namespace {
const qint64 Start = QDateTime(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC).toSecsSinceEpoch();
const QString AdminPassword = QStringLiteral("admin password 1");
const QString BobPassword = QStringLiteral("bob's password");

std::optional<Error> errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e;
    }
    return std::nullopt;
}

QString wrongMessage(const QString &name)
{
    return QStringLiteral("The user name or password is not right for \"%1\".").arg(name);
}

QString lockedMessage(const QString &name, qint64 until)
{
    return QStringLiteral("The user \"%1\" is locked after too many failed sign-ins until %2. Try again then, or "
                          "ask an administrator to reset the password.")
        .arg(name, QLocale().toString(QDateTime::fromSecsSinceEpoch(until).toLocalTime(), QLocale::ShortFormat));
}

// The services as the application wires them, with a hand-set clock and (unless a test needs
// the production cost) a cheap password hasher.
struct Services {
    explicit Services(Database &db, PasswordHasher hasher = PasswordHasher::forTests(1000))
        : clock(Start), audit(db, clock), users(db, audit, clock, hasher), db(db)
    {
    }

    UserContext admin()
    {
        if (!users.hasUsers())
            users.createFirstAdministrator(QStringLiteral("root.admin"), QStringLiteral("Root Admin"), AdminPassword);
        return users.signIn(QStringLiteral("root.admin"), AdminPassword);
    }

    struct Row {
        int failedAttempts = -1;
        QVariant lockedUntil;
        bool disabled = false;
        QVariant lastLoginAt;
        QString passwordHash;
        QString role;
        QString displayName;
    };
    Row row(const QString &userName)
    {
        SqlQuery q(db.connection(), QStringLiteral("SELECT failed_attempts, locked_until, disabled, last_login_at, "
                                                   "password_hash, role, display_name FROM users WHERE username = :u"));
        q.bind(QStringLiteral(":u"), userName).exec();
        Row r;
        if (q.next()) {
            r.failedAttempts = q.value(0).toInt();
            r.lockedUntil = q.value(1);
            r.disabled = q.value(2).toBool();
            r.lastLoginAt = q.value(3);
            r.passwordHash = q.value(4).toString();
            r.role = q.value(5).toString();
            r.displayName = q.value(6).toString();
        }
        return r;
    }
    /// "action actor" per audit entry, oldest first.
    QStringList auditTrail()
    {
        SqlQuery q(db.connection(), QStringLiteral("SELECT action, actor FROM audit_log ORDER BY seq"));
        q.exec();
        QStringList out;
        while (q.next())
            out.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString());
        return out;
    }

    ManualClock clock;
    AuditLog audit;
    UserService users;
    Database &db;
};
} // namespace

class TestUserService : public QObject
{
    Q_OBJECT

private slots:
    void firstAdministratorOnlyOnce_data() { Ud::Test::addBackendRows(); }
    void firstAdministratorOnlyOnce();
    void createUserValidatesAndNamesTheField_data() { Ud::Test::addBackendRows(); }
    void createUserValidatesAndNamesTheField();
    void onlyUserManagersManageUsers_data() { Ud::Test::addBackendRows(); }
    void onlyUserManagersManageUsers();
    void signInSucceedsAndIsRecorded_data() { Ud::Test::addBackendRows(); }
    void signInSucceedsAndIsRecorded();
    void wrongPasswordAndUnknownUserLookAlike_data() { Ud::Test::addBackendRows(); }
    void wrongPasswordAndUnknownUserLookAlike();
    void fiveFailuresLockForFifteenMinutes_data() { Ud::Test::addBackendRows(); }
    void fiveFailuresLockForFifteenMinutes();
    void disabledUserRefused_data() { Ud::Test::addBackendRows(); }
    void disabledUserRefused();
    void resetPasswordClearsLockOut_data() { Ud::Test::addBackendRows(); }
    void resetPasswordClearsLockOut();
    void productionHashUpgradedOnSignIn_data() { Ud::Test::addBackendRows(); }
    void productionHashUpgradedOnSignIn();
};

void TestUserService::firstAdministratorOnlyOnce()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    QVERIFY(!s.users.hasUsers());
    const UserService::User admin =
        s.users.createFirstAdministrator(QStringLiteral("root.admin"), QStringLiteral("Root Admin"), AdminPassword);
    QVERIFY(s.users.hasUsers());
    QCOMPARE(admin.role, Role::Admin);
    QCOMPARE(admin.createdAt, Start);
    QCOMPARE(s.row(QStringLiteral("root.admin")).role, QStringLiteral("admin"));
    QCOMPARE(s.row(QStringLiteral("root.admin")).displayName, QStringLiteral("Root Admin"));
    QVERIFY(s.row(QStringLiteral("root.admin")).passwordHash.startsWith(QLatin1String("pbkdf2-sha256$1000$")));
    // The first administrator is audited as themself.
    QCOMPARE(s.auditTrail(), QStringList{QStringLiteral("user.create root.admin")});

    const auto again = errorOf([&] {
        s.users.createFirstAdministrator(QStringLiteral("second"), QString(), QStringLiteral("another password"));
    });
    QVERIFY(again);
    QCOMPARE(again->kind(), Error::Kind::Conflict);
    QCOMPARE(SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM users")).scalar().toInt(), 1);
    QCOMPARE(s.auditTrail().size(), 1);
}

void TestUserService::createUserValidatesAndNamesTheField()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();

    struct Case {
        QString userName;
        QString password;
        QString mustContain;
    };
    const QList<Case> cases = {
        {QStringLiteral("a"), BobPassword, QStringLiteral("The user name \"a\"")},
        {QString(65, QLatin1Char('x')), BobPassword, QStringLiteral("The user name")},
        {QStringLiteral("bob smith"), BobPassword, QStringLiteral("The user name \"bob smith\"")},
        {QStringLiteral("bob@home"), BobPassword, QStringLiteral("The user name \"bob@home\"")},
        {QStringLiteral("bob"), QStringLiteral("short"), QStringLiteral("The password is too short: use at least 10 characters.")},
        // Nine Chinese characters are nine characters, not eighteen bytes.
        {QStringLiteral("bob"), QStringLiteral("一二三四五六七八九"), QStringLiteral("The password is too short")},
    };
    for (const Case &c : cases) {
        const auto error = errorOf([&] { s.users.createUser(admin, c.userName, QString(), Role::Agent, c.password); });
        QVERIFY2(error, qPrintable(c.userName + QLatin1Char('/') + c.password));
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(c.mustContain), qPrintable(error->message()));
    }
    QCOMPARE(SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM users")).scalar().toInt(), 1);
    QCOMPARE(UserService::userNameProblem(QStringLiteral("li.na_2-x")), QString());
    QVERIFY(!UserService::passwordProblem(QStringLiteral("short")).isEmpty());

    const UserService::User bob =
        s.users.createUser(admin, QStringLiteral("bob"), QStringLiteral("Bob Stone"), Role::FieldOfficer,
                           QStringLiteral("一二三四五六七八九十"));
    QCOMPARE(bob.role, Role::FieldOfficer);
    QCOMPARE(s.row(QStringLiteral("bob")).role, QStringLiteral("field_officer"));
    QCOMPARE(s.row(QStringLiteral("bob")).disabled, false);
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 0);

    for (const QString &taken : {QStringLiteral("bob"), QStringLiteral("BOB")}) {
        const auto duplicate = errorOf([&] {
            s.users.createUser(admin, taken, QString(), Role::Agent, BobPassword);
        });
        QVERIFY(duplicate);
        QCOMPARE(duplicate->kind(), Error::Kind::Conflict);
        QCOMPARE(duplicate->message(), QStringLiteral("The user name \"%1\" is already taken.").arg(taken));
    }
    // Audited by the administrator who did it; never with the password hash.
    QCOMPARE(s.auditTrail().last(), QStringLiteral("user.create root.admin"));
    const QList<AuditLog::Entry> entries = s.audit.list(admin, 100);
    for (const AuditLog::Entry &e : entries) {
        QVERIFY(!e.afterJson.contains(QLatin1String("pbkdf2")));
        QVERIFY(!e.beforeJson.contains(QLatin1String("pbkdf2")));
    }
    QVERIFY(entries.first().afterJson.contains(QLatin1String("\"username\":\"bob\"")));
    QVERIFY(entries.first().afterJson.contains(QLatin1String("\"role\":\"field_officer\"")));
}

void TestUserService::onlyUserManagersManageUsers()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("agent.amy"), QStringLiteral("Amy"), Role::Agent, BobPassword);
    s.users.createUser(admin, QStringLiteral("sup.sam"), QStringLiteral("Sam"), Role::Supervisor, BobPassword);
    const UserContext amy = s.users.signIn(QStringLiteral("agent.amy"), BobPassword);
    const UserContext sam = s.users.signIn(QStringLiteral("sup.sam"), BobPassword);
    QCOMPARE(amy.role(), Role::Agent);

    for (const UserContext &who : {amy, sam}) {
        const QList<std::function<void()>> calls = {
            [&] { s.users.createUser(who, QStringLiteral("newbie"), QString(), Role::Admin, BobPassword); },
            [&] { s.users.list(who); },
            [&] { s.users.setDisabled(who, QStringLiteral("root.admin"), true); },
            [&] { s.users.resetPassword(who, QStringLiteral("root.admin"), QStringLiteral("taken over now")); },
        };
        for (const auto &call : calls) {
            const auto error = errorOf(call);
            QVERIFY(error);
            QCOMPARE(error->kind(), Error::Kind::Denied);
            QVERIFY2(error->message().contains(who.userName()), qPrintable(error->message()));
        }
    }
    QCOMPARE(s.row(QStringLiteral("newbie")).failedAttempts, -1); // not created
    QCOMPARE(s.row(QStringLiteral("root.admin")).disabled, false);
    QVERIFY(s.users.signIn(QStringLiteral("root.admin"), AdminPassword).role() == Role::Admin);

    const QList<UserService::User> users = s.users.list(admin);
    QCOMPARE(users.size(), 3);
    QCOMPARE(users.at(0).userName, QStringLiteral("agent.amy"));
    QCOMPARE(users.at(2).userName, QStringLiteral("sup.sam"));
    QCOMPARE(users.at(2).role, Role::Supervisor);

    // An administrator cannot lock themself out.
    const auto self = errorOf([&] { s.users.setDisabled(admin, QStringLiteral("root.admin"), true); });
    QVERIFY(self);
    QCOMPARE(self->kind(), Error::Kind::BadInput);
    QCOMPARE(s.row(QStringLiteral("root.admin")).disabled, false);
    const auto missing = errorOf([&] { s.users.setDisabled(admin, QStringLiteral("nobody"), true); });
    QVERIFY(missing);
    QCOMPARE(missing->kind(), Error::Kind::NotFound);
    QCOMPARE(missing->message(), QStringLiteral("There is no user named \"nobody\"."));
}

void TestUserService::signInSucceedsAndIsRecorded()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("bob"), QStringLiteral("Bob"), Role::Agent, BobPassword);
    s.clock.advance(3600);

    const UserContext bob = s.users.signIn(QStringLiteral("bob"), BobPassword);
    QCOMPARE(bob.userName(), QStringLiteral("bob"));
    QCOMPARE(bob.role(), Role::Agent);
    QVERIFY(!bob.userId().isEmpty());
    QCOMPARE(s.row(QStringLiteral("bob")).lastLoginAt.toLongLong(), Start + 3600);
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 0);
    // The name is matched without regard to case and the stored spelling is returned.
    QCOMPARE(s.users.signIn(QStringLiteral("Bob"), BobPassword).userName(), QStringLiteral("bob"));
    QCOMPARE(s.auditTrail().last(), QStringLiteral("user.sign_in bob"));
    QCOMPARE(s.users.list(admin).at(0).lastSignInAt, Start + 3600);
    QVERIFY(s.audit.verify().intact);
}

void TestUserService::wrongPasswordAndUnknownUserLookAlike()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("bob"), QString(), Role::Agent, BobPassword);

    const auto wrong = errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("not bob's password")); });
    const auto unknown = errorOf([&] { s.users.signIn(QStringLiteral("bobby"), BobPassword); });
    QVERIFY(wrong && unknown);
    QCOMPARE(wrong->kind(), Error::Kind::Denied);
    QCOMPARE(unknown->kind(), Error::Kind::Denied);
    QCOMPARE(wrong->message(), wrongMessage(QStringLiteral("bob")));
    QCOMPARE(unknown->message(), wrongMessage(QStringLiteral("bobby")));
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 1);
    // Both failures are audited, under the name typed; the password never.
    const QStringList trail = s.auditTrail();
    QCOMPARE(trail.mid(trail.size() - 2),
             (QStringList{QStringLiteral("user.sign_in_failed bob"), QStringLiteral("user.sign_in_failed bobby")}));
    for (const AuditLog::Entry &e : s.audit.list(admin, 2))
        QVERIFY(!e.afterJson.contains(QLatin1String("not bob's password")) && !e.afterJson.contains(BobPassword));
}

void TestUserService::fiveFailuresLockForFifteenMinutes()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("bob"), QString(), Role::Agent, BobPassword);

    for (int i = 1; i <= 4; ++i) {
        s.clock.advance(10);
        const auto error = errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("guess %1").arg(i)); });
        QVERIFY(error);
        QCOMPARE(error->message(), wrongMessage(QStringLiteral("bob")));
        QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, i);
        QVERIFY(s.row(QStringLiteral("bob")).lockedUntil.isNull());
    }
    s.clock.advance(10);
    const qint64 lockedAt = s.clock.nowSecs();
    const auto fifth = errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("guess 5")); });
    QVERIFY(fifth);
    QCOMPARE(fifth->kind(), Error::Kind::Denied);
    QCOMPARE(fifth->message(), lockedMessage(QStringLiteral("bob"), lockedAt + 15 * 60));
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 5);
    QCOMPARE(s.row(QStringLiteral("bob")).lockedUntil.toLongLong(), lockedAt + 15 * 60);
    QCOMPARE(s.auditTrail().mid(s.auditTrail().size() - 2),
             (QStringList{QStringLiteral("user.sign_in_failed bob"), QStringLiteral("user.locked bob")}));

    // Even the right password is refused while locked, and the refusal is not counted.
    s.clock.advance(14 * 60);
    const auto whileLocked = errorOf([&] { s.users.signIn(QStringLiteral("bob"), BobPassword); });
    QVERIFY(whileLocked);
    QCOMPARE(whileLocked->kind(), Error::Kind::Denied);
    QCOMPARE(whileLocked->message(), lockedMessage(QStringLiteral("bob"), lockedAt + 15 * 60));
    QVERIFY(whileLocked->message().contains(QLatin1String("\"bob\"")));
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 5);
    QCOMPARE(s.row(QStringLiteral("bob")).lockedUntil.toLongLong(), lockedAt + 15 * 60);
    QCOMPARE(s.users.list(admin).at(0).lockedUntil, lockedAt + 15 * 60);

    // Fifteen minutes after the lock, a wrong guess counts from one again...
    s.clock.set(lockedAt + 15 * 60);
    const auto afterLock = errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("guess 6")); });
    QVERIFY(afterLock);
    QCOMPARE(afterLock->message(), wrongMessage(QStringLiteral("bob")));
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 1);
    QVERIFY(s.row(QStringLiteral("bob")).lockedUntil.isNull());
    // ...and the right password signs in and clears the count.
    QCOMPARE(s.users.signIn(QStringLiteral("bob"), BobPassword).userName(), QStringLiteral("bob"));
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 0);
    QVERIFY(s.row(QStringLiteral("bob")).lockedUntil.isNull());
    QCOMPARE(s.users.list(admin).at(0).lockedUntil, 0);

    const QStringList trail = s.auditTrail();
    QCOMPARE(trail.count(QStringLiteral("user.sign_in_failed bob")), 7);
    QCOMPARE(trail.count(QStringLiteral("user.locked bob")), 1);
    QCOMPARE(trail.last(), QStringLiteral("user.sign_in bob"));
    QVERIFY(s.audit.verify().intact);
}

void TestUserService::disabledUserRefused()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("bob"), QString(), Role::Agent, BobPassword);
    s.users.setDisabled(admin, QStringLiteral("bob"), true);
    QCOMPARE(s.row(QStringLiteral("bob")).disabled, true);
    QCOMPARE(s.users.list(admin).at(0).disabled, true);

    const auto refused = errorOf([&] { s.users.signIn(QStringLiteral("bob"), BobPassword); });
    QVERIFY(refused);
    QCOMPARE(refused->kind(), Error::Kind::Denied);
    QCOMPARE(refused->message(), QStringLiteral("The user \"bob\" is disabled. Ask an administrator to enable it."));
    QVERIFY(s.row(QStringLiteral("bob")).lastLoginAt.isNull());
    // Without the right password it looks like any wrong password.
    const auto guess = errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("a wrong guess")); });
    QVERIFY(guess);
    QCOMPARE(guess->message(), wrongMessage(QStringLiteral("bob")));

    s.users.setDisabled(admin, QStringLiteral("bob"), false);
    QCOMPARE(s.row(QStringLiteral("bob")).disabled, false);
    QCOMPARE(s.users.signIn(QStringLiteral("bob"), BobPassword).userName(), QStringLiteral("bob"));

    const QStringList trail = s.auditTrail();
    const QStringList expected = {QStringLiteral("user.disable root.admin"), QStringLiteral("user.sign_in_failed bob"),
                                  QStringLiteral("user.sign_in_failed bob"), QStringLiteral("user.enable root.admin"),
                                  QStringLiteral("user.sign_in bob")};
    QCOMPARE(trail.mid(trail.size() - expected.size()), expected);
    const AuditLog::Entry enable = s.audit.list(admin, 2).at(1);
    QCOMPARE(enable.beforeJson, QStringLiteral("{\"disabled\":true}"));
    QCOMPARE(enable.afterJson, QStringLiteral("{\"disabled\":false}"));
}

void TestUserService::resetPasswordClearsLockOut()
{
    UD_TEST_DATABASE(t);
    Services s(t.db());
    const UserContext admin = s.admin();
    s.users.createUser(admin, QStringLiteral("bob"), QString(), Role::Agent, BobPassword);
    for (int i = 0; i < UserService::MaxFailedAttempts; ++i)
        errorOf([&] { s.users.signIn(QStringLiteral("bob"), QStringLiteral("wrong guess")); });
    QVERIFY(!s.row(QStringLiteral("bob")).lockedUntil.isNull());

    const auto tooShort = errorOf([&] { s.users.resetPassword(admin, QStringLiteral("bob"), QStringLiteral("short")); });
    QVERIFY(tooShort);
    QCOMPARE(tooShort->kind(), Error::Kind::BadInput);
    QVERIFY(tooShort->message().contains(QLatin1String("password")));

    const QString before = s.row(QStringLiteral("bob")).passwordHash;
    s.users.resetPassword(admin, QStringLiteral("bob"), QStringLiteral("a brand new password"));
    QVERIFY(s.row(QStringLiteral("bob")).passwordHash != before);
    QCOMPARE(s.row(QStringLiteral("bob")).failedAttempts, 0);
    QVERIFY(s.row(QStringLiteral("bob")).lockedUntil.isNull());
    QCOMPARE(s.auditTrail().last(), QStringLiteral("user.password_reset root.admin"));
    const AuditLog::Entry reset = s.audit.list(admin, 1).first();
    QVERIFY(!reset.beforeJson.contains(QLatin1String("pbkdf2")) && !reset.afterJson.contains(QLatin1String("pbkdf2")));
    QVERIFY(reset.beforeJson.contains(QLatin1String("\"failed_attempts\":5")));

    // No waiting for the lock to run out; the old password no longer works.
    QCOMPARE(s.users.signIn(QStringLiteral("bob"), QStringLiteral("a brand new password")).userName(),
             QStringLiteral("bob"));
    QVERIFY(errorOf([&] { s.users.signIn(QStringLiteral("bob"), BobPassword); }));
    const auto missing = errorOf([&] { s.users.resetPassword(admin, QStringLiteral("nobody"), QStringLiteral("long enough pw")); });
    QVERIFY(missing);
    QCOMPARE(missing->kind(), Error::Kind::NotFound);
}

void TestUserService::productionHashUpgradedOnSignIn()
{
    UD_TEST_DATABASE(t);
    // Stored by an older configuration with fewer iterations...
    {
        Services old(t.db());
        const UserContext admin = old.admin();
        old.users.createUser(admin, QStringLiteral("bob"), QString(), Role::Agent, BobPassword);
        QVERIFY(old.row(QStringLiteral("bob")).passwordHash.startsWith(QLatin1String("pbkdf2-sha256$1000$")));
    }
    // ...and signed in through the production configuration, which the application uses.
    Services production(t.db(), PasswordHasher());
    QVERIFY(PasswordHasher().iterations() >= 600000);
    QCOMPARE(production.users.signIn(QStringLiteral("bob"), BobPassword).userName(), QStringLiteral("bob"));

    const QString upgraded = production.row(QStringLiteral("bob")).passwordHash;
    const QStringList parts = upgraded.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(1).toInt(), 600000);
    QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), 16);
    QVERIFY(PasswordHasher().verify(BobPassword, upgraded));
    QVERIFY(!PasswordHasher().needsRehash(upgraded));
    const AuditLog::Entry signIn = production.audit.list(UserContext::operatingSystemUser(), 1).first();
    QCOMPARE(signIn.action, QStringLiteral("user.sign_in"));
    QVERIFY(signIn.afterJson.contains(QLatin1String("\"password_rehashed\":true")));
    QVERIFY(!signIn.afterJson.contains(QLatin1String("pbkdf2")));

    // The next sign-in keeps the hash as it is.
    QCOMPARE(production.users.signIn(QStringLiteral("bob"), BobPassword).userName(), QStringLiteral("bob"));
    QCOMPARE(production.row(QStringLiteral("bob")).passwordHash, upgraded);
}

QTEST_GUILESS_MAIN(TestUserService)
#include "tst_userservice.moc"
