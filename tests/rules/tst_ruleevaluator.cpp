#include "testregistry.h"

#include <rules/ruleevaluator.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QHash>
#include <QTest>

using namespace Ud::Rules;

Q_DECLARE_METATYPE(Ud::Rules::Truth)

namespace {

/// One customer's data held in memory; what is not set is missing (nullopt).
class Customer : public CustomerValues
{
public:
    Customer &set(const QString &attribute, Value value, std::optional<Period> period = std::nullopt)
    {
        m_values.insert(key(attribute, period), std::move(value));
        return *this;
    }
    Customer &has(const QString &kind, QStringList items)
    {
        m_items.insert(kind, std::move(items));
        return *this;
    }
    std::optional<Value> value(const QString &attribute, const std::optional<Period> &period) const override
    {
        const auto it = m_values.constFind(key(attribute, period));
        return it == m_values.constEnd() ? std::nullopt : std::optional<Value>(*it);
    }
    std::optional<QStringList> items(const QString &kind) const override
    {
        const auto it = m_items.constFind(kind);
        return it == m_items.constEnd() ? std::nullopt : std::optional<QStringList>(*it);
    }

private:
    static QString key(const QString &attribute, const std::optional<Period> &period)
    {
        return period ? attribute + QLatin1Char('|') + RulePrinter::text(*period) : attribute;
    }
    QHash<QString, Value> m_values;
    QHash<QString, QStringList> m_items;
};

Truth eval(const QString &rule, const Customer &customer)
{
    return RuleEvaluator::evaluate(RuleParser::parse(rule, testRegistry()), customer);
}

Customer smith()
{
    Customer c;
    c.set(QStringLiteral("class"), Value::string(QStringLiteral("residential")))
        .set(QStringLiteral("region"), Value::string(QStringLiteral("north")))
        .set(QStringLiteral("name"), Value::string(QStringLiteral("Mary Goldsmith")))
        .set(QStringLiteral("household_size"), Value::integer(2))
        .set(QStringLiteral("account.balance"), Value::decimal(Decimal{-12500000}))
        .set(QStringLiteral("vulnerable"), Value::boolean(false))
        .set(QStringLiteral("account.opened"), Value::date(QDate(2021, 3, 15)))
        .set(QStringLiteral("usage.avg_monthly_kwh"), Value::decimal(Decimal{512250000}), Period{12, Period::Unit::Months})
        .set(QStringLiteral("usage.avg_monthly_kwh"), Value::integer(380), Period{6, Period::Unit::Months})
        .has(QStringLiteral("appliance"), {QStringLiteral("heat_pump"), QStringLiteral("ev_charger")});
    return c;
}

// Atoms for smith(): true, false, and unknown (days in arrears is not known).
const QString T = QStringLiteral("household_size = 2");
const QString F = QStringLiteral("household_size = 3");
const QString U = QStringLiteral("account.days_in_arrears = 1");

QString atom(Truth t) { return t == Truth::True ? T : (t == Truth::False ? F : U); }

} // namespace

class TestRuleEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void kleeneTables_data()
    {
        QTest::addColumn<Truth>("a");
        QTest::addColumn<Truth>("b");
        QTest::addColumn<Truth>("andResult");
        QTest::addColumn<Truth>("orResult");
        const Truth t = Truth::True, f = Truth::False, u = Truth::Unknown;
        QTest::newRow("T T") << t << t << t << t;
        QTest::newRow("T F") << t << f << f << t;
        QTest::newRow("T U") << t << u << u << t;
        QTest::newRow("F T") << f << t << f << t;
        QTest::newRow("F F") << f << f << f << f;
        QTest::newRow("F U") << f << u << f << u;
        QTest::newRow("U T") << u << t << u << t;
        QTest::newRow("U F") << u << f << f << u;
        QTest::newRow("U U") << u << u << u << u;
    }

    void kleeneTables()
    {
        QFETCH(Truth, a);
        QFETCH(Truth, b);
        QFETCH(Truth, andResult);
        QFETCH(Truth, orResult);
        const Customer c = smith();
        QCOMPARE(eval(atom(a), c), a);
        QCOMPARE(eval(atom(a) + QStringLiteral(" and ") + atom(b), c), andResult);
        QCOMPARE(eval(atom(a) + QStringLiteral(" or ") + atom(b), c), orResult);
    }

    void notKeepsUnknown()
    {
        const Customer c = smith();
        QCOMPARE(eval(QStringLiteral("not ") + T, c), Truth::False);
        QCOMPARE(eval(QStringLiteral("not ") + F, c), Truth::True);
        QCOMPARE(eval(QStringLiteral("not ") + U, c), Truth::Unknown);
        QCOMPARE(eval(QStringLiteral("not (%1 or %2)").arg(F, U), c), Truth::Unknown);
        QCOMPARE(eval(QStringLiteral("not (%1 and %2)").arg(F, U), c), Truth::True);
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<Truth>("expected");
        const Truth t = Truth::True, f = Truth::False, u = Truth::Unknown;
        QTest::newRow("enum equal") << "class = \"residential\"" << t;
        QTest::newRow("enum not equal") << "class != \"residential\"" << f;
        QTest::newRow("in hit") << "region in (\"south\", \"north\")" << t;
        QTest::newRow("in miss") << "region in (\"south\", \"west\")" << f;
        QTest::newRow("between low bound included") << "household_size between 2 and 4" << t;
        QTest::newRow("between high bound included") << "household_size between 1 and 2" << t;
        QTest::newRow("between outside") << "household_size between 3 and 4" << f;
        QTest::newRow("decimal exact equal") << "account.balance = -12.5" << t;
        QTest::newRow("decimal against integer") << "account.balance < -12" << t;
        QTest::newRow("decimal a millionth off") << "account.balance = -12.500001" << f;
        QTest::newRow("decimal between") << "account.balance between -12.5 and 0" << t;
        QTest::newRow("matches is case-insensitive") << "name matches \"SMITH\"" << t;
        QTest::newRow("matches substring") << "name matches \"mary gold\"" << t;
        QTest::newRow("matches miss") << "name matches \"jones\"" << f;
        QTest::newRow("text order") << "name > \"Mary\"" << t;
        QTest::newRow("boolean") << "vulnerable = false" << t;
        QTest::newRow("boolean miss") << "vulnerable = true" << f;
        QTest::newRow("date before") << "account.opened < 2021-03-16" << t;
        QTest::newRow("date same day") << "account.opened <= 2021-03-15" << t;
        QTest::newRow("date after") << "account.opened > 2021-03-15" << f;
        QTest::newRow("date between") << "account.opened between 2021-01-01 and 2021-12-31" << t;
        QTest::newRow("aggregate over 12 months") << "usage.avg_monthly_kwh(last 12 months) > 500" << t;
        QTest::newRow("aggregate over 6 months") << "usage.avg_monthly_kwh(last 6 months) > 500" << f;
        QTest::newRow("aggregate without data for period") << "usage.avg_monthly_kwh(last 3 months) > 500" << u;
        QTest::newRow("has") << "has appliance \"ev_charger\"" << t;
        QTest::newRow("has not") << "has appliance \"solar_pv\"" << f;
        QTest::newRow("has with no list known") << "has program \"winter_saver\"" << u;
        QTest::newRow("missing text") << "postcode matches \"SW1\"" << u;
        QTest::newRow("missing in list") << "account.days_in_arrears in (1, 2)" << u;
        QTest::newRow("missing between") << "account.days_in_arrears between 1 and 2" << u;
    }

    void conditions()
    {
        QFETCH(QString, rule);
        QFETCH(Truth, expected);
        QCOMPARE(eval(rule, smith()), expected);
    }

    void largeNumbersCompareExactly()
    {
        Customer c;
        c.set(QStringLiteral("account.balance"), Value::decimal(Decimal{999999999999500000}))
            .set(QStringLiteral("household_size"), Value::integer(Q_INT64_C(999999999999999)));
        QCOMPARE(eval(QStringLiteral("account.balance > 999999999999"), c), Truth::True);
        QCOMPARE(eval(QStringLiteral("account.balance < 999999999999.500001"), c), Truth::True);
        QCOMPARE(eval(QStringLiteral("account.balance > -999999999999"), c), Truth::True);
        QCOMPARE(eval(QStringLiteral("household_size = 999999999999999"), c), Truth::True);
        QCOMPARE(eval(QStringLiteral("household_size > 999999999999998"), c), Truth::True);
        Customer negative;
        negative.set(QStringLiteral("account.balance"), Value::decimal(Decimal{-12500000}));
        QCOMPARE(eval(QStringLiteral("account.balance < -12"), negative), Truth::True);
        QCOMPARE(eval(QStringLiteral("account.balance > -13"), negative), Truth::True);
        QCOMPARE(eval(QStringLiteral("account.balance between -13 and -12.5"), negative), Truth::True);
    }

    void emptyHasListIsFalse()
    {
        Customer c;
        c.has(QStringLiteral("program"), {});
        QCOMPARE(eval(QStringLiteral("has program \"winter_saver\""), c), Truth::False);
        QCOMPARE(eval(QStringLiteral("not has program \"winter_saver\""), c), Truth::True);
    }

    void valueOfAnotherTypeIsUnknown()
    {
        // A source that returns text for a number has no usable data for the condition.
        Customer c;
        c.set(QStringLiteral("household_size"), Value::string(QStringLiteral("2")));
        QCOMPARE(eval(QStringLiteral("household_size = 2"), c), Truth::Unknown);
        QCOMPARE(eval(QStringLiteral("household_size in (2, 3)"), c), Truth::Unknown);
    }

    void explanationNamesFalseAndUnknownConditions()
    {
        const Rule rule = RuleParser::parse(
            QStringLiteral("class = \"residential\" and has appliance \"solar_pv\" and usage.avg_monthly_kwh(last 3 months) > 500"),
            testRegistry());
        const Evaluation e = RuleEvaluator::explain(rule, smith());
        QCOMPARE(e.result, Truth::False);
        const QList<ConditionOutcome> expected{
            {QStringLiteral("has appliance \"solar_pv\""), Truth::False},
            {QStringLiteral("usage.avg_monthly_kwh(last 3 months) > 500"), Truth::Unknown},
        };
        QCOMPARE(e.notMet, expected);
    }

    void explanationWhenUnknownDecides()
    {
        const Rule rule = RuleParser::parse(QStringLiteral("(%1 or %2) and %3").arg(F, U, T), testRegistry());
        const Evaluation e = RuleEvaluator::explain(rule, smith());
        QCOMPARE(e.result, Truth::Unknown);
        const QList<ConditionOutcome> expected{{F, Truth::False}, {U, Truth::Unknown}};
        QCOMPARE(e.notMet, expected);
    }

    void explanationEmptyWhenAllMet()
    {
        const Rule rule = RuleParser::parse(QStringLiteral("class = \"residential\" and has appliance \"heat_pump\""), testRegistry());
        const Evaluation e = RuleEvaluator::explain(rule, smith());
        QCOMPARE(e.result, Truth::True);
        QVERIFY(e.notMet.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRuleEvaluator)
#include "tst_ruleevaluator.moc"
