// Materialised membership on both databases: a refresh stores exactly the members SegmentSql
// picks, with the version and the counts; the control/test split is stable across refreshes
// and versions, near the percent on 2,000 customers, and control and test together are the
// members; refreshDue refreshes what its interval says, and the scheduler does so off the
// calling thread; a field officer sees and exports only their region; the CSV export.

#include "segmentsfixture.h"

#include <accounts/customerrepository.h>
#include <segments/segmentrefreshscheduler.h>

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Ud;
using Segments::MemberGroup;
using Segments::SegmentDefinition;
using Test::definition;
using Test::errorOf;
using Test::SegmentsFixture;
using Kind = Core::Error::Kind;

namespace {

/// What SegmentSql picks for the definition, straight over the customers table.
QSet<QString> expectedMembers(SegmentsFixture &f, const SegmentDefinition &d)
{
    const Rules::AttributeRegistry registry = f.segments().registry();
    const Rules::SqlFragment where =
        Segments::SegmentSql(registry, f.database.dialect()).members(d, Rules::RuleParser::parse(d.ruleText, registry));
    Core::SqlQuery q(f.database.connection(), QStringLiteral("SELECT c.id FROM customers c%1 WHERE %2").arg(where.joinSql(), where.sql));
    where.bindTo(q);
    q.exec();
    QSet<QString> ids;
    while (q.next())
        ids.insert(Accounts::SqlValues::id(q.value(0)));
    return ids;
}

QString exportOf(SegmentsFixture &f, const Core::UserContext &user, const QString &segment, MemberGroup group,
                 qint64 *rows = nullptr)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const qint64 n = f.segments().exportCsv(user, segment, buffer, group);
    if (rows)
        *rows = n;
    return QString::fromUtf8(bytes);
}

const QString Everyone = QStringLiteral("class = \"residential\" or not class = \"residential\"");

} // namespace

