// The database core: URLs, connections, migrations, transactions and the start-up refusals
// a user meets (newer schema, read-only file, unreachable server).

#include <testdatabase.h>

#include <core/database.h>
#include <core/error.h>
#include <core/migrator.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Ud;
using Core::Error;

class TestDatabaseCore : public QObject
{
    Q_OBJECT

private slots:
    void parsesUrls();
    void rejectsMalformedUrls_data();
    void rejectsMalformedUrls();
    void migratesInOrderAndRecords_data() { Test::addBackendRows(); }
    void migratesInOrderAndRecords();
    void refusesNewerDatabase_data() { Test::addBackendRows(); }
    void refusesNewerDatabase();
    void appliesAMissingMigrationBelowTheHighest_data() { Test::addBackendRows(); }
    void appliesAMissingMigrationBelowTheHighest();
    void transactionRollsBackUnlessCommitted_data() { Test::addBackendRows(); }
    void transactionRollsBackUnlessCommitted();
    void nestedTransactionsCommitOnce_data() { Test::addBackendRows(); }
    void nestedTransactionsCommitOnce();
    void eachThreadHasItsOwnConnection_data() { Test::addBackendRows(); }
    void eachThreadHasItsOwnConnection();
    void sqliteIsDurableWithWalAndForeignKeys();
    void refusesReadOnlyFile();
    void refusesFileThatIsNotADatabase();
    void reportsUnreachableServer();
    void failedMigrationLeavesNoPartialSchema();
};

void TestDatabaseCore::parsesUrls()
{
    const auto sqlite = Core::DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/ud/data.db"));
    QVERIFY(sqlite.isSqlite());
    QCOMPARE(sqlite.filePath(), QStringLiteral("/var/lib/ud/data.db"));

    const auto pg = Core::DatabaseUrl::parse(
        QStringLiteral("postgresql://ops:s3cret@db.example.org:6543/utilities?sslmode=require"));
    QVERIFY(!pg.isSqlite());
    QCOMPARE(pg.host(), QStringLiteral("db.example.org"));
    QCOMPARE(pg.port(), 6543);
    QCOMPARE(pg.userName(), QStringLiteral("ops"));
    QCOMPARE(pg.password(), QStringLiteral("s3cret"));
    QCOMPARE(pg.databaseName(), QStringLiteral("utilities"));
    QCOMPARE(pg.sslMode(), QStringLiteral("require"));
    QVERIFY(pg.connectOptions().contains(QStringLiteral("sslmode=require")));
    // The password never appears in what is shown to users or logs.
    QVERIFY(!pg.toDisplayString().contains(QStringLiteral("s3cret")));
    QVERIFY(pg.toDisplayString().contains(QStringLiteral("db.example.org")));

    QCOMPARE(Core::DatabaseUrl::parse(QStringLiteral("postgresql://u@h/d")).port(), 5432);
    const QString defaultPath = Core::DatabaseUrl::defaultUrl().filePath();
    QVERIFY2(defaultPath.endsWith(QStringLiteral("/UtilityDesk/utilitydesk.db")), qPrintable(defaultPath));
    QVERIFY2(!defaultPath.contains(QStringLiteral("UtilityDesk/UtilityDesk")), qPrintable(defaultPath));
}

void TestDatabaseCore::rejectsMalformedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("scheme") << QStringLiteral("mysql://u@h/d") << QStringLiteral("scheme");
    QTest::newRow("sqlite host") << QStringLiteral("sqlite://data.db") << QStringLiteral("three slashes");
    QTest::newRow("sqlite no file") << QStringLiteral("sqlite:///") << QStringLiteral("no database file");
    QTest::newRow("pg no host") << QStringLiteral("postgresql:///db") << QStringLiteral("host");
    QTest::newRow("pg no db") << QStringLiteral("postgresql://u@h:5432") << QStringLiteral("one database");
    QTest::newRow("pg bad sslmode") << QStringLiteral("postgresql://u@h/d?sslmode=maybe") << QStringLiteral("sslmode");
    QTest::newRow("pg unknown option") << QStringLiteral("postgresql://u@h/d?foo=1") << QStringLiteral("foo");
}

void TestDatabaseCore::rejectsMalformedUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    try {
        Core::DatabaseUrl::parse(url);
        QFAIL("accepted a malformed URL");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), Error::Kind::BadInput);
        QCOMPARE(e.exitCode(), 1);
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        QVERIFY2(e.message().contains(url.trimmed()), "the message names the URL");
    }
}

