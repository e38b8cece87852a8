#include "../accounts/accountsfixture.h"

#include <core/sqlquery.h>
#include <demo/generator.h>
#include <rules/attributecatalog.h>
#include <rules/ruleparser.h>
#include <segments/segmentsql.h>

#include <QDateTime>
#include <QSet>
#include <QTest>

using namespace Ud;
using Test::AccountsFixture;

namespace {

/// The ids of the customers whose class is `customerClass`, read straight from the table.
QSet<QString> idsOfClass(Core::Database &db, const QString &customerClass)
{
    QSet<QString> ids;
    Core::SqlQuery q(db.connection(), QStringLiteral("SELECT id FROM customers WHERE class = :class"));
    q.bind(QStringLiteral(":class"), customerClass);
    q.exec();
    while (q.next())
        ids.insert(q.value(0).toString());
    return ids;
}

QSet<QString> members(AccountsFixture &f, const Segments::SegmentDefinition &definition)
{
    const Rules::AttributeRegistry registry =
        f.module.attributes().registry(QDateTime::fromSecsSinceEpoch(AccountsFixture::Now, Qt::UTC).date());
    const Rules::Rule rule = Rules::RuleParser::parse(definition.ruleText, registry);
    const Rules::SqlFragment where = Segments::SegmentSql(registry, f.database.dialect()).members(definition, rule);
    Core::SqlQuery q(f.database.connection(), QStringLiteral("SELECT c.id FROM customers c%1 WHERE %2").arg(where.joinSql(), where.sql));
    where.bindTo(q);
    q.exec();
    QSet<QString> ids;
    while (q.next())
        ids.insert(q.value(0).toString());
    return ids;
}

} // namespace

class TestSegmentSql : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void staticListsAddAndRemoveMembers_data() { Test::addBackendRows(); }
    void staticListsAddAndRemoveMembers()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Demo::Options options;
        options.customers = 120;
        options.intervalData = false;
        options.days = 30;
        options.seed = 7;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        const QSet<QString> residential = idsOfClass(f.database, QStringLiteral("residential"));
        const QSet<QString> commercial = idsOfClass(f.database, QStringLiteral("commercial"));
        QVERIFY(residential.size() > 10);
        QVERIFY(!commercial.isEmpty());

        Segments::SegmentDefinition definition;
        definition.name = QStringLiteral("Homes");
        definition.ruleText = QStringLiteral("class = \"residential\"");
        QCOMPARE(members(f, definition), residential);

        // One business added by hand, two homes taken out: the exclude list wins over both.
        const QString business = *commercial.begin();
        QStringList homes(residential.begin(), residential.end());
        homes.sort();
        definition.includeCustomerIds = {business, homes.at(0)};
        definition.excludeCustomerIds = {homes.at(0), homes.at(1)};
        QSet<QString> expected = residential;
        expected.insert(business);
        expected.remove(homes.at(0));
        expected.remove(homes.at(1));
        QCOMPARE(members(f, definition), expected);

        // A rule that picks nobody: the include list alone.
        definition.ruleText = QStringLiteral("household_size > 1000");
        definition.excludeCustomerIds = {};
        QCOMPARE(members(f, definition), (QSet<QString>{business, homes.at(0)}));
    }
};

QTEST_GUILESS_MAIN(TestSegmentSql)
#include "tst_segmentsql.moc"
