// The main window as a user sees it: the sidebar lists exactly the pages their role may
// see, pages switch from the sidebar and the View menu, the status bar names the database,
// the user and the running work, the layout comes back on the next start, and the menus
// follow a language switch.

#include "guitestsupport.h"

#include <appcontext.h>
#include <languagemanager.h>
#include <mainwindow.h>
#include <session.h>

#include <core/ui/jobtracker.h>

#include <QAction>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTest>

using namespace Ud;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sidebarListsWhatTheRoleMaySee_data() { Test::addBackendRows(); }
    void sidebarListsWhatTheRoleMaySee();
    void switchingPages_data() { Test::addBackendRows(); }
    void switchingPages();
    void customerShortcutsDoNotCollideWithTheMenus_data() { Test::addBackendRows(); }
    void customerShortcutsDoNotCollideWithTheMenus();
    void statusBarNamesDatabaseAndUser_data() { Test::addBackendRows(); }
    void statusBarNamesDatabaseAndUser();
    void backgroundWorkShowsInStatusBar_data() { Test::addBackendRows(); }
    void backgroundWorkShowsInStatusBar();
    void layoutAndPageRestored_data() { Test::addBackendRows(); }
    void layoutAndPageRestored();
    void usableAt1024x768_data() { Test::addBackendRows(); }
    void usableAt1024x768();
    void languageSwitchRetranslates_data();
    void languageSwitchRetranslates();

private:
    /// An application context on the test database and a signed-in user of `role`.
    struct Fixture {
        explicit Fixture(Test::TestDatabase &t, Core::Role role, const QString &name = QStringLiteral("chief"))
            : services(t.db()), context(Core::DatabaseUrl::parse(t.url()))
        {
            context.open();
            user = services.addUser(name, role, QStringLiteral("a long password"));
        }
        Core::UserContext userContext() const { return Test::Services::contextOf(user); }

        Test::Services services;
        App::AppContext context;
        App::LanguageManager languages;
        Core::UserService::User user;
    };

    static QStringList sidebarTitles(const App::MainWindow &window)
    {
        QStringList titles;
        for (int i = 0; i < window.sidebar()->count(); ++i)
            titles << window.sidebar()->item(i)->text();
        return titles;
    }
    static QAction *viewAction(App::MainWindow &window, const QString &title)
    {
        const QList<QAction *> menus = window.menuBar()->actions();
        for (QAction *menu : menus) {
            if (!menu->menu())
                continue;
            const QList<QAction *> actions = menu->menu()->actions();
            for (QAction *action : actions) {
                if (action->text() == title && action->isCheckable())
                    return action;
            }
        }
        return nullptr;
    }
};

void TestMainWindow::initTestCase()
{
    Test::isolateSettings();
}

void TestMainWindow::init()
{
    Test::isolateSettings();
}

void TestMainWindow::cleanup()
{
    App::LanguageManager().apply(QStringLiteral("en"));
}

void TestMainWindow::sidebarListsWhatTheRoleMaySee()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    const auto agentUser = f.services.addUser(QStringLiteral("agent1"), Core::Role::Agent, QStringLiteral("a long password"));

    // What the modules registered, filtered by hand with the permission matrix.
    const auto expected = [](App::Session &session, Core::Role role) {
        QStringList ids;
        for (const Ui::Page &page : session.pages().pages()) {
            if (Core::roleHas(role, page.permission))
                ids << page.id;
        }
        return ids;
    };

    App::Session agent(f.context, f.languages, Test::Services::contextOf(agentUser));
    const QStringList agentIds = agent.window().pageIds();
    QCOMPARE(agentIds, expected(agent, Core::Role::Agent));
    QVERIFY(agentIds.contains(QStringLiteral("customers")));
    QVERIFY(!agentIds.contains(QStringLiteral("users")));
    QVERIFY(!agentIds.contains(QStringLiteral("audit")));
    QCOMPARE(agent.window().sidebar()->count(), agentIds.size());

    App::Session admin(f.context, f.languages, f.userContext());
    const QStringList adminIds = admin.window().pageIds();
    QCOMPARE(adminIds, expected(admin, Core::Role::Admin));
    QVERIFY(adminIds.contains(QStringLiteral("customers")));
    QVERIFY(adminIds.contains(QStringLiteral("users")));
    QVERIFY(adminIds.contains(QStringLiteral("audit")));
    // The sidebar shows the pages' own titles, most used first.
    QStringList titles;
    for (const Ui::Page &page : admin.pages().pages())
        titles << page.title();
    QCOMPARE(sidebarTitles(admin.window()), titles);
    QCOMPARE(titles.first(), QStringLiteral("Customers"));
}

