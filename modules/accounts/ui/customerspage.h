#pragma once

#include <core/usercontext.h>

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Ud::Accounts {

class AccountsModule;
class CustomerDetailPanel;
class CustomerListModel;

/// The customers page: one search box (name, customer or account number, phone, postcode)
/// over a lazily loaded, database-sorted customer table, a status line with the counts, an
/// empty state that says which empty it is, and a read-only detail panel beside the table
/// that Enter opens. Ctrl+F focuses the search, Ctrl+C copies the selected rows as
/// tab-separated text.
class CustomersPage : public QWidget
{
    Q_OBJECT
public:
    /// Typing pauses this long before the list is searched, so a search runs per word, not per key.
    static constexpr int SearchDelayMs = 250;

    CustomersPage(AccountsModule &module, Core::UserContext user, QWidget *parent = nullptr);

    CustomerListModel *model() const { return m_model; }

public slots:
    /// Puts the cursor in the search box with its text selected (Ctrl+F).
    void focusSearch();
    /// Shows the customer in the detail panel.
    void openCustomer(const QString &customerId);
    /// Copies the selected rows as tab-separated text (Ctrl+C).
    void copySelection();
    /// Loads the list again (after changes elsewhere).
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applySearch();
    void updateStatus();
    void updateEmptyState();
    void openCurrent();
    void openSingleMatch();

    AccountsModule &m_module;
    Core::UserContext m_user;
    CustomerListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_emptyState = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_emptyAction = nullptr;
    QLabel *m_status = nullptr;
    QSplitter *m_splitter = nullptr;
    CustomerDetailPanel *m_detail = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_openAction = nullptr;
    bool m_openSingleMatch = false;   ///< Enter in the search box: open the customer if only one matches
};

} // namespace Ud::Accounts
