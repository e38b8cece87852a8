#pragma once

#include <core/databaseurl.h>
#include <core/usercontext.h>
#include <core/ui/pageregistry.h>

#include <QHash>
#include <QList>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QStackedWidget;

namespace Ud::Ui {
class JobIndicator;
class JobTracker;
} // namespace Ud::Ui

namespace Ud::App {

class LanguageManager;

/// The shell around the pages modules contribute. It owns no business logic: the sidebar
/// lists the registered pages the signed-in user may see (each created on first visit), the
/// View menu mirrors the sidebar with Ctrl+1..9, pages' own actions go in the File menu, and
/// the status bar shows the items modules contribute, background work, the database and the
/// user and role. Geometry, layout and the current page are restored.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const Ui::PageRegistry &pages, Ui::JobTracker &jobs, const Core::UserContext &user,
               const Core::DatabaseUrl &database, LanguageManager &languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Page ids in sidebar order (only those the user may see).
    QStringList pageIds() const;
    QString currentPageId() const;
    /// Shows the page, creating it on the first visit. False if the user cannot see it.
    bool showPage(const QString &id);
    /// The page's widget, or nullptr before its first visit.
    QWidget *pageWidget(const QString &id) const;

    QListWidget *sidebar() const { return m_sidebar; }
    /// The menu actions pages contributed, in menu order.
    QList<QAction *> pageMenuActions() const;
    /// A status-bar item a module contributed, or nullptr.
    QWidget *statusItem(const QString &id) const;
    QString databaseStatusText() const;
    QString userStatusText() const;

signals:
    void signOutRequested();
    /// The window was closed (Quit, the window's close button, or after sign-out).
    void closed();
    /// The user saved a new database and asked to restart now.
    void restartRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Entry {
        Ui::Page page;
        QListWidgetItem *item = nullptr;
        QAction *action = nullptr;
        QWidget *widget = nullptr;
        QList<QAction *> pageActions;   ///< the page's menu actions, in Page::actions order
    };

    void buildMenus();
    void buildStatusBar(const Ui::PageRegistry &pages, Ui::JobTracker &jobs);
    void retranslateUi();
    void restoreLayout();
    void saveLayout();
    void openSettings();
    void showAbout();
    QWidget *createPage(Entry &entry);
    Entry *entry(const QString &id);

    Core::UserContext m_user;
    Core::DatabaseUrl m_database;
    LanguageManager &m_languages;
    QList<Entry> m_entries;
    QString m_currentId;

    QDockWidget *m_sidebarDock;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    QLabel *m_noPages;

    QMenu *m_fileMenu;
    QMenu *m_viewMenu;
    QMenu *m_helpMenu;
    QAction *m_settingsAction;
    QAction *m_signOutAction;
    QAction *m_quitAction;
    QAction *m_aboutAction;
    QAction *m_aboutQtAction;
    QActionGroup *m_pageActions;

    Ui::JobIndicator *m_jobIndicator;
    QHash<QString, QWidget *> m_statusItems;
    QLabel *m_databaseLabel;
    QLabel *m_userLabel;
};

} // namespace Ud::App
