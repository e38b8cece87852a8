// The Meter Sync page as a user sees it: an import from the page lists the imported and the
// rejected file with the right counts, reason and quarantine folder; an unknown meter's readings
// are assigned through the page and leave the queue; a late meter shows as late in words and
// "Late only" keeps it; the status bar follows the meter-sync worker; the main window gets the
// page, its File-menu action and its status item by permission; Settings checks drop folders.

#include "guitestsupport.h"

#include "../metering/meteringfixture.h"
#include "../metering/readingfiles.h"
#include "../metering/testformat.h"

#include <appcontext.h>
#include <languagemanager.h>
#include <mainwindow.h>
#include <session.h>
#include <settingsdialog.h>

#include <core/sqlquery.h>
#include <core/ui/jobtracker.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>
#include <metering/importfilesmodel.h>
#include <metering/importrunsmodel.h>
#include <metering/meterhealthmodel.h>
#include <metering/readingstore.h>
#include <metering/unknownmetersmodel.h>
#include <metering/ui/emptystate.h>
#include <metering/ui/importrunsview.h>
#include <metering/ui/meterhealthview.h>
#include <metering/ui/meteringuimodule.h>
#include <metering/ui/metersyncpage.h>
#include <metering/ui/metersyncstatus.h>
#include <metering/ui/unknownmetersview.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Ud;
using Metering::MeterSyncPage;
using Test::MeteringFixture;

namespace {
/// The page over a fixture, importing with the tiny test format.
struct PageFixture {
    explicit PageFixture(Core::Database &db)
        : f(db), log(db, f.clock),
          context{f.context, jobs, log, MeteringFixture::supervisor(),
                  [this] { return std::make_unique<Metering::MeterImporter>(f.context, Test::testFormats()); },
                  quarantine.path(), Metering::ImportLog::DefaultLateAfterSecs}
    {
    }
    QString file(const QString &name, const QByteArray &content) { return Test::writeFile(drop.filePath(name), content); }

    MeteringFixture f;
    Ui::JobTracker jobs;
    Metering::ImportLog log;
    QTemporaryDir drop;
    QTemporaryDir quarantine;
    Metering::MeterSyncPageContext context;
};

/// Background work of a page uses the fixture's services: let it end before they go (the
/// application's Session does the same).
struct PoolDrain {
    ~PoolDrain() { QThreadPool::globalInstance()->waitForDone(); }
};

bool waitForLoads(MeterSyncPage &page)
{
    return QTest::qWaitFor([&] { return !page.isLoading(); }, 10000);
}
} // namespace

class TestMeteringPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        Test::isolateSettings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    void init() { Test::isolateSettings(); }

    void importListsImportedAndRejected_data() { Test::addBackendRows(); }
    void importListsImportedAndRejected();
    void assignUnknownMeterThroughPage_data() { Test::addBackendRows(); }
    void assignUnknownMeterThroughPage();
    void healthShowsLateMeter_data() { Test::addBackendRows(); }
    void healthShowsLateMeter();
    void statusFollowsWorker_data() { Test::addBackendRows(); }
    void statusFollowsWorker();
    void mainWindowByPermission_data() { Test::addBackendRows(); }
    void mainWindowByPermission();
    void settingsCheckDropFolders();
};

