#include "userservice.h"

#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "error.h"
#include "ids.h"
#include "sqlquery.h"
#include "transaction.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace Ud::Core {

namespace {
const QLatin1String Columns("id, username, display_name, role, disabled, failed_attempts, locked_until, created_at, "
                            "last_login_at, password_hash, region");
const QLatin1String Entity("users");
constexpr int MaximumDisplayNameLength = 200;
// As long as a premise's region may be.
constexpr int MaximumRegionLength = 100;

bool isUserNameChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
           || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('-')
           || c == QLatin1Char('_');
}

QJsonObject describe(const UserService::User &user)
{
    // Never the password hash: the audit log is readable by supervisors.
    return QJsonObject{
        {QStringLiteral("id"), user.id},
        {QStringLiteral("username"), user.userName},
        {QStringLiteral("display_name"), user.displayName},
        {QStringLiteral("role"), roleKey(user.role)},
        {QStringLiteral("disabled"), user.disabled},
        {QStringLiteral("region"), user.region},
    };
}

QString localTime(qint64 epochSecs)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(epochSecs).toLocalTime(), QLocale::ShortFormat);
}

// One sentence for an unknown name and a wrong password, so the message does not tell
// whether the user exists. It names what was typed.
Error wrongCredentials(const QString &typedName)
{
    return Error(Error::Kind::Denied,
                 UserService::tr("The user name or password is not right for \"%1\".").arg(typedName));
}

Error lockedOut(const QString &userName, qint64 lockedUntil)
{
    return Error(Error::Kind::Denied,
                 UserService::tr("The user \"%1\" is locked after too many failed sign-ins until %2. Try again "
                                 "then, or ask an administrator to reset the password.")
                     .arg(userName, localTime(lockedUntil)));
}

Error disabledUser(const QString &userName)
{
    return Error(Error::Kind::Denied,
                 UserService::tr("The user \"%1\" is disabled. Ask an administrator to enable it.").arg(userName));
}

QJsonObject failure(const QString &reason)
{
    return QJsonObject{{QStringLiteral("reason"), reason}};
}
} // namespace

UserService::UserService(Database &db, AuditLog &audit, const Clock &clock, PasswordHasher hasher)
    : m_db(db), m_audit(audit), m_clock(clock), m_hasher(hasher)
{
}

QString UserService::userNameProblem(const QString &userName)
{
    const bool lengthOk = userName.size() >= 2 && userName.size() <= 64;
    if (lengthOk && std::all_of(userName.begin(), userName.end(), isUserNameChar))
        return {};
    return tr("The user name \"%1\" cannot be used: use 2 to 64 characters, each a Latin letter, a digit, a dot, "
              "a dash or an underscore.")
        .arg(userName);
}

QString UserService::passwordProblem(const QString &password)
{
    // Counted in characters as the user sees them, not UTF-16 units.
    if (password.toUcs4().size() >= MinimumPasswordLength)
        return {};
    return tr("The password is too short: use at least %n characters.", nullptr, MinimumPasswordLength);
}

QString UserService::displayNameProblem(const QString &displayName)
{
    if (displayName.trimmed().toUcs4().size() <= MaximumDisplayNameLength)
        return {};
    return tr("The display name is too long: use at most %n characters.", nullptr, MaximumDisplayNameLength);
}

QString UserService::regionProblem(const QString &region)
{
    if (region.simplified().size() <= MaximumRegionLength)
        return {};
    return tr("The region is too long: use at most %n characters, as the premises' region is written.", nullptr,
              MaximumRegionLength);
}

void UserService::validateNewUser(const QString &userName, const QString &displayName, const QString &password) const
{
    for (const QString &problem : {userNameProblem(userName), displayNameProblem(displayName), passwordProblem(password)}) {
        if (!problem.isEmpty())
            throw Error(Error::Kind::BadInput, problem);
    }
}

bool UserService::hasUsers()
{
    return SqlQuery(m_db.connection(), QStringLiteral("SELECT 1 FROM users LIMIT 1")).scalar().isValid();
}

UserService::StoredUser UserService::readRow(const SqlQuery &q) const
{
    StoredUser s;
    s.user.id = q.value(0).toString();
    s.user.userName = q.value(1).toString();
    s.user.displayName = q.value(2).toString();
    const auto role = roleFromKey(q.value(3).toString());
    if (!role) {
        throw Error(Error::Kind::Database,
                    tr("The user \"%1\" has an unknown role \"%2\" in the database.")
                        .arg(s.user.userName, q.value(3).toString()));
    }
    s.user.role = *role;
    // Read with toBool(): SQLite stores 0/1, PostgreSQL a BOOLEAN.
    s.user.disabled = q.value(4).toBool();
    s.user.failedAttempts = q.value(5).toInt();
    s.lockedUntil = q.value(6).toLongLong();
    s.user.lockedUntil = s.lockedUntil > m_clock.nowSecs() ? s.lockedUntil : 0;
    s.user.createdAt = q.value(7).toLongLong();
    s.user.lastSignInAt = q.value(8).toLongLong();
    s.passwordHash = q.value(9).toString();
    s.user.region = q.value(10).toString();
    return s;
}

