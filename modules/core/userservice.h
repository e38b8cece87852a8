#pragma once

#include "passwordhasher.h"
#include "permissions.h"
#include "usercontext.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {

class AuditLog;
class Clock;
class Database;
class SqlQuery;

/// Users, sign-in and lock-out. Five failed sign-ins lock an account for 15 minutes; a
/// successful sign-in resets the count and re-hashes the password if the iteration count
/// has risen since it was stored. Every change and every sign-in attempt is audited.
/// User names are matched without regard to case ("Alice" signs in as "alice"), so two users
/// cannot differ only in case. Password hashing (about half a second at the production
/// iteration count) runs outside the database transaction, so it never holds the write lock.
class UserService
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::UserService)

public:
    static constexpr int MaxFailedAttempts = 5;
    static constexpr int LockoutSeconds = 15 * 60;
    static constexpr int MinimumPasswordLength = 10;

    struct User {
        QString id;
        QString userName;
        QString displayName;
        Role role = Role::Agent;
        bool disabled = false;
        int failedAttempts = 0;
        qint64 lockedUntil = 0;   ///< 0 when not locked
        qint64 createdAt = 0;
        qint64 lastSignInAt = 0;  ///< 0 when never
        QString region;           ///< where a field officer works (premises.region); empty for none
    };

    UserService(Database &db, AuditLog &audit, const Clock &clock, PasswordHasher hasher = {});

    /// For inline validation in forms: the sentence createUser() would throw for this user
    /// name or password, or an empty string when it is acceptable.
    static QString userNameProblem(const QString &userName);
    static QString passwordProblem(const QString &password);
    static QString displayNameProblem(const QString &displayName);
    static QString regionProblem(const QString &region);

    /// True once any user exists (the first run creates the administrator).
    bool hasUsers();
    /// First run only: creates an administrator when no user exists yet; audited as that user.
    /// Throws Error(Conflict) if users already exist.
    User createFirstAdministrator(const QString &userName, const QString &displayName, const QString &password);
    /// Requires ManageUsers. Throws Error(BadInput) naming the field (user name: 2-64 Latin
    /// letters, digits, dot, dash, underscore; password: at least MinimumPasswordLength characters) and
    /// Error(Conflict) if the name is taken.
    User createUser(const UserContext &actor, const QString &userName, const QString &displayName, Role role,
                    const QString &password, const QString &region = {});
    QList<User> list(const UserContext &actor);
    /// Requires ManageUsers; throws Error(NotFound) naming the user, and Error(BadInput) when
    /// the actor tries to disable their own user (which would lock them out mid-session).
    void setDisabled(const UserContext &actor, const QString &userName, bool disabled);
    /// Requires ManageUsers. The region (premises.region, matched exactly; empty for none)
    /// limits what a field officer sees from their next sign-in. Audited as "user.region".
    void setRegion(const UserContext &actor, const QString &userName, const QString &region);
    /// Requires ManageUsers; also clears a lock-out.
    void resetPassword(const UserContext &actor, const QString &userName, const QString &newPassword);

    /// Throws Error(Denied) with one sentence naming the user: wrong name or password (the
    /// same sentence for both), locked until a local time, or disabled. The context carries
    /// the user's region.
    UserContext signIn(const QString &userName, const QString &password);

private:
    struct StoredUser {
        User user;
        QString passwordHash;
        qint64 lockedUntil = 0; ///< as stored, even when already past
    };
    StoredUser readRow(const SqlQuery &query) const;
    std::optional<StoredUser> findByName(const QString &userName);
    std::optional<StoredUser> lockAndReadById(const QString &id);
    void validateNewUser(const QString &userName, const QString &displayName, const QString &password) const;
    void requireFreeName(const QString &userName);
    User insertUser(const QString &userName, const QString &displayName, Role role, const QString &passwordHash,
                    const QString &region, const UserContext *actor);
    /// Counts a wrong password (locking at the limit), audits it, and throws.
    [[noreturn]] void rejectWrongPassword(const QString &typedName, const StoredUser &user, qint64 now);

    Database &m_db;
    AuditLog &m_audit;
    const Clock &m_clock;
    PasswordHasher m_hasher;
};

} // namespace Ud::Core