void TestMeteringPages::importListsImportedAndRejected()
{
    UD_TEST_DATABASE(tdb);
    PageFixture p(tdb.db());
    PoolDrain drain;
    p.f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
    MeterSyncPage page(p.context);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(waitForLoads(page));

    // Nothing yet: the runs view says so and offers the import.
    Metering::ImportRunsView *runs = page.runsView();
    QVERIFY(runs->emptyState()->isVisible());
    QVERIFY(runs->emptyState()->text().startsWith(QLatin1String("Nothing has been imported yet.")));
    QCOMPARE(runs->emptyState()->actionButton()->text(), QStringLiteral("&Import files…"));

    const QString good = p.file(QStringLiteral("a-day.txt"), Test::readingsFile(QStringLiteral("M-1"), Test::utc(2024, 3, 10), 48));
    const QString bad = p.file(QStringLiteral("b-broken.txt"), Test::brokenFile());
    QSignalSpy finished(&page, &MeterSyncPage::importFinished);
    QVERIFY(page.importFiles({good, bad}));
    QVERIFY(page.isImporting());
    QVERIFY(!page.importButton()->isEnabled());
    QCOMPARE(p.jobs.jobs().size(), 1); // listed in the status bar's jobs
    QCOMPARE(p.jobs.jobs().constFirst().total, QFileInfo(good).size() + QFileInfo(bad).size());
    QVERIFY(finished.wait(20000));
    QVERIFY(!page.isImporting());
    QVERIFY(p.jobs.jobs().isEmpty());
    QVERIFY(page.importButton()->isEnabled());
    QVERIFY(!page.progressBar()->isVisible());
    const QString runId = finished.constFirst().constFirst().toString();

    // The new run is on top and selected, with the counts.
    QVERIFY(runs->splitter()->isVisible());
    Metering::ImportRunsModel *runsModel = runs->runsModel();
    QCOMPARE(runsModel->rowCount(), 1);
    QCOMPARE(runs->currentRunId(), runId);
    QCOMPARE(runsModel->index(0, Metering::ImportRunsModel::FilesColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(runsModel->index(0, Metering::ImportRunsModel::ReadingsColumn).data().toString(), QStringLiteral("48"));
    QCOMPARE(runsModel->index(0, Metering::ImportRunsModel::RejectedColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(runsModel->index(0, Metering::ImportRunsModel::StatusColumn).data().toString(),
             QStringLiteral("Finished, 1 rejected"));
    QCOMPARE(runsModel->index(0, Metering::ImportRunsModel::SourceColumn).data().toString(), QStringLiteral("Import files"));

    // Its files: the imported one with its readings, the rejected one with why and where it went.
    Metering::ImportFilesModel *files = runs->filesModel();
    QCOMPARE(files->rowCount(), 2);
    using F = Metering::ImportFilesModel;
    QCOMPARE(files->index(0, F::FileColumn).data().toString(), QStringLiteral("a-day.txt"));
    QCOMPARE(files->index(0, F::StatusColumn).data().toString(), QStringLiteral("Imported"));
    QCOMPARE(files->index(0, F::ReadingsColumn).data().toString(), QStringLiteral("48"));
    QCOMPARE(files->index(0, F::InsertedColumn).data().toString(), QStringLiteral("48"));
    QCOMPARE(files->index(1, F::FileColumn).data().toString(), QStringLiteral("b-broken.txt"));
    QCOMPARE(files->index(1, F::StatusColumn).data().toString(), QStringLiteral("Rejected"));
    QCOMPARE(files->index(1, F::MessageColumn).data().toString(), bad + QStringLiteral(", line 2: expected six fields"));
    const QString moved = QDir(p.quarantine.path()).filePath(QStringLiteral("b-broken.txt"));
    QCOMPARE(files->index(1, F::QuarantineColumn).data().toString(), QDir::toNativeSeparators(moved));
    QVERIFY(QFileInfo::exists(moved));
    QVERIFY(QFileInfo::exists(moved + QStringLiteral(".reason")));

    // The quarantine folder opens for the rejected file only.
    auto *open = runs->findChild<QPushButton *>(QStringLiteral("openQuarantine"));
    runs->filesTable()->selectRow(0);
    QVERIFY(!open->isEnabled());
    runs->filesTable()->selectRow(1);
    QVERIFY(open->isEnabled());
    QCOMPARE(runs->currentQuarantineFolder(), QFileInfo(moved).absolutePath());
    // The whole reason and where the file is, under the table (a long reason is cut in the cell).
    QCOMPARE(runs->fileDetail(), QStringLiteral("Rejected: %1, line 2: expected six fields The file was moved to %2, "
                                                "with the reason beside it in %2.reason.")
                                     .arg(bad, QDir::toNativeSeparators(moved)));
    runs->filesTable()->selectRow(0);
    QVERIFY(runs->fileDetail().startsWith(QDir::toNativeSeparators(good) + QStringLiteral(" was imported: 48 readings, 48 new")));

    // Rejections are announced inline, not in a pop-up.
    QVERIFY(page.messageBar()->isVisible());
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Warning);
    QVERIFY(page.messageBar()->text().startsWith(QLatin1String("1 of 2 files were rejected.")));

    // Ctrl+C copies the rows as tab-separated text.
    runs->filesTable()->setFocus();
    runs->filesTable()->selectAll();
    QTest::keyClick(runs->filesTable(), Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY(copied.contains(QLatin1String("a-day.txt\tImported\tUD test\t48")));
    QVERIFY(copied.contains(QLatin1String("b-broken.txt\tRejected")));
}

void TestMeteringPages::assignUnknownMeterThroughPage()
{
    UD_TEST_DATABASE(tdb);
    PageFixture p(tdb.db());
    PoolDrain drain;
    const auto meter = p.f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
    p.f.addMeter(QStringLiteral("EXP-1"), QStringLiteral("Europe/London"), 30, {Accounts::ChannelKind::Export});
    MeterSyncPage page(p.context);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(waitForLoads(page));
    Metering::UnknownMetersView *unknown = page.unknownMetersView();
    page.showTab(MeterSyncPage::UnknownMetersTab);
    QVERIFY(unknown->emptyState()->isVisible());
    QVERIFY(unknown->emptyState()->text().startsWith(QLatin1String("No unknown meters")));

    const QString stranger = p.file(QStringLiteral("stranger.txt"),
                                    Test::readingsFile(QStringLiteral("x-9"), Test::utc(2024, 3, 10), 48));
    QSignalSpy finished(&page, &MeterSyncPage::importFinished);
    page.importFiles({stranger});
    QVERIFY(finished.wait(20000));
    // The import says where the readings wait, with a way there.
    QVERIFY(page.messageBar()->text().startsWith(QLatin1String("48 readings are for meters the database does not know.")));
    page.messageBar()->actionButton()->click();
    QCOMPARE(page.tabs()->currentIndex(), int(MeterSyncPage::UnknownMetersTab));
    QVERIFY(waitForLoads(page));
    QTRY_COMPARE(unknown->model()->rowCount(), 1);
    QCOMPARE(page.tabs()->tabText(MeterSyncPage::UnknownMetersTab), QStringLiteral("U&nknown meters (1)"));
    QCOMPARE(unknown->model()->index(0, Metering::UnknownMetersModel::KeyColumn).data().toString(), QStringLiteral("X-9"));
    auto *serials = qobject_cast<QStringListModel *>(unknown->completer()->model());
    QCOMPARE(serials->stringList(), (QStringList{QStringLiteral("EXP-1"), QStringLiteral("M-1")}));

    // Enter on the row with no meter given goes to the meter field and says what to enter.
    unknown->table()->setFocus();
    QTest::keyClick(unknown->table(), Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), unknown->meterField());
    QCOMPARE(unknown->meterMessage(), QStringLiteral("Enter the serial of the meter these readings belong to."));
    // A serial the database does not know is refused inline.
    unknown->meterField()->setText(QStringLiteral("nope"));
    QVERIFY(!unknown->assignSelected());
    QCOMPARE(unknown->meterMessage(), QStringLiteral("There is no meter NOPE. Pick a serial from the list."));

    // A meter without the queued channel: the service refuses, the message bar says why, the row stays.
    unknown->meterField()->setText(QStringLiteral("exp-1"));
    QVERIFY(unknown->assignSelected());
    QTRY_VERIFY(!unknown->isAssigning());
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Error);
    QVERIFY(page.messageBar()->text().contains(QLatin1String("EXP-1")));
    QCOMPARE(unknown->model()->rowCount(), 1);

    // Enter on the row with the right meter assigns; the entry goes and the readings are stored.
    unknown->meterField()->setText(QStringLiteral("m-1"));
    unknown->table()->setFocus();
    QTest::keyClick(unknown->table(), Qt::Key_Return);
    QVERIFY(unknown->isAssigning());
    QTRY_VERIFY_WITH_TIMEOUT(!unknown->isAssigning() && !unknown->isLoading(), 10000);
    QCOMPARE(unknown->model()->rowCount(), 0);
    QVERIFY(unknown->emptyState()->isVisible());
    QCOMPARE(page.tabs()->tabText(MeterSyncPage::UnknownMetersTab), QStringLiteral("U&nknown meters"));
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Information);
    Metering::ReadingStore store(tdb.db());
    const auto days = store.dailyTotals(p.f.channelOf(meter), QDate(2024, 3, 10), QDate(2024, 3, 10));
    QCOMPARE(days.size(), 1);
    QCOMPARE(days.constFirst().presentCount, 48);
    QCOMPARE(days.constFirst().total, qint64(48 * 100 + 47 * 48 / 2));
    QCOMPARE(Core::SqlQuery(tdb.db().connection(), QStringLiteral("SELECT COUNT(*) FROM unknown_meter_readings"))
                 .scalar().toLongLong(), 0);
}

void TestMeteringPages::healthShowsLateMeter()
{
    UD_TEST_DATABASE(tdb);
    PageFixture p(tdb.db());
    PoolDrain drain;
    p.f.addMeter(QStringLiteral("LATE-1"), QStringLiteral("Europe/London"), 30);
    p.f.addMeter(QStringLiteral("FRESH-1"), QStringLiteral("Europe/London"), 30);
    Metering::MeterImporter importer(p.f.context, Test::testFormats());
    Metering::ImportOptions options;
    options.quarantineDir = p.quarantine.path();
    const auto summary = importer.importPaths(
        p.f.supervisor(),
        {p.file(QStringLiteral("march.txt"), Test::readingsFile(QStringLiteral("LATE-1"), Test::utc(2024, 3, 10), 48)),
         p.file(QStringLiteral("june.txt"), Test::readingsFile(QStringLiteral("FRESH-1"), Test::utc(2024, 6, 15), 24))},
        options);
    QCOMPARE(summary.rejected(), 0);

    MeterSyncPage page(p.context);
    page.resize(1000, 700);
    page.show();
    page.showTab(MeterSyncPage::HealthTab);
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(waitForLoads(page));
    Metering::MeterHealthView *health = page.healthView();
    QAbstractItemModel *view = health->table()->model();
    QCOMPARE(view->rowCount(), 2);
    using H = Metering::MeterHealthModel;
    // Late meters first, said in words (not only by colour).
    QCOMPARE(view->index(0, H::SerialColumn).data().toString(), QStringLiteral("LATE-1"));
    QCOMPARE(view->index(0, H::StateColumn).data().toString(), QStringLiteral("Late by 96 days"));
    QCOMPARE(view->index(1, H::SerialColumn).data().toString(), QStringLiteral("FRESH-1"));
    QCOMPARE(view->index(1, H::StateColumn).data().toString(), QStringLiteral("On time"));
    QCOMPARE(view->index(0, H::ReadingsColumn).data().toString(), QStringLiteral("48"));
    QCOMPARE(view->index(0, H::EstimatedColumn).data().toString(), QStringLiteral("0.0%"));
    QVERIFY(health->table()->horizontalHeader()->isSortIndicatorShown());
    QCOMPARE(page.tabs()->tabText(MeterSyncPage::HealthTab), QStringLiteral("Meter &health (1 late)"));
    QCOMPARE(health->countText(), QStringLiteral("2 meter channels · 1 late"));

    // Late only.
    health->lateOnlyBox()->setChecked(true);
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, H::SerialColumn).data().toString(), QStringLiteral("LATE-1"));
    QCOMPARE(health->countText(), QStringLiteral("Showing 1 of 2 meter channels · 1 late"));
    health->lateOnlyBox()->setChecked(false);

    // Click to sort by serial.
    QTest::mouseClick(health->table()->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(health->table()->horizontalHeader()->sectionViewportPosition(H::SerialColumn) + 5, 5));
    const Qt::SortOrder order = health->table()->horizontalHeader()->sortIndicatorOrder();
    QCOMPARE(view->index(0, H::SerialColumn).data().toString(),
             order == Qt::AscendingOrder ? QStringLiteral("FRESH-1") : QStringLiteral("LATE-1"));

    // Once FRESH-1 is three days behind too, nothing is on time.
    p.f.clock.advance(3 * 24 * 3600);
    page.reload();
    QVERIFY(waitForLoads(page));
    health->lateOnlyBox()->setChecked(true);
    QCOMPARE(view->rowCount(), 2);
}