std::optional<UserService::StoredUser> UserService::findByName(const QString &userName)
{
    // lower() on both sides: user names are ASCII, where SQLite's and PostgreSQL's lower() agree.
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM users WHERE lower(username) = lower(:name)").arg(Columns));
    q.bind(QStringLiteral(":name"), userName).exec();
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

std::optional<UserService::StoredUser> UserService::lockAndReadById(const QString &id)
{
    // Must run inside a write Transaction. SQLite already holds the write lock (BEGIN
    // IMMEDIATE); on PostgreSQL an advisory lock per user keeps two concurrent sign-ins from
    // both reading the same failure count.
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("users:") + id);
    if (!lock.isEmpty())
        SqlQuery::run(m_db.connection(), lock);
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT username FROM users WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return findByName(q.value(0).toString());
}

void UserService::requireFreeName(const QString &userName)
{
    if (findByName(userName))
        throw Error(Error::Kind::Conflict, tr("The user name \"%1\" is already taken.").arg(userName));
}

UserService::User UserService::insertUser(const QString &userName, const QString &displayName, Role role,
                                          const QString &passwordHash, const QString &region, const UserContext *actor)
{
    User user;
    user.id = newId();
    user.userName = userName;
    user.displayName = displayName.trimmed().isEmpty() ? userName : displayName.trimmed();
    user.role = role;
    user.createdAt = m_clock.nowSecs();
    user.region = region.simplified();
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO users (id, username, display_name, role, password_hash, failed_attempts, "
                            "disabled, created_at, region) VALUES (:id, :username, :display, :role, :hash, 0, "
                            ":disabled, :created, :region)"))
        .bind(QStringLiteral(":id"), user.id)
        .bind(QStringLiteral(":username"), user.userName)
        .bind(QStringLiteral(":display"), user.displayName)
        .bind(QStringLiteral(":role"), roleKey(role))
        .bind(QStringLiteral(":hash"), passwordHash)
        .bind(QStringLiteral(":disabled"), false)
        .bind(QStringLiteral(":created"), user.createdAt)
        .bind(QStringLiteral(":region"), user.region.isNull() ? QStringLiteral("") : user.region)
        .exec();
    const UserContext self(user.id, user.userName, user.role, user.region);
    m_audit.record(actor ? *actor : self, QStringLiteral("user.create"), Entity, user.id, {}, describe(user));
    return user;
}

UserService::User UserService::createFirstAdministrator(const QString &userName, const QString &displayName,
                                                        const QString &password)
{
    validateNewUser(userName, displayName, password);
    if (hasUsers())
        throw Error(Error::Kind::Conflict,
                    tr("UtilityDesk already has users: sign in as an administrator to add more."));
    const QString hash = m_hasher.hash(password);

    Transaction tx(m_db);
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("users"));
    if (!lock.isEmpty())
        SqlQuery::run(tx.connection(), lock);
    // Checked again under the lock: two first runs at once must not both create an administrator.
    if (hasUsers())
        throw Error(Error::Kind::Conflict,
                    tr("UtilityDesk already has users: sign in as an administrator to add more."));
    User user = insertUser(userName, displayName, Role::Admin, hash, {}, nullptr);
    tx.commit();
    return user;
}

UserService::User UserService::createUser(const UserContext &actor, const QString &userName,
                                          const QString &displayName, Role role, const QString &password,
                                          const QString &region)
{
    actor.require(Permission::ManageUsers);
    validateNewUser(userName, displayName, password);
    if (const QString problem = regionProblem(region); !problem.isEmpty())
        throw Error(Error::Kind::BadInput, problem);
    // Fails fast before the half-second hash; checked again under the lock below.
    requireFreeName(userName);
    const QString hash = m_hasher.hash(password);

    Transaction tx(m_db);
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("users"));
    if (!lock.isEmpty())
        SqlQuery::run(tx.connection(), lock);
    requireFreeName(userName);
    User user = insertUser(userName, displayName, role, hash, region, &actor);
    tx.commit();
    return user;
}