void TestDatabaseCore::migratesInOrderAndRecords()
{
    QFETCH(QString, backend);
    if (!Test::backendAvailable(backend))
        QSKIP("PostgreSQL tests need UD_TEST_PG_URL");
    Test::TestDatabase t(backend, /*migrate=*/false);
    Core::Migrator migrator(t.db());
    QVERIFY(migrator.available().size() >= 2);
    QCOMPARE(migrator.currentVersion(), 0);
    QVERIFY(migrator.isBehind());
    QList<int> seen;
    const int applied = migrator.migrate([&](int done, int) { seen << done; });
    QCOMPARE(applied, int(migrator.available().size()));
    QCOMPARE(seen.size(), applied);
    QCOMPARE(migrator.currentVersion(), migrator.latestVersion());

    Core::SqlQuery q(t.db().connection(), QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
    q.exec();
    int previous = 0;
    int rows = 0;
    while (q.next()) {
        QVERIFY(q.value(0).toInt() > previous);
        previous = q.value(0).toInt();
        ++rows;
    }
    QCOMPARE(rows, applied);
    // The shipped markets are there: three currencies at least.
    Core::SqlQuery currencies(t.db().connection(), QStringLiteral("SELECT count(DISTINCT currency) FROM markets"));
    QVERIFY(currencies.scalar().toInt() >= 3);
    // Running again is a no-op.
    QCOMPARE(migrator.migrate(), 0);
}

void TestDatabaseCore::appliesAMissingMigrationBelowTheHighest()
{
    // A database upgraded by a build that carried a later migration first (16 before 14 and
    // 15 existed) has a gap below its highest version: migrate() fills it. Here migration 16
    // (two indexes) is taken out again as if it had never run.
    UD_TEST_DATABASE(t);
    {
        // On a connection of its own: SQLite changes no schema under statements it has open.
        Core::Database other(Core::DatabaseUrl::parse(t.url()));
        Core::SqlQuery::run(other.connection(), QStringLiteral("DROP INDEX accounts_customer_first"));
        Core::SqlQuery::run(other.connection(), QStringLiteral("DROP INDEX ledger_entries_account_amount"));
        Core::SqlQuery::run(other.connection(), QStringLiteral("DELETE FROM schema_migrations WHERE version = 16"));
        other.releaseThreadConnection();
    }
    Core::Migrator migrator(t.db());
    QVERIFY(migrator.latestVersion() > 16);
    QCOMPARE(migrator.currentVersion(), migrator.latestVersion());
    QVERIFY(migrator.isBehind());
    QCOMPARE(migrator.migrate(), 1);
    QVERIFY(!migrator.isBehind());
    Core::SqlQuery q(t.db().connection(), QStringLiteral("SELECT name FROM schema_migrations WHERE version = 16"));
    QCOMPARE(q.scalar().toString(), QStringLiteral("billing_attributes"));
    Core::SqlQuery index(t.db().connection(), t.db().dialect().isSqlite()
                                                  ? QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts_customer_first'")
                                                  : QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'accounts_customer_first'"));
    QCOMPARE(index.scalar().toInt(), 1);
}

void TestDatabaseCore::refusesNewerDatabase()
{
    UD_TEST_DATABASE(t);
    Core::Migrator migrator(t.db());
    const int future = migrator.latestVersion() + 1;
    Core::SqlQuery(t.db().connection(),
                   QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, 'future', 0)"))
        .bind(QStringLiteral(":v"), future)
        .exec();
    try {
        Core::Migrator(t.db()).migrate();
        QFAIL("a newer database was accepted");
    } catch (const Error &e) {
        QCOMPARE(e.exitCode(), 3);
        QVERIFY2(e.message().contains(QStringLiteral("newer version")), qPrintable(e.message()));
        QVERIFY(e.message().contains(QString::number(future)));
    }
}

void TestDatabaseCore::transactionRollsBackUnlessCommitted()
{
    UD_TEST_DATABASE(t);
    auto count = [&] {
        return Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM markets")).scalar().toInt();
    };
    const int before = count();
    {
        Core::Transaction tx(t.db());
        Core::SqlQuery(tx.connection(), QStringLiteral("INSERT INTO markets (code, name, country, currency) "
                                                       "VALUES ('FR', 'France', 'FR', 'EUR')"))
            .exec();
        QCOMPARE(count(), before + 1);
    }
    QCOMPARE(count(), before);
    {
        Core::Transaction tx(t.db());
        Core::SqlQuery(tx.connection(), QStringLiteral("INSERT INTO markets (code, name, country, currency) "
                                                       "VALUES ('FR', 'France', 'FR', 'EUR')"))
            .exec();
        tx.commit();
    }
    QCOMPARE(count(), before + 1);
    // A constraint violation is a Conflict the user can understand, and nothing is half-written.
    try {
        Core::Transaction tx(t.db());
        Core::SqlQuery(tx.connection(), QStringLiteral("INSERT INTO markets (code, name, country, currency) "
                                                       "VALUES ('IT', 'Italy', 'IT', 'EUR')"))
            .exec();
        Core::SqlQuery(tx.connection(), QStringLiteral("INSERT INTO markets (code, name, country, currency) "
                                                       "VALUES ('FR', 'France', 'FR', 'EUR')"))
            .exec();
        tx.commit();
        QFAIL("duplicate key accepted");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), Error::Kind::Conflict);
        QVERIFY(!e.message().contains(QStringLiteral("INSERT")));
    }
    QCOMPARE(count(), before + 1);
}

