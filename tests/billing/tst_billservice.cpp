// BillService on both databases: a bill issued for June from half-hourly readings under the GB
// time-of-use tariff has the figures worked out by hand, its lines, a bill number and an audit
// entry, and goes on the account's ledger with its due day (aged debt; a later payment settles
// the oldest bill); issuing a billed period again is refused naming the bill; the preview
// matches what is issued; bad periods, prepaid accounts and missing tariffs say what to do;
// permissions; and the store's bulk writes and unique rule with bills built by hand.

#include "billsfixture.h"

#include <billing/billservice.h>
#include <billing/billstore.h>
#include <billing/ledgerservice.h>
#include <core/auditlog.h>
#include <core/money.h>
#include <core/transaction.h>

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
    BillService &bills() { return billing.bills(); }
};

/// The line of a kind and label, or a default line (kind Levy, amount 0) when there is none.
BillLine lineOf(const QList<BillLine> &lines, LineKind kind, const QString &label = {})
{
    for (const BillLine &l : lines) {
        if (l.kind == kind && (label.isEmpty() || l.label == label))
            return l;
    }
    return BillLine{LineKind::Levy, QStringLiteral("none"), {}, {}, 0, 0, 0, 0};
}

qint64 sumOf(const QList<BillLine> &lines, LineKind kind, const QString &label)
{
    qint64 wh = 0;
    for (const BillLine &l : lines) {
        if (l.kind == kind && l.label == label)
            wh += l.quantity;
    }
    return wh;
}

Bill handMade(const QString &accountId, const QString &tariffId, const QString &number, const QDate &from, const QDate &to)
{
    BillResult r;
    r.tariffId = tariffId;
    r.currency = QStringLiteral("GBP");
    r.from = from;
    r.to = to;
    r.lines = {BillLine{LineKind::Standing, {}, from, to, 30, 513750, 1541, 0},
               BillLine{LineKind::Energy, QStringLiteral("night"), from, to, 239000, 139800, 3341, 0},
               BillLine{LineKind::Vat, {}, from, to, 4882, 500, 244, 0}};
    r.netMinor = 4882;
    r.vatMinor = 244;
    r.totalMinor = 5126;
    r.consumptionWh = 239000;
    r.estimatedWh = 1000;
    r.expectedIntervals = 1440;
    r.missingIntervals = 2;
    Bill b = Bill::fromResult(r);
    b.id = Core::newId();
    b.number = number;
    b.accountId = accountId;
    b.issuedAt = Test::BillsFixture::July2;
    b.dueOn = QDate(2025, 7, 16);
    b.language = QStringLiteral("es");
    return b;
}

} // namespace

