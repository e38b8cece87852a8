#include "mainwindow.h"

#include "languagemanager.h"
#include "settingsdialog.h"

#include <core/error.h>
#include <core/permissions.h>
#include <core/settings.h>
#include <core/version.h>
#include <core/ui/jobtracker.h>
#include <core/ui/messagebar.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Ud::App {

namespace {
constexpr int PageIdRole = Qt::UserRole + 1;
constexpr int MaxNumberedPages = 9;
} // namespace

MainWindow::MainWindow(const Ui::PageRegistry &pages, Ui::JobTracker &jobs, const Core::UserContext &user,
                       const Core::DatabaseUrl &database, LanguageManager &languages, QWidget *parent)
    : QMainWindow(parent), m_user(user), m_database(database), m_languages(languages)
{
    setObjectName(QStringLiteral("mainWindow"));
    for (const Ui::Page &page : pages.pages()) {
        if (m_user.can(page.permission))
            m_entries.append(Entry{page, nullptr, nullptr, nullptr, {}});
    }

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pages"));
    // Shown only if the role may see no page at all: says why instead of an empty window.
    m_noPages = new QLabel(m_stack);
    m_noPages->setAlignment(Qt::AlignCenter);
    m_noPages->setWordWrap(true);
    m_stack->addWidget(m_noPages);
    setCentralWidget(m_stack);

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setIconSize(QSize(style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this),
                                 style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this)));
    for (Entry &e : m_entries) {
        e.item = new QListWidgetItem(QIcon(e.page.icon), QString(), m_sidebar);
        e.item->setData(PageIdRole, e.page.id);
    }
    // A dock so its width is part of the saved window state; it can be neither closed nor
    // moved: the sidebar is always there.
    m_sidebarDock = new QDockWidget(this);
    m_sidebarDock->setObjectName(QStringLiteral("sidebarDock"));
    m_sidebarDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_sidebarDock->setTitleBarWidget(new QWidget(m_sidebarDock));
    m_sidebarDock->setWidget(m_sidebar);
    addDockWidget(Qt::LeftDockWidgetArea, m_sidebarDock);

    connect(m_sidebar, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current)
            showPage(current->data(PageIdRole).toString());
    });

    buildMenus();
    buildStatusBar(pages, jobs);
    retranslateUi();
    restoreLayout();
    setWindowIcon(QIcon(QStringLiteral(":/icons/utilitydesk.svg")));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    // Pages' own actions (Import files…) first, then Settings next to Sign Out and Quit.
    for (Entry &e : m_entries) {
        for (const Ui::PageAction &pageAction : std::as_const(e.page.actions)) {
            auto *action = m_fileMenu->addAction(QIcon(pageAction.icon), QString());
            action->setShortcut(pageAction.shortcut);
            const QString id = e.page.id;
            const auto trigger = pageAction.trigger;
            connect(action, &QAction::triggered, this, [this, id, trigger] {
                if (showPage(id) && trigger)
                    trigger(pageWidget(id));
            });
            e.pageActions << action;
        }
    }
    if (!m_fileMenu->isEmpty())
        m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), QString(), this,
                                             &MainWindow::openSettings);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_fileMenu->addSeparator();
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::signOutRequested);
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    if (m_quitAction->shortcut().isEmpty())
        m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(QString());
    m_pageActions = new QActionGroup(this);
    m_pageActions->setExclusive(true);
    int number = 1;
    for (Entry &e : m_entries) {
        e.action = m_viewMenu->addAction(QIcon(e.page.icon), QString());
        e.action->setCheckable(true);
        m_pageActions->addAction(e.action);
        QList<QKeySequence> shortcuts;
        if (number <= MaxNumberedPages)
            shortcuts << QKeySequence(Qt::CTRL | (Qt::Key_0 + number));
        if (!e.page.shortcut.isEmpty())
            shortcuts << e.page.shortcut;
        e.action->setShortcuts(shortcuts);
        const QString id = e.page.id;
        connect(e.action, &QAction::triggered, this, [this, id] { showPage(id); });
        ++number;
    }
    m_viewMenu->setEnabled(!m_entries.isEmpty());

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_aboutQtAction = m_helpMenu->addAction(QString(), qApp, &QApplication::aboutQt);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildStatusBar(const Ui::PageRegistry &pages, Ui::JobTracker &jobs)
{
    for (const Ui::StatusItem &item : pages.statusItems()) {
        if (!m_user.can(item.permission) || !item.create)
            continue;
        QWidget *widget = item.create(statusBar());
        m_statusItems.insert(item.id, widget);
        statusBar()->addPermanentWidget(widget);
    }
    m_jobIndicator = new Ui::JobIndicator(jobs, statusBar());
    m_databaseLabel = new QLabel(statusBar());
    m_databaseLabel->setObjectName(QStringLiteral("databaseStatus"));
    m_userLabel = new QLabel(statusBar());
    m_userLabel->setObjectName(QStringLiteral("userStatus"));
    // Some air between the permanent items, in text units.
    const int gap = fontMetrics().averageCharWidth() * 2;
    for (QLabel *label : {m_databaseLabel, m_userLabel})
        label->setContentsMargins(gap, 0, 0, 0);
    statusBar()->addPermanentWidget(m_jobIndicator);
    statusBar()->addPermanentWidget(m_databaseLabel);
    statusBar()->addPermanentWidget(m_userLabel);
}

