// The command line as an operator uses it: the real utilitydesk binary, its output, its exit
// codes (0 ok, 1 bad input, 2 usage, 3 database) and what it leaves in the database.

#include <testdatabase.h>

#include <core/sqlquery.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;

namespace {
struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run utilitydesk(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("UD_BINARY"), args);
    if (!p.waitForStarted())
        return {};
    p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QStringList withDb(const QString &url, QStringList args)
{
    return QStringList{QStringLiteral("--database"), url} + args;
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void versionAndHelp();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void malformedUrlExitsOne();
    void unreachableServerExitsThree();
    void readOnlyFileExitsThree();
    void newerDatabaseExitsThreeAndIsUntouched_data() { Test::addBackendRows(); }
    void newerDatabaseExitsThreeAndIsUntouched();
    void migrateCreatesSchema_data() { Test::addBackendRows(); }
    void migrateCreatesSchema();
    void usersAreManagedAndAuditedAsTheOsUser_data() { Test::addBackendRows(); }
    void usersAreManagedAndAuditedAsTheOsUser();
    void fieldOfficerRegionIsSetOnTheCommandLine_data() { Test::addBackendRows(); }
    void fieldOfficerRegionIsSetOnTheCommandLine();
    void auditVerifyFindsTampering_data() { Test::addBackendRows(); }
    void auditVerifyFindsTampering();
    void demoFillsTheDatabase_data() { Test::addBackendRows(); }
    void demoFillsTheDatabase();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
    Test::installTestMasterKey();
}

void TestCli::versionAndHelp()
{
    const Run version = utilitydesk({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY2(version.out.startsWith(QStringLiteral("UtilityDesk 0.")), qPrintable(version.out));
    const Run help = utilitydesk({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    for (const char *word : {"migrate", "user add", "demo", "audit verify", "--database", "Exit codes"})
        QVERIFY2(help.out.contains(QLatin1String(word)), word);
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("migrate"), QStringLiteral("--colour")}
                                    << QStringLiteral("--colour");
    QTest::newRow("missing value") << QStringList{QStringLiteral("migrate"), QStringLiteral("--database")}
                                   << QStringLiteral("--database");
    QTest::newRow("user add without role") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ann")}
                                           << QStringLiteral("--role");
    QTest::newRow("audit without verify") << QStringList{QStringLiteral("audit")} << QStringLiteral("audit verify");
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run r = utilitydesk(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("--help")));
}

void TestCli::malformedUrlExitsOne()
{
    const Run r = utilitydesk(withDb(QStringLiteral("mysql://me@host/db"), {QStringLiteral("migrate")}));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("mysql://me@host/db")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one sentence, no stack of errors
    const Run role = utilitydesk({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("x"),
                                  QStringLiteral("--role"), QStringLiteral("pilot")});
    QCOMPARE(role.code, 1);
    QVERIFY(role.err.contains(QStringLiteral("pilot")));
    const Run count = utilitydesk({QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("many")});
    QCOMPARE(count.code, 1);
    QVERIFY(count.err.contains(QStringLiteral("--customers")));
}

void TestCli::unreachableServerExitsThree()
{
    const Run r = utilitydesk(withDb(QStringLiteral("postgresql://ud:secret@127.0.0.1:1/ud"), {QStringLiteral("migrate")}));
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1:1")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("secret")));
}

void TestCli::readOnlyFileExitsThree()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ro.db"));
    const QString url = QStringLiteral("sqlite://") + path;
    QCOMPARE(utilitydesk(withDb(url, {QStringLiteral("migrate")})).code, 0);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    const Run r = utilitydesk(withDb(url, {QStringLiteral("migrate")}));
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(path) && r.err.contains(QStringLiteral("read-only")), qPrintable(r.err));
}

void TestCli::newerDatabaseExitsThreeAndIsUntouched()
{
    UD_TEST_DATABASE(t);
    auto migrations = [&] {
        return Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM schema_migrations")).scalar().toInt();
    };
    Core::SqlQuery(t.db().connection(),
                   QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)"))
        .exec();
    const int before = migrations();
    const Run r = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("list")}));
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(QStringLiteral("newer version")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("9999")));
    QCOMPARE(migrations(), before);
    const Run migrate = utilitydesk(withDb(t.url(), {QStringLiteral("migrate")}));
    QCOMPARE(migrate.code, 3);
    QCOMPARE(migrations(), before);
}