class TestBillService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void issueStoresTheBill_data() { Test::addBackendRows(); }
    void issueStoresTheBill()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));

        const Bill bill = f.bills().issue(f.supervisor(), a.accountNumber, June1, June30);
        // By hand: June 2025 has 21 weekdays and 9 weekend days; 500 Wh every half hour is
        // 8 kWh of night (23:00-07:00) a day, 3 kWh of peak (16:00-19:00) on weekdays and the
        // rest day; the two half hours missing on 20 June are night.
        QCOMPARE(bill.number, f.billPrefix() + QStringLiteral("0000000001"));
        QCOMPARE(bill.from, June1);
        QCOMPARE(bill.to, June30);
        QCOMPARE(bill.tariffCode, QStringLiteral("GB-TOU-2025"));
        QCOMPARE(bill.consumptionWh, qint64(719000));
        QCOMPARE(bill.estimatedWh, qint64(2000));
        QCOMPARE(bill.missingIntervals, qint64(2));
        QCOMPARE(bill.expectedIntervals, qint64(1440));
        QCOMPARE(sumOf(bill.lines, LineKind::Energy, QStringLiteral("night")), qint64(239000));
        QCOMPARE(sumOf(bill.lines, LineKind::Energy, QStringLiteral("peak")), qint64(63000));
        QCOMPARE(sumOf(bill.lines, LineKind::Energy, QStringLiteral("day")), qint64(417000));
        const BillLine standing = lineOf(bill.lines, LineKind::Standing);
        QCOMPARE(standing.quantity, qint64(30));
        QCOMPARE(standing.amountMinor, qint64(1541));                // 30 x 51.375p
        QCOMPARE(lineOf(bill.lines, LineKind::Energy, QStringLiteral("night")).amountMinor, qint64(3341)); // 239 x 13.98p
        QCOMPARE(lineOf(bill.lines, LineKind::Energy, QStringLiteral("peak")).amountMinor, qint64(2111));  // 63 x 33.5p, half up
        QCOMPARE(lineOf(bill.lines, LineKind::Vat).unitPrice, qint64(500));
        QCOMPARE(bill.netMinor + bill.vatMinor, bill.totalMinor);
        QCOMPARE(bill.vatMinor, Core::Money::divideRounded(bill.netMinor * 500, 10000));
        QCOMPARE(bill.dueOn, QDate(2025, 7, 16));
        QCOMPARE(bill.language, QStringLiteral("en"));

        // What is stored is what was issued, line by line.
        const Bill stored = f.bills().bill(f.agent(), bill.number);
        QCOMPARE(stored.id, bill.id);
        QCOMPARE(stored.lines, bill.lines);
        QCOMPARE(stored.totalMinor, bill.totalMinor);
        QCOMPARE(stored.accountNumber, a.accountNumber);
        QCOMPARE(stored.status, BillStatus::Issued);
        QVERIFY(stored.runId.isEmpty());
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bill_lines WHERE bill_id = :b"), {{QStringLiteral(":b"), bill.id}}).toInt(),
                 int(bill.lines.size()));

        // Listed for the account and the customer, without lines.
        const QList<Bill> ofCustomer = f.bills().billsOfCustomer(f.agent(), a.customerId);
        QCOMPARE(ofCustomer.size(), 1);
        QCOMPARE(ofCustomer.constFirst().number, bill.number);
        QVERIFY(ofCustomer.constFirst().hasEstimates());
        QCOMPARE(f.bills().billsOfAccount(f.agent(), a.accountId).constFirst().totalMinor, bill.totalMinor);

        // Audited in the same transaction, with the figures.
        const auto entries = f.audit.list(f.supervisor(), 5);
        QCOMPARE(entries.constFirst().action, QStringLiteral("bill.issue"));
        QCOMPARE(entries.constFirst().entityId, bill.id);
        QCOMPARE(entries.constFirst().actor, QStringLiteral("carol"));
        const QJsonObject after = QJsonDocument::fromJson(entries.constFirst().afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("number")).toString(), bill.number);
        QCOMPARE(after.value(QStringLiteral("total_minor")).toInteger(), bill.totalMinor);
        QCOMPARE(after.value(QStringLiteral("account")).toString(), a.accountNumber);

        // The document carries the stored figures.
        const QString html = f.bills().documentHtml(f.agent(), bill.id);
        QVERIFY(html.contains(bill.number));
        QVERIFY(html.contains(Core::Money(bill.totalMinor, QStringLiteral("GBP")).toString(QLocale(QStringLiteral("en_GB")))));
        QVERIFY(html.contains(QStringLiteral("Ann Lee")));
    }

    void issuedBillsAreOnTheLedger_data() { Test::addBackendRows(); }
    void issuedBillsAreOnTheLedger()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        LedgerService &ledger = f.billing.ledger();

        // Issued on 2 July: one bill entry owing the total, due on the bill's due day.
        const Bill june = f.bills().issue(f.supervisor(), a.accountNumber, June1, June30);
        const QList<LedgerEntry> entries = ledger.entries(f.agent(), a.accountNumber);
        QCOMPARE(entries.size(), qsizetype(1));
        QCOMPARE(entries.at(0).kind, EntryKind::Bill);
        QCOMPARE(entries.at(0).amountMinor, -june.totalMinor);
        QCOMPARE(entries.at(0).reference, june.id);
        QCOMPARE(entries.at(0).day, QDate(2025, 7, 2));
        QCOMPARE(entries.at(0).dueOn, QDate(2025, 7, 16));
        QCOMPARE(entries.at(0).currency, QStringLiteral("GBP"));
        QCOMPARE(entries.at(0).at, Test::BillsFixture::July2);
        const AccountBalance balance = ledger.balance(f.agent(), a.accountNumber);
        QCOMPARE(balance.balanceMinor, -june.totalMinor);
        QCOMPARE(balance.aged.notDueMinor, june.totalMinor);
        QCOMPARE(balance.aged.pastDueMinor(), qint64(0));
        // The bill's audit entry is the last of the transaction; the ledger writes none.
        QCOMPARE(f.audit.list(f.supervisor(), 1).constFirst().action, QStringLiteral("bill.issue"));

        // July's bill on 2 August. Unpaid, June's is 35 days past due on 20 August, July's 4.
        f.fill(a.channelId, QDate(2025, 7, 1), QDate(2025, 7, 31));
        f.clock.set(Test::BillsFixture::July2 + 31 * 86400);
        const Bill july = f.bills().issue(f.supervisor(), a.accountNumber, QDate(2025, 7, 1), QDate(2025, 7, 31));
        QCOMPARE(july.dueOn, QDate(2025, 8, 16));
        const AgedDebt unpaid = ledger.agedDebt(f.agent(), a.accountNumber, QDate(2025, 8, 20));
        QCOMPARE(unpaid.upTo60Minor, june.totalMinor);
        QCOMPARE(unpaid.upTo30Minor, july.totalMinor);
        QCOMPARE(unpaid.oldestUnpaidDue, QDate(2025, 7, 16));

        // A payment of June's total on 3 August settles the oldest bill: only July's is left.
        f.clock.set(Test::BillsFixture::July2 + 32 * 86400);
        const QString amount = QStringLiteral("%1.%2").arg(june.totalMinor / 100).arg(june.totalMinor % 100, 2, 10, QLatin1Char('0'));
        ledger.recordPayment(f.agent(), a.accountNumber, amount, QStringLiteral("bank_transfer"), QStringLiteral("JUNE"));
        const AgedDebt paid = ledger.agedDebt(f.agent(), a.accountNumber, QDate(2025, 8, 20));
        QCOMPARE(paid.upTo60Minor, qint64(0));
        QCOMPARE(paid.upTo30Minor, july.totalMinor);
        QCOMPARE(paid.totalMinor(), july.totalMinor);
        QCOMPARE(paid.oldestUnpaidDue, QDate(2025, 8, 16));
        QCOMPARE(ledger.balance(f.agent(), a.accountNumber).balanceMinor, -july.totalMinor);
        // The arrears run sees it: up to 30 days past due.
        const QList<ArrearsChange> changes = ledger.updateArrears(f.supervisor(), QDate(2025, 8, 20));
        QCOMPARE(changes.size(), qsizetype(1));
        QCOMPARE(changes.at(0).accountNumber, a.accountNumber);
        QCOMPARE(changes.at(0).toStage, 1);
        QCOMPARE(changes.at(0).pastDueMinor, july.totalMinor);

        // A refused bill leaves no entry.
        QVERIFY(errorOf(Core::Error::Kind::Conflict, [&] { f.bills().issue(f.supervisor(), a.accountNumber, June1, June30); })
                    .contains(june.number));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM ledger_entries WHERE kind = 'bill'")).toInt(), 2);
    }

    void previewMatchesTheIssuedBill_data() { Test::addBackendRows(); }
    void previewMatchesTheIssuedBill()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Lucía Pérez"), QStringLiteral("es"));
        const BillPreview preview = f.bills().calculate(f.agent(), a.accountId, June1, June30);
        QVERIFY(!preview.existing);
        QCOMPARE(preview.tariffName, QStringLiteral("Smart Saver time of use"));
        QCOMPARE(preview.account.language, QStringLiteral("es"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(), 0);

        const Bill bill = f.bills().issue(f.supervisor(), a.accountId, June1, June30);
        QCOMPARE(bill.lines, preview.result.lines);
        QCOMPARE(bill.totalMinor, preview.result.totalMinor);
        QCOMPARE(bill.language, QStringLiteral("es"));
        const BillPreview again = f.bills().calculate(f.agent(), a.accountId, June1, June30);
        QVERIFY(again.existing);
        QCOMPARE(again.existing->number, bill.number);
        // The preview's document is the customer's, in Spanish formats.
        QVERIFY(f.bills().previewHtml(again).contains(QStringLiteral("<html lang=\"es\">")));
    }

    void aBilledPeriodIsNotBilledAgain_data() { Test::addBackendRows(); }
    void aBilledPeriodIsNotBilledAgain()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        const Bill bill = f.bills().issue(f.supervisor(), a.accountNumber, June1, June30);
        const QString message = QStringLiteral("The account %1 already has the bill %2 for 2025-06-01 to 2025-06-30; it is "
                                               "not billed twice.").arg(a.accountNumber, bill.number);
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] { f.bills().issue(f.supervisor(), a.accountNumber, June1, June30); }),
                 message);
        // A period sharing days with it neither.
        QCOMPARE(errorOf(Core::Error::Kind::Conflict,
                         [&] { f.bills().issue(f.supervisor(), a.accountNumber, QDate(2025, 6, 15), QDate(2025, 7, 14)); }),
                 message);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(), 1);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'bill.issue'")).toInt(), 1);
        // The next period is fine and takes the next number.
        f.fill(a.channelId, QDate(2025, 7, 1), QDate(2025, 7, 1));
        const Bill next = f.bills().issue(f.supervisor(), a.accountNumber, QDate(2025, 7, 1), QDate(2025, 7, 1));
        QCOMPARE(next.number, f.billPrefix() + QStringLiteral("0000000002"));
        QCOMPARE(next.consumptionWh, qint64(24000));
        QCOMPARE(f.bills().billsOfCustomer(f.agent(), a.customerId).constFirst().number, next.number);
    }

    void badInputSaysWhatToDo_data() { Test::addBackendRows(); }
    void badInputSaysWhatToDo()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.bills().calculate(f.agent(), a.accountId, June30, June1); }),
                 QStringLiteral("To: enter a day on or after 2025-06-30, the first day of the period."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.bills().calculate(f.agent(), a.accountId, QDate(), June1); }),
                 QStringLiteral("From: enter the first day of the period, e.g. 2024-06-01."));

        const Test::BilledAccount untariffed = f.addAccount(QStringLiteral("No Tariff"));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.bills().issue(f.supervisor(), untariffed.accountNumber, June1, June30); }),
                 QStringLiteral("The account %1 has no tariff for 2025-06-01 to 2025-06-30; assign one before billing it.")
                     .arg(untariffed.accountNumber));
        const Test::BilledAccount late = f.addAccount(QStringLiteral("Late Tariff"));
        f.assign(late.accountId, tariff, QDate(2025, 6, 10));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.bills().issue(f.supervisor(), late.accountNumber, June1, June30); }),
                 QStringLiteral("The account %1 has no tariff before 2025-06-10; bill it from 2025-06-10 on, or assign a "
                                "tariff for the days before.").arg(late.accountNumber));
        const Test::BilledAccount prepaid = f.addAccount(QStringLiteral("Pre Paid"), QStringLiteral("en"), QDate(2025, 1, 1),
                                                         Accounts::PaymentType::Prepaid);
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.bills().issue(f.supervisor(), prepaid.accountNumber, June1, June30); }),
                 QStringLiteral("The account %1 is prepaid: its consumption is charged to its balance, not billed.")
                     .arg(prepaid.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] { f.bills().bill(f.agent(), QStringLiteral("UDB9999999999")); }),
                 QStringLiteral("There is no bill UDB9999999999."));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(), 0);

        // An account opened within the period is billed from its opening day.
        const Test::BilledAccount opened = f.addAccount(QStringLiteral("New Mover"), QStringLiteral("en"), QDate(2025, 6, 16));
        f.assign(opened.accountId, tariff, QDate(2025, 6, 16));
        f.fill(opened.channelId, QDate(2025, 6, 16), June30);
        const Bill bill = f.bills().issue(f.supervisor(), opened.accountNumber, June1, June30);
        QCOMPARE(bill.from, QDate(2025, 6, 16));
        QCOMPARE(lineOf(bill.lines, LineKind::Standing).quantity, qint64(15));
        QCOMPARE(bill.consumptionWh, qint64(15 * 24000));
    }

    void permissions_data() { Test::addBackendRows(); }
    void permissions()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        // An agent may calculate and read bills but not issue them.
        QCOMPARE(f.bills().calculate(f.agent(), a.accountId, June1, June30).result.consumptionWh, qint64(719000));
        QVERIFY(errorOf(Core::Error::Kind::Denied, [&] { f.bills().issue(f.agent(), a.accountId, June1, June30); })
                    .contains(QStringLiteral("alice")));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(), 0);
        const Core::UserContext nobody(QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("dave"),
                                       Core::Role::FieldOfficer, QStringLiteral("Elsewhere"));
        QVERIFY(errorOf(Core::Error::Kind::Denied, [&] { f.bills().billsOfCustomer(nobody, a.customerId); })
                    .contains(QStringLiteral("Elsewhere")));
    }

    void storeWritesInBulkAndKeepsOneBillPerPeriod_data() { Test::addBackendRows(); }
    void storeWritesInBulkAndKeepsOneBillPerPeriod()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.addAccount(QStringLiteral("Ann Lee"));
        const Test::BilledAccount b = f.addAccount(QStringLiteral("Bo Chen"));
        BillStore store(t.db());
        QStringList numbers;
        {
            Core::Transaction tx(t.db());
            numbers = store.reserveNumbers(QStringLiteral("UD"), 2);
            store.insert({handMade(a.accountId, tariff, numbers.at(0), June1, June30),
                          handMade(b.accountId, tariff, numbers.at(1), June1, June30)});
            tx.commit();
        }
        QCOMPARE(numbers, (QStringList{QStringLiteral("UDB0000000001"), QStringLiteral("UDB0000000002")}));
        const auto stored = store.find(QStringLiteral("UDB0000000002"));
        QVERIFY(stored);
        QCOMPARE(stored->accountId, b.accountId);
        QCOMPARE(stored->lines, handMade(b.accountId, tariff, {}, June1, June30).lines);
        QCOMPARE(stored->language, QStringLiteral("es"));
        QCOMPARE(stored->dueOn, QDate(2025, 7, 16));
        QCOMPARE(store.billedAmong({a.accountId, b.accountId}, QDate(2025, 6, 30), QDate(2025, 7, 30)).size(), 2);
        QVERIFY(store.billedAmong({a.accountId}, QDate(2025, 7, 1), QDate(2025, 7, 31)).isEmpty());

        // The schema refuses a second issued bill of an account for the same period, and the
        // whole batch with it.
        const QString conflict = errorOf(Core::Error::Kind::Conflict, [&] {
            Core::Transaction tx(t.db());
            store.insert({handMade(b.accountId, tariff, QStringLiteral("UDB0000000003"), QDate(2025, 7, 1), QDate(2025, 7, 31)),
                          handMade(a.accountId, tariff, QStringLiteral("UDB0000000004"), June1, June30)});
            tx.commit();
        });
        QVERIFY2(conflict.startsWith(QStringLiteral("The bills could not be stored")) || conflict.startsWith(QStringLiteral("Bills")),
                 qPrintable(conflict));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bills")).toInt(), 2);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM bill_lines")).toInt(), 6);
    }
};

QTEST_GUILESS_MAIN(TestBillService)
#include "tst_billservice.moc"
