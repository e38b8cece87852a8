// `utilitydesk customer search` through the real binary, on both databases: CSV with the
// header, quoted fields, account numbers separated by spaces, only the header when nothing
// matches, and the exit codes of bad use.

#include "clirun.h"

#include <testdatabase.h>

#include <core/sqlquery.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

const QString Header = QStringLiteral("customer_id,name,account_numbers,postcode,score");
} // namespace

class TestCustomerCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void searchPrintsCsv_data() { Test::addBackendRows(); }
    void searchPrintsCsv()
    {
        UD_TEST_DATABASE(t);
        const Run demo = utilitydesk(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("30"),
                                               QStringLiteral("--days"), QStringLiteral("1")});
        QCOMPARE(demo.code, 0);

        // A demo customer by account number: one line, the customer's every account.
        Core::SqlQuery q(t.db().connection(), QStringLiteral(
            "SELECT c.id, c.full_name, a.account_number, p.postcode FROM customers c JOIN accounts a ON a.customer_id = c.id "
            "JOIN premises p ON p.id = a.premise_id WHERE (SELECT count(*) FROM accounts o WHERE o.customer_id = c.id) = 1 "
            "ORDER BY a.account_number LIMIT 1"));
        q.exec();
        QVERIFY(q.next());
        const QString id = q.value(0).toString();
        const QString name = q.value(1).toString();
        const QString account = q.value(2).toString();
        const QString postcode = q.value(3).toString();
        const Run byAccount = utilitydesk(t.url(), {QStringLiteral("customer"), QStringLiteral("search"), account});
        QCOMPARE(byAccount.code, 0);
        QCOMPARE(byAccount.out, QStringLiteral("%1\n%2,%3,%4,%5,1.000\n").arg(Header, id, name, account, postcode));

        // The demo writes through its bulk writer, not the services: its names are indexed too.
        const Run byDemoName = utilitydesk(t.url(), {QStringLiteral("customer"), QStringLiteral("search"), name,
                                                     QStringLiteral("--limit"), QStringLiteral("1000")});
        QCOMPARE(byDemoName.code, 0);
        QVERIFY2(byDemoName.out.contains(QLatin1Char('\n') + id + QLatin1Char(',')), qPrintable(name + byDemoName.out));

        // A row written with plain SQL is found too (the index is kept by the database), and a
        // name with a comma is quoted.
        const QString lopezId = QStringLiteral("7b0e7d52-8c1f-4a59-9d2e-3f5c1e2a9b10");
        Core::SqlQuery(t.db().connection(), QStringLiteral(
            "INSERT INTO customers (id, customer_number, class, full_name, created_at, updated_at) "
            "VALUES (:id, 'XC1', 'residential', 'López, María', 0, 0)"))
            .bind(QStringLiteral(":id"), lopezId)
            .exec();
        const Run byName = utilitydesk(t.url(), {QStringLiteral("customer"), QStringLiteral("search"),
                                                 QStringLiteral("maria lopez"), QStringLiteral("--limit"), QStringLiteral("5")});
        QCOMPARE(byName.code, 0);
        const QStringList lines = byName.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), Header);
        QVERIFY2(lines.size() >= 2 && lines.size() <= 6, qPrintable(byName.out));
        QVERIFY2(QRegularExpression(QStringLiteral("^%1,\"López, María\",,,0\\.\\d{3}$").arg(lopezId)).match(lines.at(1)).hasMatch(),
                 qPrintable(lines.at(1)));

        const Run none = utilitydesk(t.url(), {QStringLiteral("customer"), QStringLiteral("search"),
                                               QStringLiteral("'; DROP TABLE customers; --")});
        QCOMPARE(none.code, 0);
        QCOMPARE(none.out, Header + QLatin1Char('\n'));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM customers")).scalar().toInt(), 31);
    }

    void badUse()
    {
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("u.db"));
        const Run noText = utilitydesk(url, {QStringLiteral("customer"), QStringLiteral("search")});
        QCOMPARE(noText.code, 2);
        QVERIFY2(noText.err.contains(QStringLiteral("utilitydesk customer search TEXT")), qPrintable(noText.err));
        const Run badLimit = utilitydesk(url, {QStringLiteral("customer"), QStringLiteral("search"), QStringLiteral("x"),
                                               QStringLiteral("--limit"), QStringLiteral("0")});
        QCOMPARE(badLimit.code, 1);
        QVERIFY2(badLimit.err.contains(QStringLiteral("--limit must be a whole number from 1 to 1000, not \"0\".")),
                 qPrintable(badLimit.err));
        const Run help = utilitydesk(url, {QStringLiteral("--help")});
        QVERIFY(help.out.contains(QStringLiteral("customer search TEXT [--limit N]")));
    }
};

QTEST_GUILESS_MAIN(TestCustomerCli)
#include "tst_customercli.moc"
