// The Saved segments page offscreen on both databases, over a demo town: the table shows the
// figures the service reports and the tables hold; Refresh now (several segments, one after
// another, as a job) updates the members and refreshed columns; the export writes the chosen
// group's members to the file named in the message bar (and no file when it fails); rename
// is checked as typed, archive offers Undo, a refused archive shows the service's sentence;
// the preview pages lazily and filters by group; a field officer sees their region only; a
// user without ManageSegments cannot refresh or change segments.

#include "segmentsfixture.h"

#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>
#include <core/ui/tableview.h>
#include <segments/ui/segmentlistmembersmodel.h>
#include <segments/ui/segmentlistmodel.h>
#include <segments/ui/segmentlistpage.h>
#include <segments/ui/segmentlistui.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ud;
using Segments::MemberGroup;
using Segments::SegmentListModel;
using Segments::SegmentListMembersModel;
using Segments::SegmentListPage;
using Test::definition;
using Test::SegmentsFixture;

namespace {

const QString Everyone = QStringLiteral("class = \"residential\" or not class = \"residential\"");

/// The page as the main window gets it: registered, then created from the registry.
struct Opened {
    Ui::PageRegistry registry;
    Ui::JobTracker jobs;
    QStringList opened; ///< what Open in builder was asked for
    std::unique_ptr<QWidget> widget;
    SegmentListPage *page = nullptr;
};

std::unique_ptr<Opened> open(SegmentsFixture &f, const Core::UserContext &user, bool withBuilder = true)
{
    auto o = std::make_unique<Opened>();
    if (withBuilder) {
        // What the builder registers (another part of this module); the page names its shortcut.
        Ui::Page builder;
        builder.id = QStringLiteral("segment_builder");
        builder.title = [] { return QStringLiteral("Segment builder"); };
        builder.permission = Core::Permission::ManageSegments;
        builder.shortcut = QKeySequence(Qt::CTRL | Qt::Key_G);
        builder.create = [](QWidget *parent) { return new QWidget(parent); };
        o->registry.add(builder);
    }
    Opened *raw = o.get();
    Segments::registerSegmentListPage(o->registry, f.segmentsModule, o->jobs, user,
                                      [raw](const QString &id) { raw->opened << id; });
    for (const Ui::Page &p : o->registry.pages()) {
        if (p.id == QLatin1String(Segments::SegmentListPageId)) {
            o->widget.reset(p.create(nullptr));
            o->page = qobject_cast<SegmentListPage *>(o->widget.get());
        }
    }
    // Shown, so that its shortcuts work as in the window.
    o->widget->show();
    QApplication::setActiveWindow(o->widget.get());
    return o;
}

/// Waits for the first load of the list.
bool loaded(SegmentListPage *page)
{
    return QTest::qWaitFor([page] { return page->loadState()->state() != Ui::LoadState::State::Loading; }, 10000);
}

int rowOf(SegmentListPage *page, const QString &name)
{
    for (int row = 0; row < page->proxy()->rowCount(); ++row) {
        if (page->proxy()->index(row, 0).data(SegmentListModel::NameRole).toString() == name)
            return row;
    }
    return -1;
}

QString cell(SegmentListPage *page, const QString &name, int column, int role = Qt::DisplayRole)
{
    const int row = rowOf(page, name);
    return row < 0 ? QStringLiteral("(no row %1)").arg(name) : page->proxy()->index(row, column).data(role).toString();
}

/// Makes the segment current and waits until its preview is settled.
void select(SegmentListPage *page, const QString &name)
{
    const int row = rowOf(page, name);
    QVERIFY2(row >= 0, qPrintable(name));
    page->view()->selectionModel()->setCurrentIndex(page->proxy()->index(row, 0),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(page->previewState()->state() != Ui::LoadState::State::Loading, 10000);
}

QString n(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

class TestSegmentListPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void registersTheSavedSegmentsPage_data() { Test::addBackendRows(); }
    void registersTheSavedSegmentsPage()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        Ui::PageRegistry pages;
        Ui::JobTracker jobs;
        Segments::registerSegmentListPage(pages, f.segmentsModule, jobs, SegmentsFixture::businessUser(), {});
        QCOMPARE(pages.pages().size(), 1);
        const Ui::Page page = pages.pages().constFirst();
        QCOMPARE(page.id, QStringLiteral("saved_segments"));
        QCOMPARE(page.title(), QStringLiteral("Saved segments"));
        QCOMPARE(page.permission, Core::Permission::ViewCustomers);
        QCOMPARE(page.shortcut, QKeySequence(Qt::CTRL | Qt::Key_M));
        QVERIFY(QFile::exists(page.icon) || page.icon.startsWith(QStringLiteral(":/icons/")));
        // Who may manage segments finds every action in the menu; an agent only the export.
        QCOMPARE(page.actions.size(), 6);
        QVERIFY(page.actions.constFirst().text().startsWith(QStringLiteral("&Refresh Segments Now\t")));
        Ui::PageRegistry agentPages;
        Segments::registerSegmentListPage(agentPages, f.segmentsModule, jobs, SegmentsFixture::agent(), {});
        QCOMPARE(agentPages.pages().constFirst().actions.size(), 1);
        QVERIFY(agentPages.pages().constFirst().actions.constFirst().text().startsWith(QStringLiteral("&Export Segment Members…")));
    }

    void listsSavedSegmentsWithTheServiceFigures_data() { Test::addBackendRows(); }
    void listsSavedSegmentsWithTheServiceFigures()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();

        // Nothing saved: the empty state says so and offers the builder by its shortcut.
        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        QCOMPARE(o->page->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(o->page->loadState()->text(),
                 QStringLiteral("No saved segments yet — build one in the segment builder (%1).")
                     .arg(QKeySequence(Qt::CTRL | Qt::Key_G).toString(QKeySequence::NativeText)));
        QTest::mouseClick(o->page->loadState()->actionButton(), Qt::LeftButton);
        QCOMPARE(o->opened, QStringList{QString()});

        auto homes = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""));
        homes.description = QStringLiteral("Every household");
        homes.controlPercent = 20;
        const QString homesId = f.segments().save(bob, homes).saved.segmentId;
        const QString shopsId = f.segments().save(bob, definition(QStringLiteral("Shops"), QStringLiteral("class = \"commercial\""))).saved.segmentId;
        f.segments().setRefreshInterval(bob, QStringLiteral("Shops"), 24);
        f.segments().refresh(bob, QStringLiteral("Homes"));
        f.clock.advance(3 * 3600);