void TestCli::migrateCreatesSchema()
{
    QFETCH(QString, backend);
    if (!Test::backendAvailable(backend))
        QSKIP("PostgreSQL tests need UD_TEST_PG_URL");
    Test::TestDatabase t(backend, /*migrate=*/false);
    const Run r = utilitydesk(withDb(t.url(), {QStringLiteral("migrate")}));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("schema version")), qPrintable(r.out));
    QVERIFY(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM schema_migrations")).scalar().toInt() >= 2);
    const Run again = utilitydesk(withDb(t.url(), {QStringLiteral("migrate")}));
    QCOMPARE(again.code, 0);
    QVERIFY2(again.out.contains(QStringLiteral("0 migrations applied")), qPrintable(again.out));
}

void TestCli::fieldOfficerRegionIsSetOnTheCommandLine()
{
    UD_TEST_DATABASE(t);
    const Run add = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("fiona"),
                                                 QStringLiteral("--role"), QStringLiteral("field_officer"),
                                                 QStringLiteral("--region"), QStringLiteral("North")}),
                                "correct horse battery\n");
    QCOMPARE(add.code, 0);
    QVERIFY2(add.out.contains(QStringLiteral("in the region North")), qPrintable(add.out + add.err));
    auto storedRegion = [&t] {
        // One query at a time: a statement left open would keep SQLite's snapshot of before.
        return Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT region FROM users WHERE username = 'fiona'"))
            .scalar()
            .toString();
    };
    QCOMPARE(storedRegion(), QStringLiteral("North"));
    const Run list = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("list")}));
    QVERIFY2(list.out.contains(QStringLiteral("\tNorth\n")), qPrintable(list.out));

    const Run move = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("region"), QStringLiteral("fiona"),
                                                  QStringLiteral("South")}));
    QCOMPARE(move.code, 0);
    QVERIFY2(move.out.contains(QStringLiteral("South")), qPrintable(move.out + move.err));
    QCOMPARE(storedRegion(), QStringLiteral("South"));
    const Run missing = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("region"), QStringLiteral("fiona")}));
    QCOMPARE(missing.code, 2);
}

void TestCli::usersAreManagedAndAuditedAsTheOsUser()
{
    UD_TEST_DATABASE(t);
    const Run add = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("mei.chen"),
                                                 QStringLiteral("--role"), QStringLiteral("supervisor"),
                                                 QStringLiteral("--display-name"), QStringLiteral("陈美")}),
                                "correct horse battery\n");
    QCOMPARE(add.code, 0);
    QVERIFY2(add.out.contains(QStringLiteral("mei.chen")), qPrintable(add.out + add.err));

    const Run noPassword = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("add"),
                                                        QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("agent")}));
    QCOMPARE(noPassword.code, 1);
    QVERIFY(noPassword.err.contains(QStringLiteral("bob")));

    const Run duplicate = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("mei.chen"),
                                                       QStringLiteral("--role"), QStringLiteral("agent")}),
                                      "another password\n");
    QCOMPARE(duplicate.code, 1);
    QVERIFY2(duplicate.err.contains(QStringLiteral("mei.chen")), qPrintable(duplicate.err));

    QCOMPARE(utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("mei.chen")})).code, 0);
    const Run list = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("list")}));
    QCOMPARE(list.code, 0);
    QVERIFY2(list.out.contains(QStringLiteral("mei.chen\tsupervisor\tdisabled")), qPrintable(list.out));

    const Run unknown = utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("nobody")}));
    QCOMPARE(unknown.code, 1);
    QVERIFY(unknown.err.contains(QStringLiteral("nobody")));

    // The password is stored hashed, never as typed.
    Core::SqlQuery hash(t.db().connection(), QStringLiteral("SELECT password_hash FROM users WHERE username = 'mei.chen'"));
    const QString stored = hash.scalar().toString();
    QVERIFY(stored.startsWith(QStringLiteral("pbkdf2-sha256$")));
    QVERIFY(!stored.contains(QStringLiteral("horse")));

    // Both changes are audited as the operating-system user.
    const QString osActor = QStringLiteral("os:") + qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME", QStringLiteral("unknown")));
    Core::SqlQuery audit(t.db().connection(), QStringLiteral("SELECT actor, action FROM audit_log ORDER BY seq"));
    audit.exec();
    QStringList actions;
    while (audit.next()) {
        QCOMPARE(audit.value(0).toString(), osActor);
        actions << audit.value(1).toString();
    }
    QVERIFY2(actions.contains(QStringLiteral("user.create")) && actions.contains(QStringLiteral("user.disable")),
             qPrintable(actions.join(QLatin1Char(','))));
}

