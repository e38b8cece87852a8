#include "testdatabase.h"

#include <core/keystore.h>
#include <core/migrator.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace Ud::Test {

namespace {
QString pgAdminUrl()
{
    return qEnvironmentVariable("UD_TEST_PG_URL");
}

// Runs one statement on the server's maintenance database (CREATE/DROP DATABASE).
void adminExec(const QString &sql)
{
    const auto url = Core::DatabaseUrl::parse(pgAdminUrl());
    const QString name = QStringLiteral("ud-test-admin");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setDatabaseName(url.databaseName());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        if (!db.open())
            qFatal("cannot reach UD_TEST_PG_URL: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
} // namespace

void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool backendAvailable(const QString &backend)
{
    return backend == QLatin1String("sqlite") || !pgAdminUrl().isEmpty();
}

void installTestMasterKey()
{
    // 32 fixed bytes, base64: tests must be repeatable and must not touch ~/.config.
    qputenv(Core::KeyStore::EnvironmentVariable, QByteArrayLiteral("dXRpbGl0eWRlc2stdGVzdC1rZXktMDEyMzQ1Njc4OWE="));
}

TestDatabase::TestDatabase(const QString &backend, bool migrate) : m_backend(backend)
{
    installTestMasterKey();
    if (isSqlite()) {
        m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("test.db"));
    } else {
        m_pgName = QStringLiteral("ud_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
        adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName));
        QUrl url(pgAdminUrl());
        url.setPath(QLatin1Char('/') + m_pgName);
        m_url = url.toString();
    }
    reopen();
    if (migrate)
        Core::Migrator(*m_db).migrate();
}

TestDatabase::~TestDatabase()
{
    close();
    if (!m_pgName.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
}

void TestDatabase::close()
{
    m_db.reset();
}

void TestDatabase::reopen()
{
    m_db = std::make_unique<Core::Database>(Core::DatabaseUrl::parse(m_url));
}

} // namespace Ud::Test
