#include "rulegenerator.h"
#include "testregistry.h"

#include <core/error.h>
#include <rules/rulejson.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QJsonDocument>
#include <QTest>

using namespace Ud::Rules;
using RulesTest::RuleGenerator;

namespace {

QString jsonError(const char *json)
{
    try {
        RuleJson::fromJson(QJsonDocument::fromJson(json).object(), testRegistry());
    } catch (const Ud::Core::Error &e) {
        return e.message();
    }
    return QStringLiteral("no error");
}

} // namespace

class TestRuleRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void textRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        const QStringList rules{
            QStringLiteral("class = \"residential\" and has appliance \"solar_pv\" and usage.avg_monthly_kwh(last 12 months) > 500"),
            QStringLiteral("class = \"agricultural\" and has appliance \"pump\" and usage.night_share(last 1 year) >= 0.4"),
            QStringLiteral("region in (\"north\", \"east\") or household_size between 3 and 6"),
            QStringLiteral("not (vulnerable = true or account.days_in_arrears > 60)"),
            QStringLiteral("(class = \"business\" or class = \"agricultural\") and not has program \"winter_saver\""),
            QStringLiteral("name matches \"o\\\"brien\" or name matches \"back\\\\slash\""),
            QStringLiteral("account.balance < -12.5 and account.opened between 2019-01-01 and 2019-12-31"),
            QStringLiteral("(household_size = 1 and household_size = 2) and household_size = 3"),
            QStringLiteral("(household_size = 1 or household_size = 2) or household_size = 3"),
            QStringLiteral("not not vulnerable = false"),
            QStringLiteral("not (class = \"business\" and region != \"west\") or postcode = \"SW1A 1AA\""),
            QStringLiteral("usage.avg_monthly_kwh(last 30 days) <= 0.000001 and usage.avg_monthly_kwh(last 2 years) != 1000000"),
            QStringLiteral("name = \"x' OR 1=1; DROP TABLE customers; --\""),
            QStringLiteral("postcode in (\"\", \"北京\", \"Zoë\")"),
        };
        for (const QString &rule : rules)
            QTest::newRow(qPrintable(rule)) << rule;
    }

    void textRoundTrip()
    {
        QFETCH(QString, text);
        const AttributeRegistry registry = testRegistry();
        const Rule tree = RuleParser::parse(text, registry);
        QCOMPARE(RulePrinter::text(tree), text);
        QCOMPARE(RuleParser::parse(RulePrinter::text(tree), registry), tree);
        QCOMPARE(RuleJson::fromJson(RuleJson::toJson(tree), registry), tree);
    }

    void jsonShape()
    {
        const Rule tree = RuleParser::parse(
            QStringLiteral("class = \"residential\" and not has appliance \"solar_pv\" or usage.avg_monthly_kwh(last 12 months) "
                           "between 0.5 and 500 and account.opened > 2024-01-31"), testRegistry());
        const QByteArray json = QJsonDocument(RuleJson::toJson(tree)).toJson(QJsonDocument::Compact);
        QCOMPARE(json, QByteArray(
            R"({"or":[{"and":[{"attribute":"class","op":"=","values":["residential"]},{"not":{"has":"appliance","value":"solar_pv"}}]},)"
            R"({"and":[{"attribute":"usage.avg_monthly_kwh","op":"between","period":{"last":12,"unit":"months"},)"
            R"("values":[{"decimal":"0.5"},500]},{"attribute":"account.opened","op":">","values":[{"date":"2024-01-31"}]}]}]})"));
    }

    void thousandRandomRules()
    {
        const AttributeRegistry registry = testRegistry();
        RuleGenerator generator(20260601);
        int nested = 0;
        for (int i = 0; i < 1000; ++i) {
            const Rule tree = generator.rule(4);
            nested += tree.kind() != Rule::Kind::Condition ? 1 : 0;
            const QString text = RulePrinter::text(tree);
            const Rule parsed = RuleParser::parse(text, registry);
            if (!(parsed == tree))
                QFAIL(qPrintable(QStringLiteral("rule %1 did not round-trip: %2 -> %3").arg(i).arg(text, RulePrinter::text(parsed))));
            QCOMPARE(RulePrinter::text(parsed), text);
            const QByteArray stored = QJsonDocument(RuleJson::toJson(tree)).toJson(QJsonDocument::Compact);
            const Rule loaded = RuleJson::fromJson(QJsonDocument::fromJson(stored).object(), registry);
            if (!(loaded == tree))
                QFAIL(qPrintable(QStringLiteral("rule %1 did not round-trip through JSON: %2").arg(i).arg(QString::fromUtf8(stored))));
        }
        // The generator must really produce trees, not only single conditions.
        QVERIFY(nested > 300);
    }

    void jsonErrorsNameThePath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("{}")
            << "rule: expected one of the keys \"and\", \"or\", \"not\", \"has\" or \"attribute\".";
        QTest::newRow("and of one") << QByteArray(R"({"and":[{"attribute":"vulnerable","op":"=","values":[true]}]})")
            << "rule.and: expected a list of two or more rules, not [{\"attribute\":\"vulnerable\",\"op\":\"=\",\"values\":[true]}].";
        QTest::newRow("child not an object") << QByteArray(R"({"or":[{"not":{"has":"program","value":"x"}}, 5]})")
            << "rule.or[1]: expected a rule { ... }, not 5.";
        QTest::newRow("unknown key") << QByteArray(R"({"not":{"has":"program","value":"x"},"because":"reasons"})")
            << "rule.because: not a known key here; use not.";
        QTest::newRow("unknown op") << QByteArray(R"({"attribute":"household_size","op":"==","values":[2]})")
            << "rule.op: expected one of =, !=, <, <=, >, >=, in, between, matches, not \"==\".";
        QTest::newRow("between one value") << QByteArray(R"({"attribute":"household_size","op":"between","values":[2]})")
            << "rule.values: expected a list of two values, the lower and upper bound, not [2].";
        QTest::newRow("fractional number") << QByteArray(R"({"and":[{"has":"program","value":"x"},{"attribute":"account.balance","op":">","values":[0.5]}]})")
            << "rule.and[1].values[0]: expected a whole number; write decimals as {\"decimal\": \"0.25\"}, not 0.5.";
        QTest::newRow("bad decimal") << QByteArray(R"({"attribute":"account.balance","op":">","values":[{"decimal":"1,5"}]})")
            << "rule.values[0].decimal: expected decimal text with at most 6 decimals, such as \"0.245\", not \"1,5\".";
        QTest::newRow("bad date") << QByteArray(R"({"attribute":"account.opened","op":">","values":[{"date":"2024-02-30"}]})")
            << "rule.values[0].date: expected a date written YYYY-MM-DD, not \"2024-02-30\".";
        QTest::newRow("bad period") << QByteArray(R"({"attribute":"usage.night_share","op":">","period":{"last":12,"unit":"weeks"},"values":[1]})")
            << "rule.period.unit: expected \"days\", \"months\" or \"years\", not \"weeks\".";
        QTest::newRow("unknown attribute") << QByteArray(R"({"not":{"attribute":"regoin","op":"=","values":["north"]}})")
            << "rule.not.attribute: \"regoin\" is not a known attribute; did you mean \"region\"?";
        QTest::newRow("type mismatch") << QByteArray(R"({"attribute":"household_size","op":"in","values":[1,"big"]})")
            << "rule.values[1]: \"household_size\" takes a whole number, such as 3, not \"big\".";
        QTest::newRow("period not taken") << QByteArray(R"({"attribute":"household_size","op":">","period":{"last":1,"unit":"days"},"values":[1]})")
            << "rule.period: \"household_size\" takes no period; remove \"(last 1 day)\".";
        QTest::newRow("unknown appliance") << QByteArray(R"({"has":"appliance","value":"windmill"})")
            << "rule.value: \"windmill\" is not a known appliance; use one of: \"solar_pv\", \"heat_pump\", \"pump\", \"ev_charger\".";
    }

    void jsonErrorsNameThePath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QCOMPARE(jsonError(json.constData()), message);
    }
};

QTEST_GUILESS_MAIN(TestRuleRoundTrip)
#include "tst_ruleroundtrip.moc"
