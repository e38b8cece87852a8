#pragma once

#include <core/usercontext.h>

#include <QKeySequence>
#include <QList>
#include <QWidget>

class QTabWidget;

namespace Ud::Ui {
class PageRegistry;
}

namespace Ud::Accounts {

class AccountsModule;
class CustomerFinder;
class RegistrationWizard;
class CustomerListModel;
class CustomerTab;

/// The customer workspace, the call-centre agent's main screen: a tab "Find" (always first,
/// never closed) with the one search box and its results or the customer list, and one tab
/// per open customer (CustomerTab). Opening a customer that is open already brings its tab
/// forward. Ctrl+F finds (from any tab), Ctrl+W closes the current customer, Ctrl+Tab and
/// Ctrl+Shift+Tab go to the next and previous tab. The open customers are saved
/// (AccountsSettings::openCustomerTabs) and opened again when the page is next created.
class CustomersPage : public QWidget
{
    Q_OBJECT
public:
    /// `registry` gives the customer sections and actions (may be null: none); it must
    /// outlive the page.
    CustomersPage(AccountsModule &module, Core::UserContext user, const Ui::PageRegistry *registry = nullptr,
                  QWidget *parent = nullptr);

    /// Ctrl+F and Ctrl+W, whatever else the platform binds to find and close.
    static QKeySequence findShortcut();
    static QKeySequence closeShortcut();
    static QKeySequence newCustomerShortcut();

    /// The customer list shown while the search box is empty.
    CustomerListModel *model() const;
    CustomerFinder *finder() const { return m_finder; }
    QTabWidget *tabs() const { return m_tabs; }
    /// The open tab of the customer, or nullptr.
    CustomerTab *customerTab(const QString &customerId) const;
    /// The current tab if it is a customer's, else nullptr.
    CustomerTab *currentCustomerTab() const;
    /// Left to right.
    QList<CustomerTab *> customerTabs() const;

public slots:
    /// Shows the Find tab with the cursor in the search box and its text selected (Ctrl+F).
    void focusSearch();
    /// Opens the customer's tab (or brings it forward) and makes it current.
    CustomerTab *openCustomer(const QString &customerId);
    void closeCustomer(const QString &customerId);
    /// Closes the current customer tab; nothing on the Find tab (Ctrl+W).
    void closeCurrentCustomer();
    void nextTab();
    void previousTab();
    /// Opens the registration of a new customer in its own tab, or brings it forward (Ctrl+N).
    /// A registered customer's tab replaces it; closing the tab keeps what was typed for the
    /// next Ctrl+N. nullptr for users who may not edit customers.
    RegistrationWizard *newCustomer();
    /// The open registration tab, or nullptr.
    RegistrationWizard *registration() const { return m_registration; }
    /// Loads the customer list again (after changes elsewhere).
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    CustomerTab *addCustomerTab(const QString &customerId, const QString &title);
    void closeTabAt(int index);
    void dropRegistration();
    void saveOpenTabs() const;
    QString tabTitle(const CustomerTab *tab) const;
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    const Ui::PageRegistry *m_registry;
    QTabWidget *m_tabs = nullptr;
    CustomerFinder *m_finder = nullptr;
    RegistrationWizard *m_registration = nullptr;
    bool m_restoring = false;
};

} // namespace Ud::Accounts
