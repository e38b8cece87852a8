#pragma once

#include <accounts/customersearch.h>
#include <core/usercontext.h>

#include <QWidget>

#include <atomic>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QThread;
class QTimer;

namespace Ud::Ui {
class TableView;
}

namespace Ud::Accounts {

class AccountsModule;
class CustomerListModel;
class CustomerMatchModel;

/// The "Find" tab of the customer workspace: one search box whose ranked CustomerSearch
/// results appear as the agent types (after a pause of SearchDelayMs, off the UI thread,
/// answers to earlier keystrokes dropped), and, while the box is empty, the whole customer
/// list to browse, sorted in the database and loaded lazily. Down/Up in the box move through
/// the rows, Enter opens the chosen row, or the only match. Searches run one after another
/// on the finder's own thread, which keeps its database connection (and so its page cache)
/// between keystrokes. Empty views say which empty they
/// are with the next step; a status line gives the counts.
class CustomerFinder : public QWidget
{
    Q_OBJECT
public:
    /// Short: the target is at most 100 ms from the last keystroke to the results painted.
    static constexpr int SearchDelayMs = 40;
    /// As many as an agent reads; more ask for a longer text (and cost search time).
    static constexpr int ResultLimit = 20;

    CustomerFinder(AccountsModule &module, Core::UserContext user, QWidget *parent = nullptr);
    ~CustomerFinder() override;

    CustomerListModel *listModel() const { return m_list; }
    CustomerMatchModel *matchModel() const { return m_matches; }
    QLineEdit *searchBox() const { return m_search; }
    /// True from a keystroke until the answer for the text in the box is shown.
    bool isSearching() const { return m_searching; }

public slots:
    /// Puts the cursor in the search box with its text selected.
    void focusSearch();
    /// Loads the customer list again (after changes elsewhere).
    void reload();

signals:
    /// Enter or a double click chose a customer.
    void openRequested(const QString &customerId, const QString &name);
    /// The answer for the text in the box is in the view.
    void resultsShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    bool inSearchMode() const;
    void onTextChanged();
    void runSearch();
    void applyMatches(quint64 generation, const QString &text, const QList<CustomerMatch> &matches);
    void searchFailed(quint64 generation, const QString &error);
    void onReturn();
    void moveSelection(int delta);
    void openRow(Ui::TableView *table, int row);
    Ui::TableView *visibleTable() const;
    void updateView();
    void updateStatus();
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    CustomerListModel *m_list = nullptr;
    CustomerMatchModel *m_matches = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QStackedWidget *m_stack = nullptr;
    Ui::TableView *m_listTable = nullptr;
    Ui::TableView *m_matchTable = nullptr;
    QWidget *m_emptyState = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_emptyAction = nullptr;
    QLabel *m_status = nullptr;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;  ///< lives in m_thread; searches run in its context
    std::atomic<quint64> m_generation{0}; ///< of the latest search; older ones are skipped or dropped
    bool m_searching = false;
    bool m_openSingleMatch = false; ///< Enter before the answer came: open it if it is one customer
    QString m_answeredText;       ///< the text m_matches answers
    QString m_searchError;
};

} // namespace Ud::Accounts