void TestDatabaseCore::nestedTransactionsCommitOnce()
{
    UD_TEST_DATABASE(t);
    auto count = [&] {
        return Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM markets")).scalar().toInt();
    };
    const int before = count();
    {
        Core::Transaction outer(t.db());
        {
            Core::Transaction inner(t.db());
            QVERIFY(!inner.isOutermost());
            Core::SqlQuery(inner.connection(), QStringLiteral("INSERT INTO markets (code, name, country, currency) "
                                                              "VALUES ('NL', 'Netherlands', 'NL', 'EUR')"))
                .exec();
            inner.commit();
        }
        // The outer unit of work is abandoned: the inner commit must not have made it durable.
    }
    QCOMPARE(count(), before);
}

void TestDatabaseCore::eachThreadHasItsOwnConnection()
{
    UD_TEST_DATABASE(t);
    const QString mine = t.db().connection().connectionName();
    // A real thread: QtConcurrent may run a task inline in the waiting thread.
    QString theirs;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        const QString name = t.db().connection().connectionName();
        const int markets =
            Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM markets")).scalar().toInt();
        t.db().releaseThreadConnection();
        theirs = markets > 0 ? name : QString();
    }));
    thread->start();
    QVERIFY(thread->wait(30000));
    QVERIFY(!theirs.isEmpty());
    QVERIFY(mine != theirs);
}

void TestDatabaseCore::sqliteIsDurableWithWalAndForeignKeys()
{
    Test::TestDatabase t(QStringLiteral("sqlite"));
    auto pragma = [&](const QString &name) {
        return Core::SqlQuery(t.db().connection(), QStringLiteral("PRAGMA ") + name).scalar().toString();
    };
    QCOMPARE(pragma(QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(pragma(QStringLiteral("foreign_keys")), QStringLiteral("1"));
    QCOMPARE(pragma(QStringLiteral("synchronous")), QStringLiteral("2")); // FULL
    QVERIFY(pragma(QStringLiteral("busy_timeout")).toInt() >= 5000);
    {
        Core::BulkWriteScope bulk(t.db());
        QCOMPARE(pragma(QStringLiteral("synchronous")), QStringLiteral("0"));
    }
    QCOMPARE(pragma(QStringLiteral("synchronous")), QStringLiteral("2"));
}

void TestDatabaseCore::refusesReadOnlyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("readonly.db"));
    {
        Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
        Core::Migrator(db).migrate();
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup);
    Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
    try {
        db.connection();
        QFAIL("a read-only file was opened for writing");
    } catch (const Error &e) {
        QCOMPARE(e.exitCode(), 3);
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
        QVERIFY(e.message().contains(QStringLiteral("read-only")));
    }
}

void TestDatabaseCore::refusesFileThatIsNotADatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
    try {
        db.connection();
        QFAIL("garbage accepted as a database");
    } catch (const Error &e) {
        QCOMPARE(e.exitCode(), 3);
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
    }
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray(4096, 'x')); // the user's file is untouched
}

void TestDatabaseCore::reportsUnreachableServer()
{
    // Port 1 on loopback: nothing listens there.
    Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("postgresql://ud:pw@127.0.0.1:1/utilitydesk")));
    try {
        db.connection();
        QFAIL("connected to nothing");
    } catch (const Error &e) {
        QCOMPARE(e.exitCode(), 3);
        QVERIFY2(e.message().contains(QStringLiteral("127.0.0.1:1")), qPrintable(e.message()));
        QVERIFY(!e.message().contains(QStringLiteral("pw@")));
    }
}

void TestDatabaseCore::failedMigrationLeavesNoPartialSchema()
{
    // A statement list whose second statement fails must leave nothing behind.
    Test::TestDatabase t(QStringLiteral("sqlite"), false);
    QSqlDatabase db = t.db().connection();
    try {
        Core::Transaction tx(t.db());
        Core::SqlQuery::run(db, QStringLiteral("CREATE TABLE partial_a (x INTEGER)"));
        Core::SqlQuery::run(db, QStringLiteral("CREATE TABLE partial_b (x INTEGER REFERENCES nowhere(y) oops)"));
        tx.commit();
        QFAIL("bad statement accepted");
    } catch (const Error &) {
    }
    Core::SqlQuery exists(db, t.db().dialect().tableExistsSql());
    exists.bind(QStringLiteral(":name"), QStringLiteral("partial_a"));
    QVERIFY(!exists.exec().next());
    QCOMPARE(Core::Migrator::splitStatements(QStringLiteral("-- note\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n")).size(), 2);
}

QTEST_GUILESS_MAIN(TestDatabaseCore)
#include "tst_database.moc"
