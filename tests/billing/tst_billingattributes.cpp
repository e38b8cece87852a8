#include "../rules/rulegenerator.h"
#include "ledgerfixture.h"

#include <accounts/segmentcount.h>
#include <billing/billingattributes.h>
#include <billing/billingdata.h>
#include <core/sqlquery.h>
#include <rules/ruleevaluator.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>
#include <rules/rulesql.h>

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace Ud;
using namespace Ud::Billing;
using Accounts::PaymentType;
using Rules::Truth;
using Rules::Value;
using Test::LedgerFixture;

namespace {

constexpr int RandomCustomers = 60;
constexpr int RuleCount = 400;

const QDate Today(2024, 6, 15); // the fixture's clock

QByteArray tariffJson(const char *code, const char *market, const char *currency, const char *kind)
{
    return QStringLiteral(R"({"code": "%1", "name": "%1", "market": "%2", "currency": "%3",
        "customerClasses": ["residential"], "kind": "%4", "versions": [{"effectiveFrom": "2023-01-01", "components": [
        {"type": "standing_charge", "perDay": "0.40"}, {"type": "flat_rate", "perKwh": "0.28"}%5]}]})")
        .arg(QLatin1String(code), QLatin1String(market), QLatin1String(currency), QLatin1String(kind),
             QLatin1String(kind) == QLatin1String("prepaid")
                 ? QStringLiteral(R"(, {"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10})")
                 : QString())
        .toUtf8();
}

/// "12.34" / "-0.05" for typing an amount.
QString amountText(qint64 minor)
{
    const qint64 a = minor < 0 ? -minor : minor;
    return QStringLiteral("%1%2.%3").arg(minor < 0 ? QStringLiteral("-") : QString()).arg(a / 100).arg(a % 100, 2, 10, QLatin1Char('0'));
}

/// What the billing services say about one customer: the figures the Balance section and the
/// arrears run work from.
struct Expected {
    bool hasAccounts = false;
    qint64 balanceMinor = 0;
    qint64 daysInArrears = 0;
    QStringList tariffs;
};

class ServiceValues : public Rules::CustomerValues
{
public:
    explicit ServiceValues(const Expected &e) : m_e(e) {}
    std::optional<Value> value(const QString &attribute, const std::optional<Rules::Period> &) const override
    {
        if (!m_e.hasAccounts)
            return std::nullopt;
        if (attribute == QLatin1String("account.balance"))
            return Value::decimal(Rules::Decimal{m_e.balanceMinor * (Rules::Decimal::Scale / 100)});
        if (attribute == QLatin1String("account.days_in_arrears"))
            return Value::integer(m_e.daysInArrears);
        return std::nullopt;
    }
    std::optional<QStringList> items(const QString &) const override { return m_e.tariffs; }

private:
    const Expected &m_e;
};

/// A customer with the given accounts (GB postpaid in London, ES prepaid in Madrid), all opened
/// on 2024-01-01; returns the customer id and fills `accounts`.
QString customerWith(LedgerFixture &f, const QString &name, const QList<PaymentType> &types, QList<Accounts::Account> &accounts)
{
    Accounts::Customer c;
    c.fullName = name;
    c = f.customers().create(f.agent(), c);
    int n = 0;
    for (PaymentType type : types) {
        const bool prepaid = type == PaymentType::Prepaid;
        Accounts::Premise p = prepaid ? f.premise(QStringLiteral("Calle Mayor %1").arg(++n), QStringLiteral("Madrid"),
                                                  QStringLiteral("28013"), QStringLiteral("ES"), QStringLiteral("Europe/Madrid"))
                                      : f.premise(QStringLiteral("%1 High Street").arg(++n), QStringLiteral("London"),
                                                  QStringLiteral("SW1A 1AA"), QStringLiteral("GB"), QStringLiteral("Europe/London"));
        p = f.accounts().addPremise(f.agent(), p);
        accounts << f.accounts().openAccount(f.agent(), c.id, p.id, prepaid ? QStringLiteral("ES") : QStringLiteral("GB"), type,
                                             QDate(2024, 1, 1));
    }
    return c.id;
}

