#include <QCoreApplication>
#include "migrator.h"

#include "database.h"
#include "error.h"
#include "sqlquery.h"
#include "transaction.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QScopeGuard>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::Migrator)
};
} // namespace

Migrator::Migrator(Database &db) : m_db(db)
{
    // File names: NNNN_name.sql (both), NNNN_name.sqlite.sql / NNNN_name.pg.sql (one dialect).
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)(?:\\.(sqlite|pg))?\\.sql$"));
    const QString suffix = db.dialect().migrationSuffix();
    QMap<int, Migration> byVersion;
    const QDir dir(QStringLiteral(":/sql"));
    for (const QString &file : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        const QString dialect = match.captured(3);
        if (!dialect.isEmpty() && dialect != suffix)
            continue;
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        Migration m;
        m.version = match.captured(1).toInt();
        m.name = match.captured(2);
        m.sql = QString::fromUtf8(f.readAll());
        byVersion.insert(m.version, m);
    }
    m_available = byVersion.values();
}

int Migrator::latestVersion() const
{
    return m_available.isEmpty() ? 0 : m_available.constLast().version;
}

int Migrator::currentVersion()
{
    QSqlDatabase db = m_db.connection();
    SqlQuery exists(db, m_db.dialect().tableExistsSql());
    exists.bind(QStringLiteral(":name"), QStringLiteral("schema_migrations"));
    if (!exists.exec().next())
        return 0;
    SqlQuery q(db, QStringLiteral("SELECT max(version) FROM schema_migrations"));
    return q.scalar(0).toInt();
}

void Migrator::checkNotNewer()
{
    const int current = currentVersion();
    if (current > latestVersion()) {
        throw Error(Error::Kind::Database,
                    Tr::tr("The database %1 was written by a newer version of UtilityDesk (schema %2; this "
                       "program knows schema %3). Install the newer UtilityDesk to open it.")
                        .arg(m_db.url().toDisplayString())
                        .arg(current)
                        .arg(latestVersion()));
    }
}

QSet<int> Migrator::appliedVersions()
{
    QSqlDatabase db = m_db.connection();
    SqlQuery exists(db, m_db.dialect().tableExistsSql());
    exists.bind(QStringLiteral(":name"), QStringLiteral("schema_migrations"));
    QSet<int> versions;
    if (!exists.exec().next())
        return versions;
    SqlQuery q(db, QStringLiteral("SELECT version FROM schema_migrations"));
    q.exec();
    while (q.next())
        versions.insert(q.value(0).toInt());
    return versions;
}

QList<Migrator::Migration> Migrator::pendingMigrations()
{
    const QSet<int> applied = appliedVersions();
    QList<Migration> pending;
    for (const Migration &m : m_available) {
        if (!applied.contains(m.version))
            pending << m;
    }
    return pending;
}

bool Migrator::isBehind()
{
    checkNotNewer();
    return !pendingMigrations().isEmpty();
}

int Migrator::migrate(const std::function<void(int, int)> &progress)
{
    checkNotNewer();
    QSqlDatabase db = m_db.connection();
    {
        Transaction tx(m_db);
        SqlQuery::run(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                         "applied_at BIGINT NOT NULL)"));
        tx.commit();
    }
    const QList<Migration> pending = pendingMigrations();
    int done = 0;
    for (const Migration &m : std::as_const(pending)) {
        // SQLite changes a column's constraints only by rebuilding the table, and dropping the
        // old table would cascade deletes into every table that references it. Such a migration
        // says so on its first line; it then runs with foreign keys off (which SQLite only allows
        // outside a transaction) and must leave no dangling reference, or it is rolled back.
        const bool rebuild = m_db.dialect().isSqlite() && m.sql.startsWith(QLatin1String("-- ud:foreign-keys-off"));
        if (rebuild)
            SqlQuery::run(db, QStringLiteral("PRAGMA foreign_keys = OFF"));
        const auto restoreForeignKeys = qScopeGuard([&] {
            if (rebuild)
                SqlQuery::run(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        });
        Transaction tx(m_db);
        // Another process may have migrated while we waited for the write lock.
        SqlQuery applied(db, QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = :v"));
        applied.bind(QStringLiteral(":v"), m.version);
        if (applied.exec().next())
            continue;
        for (const QString &statement : splitStatements(m.sql)) {
            try {
                SqlQuery::run(db, statement);
            } catch (const Error &e) {
                throw Error(Error::Kind::Database,
                            Tr::tr("Migration %1 (%2) failed on %3; nothing of it was applied. %4")
                                .arg(m.version)
                                .arg(m.name, m_db.url().toDisplayString(), e.message()),
                            e.detail());
            }
        }
        if (rebuild && SqlQuery(db, QStringLiteral("PRAGMA foreign_key_check")).exec().next()) {
            throw Error(Error::Kind::Database,
                        Tr::tr("Migration %1 (%2) failed on %3; nothing of it was applied. It would leave rows "
                               "that refer to missing rows.")
                            .arg(m.version)
                            .arg(m.name, m_db.url().toDisplayString()));
        }
        SqlQuery record(db, QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                           "VALUES (:v, :n, :t)"));
        record.bind(QStringLiteral(":v"), m.version)
            .bind(QStringLiteral(":n"), m.name)
            .bind(QStringLiteral(":t"), QDateTime::currentSecsSinceEpoch())
            .exec();
        tx.commit();
        ++done;
        if (progress)
            progress(done, int(pending.size()));
    }
    return done;
}

QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) || (trimmed.isEmpty() && current.isEmpty()))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            QString statement = current.trimmed();
            statement.chop(1);
            statements << statement;
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

} // namespace Ud::Core