QList<QAction *> MainWindow::pageMenuActions() const
{
    QList<QAction *> actions;
    for (const Entry &e : m_entries)
        actions << e.pageActions;
    return actions;
}

QWidget *MainWindow::statusItem(const QString &id) const
{
    return m_statusItems.value(id);
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (const Entry &e : m_entries)
        ids << e.page.id;
    return ids;
}

QString MainWindow::currentPageId() const
{
    return m_currentId;
}

QWidget *MainWindow::pageWidget(const QString &id) const
{
    for (const Entry &e : m_entries) {
        if (e.page.id == id)
            return e.widget;
    }
    return nullptr;
}

MainWindow::Entry *MainWindow::entry(const QString &id)
{
    for (Entry &e : m_entries) {
        if (e.page.id == id)
            return &e;
    }
    return nullptr;
}

QWidget *MainWindow::createPage(Entry &e)
{
    try {
        return e.page.create(m_stack);
    } catch (const Core::Error &error) {
        // A page that cannot load says so and offers to try again; the rest stays usable.
        auto *failed = new QWidget(m_stack);
        auto *bar = new Ui::MessageBar(failed);
        auto *layout = new QVBoxLayout(failed);
        layout->addWidget(bar);
        layout->addStretch(1);
        const QString id = e.page.id;
        bar->showMessage(Ui::MessageBar::Type::Error, tr("This page could not be opened: %1").arg(error.message()),
                         tr("Tr&y again"), [this, id] {
                             if (Entry *retry = entry(id)) {
                                 QWidget *old = retry->widget;
                                 retry->widget = nullptr;
                                 m_currentId.clear();
                                 showPage(id);
                                 m_stack->removeWidget(old);
                                 old->deleteLater();
                             }
                         });
        return failed;
    }
}

bool MainWindow::showPage(const QString &id)
{
    Entry *e = entry(id);
    if (!e)
        return false;
    if (id == m_currentId && e->widget)
        return true;
    if (!e->widget) {
        e->widget = createPage(*e);
        m_stack->addWidget(e->widget);
    }
    m_currentId = id;
    m_stack->setCurrentWidget(e->widget);
    {
        const QSignalBlocker block(m_sidebar);
        m_sidebar->setCurrentItem(e->item);
    }
    e->action->setChecked(true);
    setWindowTitle(e->page.title());
    Core::Settings().setCurrentPage(id);
    return true;
}