void TestMeteringPages::statusFollowsWorker()
{
    UD_TEST_DATABASE(tdb);
    MeteringFixture f(tdb.db());
    f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
    Metering::ImportLog log(tdb.db(), f.clock);
    PoolDrain drain;
    QTemporaryDir drop;
    QTemporaryDir otherDrop;
    Metering::MeterSyncConfig config;
    config.watchDirs = {drop.path(), otherDrop.path()};
    config.pollSeconds = 3600; // scans only when the test says
    Metering::MeterSyncWorker worker(f.context, f.supervisor(), config, Test::testFormats());

    Metering::MeterSyncStatus off(log, tdb.db(), f.clock, f.supervisor(), 0);
    QCOMPARE(off.text(), QStringLiteral("Meter sync: off"));
    QVERIFY(off.detail().contains(QLatin1String("Settings")));

    Metering::MeterSyncStatus status(log, tdb.db(), f.clock, f.supervisor(), 2);
    status.attach(&worker);
    QTRY_COMPARE(status.text(), QStringLiteral("Meter sync: stopped · 0 imported today"));

    worker.start(); // scans the empty folder at once
    const QString scanTime = QLocale().toString(QDateTime::fromSecsSinceEpoch(f.clock.nowSecs()).toLocalTime().time(),
                                                QLocale::ShortFormat);
    QTRY_COMPARE(status.text(), QStringLiteral("Meter sync: watching 2 folders · last scan %1 · 0 imported today").arg(scanTime));

    // A file arrives (settled: written a minute ago) and is imported.
    const QString path = Test::writeFile(QDir(drop.path()).filePath(QStringLiteral("day.txt")),
                                         Test::readingsFile(QStringLiteral("M-1"), Test::utc(2024, 3, 10), 48));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60), QFileDevice::FileModificationTime));
    file.close();
    worker.scanNow();
    QTRY_VERIFY(status.text().startsWith(
        QStringLiteral("Meter sync: watching 2 folders · last scan %1 · 1 imported today").arg(scanTime)));

    // What the worker reports while it reads a file.
    Metering::MeterSyncState importing = worker.state();
    importing.phase = Metering::MeterSyncState::Phase::Importing;
    importing.currentFile = QDir(drop.path()).filePath(QStringLiteral("big.csv"));
    importing.currentDone = 450;
    importing.currentTotal = 1000;
    emit worker.stateChanged(importing);
    QTRY_VERIFY(status.text().startsWith(QLatin1String("Meter sync: importing big.csv 45%")));
    emit worker.progress(importing.currentFile, 900, 1000);
    QTRY_VERIFY(status.text().startsWith(QLatin1String("Meter sync: importing big.csv 90%")));

    worker.stop();
    QTRY_VERIFY(status.text().startsWith(QLatin1String("Meter sync: stopped")));
}

