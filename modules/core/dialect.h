#pragma once

#include "databaseurl.h"

#include <QString>
#include <QStringList>

namespace Ud::Core {

/// The few places where SQLite and PostgreSQL need different SQL. Everything else is written
/// once, in the common subset, with bound values.
class Dialect
{
public:
    explicit Dialect(DatabaseUrl::Backend backend) : m_backend(backend) {}

    DatabaseUrl::Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == DatabaseUrl::Backend::Sqlite; }
    bool isPostgres() const { return m_backend == DatabaseUrl::Backend::Postgres; }

    /// File suffix of migrations that only apply to this dialect ("sqlite" or "pg").
    QString migrationSuffix() const;
    /// SQL that yields one row if a table exists; binds :name.
    QString tableExistsSql() const;
    /// Case-insensitive prefix/substring match of `column` against a bound :param.
    QString caseInsensitiveLike(const QString &column, const QString &param) const;
    /// Statement that starts a transaction which takes the write lock at once, so that
    /// read-then-write sequences (audit chain, number sequences) cannot interleave.
    QString beginWriteTransactionSql() const;
    /// Inside a write transaction: serialise writers of one logical resource.
    /// Empty where beginWriteTransactionSql() already serialises (SQLite).
    QString lockResourceSql(const QString &resource) const;
    /// lockResourceSql() for several resources in one statement, taken in the order given:
    /// writers that lock several agree on an order, so that they never wait for each other.
    QString lockResourcesSql(const QStringList &resources) const;
    /// For "column IN (...)" with any number of values bound as the ONE parameter `param`, whose
    /// value is valueListParameter(values): SQLite reads it as a JSON array (json_each),
    /// PostgreSQL as an array of `pgType` ("uuid" for id columns).
    QString valueListSql(const QString &param, const QString &pgType = QStringLiteral("text")) const;
    QString valueListParameter(const QStringList &values) const;
    /// Cast a bound text parameter to the uuid column type.
    QString uuidParam(const QString &param) const;

private:
    DatabaseUrl::Backend m_backend;
};

} // namespace Ud::Core
