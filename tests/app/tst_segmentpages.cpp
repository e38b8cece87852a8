// The segment pages as the application builds them: the builder and the saved segments list
// in the sidebar of a user who manages segments, and "Open in builder" on the list bringing
// the builder up with that segment loaded.

#include "guitestsupport.h"

#include <appcontext.h>
#include <languagemanager.h>
#include <mainwindow.h>
#include <session.h>

#include <segments/segmentservice.h>
#include <segments/segmentsmodule.h>
#include <segments/ui/segmentbuilderpage.h>
#include <segments/ui/segmentlistpage.h>
#include <segments/ui/segmentstorebar.h>
#include <core/ui/loadstate.h>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Ud;

class TestSegmentPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::isolateSettings(); }

    void openInBuilderShowsTheSavedSegment_data() { Test::addBackendRows(); }
    void openInBuilderShowsTheSavedSegment()
    {
        UD_TEST_DATABASE(t);
        Test::Services services(t.db());
        App::AppContext context(Core::DatabaseUrl::parse(t.url()));
        context.open();
        const auto bob = Test::Services::contextOf(
            services.addUser(QStringLiteral("bob"), Core::Role::BusinessUser, QStringLiteral("a long password")));
        auto *segments = context.module<Segments::SegmentsModule>();
        QVERIFY(segments);
        Segments::SegmentDefinition homes;
        homes.name = QStringLiteral("Homes");
        homes.ruleText = QStringLiteral("class = \"residential\"");
        const Segments::SaveResult saved = segments->segments().save(bob, homes);

        App::LanguageManager languages;
        App::Session session(context, languages, bob);
        App::MainWindow &window = session.window();
        QVERIFY(window.pageIds().contains(QStringLiteral("segment_builder")));
        QVERIFY(window.pageIds().contains(QStringLiteral("saved_segments")));

        QVERIFY(window.showPage(QStringLiteral("saved_segments")));
        auto *list = qobject_cast<Segments::SegmentListPage *>(window.pageWidget(QStringLiteral("saved_segments")));
        QVERIFY(list);
        QTRY_VERIFY(list->selectSegment(saved.saved.segmentId));
        list->openCurrentInBuilder();

        QCOMPARE(window.currentPageId(), QStringLiteral("segment_builder"));
        auto *builder = qobject_cast<Segments::SegmentBuilderPage *>(window.pageWidget(QStringLiteral("segment_builder")));
        QVERIFY(builder);
        QTRY_COMPARE(builder->storeBar()->nameEdit()->text(), QStringLiteral("Homes"));
        QTRY_COMPARE(builder->ruleText(), QStringLiteral("class = \"residential\""));
    }

    void emptyListStartsANewSegmentInTheBuilder_data() { Test::addBackendRows(); }
    void emptyListStartsANewSegmentInTheBuilder()
    {
        UD_TEST_DATABASE(t);
        Test::Services services(t.db());
        App::AppContext context(Core::DatabaseUrl::parse(t.url()));
        context.open();
        const auto bob = Test::Services::contextOf(
            services.addUser(QStringLiteral("bob"), Core::Role::BusinessUser, QStringLiteral("a long password")));
        App::LanguageManager languages;
        App::Session session(context, languages, bob);
        App::MainWindow &window = session.window();

        // Something left in the builder from before.
        QVERIFY(window.showPage(QStringLiteral("segment_builder")));
        auto *builder = qobject_cast<Segments::SegmentBuilderPage *>(window.pageWidget(QStringLiteral("segment_builder")));
        QVERIFY(builder);
        builder->storeBar()->nameEdit()->setText(QStringLiteral("Half-built"));
        builder->setRuleText(QStringLiteral("class = \"commercial\""));

        // No saved segments: the list's empty state offers the builder, which starts afresh.
        QVERIFY(window.showPage(QStringLiteral("saved_segments")));
        auto *list = qobject_cast<Segments::SegmentListPage *>(window.pageWidget(QStringLiteral("saved_segments")));
        QVERIFY(list);
        QTRY_COMPARE(list->loadState()->state(), Ui::LoadState::State::Empty);
        QVERIFY(!list->loadState()->actionButton()->isHidden());
        list->loadState()->actionButton()->click();
        QCOMPARE(window.currentPageId(), QStringLiteral("segment_builder"));
        QCOMPARE(builder->storeBar()->nameEdit()->text(), QString());
        QCOMPARE(builder->ruleText(), QString());
    }

    void agentsSeeTheListButNotTheBuilder_data() { Test::addBackendRows(); }
    void agentsSeeTheListButNotTheBuilder()
    {
        UD_TEST_DATABASE(t);
        Test::Services services(t.db());
        App::AppContext context(Core::DatabaseUrl::parse(t.url()));
        context.open();
        const auto agent = Test::Services::contextOf(
            services.addUser(QStringLiteral("agent1"), Core::Role::Agent, QStringLiteral("a long password")));
        App::LanguageManager languages;
        App::Session session(context, languages, agent);
        // An agent may view customers (the saved list) but not build segments.
        QVERIFY(!session.window().pageIds().contains(QStringLiteral("segment_builder")));
        QVERIFY(session.window().pageIds().contains(QStringLiteral("saved_segments")));
    }
};

QTEST_MAIN(TestSegmentPages)
#include "tst_segmentpages.moc"