// A customer action's shortcut works while a customer tab has focus; a menu action's works in
// the whole window. The same key on both is ambiguous to Qt, and then neither fires.
void TestMainWindow::customerShortcutsDoNotCollideWithTheMenus()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    App::Session session(f.context, f.languages, f.userContext());
    App::MainWindow &window = session.window();
    QList<QKeySequence> menuKeys;
    const QList<QAction *> menus = window.menuBar()->actions();
    for (QAction *menu : menus) {
        if (!menu->menu())
            continue;
        const QList<QAction *> actions = menu->menu()->actions();
        for (QAction *action : actions)
            menuKeys << action->shortcuts();
    }
    QVERIFY(menuKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_I)));   // File › Import files…
    QStringList customerKeys;
    for (const Ui::CustomerAction &action : session.pages().customerActions()) {
        if (action.shortcut.isEmpty())
            continue;
        QVERIFY2(!menuKeys.contains(action.shortcut),
                 qPrintable(action.text() + QLatin1Char(' ') + action.shortcut.toString()));
        QVERIFY2(!customerKeys.contains(action.shortcut.toString()), qPrintable(action.text()));
        customerKeys << action.shortcut.toString();
    }
    QVERIFY(customerKeys.size() >= 3);
}

void TestMainWindow::switchingPages()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    App::Session session(f.context, f.languages, f.userContext());
    App::MainWindow &window = session.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // First start: the first page; the others are created only when visited.
    QCOMPARE(window.currentPageId(), QStringLiteral("customers"));
    QVERIFY(window.pageWidget(QStringLiteral("customers")));
    QVERIFY(!window.pageWidget(QStringLiteral("users")));
    QVERIFY(!window.pageWidget(QStringLiteral("audit")));

    // From the sidebar.
    const int usersRow = int(window.pageIds().indexOf(QStringLiteral("users")));
    window.sidebar()->setCurrentRow(usersRow);
    QCOMPARE(window.currentPageId(), QStringLiteral("users"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QVERIFY(window.pageWidget(QStringLiteral("users")));
    QCOMPARE(stack->currentWidget(), window.pageWidget(QStringLiteral("users")));
    QCOMPARE(window.windowTitle(), QStringLiteral("Users"));

    // From the View menu, with its numbered shortcut.
    QAction *audit = viewAction(window, QStringLiteral("Audit log"));
    QVERIFY(audit);
    const int auditNumber = int(window.pageIds().indexOf(QStringLiteral("audit"))) + 1;
    QCOMPARE(audit->shortcut(), QKeySequence(Qt::CTRL | (Qt::Key_0 + auditNumber)));
    audit->trigger();
    QCOMPARE(window.currentPageId(), QStringLiteral("audit"));
    QCOMPARE(window.sidebar()->currentRow(), auditNumber - 1);
    QCOMPARE(stack->currentWidget(), window.pageWidget(QStringLiteral("audit")));

    // By keyboard: Ctrl+1 goes back to the first page.
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPageId(), window.pageIds().first());
    QVERIFY(viewAction(window, QStringLiteral("Customers"))->isChecked());
    // Visited pages are kept, not built again.
    QWidget *users = window.pageWidget(QStringLiteral("users"));
    window.showPage(QStringLiteral("users"));
    QCOMPARE(window.pageWidget(QStringLiteral("users")), users);
    // A page the role may not see cannot be shown.
    QVERIFY(!window.showPage(QStringLiteral("no-such-page")));
}

void TestMainWindow::statusBarNamesDatabaseAndUser()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    App::Session admin(f.context, f.languages, f.userContext());
    QCOMPARE(admin.window().userStatusText(), QStringLiteral("chief (Administrator)"));
    const QString display = f.context.database().url().toDisplayString();
    QVERIFY(admin.window().databaseStatusText().startsWith(QLatin1String("Database: ")));
    auto *databaseLabel = admin.window().findChild<QWidget *>(QStringLiteral("databaseStatus"));
    QCOMPARE(databaseLabel->toolTip(), display);

    const auto agentUser = f.services.addUser(QStringLiteral("agent1"), Core::Role::Agent, QStringLiteral("a long password"));
    App::Session agent(f.context, f.languages, Test::Services::contextOf(agentUser));
    QCOMPARE(agent.window().userStatusText(), QStringLiteral("agent1 (Agent)"));
}

