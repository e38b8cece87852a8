#include "testregistry.h"

#include <core/error.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QTest>

using namespace Ud::Rules;

namespace {

Rule cond(const char *attribute, Condition::Op op, QList<Value> values, std::optional<Period> period = std::nullopt)
{
    return Rule(Condition{QString::fromLatin1(attribute), period, op, std::move(values)});
}

Value s(const char *text) { return Value::string(QString::fromUtf8(text)); }

QString errorOf(const QString &text)
{
    try {
        RuleParser::parse(text, testRegistry());
    } catch (const Ud::Core::Error &e) {
        if (e.kind() != Ud::Core::Error::Kind::BadInput)
            return QStringLiteral("wrong kind: ") + e.message();
        return e.message();
    }
    return QStringLiteral("no error");
}

} // namespace

class TestRuleParser : public QObject
{
    Q_OBJECT

private slots:
    void issueExample()
    {
        const Rule rule = RuleParser::parse(
            QStringLiteral("class = \"residential\" and has appliance \"solar_pv\" and usage.avg_monthly_kwh(last 12 months) > 500"),
            testRegistry());
        const Rule expected = Rule::all({cond("class", Condition::Op::Equal, {s("residential")}),
                                         cond("appliance", Condition::Op::Has, {s("solar_pv")}),
                                         cond("usage.avg_monthly_kwh", Condition::Op::Greater, {Value::integer(500)},
                                              Period{12, Period::Unit::Months})});
        QCOMPARE(rule, expected);
    }

