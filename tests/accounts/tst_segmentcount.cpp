#include "../rules/rulegenerator.h"
#include "accountsfixture.h"

#include <accounts/accountsattributes.h>
#include <accounts/segmentcount.h>
#include <core/sqlquery.h>
#include <demo/generator.h>
#include <rules/ruleevaluator.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>

using namespace Ud;
using Rules::Truth;
using Rules::Value;
using Test::AccountsFixture;

namespace {

constexpr int CustomerCount = 500;
constexpr int RuleCount = 2000;

Core::UserContext fieldOfficer(const QString &region)
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000004"), QStringLiteral("fiona"), Core::Role::FieldOfficer,
            region};
}

/// One customer as the test reads it from the tables, without the attribute SQL.
struct Row
{
    QString id;
    QHash<QString, Value> values;          ///< known attributes only
    QHash<QString, QStringList> items;     ///< has-kind -> items (empty lists for none)
    QSet<QString> regions;                 ///< of the premises of all their accounts
};

class RowValues : public Rules::CustomerValues
{
public:
    explicit RowValues(const Row &row) : m_row(row) {}
    std::optional<Value> value(const QString &attribute, const std::optional<Rules::Period> &) const override
    {
        const auto it = m_row.values.find(attribute);
        return it == m_row.values.end() ? std::nullopt : std::optional<Value>(*it);
    }
    std::optional<QStringList> items(const QString &hasKind) const override { return m_row.items.value(hasKind); }

private:
    const Row &m_row;
};

/// Whole years between the date of birth and today, then the band of accountsattributes.h.
QString ageBand(const QDate &born, const QDate &today)
{
    int age = today.year() - born.year();
    if (today.month() < born.month() || (today.month() == born.month() && today.day() < born.day()))
        --age;
    if (age >= 75) return QStringLiteral("from_75");
    if (age >= 60) return QStringLiteral("from_60_to_74");
    if (age >= 45) return QStringLiteral("from_45_to_59");
    if (age >= 30) return QStringLiteral("from_30_to_44");
    return QStringLiteral("under_30");
}

QList<Row> readCustomers(Core::Database &db, const QDate &today)
{
    const QSqlDatabase c = db.connection();
    std::map<QString, Row> rows;
    Core::SqlQuery q(c, QStringLiteral("SELECT id, class, language, income_band, credit_band, business_type, household_size, "
                                       "date_of_birth FROM customers"));
    q.exec();
    const auto text = [](Row &r, const char *name, const QVariant &v) {
        if (!v.isNull() && !v.toString().isEmpty())
            r.values.insert(QLatin1String(name), Value::string(v.toString()));
    };
    while (q.next()) {
        Row r;
        r.id = q.value(0).toString();
        text(r, "class", q.value(1));
        text(r, "language", q.value(2));
        text(r, "income_band", q.value(3));
        text(r, "credit_band", q.value(4));
        text(r, "business_type", q.value(5));
        if (!q.value(6).isNull())
            r.values.insert(QStringLiteral("household_size"), Value::integer(q.value(6).toLongLong()));
        const QDate born = QDate::fromString(q.value(7).toString(), Qt::ISODate);
        if (born.isValid())
            r.values.insert(QStringLiteral("age_band"), Value::string(ageBand(born, today)));
        for (const char *kind : {"vulnerability", "appliance", "account.market", "account.payment_type"})
            r.items.insert(QLatin1String(kind), {});
        rows.emplace(r.id, r);
    }
    // Accounts: the first (by opening day, then number) gives postcode and region.
    struct Acc { QString customer, opened, number, market, payment; QVariant postcode, region; };
    QList<Acc> accounts;
    Core::SqlQuery a(c, QStringLiteral("SELECT a.customer_id, a.opened_on, a.account_number, a.market_code, a.payment_type, "
                                       "p.postcode, p.region FROM accounts a LEFT JOIN premises p ON p.id = a.premise_id"));
    a.exec();
    while (a.next())
        accounts.append({a.value(0).toString(), a.value(1).toString(), a.value(2).toString(), a.value(3).toString(),
                         a.value(4).toString(), a.value(5), a.value(6)});
    std::sort(accounts.begin(), accounts.end(), [](const Acc &x, const Acc &y) {
        return std::tie(x.customer, x.opened, x.number) < std::tie(y.customer, y.opened, y.number);
    });
    QString previous;
    for (const Acc &acc : std::as_const(accounts)) {
        Row &r = rows.at(acc.customer);
        if (acc.customer != previous) {
            text(r, "postcode", acc.postcode);
            text(r, "region", acc.region);
            previous = acc.customer;
        }
        if (!acc.region.isNull())
            r.regions.insert(acc.region.toString());
        r.items[QStringLiteral("account.market")].append(acc.market);
        r.items[QStringLiteral("account.payment_type")].append(acc.payment);
    }
    Core::SqlQuery v(c, QStringLiteral("SELECT customer_id, kind FROM customer_vulnerabilities"));
    v.exec();
    while (v.next())
        rows.at(v.value(0).toString()).items[QStringLiteral("vulnerability")].append(v.value(1).toString());
    Core::SqlQuery ap(c, QStringLiteral("SELECT a.customer_id, x.kind FROM accounts a JOIN appliances x ON x.premise_id = a.premise_id"));
    ap.exec();
    while (ap.next())
        rows.at(ap.value(0).toString()).items[QStringLiteral("appliance")].append(ap.value(1).toString());
    QList<Row> out;
    for (auto &[id, r] : rows)
        out.append(r);
    return out;
}

