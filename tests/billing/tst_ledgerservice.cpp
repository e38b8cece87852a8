// LedgerService on both databases: a blocked card refused with its reason and nothing stored,
// a voucher used once, the balance as the sum of the entries, emergency credit, low-balance
// thresholds raising one event per crossing, friendly hours on a Friday night, a weekend and a
// holiday, aged debt buckets (oldest bills settled first), bills posted in bulk (seq, all or
// none, a bill once), arrears-stage events, account events acknowledged, the last-payment
// identity factor, permissions and the audit entries.

#include "ledgerfixture.h"

#include <accounts/identityservice.h>
#include <accounts/sqlvalues.h>
#include <billing/billcalculation.h>
#include <billing/billingdata.h>
#include <billing/friendlyhours.h>
#include <billing/lastpaymentfactor.h>
#include <core/crypto.h>
#include <core/transaction.h>

#include <QJsonArray>
#include <QJsonDocument>

using namespace Ud;
using namespace Ud::Billing;
using Accounts::PaymentType;
using Test::errorOf;
using Test::LedgerFixture;

namespace {
Core::UserContext fieldOfficer()
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("dan"), Core::Role::FieldOfficer,
            QStringLiteral("North")};
}

/// A GB prepaid tariff: 0.40 a day, 0.28 per kWh beyond 2 kWh a day free, up to 10 kWh carried.
const QByteArray GbPrepaid = R"({"code": "GB-PRE", "name": "Prepaid", "market": "GB", "currency": "GBP",
    "customerClasses": ["residential"], "kind": "prepaid", "versions": [{"effectiveFrom": "2024-01-01", "components": [
    {"type": "standing_charge", "perDay": "0.40"}, {"type": "flat_rate", "perKwh": "0.28"},
    {"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10}]}]})";

QString esPrepaidFile()
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    return root.isEmpty() ? QFINDTESTDATA("../data/tariffs/es-prepaid.json") : root + QStringLiteral("/tests/data/tariffs/es-prepaid.json");
}

QStringList kinds(const QList<LedgerEntry> &entries)
{
    QStringList list;
    for (const LedgerEntry &e : entries)
        list << entryKindKey(e.kind) + QLatin1Char(' ') + QString::number(e.amountMinor);
    return list;
}
} // namespace

class TestLedgerService : public QObject
{
    Q_OBJECT

private slots:
    void blockedCardRefused_data() { Test::addBackendRows(); }
    void blockedCardRefused()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Ana Prepago"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().blockCard(f.agent(), QStringLiteral("tok_stolen_0001"), QStringLiteral("  Reported stolen by the   cardholder "));

        // Only the card token's SHA-256 is kept.
        Core::SqlQuery q(t.db().connection(), QStringLiteral("SELECT token_hash, reason, actor FROM payment_cards_blocked"));
        q.exec();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QString::fromLatin1(Core::Crypto::sha256("tok_stolen_0001").toHex()));
        QCOMPARE(q.value(1).toString(), QStringLiteral("Reported stolen by the cardholder"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("alice"));
        const auto blockEntry = f.audit.list(f.admin(), 1).at(0);
        QCOMPARE(blockEntry.action, QStringLiteral("ledger.card_blocked"));
        QVERIFY(!blockEntry.afterJson.contains(QStringLiteral("tok_stolen")));

        const qint64 audits = f.audit.count(f.admin());
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("20.00"), TopUpSource::card(QStringLiteral(" tok_stolen_0001 ")));
                 }),
                 QStringLiteral("The card is blocked (Reported stolen by the cardholder); nothing was taken. Ask the customer "
                                "for another card."));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(0));
        QCOMPARE(f.audit.count(f.admin()), audits);

        // Another card goes through; the first stays refused.
        const TopUpResult ok = f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("20.00"),
                                                TopUpSource::card(QStringLiteral("tok_good_0002")));
        QCOMPARE(kinds(ok.entries), QStringList{QStringLiteral("topup 2000")});
        QCOMPARE(ok.entries.at(0).method, QStringLiteral("card"));
        const auto topUpEntry = f.audit.list(f.admin(), 1).at(0);
        QCOMPARE(topUpEntry.action, QStringLiteral("ledger.topup"));
        QCOMPARE(topUpEntry.entityId, a.id);
        QVERIFY(!topUpEntry.afterJson.contains(QStringLiteral("tok_good")));
        const QJsonObject after = QJsonDocument::fromJson(topUpEntry.afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("amount_minor")).toInt(), 2000);
        QCOMPARE(after.value(QStringLiteral("balance_minor")).toInt(), 2000);
        QVERIFY(f.audit.verify().intact);

        // Bad amounts name the field; a postpaid account takes no top-up.
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("12.345"), TopUpSource::card(QStringLiteral("tok_good_0002")));
                 }),
                 QStringLiteral("Amount: enter an amount such as EUR 1234.50, not \"12.345\"."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("0"), TopUpSource::card(QStringLiteral("tok_good_0002")));
                 }),
                 QStringLiteral("Amount: enter an amount above zero."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("5"), TopUpSource::card(QStringLiteral("  ")));
                 }),
                 QStringLiteral("Card token: enter the payment provider's token of the customer's card."));
        const auto postpaid = f.openAccount(QStringLiteral("Paul Post"), QStringLiteral("GB"), PaymentType::Postpaid);
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), postpaid.accountNumber, QStringLiteral("5"), TopUpSource::card(QStringLiteral("tok_good_0002")));
                 }),
                 QStringLiteral("Account %1 is postpaid: record a payment instead of a top-up.").arg(postpaid.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] {
                     f.ledger().topUp(f.agent(), QStringLiteral("UD99999999"), QStringLiteral("5"), TopUpSource::card(QStringLiteral("x")));
                 }),
                 QStringLiteral("There is no account UD99999999; give an account number such as UD00000042."));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(1));
    }

    void voucherUsedOnce_data() { Test::addBackendRows(); }
    void voucherUsedOnce()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        f.clock.set(LedgerFixture::utc(2024, 6, 14, 9));
        const auto a = f.openAccount(QStringLiteral("Vera Voucher"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().addVoucher(f.agent(), QStringLiteral("VCH-2024-0001"), QStringLiteral("15.00"), QStringLiteral("eur"));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT code_hash FROM vouchers")).scalar().toString(),
                 QString::fromLatin1(Core::Crypto::sha256("VCH-2024-0001").toHex()));

        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("10.00"), TopUpSource::voucher(QStringLiteral("VCH-2024-0001")));
                 }),
                 QStringLiteral("Amount: the voucher is worth EUR 15.00, not EUR 10.00."));
        const TopUpResult r = f.ledger().topUp(f.agent(), a.accountNumber, QString(), TopUpSource::voucher(QStringLiteral("VCH-2024-0001")));
        QCOMPARE(kinds(r.entries), QStringList{QStringLiteral("topup 1500")});
        QCOMPARE(r.entries.at(0).method, QStringLiteral("voucher"));
        QCOMPARE(r.balanceMinor, qint64(1500));

        f.clock.advance(3600);
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QString(), TopUpSource::voucher(QStringLiteral("VCH-2024-0001")));
                 }),
                 QStringLiteral("Voucher code: this voucher was already used on %1.")
                     .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(LedgerFixture::utc(2024, 6, 14, 9),
                                                                           QTimeZone("Europe/Madrid")),
                                             QLocale::ShortFormat)));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QString(), TopUpSource::voucher(QStringLiteral("VCH-0000-0000")));
                 }),
                 QStringLiteral("Voucher code: no voucher has this code; check it and type it again."));
        f.ledger().addVoucher(f.agent(), QStringLiteral("GBP-VOUCHER-1"), QStringLiteral("5"), QStringLiteral("GBP"));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().topUp(f.agent(), a.accountNumber, QString(), TopUpSource::voucher(QStringLiteral("GBP-VOUCHER-1")));
                 }),
                 QStringLiteral("Voucher code: the voucher is in GBP, but the account's amounts are in EUR."));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(1));
        Core::SqlQuery used(t.db().connection(), QStringLiteral("SELECT used_at, account_id FROM vouchers WHERE currency = 'EUR'"));
        used.exec();
        QVERIFY(used.next());
        QCOMPARE(used.value(0).toLongLong(), LedgerFixture::utc(2024, 6, 14, 9));
        QCOMPARE(Accounts::SqlValues::id(used.value(1)), a.id);
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] {
                     f.ledger().addVoucher(f.agent(), QStringLiteral("VCH-2024-0001"), QStringLiteral("15.00"), QStringLiteral("EUR"));
                 }),
                 QStringLiteral("Voucher code: a voucher with this code exists already."));
    }

    void balanceIsTheSumOfEntries_data() { Test::addBackendRows(); }
    void balanceIsTheSumOfEntries()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Sam Sum"), QStringLiteral("ES"), PaymentType::Prepaid);
        const auto empty = f.ledger().balance(f.agent(), a.accountNumber);
        QCOMPARE(empty.balanceMinor, qint64(0));
        QCOMPARE(empty.entryCount, qint64(0));
        QVERIFY(empty.recent.isEmpty());
        QVERIFY(empty.isLow());   // below the market's first threshold of 5.00
        QCOMPARE(empty.settings.lowBalanceMinor, (QList<qint64>{500, 0}));
        QCOMPARE(empty.settings.emergencyCreditMinor, qint64(500));

        f.ledger().grantEmergencyCredit(f.agent(), a.accountNumber);
        f.ledger().setDebt(f.agent(), a.id, QStringLiteral("30.00"), 2500);
        for (int i = 0; i < 12; ++i) {
            f.clock.advance(600);
            f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("%1.%2").arg(3 + i).arg(i * 7 % 100, 2, 10, QLatin1Char('0')),
                             TopUpSource::card(QStringLiteral("tok_%1").arg(i % 3)));
            f.ledger().adjust(f.supervisor(), a.accountNumber, QStringLiteral("-1.%1").arg(i * 3 % 100, 2, 10, QLatin1Char('0')),
                              QStringLiteral("Correction %1").arg(i));
        }
        const AccountBalance b = f.ledger().balance(f.agent(), a.accountNumber);
        QCOMPARE(b.balanceMinor, f.sumOfEntries(a.id));
        qint64 sum = 0;
        const QList<LedgerEntry> all = f.ledger().entries(f.agent(), a.accountNumber);
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(all.at(i).seq, qint64(i + 1));
            sum += all.at(i).amountMinor;
        }
        QCOMPARE(b.balanceMinor, sum);
        QCOMPARE(b.entryCount, qint64(all.size()));
        QCOMPARE(b.recent.size(), qsizetype(LedgerService::RecentEntries));
        QCOMPARE(b.recent.at(0).seq, qint64(all.size()));     // newest first
        QCOMPARE(b.recent.at(0), all.constLast());
        // The debt fell by exactly what the debt-recovery entries took.
        qint64 recovered = 0;
        for (const LedgerEntry &e : all)
            recovered += e.kind == EntryKind::DebtRecovery ? e.amountMinor : 0;
        QCOMPARE(b.debtMinor, 3000 + recovered);
        QCOMPARE(b.debtShareBp, 2500);
        QCOMPARE(b.emergencyCreditMinor, qint64(0));
    }

    void emergencyCredit_data() { Test::addBackendRows(); }
    void emergencyCredit()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Emma Emergency"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("6.00"), TopUpSource::card(QStringLiteral("tok_e")));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.ledger().grantEmergencyCredit(f.agent(), a.accountNumber); }),
                 QStringLiteral("Emergency credit is for a balance below EUR 5.00; the balance of %1 is EUR 6.00.").arg(a.accountNumber));
        f.ledger().adjust(f.supervisor(), a.accountNumber, QStringLiteral("-7.50"), QStringLiteral("Estimated use"));
        f.published.clear();
        const LedgerEntry e = f.ledger().grantEmergencyCredit(f.agent(), a.accountNumber);
        QCOMPARE(e.kind, EntryKind::EmergencyCredit);
        QCOMPARE(e.amountMinor, qint64(500));
        QCOMPARE(f.topics(), QStringList{QStringLiteral("prepaid.emergency_credit")});
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("account_id")).toString(), a.id);
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).emergencyCreditMinor, qint64(500));
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] { f.ledger().grantEmergencyCredit(f.agent(), a.accountNumber); }),
                 QStringLiteral("Emergency credit of EUR 5.00 is still to be repaid on account %1; it is repaid from the next "
                                "top-up.").arg(a.accountNumber));
        // A top-up smaller than the emergency credit repays what it can.
        const TopUpResult r = f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("3.00"), TopUpSource::card(QStringLiteral("tok_e")));
        QCOMPARE(kinds(r.entries), (QStringList{QStringLiteral("topup 300"), QStringLiteral("emergency_repayment -300")}));
        QCOMPARE(r.emergencyCreditMinor, qint64(200));
        QCOMPARE(r.balanceMinor, qint64(600 - 750 + 500));
        const TopUpResult r2 = f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("3.00"), TopUpSource::card(QStringLiteral("tok_e")));
        QCOMPARE(kinds(r2.entries), (QStringList{QStringLiteral("topup 300"), QStringLiteral("emergency_repayment -200")}));
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).emergencyCreditMinor, qint64(0));
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).balanceMinor, f.sumOfEntries(a.id));
    }

    void thresholdsRaiseOneEventPerCrossing_data() { Test::addBackendRows(); }
    void thresholdsRaiseOneEventPerCrossing()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Tom Threshold"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("10.00"), TopUpSource::card(QStringLiteral("tok_t")));
        const auto step = [&](const char *amount) {
            f.ledger().adjust(f.supervisor(), a.accountNumber, QString::fromLatin1(amount), QStringLiteral("Use"));
        };
        step("-4.00");   // 6.00
        QVERIFY(f.published.isEmpty());
        step("-2.00");   // 4.00: below 5.00
        step("-1.00");   // 3.00: still below, no second event
        QCOMPARE(f.topics(), QStringList{QStringLiteral("prepaid.low_balance")});
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("threshold_minor")).toLongLong(), qint64(500));
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("balance_minor")).toLongLong(), qint64(400));
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("customer_id")).toString(), f.customerId);
        step("-5.00");   // -2.00: below zero
        step("-1.00");
        QCOMPARE(f.topics(), (QStringList{QStringLiteral("prepaid.low_balance"), QStringLiteral("prepaid.low_balance")}));
        QCOMPARE(f.published.at(1).second.value(QStringLiteral("threshold_minor")).toLongLong(), qint64(0));
        QCOMPARE(f.published.at(1).second.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));

        // Topped up above both, then down again through both at once: one event, for zero.
        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("20.00"), TopUpSource::card(QStringLiteral("tok_t")));
        step("-20.00");
        QCOMPARE(f.published.size(), qsizetype(3));
        QCOMPARE(f.published.at(2).second.value(QStringLiteral("threshold_minor")).toLongLong(), qint64(0));

        // Stored for the customer page, newest first, with the sentence the agent reads.
        const QList<AccountEvent> events = f.ledger().events(f.agent(), f.customerId);
        QCOMPARE(events.size(), qsizetype(3));
        QCOMPARE(f.count(QStringLiteral("account_events")), qint64(3));
        const AccountEvent &first = events.constLast();
        QCOMPARE(first.topic, QStringLiteral("prepaid.low_balance"));
        QCOMPARE(first.severity, QStringLiteral("warning"));
        QCOMPARE(first.accountId, a.id);
        QCOMPARE(first.text(), QStringLiteral("Balance of %1 fell below EUR 5.00 (now EUR 4.00).").arg(a.accountNumber));

        // Acknowledged events leave the list but are kept.
        const AccountEvent ack = f.ledger().acknowledgeEvent(f.agent(), first.id);
        QVERIFY(ack.acknowledged());
        QCOMPARE(ack.acknowledgedBy, QStringLiteral("alice"));
        QCOMPARE(f.ledger().events(f.agent(), f.customerId).size(), qsizetype(2));
        const auto withAck = f.ledger().events(f.agent(), f.customerId, true);
        QCOMPARE(withAck.size(), qsizetype(3));
        QCOMPARE(withAck.constLast().acknowledgedBy, QStringLiteral("alice"));
        QCOMPARE(f.audit.list(f.admin(), 1).at(0).action, QStringLiteral("ledger.event_acknowledged"));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] {
                     f.ledger().acknowledgeEvent(f.businessUser(), events.at(0).id);
                 }),
                 QStringLiteral("bob (Business user) may not log customer contacts."));
    }

    void chargesStartWithTheFirstReading_data() { Test::addBackendRows(); }
    void chargesStartWithTheFirstReading()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        f.billing.tariffs().importJson(f.admin(), GbPrepaid, QStringLiteral("gb-pre.json"));
        const auto a = f.openAccount(QStringLiteral("Old Account"), QStringLiteral("GB"), PaymentType::Prepaid);
        const QString channel = f.addMeter(a);
        // On the tariff since 2024-01-01, but the meter's data starts on 10 June.
        f.billing.billing().assignTariff(f.supervisor(), a.accountNumber, QStringLiteral("GB-PRE"), QDate(2024, 1, 1));
        QVERIFY(f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 11)).charges.isEmpty());
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 10), 25);
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 11), 50);
        const ChargeRun run = f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 11));
        // Charged from the first day read, not held up by the months without data before it.
        QCOMPARE(kinds(run.charges), (QStringList{QStringLiteral("charge -42"), QStringLiteral("charge -42")}));
        QCOMPARE(run.charges.at(0).day, QDate(2024, 6, 10));
        QVERIFY(!run.incompleteDay.isValid());
    }

    void dailyChargesWithCarryOver_data() { Test::addBackendRows(); }
    void dailyChargesWithCarryOver()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());   // the clock stands at 2024-06-15 13:00 in London
        f.billing.tariffs().importJson(f.admin(), GbPrepaid, QStringLiteral("gb-pre.json"));
        const auto a = f.openAccount(QStringLiteral("Carry Over"), QStringLiteral("GB"), PaymentType::Prepaid);
        const QString channel = f.addMeter(a);
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 12)); }),
                 QStringLiteral("Account %1 has no tariff: assign it a prepaid tariff before posting charges.").arg(a.accountNumber));
        f.billing.billing().assignTariff(f.supervisor(), a.accountNumber, QStringLiteral("GB-PRE"), QDate(2024, 6, 10));
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 10), 25);    // 1.2 kWh
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 11), 50);    // 2.4 kWh
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 12), 100);   // 4.8 kWh
        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("5.00"), TopUpSource::card(QStringLiteral("tok_c")));

        // By hand: 10 June 1.2 of 2.0 kWh used, 0.8 carried; 0.40 + 5 % VAT 0.02 = 0.42.
        // 11 June 2.4 of 2.8 kWh, 0.4 carried; 0.42. 12 June 4.8 of 2.4 kWh: 2.4 kWh x 0.28 =
        // 0.672 -> 0.67; net 1.07, VAT 0.0535 -> 0.05; 1.12, nothing carried.
        const ChargeRun first = f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 11));
        QCOMPARE(kinds(first.charges), (QStringList{QStringLiteral("charge -42"), QStringLiteral("charge -42")}));
        QCOMPARE(first.charges.at(0).day, QDate(2024, 6, 10));
        QCOMPARE(first.charges.at(0).carriedWh, std::optional<qint64>(800));
        QCOMPARE(first.charges.at(1).carriedWh, std::optional<qint64>(400));
        QCOMPARE(first.charges.at(1).consumptionWh, std::optional<qint64>(2400));
        QCOMPARE(first.charges.at(1).reference, QStringLiteral("GB-PRE"));
        QCOMPARE(first.carriedWh, qint64(400));
        QCOMPARE(first.balanceMinor, qint64(500 - 84));
        QCOMPARE(f.topics(), QStringList{QStringLiteral("prepaid.low_balance")});   // 5.00 -> 4.58

        // Again through the same day: nothing new. Then the next day starts from the stored carry.
        QVERIFY(f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 11)).charges.isEmpty());
        const qint64 audits = f.audit.count(f.admin());
        const ChargeRun second = f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 14));
        QCOMPARE(kinds(second.charges), QStringList{QStringLiteral("charge -112")});
        QCOMPARE(second.charges.at(0).overAllowanceWh, std::optional<qint64>(2400));
        QCOMPARE(second.charges.at(0).carriedWh, std::optional<qint64>(0));
        // 13 June has no readings yet: left for a later run.
        QCOMPARE(second.incompleteDay, QDate(2024, 6, 13));
        QCOMPARE(second.missingIntervals, qint64(48));
        QCOMPARE(f.topics(), (QStringList{QStringLiteral("prepaid.low_balance"), QStringLiteral("prepaid.over_usage")}));
        QCOMPARE(f.published.at(1).second.value(QStringLiteral("over_allowance_wh")).toLongLong(), qint64(2400));
        QCOMPARE(f.audit.count(f.admin()), audits + 1);
        QCOMPARE(f.audit.list(f.admin(), 1).at(0).action, QStringLiteral("ledger.charges_posted"));
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).balanceMinor, qint64(500 - 42 - 42 - 112));
        QCOMPARE(f.sumOfEntries(a.id), qint64(500 - 42 - 42 - 112));
        const auto events = f.ledger().events(f.agent(), f.customerId);
        QCOMPARE(events.at(0).text(), QStringLiteral("%1 used 4.8 kWh on %2, 2.4 kWh beyond the allowance.")
                                          .arg(a.accountNumber, QLocale().toString(QDate(2024, 6, 12), QLocale::ShortFormat)));

        // The carry-over stored day by day is what one calculation over the three days carries.
        {
            Core::Transaction tx(t.db(), Core::Transaction::Mode::Read);
            BillingData data(t.db());
            const BillingAccount ba = data.account(a.id);
            AllowanceState whole;
            const BillResult r = BillCalculator::calculate(*data.tariffOn(a.id, QDate(2024, 6, 10)),
                                                           data.taxes(ba.marketCode, ba.customerClass),
                                                           data.usage(ba, QDate(2024, 6, 10), QDate(2024, 6, 12)),
                                                           QDate(2024, 6, 10), QDate(2024, 6, 12), &whole);
            QCOMPARE(whole.carriedWh, *second.charges.at(0).carriedWh);
            QCOMPARE(r.overAllowanceWh, *second.charges.at(0).overAllowanceWh);
        }

        // A day cannot be charged before it is over, nor twice even if asked for directly.
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 15)); }),
                 QStringLiteral("Through day: charges can be posted up to yesterday (2024-06-14); a day is charged once it is over."));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] { f.ledger().postPrepaidCharges(f.agent(), a.accountNumber, QDate(2024, 6, 14)); }),
                 QStringLiteral("alice (Agent) may not run billing."));
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 13), 10);
        f.writeDay(channel, "Europe/London", QDate(2024, 6, 14), 10);
        QCOMPARE(f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 14)).charges.size(), qsizetype(2));
        QVERIFY(f.ledger().postPrepaidCharges(f.supervisor(), a.accountNumber, QDate(2024, 6, 14)).charges.isEmpty());
        QCOMPARE(Core::SqlQuery(t.db().connection(),
                                QStringLiteral("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'charge'")).scalar().toInt(), 5);
        // The database itself refuses a second charge of a day.
        QVERIFY(errorOf(Core::Error::Kind::Database, [&] {
                    Core::Transaction tx(t.db());
                    Core::SqlQuery(t.db().connection(), QStringLiteral(
                        "INSERT INTO ledger_entries (id, account_id, seq, at, day, kind, amount_minor, currency, actor, carried_wh) "
                        "VALUES ('00000000-0000-4000-8000-0000000000ff', :a, 99, 0, '2024-06-12', 'charge', -1, 'GBP', 'x', 0)"))
                        .bind(QStringLiteral(":a"), a.id)
                        .exec();
                }) != QStringLiteral("no error"));
    }

    void disconnectionOnlyInFriendlyHours_data() { Test::addBackendRows(); }
    void disconnectionOnlyInFriendlyHours()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        f.clock.set(LedgerFixture::utc(2025, 4, 28));
        f.billing.tariffs().importFile(f.admin(), esPrepaidFile());
        const auto a = f.openAccount(QStringLiteral("Dora Disconnect"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.billing.billing().assignTariff(f.supervisor(), a.accountNumber, QStringLiteral("ES-PREPAGO-BASICO"), QDate(2025, 1, 1));
        QVERIFY(!f.ledger().disconnection(f.agent(), a.accountNumber).negativeBalance);
        f.ledger().adjust(f.supervisor(), a.accountNumber, QStringLiteral("-2.00"), QStringLiteral("Use"));

        // Friday 2 May 2025, 17:00 in Madrid: night; Monday 10:00.
        f.clock.set(LedgerFixture::local("Europe/Madrid", 2025, 5, 2, 17));
        DisconnectionOutlook o = f.ledger().disconnection(f.agent(), a.accountNumber);
        QVERIFY(o.negativeBalance);
        QVERIFY(!o.allowedNow);
        QCOMPARE(o.nextAllowedAt, LedgerFixture::local("Europe/Madrid", 2025, 5, 5, 10));
        // Thursday 1 May, a holiday of the tariff version, at noon: Friday 10:00.
        f.clock.set(LedgerFixture::local("Europe/Madrid", 2025, 5, 1, 12));
        o = f.ledger().disconnection(f.agent(), a.accountNumber);
        QVERIFY(!o.allowedNow);
        QCOMPARE(o.reason, QStringLiteral("it is a public holiday"));
        QCOMPARE(o.nextAllowedAt, LedgerFixture::local("Europe/Madrid", 2025, 5, 2, 10));
        // Saturday: the weekend.
        f.clock.set(LedgerFixture::local("Europe/Madrid", 2025, 5, 3, 11));
        QCOMPARE(f.ledger().disconnection(f.agent(), a.accountNumber).reason, QStringLiteral("supply is not disconnected at weekends"));
        // Wednesday 30 April, 11:00: now; and the balance screen says the same.
        f.clock.set(LedgerFixture::local("Europe/Madrid", 2025, 4, 30, 11));
        o = f.ledger().disconnection(f.agent(), a.accountNumber);
        QVERIFY(o.allowedNow);
        QCOMPARE(o.nextAllowedAt, f.clock.nowSecs());
        QVERIFY(f.ledger().balance(f.agent(), a.accountNumber).disconnection.allowedNow);
    }

    void friendlyHours()
    {
        // Madrid, the default hours (10:00 to 16:00, Monday to Friday), 1 May a holiday.
        const QTimeZone madrid("Europe/Madrid");
        const FriendlyHours hours(PrepaidSettings{}, madrid, {QDate(2025, 5, 1)});
        const auto at = [&](int m, int d, int h, int min = 0) { return LedgerFixture::local("Europe/Madrid", 2025, m, d, h, min); };

        // A Friday night: not now, Monday 10:00.
        QCOMPARE(hours.blockAt(at(5, 2, 17)), FriendlyHours::Block::Night);
        QCOMPARE(hours.nextAllowed(at(5, 2, 17)), at(5, 5, 10));
        QCOMPARE(hours.blockAt(at(5, 2, 16)), FriendlyHours::Block::Night);       // 16:00 is already night
        QCOMPARE(hours.blockAt(at(5, 2, 15, 59)), FriendlyHours::Block::None);
        // Saturday and Sunday.
        QCOMPARE(hours.blockAt(at(5, 3, 12)), FriendlyHours::Block::Weekend);
        QCOMPARE(hours.nextAllowed(at(5, 4, 11)), at(5, 5, 10));
        // Thursday 1 May, a holiday, at noon: Friday 10:00.
        QCOMPARE(hours.blockAt(at(5, 1, 12)), FriendlyHours::Block::Holiday);
        QCOMPARE(hours.nextAllowed(at(5, 1, 12)), at(5, 2, 10));
        // Wednesday night before it: not the holiday, the Friday.
        QCOMPARE(hours.nextAllowed(at(4, 30, 22)), at(5, 2, 10));
        // Early on a working day: later that morning; inside the hours: now.
        QCOMPARE(hours.blockAt(at(4, 30, 9, 59)), FriendlyHours::Block::Night);
        QCOMPARE(hours.nextAllowed(at(4, 30, 9, 59)), at(4, 30, 10));
        QCOMPARE(hours.nextAllowed(at(4, 30, 11)), at(4, 30, 11));
        // The Friday night before the clocks go forward: Monday 10:00 summer time, 08:00 UTC.
        QCOMPARE(hours.nextAllowed(at(3, 28, 20)), LedgerFixture::utc(2025, 3, 31, 8));
        QCOMPARE(hours.blockText(FriendlyHours::Block::Holiday), QStringLiteral("it is a public holiday"));

        // Settings without a weekday never allow it.
        PrepaidSettings never;
        never.friendlyWeekdays.clear();
        QCOMPARE(FriendlyHours(never, madrid, {}).nextAllowed(at(4, 30, 11)), qint64(0));
    }

    void agedDebtBuckets_data() { Test::addBackendRows(); }
    void agedDebtBuckets()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Olga Owing"), QStringLiteral("GB"), PaymentType::Postpaid);
        const auto bill = [&](const char *id, qint64 minor, QDate due) {
            return f.ledger().postBill(a.id, QString::fromLatin1(id), minor, due.addDays(-14), due);
        };
        bill("A", 4000, QDate(2023, 12, 20));
        bill("B", 10000, QDate(2024, 1, 15));
        bill("C", 5000, QDate(2024, 2, 15));
        bill("D", 3000, QDate(2024, 3, 15));
        bill("E", 2000, QDate(2024, 4, 15));
        const LedgerEntry f5 = bill("F", 1000, QDate(2024, 5, 2));
        QCOMPARE(f5.kind, EntryKind::Bill);
        QCOMPARE(f5.amountMinor, qint64(-1000));
        QCOMPARE(f5.day, QDate(2024, 4, 18));
        QCOMPARE(f5.dueOn, QDate(2024, 5, 2));
        // 60.00 on 10 April settles A (40.00) and 20.00 of B.
        f.clock.set(LedgerFixture::utc(2024, 4, 10));
        f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("60.00"), QStringLiteral("bank_transfer"),
                                 QStringLiteral("FPS 1234"));

        const AgedDebt aged = f.ledger().agedDebt(f.agent(), a.accountNumber, QDate(2024, 4, 20));
        QCOMPARE(aged.over90Minor, qint64(8000));   // B, due 96 days before
        QCOMPARE(aged.upTo90Minor, qint64(5000));   // C, 65 days
        QCOMPARE(aged.upTo60Minor, qint64(3000));   // D, 36 days
        QCOMPARE(aged.upTo30Minor, qint64(2000));   // E, 5 days
        QCOMPARE(aged.notDueMinor, qint64(1000));   // F
        QCOMPARE(aged.totalMinor(), -f.sumOfEntries(a.id));
        QCOMPARE(aged.oldestUnpaidDue, QDate(2024, 1, 15));
        QCOMPARE(aged.stage(), 4);
        // The boundaries: the due day itself is not past due; 30 days is the first bucket, 31 the
        // second, 90 the third, 91 over 90.
        const AgedDebt on14 = f.ledger().agedDebt(f.agent(), a.accountNumber, QDate(2024, 4, 14));
        QCOMPARE(on14.upTo30Minor, qint64(3000));                 // D, 30 days
        QCOMPARE(on14.upTo60Minor, qint64(5000));                 // C, 59 days
        QCOMPARE(on14.upTo90Minor, qint64(8000));                 // B, 90 days
        QCOMPARE(on14.over90Minor, qint64(0));
        const AgedDebt on15 = f.ledger().agedDebt(f.agent(), a.accountNumber, QDate(2024, 4, 15));
        QCOMPARE(on15.upTo30Minor, qint64(0));
        QCOMPARE(on15.upTo60Minor, qint64(5000 + 3000));          // C 60 days, D 31 days
        QCOMPARE(on15.over90Minor, qint64(8000));                 // B, 91 days
        QCOMPARE(on15.notDueMinor, qint64(2000));                 // E, due that day (F is issued on 18 April)

        // The portfolio adds a second account; a prepaid one is not aged.
        const auto b = f.openAccount(QStringLiteral("Bert Behind"), QStringLiteral("GB"), PaymentType::Postpaid);
        f.ledger().postBill(b.id, QStringLiteral("G"), 700, QDate(2024, 3, 1), QDate(2024, 3, 31));
        const auto p = f.openAccount(QStringLiteral("Pia Prepaid"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().adjust(f.supervisor(), p.accountNumber, QStringLiteral("-3.00"), QStringLiteral("Use"));
        const AgedDebt portfolio = f.ledger().portfolioAgedDebt(f.agent(), QDate(2024, 4, 20));
        QCOMPARE(portfolio.upTo30Minor, qint64(2000 + 700));
        QCOMPARE(portfolio.totalMinor(), aged.totalMinor() + 700);

        // A bill goes on once; inside a caller's transaction that rolls back, not at all.
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] { bill("C", 5000, QDate(2024, 2, 15)); }),
                 QStringLiteral("The bill C is on the ledger of account %1 already.").arg(a.accountNumber));
        const qint64 entries = f.count(QStringLiteral("ledger_entries"));
        {
            Core::Transaction tx(t.db());
            f.ledger().postBill(a.id, QStringLiteral("H"), 100, QDate(2024, 4, 1), QDate(2024, 4, 30));
            QCOMPARE(f.count(QStringLiteral("ledger_entries")), entries + 1);
        }
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), entries);

        // Payments: postpaid only, a known method, the amount named.
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().recordPayment(f.agent(), p.accountNumber, QStringLiteral("5"), QStringLiteral("cash"), {});
                 }),
                 QStringLiteral("Account %1 is prepaid: take a top-up instead of a payment.").arg(p.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("5"), QStringLiteral("bitcoin"), {});
                 }),
                 QStringLiteral("Method: use one of bank_transfer, card, cash, cheque, direct_debit."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("five"), QStringLiteral("cash"), {});
                 }),
                 QStringLiteral("Amount: enter an amount such as GBP 1234.50, not \"five\"."));
    }

    void postBillsInBulk_data() { Test::addBackendRows(); }
    void postBillsInBulk()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Bulk Anna"), QStringLiteral("GB"), PaymentType::Postpaid);
        const auto b = f.openAccount(QStringLiteral("Bulk Ben"), QStringLiteral("ES"), PaymentType::Postpaid);
        const auto c = f.openAccount(QStringLiteral("Bulk Cleo"), QStringLiteral("GB"), PaymentType::Postpaid);
        f.ledger().postBill(a.id, QStringLiteral("old-a"), 900, QDate(2024, 4, 1), QDate(2024, 4, 15));
        f.clock.set(LedgerFixture::utc(2024, 4, 20));
        f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("9.00"), QStringLiteral("cash"), {});

        // Entries in the order given, each account's seq going on from its last entry; the
        // account's currency; nothing audited (the caller audits the bills).
        const qint64 audits = f.audit.count(f.admin());
        const QList<LedgerEntry> posted = f.ledger().postBills(
            {BillPosting{c.id, QStringLiteral("may-c"), 3000, QDate(2024, 5, 2), QDate(2024, 5, 16)},
             BillPosting{a.id.toUpper(), QStringLiteral("may-a"), 4500, QDate(2024, 5, 2), QDate(2024, 5, 16)},
             BillPosting{b.id, QStringLiteral("may-b"), -250, QDate(2024, 5, 2), QDate(2024, 5, 2)},
             BillPosting{a.id, QStringLiteral("may-a2"), 100, QDate(2024, 5, 3), QDate(2024, 5, 24)}});
        QCOMPARE(posted.size(), qsizetype(4));
        QCOMPARE(f.audit.count(f.admin()), audits);
        QCOMPARE(kinds(posted), (QStringList{QStringLiteral("bill -3000"), QStringLiteral("bill -4500"), QStringLiteral("bill 250"),
                                             QStringLiteral("bill -100")}));
        QCOMPARE(posted.at(0).seq, qint64(1));
        QCOMPARE(posted.at(1).seq, qint64(3));   // after the old bill and the payment
        QCOMPARE(posted.at(3).seq, qint64(4));
        QCOMPARE(posted.at(2).currency, QStringLiteral("EUR"));
        QCOMPARE(posted.at(1).accountId, a.id);
        const QList<LedgerEntry> stored = f.ledger().entries(f.agent(), a.accountNumber);
        QCOMPARE(stored.size(), qsizetype(4));
        QCOMPARE(stored.at(2), posted.at(1));
        QCOMPARE(stored.at(3), posted.at(3));
        QCOMPARE(stored.at(2).dueOn, QDate(2024, 5, 16));
        QCOMPARE(stored.at(2).day, QDate(2024, 5, 2));
        QCOMPARE(stored.at(2).reference, QStringLiteral("may-a"));
        QCOMPARE(stored.at(2).actor, QStringLiteral("billing"));
        const AgedDebt aged = f.ledger().agedDebt(f.agent(), a.accountNumber, QDate(2024, 5, 20));
        QCOMPARE(aged.upTo30Minor, qint64(4500));
        QCOMPARE(aged.notDueMinor, qint64(100));
        QCOMPARE(aged.oldestUnpaidDue, QDate(2024, 5, 16));

        // All or none: a bill on a ledger already, or twice in the list, refuses the whole list.
        const qint64 entries = f.count(QStringLiteral("ledger_entries"));
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] {
                     f.ledger().postBills({BillPosting{c.id, QStringLiteral("jun-c"), 1, QDate(2024, 6, 2), QDate(2024, 6, 16)},
                                           BillPosting{a.id, QStringLiteral("may-a2"), 100, QDate(2024, 5, 3), QDate(2024, 5, 24)}});
                 }),
                 QStringLiteral("The bill may-a2 is on the ledger of account %1 already.").arg(a.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] {
                     f.ledger().postBills({BillPosting{b.id, QStringLiteral("jun-b"), 1, QDate(2024, 6, 2), QDate(2024, 6, 16)},
                                           BillPosting{b.id, QStringLiteral("jun-b"), 1, QDate(2024, 6, 2), QDate(2024, 6, 16)}});
                 }),
                 QStringLiteral("The bill jun-b is on the ledger of account %1 already.").arg(b.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] {
                     f.ledger().postBills({BillPosting{b.id, QStringLiteral("jun-b"), 1, QDate(2024, 6, 2), QDate(2024, 6, 16)},
                                           BillPosting{QStringLiteral("00000000-0000-4000-8000-00000000abcd"), QStringLiteral("x"), 1,
                                                       QDate(2024, 6, 2), QDate(2024, 6, 16)}});
                 }),
                 QStringLiteral("There is no account 00000000-0000-4000-8000-00000000abcd to put the bill on."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.ledger().postBills({BillPosting{b.id, QStringLiteral("jun-b"), 1, QDate(2024, 6, 16), QDate(2024, 6, 2)}});
                 }),
                 QStringLiteral("A bill needs its id, the day it was issued and a due day not before it."));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), entries);
        QVERIFY(f.ledger().postBills({}).isEmpty());

        // A batch as large as a bill run's goes in at once.
        QList<BillPosting> many;
        for (int i = 0; i < 1500; ++i)
            many << BillPosting{i % 2 ? b.id : c.id, QStringLiteral("run-%1").arg(i), 10, QDate(2024, 6, 2), QDate(2024, 6, 16)};
        const QList<LedgerEntry> run = f.ledger().postBills(many);
        QCOMPARE(run.constLast().seq, qint64(1 + 750));   // b: the May credit note, then 750
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), entries + 1500);
        QCOMPARE(f.ledger().balance(f.agent(), c.accountNumber).balanceMinor, qint64(-3000 - 750 * 10));
    }

    void arrearsStageEvents_data() { Test::addBackendRows(); }
    void arrearsStageEvents()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        f.clock.set(LedgerFixture::utc(2024, 1, 2));
        const auto a = f.openAccount(QStringLiteral("Arthur Arrears"), QStringLiteral("GB"), PaymentType::Postpaid);
        f.ledger().postBill(a.id, QStringLiteral("bill-1"), 8000, QDate(2024, 1, 1), QDate(2024, 1, 15));
        QVERIFY(f.ledger().updateArrears(f.supervisor(), QDate(2024, 1, 15)).isEmpty());
        QVERIFY(f.published.isEmpty());

        const auto first = f.ledger().updateArrears(f.supervisor(), QDate(2024, 1, 16));
        QCOMPARE(first.size(), qsizetype(1));
        QCOMPARE(first.at(0).accountNumber, a.accountNumber);
        QCOMPARE(first.at(0).fromStage, 0);
        QCOMPARE(first.at(0).toStage, 1);
        QCOMPARE(f.topics(), QStringList{QStringLiteral("arrears.stage")});
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("stage")).toInt(), 1);
        QCOMPARE(f.published.at(0).second.value(QStringLiteral("past_due_minor")).toLongLong(), qint64(8000));
        QVERIFY(f.ledger().updateArrears(f.supervisor(), QDate(2024, 1, 20)).isEmpty());   // same stage: no event
        QCOMPARE(f.published.size(), qsizetype(1));

        // 31 days past due: the next stage. A part payment does not bring it back.
        f.clock.set(LedgerFixture::utc(2024, 2, 10));
        f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("10.00"), QStringLiteral("card"), {});
        QCOMPARE(f.ledger().updateArrears(f.supervisor(), QDate(2024, 2, 15)).at(0).toStage, 2);
        QCOMPARE(f.published.size(), qsizetype(2));
        QCOMPARE(f.published.at(1).second.value(QStringLiteral("past_due_minor")).toLongLong(), qint64(7000));
        const auto events = f.ledger().events(f.agent(), f.customerId);
        QCOMPARE(events.size(), qsizetype(2));
        QCOMPARE(events.at(0).text(),
                 QStringLiteral("%1 is now 31 to 60 days past due: GBP 70.00 past due.").arg(a.accountNumber));
        const auto audit = f.audit.list(f.admin(), 2);
        QCOMPARE(audit.at(0).action, QStringLiteral("ledger.arrears_updated"));
        QVERIFY(audit.at(0).afterJson.contains(a.accountNumber));

        // Paid in full: the stage falls without an event, and a later run finds nothing to raise.
        f.clock.set(LedgerFixture::utc(2024, 3, 1));
        f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("70.00"), QStringLiteral("card"), QStringLiteral("R2"));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT stage FROM account_arrears")).scalar().toInt(), 0);
        QVERIFY(f.ledger().updateArrears(f.supervisor(), QDate(2024, 6, 1)).isEmpty());
        QCOMPARE(f.published.size(), qsizetype(2));
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).balanceMinor, qint64(0));
    }

    void lastPaymentIdentifiesTheCaller_data() { Test::addBackendRows(); }
    void lastPaymentIdentifiesTheCaller()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Ivan Identity"), QStringLiteral("ES"), PaymentType::Prepaid);
        Accounts::IdentityService &identity = f.module.identity();
        QVERIFY(identity.onRecord(f.agent(), f.customerId).more.isEmpty());   // never paid: nothing on record

        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("20.00"), TopUpSource::card(QStringLiteral("tok_i")));
        f.clock.advance(60);
        f.ledger().topUp(f.agent(), a.accountNumber, QStringLiteral("12.50"), TopUpSource::card(QStringLiteral("tok_i")));
        const auto onRecord = identity.onRecord(f.agent(), f.customerId);
        QCOMPARE(onRecord.more.size(), qsizetype(1));
        QCOMPARE(onRecord.more.at(0).key, QStringLiteral("last_payment"));
        QCOMPARE(onRecord.more.at(0).name, QStringLiteral("last payment amount"));

        Accounts::IdentityAnswers answers;
        answers.more.insert(QStringLiteral("last_payment"), QStringLiteral("20.00"));   // the one before
        auto result = identity.check(f.agent(), f.customerId, answers);
        QVERIFY(!result.verified);
        QCOMPARE(result.outcome(QStringLiteral("last_payment")), Accounts::IdentityFactorOutcome::Failed);
        answers.more.insert(QStringLiteral("last_payment"), QStringLiteral("€12,50"));
        result = identity.check(f.agent(), f.customerId, answers);
        QVERIFY(result.verified);
        QCOMPARE(result.verification(), QStringLiteral("last payment amount"));
        QCOMPARE(LastPaymentFactor::spokenAmount(QStringLiteral("12.5"), QStringLiteral("EUR")), std::optional<qint64>(1250));
        QCOMPARE(LastPaymentFactor::spokenAmount(QStringLiteral("twelve"), QStringLiteral("EUR")), std::nullopt);
    }

    void permissions_data() { Test::addBackendRows(); }
    void permissions()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Percy Permission"), QStringLiteral("ES"), PaymentType::Prepaid);
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] {
                     f.ledger().topUp(f.businessUser(), a.accountNumber, QStringLiteral("5"), TopUpSource::card(QStringLiteral("tok")));
                 }),
                 QStringLiteral("bob (Business user) may not take payments and top-ups."));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] {
                     f.ledger().blockCard(f.businessUser(), QStringLiteral("tok"), QStringLiteral("Fraud"));
                 }),
                 QStringLiteral("bob (Business user) may not take payments and top-ups."));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] {
                     f.ledger().adjust(f.agent(), a.accountNumber, QStringLiteral("5"), QStringLiteral("Goodwill"));
                 }),
                 QStringLiteral("alice (Agent) may not run billing."));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] { f.ledger().updateArrears(f.agent(), QDate(2024, 6, 1)); }),
                 QStringLiteral("alice (Agent) may not run billing."));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] { f.ledger().setPrepaidSettings(f.agent(), a.accountNumber, {}); }),
                 QStringLiteral("alice (Agent) may not change settings."));
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("payment_cards_blocked")), qint64(0));

        // Business users read balances; a field officer only in their region.
        QCOMPARE(f.ledger().balance(f.businessUser(), a.accountNumber).balanceMinor, qint64(0));
        QVERIFY(errorOf(Core::Error::Kind::Denied, [&] { f.ledger().balance(fieldOfficer(), a.accountNumber); })
                    .contains(QStringLiteral("outside your region")));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] { f.ledger().portfolioAgedDebt(fieldOfficer(), QDate(2024, 6, 1)); }),
                 QStringLiteral("dan sees only the customers of a region, not the whole portfolio."));

        // An account's own settings win over its market's.
        PrepaidSettings own;
        own.lowBalanceMinor = {1000, 200};
        own.emergencyCreditMinor = 1500;
        f.ledger().setPrepaidSettings(f.supervisor(), a.accountNumber, own);
        QCOMPARE(f.ledger().balance(f.agent(), a.accountNumber).settings, own);
        QCOMPARE(f.audit.list(f.admin(), 1).at(0).action, QStringLiteral("ledger.prepaid_settings"));
        own.lowBalanceMinor = {200, 1000};
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.ledger().setPrepaidSettings(f.supervisor(), a.accountNumber, own); }),
                 QStringLiteral("Low-balance thresholds: list them from the highest to the lowest."));
    }
};

QTEST_GUILESS_MAIN(TestLedgerService)
#include "tst_ledgerservice.moc"
