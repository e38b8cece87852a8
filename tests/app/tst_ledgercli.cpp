// The ledger commands through the real binary, on both databases: a card blocked with
// `card block` refuses a top-up with its reason and stores nothing; a top-up prints its entries
// (the debt-recovery share as its own) and the balance; a voucher works once; `balance` shows
// balance, debt and the last entries, and aged debt for a postpaid account after `payment`;
// bad amounts name the field and usage mistakes exit with 2; `charges` posts the daily charges
// of every active prepaid account with a tariff (a day waits for its readings, never twice);
// `arrears` moves postpaid accounts to their stage and lists the changes.

#include "clirun.h"

#include "../billing/ledgerfixture.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>
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

    void dailyChargesForEveryPrepaidAccount_data() { Test::addBackendRows(); }
    void dailyChargesForEveryPrepaidAccount()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        // A GB prepaid tariff: 0.40 a day and 2 kWh a day free, 5 % VAT: 0.42 a day below 2 kWh.
        f.billing.tariffs().importJson(f.admin(), QByteArray(R"({"code": "GB-PRE", "name": "Prepaid", "market": "GB",
            "currency": "GBP", "customerClasses": ["residential"], "kind": "prepaid", "versions": [{"effectiveFrom":
            "2024-01-01", "components": [{"type": "standing_charge", "perDay": "0.40"}, {"type": "flat_rate", "perKwh":
            "0.28"}, {"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10}]}]})"),
                                       QStringLiteral("gb-pre.json"));
        // The binary charges up to yesterday in London, by the real clock.
        const QDate today = QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/London")).date();
        const QDate first = today.addDays(-3);
        const QDate yesterday = today.addDays(-1);
        const auto complete = f.openAccount(QStringLiteral("Cora Complete"), QStringLiteral("GB"), PaymentType::Prepaid);
        const auto waiting = f.openAccount(QStringLiteral("Walt Waiting"), QStringLiteral("GB"), PaymentType::Prepaid);
        const auto untariffed = f.openAccount(QStringLiteral("Una Untariffed"), QStringLiteral("GB"), PaymentType::Prepaid);
        const auto postpaid = f.openAccount(QStringLiteral("Paul Postpaid"), QStringLiteral("GB"), PaymentType::Postpaid);
        const QString completeChannel = f.addMeter(complete);
        const QString waitingChannel = f.addMeter(waiting);
        f.addMeter(untariffed);
        f.billing.billing().assignTariff(f.supervisor(), complete.accountNumber, QStringLiteral("GB-PRE"), first);
        f.billing.billing().assignTariff(f.supervisor(), waiting.accountNumber, QStringLiteral("GB-PRE"), first);
        for (QDate d = first; d <= yesterday; d = d.addDays(1)) {
            f.writeDay(completeChannel, "Europe/London", d, 25);
            if (d < yesterday)
                f.writeDay(waitingChannel, "Europe/London", d, 25);
        }
        const QTimeZone london("Europe/London");
        const qint64 halfHoursYesterday =
            (today.startOfDay(london).toSecsSinceEpoch() - yesterday.startOfDay(london).toSecsSinceEpoch()) / 1800;

        // Through the first day only: one day each.
        const Run one = utilitydesk(t.url(), {s("charges"), s("--through"), first.toString(Qt::ISODate)});
        QCOMPARE(one.code, 0);
        QCOMPARE(one.out, QStringLiteral("Daily charges through %1: prepaid accounts 2, charged 2, days posted 2, up to date 0, "
                                         "not charged up to the day 0.\n").arg(first.toString(Qt::ISODate)));
        QVERIFY2(one.err.contains(s("Charging: 2 of 2 accounts (100%)")), qPrintable(one.err));
        QCOMPARE(f.ledger().balance(f.agent(), complete.accountNumber).balanceMinor, qint64(-42));

        // Up to yesterday: the complete account gets the other two days, the other waits for
        // yesterday's readings after one more day; the untariffed and postpaid ones are not due.
        const Run rest = utilitydesk(t.url(), {s("charges")});
        QCOMPARE(rest.code, 0);
        QCOMPARE(rest.out, QStringLiteral("Daily charges through yesterday: prepaid accounts 2, charged 2, days posted 3, up to "
                                          "date 0, not charged up to the day 1.\n"
                                          "Waiting for readings:\n"
                                          "  %1: the readings of %2 are not complete (intervals missing: %3); charged up to "
                                          "the day before\n")
                               .arg(waiting.accountNumber, yesterday.toString(Qt::ISODate))
                               .arg(halfHoursYesterday));
        const auto entries = f.ledger().entries(f.agent(), complete.accountNumber);
        QCOMPARE(entries.size(), qsizetype(3));
        QCOMPARE(entries.constLast().day, yesterday);
        QCOMPARE(entries.constLast().kind, Billing::EntryKind::Charge);
        QCOMPARE(entries.constLast().actor, s("os:operator"));
        QCOMPARE(f.ledger().balance(f.agent(), complete.accountNumber).balanceMinor, qint64(-3 * 42));
        QCOMPARE(f.ledger().balance(f.agent(), waiting.accountNumber).balanceMinor, qint64(-2 * 42));
        QCOMPARE(f.ledger().balance(f.agent(), untariffed.accountNumber).entryCount, qint64(0));
        QCOMPARE(f.ledger().balance(f.agent(), postpaid.accountNumber).entryCount, qint64(0));

        // Again: nothing twice. Once yesterday's readings are in, the waiting account catches up.
        const Run again = utilitydesk(t.url(), {s("charges")});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.startsWith(s("Daily charges through yesterday: prepaid accounts 2, charged 0, days posted 0, up to "
                                        "date 1, not charged up to the day 1.\n")), qPrintable(again.out));
        f.writeDay(waitingChannel, "Europe/London", yesterday, 25);
        const Run caught = utilitydesk(t.url(), {s("charges")});
        QCOMPARE(caught.out, s("Daily charges through yesterday: prepaid accounts 2, charged 1, days posted 1, up to date 1, "
                               "not charged up to the day 0.\n"));
        QCOMPARE(f.sumOfEntries(waiting.id), qint64(-3 * 42));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(6));

        // A day not over yet, a bad date, a stray word.
        const Run early = utilitydesk(t.url(), {s("charges"), s("--through"), today.addDays(2).toString(Qt::ISODate)});
        QCOMPARE(early.code, 1);
        QCOMPARE(early.err, s("utilitydesk: Through: charges can be posted up to yesterday; a day is charged once it is over.\n"));
        const Run badDate = utilitydesk(t.url(), {s("charges"), s("--through"), s("2024-13-01")});
        QCOMPARE(badDate.code, 1);
        QCOMPARE(badDate.err, s("utilitydesk: --through must be a date written YYYY-MM-DD, not \"2024-13-01\".\n"));
        QCOMPARE(utilitydesk(t.url(), {s("charges"), s("now")}).code, 2);
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(6));
        const Run help = utilitydesk(t.url(), {s("--help")});
        QVERIFY(help.out.contains(s("  charges [--through DATE]")));
        QVERIFY(help.out.contains(s("  arrears [--as-of DATE]")));
    }

    void arrearsStages_data() { Test::addBackendRows(); }
    void arrearsStages()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Avery Arrears"), QStringLiteral("GB"), PaymentType::Postpaid);
        const auto b = f.openAccount(QStringLiteral("Bea Behind"), QStringLiteral("GB"), PaymentType::Postpaid);
        const QDate today = QDate::currentDate();
        f.ledger().postBill(a.id, QStringLiteral("bill-a"), 4000, today.addDays(-54), today.addDays(-40));
        f.ledger().postBill(b.id, QStringLiteral("bill-b"), 1250, today.addDays(-14), today.addDays(10));

        // Today: A is 40 days past due, B not yet due.
        const Run now = utilitydesk(t.url(), {s("arrears")});
        QCOMPARE(now.code, 0);
        QCOMPARE(now.out, QStringLiteral("Arrears on %1: accounts that changed stage 1.\n"
                                         "account,from_stage,to_stage,stage,past_due,currency\n"
                                         "%2,0,2,31 to 60 days past due,40.00,GBP\n")
                              .arg(today.toString(Qt::ISODate), a.accountNumber));
        const Run same = utilitydesk(t.url(), {s("arrears")});
        QCOMPARE(same.out, QStringLiteral("Arrears on %1: no account changed stage.\n").arg(today.toString(Qt::ISODate)));
        QCOMPARE(f.ledger().events(f.agent(), f.customerId).size(), qsizetype(0));   // B is the fixture's last customer

        // On a later day both move on, each once.
        const QDate later = today.addDays(30);
        const Run on = utilitydesk(t.url(), {s("arrears"), s("--as-of"), later.toString(Qt::ISODate)});
        QCOMPARE(on.code, 0);
        QCOMPARE(on.out, QStringLiteral("Arrears on %1: accounts that changed stage 2.\n"
                                        "account,from_stage,to_stage,stage,past_due,currency\n"
                                        "%2,2,3,61 to 90 days past due,40.00,GBP\n"
                                        "%3,0,1,up to 30 days past due,12.50,GBP\n")
                             .arg(later.toString(Qt::ISODate), a.accountNumber, b.accountNumber));
        QCOMPARE(f.ledger().events(f.agent(), f.customerId).constFirst().topic, s("arrears.stage"));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM account_arrears")).scalar().toInt(), 2);

        const Run badDate = utilitydesk(t.url(), {s("arrears"), s("--as-of"), s("yesterday")});
        QCOMPARE(badDate.code, 1);
        QCOMPARE(badDate.err, s("utilitydesk: --as-of must be a date written YYYY-MM-DD, not \"yesterday\".\n"));
        QCOMPARE(utilitydesk(t.url(), {s("arrears"), s("--through"), s("2024-01-01")}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestLedgerCli)
#include "tst_ledgercli.moc"