qint64 scalar(Core::Database &db, const QString &sql)
{
    Core::SqlQuery q(db.connection(), sql);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : -1;
}

/// The demo customers (no interval data) over the accounts fixture, whose clock is 2024-06-15.
struct DemoTown {
    explicit DemoTown(AccountsFixture &f) : today(QDateTime::fromSecsSinceEpoch(AccountsFixture::Now, Qt::UTC).date())
    {
        Demo::Options options;
        options.customers = CustomerCount;
        options.intervalData = false;
        options.days = 30;
        options.seed = 20261201;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        rows = readCustomers(f.database, today);
    }
    /// The region of the first customer who has one.
    QString someRegion() const
    {
        for (const Row &r : rows)
            if (r.values.contains(QStringLiteral("region")))
                return r.values.value(QStringLiteral("region")).toString();
        return {};
    }
    QDate today;
    QList<Row> rows;
};

} // namespace

class TestSegmentCount : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void randomRulesCountAsTheEvaluatorPicks_data() { Test::addBackendRows(); }
    void randomRulesCountAsTheEvaluatorPicks()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const DemoTown town(f);
        QCOMPARE(town.rows.size(), CustomerCount);
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const Rules::AttributeRegistry registry = segments.registry();

        // Literals drawn from the customers' own values, so that rules often pick somebody.
        QHash<QString, QList<Value>> seen;
        for (const Row &r : town.rows) {
            for (auto it = r.values.begin(); it != r.values.end(); ++it)
                seen[it.key()].append(*it);
            for (auto it = r.items.begin(); it != r.items.end(); ++it)
                for (const QString &item : *it)
                    seen[it.key()].append(Value::string(item));
        }
        const RulesTest::RuleGenerator::Sampler sampler = [&seen](const QString &name, QRandomGenerator &random)
            -> std::optional<Value> {
            const QList<Value> values = seen.value(name);
            if (values.isEmpty())
                return std::nullopt;
            return values.at(int(random.bounded(qsizetype(values.size()))));
        };
        RulesTest::RuleGenerator generator(20261202, registry, sampler);
        const auto officer = fieldOfficer(town.someRegion());

        int someButNotAll = 0;
        qint64 picked = 0;
        for (int n = 0; n < RuleCount; ++n) {
            const QString text = Rules::RulePrinter::text(generator.rule(1 + n % 4));
            const Rules::Rule rule = Rules::RuleParser::parse(text, registry);
            qint64 expected = 0;
            qint64 expectedInRegion = 0;
            for (const Row &r : town.rows) {
                if (Rules::RuleEvaluator::evaluate(rule, RowValues(r)) == Truth::True) {
                    ++expected;
                    if (r.regions.contains(officer.region()))
                        ++expectedInRegion;
                }
            }
            const qint64 counted = segments.count(Core::UserContext::operatingSystemUser(), text);
            if (counted != expected)
                QFAIL(qPrintable(QStringLiteral("rule %1: %2\ncounted %3, the evaluator picks %4").arg(n).arg(text).arg(counted).arg(expected)));
            if (n % 10 == 0)
                QCOMPARE(segments.count(officer, text), expectedInRegion);
            picked += expected;
            if (expected > 0 && expected < CustomerCount)
                ++someButNotAll;
        }
        qInfo("%d rules over %d customers: %lld picked in all, %d rules picked some but not all", RuleCount,
              CustomerCount, picked, someButNotAll);
        QVERIFY(someButNotAll > RuleCount / 4);
    }

    void handRulesCountExactly_data() { Test::addBackendRows(); }
    void handRulesCountExactly()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const DemoTown town(f);
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const auto admin = Core::UserContext::operatingSystemUser();
        Core::Database &db = t.db();

        const qint64 residential = scalar(db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE class = 'residential'"));
        QVERIFY(residential > 0 && residential < CustomerCount);
        QCOMPARE(segments.count(admin, QStringLiteral("class = \"residential\"")), residential);
        QCOMPARE(segments.count(admin, QStringLiteral("NOT class = \"residential\"")), CustomerCount - residential);

        const qint64 solar = scalar(db, QStringLiteral(
            "SELECT COUNT(DISTINCT a.customer_id) FROM accounts a JOIN appliances x ON x.premise_id = a.premise_id "
            "WHERE x.kind = 'solar_pv'"));
        QVERIFY(solar > 0);
        QCOMPARE(segments.count(admin, QStringLiteral("has appliance \"solar_pv\"")), solar);

        const qint64 prepaidGb = scalar(db, QStringLiteral(
            "SELECT COUNT(*) FROM customers c WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND "
            "a.payment_type = 'prepaid') AND EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND a.market_code = 'GB')"));
        QVERIFY(prepaidGb > 0);
        QCOMPARE(segments.count(admin, QStringLiteral("has account.payment_type \"prepaid\" and has account.market \"GB\"")),
                 prepaidGb);

        const qint64 bigHouseholds = scalar(db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE household_size >= 4"));
        QVERIFY(bigHouseholds > 0);
        QCOMPARE(segments.count(admin, QStringLiteral("household_size >= 4")), bigHouseholds);

        const qint64 lifeSupport = scalar(db, QStringLiteral(
            "SELECT COUNT(DISTINCT customer_id) FROM customer_vulnerabilities WHERE kind = 'life_support'"));
        QCOMPARE(segments.count(admin, QStringLiteral("has vulnerability \"life_support\"")), lifeSupport);

        // Age bands: every customer with a date of birth is in exactly one.
        const qint64 withBirthday = scalar(db, QStringLiteral(
            "SELECT COUNT(*) FROM customers WHERE date_of_birth IS NOT NULL AND date_of_birth <> ''"));
        QVERIFY(withBirthday > 0);
        qint64 banded = 0;
        for (const QString &band : Accounts::ageBandKeys())
            banded += segments.count(admin, QStringLiteral("age_band = \"%1\"").arg(band));
        QCOMPARE(banded, withBirthday);
        const qint64 over60 = scalar(db, QStringLiteral(
            "SELECT COUNT(*) FROM customers WHERE date_of_birth IS NOT NULL AND date_of_birth <> '' AND date_of_birth <= '1964-06-15'"));
        QCOMPARE(segments.count(admin, QStringLiteral("age_band in (\"from_60_to_74\", \"from_75\")")), over60);
    }

    void fieldOfficerCountsTheirRegion_data() { Test::addBackendRows(); }
    void fieldOfficerCountsTheirRegion()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const DemoTown town(f);
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const QString region = town.someRegion();
        QVERIFY(!region.isEmpty());
        const qint64 inRegion = scalar(t.db(), QStringLiteral(
            "SELECT COUNT(*) FROM customers c WHERE c.class = 'residential' AND c.id IN (SELECT a.customer_id FROM accounts a "
            "JOIN premises p ON p.id = a.premise_id WHERE p.region = '%1')").arg(region));
        QVERIFY(inRegion > 0);
        const qint64 all = segments.count(Core::UserContext::operatingSystemUser(), QStringLiteral("class = \"residential\""));
        QVERIFY(inRegion < all);
        QCOMPARE(segments.count(fieldOfficer(region), QStringLiteral("class = \"residential\"")), inRegion);
        // Without a region a field officer counts nobody.
        QCOMPARE(segments.count(fieldOfficer(QString()), QStringLiteral("class = \"residential\"")), 0);
    }

    void badRuleIsBadInputInTheParsersWords_data() { Test::addBackendRows(); }
    void badRuleIsBadInputInTheParsersWords()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const auto admin = Core::UserContext::operatingSystemUser();
        const QString expected = Test::errorOf(Core::Error::Kind::BadInput, [&] {
            Rules::RuleParser::parse(QStringLiteral("clas = \"residential\""), segments.registry());
        });
        QVERIFY(expected.contains(QLatin1String("class")));
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] { segments.count(admin, QStringLiteral("clas = \"residential\"")); }),
                 expected);
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] { segments.count(admin, QStringLiteral("class = \"gold\"")); })
                     .contains(QLatin1String("residential")),
                 true);
    }
};

QTEST_GUILESS_MAIN(TestSegmentCount)
#include "tst_segmentcount.moc"