void TestMeteringPages::mainWindowByPermission()
{
    UD_TEST_DATABASE(tdb);
    Test::Services services(tdb.db());
    App::AppContext app(Core::DatabaseUrl::parse(tdb.url()));
    app.open();
    App::LanguageManager languages;
    QTemporaryDir drop;
    Core::Settings().setMeterSyncWatchDirs({drop.path()});
    const auto chief = services.addUser(QStringLiteral("chief"), Core::Role::Supervisor, QStringLiteral("a long password"));
    const auto agent = services.addUser(QStringLiteral("agent1"), Core::Role::Agent, QStringLiteral("a long password"));

    // Other pages have menu actions too (Find Customer): pick this one by its shortcut.
    const auto importAction = [](App::MainWindow &window) -> QAction * {
        const QList<QAction *> actions = window.pageMenuActions();
        for (QAction *action : actions) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I))
                return action;
        }
        return nullptr;
    };
    {
        App::Session session(app, languages, Test::Services::contextOf(chief));
        App::MainWindow &window = session.window();
        QVERIFY(window.pageIds().contains(QLatin1String(Metering::MeteringUiModule::PageId)));
        QAction *import = importAction(window);
        QVERIFY(import);
        QCOMPARE(import->text(), QStringLiteral("&Import Meter Files…"));
        QCOMPARE(import->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
        // In the File menu, with Settings.
        QMenu *file = window.menuBar()->actions().constFirst()->menu();
        QVERIFY(file->actions().contains(import));
        // The worker runs on its own thread while the supervisor is signed in; the status bar says so.
        QVERIFY(session.meterSync());
        QVERIFY(session.meterSync()->isRunning());
        auto *status = qobject_cast<Metering::MeterSyncStatus *>(
            window.statusItem(QLatin1String(Metering::MeteringUiModule::StatusItemId)));
        QVERIFY(status);
        QTRY_VERIFY(status->text().startsWith(QLatin1String("Meter sync: watching 1 folder")));
        QVERIFY(status->toolTip().contains(QLatin1String("imported as they arrive")));
        session.meterSync()->stop();
        QVERIFY(!session.meterSync()->isRunning());
        QTRY_VERIFY(status->text().startsWith(QLatin1String("Meter sync: stopped")));
    }
    {
        // An agent may not import: no page, no action, no status item, no worker.
        App::Session session(app, languages, Test::Services::contextOf(agent));
        QVERIFY(!session.window().pageIds().contains(QLatin1String(Metering::MeteringUiModule::PageId)));
        QVERIFY(!importAction(session.window()));
        QVERIFY(!session.window().statusItem(QLatin1String(Metering::MeteringUiModule::StatusItemId)));
        QVERIFY(!session.meterSync());
    }
}