QString MainWindow::databaseStatusText() const
{
    return m_databaseLabel->text();
}

QString MainWindow::userStatusText() const
{
    return m_userLabel->text();
}

void MainWindow::restoreLayout()
{
    const Core::Settings settings;
    if (!restoreGeometry(settings.windowGeometry())) {
        // First start: most of the screen, never below the 1024x768 the layout is made for.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        resize(std::min(available.width(), std::max(1024, available.width() * 4 / 5)),
               std::min(available.height(), std::max(768, available.height() * 4 / 5)));
    }
    if (!restoreState(settings.windowState())) {
        // First start: the sidebar as narrow as its titles allow, the rest for the page.
        resizeDocks({m_sidebarDock}, {m_sidebar->minimumWidth()}, Qt::Horizontal);
    }
    const QString saved = settings.currentPage();
    if (m_entries.isEmpty()) {
        m_stack->setCurrentWidget(m_noPages);
        return;
    }
    if (saved.isEmpty() || !showPage(saved))
        showPage(m_entries.constFirst().page.id);
}

void MainWindow::saveLayout()
{
    Core::Settings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    if (!m_currentId.isEmpty())
        settings.setCurrentPage(m_currentId);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        emit closed();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_languages, SettingsDialog::Mode::Running, this);
    dialog.setCurrentDatabaseUrl(m_database.toString());
    dialog.setDatabaseEditable(m_user.can(Core::Permission::ChangeSettings));
    connect(&dialog, &SettingsDialog::restartRequested, this, [this, &dialog] {
        dialog.accept();
        emit restartRequested();
    });
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About UtilityDesk"),
                       tr("<p><b>UtilityDesk %1</b></p>"
                          "<p>Customer workspace for electricity, gas and water utilities.</p>"
                          "<p>Database: %2<br>Signed in as: %3 (%4)</p>")
                           .arg(Core::versionString(), m_database.toDisplayString().toHtmlEscaped(),
                                m_user.userName().toHtmlEscaped(), Core::roleDisplayName(m_user.role())));
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_settingsAction->setText(tr("&Settings…"));
    m_signOutAction->setText(tr("Sign &Out"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About UtilityDesk"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_sidebarDock->setWindowTitle(tr("Pages"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_noPages->setText(tr("No page is available to the role %1. Ask an administrator for another role.")
                           .arg(Core::roleDisplayName(m_user.role())));

    int widest = 0;
    for (Entry &e : m_entries) {
        const QString title = e.page.title();
        e.item->setText(title);
        e.item->setToolTip(tr("%1 (%2)").arg(title, e.action->shortcut().toString(QKeySequence::NativeText)));
        e.action->setText(title);
        for (int i = 0; i < e.pageActions.size(); ++i)
            e.pageActions.at(i)->setText(e.page.actions.at(i).text ? e.page.actions.at(i).text() : QString());
        widest = std::max(widest, m_sidebar->fontMetrics().horizontalAdvance(title));
    }
    // Titles grow by a third in Spanish: size the sidebar to its longest title.
    m_sidebar->setMinimumWidth(widest + m_sidebar->iconSize().width() + m_sidebar->fontMetrics().averageCharWidth() * 6);
    if (Entry *current = entry(m_currentId))
        setWindowTitle(current->page.title());

    const QString database = m_database.toDisplayString();
    m_databaseLabel->setText(tr("Database: %1")
                                 .arg(m_databaseLabel->fontMetrics().elidedText(
                                     database, Qt::ElideMiddle, m_databaseLabel->fontMetrics().averageCharWidth() * 48)));
    m_databaseLabel->setToolTip(database);
    m_userLabel->setText(tr("%1 (%2)").arg(m_user.userName(), Core::roleDisplayName(m_user.role())));
    m_userLabel->setToolTip(tr("Signed in as %1 with the role %2")
                                .arg(m_user.userName(), Core::roleDisplayName(m_user.role())));
}

} // namespace Ud::App