    void everyConditionForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("equal") << "class = \"business\"" << "class = \"business\"";
        QTest::newRow("not equal") << "region!=\"north\"" << "region != \"north\"";
        QTest::newRow("less") << "household_size < 3" << "household_size < 3";
        QTest::newRow("less or equal") << "household_size <= 3" << "household_size <= 3";
        QTest::newRow("greater") << "account.balance > -12.50" << "account.balance > -12.5";
        QTest::newRow("greater or equal") << "account.days_in_arrears >= 30" << "account.days_in_arrears >= 30";
        QTest::newRow("in") << "region in (\"north\",\"south\")" << "region in (\"north\", \"south\")";
        QTest::newRow("in one") << "region in (\"east\")" << "region in (\"east\")";
        QTest::newRow("between") << "household_size between 2 and 4" << "household_size between 2 and 4";
        QTest::newRow("between decimals") << "account.balance between 0.1 and 99.999999"
                                          << "account.balance between 0.1 and 99.999999";
        QTest::newRow("matches") << "name matches \"smith\"" << "name matches \"smith\"";
        QTest::newRow("boolean") << "vulnerable = TRUE" << "vulnerable = true";
        QTest::newRow("date") << "account.opened < 2024-02-29" << "account.opened < 2024-02-29";
        QTest::newRow("date between") << "account.opened between 2020-01-01 and 2020-12-31"
                                      << "account.opened between 2020-01-01 and 2020-12-31";
        QTest::newRow("has program") << "HAS program \"winter_saver\"" << "has program \"winter_saver\"";
        QTest::newRow("period singular") << "usage.night_share(last 1 month) > 0.3"
                                         << "usage.night_share(last 1 month) > 0.3";
        QTest::newRow("period days") << "usage.night_share( LAST 90 Days ) >= 0.25"
                                     << "usage.night_share(last 90 days) >= 0.25";
        QTest::newRow("period years") << "usage.avg_monthly_kwh(last 2 years) <= 1000"
                                      << "usage.avg_monthly_kwh(last 2 years) <= 1000";
        QTest::newRow("attribute case") << "Household_Size = 2" << "household_size = 2";
        QTest::newRow("escaped quote") << "name matches \"o\\\"brien\"" << "name matches \"o\\\"brien\"";
        QTest::newRow("keywords any case") << "NOT class = \"business\" AnD region IN (\"west\") Or household_size BETWEEN 1 AND 2"
                                           << "not class = \"business\" and region in (\"west\") or household_size between 1 and 2";
    }

    void everyConditionForm()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QCOMPARE(RulePrinter::text(RuleParser::parse(text, testRegistry())), canonical);
    }

    void valuesKeepTheirType()
    {
        const Rule r = RuleParser::parse(QStringLiteral("account.balance > 0.245"), testRegistry());
        QCOMPARE(r.condition().values.front().type(), Value::Type::Decimal);
        QCOMPARE(r.condition().values.front().toDecimal().micros, 245000);
        const Rule d = RuleParser::parse(QStringLiteral("account.opened = 2023-07-04"), testRegistry());
        QCOMPARE(d.condition().values.front().toDate(), QDate(2023, 7, 4));
    }

    void precedenceNotAndOr()
    {
        const Rule a = cond("household_size", Condition::Op::Equal, {Value::integer(1)});
        const Rule b = cond("household_size", Condition::Op::Equal, {Value::integer(2)});
        const Rule c = cond("household_size", Condition::Op::Equal, {Value::integer(3)});
        const AttributeRegistry reg = testRegistry();
        QCOMPARE(RuleParser::parse(QStringLiteral("household_size = 1 or household_size = 2 and household_size = 3"), reg),
                 Rule::any({a, Rule::all({b, c})}));
        QCOMPARE(RuleParser::parse(QStringLiteral("household_size = 1 and household_size = 2 or household_size = 3"), reg),
                 Rule::any({Rule::all({a, b}), c}));
        QCOMPARE(RuleParser::parse(QStringLiteral("not household_size = 1 and household_size = 2"), reg),
                 Rule::all({Rule::negate(a), b}));
        QCOMPARE(RuleParser::parse(QStringLiteral("not (household_size = 1 and household_size = 2)"), reg),
                 Rule::negate(Rule::all({a, b})));
        QCOMPARE(RuleParser::parse(QStringLiteral("(household_size = 1 or household_size = 2) and household_size = 3"), reg),
                 Rule::all({Rule::any({a, b}), c}));
        QCOMPARE(RuleParser::parse(QStringLiteral("not not household_size = 1"), reg), Rule::negate(Rule::negate(a)));
        QCOMPARE(RuleParser::parse(QStringLiteral("household_size = 1 or household_size = 2 or household_size = 3"), reg),
                 Rule::any({a, b, c}));
        QCOMPARE(RuleParser::parse(QStringLiteral("((household_size = 1))"), reg), a);
    }

    void sqlLookingValuesAreJustText()
    {
        const QString nasty = QStringLiteral("x' OR 1=1; DROP TABLE customers; --");
        const Rule r = RuleParser::parse(QStringLiteral("name = \"x' OR 1=1; DROP TABLE customers; --\""), testRegistry());
        QCOMPARE(r.kind(), Rule::Kind::Condition);
        QCOMPARE(r.condition().values, QList<Value>{Value::string(nasty)});
        const Rule p = RuleParser::parse(QStringLiteral("name matches \"\\\") or (1=1\""), testRegistry());
        QCOMPARE(p.condition().values.front().toString(), QStringLiteral("\") or (1=1"));
    }

    void registryRejectsDuplicatesAndSuggestsOnlyNearNames()
    {
        AttributeRegistry reg = testRegistry();
        try {
            reg.addAttribute({QStringLiteral("Household_Size"), AttributeType::Integer, {}, false, {}});
            QFAIL("a second household_size was accepted");
        } catch (const Ud::Core::Error &e) {
            QCOMPARE(e.kind(), Ud::Core::Error::Kind::Conflict);
            QCOMPARE(e.message(), QStringLiteral("The rule attribute \"Household_Size\" is registered twice."));
        }
        QVERIFY_THROWS_EXCEPTION(Ud::Core::Error, reg.addHasKind({QStringLiteral("appliance"), {}, {}}));
        QCOMPARE(reg.closestAttribute(QStringLiteral("regoin")), QStringLiteral("region"));
        QCOMPARE(reg.closestAttribute(QStringLiteral("ACCOUNT.BALANSE")), QStringLiteral("account.balance"));
        QCOMPARE(reg.closestAttribute(QStringLiteral("zzz")), QString());
        QCOMPARE(reg.attribute(QStringLiteral("USAGE.avg_monthly_kwh"))->takesPeriod, true);
        QCOMPARE(reg.hasKind(QStringLiteral("Program"))->name, QStringLiteral("program"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("value after =")
            << "class = and region = \"north\""
            << "Position 9: expected a value after \"=\", such as \"residential\" or 500.";
        QTest::newRow("value at end")
            << "household_size >="
            << "Position 18: expected a value after \">=\", such as \"residential\" or 500.";
        QTest::newRow("empty") << ""
            << "Position 1: expected a condition such as class = \"residential\", \"not\" or \"(\", not the end of the rule.";
        QTest::newRow("dangling and") << "class = \"business\" and"
            << "Position 23: expected a condition such as class = \"residential\", \"not\" or \"(\", not the end of the rule.";
        QTest::newRow("value instead of condition") << "\"business\" = class"
            << "Position 1: expected a condition such as class = \"residential\", \"not\" or \"(\", not \"business\".";
        QTest::newRow("no operator") << "class \"business\""
            << "Position 7: expected an operator after \"class\" (=, !=, <, <=, >, >=, in, between or matches), not \"business\".";
        QTest::newRow("double equals") << "class == \"business\""
            << "Position 8: expected a value after \"=\", such as \"residential\" or 500.";
        QTest::newRow("trailing words") << "class = \"business\" region = \"north\""
            << "Position 20: expected \"and\", \"or\" or the end of the rule, not \"region\".";
        QTest::newRow("unclosed parenthesis") << "(class = \"business\" or region = \"north\""
            << "Position 40: expected \")\" to close the \"(\" at position 1, not the end of the rule.";
        QTest::newRow("extra parenthesis") << "class = \"business\")"
            << "Position 19: expected \"and\", \"or\" or the end of the rule, not \")\".";
        QTest::newRow("unclosed quote") << "name = \"smith"
            << "Position 8: the text in quotes is not closed; add the closing \".";
        QTest::newRow("stray character") << "household_size = 3 & vulnerable = true"
            << "Position 20: \"&\" is not part of the rule language; put text in quotes.";
        QTest::newRow("bad date") << "account.opened = 2023-02-30"
            << "Position 18: \"2023-02-30\" is not a date; write dates as YYYY-MM-DD, such as 2024-01-31.";
        QTest::newRow("too many decimals") << "account.balance > 1.1234567"
            << "Position 19: \"1.1234567\" is not a number; write numbers such as 500 or 0.25 (at most 6 decimals), and dates as YYYY-MM-DD.";
        QTest::newRow("in without list") << "region in \"north\""
            << "Position 11: expected \"(\" after \"in\", as in region in (\"north\", \"south\").";
        QTest::newRow("in list separator") << "region in (\"north\" \"south\")"
            << "Position 20: expected \",\" or \")\" in the list after \"in\", not \"south\".";
        QTest::newRow("in list empty") << "region in ()"
            << "Position 12: expected a value after \"(\", such as \"residential\" or 500.";
        QTest::newRow("between without and") << "household_size between 2 or 4"
            << "Position 26: expected \"and\" between the two bounds of \"between\", as in household_size between 2 and 4.";
        QTest::newRow("matches number") << "name matches 5"
            << "Position 14: expected text in quotes after \"matches\", such as \"smith\".";
        QTest::newRow("has nothing") << "has \"solar_pv\""
            << "Position 5: expected what the customer has after \"has\" (\"appliance\", \"program\"), not \"solar_pv\".";
        QTest::newRow("period without last") << "usage.avg_monthly_kwh(12 months) > 5"
            << "Position 23: expected a period such as \"last 12 months\" after \"(\", not \"12\".";
        QTest::newRow("period zero") << "usage.avg_monthly_kwh(last 0 months) > 5"
            << "Position 28: expected a whole number of days, months or years from 1 to 1000 after \"last\", not \"0\".";
        QTest::newRow("period unit") << "usage.avg_monthly_kwh(last 12 weeks) > 5"
            << "Position 31: expected \"days\", \"months\" or \"years\" after \"last 12\", not \"weeks\".";
        QTest::newRow("period unclosed") << "usage.avg_monthly_kwh(last 12 months > 5"
            << "Position 38: expected \")\" after \"last 12 months\", not \">\".";

        // Checked against the registry.
        QTest::newRow("unknown attribute, suggestion") << "houshold_size = 3"
            << "Position 1: \"houshold_size\" is not a known attribute; did you mean \"household_size\"?";
        QTest::newRow("unknown aggregate, suggestion") << "usage.avg_monthly_kw(last 12 months) > 5"
            << "Position 1: \"usage.avg_monthly_kw\" is not a known attribute; did you mean \"usage.avg_monthly_kwh\"?";
        QTest::newRow("unknown attribute") << "class = \"business\" and favourite_colour = \"red\""
            << "Position 24: \"favourite_colour\" is not a known attribute.";
        QTest::newRow("type mismatch text for integer") << "household_size = \"big\""
            << "Position 18: \"household_size\" takes a whole number, such as 3, not \"big\".";
        QTest::newRow("type mismatch decimal for integer") << "household_size > 2.5"
            << "Position 18: \"household_size\" takes a whole number, such as 3, not 2.5.";
        QTest::newRow("type mismatch boolean") << "vulnerable = \"yes\""
            << "Position 14: \"vulnerable\" takes true or false, not \"yes\".";
        QTest::newRow("type mismatch date") << "account.opened > 2024"
            << "Position 18: \"account.opened\" takes a date written YYYY-MM-DD, such as 2024-01-31, not 2024.";
        QTest::newRow("type mismatch text") << "postcode = 1234"
            << "Position 12: \"postcode\" takes text in quotes, such as \"smith\", not 1234.";
        QTest::newRow("type mismatch in second list item") << "region in (\"north\", 4)"
            << "Position 21: \"region\" takes one of: \"north\", \"south\", \"east\", \"west\", not 4.";
        QTest::newRow("enum value not allowed") << "class = \"domestic\""
            << "Position 9: \"domestic\" is not a value of \"class\"; use one of: \"residential\", \"business\", \"agricultural\".";
        QTest::newRow("enum ordering") << "class > \"business\""
            << "Position 1: \"class\" can only be compared with =, != or in.";
        QTest::newRow("matches on number") << "household_size matches \"3\""
            << "Position 1: \"matches\" works on text, and \"household_size\" takes a whole number, such as 3.";
        QTest::newRow("period not taken") << "household_size(last 12 months) > 3"
            << "Position 16: \"household_size\" takes no period; remove \"(last 12 months)\".";
        QTest::newRow("period missing") << "usage.avg_monthly_kwh > 500"
            << "Position 1: \"usage.avg_monthly_kwh\" needs a period, such as usage.avg_monthly_kwh(last 12 months).";
        QTest::newRow("unknown appliance") << "has appliance \"windmill\""
            << "Position 15: \"windmill\" is not a known appliance; use one of: \"solar_pv\", \"heat_pump\", \"pump\", \"ev_charger\".";
        QTest::newRow("has unknown kind") << "has tariff \"flat\""
            << "Position 5: \"tariff\" is not something a customer can have; use one of: \"appliance\", \"program\".";
        QTest::newRow("has without item") << "has program and class = \"business\""
            << "Position 13: \"has program\" takes the program's name in quotes.";
        QTest::newRow("position counts characters, not UTF-16 units")
            << QString::fromUtf8("name = \"\xF0\x9F\x8C\x9E\" and (class = \"business\"")
            << "Position 35: expected \")\" to close the \"(\" at position 16, not the end of the rule.";
        QTest::newRow("has a number") << "has appliance 5"
            << "Position 15: \"has appliance\" takes the appliance's name in quotes, such as \"solar_pv\".";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QCOMPARE(errorOf(text), message);
    }

    void periodsOutsideTheAttributesRange_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("too few months") << "usage.seasonality(last 2 months) > 1"
            << "Position 19: \"usage.seasonality\" takes a period of 3 to 24 whole months (a year is 12 months), not \"last 2 months\".";
        QTest::newRow("too many months") << "usage.seasonality(last 25 months) > 1"
            << "Position 19: \"usage.seasonality\" takes a period of 3 to 24 whole months (a year is 12 months), not \"last 25 months\".";
        QTest::newRow("too many years") << "class = \"business\" and usage.seasonality( last 3 years ) > 1"
            << "Position 43: \"usage.seasonality\" takes a period of 3 to 24 whole months (a year is 12 months), not \"last 3 years\".";
        QTest::newRow("days") << "usage.seasonality(last 90 days) > 1"
            << "Position 19: \"usage.seasonality\" takes a period of 3 to 24 whole months (a year is 12 months), not \"last 90 days\".";
        QTest::newRow("inside: 2 years") << "usage.seasonality(last 2 years) > 1" << "no error";
        QTest::newRow("inside: 3 months") << "usage.seasonality(last 3 months) > 1" << "no error";
        QTest::newRow("inside: 24 months") << "usage.seasonality(last 24 months) > 1" << "no error";
        QTest::newRow("unbounded attribute takes days") << "usage.night_share(last 90 days) > 0.1" << "no error";
    }
    void periodsOutsideTheAttributesRange()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        AttributeRegistry registry = testRegistry();
        AttributeDefinition bounded{QStringLiteral("usage.seasonality"), AttributeType::Decimal, {}, true, {}};
        bounded.minPeriodMonths = 3;
        bounded.maxPeriodMonths = 24;
        registry.addAttribute(bounded);
        QString got = QStringLiteral("no error");
        try {
            RuleParser::parse(text, registry);
        } catch (const Ud::Core::Error &e) {
            got = e.kind() == Ud::Core::Error::Kind::BadInput ? e.message() : QStringLiteral("wrong kind: ") + e.message();
        }
        QCOMPARE(got, message);
    }
};

QTEST_GUILESS_MAIN(TestRuleParser)
#include "tst_ruleparser.moc"
