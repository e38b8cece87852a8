#pragma once

#include <accounts/registrationservice.h>
#include <core/usercontext.h>

#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace Ud::Ui {
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

class AccountsModule;

/// Registers a new customer with their premise and account, page by page: Customer, Premise,
/// Account, Review. A plain widget, so it can live in a tab, a side panel or its own window
/// without blocking the rest of the application. Each field is checked when the agent leaves
/// it, with the rules RegistrationService applies (so the form and the service never disagree);
/// Next stays on the page and sends focus to the first bad field. Once the customer and premise
/// are filled in, existing customers with the same phone, or the same name at the same address,
/// are looked up in the background and named in a warning with a button to open each; the
/// agent may still register ("Register anyway"). An optional security question and answer on
/// the Customer page are set through IdentityService right after the registration, in the same
/// background job (the answer is never shown back: the review says "Recorded"). Register runs
/// in the background; on failure every value stays and the message bar says why.
class RegistrationWizard : public QWidget
{
    Q_OBJECT
public:
    enum Page { CustomerPage, PremisePage, AccountPage, ReviewPage };

    RegistrationWizard(AccountsModule &module, Core::UserContext user, QWidget *parent = nullptr);
    ~RegistrationWizard() override;

    Page currentPage() const;
    /// The registration as entered so far (values as typed).
    NewRegistration registration() const;
    /// The duplicate candidates of the last completed check.
    QList<DuplicateCandidate> duplicates() const { return m_duplicates; }
    /// Empties every field and returns to the first page (after a registration, for the next caller).
    void reset();

signals:
    /// The registration was stored; `customerId` names the new customer.
    void registered(const QString &customerId);
    /// The agent asked to open an existing customer named in the duplicate warning.
    void openCustomerRequested(const QString &customerId);
    /// The agent cancelled the registration.
    void cancelled();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct FieldRow {
        RegistrationService::Field field;
        QWidget *editor;
        Ui::FieldMessage *message;
        Page page;
    };

    QWidget *buildCustomerPage();
    QWidget *buildPremisePage();
    QWidget *buildAccountPage();
    QWidget *buildReviewPage();
    QLineEdit *lineEdit(const char *objectName, QWidget *parent);
    void addField(QFormLayout *form, QLabel *label, QWidget *editor, RegistrationService::Field field, Page page);
    void loadMarkets();
    QString currentCountry() const;

    void showPage(Page page);
    void goNext();
    void goBack();
    /// Shows the problems of the fields on `page` (every page for ReviewPage) and focuses the
    /// first bad one, switching to its page; true when there is none.
    bool validate(Page page);
    void checkField(const FieldRow &row);
    /// The problems of the security question and answer: none when both are empty, else both
    /// are needed, by IdentityService's rules.
    QString securityQuestionProblem() const;
    QString securityAnswerProblem() const;
    bool hasSecurityAnswer() const;
    void marketChanged();
    void postcodeFinished();
    void presetTimeZone();
    void checkDuplicates();
    void showDuplicates(const QList<DuplicateCandidate> &candidates);
    void fillReview();
    void submit();
    void setBusy(bool busy);
    void updateButtons();
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    QList<Market> m_markets;
    QList<FieldRow> m_fields;
    QList<DuplicateCandidate> m_duplicates;
    QString m_registeredId;   ///< set once this registration is stored, until reset()
    int m_duplicateGeneration = 0;
    bool m_checkingDuplicates = false;
    bool m_busy = false;
    bool m_timeZoneEdited = false;
    bool m_languageEdited = false;

    Ui::MessageBar *m_messages;
    QLabel *m_step;
    QStackedWidget *m_pages;
    QWidget *m_duplicatePanel;
    QLabel *m_duplicateText;
    QVBoxLayout *m_duplicateButtons;

    QLabel *m_fullNameLabel, *m_classLabel, *m_languageLabel, *m_phoneLabel, *m_emailLabel, *m_birthLabel;
    QLineEdit *m_fullName, *m_phone, *m_email;
    QComboBox *m_class, *m_language;
    QDateEdit *m_dateOfBirth;
    QLabel *m_securityQuestionLabel, *m_securityAnswerLabel;
    QLineEdit *m_securityQuestion, *m_securityAnswer;
    Ui::FieldMessage *m_securityQuestionMessage, *m_securityAnswerMessage;

    QLabel *m_marketLabel, *m_line1Label, *m_line2Label, *m_cityLabel, *m_postcodeLabel, *m_timeZoneLabel;
    QComboBox *m_market;
    QLineEdit *m_line1, *m_line2, *m_city, *m_postcode, *m_timeZone;

    QLabel *m_paymentLabel, *m_startLabel;
    QComboBox *m_paymentType;
    QDateEdit *m_startDate;

    QLabel *m_reviewIntro;
    QFormLayout *m_reviewForm;

    QPushButton *m_cancel, *m_back, *m_next, *m_register;
};

} // namespace Ud::Accounts