/// A payment (postpaid) or top-up (prepaid) on the day.
void pay(LedgerFixture &f, const Accounts::Account &a, qint64 minor, const QDate &day)
{
    f.clock.set(QDateTime(day, QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch());
    if (a.paymentType == PaymentType::Postpaid)
        f.ledger().recordPayment(f.agent(), a.accountNumber, amountText(minor), QStringLiteral("bank_transfer"), {});
    else
        f.ledger().topUp(f.agent(), a.accountNumber, amountText(minor), TopUpSource::card(QStringLiteral("tok_good_0001")));
    f.clock.set(LedgerFixture::Now);
}

/// An adjustment (negative: a debit, due on its day) on the day.
void adjust(LedgerFixture &f, const Accounts::Account &a, qint64 minor, const QDate &day)
{
    f.clock.set(QDateTime(day, QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch());
    f.ledger().adjust(f.supervisor(), a.accountNumber, amountText(minor), QStringLiteral("Correction"));
    f.clock.set(LedgerFixture::Now);
}

/// The customer's figures as the services give them: customerBalances (the Balance section),
/// agedDebt on today (what `utilitydesk arrears` ages by) and the tariff assignments.
Expected fromServices(LedgerFixture &f, const QString &customerId)
{
    Expected e;
    const auto admin = LedgerFixture::admin();
    const QList<AccountBalance> balances = f.ledger().customerBalances(admin, customerId);
    e.hasAccounts = !balances.isEmpty();
    for (const AccountBalance &b : balances) {
        e.balanceMinor += b.balanceMinor;
        if (b.account.paymentType == PaymentType::Postpaid) {
            const AgedDebt aged = f.ledger().agedDebt(admin, b.account.accountNumber, Today);
            if (aged.oldestUnpaidDue.isValid())
                e.daysInArrears = std::max<qint64>(e.daysInArrears, aged.oldestUnpaidDue.daysTo(Today));
        }
        for (const TariffAssignment &t : f.billing.billing().assignments(admin, b.account.accountNumber)) {
            if (t.from <= Today && (!t.to || *t.to >= Today))
                e.tariffs << t.tariffCode;
        }
    }
    return e;
}

/// Each customer's outcome of the rule in SQL: 1, 0, or -1 for NULL (Unknown).
QHash<QString, int> sqlOutcomes(Core::Database &db, const Rules::AttributeRegistry &registry, const Rules::Rule &rule)
{
    const Rules::SqlFragment truth = Rules::RuleSql(registry, db.dialect()).truthValue(rule);
    Core::SqlQuery q(db.connection(), QStringLiteral("SELECT c.id, %1 FROM customers c").arg(truth.sql));
    truth.bindTo(q);
    q.exec();
    QHash<QString, int> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).isNull() ? -1 : q.value(1).toInt());
    return out;
}

int outcomeOf(Truth t)
{
    return t == Truth::True ? 1 : (t == Truth::False ? 0 : -1);
}

Rules::AttributeRegistry billingRegistry()
{
    Rules::AttributeRegistry registry;
    registerBillingAttributes(registry, Today);
    return registry;
}

} // namespace

