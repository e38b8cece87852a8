// `utilitydesk segment count "RULE"` through the real binary, on both databases: the count of
// a rule over demo customers, as the tables say, and a rule that does not parse (exit 1, the
// parser's message naming the position and the attribute meant).

#include "clirun.h"

#include <testdatabase.h>

#include <core/sqlquery.h>

#include <QFile>
#include <QTest>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

qint64 scalar(Core::Database &db, const QString &sql)
{
    Core::SqlQuery q(db.connection(), sql);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

class TestSegmentCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void countsTheCustomersARulePicks_data() { Test::addBackendRows(); }
    void countsTheCustomersARulePicks()
    {
        UD_TEST_DATABASE(t);
        const Run demo = utilitydesk(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("40"),
                                               QStringLiteral("--days"), QStringLiteral("1"), QStringLiteral("--seed"),
                                               QStringLiteral("7")});
        QCOMPARE(demo.code, 0);
        const qint64 expected = scalar(t.db(), QStringLiteral(
            "SELECT COUNT(*) FROM customers c WHERE c.class = 'residential' AND EXISTS (SELECT 1 FROM accounts a "
            "WHERE a.customer_id = c.id AND a.payment_type = 'postpaid')"));
        QVERIFY(expected > 0 && expected < 40);
        const Run counted = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"),
                                                  QStringLiteral("class = \"residential\" and has account.payment_type \"postpaid\"")});
        QCOMPARE(counted.err, QString());
        QCOMPARE(counted.code, 0);
        QCOMPARE(counted.out, QString::number(expected) + QLatin1Char('\n'));

        const Run everyone = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"),
                                                   QStringLiteral("class = \"residential\" or not class = \"residential\"")});
        QCOMPARE(everyone.out, QStringLiteral("40\n"));
    }

    void badRuleExitsOneWithTheParsersMessage_data() { Test::addBackendRows(); }
    void badRuleExitsOneWithTheParsersMessage()
    {
        UD_TEST_DATABASE(t);
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("migrate")}).code, 0);
        const Run bad = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"), QStringLiteral("class = ")});
        QCOMPARE(bad.code, 1);
        QCOMPARE(bad.out, QString());
        QCOMPARE(bad.err, QStringLiteral("utilitydesk: Position 9: expected a value after \"=\", such as \"residential\" or 500.\n"));

        const Run usage = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("tally")});
        QCOMPARE(usage.code, 2);
        QVERIFY2(usage.err.contains(QLatin1String("segment count \"RULE\"")), qPrintable(usage.err));
    }
};

QTEST_GUILESS_MAIN(TestSegmentCli)
#include "tst_segmentcli.moc"