QList<UserService::User> UserService::list(const UserContext &actor)
{
    actor.require(Permission::ManageUsers);
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM users ORDER BY lower(username)").arg(Columns));
    q.exec();
    QList<User> users;
    while (q.next())
        users.append(readRow(q).user);
    return users;
}

void UserService::setDisabled(const UserContext &actor, const QString &userName, bool disabled)
{
    actor.require(Permission::ManageUsers);
    Transaction tx(m_db);
    const auto found = findByName(userName);
    if (!found)
        throw Error(Error::Kind::NotFound, tr("There is no user named \"%1\".").arg(userName));
    if (disabled && found->user.id == actor.userId())
        throw Error(Error::Kind::BadInput,
                    tr("You cannot disable your own user \"%1\": ask another administrator.").arg(found->user.userName));
    if (found->user.disabled == disabled)
        return; // Nothing changes, so nothing to audit.
    SqlQuery(tx.connection(), QStringLiteral("UPDATE users SET disabled = :disabled WHERE id = :id"))
        .bind(QStringLiteral(":disabled"), disabled)
        .bind(QStringLiteral(":id"), found->user.id)
        .exec();
    m_audit.record(actor, disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"), Entity,
                   found->user.id, QJsonObject{{QStringLiteral("disabled"), !disabled}},
                   QJsonObject{{QStringLiteral("disabled"), disabled}});
    tx.commit();
}

void UserService::setRegion(const UserContext &actor, const QString &userName, const QString &region)
{
    actor.require(Permission::ManageUsers);
    if (const QString problem = regionProblem(region); !problem.isEmpty())
        throw Error(Error::Kind::BadInput, problem);
    const QString value = region.simplified();
    Transaction tx(m_db);
    const auto found = findByName(userName);
    if (!found)
        throw Error(Error::Kind::NotFound, tr("There is no user named \"%1\".").arg(userName));
    if (found->user.region == value)
        return; // Nothing changes, so nothing to audit.
    SqlQuery(tx.connection(), QStringLiteral("UPDATE users SET region = :region WHERE id = :id"))
        .bind(QStringLiteral(":region"), value.isNull() ? QStringLiteral("") : value)
        .bind(QStringLiteral(":id"), found->user.id)
        .exec();
    m_audit.record(actor, QStringLiteral("user.region"), Entity, found->user.id,
                   QJsonObject{{QStringLiteral("region"), found->user.region}},
                   QJsonObject{{QStringLiteral("region"), value}});
    tx.commit();
}

void UserService::resetPassword(const UserContext &actor, const QString &userName, const QString &newPassword)
{
    actor.require(Permission::ManageUsers);
    if (const QString problem = passwordProblem(newPassword); !problem.isEmpty())
        throw Error(Error::Kind::BadInput, problem);
    if (!findByName(userName))
        throw Error(Error::Kind::NotFound, tr("There is no user named \"%1\".").arg(userName));
    const QString hash = m_hasher.hash(newPassword);

    Transaction tx(m_db);
    const auto found = findByName(userName);
    if (!found)
        throw Error(Error::Kind::NotFound, tr("There is no user named \"%1\".").arg(userName));
    SqlQuery(tx.connection(), QStringLiteral("UPDATE users SET password_hash = :hash, failed_attempts = 0, "
                                             "locked_until = NULL WHERE id = :id"))
        .bind(QStringLiteral(":hash"), hash)
        .bind(QStringLiteral(":id"), found->user.id)
        .exec();
    m_audit.record(actor, QStringLiteral("user.password_reset"), Entity, found->user.id,
                   QJsonObject{{QStringLiteral("failed_attempts"), found->user.failedAttempts},
                               {QStringLiteral("locked_until"), found->user.lockedUntil ? QJsonValue(found->user.lockedUntil)
                                                                                         : QJsonValue()}},
                   QJsonObject{{QStringLiteral("failed_attempts"), 0}, {QStringLiteral("locked_until"), QJsonValue()}});
    tx.commit();
}