void TestCli::auditVerifyFindsTampering()
{
    UD_TEST_DATABASE(t);
    for (const char *name : {"ann.agent", "bo.business", "cy.field"}) {
        QCOMPARE(utilitydesk(withDb(t.url(), {QStringLiteral("user"), QStringLiteral("add"), QLatin1String(name),
                                              QStringLiteral("--role"), QStringLiteral("agent")}),
                             "a long enough password\n")
                     .code,
                 0);
    }
    const Run ok = utilitydesk(withDb(t.url(), {QStringLiteral("audit"), QStringLiteral("verify")}));
    QCOMPARE(ok.code, 0);
    QVERIFY2(ok.out.contains(QStringLiteral("intact")), qPrintable(ok.out));

    Core::SqlQuery second(t.db().connection(), QStringLiteral("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1"));
    const qint64 seq = second.scalar().toLongLong();
    Core::SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET actor = 'someone.else' WHERE seq = :s"))
        .bind(QStringLiteral(":s"), seq)
        .exec();
    const Run bad = utilitydesk(withDb(t.url(), {QStringLiteral("audit"), QStringLiteral("verify")}));
    QCOMPARE(bad.code, 1);
    QVERIFY2(bad.out.contains(QString::number(seq)), qPrintable(bad.out));
}

void TestCli::demoFillsTheDatabase()
{
    UD_TEST_DATABASE(t);
    const Run r = utilitydesk(withDb(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("300"),
                                               QStringLiteral("--seed"), QStringLiteral("7")}));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Created 300 customers")), qPrintable(r.out + r.err));
    QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM customers")).scalar().toInt(), 300);
    QVERIFY(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(DISTINCT m.currency) FROM accounts a "
                                                               "JOIN markets m ON m.code = a.market_code"))
                .scalar()
                .toInt()
            >= 3);
    // Readings for every meter, counted in the output as in the interval store.
    const qint64 readings = Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT sum(present_count) FROM interval_days"))
                                .scalar()
                                .toLongLong();
    QVERIFY(readings > 300 * 30 * 24);
    QVERIFY2(r.out.contains(QStringLiteral("Wrote %1 interval readings").arg(readings)), qPrintable(r.out));

    // --interval sets every electricity meter's interval (here of the 20 customers added).
    const Run half = utilitydesk(withDb(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("20"),
                                                  QStringLiteral("--days"), QStringLiteral("2"),
                                                  QStringLiteral("--interval"), QStringLiteral("30")}));
    QCOMPARE(half.code, 0);
    Core::SqlQuery q(t.db().connection(), QStringLiteral(
        "SELECT count(*), min(m.interval_minutes), max(m.interval_minutes) FROM meters m "
        "JOIN service_points sp ON sp.id = m.service_point_id JOIN accounts a ON a.id = sp.account_id "
        "JOIN customers c ON c.id = a.customer_id WHERE m.commodity = 'electricity' AND c.customer_number > 'DC000000300'"));
    q.exec();
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 20);
    QCOMPARE(q.value(1).toInt(), 30);
    QCOMPARE(q.value(2).toInt(), 30);
    const Run odd = utilitydesk(withDb(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("5"),
                                                 QStringLiteral("--interval"), QStringLiteral("10")}));
    QCOMPARE(odd.code, 1);
    QVERIFY2(odd.err.contains(QStringLiteral("--interval")), qPrintable(odd.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