class TestBillingAttributes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void handMadeCustomersReadAsTheLedgerSays_data() { Test::addBackendRows(); }
    void handMadeCustomersReadAsTheLedgerSays()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto admin = LedgerFixture::admin();
        for (const char *code : {"GB-FLEX", "GB-OLD"})
            f.billing.tariffs().importJson(admin, tariffJson(code, "GB", "GBP", "postpaid"), QStringLiteral("t.json"));
        f.billing.tariffs().importJson(admin, tariffJson("ES-PRE", "ES", "EUR", "prepaid"), QStringLiteral("t.json"));

        // Nobody: no accounts, so no balance and no arrears to speak of.
        Accounts::Customer nobody;
        nobody.fullName = QStringLiteral("Nadia Noaccount");
        nobody = f.customers().create(f.agent(), nobody);

        // Olga: bills of 40.00 (due 15 March) and 30.00 (due 20 May); 50.00 paid in April
        // settles the first and 10.00 of the second, so she is 26 days behind on 15 June.
        QList<Accounts::Account> olgaAccounts;
        const QString olga = customerWith(f, QStringLiteral("Olga Owing"), {PaymentType::Postpaid}, olgaAccounts);
        const auto &oa = olgaAccounts.at(0);
        f.ledger().postBill(oa.id, QStringLiteral("O1"), 4000, QDate(2024, 3, 1), QDate(2024, 3, 15));
        f.ledger().postBill(oa.id, QStringLiteral("O2"), 3000, QDate(2024, 5, 6), QDate(2024, 5, 20));
        pay(f, oa, 5000, QDate(2024, 4, 10));
        // A bill issued after today counts in the balance, not in the arrears (it is not on
        // the ledger yet on the day aged).
        f.ledger().postBill(oa.id, QStringLiteral("O3"), 1500, QDate(2024, 6, 20), QDate(2024, 7, 4));
        // Nor does a payment dated after today (a zone ahead of today's): it settles nothing yet.
        pay(f, oa, 3000, QDate(2024, 6, 25));
        f.billing.billing().assignTariff(f.supervisor(), oa.accountNumber, QStringLiteral("GB-OLD"), QDate(2024, 1, 1));
        f.billing.billing().assignTariff(f.supervisor(), oa.accountNumber, QStringLiteral("GB-FLEX"), QDate(2024, 6, 1));

        // Paul paid everything and 5.00 more; his tariff changes tomorrow.
        QList<Accounts::Account> paulAccounts;
        const QString paul = customerWith(f, QStringLiteral("Paul Paid"), {PaymentType::Postpaid}, paulAccounts);
        const auto &pa = paulAccounts.at(0);
        f.ledger().postBill(pa.id, QStringLiteral("P1"), 2500, QDate(2024, 2, 1), QDate(2024, 2, 15));
        pay(f, pa, 3000, QDate(2024, 2, 20));
        f.billing.billing().assignTariff(f.supervisor(), pa.accountNumber, QStringLiteral("GB-OLD"), QDate(2024, 1, 1));
        f.billing.billing().assignTariff(f.supervisor(), pa.accountNumber, QStringLiteral("GB-FLEX"), QDate(2024, 6, 16));

        // Dora: a bill due today is not past due; an earlier debit adjustment is due on its
        // day (3 June) and paid only in part, so 12 days.
        QList<Accounts::Account> doraAccounts;
        const QString dora = customerWith(f, QStringLiteral("Dora Due"), {PaymentType::Postpaid}, doraAccounts);
        const auto &da = doraAccounts.at(0);
        f.ledger().postBill(da.id, QStringLiteral("D1"), 1200, QDate(2024, 6, 1), Today);
        adjust(f, da, -750, QDate(2024, 6, 3));
        pay(f, da, 700, QDate(2024, 6, 4));

        // Eve paid her first bill to the penny: only the second (due 1 May) is behind, 45 days.
        QList<Accounts::Account> eveAccounts;
        const QString eve = customerWith(f, QStringLiteral("Eve Exact"), {PaymentType::Postpaid}, eveAccounts);
        f.ledger().postBill(eveAccounts.at(0).id, QStringLiteral("E1"), 2000, QDate(2024, 2, 15), QDate(2024, 3, 1));
        pay(f, eveAccounts.at(0), 2000, QDate(2024, 3, 20));
        f.ledger().postBill(eveAccounts.at(0).id, QStringLiteral("E2"), 1000, QDate(2024, 4, 17), QDate(2024, 5, 1));

        // Mia: a postpaid account 86 days behind and a prepaid one in credit, on two tariffs.
        QList<Accounts::Account> miaAccounts;
        const QString mia = customerWith(f, QStringLiteral("Mia Mixed"), {PaymentType::Postpaid, PaymentType::Prepaid}, miaAccounts);
        f.ledger().postBill(miaAccounts.at(0).id, QStringLiteral("M1"), 9999, QDate(2024, 3, 7), QDate(2024, 3, 21));
        pay(f, miaAccounts.at(1), 2000, QDate(2024, 5, 1));
        adjust(f, miaAccounts.at(1), -345, QDate(2024, 5, 2));
        f.billing.billing().assignTariff(f.supervisor(), miaAccounts.at(0).accountNumber, QStringLiteral("GB-FLEX"), QDate(2024, 2, 1));
        f.billing.billing().assignTariff(f.supervisor(), miaAccounts.at(1).accountNumber, QStringLiteral("ES-PRE"), QDate(2024, 1, 1));

        // Pia: prepaid only, below zero; prepaid accounts are not aged.
        QList<Accounts::Account> piaAccounts;
        const QString pia = customerWith(f, QStringLiteral("Pia Prepaid"), {PaymentType::Prepaid}, piaAccounts);
        adjust(f, piaAccounts.at(0), -1234, QDate(2024, 2, 1));

        // The services' own figures, and the ones worked out above by hand.
        struct Case { QString id; bool accounts; qint64 balance; qint64 days; QStringList tariffs; };
        const QList<Case> cases{
            {nobody.id, false, 0, 0, {}},
            {olga, true, -2000 - 1500 + 3000, 26, {QStringLiteral("GB-FLEX")}},
            {paul, true, 500, 0, {QStringLiteral("GB-OLD")}},
            {dora, true, -1250, 12, {}},
            {eve, true, -1000, 45, {}},
            {mia, true, -9999 + 2000 - 345, 86, {QStringLiteral("GB-FLEX"), QStringLiteral("ES-PRE")}},
            {pia, true, -1234, 0, {}},
        };
        const Rules::AttributeRegistry registry = f.module.segmentCount().registry();
        QVERIFY(registry.attribute(QStringLiteral("account.balance")));
        QVERIFY(registry.hasKind(QStringLiteral("tariff")));
        QCOMPARE(f.module.attributes().modules(), (QStringList{QStringLiteral("accounts"), QStringLiteral("billing")}));
        const auto outcome = [&](const QString &text, const QString &customer) {
            return sqlOutcomes(t.db(), registry, Rules::RuleParser::parse(text, registry)).value(customer, -2);
        };
        for (const Case &c : cases) {
            const Expected e = fromServices(f, c.id);
            QCOMPARE(e.hasAccounts, c.accounts);
            QCOMPARE(e.balanceMinor, c.balance);
            QCOMPARE(e.daysInArrears, c.days);
            QCOMPARE(e.tariffs, c.tariffs);
            const QString balance = Rules::Decimal{c.balance * 10000}.toText();
            // The value itself, and that it is no more and no less (exact to the cent).
            const int known = c.accounts ? 1 : -1;
            const int knownFalse = c.accounts ? 0 : -1;
            QCOMPARE(outcome(QStringLiteral("account.balance = %1").arg(balance), c.id), known);
            QCOMPARE(outcome(QStringLiteral("account.balance > %1").arg(Rules::Decimal{(c.balance - 1) * 10000}.toText()), c.id), known);
            QCOMPARE(outcome(QStringLiteral("account.balance < %1").arg(Rules::Decimal{(c.balance + 1) * 10000}.toText()), c.id), known);
            QCOMPARE(outcome(QStringLiteral("account.balance = %1").arg(Rules::Decimal{c.balance * 10000 + 1}.toText()), c.id), knownFalse);
            QCOMPARE(outcome(QStringLiteral("account.days_in_arrears = %1").arg(c.days), c.id), known);
            QCOMPARE(outcome(QStringLiteral("account.days_in_arrears between %1 and %1").arg(c.days), c.id), known);
            QCOMPARE(outcome(QStringLiteral("account.days_in_arrears = %1").arg(c.days + 1), c.id), knownFalse);
            for (const char *code : {"GB-FLEX", "GB-OLD", "ES-PRE"})
                QCOMPARE(outcome(QStringLiteral("has tariff \"%1\"").arg(QLatin1String(code)), c.id),
                         c.tariffs.contains(QLatin1String(code)) ? 1 : 0);
        }

        // The live count agrees (unknown is not picked).
        Accounts::SegmentCount &segments = f.module.segmentCount();
        QCOMPARE(segments.count(admin, QStringLiteral("account.days_in_arrears > 0")), 4);
        QCOMPARE(segments.count(admin, QStringLiteral("account.days_in_arrears > 30")), 2);
        QCOMPARE(segments.count(admin, QStringLiteral("account.balance < 0")), 5);
        QCOMPARE(segments.count(admin, QStringLiteral("not account.balance < 0")), 1);
        QCOMPARE(segments.count(admin, QStringLiteral("has tariff \"GB-FLEX\" and account.days_in_arrears >= 26")), 2);

        // The arrears run ages the same debt: Olga, Dora, Eve and Mia's postpaid account are past due.
        QCOMPARE(f.ledger().updateArrears(f.supervisor(), Today).size(), 4);
    }

    void randomRulesAgreeWithTheServices_data() { Test::addBackendRows(); }
    void randomRulesAgreeWithTheServices()
    {
        UD_TEST_DATABASE(t);
        LedgerFixture f(t.db());
        const auto admin = LedgerFixture::admin();
        const QStringList gbTariffs{QStringLiteral("GB-FLEX"), QStringLiteral("GB-OLD")};
        for (const QString &code : gbTariffs)
            f.billing.tariffs().importJson(admin, tariffJson(code.toLatin1().constData(), "GB", "GBP", "postpaid"), QStringLiteral("t.json"));
        f.billing.tariffs().importJson(admin, tariffJson("ES-PRE", "ES", "EUR", "prepaid"), QStringLiteral("t.json"));

        QRandomGenerator random(20240615);
        const auto below = [&random](int n) { return int(random.bounded(n)); };
        const auto dayIn2024 = [&](int lastDayOfYear) { return QDate(2024, 1, 2).addDays(below(lastDayOfYear)); };
        QStringList ids;
        for (int i = 0; i < RandomCustomers; ++i) {
            QList<PaymentType> types;
            const int accounts = below(10) == 0 ? 0 : 1 + below(2);
            for (int n = 0; n < accounts; ++n)
                types << (below(3) == 0 ? PaymentType::Prepaid : PaymentType::Postpaid);
            QList<Accounts::Account> opened;
            ids << customerWith(f, QStringLiteral("Random Customer %1").arg(i), types, opened);
            int bill = 0;
            for (const Accounts::Account &a : std::as_const(opened)) {
                const bool postpaid = a.paymentType == PaymentType::Postpaid;
                for (int n = below(5); n > 0; --n) {
                    const qint64 minor = 100 + below(20000);
                    const int kind = below(4);
                    if (postpaid && kind < 2) {
                        // Issued up to three weeks after today, due two weeks after issue.
                        const QDate issued = dayIn2024(186);
                        f.ledger().postBill(a.id, QStringLiteral("R%1-%2").arg(i).arg(++bill), minor, issued, issued.addDays(14));
                    } else if (kind < 3) {
                        pay(f, a, minor, dayIn2024(165));
                    } else {
                        adjust(f, a, below(3) == 0 ? minor : -minor, dayIn2024(165));
                    }
                }
                // None, one or two tariffs, the second from a day around today.
                const QStringList codes = postpaid ? gbTariffs : QStringList{QStringLiteral("ES-PRE")};
                const int spans = below(3);
                if (spans > 0)
                    f.billing.billing().assignTariff(f.supervisor(), a.accountNumber, codes.at(below(int(codes.size()))),
                                                     QDate(2024, 1, 1).addDays(below(150)));
                if (spans > 1 && postpaid)
                    f.billing.billing().assignTariff(f.supervisor(), a.accountNumber, codes.at(below(int(codes.size()))),
                                                     Today.addDays(below(3) - 1));
            }
        }

        std::map<QString, Expected> expected;
        QHash<QString, QList<Value>> seen;
        for (const QString &id : std::as_const(ids)) {
            const Expected e = fromServices(f, id);
            expected.emplace(id, e);
            if (e.hasAccounts) {
                seen[QStringLiteral("account.balance")] << Value::decimal(Rules::Decimal{e.balanceMinor * 10000});
                seen[QStringLiteral("account.days_in_arrears")] << Value::integer(e.daysInArrears);
            }
            for (const QString &code : e.tariffs)
                seen[QStringLiteral("tariff")] << Value::string(code);
        }
        QVERIFY(seen.value(QStringLiteral("tariff")).size() > 5);
        int inArrears = 0;
        for (const auto &[id, e] : expected)
            inArrears += e.daysInArrears > 0 ? 1 : 0;
        QVERIFY(inArrears > 5 && inArrears < RandomCustomers - 5);

        const RulesTest::RuleGenerator::Sampler sampler = [&seen](const QString &name, QRandomGenerator &r) -> std::optional<Value> {
            const QList<Value> values = seen.value(name);
            if (values.isEmpty())
                return std::nullopt;
            return values.at(int(r.bounded(qsizetype(values.size()))));
        };
        const Rules::AttributeRegistry registry = billingRegistry();
        RulesTest::RuleGenerator generator(20240616, registry, sampler);
        int someButNotAll = 0;
        for (int n = 0; n < RuleCount; ++n) {
            const QString text = Rules::RulePrinter::text(generator.rule(1 + n % 3));
            const Rules::Rule rule = Rules::RuleParser::parse(text, registry);
            const QHash<QString, int> sql = sqlOutcomes(t.db(), registry, rule);
            int picked = 0;
            for (const auto &[id, e] : expected) {
                const int want = outcomeOf(Rules::RuleEvaluator::evaluate(rule, ServiceValues(e)));
                if (sql.value(id, -2) != want)
                    QFAIL(qPrintable(QStringLiteral("rule %1: %2\ncustomer %3: SQL %4, the services' figures %5")
                                         .arg(n).arg(text, id).arg(sql.value(id, -2)).arg(want)));
                picked += want == 1 ? 1 : 0;
            }
            if (picked > 0 && picked < RandomCustomers)
                ++someButNotAll;
        }
        qInfo("%d rules over %d customers (%d in arrears): %d picked some but not all", RuleCount, RandomCustomers, inArrears,
              someButNotAll);
        QVERIFY(someButNotAll > RuleCount / 4);
    }
};

QTEST_GUILESS_MAIN(TestBillingAttributes)
#include "tst_billingattributes.moc"
