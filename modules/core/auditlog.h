#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace Ud::Core {

class Clock;
class Database;
class UserContext;

/// The hash-chained audit log: who did what, when, with the record before and after.
/// Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical
/// content, so changing, deleting or reordering any entry breaks the chain from there on.
/// record() runs inside the caller's Transaction (it opens a nested one), so the audit entry
/// commits or rolls back with the change it describes. Writers are serialised (SQLite's write
/// lock, a PostgreSQL advisory lock) so two writers never chain onto the same predecessor.
/// The chain cannot show entries cut off the end of the log; keep a copy of the last hash
/// (Verification::lastHash) somewhere else to detect that.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::AuditLog)

public:
    /// The prev_hash of the first entry: 64 zeros.
    static QString genesisHash() { return QString(64, QLatin1Char('0')); }
    /// Rows verify() reads per query, so a large log is never loaded at once.
    static constexpr int VerifyPageSize = 1000;

    struct Entry {
        qint64 seq = 0;
        qint64 at = 0;          ///< UTC epoch seconds
        QString actor;
        QString actorRole;
        QString action;         ///< e.g. "customer.update", "user.sign_in_failed"
        QString entity;         ///< table or aggregate name
        QString entityId;
        QString beforeJson;
        QString afterJson;
        QString prevHash;
        QString hash;
    };
    struct Verification {
        bool intact = true;
        qint64 checked = 0;     ///< entries checked
        qint64 firstBadSeq = 0; ///< 0 when intact
        QString reason;         ///< translated sentence when not intact
        QString lastHash;       ///< hash of the last entry checked (genesisHash() for an empty log)
    };

    AuditLog(Database &db, const Clock &clock);

    void record(const UserContext &actor, const QString &action, const QString &entity,
                const QString &entityId, const QJsonObject &before, const QJsonObject &after);
    /// For actions by someone not signed in (failed sign-in): actor is the name typed and the
    /// actor role is empty.
    void recordAnonymous(const QString &actorName, const QString &action, const QString &entity,
                         const QString &entityId, const QJsonObject &after);

    /// Newest first; `limit` rows from `offset`. Requires ViewAuditLog.
    QList<Entry> list(const UserContext &user, int limit, int offset = 0);
    qint64 count(const UserContext &user);
    /// Walks the chain in order; reports the first entry whose hash or link is wrong.
    /// `progress(checked, total)` may be called from the calling thread.
    Verification verify(const std::function<void(qint64, qint64)> &progress = {});

    /// The canonical text hashed for an entry (exposed for tests): a version tag, then `at`,
    /// actor, actor role, action, entity, entity id, before and after JSON, each as its UTF-8
    /// byte length, ':' and the bytes. Length prefixes make it unambiguous whatever the fields
    /// contain, and it depends on no library's JSON formatting. seq is not part of it: the
    /// database assigns it on insert; the chain itself fixes the order.
    static QByteArray canonical(const Entry &entry);
    /// hex SHA-256 over prevHash, "\n" and canonical(entry).
    static QString computeHash(const QString &prevHash, const Entry &entry);

private:
    /// Chains `entry` onto the last one (sets at, prevHash, hash) and inserts it.
    void append(Entry &entry);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace Ud::Core
