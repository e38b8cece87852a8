#pragma once

#include <billing/billingdata.h>
#include <billing/billservice.h>
#include <core/usercontext.h>

#include <QWidget>

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class FieldMessage;
class MessageBar;
}

namespace Ud::Billing {

/// "Calculate bill…" of the customer page, a sub-page: pick one of the customer's postpaid
/// accounts and a period (the last calendar month by default), Calculate shows the bill as
/// its document would read (in the customer's language) with a summary in the agent's, and
/// "Issue bill" (RunBilling; disabled when the period is already billed) stores it. Runs every
/// call in the background; problems show in the page's message bar, a bad period beside it.
class CalculateBillPage : public QWidget
{
    Q_OBJECT
public:
    CalculateBillPage(Core::Context &context, BillService &bills, Core::UserContext user, QString customerId,
                      QWidget *parent = nullptr);

    void calculate();
    void issue();

    QComboBox *accountBox() const { return m_account; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QPushButton *calculateButton() const { return m_calculate; }
    QPushButton *issueButton() const { return m_issue; }
    QLabel *summary() const { return m_summary; }
    QTextBrowser *preview() const { return m_preview; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    bool isBusy() const { return m_busy; }

signals:
    void accountsLoaded(int count);
    void calculated();
    void issued(const Ud::Billing::Bill &bill);

protected:
    void changeEvent(QEvent *event) override;

private:
    bool checkPeriod();
    void setBusy(bool busy);
    void showPreview(const BillPreview &preview);
    void retranslateUi();

    Core::Context &m_context;
    BillService &m_bills;
    Core::UserContext m_user;
    QString m_customerId;
    Ui::MessageBar *m_messages;
    QLabel *m_accountLabel;
    QLabel *m_fromLabel;
    QLabel *m_toLabel;
    QComboBox *m_account;
    QDateEdit *m_from;
    QDateEdit *m_to;
    Ui::FieldMessage *m_toMessage;
    QPushButton *m_calculate;
    QPushButton *m_issue;
    QLabel *m_summary;
    QTextBrowser *m_preview;
    std::optional<BillPreview> m_shown;
    bool m_busy = false;
};

} // namespace Ud::Billing
