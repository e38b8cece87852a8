#pragma once

#include <accounts/identityservice.h>
#include <core/usercontext.h>

#include <QPointer>
#include <QWidget>

class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Ud::Core {
class Database;
}

namespace Ud::Ui {
class CustomerView;
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

/// The side panel an agent verifies the caller's identity in, before changing anything: the
/// date of birth, the answer to the customer's security question and any factor other modules
/// add (the last payment), checked off the UI thread
/// by IdentityService, with each factor's outcome beside its field. A successful check marks
/// the contact verified in the CustomerView (which factors passed, for the contact log) and is
/// noted as one of the contact's activities. The answer typed is never kept: the field is
/// cleared after every check.
class IdentityPanel : public QWidget
{
    Q_OBJECT
public:
    IdentityPanel(IdentityService &identity, Core::Database &db, Core::UserContext user, Ui::CustomerView &view,
                  QWidget *parent = nullptr);

    /// The outcome shown beside a factor's field ("date_of_birth", "security_answer", or an
    /// added factor's key).
    QString factorText(const QString &key) const;
    Ui::MessageBar *messageBar() const { return m_messages; }
    /// The field of an added factor, by key; nullptr when not on record.
    QLineEdit *factorEdit(const QString &key) const;

public slots:
    /// Runs the check with what is entered (Enter in either field does the same).
    void verify();

signals:
    /// What is on record has been loaded (or failed to load) and the fields are usable.
    void loaded();
    /// A check finished (or was refused): `verified` is its outcome.
    void checkFinished(bool verified);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void load();
    void retranslateUi();
    void updateState();
    void showOutcome(QLabel *label, IdentityFactorOutcome outcome);
    /// One row per factor other modules added that the customer has on record.
    void buildMoreFactors();

    /// A row for a factor added with IdentityService::addFactor (the last payment, ...).
    struct MoreFactor {
        QString key;
        QString name;
        QLabel *label = nullptr;
        QLineEdit *edit = nullptr;
        QLabel *result = nullptr;
    };

    IdentityService &m_identity;
    Core::Database &m_db;
    Core::UserContext m_user;
    QPointer<Ui::CustomerView> m_view;
    std::optional<IdentityOnRecord> m_onRecord;
    bool m_busy = false;

    Ui::MessageBar *m_messages = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_dateLabel = nullptr;
    QDateEdit *m_date = nullptr;
    QLabel *m_dateResult = nullptr;
    QLabel *m_questionLabel = nullptr;
    QLabel *m_question = nullptr;
    QLabel *m_answerLabel = nullptr;
    QLineEdit *m_answer = nullptr;
    QLabel *m_answerResult = nullptr;
    QList<MoreFactor> m_more;
    QFormLayout *m_form = nullptr;
    Ui::FieldMessage *m_entryMessage = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QPushButton *m_verify = nullptr;
};

} // namespace Ud::Accounts
