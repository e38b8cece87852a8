// The ledger commands through the real binary, on both databases: a card blocked with
// `card block` refuses a top-up with its reason and stores nothing; a top-up prints its entries
// (the debt-recovery share as its own) and the balance; a voucher works once; `balance` shows
// balance, debt and the last entries, and aged debt for a postpaid account after `payment`;
// bad amounts name the field and usage mistakes exit with 2.

#include "clirun.h"

#include "../billing/ledgerfixture.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace Ud;
using Accounts::PaymentType;

namespace {
using Test::Run;

/// As the operating-system user "operator", whom the entries name as their actor.
Run utilitydesk(const QString &url, const QStringList &args)
{
    QProcessEnvironment env = Test::cliEnvironment();
    env.insert(QStringLiteral("USER"), QStringLiteral("operator"));
    return Test::utilitydesk(url, args, env);
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}
} // namespace

class TestLedgerCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void prepaidTopUpsAndBalance_data() { Test::addBackendRows(); }
    void prepaidTopUpsAndBalance()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Carla Cli"), QStringLiteral("ES"), PaymentType::Prepaid);
        const QString acc = a.accountNumber;

        const Run blocked = utilitydesk(t.url(), {s("card"), s("block"), s("tok_cli_stolen"), s("--reason"), s("Reported stolen")});
        QCOMPARE(blocked.code, 0);
        QCOMPARE(blocked.out, s("Blocked the card: top-ups with it are refused (Reported stolen).\n"));
        const Run refused = utilitydesk(t.url(), {s("topup"), acc, s("20.00"), s("--card"), s("tok_cli_stolen")});
        QCOMPARE(refused.code, 1);
        QCOMPARE(refused.err, s("utilitydesk: The card is blocked (Reported stolen); nothing was taken. Ask the customer for "
                                "another card.\n"));
        QCOMPARE(refused.out, QString());
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(0));

        f.ledger().setDebt(f.agent(), acc, QStringLiteral("10.00"), 1000);
        const Run topUp = utilitydesk(t.url(), {s("topup"), acc.toLower(), s("20.00"), s("--card"), s("tok_cli_ok")});
        QCOMPARE(topUp.code, 0);
        const QRegularExpression first(QStringLiteral("^Topped up account %1 by 20.00 EUR \\(top-up [0-9a-f-]{36}\\)\\.\n").arg(acc));
        QVERIFY2(first.match(topUp.out).hasMatch(), qPrintable(topUp.out));
        QVERIFY2(topUp.out.endsWith(s("  1 topup 20.00\n"
                                      "  2 debt_recovery -2.00\n"
                                      "Balance: 18.00 EUR\n"
                                      "Emergency credit outstanding: 0.00 EUR\n"
                                      "Debt outstanding: 8.00 EUR\n")),
                 qPrintable(topUp.out));
        QCOMPARE(f.sumOfEntries(a.id), qint64(1800));

        const Run badAmount = utilitydesk(t.url(), {s("topup"), acc, s("2O.00"), s("--card"), s("tok_cli_ok")});
        QCOMPARE(badAmount.code, 1);
        QCOMPARE(badAmount.err, s("utilitydesk: Amount: enter an amount such as EUR 1234.50, not \"2O.00\".\n"));

        f.ledger().addVoucher(f.agent(), QStringLiteral("CLI-VOUCHER-01"), QStringLiteral("5.00"), QStringLiteral("EUR"));
        const Run voucher = utilitydesk(t.url(), {s("topup"), acc, s("--voucher"), s("CLI-VOUCHER-01")});
        QCOMPARE(voucher.code, 0);
        QVERIFY2(voucher.out.contains(s("  3 topup 5.00\n  4 debt_recovery -0.50\nBalance: 22.50 EUR\n")), qPrintable(voucher.out));
        const Run again = utilitydesk(t.url(), {s("topup"), acc, s("--voucher"), s("CLI-VOUCHER-01")});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.startsWith(s("utilitydesk: Voucher code: this voucher was already used on ")), qPrintable(again.err));

        const Run balance = utilitydesk(t.url(), {s("balance"), acc});
        QCOMPARE(balance.code, 0);
        const auto entries = f.ledger().entries(f.agent(), acc);
        const QString today = entries.at(0).day.toString(Qt::ISODate);
        QCOMPARE(balance.out, QStringLiteral("Account: %1 (prepaid, EUR)\n"
                                             "Balance: 22.50\n"
                                             "Emergency credit outstanding: 0.00\n"
                                             "Debt outstanding: 7.50 (10.00 % of each top-up)\n"
                                             "Entries: 4\n"
                                             "Last entries:\n"
                                             "seq,day,kind,amount,reference,method,due_on\n"
                                             "4,%2,debt_recovery,-0.50,%3,,\n"
                                             "3,%2,topup,5.00,%3,voucher,\n"
                                             "2,%2,debt_recovery,-2.00,%4,,\n"
                                             "1,%2,topup,20.00,%4,card,\n")
                                  .arg(acc, today, entries.at(2).reference, entries.at(0).reference));
        // Audited as the operating-system user.
        QCOMPARE(entries.at(0).actor, s("os:operator"));

        const Run usage = utilitydesk(t.url(), {s("topup"), acc, s("20.00")});
        QCOMPARE(usage.code, 2);
        QVERIFY(usage.err.contains(s("utilitydesk topup ACCOUNT AMOUNT --card TOKEN")));
        QCOMPARE(utilitydesk(t.url(), {s("balance"), s("UD99999999")}).code, 1);
        const Run help = utilitydesk(t.url(), {s("--help")});
        QVERIFY(help.out.contains(s("  topup ACCOUNT AMOUNT --card TOKEN")));
        QVERIFY(help.out.contains(s("  card block TOKEN --reason TEXT")));
    }

    void postpaidPaymentAndAgedDebt_data() { Test::addBackendRows(); }
    void postpaidPaymentAndAgedDebt()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Peter Payer"), QStringLiteral("GB"), PaymentType::Postpaid);
        // Two bills long past due (the binary ages them on today's date).
        f.ledger().postBill(a.id, QStringLiteral("bill-old"), 4000, QDate(2020, 1, 1), QDate(2020, 1, 15));
        f.ledger().postBill(a.id, QStringLiteral("bill-older"), 1000, QDate(2019, 12, 1), QDate(2019, 12, 15));
        const Run pay = utilitydesk(t.url(), {s("payment"), a.accountNumber, s("30.00"), s("--reference"), s("INV 7")});
        QCOMPARE(pay.code, 0);
        QCOMPARE(pay.out, QStringLiteral("Recorded a payment of 30.00 GBP on account %1 (bank_transfer, INV 7).\n"
                                         "Balance: -20.00 GBP\n").arg(a.accountNumber));
        const Run balance = utilitydesk(t.url(), {s("balance"), a.accountNumber});
        QCOMPARE(balance.code, 0);
        QVERIFY2(balance.out.startsWith(QStringLiteral("Account: %1 (postpaid, GBP)\n"
                                                       "Balance: -20.00\n"
                                                       "Aged debt:\n"
                                                       "not_due,up_to_30,31_60,61_90,over_90,total\n"
                                                       "0.00,0.00,0.00,0.00,20.00,20.00\n"
                                                       "Entries: 3\n").arg(a.accountNumber)),
                 qPrintable(balance.out));
        QVERIFY(balance.out.contains(s(",bill,-10.00,bill-older,,2019-12-15\n")));

        const Run method = utilitydesk(t.url(), {s("payment"), a.accountNumber, s("5"), s("--method"), s("bitcoin")});
        QCOMPARE(method.code, 1);
        QCOMPARE(method.err, s("utilitydesk: Method: use one of bank_transfer, card, cash, cheque, direct_debit.\n"));
        const Run prepaidOnly = utilitydesk(t.url(), {s("topup"), a.accountNumber, s("5"), s("--card"), s("tok")});
        QCOMPARE(prepaidOnly.code, 1);
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestLedgerCli)
#include "tst_ledgercli.moc"