void TestMainWindow::backgroundWorkShowsInStatusBar()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    App::Session session(f.context, f.languages, f.userContext());
    session.window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&session.window()));
    auto *indicator = session.window().findChild<Ui::JobIndicator *>();
    QVERIFY(indicator);
    QVERIFY(!indicator->isVisible());

    const int job = session.jobs().start(QStringLiteral("Importing meter data"));
    session.jobs().setProgress(job, 25, 100);
    // Quick jobs never flash: the indicator waits half a second.
    QVERIFY(!indicator->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(indicator->isVisible(), 2000);
    QCOMPARE(indicator->text(), QStringLiteral("Importing meter data"));
    QCOMPARE(indicator->maximum(), 100);
    QCOMPARE(indicator->value(), 25);
    session.jobs().setProgress(job, 80, 100);
    QCOMPARE(indicator->value(), 80);
    session.jobs().finish(job);
    QVERIFY(!indicator->isVisible());
}

void TestMainWindow::layoutAndPageRestored()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    {
        App::Session session(f.context, f.languages, f.userContext());
        session.window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&session.window()));
        session.window().resize(1100, 790);
        session.window().showPage(QStringLiteral("audit"));
        QTRY_COMPARE(session.window().size(), QSize(1100, 790));
        session.window().close();
    }
    App::Session again(f.context, f.languages, f.userContext());
    QCOMPARE(again.window().currentPageId(), QStringLiteral("audit"));
    QCOMPARE(again.window().size(), QSize(1100, 790));
    // A saved page the next user may not see falls back to their first page.
    const auto agentUser = f.services.addUser(QStringLiteral("agent1"), Core::Role::Agent, QStringLiteral("a long password"));
    App::Session agent(f.context, f.languages, Test::Services::contextOf(agentUser));
    QCOMPARE(agent.window().currentPageId(), QStringLiteral("customers"));
}

void TestMainWindow::usableAt1024x768()
{
    UD_TEST_DATABASE(t);
    Fixture f(t, Core::Role::Admin);
    App::Session session(f.context, f.languages, f.userContext());
    App::MainWindow &window = session.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const QString &id : window.pageIds()) {
        window.showPage(id);
        window.resize(1024, 768);
        QCoreApplication::processEvents();
        QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 768,
                 qPrintable(QStringLiteral("%1: %2x%3").arg(id).arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));
        QTRY_COMPARE(window.size(), QSize(1024, 768));
    }
}

void TestMainWindow::languageSwitchRetranslates_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("language");
    for (const char *backend : {"sqlite", "postgresql"}) {
        for (const char *language : {"es", "zh_CN"})
            QTest::addRow("%s-%s", backend, language) << QString::fromLatin1(backend) << QString::fromLatin1(language);
    }
}

void TestMainWindow::languageSwitchRetranslates()
{
    UD_TEST_DATABASE(t);
    QFETCH(QString, language);
    Fixture f(t, Core::Role::Admin);
    App::Session session(f.context, f.languages, f.userContext());
    App::MainWindow &window = session.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));

    QVERIFY2(f.languages.apply(language), "the translation must be compiled into the program");
    QCoreApplication::processEvents();
    const QString file = QCoreApplication::translate("Ud::App::MainWindow", "&File");
    const QString view = QCoreApplication::translate("Ud::App::MainWindow", "&View");
    const QString help = QCoreApplication::translate("Ud::App::MainWindow", "&Help");
    QVERIFY2(file != QLatin1String("&File"), "the File menu has no translation");
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.at(0)->text(), file);
    QCOMPARE(menus.at(1)->text(), view);
    QCOMPARE(menus.at(2)->text(), help);
    // The sidebar asks each page for its title again, and so does the status bar for the role.
    QStringList titles;
    for (const Ui::Page &page : session.pages().pages())
        titles << page.title();
    QCOMPARE(sidebarTitles(window), titles);
    QVERIFY(titles.first() != QLatin1String("Customers"));
    QVERIFY(Core::roleDisplayName(Core::Role::Admin) != QLatin1String("Administrator"));
    QCOMPARE(window.userStatusText(), QCoreApplication::translate("Ud::App::MainWindow", "%1 (%2)")
                                          .arg(QStringLiteral("chief"), Core::roleDisplayName(Core::Role::Admin)));

    // And back to English.
    QVERIFY(f.languages.apply(QStringLiteral("en")));
    QCoreApplication::processEvents();
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QCOMPARE(sidebarTitles(window).first(), QStringLiteral("Customers"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
