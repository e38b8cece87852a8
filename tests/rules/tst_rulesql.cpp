#include "rulegenerator.h"
#include "sqltestdata.h"
#include "testdatabase.h"

#include <core/error.h>
#include <core/sqlquery.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>
#include <rules/rulesql.h>

#include <QSet>
#include <QTest>

using namespace Ud;
using namespace Ud::Rules;
using namespace RulesTest;

namespace {

constexpr int CustomerCount = 300;
constexpr int RuleCount = 2000;

void createTables(Core::Database &db, const QList<TestCustomer> &customers)
{
    QSqlDatabase c = db.connection();
    // On PostgreSQL the text columns get a language collation (the test server's default is C),
    // so that text order by code point is the compiler's doing, not the server's.
    const QString text = db.dialect().isPostgres() ? QStringLiteral("TEXT COLLATE \"und-x-icu\"") : QStringLiteral("TEXT");
    Core::SqlQuery::run(c, QStringLiteral(
        "CREATE TABLE rt_customer (id BIGINT PRIMARY KEY, name %1, postcode %1, class %1, region %1, "
        "household_size BIGINT, balance_cents BIGINT, days_in_arrears BIGINT, vulnerable BOOLEAN, opened DATE, "
        "kwh_short BIGINT, kwh_long BIGINT, appliances_known BOOLEAN)").arg(text));
    Core::SqlQuery::run(c, QStringLiteral("CREATE TABLE rt_has (customer_id BIGINT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL)"));
    Core::SqlQuery::run(c, QStringLiteral("CREATE TABLE rt_night (customer_id BIGINT NOT NULL, months BIGINT NOT NULL, share_micros BIGINT NOT NULL)"));
    Core::SqlQuery::run(c, QStringLiteral("CREATE INDEX rt_has_customer ON rt_has (customer_id, kind, item)"));
    Core::SqlQuery::run(c, QStringLiteral("CREATE INDEX rt_night_customer ON rt_night (customer_id, months)"));
    const auto v = [](const auto &o) { return o ? QVariant::fromValue(*o) : QVariant(); };
    c.transaction();
    for (const TestCustomer &t : customers) {
        Core::SqlQuery(c, QStringLiteral("INSERT INTO rt_customer VALUES (:id, :name, :postcode, :class, :region, :size, :balance, "
                                         ":arrears, :vulnerable, :opened, :short, :long, :known)"))
            .bind(QStringLiteral(":id"), t.id).bind(QStringLiteral(":name"), v(t.name))
            .bind(QStringLiteral(":postcode"), v(t.postcode)).bind(QStringLiteral(":class"), v(t.klass))
            .bind(QStringLiteral(":region"), v(t.region)).bind(QStringLiteral(":size"), v(t.householdSize))
            .bind(QStringLiteral(":balance"), v(t.balanceCents)).bind(QStringLiteral(":arrears"), v(t.daysInArrears))
            .bind(QStringLiteral(":vulnerable"), v(t.vulnerable))
            .bind(QStringLiteral(":opened"), t.opened ? QVariant(t.opened->toString(Qt::ISODate)) : QVariant())
            .bind(QStringLiteral(":short"), v(t.kwhShortMilli)).bind(QStringLiteral(":long"), v(t.kwhLongMilli))
            .bind(QStringLiteral(":known"), t.appliances.has_value())
            .exec();
        const auto item = [&](const QString &kind, const QString &name) {
            Core::SqlQuery(c, QStringLiteral("INSERT INTO rt_has VALUES (:c, :k, :i)"))
                .bind(QStringLiteral(":c"), t.id).bind(QStringLiteral(":k"), kind).bind(QStringLiteral(":i"), name).exec();
        };
        for (const QString &a : t.appliancesStored)
            item(QStringLiteral("appliance"), a);
        for (const QString &p : t.programs)
            item(QStringLiteral("program"), p);
        for (const auto &[months, share] : t.nightShareMicros)
            Core::SqlQuery(c, QStringLiteral("INSERT INTO rt_night VALUES (:c, :m, :s)"))
                .bind(QStringLiteral(":c"), t.id).bind(QStringLiteral(":m"), months).bind(QStringLiteral(":s"), share).exec();
    }
    QVERIFY(c.commit());
}

/// A literal drawn from the generated rows: exact values, values one millionth off (the
/// rounding edges of scaled decimals) and pieces of text (for "matches").
RuleGenerator::Sampler sampler(const QList<TestCustomer> &customers)
{
    return [&customers](const QString &attribute, QRandomGenerator &random) -> std::optional<Value> {
        const TestCustomer &c = customers.at(int(random.bounded(qsizetype(customers.size()))));
        const TestCustomerValues values(c);
        if (attribute == QLatin1String("appliance") || attribute == QLatin1String("program")) {
            const QStringList items = attribute == QLatin1String("program") ? c.programs : c.appliancesStored;
            if (items.isEmpty())
                return std::nullopt;
            return Value::string(items.at(int(random.bounded(qsizetype(items.size())))));
        }
        std::optional<Period> period;
        if (attribute.startsWith(QLatin1String("usage.")))
            period = Period{1 + int(random.bounded(36)), Period::Unit(random.bounded(3))};
        auto v = values.value(attribute, period);
        if (!v)
            return std::nullopt;
        if (v->type() == Value::Type::Decimal)
            return Value::decimal(Decimal{v->toDecimal().micros + qint64(random.bounded(3)) - 1});
        if (v->type() == Value::Type::String && random.bounded(2) == 0) {
            const QString s = v->toString();
            const qsizetype from = random.bounded(s.size() + 1);
            return Value::string(s.mid(from, random.bounded(s.size() - from + 1)));
        }
        return v;
    };
}

QString truthName(Truth t)
{
    return t == Truth::True ? QStringLiteral("true") : (t == Truth::False ? QStringLiteral("false") : QStringLiteral("unknown"));
}

Truth truthFromSql(const QVariant &v)
{
    if (v.isNull())
        return Truth::Unknown;
    return v.toInt() == 1 ? Truth::True : Truth::False;
}

} // namespace