        QSignalSpy listed(o->page, &SegmentListPage::listLoaded);
        o->page->reload();
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 10000);
        QCOMPARE(o->page->loadState()->state(), Ui::LoadState::State::Content);
        QCOMPARE(o->page->proxy()->rowCount(), 2);
        QCOMPARE(rowOf(o->page, QStringLiteral("Homes")), 0); // by name
        QCOMPARE(o->page->countLabel()->text(), QStringLiteral("2 segment(s), 1 selected"));

        const Segments::Segment h = f.segments().segment(bob, QStringLiteral("Homes"));
        const qint64 homesMembers = f.stored(homesId).size();
        const qint64 homesControl = f.stored(homesId, QStringLiteral("control")).size();
        QVERIFY(homesMembers > 20 && homesControl > 0 && homesControl < homesMembers);
        QCOMPARE(*h.memberCount, homesMembers);
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::NameColumn), QStringLiteral("Homes"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::DescriptionColumn), QStringLiteral("Every household"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::VersionColumn), QStringLiteral("1"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::MembersColumn), n(homesMembers));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::ControlColumn), n(homesControl));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::ControlPercentColumn), QStringLiteral("20%"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedColumn), QStringLiteral("3 hour(s) ago"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedColumn, Qt::ToolTipRole),
                 QLocale().toString(QDateTime::fromSecsSinceEpoch(*h.refreshedAt).toLocalTime(), QLocale::LongFormat));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedByColumn), QStringLiteral("bob"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::IntervalColumn), QStringLiteral("On demand"));
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::MembersColumn), QString());
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::RefreshedColumn), QStringLiteral("Never"));
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::IntervalColumn), QStringLiteral("Every 24 hour(s)"));
        QVERIFY(f.stored(shopsId).isEmpty());

        // The preview: the first members of Homes by customer number, as the service lists them.
        select(o->page, QStringLiteral("Homes"));
        QCOMPARE(o->page->previewState()->state(), Ui::LoadState::State::Content);
        const QList<Segments::SegmentMember> first = f.segments().members(bob, homesId, MemberGroup::All, 3);
        QCOMPARE(o->page->membersModel()->rowCount(), int(homesMembers));
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(o->page->membersModel()->index(row, SegmentListMembersModel::NumberColumn).data().toString(),
                     first.at(row).customerNumber);
            QCOMPARE(o->page->membersModel()->index(row, SegmentListMembersModel::NameColumn).data().toString(),
                     first.at(row).name);
        }
        QCOMPARE(o->page->membersModel()->index(0, SegmentListMembersModel::ClassColumn).data().toString(),
                 QStringLiteral("Residential"));
        QVERIFY2(o->page->previewTitle()->text().contains(n(homesMembers)), qPrintable(o->page->previewTitle()->text()));

        // The group filter shows the control group only.
        o->page->groupFilter()->setCurrentIndex(o->page->groupFilter()->findData(int(MemberGroup::Control)));
        QTRY_COMPARE_WITH_TIMEOUT(o->page->membersModel()->rowCount(), int(homesControl), 10000);
        for (int row = 0; row < o->page->membersModel()->rowCount(); ++row) {
            QCOMPARE(o->page->membersModel()->index(row, SegmentListMembersModel::GroupColumn).data().toString(),
                     QStringLiteral("Control"));
        }

        // A segment never refreshed says so instead of computing its members.
        select(o->page, QStringLiteral("Shops"));
        QCOMPARE(o->page->previewState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(o->page->previewState()->text(), QStringLiteral("“Shops” was never refreshed, so it has no stored members yet."));
        QVERIFY(f.stored(shopsId).isEmpty());

        // Enter opens the segment in the builder.
        o->page->view()->setFocus();
        QTest::keyClick(o->page->view(), Qt::Key_Return);
        QCOMPARE(o->opened.constLast(), shopsId);
    }

    void refreshNowUpdatesTheColumns_data() { Test::addBackendRows(); }
    void refreshNowUpdatesTheColumns()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();
        auto homes = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""));
        homes.controlPercent = 10;
        const QString homesId = f.segments().save(bob, homes).saved.segmentId;
        const QString shopsId = f.segments().save(bob, definition(QStringLiteral("Shops"), QStringLiteral("class = \"commercial\""))).saved.segmentId;
        f.segments().save(bob, definition(QStringLiteral("Large"), QStringLiteral("household_size >= 4")));
        f.segments().refresh(bob, QStringLiteral("Homes"));
        // Homes changes after its refresh: version 2 keeps only the larger households.
        homes.ruleText = QStringLiteral("class = \"residential\" and household_size >= 3");
        f.segments().save(bob, homes);
        f.clock.advance(2 * 86400);

        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedColumn), QStringLiteral("2 day(s) ago"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::MembersColumn, Qt::ToolTipRole),
                 QStringLiteral("Computed from version 1; refresh to use version 2"));
        const qint64 before = f.stored(homesId).size();

        // Homes and Shops selected: both refreshed, one after another, as one job.
        o->page->view()->selectionModel()->clearSelection();
        for (const QString &name : {QStringLiteral("Homes"), QStringLiteral("Shops")}) {
            o->page->view()->selectionModel()->select(o->page->proxy()->index(rowOf(o->page, name), 0),
                                                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QCOMPARE(o->page->selectedSegmentIds().size(), 2);
        QVERIFY(o->page->refreshAction()->isEnabled());
        QSignalSpy finished(o->page, &SegmentListPage::refreshFinished);
        QSignalSpy listed(o->page, &SegmentListPage::listLoaded);
        o->page->refreshAction()->trigger();
        QVERIFY(o->page->isRefreshing());
        QCOMPARE(o->jobs.jobs().size(), 1);
        QCOMPARE(o->jobs.jobs().constFirst().title, QStringLiteral("Refreshing 2 segment(s)"));
        QVERIFY(!o->page->refreshAction()->isEnabled()); // one refresh at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!o->jobs.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(listed.size() >= 1, 10000);
        QVERIFY2(!o->page->messageBar()->isVisible() || o->page->messageBar()->type() != Ui::MessageBar::Type::Error,
                 qPrintable(o->page->messageBar()->text()));

        const qint64 homesNow = f.stored(homesId).size();
        const qint64 shopsNow = f.stored(shopsId).size();
        QVERIFY(homesNow < before && shopsNow > 0);
        QCOMPARE(f.stored(homesId), f.picked(homes.ruleText));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::MembersColumn), n(homesNow));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::ControlColumn),
                 n(f.stored(homesId, QStringLiteral("control")).size()));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedColumn), QStringLiteral("just now"));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::MembersColumn, Qt::ToolTipRole),
                 QStringLiteral("At the last refresh, from version 2"));
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::MembersColumn), n(shopsNow));
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::RefreshedByColumn), QStringLiteral("bob"));
        // The preview of the current segment (Homes) shows the new members.
        QCOMPARE(o->page->currentSegmentId(), homesId);
        QTRY_COMPARE_WITH_TIMEOUT(o->page->membersModel()->rowCount(), int(homesNow), 10000);
        QCOMPARE(o->page->previewState()->state(), Ui::LoadState::State::Content);
        // Large was not selected and stays unrefreshed.
        QCOMPARE(cell(o->page, QStringLiteral("Large"), SegmentListModel::RefreshedColumn), QStringLiteral("Never"));
        QCOMPARE(o->page->countLabel()->text(), QStringLiteral("3 segment(s), 2 selected"));

        // Refresh due: Shops every hour (refreshed two hours ago) and Large every 6 hours (never
        // refreshed) are due; Homes is on demand only.
        f.segments().setRefreshInterval(bob, QStringLiteral("Shops"), 1);
        f.segments().setRefreshInterval(bob, QStringLiteral("Large"), 6);
        f.clock.advance(2 * 3600);
        o->page->refreshDueAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QCOMPARE(o->page->messageBar()->text(), QStringLiteral("2 segment(s) due were refreshed."));
        QTRY_COMPARE_WITH_TIMEOUT(cell(o->page, QStringLiteral("Large"), SegmentListModel::RefreshedColumn),
                                  QStringLiteral("just now"), 10000);
        QCOMPARE(cell(o->page, QStringLiteral("Large"), SegmentListModel::MembersColumn),
                 n(f.picked(QStringLiteral("household_size >= 4")).size()));
        QCOMPARE(cell(o->page, QStringLiteral("Homes"), SegmentListModel::RefreshedColumn), QStringLiteral("2 hour(s) ago"));
        o->page->refreshDueAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        QCOMPARE(o->page->messageBar()->text(),
                 QStringLiteral("No segment was due for a refresh: every refresh interval is still running."));
    }

    void cancelStopsBeforeTheNextSegment_data() { Test::addBackendRows(); }
    void cancelStopsBeforeTheNextSegment()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();
        const QStringList names{QStringLiteral("A everyone"), QStringLiteral("B everyone"), QStringLiteral("C everyone"),
                                QStringLiteral("D everyone")};
        for (const QString &name : names)
            f.segments().save(bob, definition(name, Everyone));
        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        o->page->view()->selectAll();
        QCOMPARE(o->page->selectedSegmentIds().size(), 4);
        QSignalSpy finished(o->page, &SegmentListPage::refreshFinished);
        QVERIFY(o->page->refreshSelected());
        // Cancel at once: the segment being refreshed (if any) completes, no other starts.
        o->page->cancelRefresh();
        QVERIFY(!o->page->cancelButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!o->jobs.isBusy());
        int refreshed = 0;
        for (const Segments::Segment &s : f.segments().list(bob))
            refreshed += s.refreshedAt ? 1 : 0;
        QVERIFY2(refreshed <= 1, qPrintable(QString::number(refreshed)));
        QCOMPARE(o->page->messageBar()->text(),
                 QStringLiteral("The refresh was cancelled after %1 of 4 segment(s); the segments refreshed keep their new "
                                "members.").arg(refreshed));
        QVERIFY(o->page->refreshAction()->isEnabled());
    }

    void exportWritesTheChosenGroup_data() { Test::addBackendRows(); }
    void exportWritesTheChosenGroup()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();
        auto homes = definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""));
        homes.controlPercent = 25;
        const QString homesId = f.segments().save(bob, homes).saved.segmentId;
        f.segments().refresh(bob, homesId);

        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        select(o->page, QStringLiteral("Homes"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("homes-control.csv"));
        QString suggested;
        o->page->setSaveFileChooser([&suggested, path](const QString &s) {
            suggested = s;
            return path;
        });
        QSignalSpy exported(o->page, &SegmentListPage::exportFinished);
        QVERIFY(o->page->exportAction()->isEnabled());
        o->page->exportGroupAction(MemberGroup::Control)->trigger();
        QVERIFY(suggested.endsWith(QStringLiteral("homes-control.csv")));
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 20000);

        const QList<Segments::SegmentMember> control = f.segments().members(bob, homesId, MemberGroup::Control, -1);
        QVERIFY(!control.isEmpty());
        QCOMPARE(exported.first().at(0).toString(), path);
        QCOMPARE(exported.first().at(1).toLongLong(), qint64(control.size()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), control.size() + 1);
        QCOMPARE(lines.constFirst(), QStringLiteral("customer_number,name,class,region,group"));
        for (int i = 0; i < control.size(); ++i) {
            QVERIFY2(lines.at(i + 1).startsWith(control.at(i).customerNumber + QLatin1Char(',')), qPrintable(lines.at(i + 1)));
            QVERIFY(lines.at(i + 1).endsWith(QStringLiteral(",control")));
        }
        QCOMPARE(o->page->messageBar()->type(), Ui::MessageBar::Type::Information);
        QCOMPARE(o->page->messageBar()->text(),
                 QStringLiteral("Exported %1 control group member(s) of “Homes” to %2").arg(control.size()).arg(QDir::toNativeSeparators(path)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("homes-control.csv")});

        // A folder that is not there: the message bar says why, and no file appears.
        const QString bad = dir.filePath(QStringLiteral("missing/all.csv"));
        QVERIFY(o->page->exportMembers(bad, MemberGroup::All));
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 2, 20000);
        QCOMPARE(exported.last().at(0).toString(), QString());
        QCOMPARE(o->page->messageBar()->type(), Ui::MessageBar::Type::Error);
        QVERIFY2(o->page->messageBar()->text().startsWith(QStringLiteral("“Homes” was not exported: Could not write the file %1")
                                                              .arg(QDir::toNativeSeparators(bad))),
                 qPrintable(o->page->messageBar()->text()));
        QVERIFY(!QFile::exists(bad));
    }

    void renameAndArchive_data() { Test::addBackendRows(); }
    void renameAndArchive()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(60);
        const auto bob = SegmentsFixture::businessUser();
        f.segments().save(bob, definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\"")));
        f.segments().save(bob, definition(QStringLiteral("Shops"), QStringLiteral("class = \"commercial\"")));
        f.segments().save(bob, definition(QStringLiteral("Big homes"), QStringLiteral("has segment \"Homes\" and household_size >= 4")));

        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        select(o->page, QStringLiteral("Homes"));
        QSignalSpy changed(o->page, &SegmentListPage::changeFinished);

        // Rename: F2 opens the field; what is wrong is said beside it.
        o->page->view()->setFocus();
        QTest::keyClick(o->page->view(), Qt::Key_F2);
        QVERIFY(o->page->renameRow()->isVisible());
        QVERIFY(o->page->renameEdit()->hasFocus());
        QCOMPARE(o->page->renameEdit()->text(), QStringLiteral("Homes"));
        o->page->renameEdit()->setText(QStringLiteral("   "));
        QVERIFY(!o->page->commitRename());
        QCOMPARE(o->page->renameMessage()->message(), QStringLiteral("Enter a name for the segment, 1 to 80 characters."));
        o->page->renameEdit()->setText(QStringLiteral("shops"));
        QVERIFY(!o->page->commitRename());
        QCOMPARE(o->page->renameMessage()->message(), QStringLiteral("A segment called “Shops” already exists; choose another name."));
        o->page->renameEdit()->setText(QString(81, QLatin1Char('x')));
        QVERIFY(!o->page->commitRename());
        QCOMPARE(o->page->renameMessage()->message(), QStringLiteral("The name has 81 characters; shorten it to at most 80."));
        o->page->renameEdit()->setText(QStringLiteral("Family homes"));
        QVERIFY(o->page->commitRename());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(o->page, QStringLiteral("Family homes")) >= 0, 10000);
        QCOMPARE(rowOf(o->page, QStringLiteral("Homes")), -1);
        QVERIFY(!o->page->renameRow()->isVisibleTo(o->page));
        QCOMPARE(f.segments().segment(bob, QStringLiteral("Family homes")).name, QStringLiteral("Family homes"));
        // The segment that refers to it follows, in a new version.
        QTRY_COMPARE_WITH_TIMEOUT(cell(o->page, QStringLiteral("Big homes"), SegmentListModel::VersionColumn), QStringLiteral("2"), 10000);
        QVERIFY(f.segments().load(bob, QStringLiteral("Big homes")).definition.ruleText.contains(QStringLiteral("\"Family homes\"")));

        // Archiving a segment another one uses: the service's refusal in the message bar.
        select(o->page, QStringLiteral("Family homes"));
        QCOMPARE(o->page->archiveAction()->text(), QStringLiteral("&Archive"));
        o->page->archiveAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 10000);
        QCOMPARE(o->page->messageBar()->type(), Ui::MessageBar::Type::Error);
        QCOMPARE(o->page->messageBar()->text(),
                 QStringLiteral("The segment was not archived: The segment \"Family homes\" is part of the segments \"Big homes\"; "
                                "take it out of their rules before archiving it."));
        QVERIFY(!f.segments().segment(bob, QStringLiteral("Family homes")).archived);

        // Archiving Shops: it leaves the list, with Undo; Show archived lists it, marked.
        select(o->page, QStringLiteral("Shops"));
        o->page->archiveAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(o->page, QStringLiteral("Shops")), -1, 10000);
        QVERIFY(f.segments().segment(bob, QStringLiteral("Shops")).archived);
        QCOMPARE(o->page->messageBar()->text(), QStringLiteral("“Shops” is archived; tick “Show archived” to see it."));
        QVERIFY(o->page->messageBar()->actionButton()->isVisibleTo(o->page->messageBar()));
        o->page->showArchivedBox()->setChecked(true);
        QVERIFY(rowOf(o->page, QStringLiteral("Shops")) >= 0);
        QCOMPARE(cell(o->page, QStringLiteral("Shops"), SegmentListModel::NameColumn), QStringLiteral("Shops (archived)"));
        select(o->page, QStringLiteral("Shops"));
        QCOMPARE(o->page->archiveAction()->text(), QStringLiteral("Re&store"));
        QVERIFY(!o->page->refreshAction()->isEnabled());
        QVERIFY(!o->page->openAction()->isEnabled());
        QTest::mouseClick(o->page->messageBar()->actionButton(), Qt::LeftButton); // Undo
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 4, 10000);
        QVERIFY(!f.segments().segment(bob, QStringLiteral("Shops")).archived);
        QTRY_COMPARE_WITH_TIMEOUT(cell(o->page, QStringLiteral("Shops"), SegmentListModel::NameColumn), QStringLiteral("Shops"), 10000);

        // The refresh interval, inline: every 12 hours, then on demand again.
        select(o->page, QStringLiteral("Shops"));
        o->page->intervalAction()->trigger();
        QVERIFY(o->page->intervalRow()->isVisibleTo(o->page));
        o->page->intervalMode()->setCurrentIndex(1);
        o->page->intervalHours()->setValue(12);
        QVERIFY(o->page->commitInterval());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 5, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(o->page, QStringLiteral("Shops"), SegmentListModel::IntervalColumn),
                                  QStringLiteral("Every 12 hour(s)"), 10000);
        QCOMPARE(f.segments().segment(bob, QStringLiteral("Shops")).refreshHours, std::optional<int>(12));
        o->page->intervalAction()->trigger();
        QCOMPARE(o->page->intervalMode()->currentIndex(), 1);
        QCOMPARE(o->page->intervalHours()->value(), 12);
        o->page->intervalMode()->setCurrentIndex(0);
        QVERIFY(!o->page->intervalHours()->isEnabled());
        QVERIFY(o->page->commitInterval());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 6, 10000);
        QCOMPARE(f.segments().segment(bob, QStringLiteral("Shops")).refreshHours, std::nullopt);
    }

    void previewPagesLazily_data() { Test::addBackendRows(); }
    void previewPagesLazily()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(260);
        const auto bob = SegmentsFixture::businessUser();
        const QString id = f.segments().save(bob, definition(QStringLiteral("Everyone"), Everyone)).saved.segmentId;
        f.segments().refresh(bob, id);
        const qint64 total = f.segments().memberCount(bob, id);
        QVERIFY(total > SegmentListMembersModel::PageSize);

        auto o = open(f, bob);
        QVERIFY(loaded(o->page));
        select(o->page, QStringLiteral("Everyone"));
        SegmentListMembersModel *members = o->page->membersModel();
        QCOMPARE(members->rowCount(), SegmentListMembersModel::PageSize);
        QCOMPARE(members->total(), total);
        QVERIFY(members->canFetchMore({}));
        members->fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(members->rowCount(), int(total), 10000);
        QVERIFY(!members->canFetchMore({}));
        const QList<Segments::SegmentMember> all = f.segments().members(bob, id, MemberGroup::All, -1);
        for (int row = 0; row < all.size(); ++row)
            QCOMPARE(members->index(row, SegmentListMembersModel::NumberColumn).data().toString(), all.at(row).customerNumber);
        QCOMPARE(o->page->previewTitle()->text(), QStringLiteral("Members of “Everyone”: %1, showing %1").arg(n(total)));
    }

    void fieldOfficerSeesTheirRegion_data() { Test::addBackendRows(); }
    void fieldOfficerSeesTheirRegion()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(200);
        const auto bob = SegmentsFixture::businessUser();
        auto d = definition(QStringLiteral("Everyone"), Everyone);
        d.controlPercent = 30;
        const QString id = f.segments().save(bob, d).saved.segmentId;
        f.segments().refresh(bob, id);
        Core::SqlQuery r(f.database.connection(), QStringLiteral(
            "SELECT region, COUNT(*) FROM premises WHERE region <> '' GROUP BY region ORDER BY COUNT(*) DESC"));
        r.exec();
        QVERIFY(r.next());
        const QString region = r.value(0).toString();
        const auto fiona = SegmentsFixture::fieldOfficer(region);
        const qint64 mine = f.segments().memberCount(fiona, id);
        const qint64 mineControl = f.segments().memberCount(fiona, id, MemberGroup::Control);
        const qint64 everyone = f.stored(id).size();
        QVERIFY(mine > 0 && mine < everyone);

        auto o = open(f, fiona);
        QVERIFY(loaded(o->page));
        QCOMPARE(cell(o->page, QStringLiteral("Everyone"), SegmentListModel::MembersColumn), n(mine));
        QCOMPARE(cell(o->page, QStringLiteral("Everyone"), SegmentListModel::ControlColumn), n(mineControl));
        select(o->page, QStringLiteral("Everyone"));
        QCOMPARE(o->page->membersModel()->total(), mine);
        QCOMPARE(o->page->membersModel()->rowCount(), int(mine));
        for (int row = 0; row < o->page->membersModel()->rowCount(); ++row) {
            QCOMPARE(o->page->membersModel()->index(row, SegmentListMembersModel::RegionColumn).data().toString(), region);
        }
        // A field officer reads segments but does not change them.
        QVERIFY(!o->page->refreshAction()->isEnabled());
        QVERIFY(o->page->exportAction()->isEnabled());
    }

    void userWithoutManageSegmentsCannotRefresh_data() { Test::addBackendRows(); }
    void userWithoutManageSegmentsCannotRefresh()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.demo(60);
        const auto bob = SegmentsFixture::businessUser();
        const QString id = f.segments().save(bob, definition(QStringLiteral("Homes"), QStringLiteral("class = \"residential\""))).saved.segmentId;

        auto o = open(f, SegmentsFixture::agent());
        QVERIFY(loaded(o->page));
        select(o->page, QStringLiteral("Homes"));
        const QString why = QStringLiteral("You may not manage customer segments; ask an administrator for a role that may.");
        for (QAction *action : {o->page->refreshAction(), o->page->refreshDueAction(), o->page->intervalAction(),
                                o->page->renameAction(), o->page->archiveAction(), o->page->openAction()}) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            QVERIFY2(action->toolTip().startsWith(why), qPrintable(action->toolTip()));
        }
        QVERIFY(o->page->exportAction()->isEnabled());
        QVERIFY(!o->page->refreshSelected());
        QVERIFY(!o->page->refreshDue());
        o->page->view()->setFocus();
        QTest::keyClick(o->page->view(), Qt::Key_F5);
        QTest::keyClick(o->page->view(), Qt::Key_Return);
        QVERIFY(o->opened.isEmpty());
        QVERIFY(!o->jobs.isBusy());
        QVERIFY(f.stored(id).isEmpty());
        QVERIFY(!f.segments().segment(bob, id).refreshedAt);
        // The preview does not compute members behind the user's back either.
        QCOMPARE(o->page->previewState()->text(), QStringLiteral("“Homes” was never refreshed, so it has no stored members yet."));
        QVERIFY(!o->page->previewState()->actionButton()->isVisibleTo(o->page->previewState()));
        // Nothing saved, for someone who cannot build: no builder offered.
        f.segments().setArchived(bob, id, true);
        o->page->reload();
        QTRY_COMPARE_WITH_TIMEOUT(o->page->loadState()->text(),
                                  QStringLiteral("Every saved segment is archived. Tick “Show archived” to see them."), 10000);
    }
};

QTEST_MAIN(TestSegmentListPage)
#include "tst_segmentlistpage.moc"
