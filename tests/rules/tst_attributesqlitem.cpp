// AttributeSql::itemComputed: a has-kind whose SQL is chosen by the item the rule names, built
// when the rule compiles. On both databases: each item gives its own SQL and picks the rows it
// should, under NOT / AND / OR with the other shapes; the item reaches the SQL only as a bound
// value (an item that looks like SQL is a value); an item the function rejects fails the
// compilation with its message; and an itemList has-kind still binds its item as before.

#include "testdatabase.h"

#include <core/error.h>
#include <core/sqlquery.h>
#include <rules/attributeregistry.h>
#include <rules/attributesql.h>
#include <rules/ruleparser.h>
#include <rules/rulesql.h>

#include <QCoreApplication>
#include <QTest>

using namespace Ud;
using namespace Ud::Rules;

namespace {

/// "has band "small"": size below 10; "has band "large"": size 10 or more; "has band X" for
/// any other X: the rows whose name is X. The SQL differs per item, and every value is bound.
AttributeRegistry registry()
{
    AttributeRegistry r;
    r.addAttribute({QStringLiteral("size"), AttributeType::Integer, {}, false, AttributeSql::column(QStringLiteral("%1.size"))});
    r.addHasKind({QStringLiteral("band"), {},
                  AttributeSql::itemComputed([](const QString &alias, const QString &item, const Core::Dialect &,
                                                const AttributeSql::Binder &bind) {
                      if (item == QLatin1String("small"))
                          return QStringLiteral("%1.size < %2").arg(alias, bind(10));
                      if (item == QLatin1String("large"))
                          return QStringLiteral("%1.size >= %2").arg(alias, bind(10));
                      if (item == QLatin1String("forbidden"))
                          throw Core::Error(Core::Error::Kind::BadInput, QStringLiteral("No band is called forbidden."));
                      return QStringLiteral("%1.name = %2").arg(alias, bind(item));
                  })});
    r.addHasKind({QStringLiteral("tag"), {},
                  AttributeSql::itemList(QStringLiteral("EXISTS (SELECT 1 FROM it_tag t WHERE t.row_id = %1.id AND t.tag = %2)"))});
    return r;
}

} // namespace

class TestAttributeSqlItem : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void itemChoosesTheSql_data() { Test::addBackendRows(); }
    void itemChoosesTheSql()
    {
        UD_TEST_DATABASE(t);
        const QSqlDatabase c = t.db().connection();
        Core::SqlQuery::run(c, QStringLiteral("CREATE TABLE it_row (id BIGINT PRIMARY KEY, name TEXT NOT NULL, size BIGINT NOT NULL)"));
        Core::SqlQuery::run(c, QStringLiteral("CREATE TABLE it_tag (row_id BIGINT NOT NULL, tag TEXT NOT NULL)"));
        Core::SqlQuery::run(c, QStringLiteral("INSERT INTO it_row VALUES (1, 'a', 3), (2, 'b', 12), (3, 'x'' OR 1=1; --', 30), "
                                              "(4, 'small', 40)"));
        Core::SqlQuery::run(c, QStringLiteral("INSERT INTO it_tag VALUES (1, 'red'), (2, 'red'), (4, 'blue')"));

        const AttributeRegistry r = registry();
        const RuleSql compiler(r, t.db().dialect());
        const auto members = [&](const QString &text) {
            const SqlFragment f = compiler.where(RuleParser::parse(text, r));
            Core::SqlQuery q(c, QStringLiteral("SELECT c.id FROM it_row c WHERE %1 ORDER BY c.id").arg(f.sql));
            f.bindTo(q);
            q.exec();
            QList<qint64> ids;
            while (q.next())
                ids.append(q.value(0).toLongLong());
            return ids;
        };
        QCOMPARE(members(QStringLiteral("has band \"small\"")), (QList<qint64>{1}));
        QCOMPARE(members(QStringLiteral("has band \"large\"")), (QList<qint64>{2, 3, 4}));
        QCOMPARE(members(QStringLiteral("not has band \"small\" and has tag \"red\"")), (QList<qint64>{2}));
        QCOMPARE(members(QStringLiteral("has band \"b\" or has band \"small\" or size = 40")), (QList<qint64>{1, 2, 4}));
        QCOMPARE(members(QStringLiteral("has tag \"blue\" or has band \"a\"")), (QList<qint64>{1, 4}));
        QCOMPARE(members(QStringLiteral("has band \"x' OR 1=1; --\"")), (QList<qint64>{3}));

        // The item that looks like SQL is bound, never part of the text; the values are in order.
        const SqlFragment f = compiler.where(RuleParser::parse(QStringLiteral("size > 1 and has band \"x' OR 1=1; --\""), r));
        QVERIFY2(!f.sql.contains(QLatin1String("OR 1=1")), qPrintable(f.sql));
        QCOMPARE(f.values.size(), 2);
        QCOMPARE(f.values.at(0).second.toLongLong(), 1);
        QCOMPARE(f.values.at(1).second.toString(), QStringLiteral("x' OR 1=1; --"));
        // A template has-kind binds its item exactly as before.
        const SqlFragment tag = compiler.condition(RuleParser::parse(QStringLiteral("has tag \"red\""), r));
        QCOMPARE(tag.sql, QStringLiteral("(EXISTS (SELECT 1 FROM it_tag t WHERE t.row_id = c.id AND t.tag = :rule_0))"));
        QCOMPARE(tag.values.size(), 1);
        QCOMPARE(tag.values.front().second.toString(), QStringLiteral("red"));
    }

    void itemTheFunctionRejectsFailsTheCompilation()
    {
        const AttributeRegistry r = registry();
        const RuleSql compiler(r, Core::Dialect(Core::DatabaseUrl::Backend::Sqlite));
        try {
            compiler.where(RuleParser::parse(QStringLiteral("size > 1 or has band \"forbidden\""), r));
            QFAIL("the rejected item compiled");
        } catch (const Core::Error &e) {
            QCOMPARE(e.kind(), Core::Error::Kind::BadInput);
            QCOMPARE(e.message(), QStringLiteral("No band is called forbidden."));
        }
        QVERIFY(AttributeSql::itemComputed({})->isItemList());
    }
};

QTEST_GUILESS_MAIN(TestAttributeSqlItem)
#include "tst_attributesqlitem.moc"
