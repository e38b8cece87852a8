#pragma once

#include <core/database.h>

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Ud::Test {

/// Adds the "backend" column with rows "sqlite" and "postgresql" to a data-driven test, so
/// every database test runs on both. Use UD_TEST_DATABASE in the test body.
void addBackendRows();
/// True if the backend can be used here ("sqlite" always, "postgresql" when UD_TEST_PG_URL is set).
bool backendAvailable(const QString &backend);
/// A fixed master key for tests, so no test writes a key file into the user's config.
void installTestMasterKey();

/// A fresh database for one test: a SQLite file in a temporary folder, or a new PostgreSQL
/// database created on the server named by UD_TEST_PG_URL and dropped afterwards.
class TestDatabase
{
public:
    explicit TestDatabase(const QString &backend, bool migrate = true);
    ~TestDatabase();

    Core::Database &db() { return *m_db; }
    QString url() const { return m_url; }
    bool isSqlite() const { return m_backend == QLatin1String("sqlite"); }
    /// Closes every connection (so a test can reopen with another Database object).
    void close();
    void reopen();

private:
    QString m_backend;
    QString m_url;
    QString m_pgName;
    QTemporaryDir m_dir;
    std::unique_ptr<Core::Database> m_db;
};

} // namespace Ud::Test

/// Declares `var`, a fresh migrated TestDatabase for the current "backend" row, or skips.
#define UD_TEST_DATABASE(var)                                                        \
    QFETCH(QString, backend);                                                        \
    if (!Ud::Test::backendAvailable(backend))                                        \
        QSKIP("PostgreSQL tests need UD_TEST_PG_URL (the test command sets it)");    \
    Ud::Test::TestDatabase var(backend)
