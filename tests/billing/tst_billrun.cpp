// BillRun on both databases: a run bills every active postpaid account with a tariff for June
// (prepaid and untariffed accounts are not due), records an account it cannot bill with the
// reason and goes on, audits its start, batches and end; each bill goes on its account's ledger
// in its batch's transaction; a rerun bills nobody twice; a run cancelled between batches keeps
// what it committed (bills and ledger entries) and a rerun completes the period.

#include "billsfixture.h"

#include <billing/billrun.h>
#include <billing/billservice.h>
#include <billing/ledgerservice.h>
#include <core/auditlog.h>

#include <QJsonDocument>
#include <QJsonObject>

using namespace Ud;
using namespace Ud::Billing;
using Test::errorOf;

namespace {

const QDate June1(2025, 6, 1);
const QDate June30(2025, 6, 30);

struct Fixture : Test::BillsFixture {
    using BillsFixture::BillsFixture;
    BillRun &runs() { return billing.billRun(); }
    int bills() { return scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(); }
    int ledgerBills() { return scalar(QStringLiteral("SELECT count(*) FROM ledger_entries WHERE kind = 'bill'")).toInt(); }
    /// Bills with their ledger entry: on the bill's account, owing its total, due on its due day.
    int billsOnTheLedger()
    {
        return scalar(QStringLiteral("SELECT count(*) FROM bills b JOIN ledger_entries e ON e.reference = CAST(b.id AS TEXT) "
                                     "AND e.kind = 'bill' AND e.account_id = b.account_id AND e.amount_minor = -b.total_minor "
                                     "AND e.due_on = b.due_on"))
            .toInt();
    }
    QStringList auditActions()
    {
        QStringList actions;
        const auto entries = audit.list(supervisor(), 100);
        for (const auto &e : entries) {
            if (e.entity == QLatin1String("bill_run"))
                actions.prepend(e.action);
        }
        return actions;
    }
};

} // namespace

class TestBillRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void billsEveryAccountDueOnce_data() { Test::addBackendRows(); }
    void billsEveryAccountDueOnce()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount ann = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        const Test::BilledAccount bo = f.juneAccount(tariff, QStringLiteral("Bo Chen"), QStringLiteral("zh_CN"));
        const Test::BilledAccount cy = f.juneAccount(tariff, QStringLiteral("Cy Diaz"), QStringLiteral("es"));
        // Not due: prepaid (charged to its balance), and no tariff at all.
        const Test::BilledAccount prepaid = f.addAccount(QStringLiteral("Pre Paid"), QStringLiteral("en"), QDate(2025, 1, 1),
                                                         Accounts::PaymentType::Prepaid);
        f.fill(prepaid.channelId, June1, June30);
        f.addAccount(QStringLiteral("No Tariff"));
        // Due but cannot be billed: its tariff starts within the period.
        const Test::BilledAccount late = f.addAccount(QStringLiteral("Late Tariff"));
        f.assign(late.accountId, tariff, QDate(2025, 6, 10));

        QList<QPair<qint64, qint64>> calls;
        const BillRunRecord run = f.runs().run(f.supervisor(), June1, June30, [&](qint64 done, qint64 total) {
            calls << qMakePair(done, total);
            return true;
        }, 2);
        QCOMPARE(run.status, BillRunStatus::Finished);
        QCOMPARE(run.accounts, qint64(4));
        QCOMPARE(run.billed, qint64(3));
        QCOMPARE(run.skipped, qint64(0));
        QCOMPARE(run.failed, qint64(1));
        QCOMPARE(run.actor, QStringLiteral("carol"));
        // Before each of the two batches and at the end.
        QCOMPARE(calls, (QList<QPair<qint64, qint64>>{{0, 4}, {2, 4}, {4, 4}}));

        // Each bill is the one BillService calculates for the account, in its language.
        const BillPreview single = f.billing.bills().calculate(f.agent(), bo.accountId, June1, June30);
        const QList<Bill> boBills = f.billing.bills().billsOfCustomer(f.agent(), bo.customerId);
        QCOMPARE(boBills.size(), 1);
        const Bill boBill = f.billing.bills().bill(f.agent(), boBills.constFirst().id);
        QCOMPARE(boBill.lines, single.result.lines);
        QCOMPARE(boBill.totalMinor, single.result.totalMinor);
        QCOMPARE(boBill.consumptionWh, qint64(719000));
        QCOMPARE(boBill.language, QStringLiteral("zh_CN"));
        QCOMPARE(boBill.runId, run.id);
        QCOMPARE(f.billing.bills().billsOfCustomer(f.agent(), cy.customerId).constFirst().language, QStringLiteral("es"));
        QCOMPARE(f.billing.bills().billsOfCustomer(f.agent(), ann.customerId).size(), 1);
        QCOMPARE(f.bills(), 3);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(DISTINCT bill_number) FROM bills")).toInt(), 3);
        // Each on its account's ledger, once, with its due day: the balance and aged debt show it.
        QCOMPARE(f.ledgerBills(), 3);
        QCOMPARE(f.billsOnTheLedger(), 3);
        const AccountBalance boBalance = f.billing.ledger().balance(f.agent(), bo.accountNumber);
        QCOMPARE(boBalance.balanceMinor, -boBill.totalMinor);
        QCOMPARE(boBalance.aged.notDueMinor, boBill.totalMinor);
        QCOMPARE(f.billing.ledger().agedDebt(f.agent(), bo.accountNumber, QDate(2025, 7, 17)).upTo30Minor, boBill.totalMinor);
        QCOMPARE(f.billing.ledger().balance(f.agent(), prepaid.accountNumber).entryCount, qint64(0));

        // The account not billed, with why, stored with the run.
        const QList<BillRunFailure> failures = f.runs().failures(f.supervisor(), run.id);
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.constFirst().accountNumber, late.accountNumber);
        QCOMPARE(failures.constFirst().reason,
                 QStringLiteral("The account %1 has no tariff before 2025-06-10; bill it from 2025-06-10 on, or assign a "
                                "tariff for the days before.").arg(late.accountNumber));

        // The run as the Bill run page lists it, and its audit trail.
        const QList<BillRunRecord> recent = f.runs().recent(f.supervisor());
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent.constFirst().billed, qint64(3));
        QCOMPARE(recent.constFirst().failed, qint64(1));
        QCOMPARE(recent.constFirst().finishedAt, Test::BillsFixture::July2);
        QCOMPARE(f.auditActions(), (QStringList{QStringLiteral("bill_run.start"), QStringLiteral("bill_run.batch"),
                                                QStringLiteral("bill_run.batch"), QStringLiteral("bill_run.finish")}));
        const auto last = f.audit.list(f.supervisor(), 1).constFirst();
        const QJsonObject after = QJsonDocument::fromJson(last.afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("billed")).toInteger(), 3);
        QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));

        // A rerun bills nobody twice: the three are skipped, the failure is tried again.
        const BillRunRecord again = f.runs().run(f.supervisor(), June1, June30);
        QCOMPARE(again.billed, qint64(0));
        QCOMPARE(again.skipped, qint64(3));
        QCOMPARE(again.failed, qint64(1));
        QCOMPARE(f.bills(), 3);
        QCOMPARE(f.ledgerBills(), 3);
        // So does one for a period sharing days with June; the late account, on its tariff for
        // all of those days, is billed now.
        const BillRunRecord overlapping = f.runs().run(f.supervisor(), QDate(2025, 6, 30), QDate(2025, 7, 1));
        QCOMPARE(overlapping.skipped, qint64(3));
        QCOMPARE(overlapping.billed, qint64(1));
        QCOMPARE(f.bills(), 4);
        QCOMPARE(f.ledgerBills(), 4);
        QCOMPARE(f.billsOnTheLedger(), 4);
        QCOMPARE(f.billing.bills().billsOfCustomer(f.agent(), late.customerId).constFirst().from, QDate(2025, 6, 30));
    }

    void cancelKeepsWhatWasCommitted_data() { Test::addBackendRows(); }
    void cancelKeepsWhatWasCommitted()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        for (int i = 0; i < 7; ++i)
            f.juneAccount(tariff, QStringLiteral("Customer %1").arg(i));

        // Cancelled after the first batch of three: those stay billed.
        int calls = 0;
        const BillRunRecord cancelled = f.runs().run(f.supervisor(), June1, June30, [&](qint64, qint64) { return ++calls < 2; }, 3);
        QCOMPARE(cancelled.status, BillRunStatus::Cancelled);
        QCOMPARE(cancelled.billed, qint64(3));
        QCOMPARE(f.bills(), 3);
        QCOMPARE(f.scalar(QStringLiteral("SELECT status FROM bill_runs WHERE id = :r"), {{QStringLiteral(":r"), cancelled.id}}).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT billed FROM bill_runs WHERE id = :r"), {{QStringLiteral(":r"), cancelled.id}}).toInt(), 3);
        // The committed batch's bills are on the ledger; the rest have nothing there.
        QCOMPARE(f.ledgerBills(), 3);
        QCOMPARE(f.billsOnTheLedger(), 3);

        // The rerun bills the other four and skips the three.
        const BillRunRecord rerun = f.runs().run(f.supervisor(), June1, June30, {}, 3);
        QCOMPARE(rerun.status, BillRunStatus::Finished);
        QCOMPARE(rerun.billed, qint64(4));
        QCOMPARE(rerun.skipped, qint64(3));
        QCOMPARE(f.bills(), 7);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(DISTINCT account_id) FROM bills")).toInt(), 7);
        QCOMPARE(f.scalar(QStringLiteral("SELECT max(bill_number) FROM bills")).toString(), f.billPrefix() + QStringLiteral("0000000007"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills WHERE run_id = :r"), {{QStringLiteral(":r"), rerun.id}}).toInt(), 4);
        QCOMPARE(f.ledgerBills(), 7);
        QCOMPARE(f.billsOnTheLedger(), 7);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(DISTINCT account_id) FROM ledger_entries")).toInt(), 7);
    }

    void needsRunBilling_data() { Test::addBackendRows(); }
    void needsRunBilling()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        QVERIFY(errorOf(Core::Error::Kind::Denied, [&] { f.runs().run(f.agent(), June1, June30); }).contains(QStringLiteral("alice")));
        QVERIFY(errorOf(Core::Error::Kind::Denied, [&] { f.runs().recent(f.agent()); }).contains(QStringLiteral("alice")));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.runs().run(f.supervisor(), June30, June1); }),
                 QStringLiteral("To: enter a day on or after 2025-06-30, the first day of the period."));
        QCOMPARE(f.bills(), 0);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bill_runs")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBillRun)
#include "tst_billrun.moc"
