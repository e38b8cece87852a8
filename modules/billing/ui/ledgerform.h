#pragma once

#include <core/usercontext.h>

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class FieldMessage;
class MessageBar;
}

namespace Ud::Billing {

class LedgerService;

/// The inline form under an account on the customer page that takes a prepaid top-up (amount,
/// card token or voucher code) or records a postpaid payment (amount, method, reference). Each
/// field is checked when it is left, with the sentence beside it; the primary button checks
/// all and sends focus to the first bad field. The service call runs in the background; a
/// refusal (a blocked card and why, a used voucher) shows in the form's message bar with every
/// value kept. On success the form emits done() with a line for the contact's activities.
class LedgerForm : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { TopUp, Payment };

    LedgerForm(Mode mode, LedgerService &ledger, Core::Database &db, Core::UserContext user, QString accountId,
               QString currency, QWidget *parent = nullptr);
    ~LedgerForm() override;

    Mode mode() const { return m_mode; }
    QLineEdit *amountEdit() const { return m_amount; }
    QLineEdit *secretEdit() const { return m_secret; }
    QComboBox *sourceCombo() const { return m_source; }
    QComboBox *methodCombo() const { return m_method; }
    QLineEdit *referenceEdit() const { return m_reference; }
    QPushButton *submitButton() const { return m_submit; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    QString amountProblem() const;
    QString secretProblem() const;
    bool isBusy() const { return m_busy; }

public slots:
    void submit();

signals:
    /// Saved: `activity` for the contact ("Topped up €20.00 by card").
    void done(const QString &activity);
    void cancelled();
    /// A submission ended, saved or not.
    void finished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    bool voucher() const;

    Mode m_mode;
    LedgerService &m_ledger;
    Core::Database &m_db;
    Core::UserContext m_user;
    QString m_accountId;
    QString m_currency;
    bool m_busy = false;
    Ui::MessageBar *m_messages;
    QLabel *m_amountLabel;
    QLineEdit *m_amount;
    Ui::FieldMessage *m_amountMessage;
    QLabel *m_sourceLabel = nullptr;
    QComboBox *m_source = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    Ui::FieldMessage *m_secretMessage = nullptr;
    QLabel *m_methodLabel = nullptr;
    QComboBox *m_method = nullptr;
    QLabel *m_referenceLabel = nullptr;
    QLineEdit *m_reference = nullptr;
    QPushButton *m_cancel;
    QPushButton *m_submit;
};

} // namespace Ud::Billing