void TestMeteringPages::settingsCheckDropFolders()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTemporaryDir dir;
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("newWatchFolder"));
    const QString missing = dir.filePath(QStringLiteral("not-there"));
    QVERIFY(!dialog.addWatchFolder(missing));
    QCOMPARE(field->accessibleDescription(),
             QStringLiteral("The folder %1 does not exist. Create it first, or choose another.")
                 .arg(QDir::toNativeSeparators(missing)));
    QCOMPARE(QApplication::focusWidget(), field);
    const QString aFile = Test::writeFile(dir.filePath(QStringLiteral("a-file")), "x");
    QVERIFY(!dialog.addWatchFolder(aFile));
    QVERIFY(field->accessibleDescription().contains(QLatin1String("is a file, not a folder")));

    QVERIFY(dialog.addWatchFolder(dir.path()));
    QVERIFY(field->accessibleDescription().isEmpty());
    QVERIFY(!dialog.addWatchFolder(dir.path())); // once is enough
    QCOMPARE(dialog.watchFolders(), QStringList{QDir::cleanPath(dir.path())});
    dialog.findChild<QSpinBox *>(QStringLiteral("meterSyncPollSeconds"))->setValue(30);
    QVERIFY(dialog.save());
    QCOMPARE(Core::Settings().meterSyncWatchDirs(), QStringList{QDir::cleanPath(dir.path())});
    QCOMPARE(Core::Settings().meterSyncPollSeconds(), 30);

    // A folder that has gone since is named on save, which stores nothing.
    QTemporaryDir gone;
    const QString gonePath = QDir::cleanPath(gone.path());
    QVERIFY(dialog.addWatchFolder(gonePath));
    gone.remove();
    QVERIFY(!dialog.save());
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("watchFolders"));
    QCOMPARE(QApplication::focusWidget(), list);
    QVERIFY(list->accessibleDescription().contains(QDir::toNativeSeparators(gonePath)));
    QCOMPARE(Core::Settings().meterSyncWatchDirs(), QStringList{QDir::cleanPath(dir.path())});
    dialog.removeSelectedWatchFolder();
    QVERIFY(dialog.save());

    // A folder saved earlier that has gone (an unmounted share) is named, but saving goes on.
    dir.remove();
    App::SettingsDialog again(languages, App::SettingsDialog::Mode::Running);
    QVERIFY(again.save());
    QVERIFY(again.findChild<QListWidget *>(QStringLiteral("watchFolders"))->accessibleDescription().contains(
        QStringLiteral("does not exist")));
    // Leave no drop folders behind for the tests that follow.
    Core::Settings().setMeterSyncWatchDirs({});
}

QTEST_MAIN(TestMeteringPages)
#include "tst_meteringpages.moc"