class TestSegmentMembership : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void refreshStoresWhatSegmentSqlPicks_data() { Test::addBackendRows(); }
    void refreshStoresWhatSegmentSqlPicks()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();
        QStringList shops(f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'commercial'")).values());
        QStringList homes(f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'residential'")).values());
        shops.sort();
        homes.sort();
        QVERIFY(shops.size() > 2 && homes.size() > 20);
        SegmentDefinition d = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\" and household_size >= 2"));
        d.includeCustomerIds = {shops.at(0), shops.at(1)};
        d.excludeCustomerIds = {shops.at(1), homes.at(0)};
        d.controlPercent = 30;
        const Segments::SaveResult saved = f.segments().save(bob, d);
        const QString id = saved.saved.segmentId;
        QVERIFY(f.stored(id).isEmpty());

        f.clock.advance(3600);
        const Segments::RefreshResult r = f.segments().refresh(bob, QStringLiteral("homes"));
        const QSet<QString> expected = expectedMembers(f, saved.saved.definition);
        QVERIFY(expected.contains(shops.at(0)) && !expected.contains(shops.at(1)) && !expected.contains(homes.at(0)));
        QCOMPARE(f.stored(id), expected);
        QCOMPARE(r.members, qint64(expected.size()));
        QCOMPARE(r.version, 1);
        QCOMPARE(r.control, qint64(f.stored(id, QStringLiteral("control")).size()));
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segment_members WHERE version <> 1")), 0);

        const Segments::Segment s = f.segments().segment(bob, QStringLiteral("Homes"));
        QCOMPARE(s.refreshedAt, std::optional<qint64>(SegmentsFixture::Now + 3600));
        QCOMPARE(s.refreshedBy, QStringLiteral("bob"));
        QCOMPARE(s.refreshedVersion, std::optional<int>(1));
        QCOMPARE(s.memberCount, std::optional<qint64>(expected.size()));
        QCOMPARE(s.controlCount, std::optional<qint64>(r.control));
        QCOMPARE(f.segments().memberCount(bob, QStringLiteral("Homes"), MemberGroup::Test), r.members - r.control);
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'segment.refresh'")), 1);

        // A new version, refreshed: the members follow it and say so.
        d.ruleText = QStringLiteral("class = \"residential\"");
        const Segments::SaveResult v2 = f.segments().save(bob, d);
        f.segments().refresh(bob, QStringLiteral("Homes"));
        QCOMPARE(f.stored(id), expectedMembers(f, v2.saved.definition));
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM segment_members WHERE version <> 2")), 0);

        // Only those who manage segments refresh; archived segments are not refreshed.
        QVERIFY(errorOf(Kind::Denied, [&] { f.segments().refresh(SegmentsFixture::agent(), QStringLiteral("Homes")); }) != QLatin1String("no error"));
        f.segments().setArchived(bob, QStringLiteral("Homes"), true);
        QCOMPARE(errorOf(Kind::Conflict, [&] { f.segments().refresh(bob, QStringLiteral("Homes")); }),
                 QStringLiteral("The segment \"Homes\" is archived; restore it to refresh it."));
    }

    void controlSplitIsStableAndNearThePercent_data() { Test::addBackendRows(); }
    void controlSplitIsStableAndNearThePercent()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(2000);
        const auto bob = SegmentsFixture::businessUser();
        SegmentDefinition d = definition(QStringLiteral("All"), Everyone);
        d.controlPercent = 20;
        const QString id = f.segments().save(bob, d).saved.segmentId;
        f.segments().refresh(bob, id);
        const QSet<QString> members = f.stored(id);
        const QSet<QString> control = f.stored(id, QStringLiteral("control"));
        const QSet<QString> test = f.stored(id, QStringLiteral("test"));
        QCOMPARE(members.size(), 2000);
        QCOMPARE(control | test, members);
        QVERIFY(!control.intersects(test));
        // 400 expected; the binomial standard deviation is about 18: within four of them.
        QVERIFY2(control.size() > 400 - 72 && control.size() < 400 + 72, qPrintable(QString::number(control.size())));
        for (const QString &c : members)
            QCOMPARE(control.contains(c), Segments::SegmentService::inControl(id, c, 20));

        // Stable across refreshes, and across versions for the customers still in.
        f.clock.advance(86400);
        f.segments().refresh(bob, id);
        QCOMPARE(f.stored(id, QStringLiteral("control")), control);
        d.ruleText = QStringLiteral("class = \"residential\"");
        f.segments().save(bob, d);
        f.segments().refresh(bob, id);
        const QSet<QString> homes = f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'residential'"));
        QCOMPARE(f.stored(id), homes);
        QCOMPARE(f.stored(id, QStringLiteral("control")), control & homes);
        // A larger share only moves test members into control.
        d.controlPercent = 40;
        f.segments().save(bob, d);
        f.segments().refresh(bob, id);
        const QSet<QString> control40 = f.stored(id, QStringLiteral("control"));
        QVERIFY((control & homes).size() < control40.size());
        QVERIFY(control40.contains(control & homes));
        // None and everyone.
        d.controlPercent = 0;
        f.segments().save(bob, d);
        QCOMPARE(f.segments().refresh(bob, id).control, 0);
        QVERIFY(f.stored(id, QStringLiteral("control")).isEmpty());
        d.controlPercent = 100;
        f.segments().save(bob, d);
        QCOMPARE(f.segments().refresh(bob, id).control, qint64(homes.size()));
        QCOMPARE(f.stored(id, QStringLiteral("control")), homes);
    }

    void refreshDueHonoursIntervals_data() { Test::addBackendRows(); }
    void refreshDueHonoursIntervals()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(30);
        const auto bob = SegmentsFixture::businessUser();
        f.segments().save(bob, definition(QStringLiteral("Six"), QStringLiteral("class = \"residential\"")));
        f.segments().save(bob, definition(QStringLiteral("Day"), QStringLiteral("class = \"commercial\"")));
        f.segments().save(bob, definition(QStringLiteral("Manual"), QStringLiteral("class = \"industrial\"")));
        f.segments().save(bob, definition(QStringLiteral("Gone"), QStringLiteral("class = \"agricultural\"")));
        f.segments().setRefreshInterval(bob, QStringLiteral("Six"), 6);
        f.segments().setRefreshInterval(bob, QStringLiteral("Day"), 24);
        f.segments().setRefreshInterval(bob, QStringLiteral("Gone"), 1);
        f.segments().setArchived(bob, QStringLiteral("Gone"), true);
        QCOMPARE(errorOf(Kind::BadInput, [&] { f.segments().setRefreshInterval(bob, QStringLiteral("Six"), 0); }),
                 QStringLiteral("Refresh interval: 0 hours is not an interval; enter a whole number of hours from 1 to 8760, "
                                "or none for refreshing on demand only."));
        const auto names = [](const QList<Segments::RefreshResult> &results) {
            QStringList list;
            for (const auto &r : results)
                list << r.name + (r.error.isEmpty() ? QString() : QStringLiteral(" failed"));
            return list;
        };

        // Never refreshed: both scheduled ones are due; stopping after the first leaves the other.
        int calls = 0;
        QCOMPARE(names(f.segments().refreshDue(bob, {}, [&] { return calls++ > 0; })), QStringList{QStringLiteral("Day")});
        QList<std::pair<int, int>> progress;
        QCOMPARE(names(f.segments().refreshDue(bob, [&](int done, int total) { progress.append({done, total}); })),
                 QStringList{QStringLiteral("Six")});
        QCOMPARE(progress, (QList<std::pair<int, int>>{{1, 1}}));
        QVERIFY(f.segments().refreshDue(bob).isEmpty());
        f.clock.advance(6 * 3600);
        QCOMPARE(names(f.segments().refreshDue(bob)), QStringList{QStringLiteral("Six")});
        f.clock.advance(18 * 3600);
        // Longest overdue first: "Six" was due 12 hours ago, "Day" just now.
        QCOMPARE(names(f.segments().refreshDue(bob)), (QStringList{QStringLiteral("Six"), QStringLiteral("Day")}));
        QVERIFY(!f.segments().segment(bob, QStringLiteral("Manual")).refreshedAt);
        QVERIFY(!f.segments().segment(bob, QStringLiteral("Gone")).refreshedAt);
        QCOMPARE(f.segments().segment(bob, QStringLiteral("Six")).refreshedAt, std::optional<qint64>(SegmentsFixture::Now + 24 * 3600));
        QVERIFY(errorOf(Kind::Denied, [&] { f.segments().refreshDue(SegmentsFixture::agent()); }) != QLatin1String("no error"));

        // The scheduler runs the same off this thread and reports here.
        f.clock.advance(6 * 3600);
        Segments::SegmentRefreshScheduler scheduler(f.segments(), f.database, bob);
        QSignalSpy finished(&scheduler, &Segments::SegmentRefreshScheduler::finished);
        scheduler.start(std::chrono::hours(1));
        QVERIFY(scheduler.isActive());
        QVERIFY(finished.wait(20000));
        QCOMPARE(names(finished.front().front().value<QList<Segments::RefreshResult>>()), QStringList{QStringLiteral("Six")});
        QVERIFY(!scheduler.isRunning());
        scheduler.stop();
        QCOMPARE(f.segments().segment(bob, QStringLiteral("Six")).refreshedAt, std::optional<qint64>(SegmentsFixture::Now + 30 * 3600));
    }

    void fieldOfficerSeesOnlyTheirRegion_data() { Test::addBackendRows(); }
    void fieldOfficerSeesOnlyTheirRegion()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(150);
        const auto bob = SegmentsFixture::businessUser();
        Core::SqlQuery r(f.database.connection(), QStringLiteral(
            "SELECT region, COUNT(*) FROM premises WHERE region <> '' GROUP BY region ORDER BY COUNT(*) DESC"));
        r.exec();
        QVERIFY(r.next());
        const QString region = r.value(0).toString();
        f.segments().save(bob, definition(QStringLiteral("All"), Everyone));
        f.segments().refresh(bob, QStringLiteral("All"));
        const QSet<QString> inRegion = f.ids(QStringLiteral("SELECT c.id FROM customers c WHERE %1")
                                                 .arg(Accounts::CustomerRepository::regionCondition(QStringLiteral("c.id"),
                                                                                                    QStringLiteral("'%1'").arg(region))));
        QVERIFY(!inRegion.isEmpty() && inRegion.size() < 150);

        const auto fiona = SegmentsFixture::fieldOfficer(region);
        QSet<QString> seen;
        const QList<Segments::SegmentMember> rows = f.segments().members(fiona, QStringLiteral("All"), MemberGroup::All, -1);
        for (const auto &m : rows)
            seen.insert(m.customerId);
        QCOMPARE(seen, inRegion);
        QCOMPARE(f.segments().memberCount(fiona, QStringLiteral("All")), qint64(inRegion.size()));
        QCOMPARE(f.segments().list(fiona).front().memberCount, std::optional<qint64>(inRegion.size()));
        QCOMPARE(f.segments().list(bob).front().memberCount, std::optional<qint64>(150));
        qint64 exported = 0;
        const QString csv = exportOf(f, fiona, QStringLiteral("All"), MemberGroup::All, &exported);
        QCOMPARE(exported, qint64(inRegion.size()));
        QCOMPARE(csv.count(QStringLiteral("\r\n")), inRegion.size() + 1);

        const auto nowhere = SegmentsFixture::fieldOfficer(QString());
        QVERIFY(f.segments().members(nowhere, QStringLiteral("All"), MemberGroup::All, -1).isEmpty());
        QCOMPARE(exportOf(f, nowhere, QStringLiteral("All"), MemberGroup::All),
                 QStringLiteral("customer_number,name,class,region,group\r\n"));
    }

    void exportWritesRfc4180Csv_data() { Test::addBackendRows(); }
    void exportWritesRfc4180Csv()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(20);
        const auto bob = SegmentsFixture::businessUser();
        Core::SqlQuery first(f.database.connection(), QStringLiteral(
            "SELECT id, customer_number, class FROM customers ORDER BY customer_number LIMIT 1"));
        first.exec();
        QVERIFY(first.next());
        const QString id = Accounts::SqlValues::id(first.value(0));
        const QString number = first.value(1).toString();
        const QString klass = first.value(2).toString();
        Core::SqlQuery(f.database.connection(), QStringLiteral("UPDATE customers SET full_name = :n WHERE id = :id"))
            .bind(QStringLiteral(":n"), QStringLiteral("Smith, \"Jo\"\nZoë"))
            .bind(QStringLiteral(":id"), id)
            .exec();
        SegmentDefinition d = definition(QStringLiteral("Everyone"), Everyone);
        d.controlPercent = 50;
        f.segments().save(bob, d);

        // Never refreshed: the export refreshes first.
        qint64 rows = 0;
        const QString all = exportOf(f, bob, QStringLiteral("Everyone"), MemberGroup::All, &rows);
        QCOMPARE(rows, 20);
        QVERIFY(f.segments().segment(bob, QStringLiteral("Everyone")).refreshedAt);
        QVERIFY(!all.startsWith(QChar(0xFEFF)));
        const QStringList lines = all.split(QStringLiteral("\r\n"));
        QCOMPARE(lines.front(), QStringLiteral("customer_number,name,class,region,group"));
        QCOMPARE(lines.constLast(), QString());
        const Segments::SegmentMember member = f.segments().members(bob, QStringLiteral("Everyone"), MemberGroup::All, 1).front();
        QCOMPARE(member.customerNumber, number);
        QCOMPARE(lines.at(1), QStringLiteral("%1,\"Smith, \"\"Jo\"\"\nZoë\",%2,%3,%4")
                                  .arg(number, klass, member.region, Segments::memberGroupKey(member.group)));
        QCOMPARE(lines.size(), 22);

        qint64 control = 0;
        qint64 test = 0;
        const QString controlCsv = exportOf(f, bob, QStringLiteral("Everyone"), MemberGroup::Control, &control);
        exportOf(f, bob, QStringLiteral("Everyone"), MemberGroup::Test, &test);
        QCOMPARE(control + test, 20);
        QCOMPARE(control, f.segments().memberCount(bob, QStringLiteral("Everyone"), MemberGroup::Control));
        QCOMPARE(controlCsv.count(QStringLiteral(",test\r\n")), 0);
        QCOMPARE(controlCsv.count(QStringLiteral(",control\r\n")), control);
        QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'segment.export'")), 3);
    }
};

QTEST_GUILESS_MAIN(TestSegmentMembership)
#include "tst_segmentmembership.moc"
