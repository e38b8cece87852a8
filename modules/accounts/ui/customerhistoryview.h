#pragma once

#include <core/usercontext.h>

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace Ud::Ui {
class MessageBar;
class TableView;
}

namespace Ud::Accounts {

class AccountsModule;
class CustomerHistoryModel;

/// The customer's change history as a table (When, Who, Change, Field, Before, After), newest
/// first, loaded page by page in the background as the user scrolls. Without entries it says
/// "No changes recorded yet"; a failed load says why in the message bar with Try again.
class CustomerHistoryView : public QWidget
{
    Q_OBJECT
public:
    CustomerHistoryView(AccountsModule &module, const Core::UserContext &user, const QString &customerId,
                        QWidget *parent = nullptr);

    CustomerHistoryModel *model() const { return m_model; }
    Ui::TableView *table() const { return m_table; }

public slots:
    /// Loads from the newest entry again (after a change).
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fetch(quint64 generation, int offset, int limit);
    void updateState();
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    QString m_customerId;
    CustomerHistoryModel *m_model;
    Ui::MessageBar *m_messages;
    QLabel *m_count;
    QStackedWidget *m_stack;
    Ui::TableView *m_table;
    QLabel *m_empty;
};

} // namespace Ud::Accounts