UserContext UserService::signIn(const QString &userName, const QString &password)
{
    const qint64 now = m_clock.nowSecs();
    const auto found = findByName(userName);
    if (!found) {
        // The same PBKDF2 work as for a real user, so the time taken does not tell whether
        // the name exists.
        static const QString dummy =
            QStringLiteral("pbkdf2-sha256$%1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        m_hasher.verify(password, dummy.arg(m_hasher.iterations()));
        m_audit.recordAnonymous(userName, QStringLiteral("user.sign_in_failed"), Entity, {},
                                failure(QStringLiteral("unknown_user")));
        throw wrongCredentials(userName);
    }
    const StoredUser &user = *found;
    if (user.lockedUntil > now) {
        // While locked the password is not even checked, so guessing gains nothing.
        m_audit.recordAnonymous(user.user.userName, QStringLiteral("user.sign_in_failed"), Entity, user.user.id,
                                failure(QStringLiteral("locked")));
        throw lockedOut(user.user.userName, user.lockedUntil);
    }
    if (!m_hasher.verify(password, user.passwordHash))
        rejectWrongPassword(userName, user, now);

    // Computed before the transaction: hashing takes about half a second at production cost.
    const QString upgraded = m_hasher.needsRehash(user.passwordHash) ? m_hasher.hash(password) : QString();

    Transaction tx(m_db);
    const auto current = lockAndReadById(user.user.id);
    if (!current || current->passwordHash != user.passwordHash) {
        // Deleted or given a new password while we checked the old one: no failure counted.
        throw wrongCredentials(userName);
    }
    if (current->lockedUntil > now) {
        m_audit.recordAnonymous(current->user.userName, QStringLiteral("user.sign_in_failed"), Entity,
                                current->user.id, failure(QStringLiteral("locked")));
        tx.commit();
        throw lockedOut(current->user.userName, current->lockedUntil);
    }
    if (current->user.disabled) {
        m_audit.recordAnonymous(current->user.userName, QStringLiteral("user.sign_in_failed"), Entity,
                                current->user.id, failure(QStringLiteral("disabled")));
        tx.commit();
        throw disabledUser(current->user.userName);
    }
    SqlQuery update(tx.connection(),
                    upgraded.isEmpty()
                        ? QStringLiteral("UPDATE users SET failed_attempts = 0, locked_until = NULL, "
                                         "last_login_at = :now WHERE id = :id")
                        : QStringLiteral("UPDATE users SET failed_attempts = 0, locked_until = NULL, "
                                         "last_login_at = :now, password_hash = :hash WHERE id = :id"));
    update.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":id"), current->user.id);
    if (!upgraded.isEmpty())
        update.bind(QStringLiteral(":hash"), upgraded);
    update.exec();
    const UserContext context(current->user.id, current->user.userName, current->user.role, current->user.region);
    m_audit.record(context, QStringLiteral("user.sign_in"), Entity, current->user.id, {},
                   QJsonObject{{QStringLiteral("last_login_at"), now},
                               {QStringLiteral("password_rehashed"), !upgraded.isEmpty()}});
    tx.commit();
    return context;
}

void UserService::rejectWrongPassword(const QString &typedName, const StoredUser &user, qint64 now)
{
    Transaction tx(m_db);
    const auto current = lockAndReadById(user.user.id);
    if (!current) {
        tx.commit();
        throw wrongCredentials(typedName);
    }
    const QString name = current->user.userName;
    if (current->lockedUntil > now) {
        // Another attempt locked the user while this one checked the password.
        m_audit.recordAnonymous(name, QStringLiteral("user.sign_in_failed"), Entity, current->user.id,
                                failure(QStringLiteral("locked")));
        tx.commit();
        throw lockedOut(name, current->lockedUntil);
    }
    // A lock-out that has run out starts the count afresh.
    const int previous = current->lockedUntil != 0 ? 0 : current->user.failedAttempts;
    const int failed = previous + 1;
    const bool lockNow = failed >= MaxFailedAttempts;
    const qint64 lockedUntil = now + LockoutSeconds;
    SqlQuery update(tx.connection(),
                    lockNow ? QStringLiteral("UPDATE users SET failed_attempts = :failed, locked_until = :until "
                                             "WHERE id = :id")
                            : QStringLiteral("UPDATE users SET failed_attempts = :failed, locked_until = NULL "
                                             "WHERE id = :id"));
    update.bind(QStringLiteral(":failed"), failed).bind(QStringLiteral(":id"), current->user.id);
    if (lockNow)
        update.bind(QStringLiteral(":until"), lockedUntil);
    update.exec();
    m_audit.recordAnonymous(name, QStringLiteral("user.sign_in_failed"), Entity, current->user.id,
                            QJsonObject{{QStringLiteral("reason"), QStringLiteral("wrong_password")},
                                        {QStringLiteral("failed_attempts"), failed}});
    if (lockNow) {
        m_audit.recordAnonymous(name, QStringLiteral("user.locked"), Entity, current->user.id,
                                QJsonObject{{QStringLiteral("failed_attempts"), failed},
                                            {QStringLiteral("locked_until"), lockedUntil}});
    }
    tx.commit();
    if (lockNow)
        throw lockedOut(name, lockedUntil);
    throw wrongCredentials(typedName);
}

} // namespace Ud::Core
