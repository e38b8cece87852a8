// `utilitydesk bill-run` through the real binary, on both databases: progress on standard
// error, the summary and the accounts not billed (with why) on standard output, exit code 1
// while some account could not be billed; a rerun bills nobody twice; usage mistakes. And
// `utilitydesk bill ACCOUNT --pdf FILE`, which writes the bill's document beside the CSV.

#include "clirun.h"

#include "../billing/billsfixture.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

const QStringList June = {QStringLiteral("bill-run"), QStringLiteral("--from"), QStringLiteral("2025-06-01"),
                          QStringLiteral("--to"), QStringLiteral("2025-06-30")};
} // namespace

class TestBillRunCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void billsAndReruns_data() { Test::addBackendRows(); }
    void billsAndReruns()
    {
        UD_TEST_DATABASE(t);
        QString late;
        {
            Test::BillsFixture f(t.db());
            const QString tariff = f.importTariff();
            f.juneAccount(tariff, QStringLiteral("Ann Lee"));
            f.juneAccount(tariff, QStringLiteral("Bo Chen"));
            const Test::BilledAccount l = f.addAccount(QStringLiteral("Late Tariff"));
            f.assign(l.accountId, tariff, QDate(2025, 6, 10));
            late = l.accountNumber;
        }
        t.close();

        const Run run = utilitydesk(t.url(), June);
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("Billing: 3 of 3 accounts (100%)")), qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("for 2025-06-01 to 2025-06-30: 3 accounts due, 2 billed, 0 already billed, "
                                                 "1 not billed")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("Not billed:\n  %1: The account %1 has no tariff before 2025-06-10").arg(late)),
                 qPrintable(run.out));

        const Run again = utilitydesk(t.url(), June);
        QCOMPARE(again.code, 1);
        QVERIFY2(again.out.contains(QStringLiteral("3 accounts due, 0 billed, 2 already billed, 1 not billed")), qPrintable(again.out));

        t.reopen();
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM bills")).scalar().toInt(), 2);
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM bill_runs WHERE status = 'finished'")).scalar().toInt(), 2);
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'bill_run.finish' "
                                                                    "AND actor LIKE 'os:%'")).scalar().toInt(), 2);
    }

    void billWritesThePdf_data() { Test::addBackendRows(); }
    void billWritesThePdf()
    {
        UD_TEST_DATABASE(t);
        QString account;
        {
            Test::BillsFixture f(t.db());
            account = f.juneAccount(f.importTariff(), QStringLiteral("Lucía Pérez"), QStringLiteral("es")).accountNumber;
        }
        t.close();
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("june.pdf"));
        const Run run = utilitydesk(t.url(), {QStringLiteral("bill"), account, QStringLiteral("--from"), QStringLiteral("2025-06-01"),
                                              QStringLiteral("--to"), QStringLiteral("2025-06-30"), QStringLiteral("--pdf"), pdf});
        QCOMPARE(run.code, 0);
        // The CSV as without --pdf, and the document beside it.
        QVERIFY2(run.out.startsWith(QStringLiteral("kind,label,from,to,quantity,unit,unit_price,amount,estimated_kwh\n")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("\nconsumption,,2025-06-01,2025-06-30,719.000,kWh")));
        QFile file(pdf);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(run.err));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(bytes.count("/Type /Page\n"), 1);

        const Run unwritable = utilitydesk(t.url(), {QStringLiteral("bill"), account, QStringLiteral("--from"), QStringLiteral("2025-06-01"),
                                                     QStringLiteral("--to"), QStringLiteral("2025-06-30"), QStringLiteral("--pdf"),
                                                     dir.filePath(QStringLiteral("no/such/folder/june.pdf"))});
        QCOMPARE(unwritable.code, 1);
        QVERIFY2(unwritable.err.contains(QStringLiteral("Cannot write the bill PDF")), qPrintable(unwritable.err));
    }

    void mistakes_data() { Test::addBackendRows(); }
    void mistakes()
    {
        UD_TEST_DATABASE(t);
        t.close();
        const Run missing = utilitydesk(t.url(), {QStringLiteral("bill-run"), QStringLiteral("--from"), QStringLiteral("2025-06-01")});
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("\"bill-run\" needs --to DATE (YYYY-MM-DD).")), qPrintable(missing.err));
        const Run bad = utilitydesk(t.url(), {QStringLiteral("bill-run"), QStringLiteral("--from"), QStringLiteral("June"),
                                              QStringLiteral("--to"), QStringLiteral("2025-06-30")});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("--from must be a date written YYYY-MM-DD, not \"June\".")), qPrintable(bad.err));
        const Run reversed = utilitydesk(t.url(), {QStringLiteral("bill-run"), QStringLiteral("--from"), QStringLiteral("2025-06-30"),
                                                   QStringLiteral("--to"), QStringLiteral("2025-06-01")});
        QCOMPARE(reversed.code, 1);
        QVERIFY2(reversed.err.contains(QStringLiteral("To: enter a day on or after 2025-06-30")), qPrintable(reversed.err));
        // Nothing due: a clean run.
        const Run empty = utilitydesk(t.url(), June);
        QCOMPARE(empty.code, 0);
        QVERIFY2(empty.out.contains(QStringLiteral("0 accounts due, 0 billed")), qPrintable(empty.out));
        QVERIFY(utilitydesk(t.url(), {QStringLiteral("--help")}).out.contains(QStringLiteral("bill-run --from DATE --to DATE")));
    }
};

QTEST_GUILESS_MAIN(TestBillRunCli)
#include "tst_billruncli.moc"
