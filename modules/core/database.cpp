#include <QCoreApplication>
#include "database.h"

#include "error.h"
#include "sqlquery.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::Database)
};

QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype nl = trimmed.indexOf(QLatin1Char('\n'));
    return nl < 0 ? trimmed : trimmed.left(nl).trimmed();
}
} // namespace

Database::Database(DatabaseUrl url)
    : m_url(std::move(url)), m_dialect(m_url.backend()),
      m_prefix(QStringLiteral("ud-%1-").arg(QUuid::createUuid().toString(QUuid::Id128).left(12)))
{
}

Database::~Database()
{
    // Connections of other threads are removed by their workers; this removes what is left
    // (the owning thread's, and any a finished thread forgot) so that Qt does not warn.
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_names)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QSqlDatabase Database::connection()
{
    const QString name = m_prefix + QString::number(quintptr(QThread::currentThreadId()), 16);
    {
        QSqlDatabase existing = QSqlDatabase::database(name, false);
        if (existing.isValid() && existing.isOpen())
            return existing;
    }
    return open(name);
}

void Database::releaseThreadConnection()
{
    const QString name = m_prefix + QString::number(quintptr(QThread::currentThreadId()), 16);
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isValid())
            return;
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&m_mutex);
    m_names.remove(name);
}

QSqlDatabase Database::open(const QString &name)
{
    if (QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
    if (m_url.isSqlite()) {
        const QFileInfo file(m_url.filePath());
        if (file.exists()) {
            if (!file.isFile())
                throw Error(Error::Kind::Database, Tr::tr("The database path %1 is not a file.").arg(file.filePath()));
            // Checks the mode bits as well as access(): root may write anything, but a file the
            // user marked read-only must not be written behind their back.
            if (!file.isWritable() || !(file.permissions() & QFile::WriteOwner))
                throw Error(Error::Kind::Database,
                            Tr::tr("The database file %1 is read-only. UtilityDesk needs to write to it: "
                               "make it writable or choose another file.").arg(file.filePath()));
        } else if (!QDir().mkpath(file.absolutePath())) {
            throw Error(Error::Kind::Database,
                        Tr::tr("Cannot create the folder %1 for the database file.").arg(file.absolutePath()));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_url.filePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            const QString why = firstLine(db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw Error(Error::Kind::Database,
                        Tr::tr("Cannot open the database file %1: %2.").arg(m_url.filePath(), why));
        }
        try {
            configureSqlite(db);
        } catch (...) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw;
        }
        QMutexLocker lock(&m_mutex);
        m_names.insert(name);
        return db;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(m_url.host());
    db.setPort(m_url.port());
    db.setDatabaseName(m_url.databaseName());
    db.setUserName(m_url.userName());
    db.setPassword(m_url.password());
    db.setConnectOptions(m_url.connectOptions());
    if (!db.open()) {
        const QString why = firstLine(db.lastError().databaseText().isEmpty() ? db.lastError().text()
                                                                              : db.lastError().databaseText());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw Error(Error::Kind::Database,
                    Tr::tr("Cannot connect to the PostgreSQL database %1. Check that the server is running and "
                       "the URL, user and password are right.").arg(m_url.toDisplayString()),
                    why);
    }
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET client_min_messages TO warning"));
        q.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
    }
    QMutexLocker lock(&m_mutex);
    m_names.insert(name);
    return db;
}

void Database::configureSqlite(QSqlDatabase &db)
{
    QSqlQuery q(db);
    auto pragma = [&](const QString &sql) {
        if (!q.exec(sql)) {
            throw Error(Error::Kind::Database,
                        Tr::tr("The file %1 cannot be used as a database: %2.")
                            .arg(m_url.filePath(), firstLine(q.lastError().text())));
        }
    };
    // Reading the schema first turns "file is not a database" into a clear error at open time.
    pragma(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    pragma(QStringLiteral("PRAGMA journal_mode = WAL"));
    pragma(QStringLiteral("PRAGMA foreign_keys = ON"));
    pragma(QStringLiteral("PRAGMA synchronous = FULL"));
    pragma(QStringLiteral("PRAGMA temp_store = MEMORY"));
}

BulkWriteScope::BulkWriteScope(Database &db) : m_db(db)
{
    QSqlQuery q(m_db.connection());
    q.exec(m_db.dialect().isSqlite() ? QStringLiteral("PRAGMA synchronous = OFF")
                                     : QStringLiteral("SET synchronous_commit TO off"));
}

BulkWriteScope::~BulkWriteScope()
{
    QSqlQuery q(m_db.connection());
    q.exec(m_db.dialect().isSqlite() ? QStringLiteral("PRAGMA synchronous = FULL")
                                     : QStringLiteral("SET synchronous_commit TO on"));
}

} // namespace Ud::Core