class TestRuleSql : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void randomRulesAgreeWithEvaluator_data() { Test::addBackendRows(); }
    void randomRulesAgreeWithEvaluator()
    {
        UD_TEST_DATABASE(t);
        const QList<TestCustomer> customers = generateCustomers(20260602, CustomerCount);
        createTables(t.db(), customers);
        const AttributeRegistry registry = sqlTestRegistry();
        const RuleSql compiler(registry, t.db().dialect());
        RuleGenerator generator(20260603, registry, sampler(customers), awkwardPieces());
        const QSqlDatabase c = t.db().connection();

        qint64 compared = 0;
        qint64 members = 0;
        int someButNotAll = 0;
        QHash<Truth, qint64> outcomes;
        for (int n = 0; n < RuleCount; ++n) {
            const Rule rule = generator.rule(1 + n % 4);
            const QString text = RulePrinter::text(rule);

            QSet<qint64> expected;
            QHash<qint64, Truth> expectedTruth;
            for (const TestCustomer &customer : customers) {
                const Truth truth = RuleEvaluator::evaluate(rule, TestCustomerValues(customer));
                expectedTruth.insert(customer.id, truth);
                if (truth == Truth::True)
                    expected.insert(customer.id);
            }

            const SqlFragment where = compiler.where(rule);
            Core::SqlQuery selected(c, QStringLiteral("SELECT c.id FROM rt_customer c WHERE %1").arg(where.sql));
            where.bindTo(selected);
            selected.exec();
            QSet<qint64> actual;
            while (selected.next())
                actual.insert(selected.value(0).toLongLong());
            if (actual != expected) {
                const QSet<qint64> extra = actual - expected;
                const QSet<qint64> missing = expected - actual;
                QFAIL(qPrintable(QStringLiteral("rule %1: %2\nSQL: %3\nSQL selects %4 customers the evaluator does not "
                                                "(e.g. %5), misses %6 (e.g. %7)")
                                     .arg(n).arg(text, where.sql).arg(extra.size())
                                     .arg(extra.isEmpty() ? 0 : *extra.begin()).arg(missing.size())
                                     .arg(missing.isEmpty() ? 0 : *missing.begin())));
            }

            const SqlFragment truth = compiler.truthValue(rule);
            Core::SqlQuery perRow(c, QStringLiteral("SELECT c.id, %1 FROM rt_customer c").arg(truth.sql));
            truth.bindTo(perRow);
            perRow.exec();
            int rows = 0;
            while (perRow.next()) {
                const qint64 id = perRow.value(0).toLongLong();
                const Truth fromSql = truthFromSql(perRow.value(1));
                if (fromSql != expectedTruth.value(id))
                    QFAIL(qPrintable(QStringLiteral("rule %1: %2\ncustomer %3: SQL says %4, the evaluator %5\nSQL: %6")
                                         .arg(n).arg(text).arg(id).arg(truthName(fromSql), truthName(expectedTruth.value(id)), truth.sql)));
                ++outcomes[fromSql];
                ++rows;
            }
            QCOMPARE(rows, CustomerCount);
            compared += rows;
            members += expected.size();
            if (!expected.isEmpty() && expected.size() < CustomerCount)
                ++someButNotAll;
        }
        qInfo("%d rules, %lld customer outcomes compared, %lld members; outcomes true %lld false %lld unknown %lld; "
              "%d rules selected some but not all",
              RuleCount, compared, members, outcomes.value(Truth::True), outcomes.value(Truth::False),
              outcomes.value(Truth::Unknown), someButNotAll);
        // The rules must discriminate, or agreement would prove little.
        QVERIFY(someButNotAll > RuleCount / 4);
        QVERIFY(outcomes.value(Truth::True) > compared / 10);
        QVERIFY(outcomes.value(Truth::False) > compared / 10);
        QVERIFY(outcomes.value(Truth::Unknown) > compared / 20);
    }

    void awkwardTextIsBoundAndLiteral_data() { Test::addBackendRows(); }
    void awkwardTextIsBoundAndLiteral()
    {
        UD_TEST_DATABASE(t);
        QList<TestCustomer> customers = generateCustomers(7, 6);
        customers[0].name = QStringLiteral("100% sure");
        customers[1].name = QStringLiteral("100 percent");
        customers[2].name = QStringLiteral("a_b");
        customers[3].name = QStringLiteral("axb");
        customers[4].name = QStringLiteral("x' OR 1=1; --");
        customers[5].name = QStringLiteral("SMITH!");
        createTables(t.db(), customers);
        const AttributeRegistry registry = sqlTestRegistry();
        const RuleSql compiler(registry, t.db().dialect());
        const auto members = [&](const QString &text) {
            const SqlFragment f = compiler.where(RuleParser::parse(text, registry));
            Core::SqlQuery q(t.db().connection(), QStringLiteral("SELECT c.id FROM rt_customer c WHERE %1 ORDER BY c.id").arg(f.sql));
            f.bindTo(q);
            q.exec();
            QList<qint64> ids;
            while (q.next())
                ids.append(q.value(0).toLongLong());
            return ids;
        };
        QCOMPARE(members(QStringLiteral("name matches \"0%\"")), QList<qint64>{1});
        QCOMPARE(members(QStringLiteral("name matches \"a_b\"")), QList<qint64>{3});
        QCOMPARE(members(QStringLiteral("name matches \"smith!\"")), QList<qint64>{6});
        QCOMPARE(members(QStringLiteral("name = \"x' OR 1=1; --\"")), QList<qint64>{5});
        QCOMPARE(members(QStringLiteral("name matches \"' or 1=1\"")), QList<qint64>{5});
        const SqlFragment f = compiler.where(RuleParser::parse(QStringLiteral("name = \"x' OR 1=1; --\""), registry));
        QVERIFY2(!f.sql.contains(QLatin1String("OR 1=1")), qPrintable(f.sql));
        QCOMPARE(f.values.size(), 1);
        QCOMPARE(f.values.front().second.toString(), QStringLiteral("x' OR 1=1; --"));
    }

    void attributeWithoutSqlIsNamed()
    {
        const AttributeRegistry registry = testRegistry();
        const RuleSql compiler(registry, Core::Dialect(Core::DatabaseUrl::Backend::Sqlite));
        const auto message = [&](const QString &text) {
            try {
                compiler.where(RuleParser::parse(text, registry));
            } catch (const Core::Error &e) {
                return e.kind() == Core::Error::Kind::BadInput ? e.message() : QStringLiteral("wrong kind");
            }
            return QStringLiteral("no error");
        };
        QCOMPARE(message(QStringLiteral("household_size = 3")),
                 QStringLiteral("The attribute \"household_size\" cannot be read from the database, so a rule using it cannot "
                                "select customers there; take it out of the rule."));
        QCOMPARE(message(QStringLiteral("not has appliance \"pump\"")),
                 QStringLiteral("The list \"appliance\" cannot be read from the database, so a rule using \"has appliance\" "
                                "cannot select customers there; take it out of the rule."));
    }

    void decimalUnitsMustDivideAMillion()
    {
        QVERIFY(AttributeSql::column(QStringLiteral("%1.x"), 1000)->unitsPerWhole() == 1000);
        try {
            AttributeSql::column(QStringLiteral("%1.x"), 3);
            QFAIL("units of 3 were accepted");
        } catch (const Core::Error &e) {
            QCOMPARE(e.kind(), Core::Error::Kind::BadInput);
            QCOMPARE(e.message(), QStringLiteral("An attribute's SQL units per whole must divide 1000000 (got 3); use 1, 100 or 1000000."));
        }
    }
};

QTEST_GUILESS_MAIN(TestRuleSql)
#include "tst_rulesql.moc"
