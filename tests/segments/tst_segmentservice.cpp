// Saved, versioned segments on both databases: what save() stores (canonical rule, JSON,
// versions, who saved it, the audit entry), that saving the same definition again writes
// nothing, the messages that name the field, reference cycles, references expanding to the
// referenced segment's current members (in SQL and in memory alike), static lists, renames
// that carry references along, and archiving.

#include "segmentsfixture.h"

#include <rules/ruleevaluator.h>
#include <segments/segmentmembershipvalues.h>
#include <segments/segmentreferences.h>

#include <accounts/segmentcount.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Ud;
using Segments::SegmentDefinition;
using Test::definition;
using Test::errorOf;
using Test::SegmentsFixture;
using Kind = Core::Error::Kind;

namespace {

/// One audit entry as stored: action, actor and the after JSON.
struct AuditRow {
    QString action;
    QString actor;
    QJsonObject before;
    QJsonObject after;
};

QList<AuditRow> audit(SegmentsFixture &f, const QString &segmentId)
{
    Core::SqlQuery q(f.database.connection(), QStringLiteral(
        "SELECT action, actor, before_json, after_json FROM audit_log WHERE entity = 'segment' AND entity_id = :id ORDER BY seq"));
    q.bind(QStringLiteral(":id"), segmentId).exec();
    QList<AuditRow> rows;
    while (q.next()) {
        rows.append({q.value(0).toString(), q.value(1).toString(),
                     QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(),
                     QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()});
    }
    return rows;
}

/// The class and household size of one customer, read from the table, for the evaluator.
class ProfileValues : public Rules::CustomerValues
{
public:
    ProfileValues(QString klass, std::optional<qint64> size) : m_class(std::move(klass)), m_size(size) {}
    std::optional<Rules::Value> value(const QString &attribute, const std::optional<Rules::Period> &) const override
    {
        if (attribute == QLatin1String("class"))
            return Rules::Value::string(m_class);
        if (attribute == QLatin1String("household_size") && m_size)
            return Rules::Value::integer(*m_size);
        return std::nullopt;
    }
    std::optional<QStringList> items(const QString &) const override { return std::nullopt; }

private:
    QString m_class;
    std::optional<qint64> m_size;
};

} // namespace

