#pragma once

#include <accounts/customer.h>
#include <accounts/identityservice.h>
#include <core/usercontext.h>

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Ud::Ui {
class CustomerView;
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

class AccountsModule;

/// The customer's profile as a form: names, class, language, contact details, date of birth,
/// bands, business type, household size, and the national id and bank account masked
/// ("••••"), each with Reveal (only for users who may view sensitive data; every reveal is
/// audited) and a field to type a new value. Each field says what is wrong beside it once the
/// user leaves it, by the rules CustomerService applies; Save (Ctrl+S) sends focus to the first
/// bad field. A failed save keeps every value typed and says why in the message bar at the
/// top (a Conflict offers to load the other change). A save shows as the change itself: the
/// form shows the stored values, the customer page reloads, the contact notes "Profile
/// changed: email, phone", and the message bar offers Undo. Revert drops unsaved edits.
/// The security question shows as stored; the security answer never shows, only whether one
/// is on record ("Recorded" / "None on record"), with a field to type a new one, which is saved
/// with the profile through IdentityService (both question and answer needed) and cleared.
/// Read-only for users without EditCustomers. Every service call runs in the background.
class CustomerProfileEditor : public QWidget
{
    Q_OBJECT
public:
    CustomerProfileEditor(AccountsModule &module, const Core::UserContext &user, Ui::CustomerView &view,
                          QWidget *parent = nullptr);
    ~CustomerProfileEditor() override;

    QString customerId() const { return m_customerId; }
    /// True once the stored values are shown (after each load or save).
    bool isLoaded() const { return m_loaded.has_value(); }
    /// True while a load, save or reveal runs.
    bool isBusy() const { return m_busy > 0; }
    bool hasUnsavedChanges() const;
    Ui::MessageBar *messageBar() const { return m_messages; }

public slots:
    /// Checks every field, then saves what differs from the stored customer.
    void save();
    /// Shows the stored values again, dropping what was typed.
    void revert();
    /// Loads the stored customer again.
    void reload();

signals:
    /// The stored values are shown: after a load, a save or an undo.
    void loaded();
    /// A save or undo failed; the message bar says why.
    void saveFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SensitiveRow {
        SensitiveField field;
        QLabel *label = nullptr;
        QLabel *value = nullptr;
        QPushButton *reveal = nullptr;
        QLineEdit *entry = nullptr;
        Ui::FieldMessage *message = nullptr;
        bool revealed = false;
    };
    struct Check {
        QWidget *field;
        Ui::FieldMessage *message;
        QString problem;
    };
    /// A new security question and answer to save with the profile.
    struct SecurityEntry {
        QString question;
        QString answer;
    };

    void buildForm();
    void retranslateUi();
    void setBusy(bool busy);
    void updateEditable();
    void showCustomer(const Customer &customer);
    void showSecurity(const IdentityOnRecord &onRecord);
    /// The question and answer typed, if the agent changed either; nullopt otherwise.
    std::optional<SecurityEntry> securityEntry() const;
    void showSensitive(SensitiveRow &row, const SensitiveValue &value);
    Customer fromForm() const;
    QList<Check> checks() const;
    /// Shows every field's problem; returns the first bad field or nullptr.
    QWidget *validateAll();
    void watch(QWidget *field, Ui::FieldMessage *message);
    void store(const Customer &customer, bool isUndo, const Customer &previous,
               const std::optional<SecurityEntry> &security = std::nullopt);
    void reveal(SensitiveRow &row);
    QStringList changedFieldNames(const Customer &before, const Customer &after) const;
    void fillLanguages(const QString &current);

    AccountsModule &m_module;
    Core::UserContext m_user;
    QPointer<Ui::CustomerView> m_view;
    QString m_customerId;
    std::optional<Customer> m_loaded;
    IdentityOnRecord m_identityOnRecord;
    QString m_phoneCountry;
    int m_busy = 0;

    Ui::MessageBar *m_messages = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_fullNameLabel = nullptr;
    QLineEdit *m_fullName = nullptr;
    Ui::FieldMessage *m_fullNameMessage = nullptr;
    QLabel *m_givenNameLabel = nullptr;
    QLineEdit *m_givenName = nullptr;
    QLabel *m_familyNameLabel = nullptr;
    QLineEdit *m_familyName = nullptr;
    QLabel *m_classLabel = nullptr;
    QComboBox *m_class = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_emailLabel = nullptr;
    QLineEdit *m_email = nullptr;
    Ui::FieldMessage *m_emailMessage = nullptr;
    QLabel *m_phoneLabel = nullptr;
    QLineEdit *m_phone = nullptr;
    Ui::FieldMessage *m_phoneMessage = nullptr;
    QLabel *m_dateOfBirthLabel = nullptr;
    QDateEdit *m_dateOfBirth = nullptr;
    QCheckBox *m_dateOfBirthUnknown = nullptr;
    Ui::FieldMessage *m_dateOfBirthMessage = nullptr;
    QLabel *m_incomeBandLabel = nullptr;
    QComboBox *m_incomeBand = nullptr;
    QLabel *m_creditBandLabel = nullptr;
    QComboBox *m_creditBand = nullptr;
    QLabel *m_businessTypeLabel = nullptr;
    QLineEdit *m_businessType = nullptr;
    QLabel *m_householdSizeLabel = nullptr;
    QSpinBox *m_householdSize = nullptr;
    Ui::FieldMessage *m_householdSizeMessage = nullptr;
    SensitiveRow m_nationalId;
    SensitiveRow m_bankAccount;
    QLabel *m_securityQuestionLabel = nullptr;
    QLineEdit *m_securityQuestion = nullptr;
    Ui::FieldMessage *m_securityQuestionMessage = nullptr;
    QLabel *m_securityAnswerLabel = nullptr;
    QLabel *m_securityAnswer = nullptr;
    QLineEdit *m_securityAnswerEntry = nullptr;
    Ui::FieldMessage *m_securityAnswerMessage = nullptr;
    QLabel *m_readOnlyNote = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_save = nullptr;
    QAction *m_saveAction = nullptr;
};

} // namespace Ud::Accounts
