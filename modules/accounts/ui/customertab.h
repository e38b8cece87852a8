#pragma once

#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>
#include <core/usercontext.h>

#include <QHash>
#include <QList>
#include <QVariantMap>

class QGroupBox;
class QPushButton;
class QShortcut;
class QSplitter;
class QTabWidget;
class QTimer;

namespace Ud::Ui {
class MessageBar;
}

namespace Ud::Accounts {

class AccountsModule;
class CustomerHeader;

/// One open customer in the workspace (Ui::CustomerView): the header (always visible), a
/// message bar, one button per customer action the user may use, and sub-tabs — "Overview"
/// listing every registered customer section in order, then the sub-pages others open —
/// with side panels in a splitter to the right. The tab paints at once with "Loading…" and
/// fills the header in from the background; the sections are made when the tab is first
/// shown and load themselves. It refreshes when the
/// event bus says its customer changed ("customer.updated" with its id, or any topic whose
/// "customer_id" is its id).
class CustomerTab : public Ui::CustomerView
{
    Q_OBJECT
public:
    /// `registry` (may be null: no sections or actions) must outlive the tab.
    CustomerTab(AccountsModule &module, Core::UserContext user, const Ui::PageRegistry *registry,
                const QString &customerId, QWidget *parent = nullptr);
    ~CustomerTab() override;

    QString customerId() const override { return m_customerId; }
    QString customerName() const override { return m_customerName; }
    QDateTime contactStartedAt() const override { return m_contactStartedAt; }
    bool identityVerified() const override { return !m_verification.isEmpty(); }
    QString identityVerification() const override { return m_verification; }
    void setIdentityVerification(const QString &how) override;
    void startNewContact() override;
    QWidget *openSubPage(const QString &id, const QString &title, QWidget *page) override;
    void closeSubPage(const QString &id) override;
    QWidget *openSidePanel(const QString &id, const QString &title, QWidget *panel) override;
    void closeSidePanel(const QString &id) override;
    void noteActivity(const QString &text) override;
    QStringList activities() const override { return m_activities; }
    void showMessage(const QString &text, bool error = false) override;
    void refresh() override;

    /// True once the header holds the customer (after the first load).
    bool isLoaded() const;
    CustomerHeader *header() const { return m_header; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    QTabWidget *subTabs() const { return m_subTabs; }
    /// The button of a registered action, nullptr if the user may not use it.
    QPushButton *actionButton(const QString &actionId) const;
    /// The frame of a section on the Overview, nullptr if not shown (the sections are made
    /// when the tab is first shown).
    QGroupBox *section(const QString &sectionId) const;

signals:
    /// The header was (re)loaded; customerName() is current.
    void loaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct ActionEntry {
        Ui::CustomerAction action;
        QPushButton *button = nullptr;
        QShortcut *shortcut = nullptr;
    };
    struct SectionEntry {
        Ui::CustomerSection section;
        QGroupBox *frame = nullptr;
    };

    QWidget *buildOverview();
    void createSections();
    void buildActions(QWidget *bar);
    void loadHeader();
    void onEvent(const QString &topic, const QVariantMap &payload);
    void updateActions();
    void runAction(const ActionEntry &entry);
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    const Ui::PageRegistry *m_registry;
    QString m_customerId;
    QString m_customerName;
    QDateTime m_contactStartedAt;
    QString m_verification;
    QStringList m_activities;
    bool m_removed = false;
    bool m_sectionsCreated = false;
    quint64 m_loadGeneration = 0;
    CustomerHeader *m_header = nullptr;
    Ui::MessageBar *m_messages = nullptr;
    QWidget *m_actionBar = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_subTabs = nullptr;
    QTabWidget *m_sidePanels = nullptr;
    QWidget *m_overview = nullptr;
    QHash<QString, QWidget *> m_subPages;
    QHash<QString, QWidget *> m_sidePanelWidgets;
    QList<ActionEntry> m_actions;
    QList<SectionEntry> m_sections;
    QTimer *m_refreshDelay = nullptr;
};

} // namespace Ud::Accounts