class TestSegmentService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void saveVersionsAndUnchangedSaveWritesNothing_data() { Test::addBackendRows(); }
    void saveVersionsAndUnchangedSaveWritesNothing()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        const auto bob = SegmentsFixture::businessUser();
        SegmentDefinition d = definition(QStringLiteral("  Night pumps "), QStringLiteral("CLASS = \"agricultural\"  AND household_size>2"));
        d.description = QStringLiteral("Farms with pumps");
        d.controlPercent = 10;
        const Segments::SaveResult first = f.segments().save(bob, d);
        QVERIFY(first.created);
        QVERIFY(first.changed);
        QCOMPARE(first.saved.version, 1);
        QCOMPARE(first.saved.definition.name, QStringLiteral("Night pumps"));
        QCOMPARE(first.saved.definition.ruleText, QStringLiteral("class = \"agricultural\" and household_size > 2"));

        // What is stored: the canonical text, its JSON, who saved it when.
        Core::SqlQuery q(f.database.connection(), QStringLiteral(
            "SELECT s.name, s.current_version, v.rule_text, v.rule_json, v.description, v.control_percent, v.saved_by, v.saved_at "
            "FROM segments s JOIN segment_versions v ON v.segment_id = s.id"));
        q.exec();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Night pumps"));
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toString(), QStringLiteral("class = \"agricultural\" and household_size > 2"));
        const QJsonObject json = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("and")).toArray().size(), 2);
        QCOMPARE(q.value(4).toString(), QStringLiteral("Farms with pumps"));
        QCOMPARE(q.value(5).toInt(), 10);
        QCOMPARE(q.value(6).toString(), QStringLiteral("bob"));
        QCOMPARE(q.value(7).toLongLong(), SegmentsFixture::Now);
        QVERIFY(!q.next());

        // The same definition again, in other spelling: nothing written, no audit entry.
        SegmentDefinition same = d;
        same.name = QStringLiteral("NIGHT PUMPS");
        same.ruleText = QStringLiteral("class = \"agricultural\" and household_size > 2");
        f.clock.advance(60);
        const Segments::SaveResult again = f.segments().save(bob, same);
        QVERIFY(!again.created);
        QVERIFY(!again.changed);
        QCOMPARE(again.saved.version, 1);
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segment_versions")), 1);
        QCOMPARE(audit(f, first.saved.segmentId).size(), 1);

        // A changed definition: version 2, by whoever saved it.
        same.controlPercent = 25;
        const auto carol = SegmentsFixture::supervisor();
        const Segments::SaveResult second = f.segments().save(carol, same);
        QVERIFY(second.changed && !second.created);
        QCOMPARE(second.saved.version, 2);
        QCOMPARE(second.saved.definition.name, QStringLiteral("Night pumps"));
        const QList<Segments::SegmentVersion> versions = f.segments().versions(bob, QStringLiteral("night PUMPS"));
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).savedBy, QStringLiteral("bob"));
        QCOMPARE(versions.at(0).definition.controlPercent, 10);
        QCOMPARE(versions.at(1).savedBy, QStringLiteral("carol"));
        QCOMPARE(versions.at(1).savedAt, SegmentsFixture::Now + 60);
        QCOMPARE(f.segments().load(bob, QStringLiteral("Night pumps")).definition.controlPercent, 25);
        QCOMPARE(f.segments().load(bob, first.saved.segmentId, 1).definition.controlPercent, 10);
        QCOMPARE(errorOf(Kind::NotFound, [&] { f.segments().load(bob, QStringLiteral("Night pumps"), 3); }),
                 QStringLiteral("The segment \"Night pumps\" has no version 3; its versions are 1 to 2."));
        QCOMPARE(errorOf(Kind::NotFound, [&] { f.segments().load(bob, QStringLiteral("Day pumps")); }),
                 QStringLiteral("There is no segment called \"Day pumps\"."));

        const QList<AuditRow> entries = audit(f, first.saved.segmentId);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).action, QStringLiteral("segment.create"));
        QCOMPARE(entries.at(0).actor, QStringLiteral("bob"));
        QCOMPARE(entries.at(0).after.value(QStringLiteral("rule")).toString(),
                 QStringLiteral("class = \"agricultural\" and household_size > 2"));
        QCOMPARE(entries.at(1).action, QStringLiteral("segment.version"));
        QCOMPARE(entries.at(1).actor, QStringLiteral("carol"));
        QCOMPARE(entries.at(1).before.value(QStringLiteral("control_percent")).toInt(), 10);
        QCOMPARE(entries.at(1).after.value(QStringLiteral("control_percent")).toInt(), 25);
        QCOMPARE(entries.at(1).after.value(QStringLiteral("version")).toInt(), 2);

        const QList<Segments::Segment> list = f.segments().list(bob);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.front().currentVersion, 2);
        QVERIFY(!list.front().refreshedAt);

        // An agent may look but not save.
        QCOMPARE(errorOf(Kind::Denied, [&] { f.segments().save(SegmentsFixture::agent(), d); }).isEmpty(), false);
        QCOMPARE(f.segments().list(SegmentsFixture::agent()).size(), 1);
    }

    void validationNamesTheField_data() { Test::addBackendRows(); }
    void validationNamesTheField()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(10);
        const auto bob = SegmentsFixture::businessUser();
        const QString customer = *f.ids(QStringLiteral("SELECT id FROM customers")).begin();
        const auto save = [&](const SegmentDefinition &d) { return errorOf(Kind::BadInput, [&] { f.segments().save(bob, d); }); };

        QCOMPARE(save(definition(QStringLiteral("   "), QStringLiteral("class = \"residential\""))),
                 QStringLiteral("Name: enter a name for the segment, 1 to 80 characters."));
        QCOMPARE(save(definition(QString(81, QLatin1Char('n')), QStringLiteral("class = \"residential\""))),
                 QStringLiteral("Name: the name has 81 characters; shorten it to at most 80."));
        QCOMPARE(f.segments().save(bob, definition(QString(80, QLatin1Char('n')), QStringLiteral("class = \"residential\""))).saved.version, 1);
        SegmentDefinition d = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""));
        d.controlPercent = 101;
        QCOMPARE(save(d), QStringLiteral("Control percent: 101 is not a percentage; enter a whole number from 0 to 100."));
        d.controlPercent = -1;
        QCOMPARE(save(d), QStringLiteral("Control percent: -1 is not a percentage; enter a whole number from 0 to 100."));
        d.controlPercent = 0;
        d.includeCustomerIds = {customer, QStringLiteral("UD0000001")};
        QCOMPARE(save(d), QStringLiteral("Include list: \"UD0000001\" is not a customer id."));
        const QString stranger = QStringLiteral("7d1e5a4c-0000-4000-8000-00000000abcd");
        d.includeCustomerIds = {customer, stranger};
        QCOMPARE(save(d), QStringLiteral("Include list: there is no customer with the id %1; take it off the list.").arg(stranger));
        d.includeCustomerIds = {};
        d.excludeCustomerIds = {stranger};
        QCOMPARE(save(d), QStringLiteral("Exclude list: there is no customer with the id %1; take it off the list.").arg(stranger));
        d.excludeCustomerIds = {};
        d.ruleText = QStringLiteral("class = ");
        QCOMPARE(save(d), QStringLiteral("Position 9: expected a value after \"=\", such as \"residential\" or 500."));
        // Nothing of the failed saves was stored.
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segments")), 1);
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'segment'")), 1);
    }

    void cyclesAndUnknownNamesAreRejected_data() { Test::addBackendRows(); }
    void cyclesAndUnknownNamesAreRejected()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        const auto bob = SegmentsFixture::businessUser();
        // Before any segment exists, "segment" is not something a customer can have.
        QVERIFY(errorOf(Kind::BadInput, [&] {
                    f.segments().save(bob, definition(QStringLiteral("Farms"), QStringLiteral("has segment \"Night pumps\"")));
                }).startsWith(QLatin1String("Position 5: \"segment\" is not something a customer can have")));
        f.segments().save(bob, definition(QStringLiteral("Night pumps"), QStringLiteral("class = \"agricultural\"")));
        f.segments().save(bob, definition(QStringLiteral("Farms"), QStringLiteral("has segment \"Night pumps\" or household_size > 4")));
        QCOMPARE(errorOf(Kind::BadInput, [&] {
                     f.segments().save(bob, definition(QStringLiteral("Night pumps"), QStringLiteral("not has segment \"Farms\"")));
                 }),
                 QStringLiteral("The rule makes segments include themselves: Night pumps -> Farms -> Night pumps. Take one of "
                                "these references out."));
        QCOMPARE(errorOf(Kind::BadInput, [&] {
                     f.segments().save(bob, definition(QStringLiteral("farms"), QStringLiteral("has segment \"Farms\"")));
                 }),
                 QStringLiteral("The rule makes segments include themselves: Farms -> Farms. Take one of these references out."));
        QCOMPARE(errorOf(Kind::BadInput, [&] {
                     f.segments().save(bob, definition(QStringLiteral("Other"), QStringLiteral("class = \"residential\" or has segment \"Day pumps\"")));
                 }),
                 QStringLiteral("Position 38: \"Day pumps\" is not a known segment; use one of: \"Farms\", \"Night pumps\"."));
        QCOMPARE(f.segments().load(bob, QStringLiteral("Night pumps")).version, 1);
    }

    void referencesExpandToTheCurrentMembers_data() { Test::addBackendRows(); }
    void referencesExpandToTheCurrentMembers()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(150);
        const auto bob = SegmentsFixture::businessUser();
        const QSet<QString> homes = f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'residential'"));
        const QSet<QString> industry = f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'industrial'"));
        const QSet<QString> big = f.ids(QStringLiteral("SELECT id FROM customers WHERE household_size > 3"));
        QVERIFY(homes.size() > 20 && !industry.isEmpty() && !big.isEmpty());

        f.segments().save(bob, definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\"")));
        f.segments().save(bob, definition(QStringLiteral("Big homes"), QStringLiteral("has segment \"Homes\" and household_size > 3")));
        f.segments().save(bob, definition(QStringLiteral("Everyone else"), QStringLiteral("not has segment \"Big homes\"")));
        QCOMPARE(f.picked(QStringLiteral("has segment \"Homes\"")), homes);
        const QSet<QString> bigHomes = homes & big;
        QVERIFY(!bigHomes.isEmpty());
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big homes\"")), bigHomes);
        const QSet<QString> all = f.ids(QStringLiteral("SELECT id FROM customers"));
        QCOMPARE(f.picked(QStringLiteral("has segment \"Everyone else\"")), all - bigHomes);

        // The references follow the current definition of "Homes", lists included.
        const QString factory = *industry.begin();
        QStringList homeList(homes.begin(), homes.end());
        homeList.sort();
        SegmentDefinition homesAndFactory = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""));
        homesAndFactory.includeCustomerIds = {factory};
        homesAndFactory.excludeCustomerIds = {homeList.at(0)};
        f.segments().save(bob, homesAndFactory);
        QSet<QString> expected = homes;
        expected.insert(factory);
        expected.remove(homeList.at(0));
        QCOMPARE(f.picked(QStringLiteral("has segment \"Homes\"")), expected);
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big homes\"")), expected & big);

        // In memory, customer by customer, the same members.
        const QHash<QString, Segments::SegmentMembershipValues::Definition> definitions = f.segments().currentDefinitions(bob);
        QCOMPARE(definitions.size(), 3);
        const Rules::AttributeRegistry registry = f.segments().registry();
        const Rules::Rule everyoneElse = Rules::RuleParser::parse(QStringLiteral("has segment \"Everyone else\""), registry);
        Core::SqlQuery q(f.database.connection(), QStringLiteral("SELECT id, class, household_size FROM customers"));
        q.exec();
        QSet<QString> inMemory;
        QSet<QString> bigInMemory;
        while (q.next()) {
            const QString id = Accounts::SqlValues::id(q.value(0));
            const ProfileValues profile(q.value(1).toString(),
                                        q.value(2).isNull() ? std::nullopt : std::optional<qint64>(q.value(2).toLongLong()));
            const Segments::SegmentMembershipValues values(profile, id, definitions);
            if (Rules::RuleEvaluator::evaluate(everyoneElse, values) == Rules::Truth::True)
                inMemory.insert(id);
            if (values.items(QStringLiteral("segment"))->contains(QStringLiteral("Big homes")))
                bigInMemory.insert(id);
        }
        QCOMPARE(bigInMemory, expected & big);
        QCOMPARE(inMemory, f.picked(QStringLiteral("has segment \"Everyone else\"")));

        // The live count of the accounts module sees segments too.
        QCOMPARE(f.module.segmentCount().count(bob, QStringLiteral("has segment \"Big homes\"")), qint64((expected & big).size()));
    }

    void staticListsAndNamesThatLookLikeSql_data() { Test::addBackendRows(); }
    void staticListsAndNamesThatLookLikeSql()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(40);
        const auto bob = SegmentsFixture::businessUser();
        QStringList everyone(f.ids(QStringLiteral("SELECT id FROM customers")).values());
        everyone.sort();
        const QString odd = QStringLiteral("x\" or 1=1; -- '); DROP TABLE segments;");
        SegmentDefinition d = definition(odd, QStringLiteral("household_size > 1000"));
        d.includeCustomerIds = {everyone.at(3), everyone.at(1), everyone.at(3), everyone.at(2).toUpper()};
        d.excludeCustomerIds = {everyone.at(2)};
        const Segments::SaveResult saved = f.segments().save(bob, d);
        QCOMPARE(saved.saved.definition.includeCustomerIds, (QStringList{everyone.at(1), everyone.at(2), everyone.at(3)}));
        QCOMPARE(saved.saved.definition.excludeCustomerIds, QStringList{everyone.at(2)});
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segment_list_entries WHERE list = 'include'")), 3);
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segment_list_entries WHERE list = 'exclude'")), 1);
        const Segments::SegmentVersion loaded = f.segments().load(bob, odd);
        QCOMPARE(loaded.definition.includeCustomerIds, saved.saved.definition.includeCustomerIds);
        QCOMPARE(loaded.definition.excludeCustomerIds, saved.saved.definition.excludeCustomerIds);
        const QHash<QString, QString> numbers = f.segments().customerNumbersById(bob, loaded.definition.includeCustomerIds);
        QCOMPARE(numbers.size(), 3);
        QCOMPARE(f.segments().customerIdsByNumber(bob, {numbers.value(everyone.at(1)), QStringLiteral("UD9999999")}),
                 (QHash<QString, QString>{{numbers.value(everyone.at(1)), everyone.at(1)}}));

        // The name is a value wherever it goes: in the rule of another segment, and its members.
        const QString rule = QStringLiteral("has segment \"x\\\" or 1=1; -- '); DROP TABLE segments;\"");
        f.segments().save(bob, definition(QStringLiteral("Wrapper"), rule));
        QCOMPARE(f.picked(QStringLiteral("has segment \"Wrapper\"")), (QSet<QString>{everyone.at(1), everyone.at(3)}));
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segments")), 2);
    }

    void renameCarriesReferencesAndArchiveGuardsThem_data() { Test::addBackendRows(); }
    void renameCarriesReferencesAndArchiveGuardsThem()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(30);
        const auto bob = SegmentsFixture::businessUser();
        const auto homes = f.segments().save(bob, definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\"")));
        const auto wrapper = f.segments().save(bob, definition(QStringLiteral("Big homes"),
                                                             QStringLiteral("has segment \"Homes\" and household_size > 3")));
        f.segments().save(bob, definition(QStringLiteral("Shops"), QStringLiteral("class = \"commercial\"")));
        QCOMPARE(errorOf(Kind::Conflict, [&] { f.segments().rename(bob, QStringLiteral("Homes"), QStringLiteral("shops")); }),
                 QStringLiteral("Name: a segment called \"Shops\" already exists; choose another name."));
        const QSet<QString> before = f.picked(QStringLiteral("has segment \"Big homes\""));

        const Segments::Segment renamed = f.segments().rename(bob, QStringLiteral("homes"), QStringLiteral("Households"));
        QCOMPARE(renamed.name, QStringLiteral("Households"));
        QCOMPARE(renamed.currentVersion, 1);
        const Segments::SegmentVersion carried = f.segments().load(bob, QStringLiteral("Big homes"));
        QCOMPARE(carried.version, 2);
        QCOMPARE(carried.definition.ruleText, QStringLiteral("has segment \"Households\" and household_size > 3"));
        QCOMPARE(f.segments().load(bob, QStringLiteral("Big homes"), 1).definition.ruleText,
                 QStringLiteral("has segment \"Homes\" and household_size > 3"));
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big homes\"")), before);
        QCOMPARE(audit(f, homes.saved.segmentId).constLast().action, QStringLiteral("segment.rename"));
        QCOMPARE(audit(f, wrapper.saved.segmentId).constLast().after.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("rename of \"Homes\" to \"Households\""));

        QCOMPARE(errorOf(Kind::Conflict, [&] { f.segments().setArchived(bob, QStringLiteral("Households"), true); }),
                 QStringLiteral("The segment \"Households\" is part of the segments \"Big homes\"; take it out of their rules "
                                "before archiving it."));
        QVERIFY(f.segments().setArchived(bob, QStringLiteral("Shops"), true).archived);
        QCOMPARE(f.segments().list(bob).size(), 2);
        QCOMPARE(f.segments().list(bob, true).size(), 3);
        QCOMPARE(errorOf(Kind::Conflict, [&] {
                     f.segments().save(bob, definition(QStringLiteral("Shops"), QStringLiteral("class = \"industrial\"")));
                 }),
                 QStringLiteral("The segment \"Shops\" is archived; restore it before saving a new version, or choose another "
                                "name."));
        // An archived segment cannot be named in a rule.
        QVERIFY(errorOf(Kind::BadInput, [&] { f.picked(QStringLiteral("has segment \"Shops\"")); })
                    .startsWith(QLatin1String("Position 13: \"Shops\" is not a known segment")));
        QVERIFY(!f.segments().setArchived(bob, QStringLiteral("Shops"), false).archived);
        QCOMPARE(audit(f, f.segments().segment(bob, QStringLiteral("Shops")).id).constLast().action, QStringLiteral("segment.restore"));
    }
};

QTEST_GUILESS_MAIN(TestSegmentService)
#include "tst_segmentservice.moc"
