#pragma once

#include <billing/ledger.h>

#include <core/usercontext.h>

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

class QPushButton;
class QVBoxLayout;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class CustomerView;
class LoadState;
class MessageBar;
}

namespace Ud::Billing {

class LedgerForm;
class LedgerService;

/// The customer page's "Balance": for each of the customer's accounts the balance (marked
/// below zero or below the first low-balance threshold by an icon, a word and the style's
/// critical colour, never a colour alone), outstanding emergency credit and debt, the last
/// entries and, for postpaid accounts, the aged debt; "Top up…" (prepaid) and "Record
/// payment…" (postpaid) open an inline LedgerForm under the account (TakePayments). Below, the
/// customer's account events (low balance, over-usage, emergency credit, arrears) with
/// Acknowledge. Loads in the background and again when the customer view is refreshed.
class BalanceSection : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char *SectionId = "balance";
    static constexpr int SectionOrder = 25;

    BalanceSection(LedgerService &ledger, Core::Database &db, Core::UserContext user, Ui::CustomerView &view,
                   QWidget *parent = nullptr);

    void reload();
    Ui::LoadState *loadState() const { return m_state; }
    /// The open form of an account, if any.
    LedgerForm *form(const QString &accountId) const;
    /// Opens the top-up (prepaid) or payment (postpaid) form of the account.
    void openForm(const QString &accountId);

signals:
    /// A load finished (shown, empty or failed).
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Data {
        QList<AccountBalance> balances;
        QList<AccountEvent> events;
    };
    void display(const Data &data);
    QWidget *accountBox(const AccountBalance &balance);
    QWidget *eventsBox(const QList<AccountEvent> &events);
    void acknowledge(const QString &eventId);

    LedgerService &m_ledger;
    Core::Database &m_db;
    Core::UserContext m_user;
    QPointer<Ui::CustomerView> m_view;
    QString m_customerId;
    quint64 m_generation = 0;
    Data m_shown;
    QString m_focusAccount;
    Ui::LoadState *m_state;
    Ui::MessageBar *m_messages;
    QWidget *m_content;
    QVBoxLayout *m_boxes;
    QHash<QString, QWidget *> m_formHosts;
    QHash<QString, QPushButton *> m_actionButtons;
};

} // namespace Ud::Billing
