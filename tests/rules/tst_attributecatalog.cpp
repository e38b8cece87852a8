#include <core/error.h>
#include <rules/attributecatalog.h>
#include <rules/attributesql.h>

#include <QTest>

using namespace Ud;

namespace {

Rules::AttributeDefinition integer(const QString &name)
{
    Rules::AttributeDefinition a;
    a.name = name;
    a.type = Rules::AttributeType::Integer;
    a.sql = Rules::AttributeSql::column(QStringLiteral("%1.") + name);
    return a;
}

} // namespace

class TestAttributeCatalog : public QObject
{
    Q_OBJECT

private slots:
    void everyModulesAttributesAsOfTheDay()
    {
        Rules::AttributeCatalog catalog;
        QDate seen;
        catalog.addProvider(QStringLiteral("accounts"), [&seen](Rules::AttributeRegistry &r, const QDate &today) {
            seen = today;
            r.addAttribute(integer(QStringLiteral("household_size")));
        });
        catalog.addProvider(QStringLiteral("usage"), [](Rules::AttributeRegistry &r, const QDate &) {
            r.addAttribute(integer(QStringLiteral("usage.days")));
        });
        const Rules::AttributeRegistry registry = catalog.registry(QDate(2026, 12, 1));
        QCOMPARE(seen, QDate(2026, 12, 1));
        QVERIFY(registry.attribute(QStringLiteral("household_size")));
        QVERIFY(registry.attribute(QStringLiteral("USAGE.DAYS")));
        QCOMPARE(catalog.modules(), (QStringList{QStringLiteral("accounts"), QStringLiteral("usage")}));
    }

    void aNameTwoModulesRegisterNamesTheModule()
    {
        Rules::AttributeCatalog catalog;
        catalog.addProvider(QStringLiteral("accounts"), [](Rules::AttributeRegistry &r, const QDate &) {
            r.addAttribute(integer(QStringLiteral("balance")));
        });
        catalog.addProvider(QStringLiteral("billing"), [](Rules::AttributeRegistry &r, const QDate &) {
            r.addAttribute(integer(QStringLiteral("balance")));
        });
        try {
            catalog.registry(QDate(2026, 12, 1));
            QFAIL("a second \"balance\" was accepted");
        } catch (const Core::Error &e) {
            QCOMPARE(e.kind(), Core::Error::Kind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("billing")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("balance")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestAttributeCatalog)
#include "tst_attributecatalog.moc"
