#pragma once

#include "databaseurl.h"
#include "dialect.h"

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace Ud::Core {

/// One database, reached through one named Qt SQL connection per thread. The object itself is
/// shared between threads; each thread that calls connection() gets (and keeps) its own
/// connection, which a worker releases with releaseThreadConnection() before its thread ends.
///
/// SQLite connections use WAL, foreign keys, a busy timeout and synchronous=FULL so that
/// interactive business writes are durable; BulkWriteScope relaxes that for idempotent imports.
class Database
{
public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseUrl &url() const { return m_url; }
    const Dialect &dialect() const { return m_dialect; }

    /// The calling thread's open connection; opens it on first use.
    /// Throws Error(Database) naming the URL or file when it cannot be opened.
    QSqlDatabase connection();
    /// Closes and removes the calling thread's connection.
    void releaseThreadConnection();

private:
    QSqlDatabase open(const QString &name);
    void configureSqlite(QSqlDatabase &db);

    DatabaseUrl m_url;
    Dialect m_dialect;
    QString m_prefix;
    QMutex m_mutex;
    QSet<QString> m_names;
};

/// While alive, the calling thread's connection trades durability for speed (SQLite
/// synchronous=OFF, PostgreSQL synchronous_commit=off). Only for idempotent bulk writes
/// (demo data, meter imports) that can simply be run again after a crash.
class BulkWriteScope
{
public:
    explicit BulkWriteScope(Database &db);
    ~BulkWriteScope();
    BulkWriteScope(const BulkWriteScope &) = delete;
    BulkWriteScope &operator=(const BulkWriteScope &) = delete;

private:
    Database &m_db;
};

} // namespace Ud::Core
