#include "customerprofileeditor.h"

#include <accounts/accountsmodule.h>
#include <accounts/customerservice.h>
#include <accounts/identityservice.h>
#include <accounts/phonenumbers.h>
#include <core/error.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>
#include <core/ui/optionaldatetyping.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <memory>

namespace Ud::Accounts {

namespace {
// The date edit's minimum stands for "unknown" and shows as its special value text.
const QDate UnknownDate(1899, 12, 31);

QLineEdit *lineEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    return edit;
}
} // namespace

CustomerProfileEditor::CustomerProfileEditor(AccountsModule &module, const Core::UserContext &user,
                                             Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(user), m_view(&view), m_customerId(view.customerId())
{
    setObjectName(QStringLiteral("customerProfileEditor"));
    buildForm();
    retranslateUi();
    updateEditable();
    // Someone else's change reloads the form, unless it holds edits of ours.
    connect(&view, &Ui::CustomerView::refreshed, this, [this] {
        if (!isBusy() && !hasUnsavedChanges())
            reload();
    });
    reload();
}

void CustomerProfileEditor::buildForm()
{
    m_messages = new Ui::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("profileMessages"));

    auto *formPane = new QWidget;
    m_form = new QFormLayout(formPane);
    auto addField = [this, formPane](QLabel *&label, QWidget *field, Ui::FieldMessage **message) {
        label = new QLabel(formPane);
        label->setBuddy(field);
        m_form->addRow(label, field);
        if (message) {
            *message = new Ui::FieldMessage(field, formPane);
            (*message)->setObjectName(field->objectName() + QStringLiteral("Message"));
            m_form->addRow(QString(), *message);
            watch(field, *message);
        }
    };

    m_fullName = lineEdit(QStringLiteral("profileFullName"), formPane);
    addField(m_fullNameLabel, m_fullName, &m_fullNameMessage);
    m_givenName = lineEdit(QStringLiteral("profileGivenName"), formPane);
    addField(m_givenNameLabel, m_givenName, nullptr);
    m_familyName = lineEdit(QStringLiteral("profileFamilyName"), formPane);
    addField(m_familyNameLabel, m_familyName, nullptr);
    m_class = new QComboBox(formPane);
    m_class->setObjectName(QStringLiteral("profileClass"));
    for (CustomerClass value : allCustomerClasses())
        m_class->addItem(QString(), customerClassKey(value));
    addField(m_classLabel, m_class, nullptr);
    m_language = new QComboBox(formPane);
    m_language->setObjectName(QStringLiteral("profileLanguage"));
    addField(m_languageLabel, m_language, nullptr);
    m_email = lineEdit(QStringLiteral("profileEmail"), formPane);
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    addField(m_emailLabel, m_email, &m_emailMessage);
    m_phone = lineEdit(QStringLiteral("profilePhone"), formPane);
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    addField(m_phoneLabel, m_phone, &m_phoneMessage);

    auto *dateRow = new QWidget(formPane);
    m_dateOfBirth = new QDateEdit(dateRow);
    m_dateOfBirth->setObjectName(QStringLiteral("profileDateOfBirth"));
    m_dateOfBirth->setCalendarPopup(true);
    // Wide open above: a future date gets the inline message rather than being refused unseen.
    m_dateOfBirth->setDateRange(UnknownDate, QDate::currentDate().addYears(100));
    m_dateOfBirth->setDisplayFormat(Ui::typableDateFormat());
    m_dateOfBirthUnknown = new QCheckBox(dateRow);
    m_dateOfBirthUnknown->setObjectName(QStringLiteral("profileDateOfBirthUnknown"));
    auto *dateLayout = new QHBoxLayout(dateRow);
    dateLayout->setContentsMargins(0, 0, 0, 0);
    dateLayout->addWidget(m_dateOfBirth, 1);
    dateLayout->addWidget(m_dateOfBirthUnknown);
    m_dateOfBirthLabel = new QLabel(formPane);
    m_dateOfBirthLabel->setBuddy(m_dateOfBirth);
    m_form->addRow(m_dateOfBirthLabel, dateRow);
    m_dateOfBirthMessage = new Ui::FieldMessage(m_dateOfBirth, formPane);
    m_dateOfBirthMessage->setObjectName(QStringLiteral("profileDateOfBirthMessage"));
    m_form->addRow(QString(), m_dateOfBirthMessage);
    watch(m_dateOfBirth, m_dateOfBirthMessage);
    connect(m_dateOfBirthUnknown, &QCheckBox::toggled, this, [this](bool unknown) {
        if (unknown)
            m_dateOfBirth->setDate(UnknownDate);
        else if (m_dateOfBirth->date() == UnknownDate)
            m_dateOfBirth->setDate(QDate(1980, 1, 1));
        updateEditable();
        m_dateOfBirthMessage->setMessage(m_module.customers().dateOfBirthProblem(unknown ? QDate() : m_dateOfBirth->date()));
    });

    m_incomeBand = new QComboBox(formPane);
    m_incomeBand->setObjectName(QStringLiteral("profileIncomeBand"));
    m_incomeBand->addItem(QString(), QString());
    for (const QString &key : incomeBandKeys())
        m_incomeBand->addItem(QString(), key);
    addField(m_incomeBandLabel, m_incomeBand, nullptr);
    m_creditBand = new QComboBox(formPane);
    m_creditBand->setObjectName(QStringLiteral("profileCreditBand"));
    m_creditBand->addItem(QString(), QString());
    for (const QString &key : creditBandKeys())
        m_creditBand->addItem(QString(), key);
    addField(m_creditBandLabel, m_creditBand, nullptr);
    m_businessType = lineEdit(QStringLiteral("profileBusinessType"), formPane);
    addField(m_businessTypeLabel, m_businessType, nullptr);
    m_householdSize = new QSpinBox(formPane);
    m_householdSize->setObjectName(QStringLiteral("profileHouseholdSize"));
    // 0 stands for "unknown"; above 20 is allowed to be typed so the message can say the limit.
    m_householdSize->setRange(0, 99);
    addField(m_householdSizeLabel, m_householdSize, &m_householdSizeMessage);

    for (SensitiveRow *row : {&m_nationalId, &m_bankAccount}) {
        const bool national = row == &m_nationalId;
        row->field = national ? SensitiveField::NationalId : SensitiveField::BankAccount;
        const QString base = national ? QStringLiteral("profileNationalId") : QStringLiteral("profileBankAccount");
        auto *line = new QWidget(formPane);
        row->value = new QLabel(line);
        row->value->setObjectName(base);
        row->value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        row->reveal = new QPushButton(line);
        row->reveal->setObjectName(national ? QStringLiteral("profileRevealNationalId")
                                            : QStringLiteral("profileRevealBankAccount"));
        row->entry = lineEdit(base + QStringLiteral("New"), line);
        auto *layout = new QHBoxLayout(line);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(row->value);
        layout->addWidget(row->reveal);
        layout->addWidget(row->entry, 1);
        row->label = new QLabel(formPane);
        row->label->setBuddy(row->entry);
        m_form->addRow(row->label, line);
        row->message = new Ui::FieldMessage(row->entry, formPane);
        row->message->setObjectName(base + QStringLiteral("NewMessage"));
        m_form->addRow(QString(), row->message);
        watch(row->entry, row->message);
        connect(row->reveal, &QPushButton::clicked, this, [this, row] { reveal(*row); });
    }

    // The question is shown as stored; the answer never is, only whether one is on record.
    m_securityQuestion = lineEdit(QStringLiteral("profileSecurityQuestion"), formPane);
    addField(m_securityQuestionLabel, m_securityQuestion, &m_securityQuestionMessage);
    auto *answerLine = new QWidget(formPane);
    m_securityAnswer = new QLabel(answerLine);
    m_securityAnswer->setObjectName(QStringLiteral("profileSecurityAnswer"));
    m_securityAnswerEntry = lineEdit(QStringLiteral("profileSecurityAnswerNew"), answerLine);
    // Readable while typed, so the agent can check what they heard; masked once left.
    m_securityAnswerEntry->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    auto *answerLayout = new QHBoxLayout(answerLine);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    answerLayout->addWidget(m_securityAnswer);
    answerLayout->addWidget(m_securityAnswerEntry, 1);
    m_securityAnswerLabel = new QLabel(formPane);
    m_securityAnswerLabel->setBuddy(m_securityAnswerEntry);
    m_form->addRow(m_securityAnswerLabel, answerLine);
    m_securityAnswerMessage = new Ui::FieldMessage(m_securityAnswerEntry, formPane);
    m_securityAnswerMessage->setObjectName(QStringLiteral("profileSecurityAnswerNewMessage"));
    m_form->addRow(QString(), m_securityAnswerMessage);
    watch(m_securityAnswerEntry, m_securityAnswerMessage);

    m_readOnlyNote = new QLabel(this);
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setVisible(!m_user.can(Core::Permission::EditCustomers));

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(formPane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_revert = new QPushButton(this);
    m_revert->setObjectName(QStringLiteral("profileRevert"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("profileSave"));
    m_save->setDefault(true);
    connect(m_revert, &QPushButton::clicked, this, &CustomerProfileEditor::revert);
    connect(m_save, &QPushButton::clicked, this, &CustomerProfileEditor::save);
    m_saveAction = new QAction(this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_saveAction);
    connect(m_saveAction, &QAction::triggered, this, &CustomerProfileEditor::save);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_revert);
    buttons->addStretch(1);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_readOnlyNote);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    for (QWidget *field : std::initializer_list<QWidget *>{m_fullName, m_email, m_phone, m_businessType,
                                                           m_securityQuestion})
        field->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
}

void CustomerProfileEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomerProfileEditor::retranslateUi()
{
    m_fullNameLabel->setText(tr("&Full name:"));
    m_givenNameLabel->setText(tr("&Given name:"));
    m_familyNameLabel->setText(tr("Famil&y name:"));
    m_classLabel->setText(tr("&Class:"));
    m_languageLabel->setText(tr("&Language:"));
    m_emailLabel->setText(tr("&Email:"));
    m_phoneLabel->setText(tr("&Phone:"));
    m_dateOfBirthLabel->setText(tr("&Date of birth:"));
    m_dateOfBirth->setSpecialValueText(tr("Unknown"));
    m_dateOfBirthUnknown->setText(tr("Un&known"));
    m_incomeBandLabel->setText(tr("&Income band:"));
    m_creditBandLabel->setText(tr("C&redit band:"));
    m_businessTypeLabel->setText(tr("B&usiness type:"));
    m_householdSizeLabel->setText(tr("&Household size:"));
    m_householdSize->setSpecialValueText(tr("Unknown"));
    m_nationalId.label->setText(tr("&National id:"));
    m_nationalId.reveal->setText(tr("Re&veal"));
    m_nationalId.reveal->setToolTip(tr("Show the national id (the reveal is recorded in the audit log)"));
    m_nationalId.entry->setPlaceholderText(tr("Type a new national id to replace it"));
    m_bankAccount.label->setText(tr("&Bank account:"));
    m_bankAccount.reveal->setText(tr("Reve&al"));
    m_bankAccount.reveal->setToolTip(tr("Show the bank account (the reveal is recorded in the audit log)"));
    m_bankAccount.entry->setPlaceholderText(tr("Type a new bank account to replace it"));
    m_securityQuestionLabel->setText(tr("Security &question:"));
    m_securityQuestion->setPlaceholderText(tr("A question only the customer can answer"));
    m_securityAnswerLabel->setText(tr("Security ans&wer:"));
    m_securityAnswerEntry->setPlaceholderText(tr("Type the customer's new answer"));
    for (int i = 0; i < m_class->count(); ++i)
        m_class->setItemText(i, customerClassName(customerClassFromKey(m_class->itemData(i).toString())
                                                      .value_or(CustomerClass::Residential)));
    for (int i = 0; i < m_language->count(); ++i)
        m_language->setItemText(i, customerLanguageName(m_language->itemData(i).toString()));
    m_incomeBand->setItemText(0, tr("Unknown"));
    for (int i = 1; i < m_incomeBand->count(); ++i)
        m_incomeBand->setItemText(i, incomeBandName(m_incomeBand->itemData(i).toString()));
    m_creditBand->setItemText(0, tr("Unknown"));
    for (int i = 1; i < m_creditBand->count(); ++i)
        m_creditBand->setItemText(i, creditBandName(m_creditBand->itemData(i).toString()));
    m_readOnlyNote->setText(tr("You may view this profile but not change it."));
    m_revert->setText(tr("Rever&t"));
    m_revert->setToolTip(tr("Show the stored values again, dropping unsaved edits"));
    m_save->setText(tr("&Save"));
    m_save->setToolTip(tr("Save the profile (%1)").arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    if (m_loaded) {
        showSensitive(m_nationalId, m_loaded->nationalId);
        showSensitive(m_bankAccount, m_loaded->bankAccount);
    }
    m_securityAnswer->setText(!m_loaded ? tr("Loading…")
                              : m_identityOnRecord.securityQuestion.isEmpty() ? tr("None on record")
                                                                             : tr("Recorded"));
}

void CustomerProfileEditor::fillLanguages(const QString &current)
{
    m_language->clear();
    QStringList codes = customerLanguageCodes();
    if (!current.isEmpty() && !codes.contains(current))
        codes << current;
    for (const QString &code : std::as_const(codes))
        m_language->addItem(customerLanguageName(code), code);
    m_language->setCurrentIndex(m_language->findData(current.isEmpty() ? QStringLiteral("en") : current));
}

void CustomerProfileEditor::watch(QWidget *field, Ui::FieldMessage *message)
{
    // A field's problem shows once the user leaves it and goes as soon as it is fixed.
    auto problemOf = [this, field] {
        for (const Check &check : checks()) {
            if (check.field == field)
                return check.problem;
        }
        return QString();
    };
    auto clearIfFixed = [message, problemOf] {
        if (!message->isHidden() && problemOf().isEmpty())
            message->setMessage({});
    };
    if (auto *edit = qobject_cast<QLineEdit *>(field)) {
        connect(edit, &QLineEdit::editingFinished, message, [message, problemOf] { message->setMessage(problemOf()); });
        connect(edit, &QLineEdit::textChanged, message, clearIfFixed);
    } else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field)) {
        connect(spin, &QAbstractSpinBox::editingFinished, message, [message, problemOf] { message->setMessage(problemOf()); });
        if (auto *date = qobject_cast<QDateEdit *>(field))
            connect(date, &QDateEdit::dateChanged, message, clearIfFixed);
        if (auto *number = qobject_cast<QSpinBox *>(field))
            connect(number, &QSpinBox::valueChanged, message, clearIfFixed);
    }
}

QList<CustomerProfileEditor::Check> CustomerProfileEditor::checks() const
{
    const Customer c = fromForm();
    const std::optional<SecurityEntry> security = securityEntry();
    return {
        {m_fullName, m_fullNameMessage, CustomerService::fullNameProblem(m_fullName->text())},
        {m_email, m_emailMessage, CustomerService::emailProblem(m_email->text())},
        {m_phone, m_phoneMessage, CustomerService::phoneProblem(m_phone->text(), m_phoneCountry)},
        {m_dateOfBirth, m_dateOfBirthMessage, m_module.customers().dateOfBirthProblem(c.dateOfBirth)},
        {m_householdSize, m_householdSizeMessage, CustomerService::householdSizeProblem(c.householdSize)},
        {m_nationalId.entry, m_nationalId.message, CustomerService::nationalIdProblem(m_nationalId.entry->text())},
        {m_bankAccount.entry, m_bankAccount.message, CustomerService::bankAccountProblem(m_bankAccount.entry->text())},
        // Both are needed once either is changed; the service hashes the answer with its question.
        {m_securityQuestion, m_securityQuestionMessage,
         security ? IdentityService::securityQuestionProblem(security->question) : QString()},
        {m_securityAnswerEntry, m_securityAnswerMessage,
         security ? IdentityService::securityAnswerProblem(security->answer) : QString()},
    };
}

QWidget *CustomerProfileEditor::validateAll()
{
    QWidget *first = nullptr;
    for (const Check &check : checks()) {
        check.message->setMessage(check.problem);
        if (!check.problem.isEmpty() && !first)
            first = check.field;
    }
    return first;
}

Customer CustomerProfileEditor::fromForm() const
{
    Customer c = m_loaded.value_or(Customer());
    c.fullName = m_fullName->text();
    c.givenName = m_givenName->text();
    c.familyName = m_familyName->text();
    c.customerClass = customerClassFromKey(m_class->currentData().toString()).value_or(CustomerClass::Residential);
    c.language = m_language->currentData().toString();
    c.email = m_email->text().trimmed();
    // The phone shows in international form; shown as loaded, it is the stored number.
    const QString phone = m_phone->text().trimmed();
    if (!m_loaded || phone != PhoneNumbers::formatInternational(m_loaded->phone))
        c.phone = phone;
    c.dateOfBirth = m_dateOfBirthUnknown->isChecked() || m_dateOfBirth->date() == UnknownDate ? QDate()
                                                                                             : m_dateOfBirth->date();
    c.incomeBand = m_incomeBand->currentData().toString();
    c.creditBand = m_creditBand->currentData().toString();
    c.businessType = m_businessType->text();
    c.householdSize = m_householdSize->value() == 0 ? std::nullopt : std::optional<int>(m_householdSize->value());
    // Nothing typed keeps what is stored; what is typed replaces it.
    for (const SensitiveRow *row : {&m_nationalId, &m_bankAccount}) {
        SensitiveValue &value = row->field == SensitiveField::NationalId ? c.nationalId : c.bankAccount;
        value.plaintext.reset();
        if (!row->entry->text().trimmed().isEmpty())
            value.plaintext = row->entry->text();
    }
    return c;
}

QStringList CustomerProfileEditor::changedFieldNames(const Customer &before, const Customer &after) const
{
    QStringList names;
    auto add = [&names](bool changed, const QString &name) {
        if (changed)
            names << name;
    };
    add(before.fullName.simplified() != after.fullName.simplified(), tr("full name"));
    add(before.givenName.simplified() != after.givenName.simplified(), tr("given name"));
    add(before.familyName.simplified() != after.familyName.simplified(), tr("family name"));
    add(before.customerClass != after.customerClass, tr("class"));
    add(before.language != after.language, tr("language"));
    add(before.email != after.email, tr("email"));
    add(before.phone != after.phone, tr("phone"));
    add(before.dateOfBirth != after.dateOfBirth, tr("date of birth"));
    add(before.incomeBand != after.incomeBand, tr("income band"));
    add(before.creditBand != after.creditBand, tr("credit band"));
    add(before.businessType.simplified() != after.businessType.simplified(), tr("business type"));
    add(before.householdSize != after.householdSize, tr("household size"));
    add(after.nationalId.plaintext.has_value(), tr("national id"));
    add(after.bankAccount.plaintext.has_value(), tr("bank account"));
    return names;
}

bool CustomerProfileEditor::hasUnsavedChanges() const
{
    if (!m_loaded)
        return false;
    return !changedFieldNames(*m_loaded, fromForm()).isEmpty() || securityEntry().has_value();
}

std::optional<CustomerProfileEditor::SecurityEntry> CustomerProfileEditor::securityEntry() const
{
    if (!m_loaded)
        return std::nullopt;
    const QString question = m_securityQuestion->text().simplified();
    const QString answer = m_securityAnswerEntry->text();
    if (answer.trimmed().isEmpty() && question == m_identityOnRecord.securityQuestion.simplified())
        return std::nullopt;
    return SecurityEntry{question, answer};
}

void CustomerProfileEditor::setBusy(bool busy)
{
    m_busy += busy ? 1 : -1;
    updateEditable();
}

void CustomerProfileEditor::updateEditable()
{
    const bool canEdit = m_user.can(Core::Permission::EditCustomers);
    const bool shown = m_loaded.has_value();
    for (QLineEdit *edit : {m_fullName, m_givenName, m_familyName, m_email, m_phone, m_businessType,
                            m_nationalId.entry, m_bankAccount.entry, m_securityQuestion, m_securityAnswerEntry}) {
        edit->setEnabled(shown);
        edit->setReadOnly(!canEdit);
    }
    m_nationalId.entry->setVisible(canEdit);
    m_bankAccount.entry->setVisible(canEdit);
    m_securityAnswerEntry->setVisible(canEdit);
    for (QWidget *field : std::initializer_list<QWidget *>{m_class, m_language, m_incomeBand, m_creditBand,
                                                           m_householdSize, m_dateOfBirthUnknown})
        field->setEnabled(shown && canEdit);
    m_dateOfBirth->setEnabled(shown && canEdit && !m_dateOfBirthUnknown->isChecked());
    const bool mayReveal = m_user.can(Core::Permission::ViewSensitiveData);
    for (SensitiveRow *row : {&m_nationalId, &m_bankAccount}) {
        const SensitiveValue &value = !m_loaded ? SensitiveValue()
                                      : row->field == SensitiveField::NationalId ? m_loaded->nationalId
                                                                                 : m_loaded->bankAccount;
        row->reveal->setEnabled(mayReveal && value.stored && !row->revealed && m_busy == 0);
    }
    m_save->setEnabled(shown && canEdit && m_busy == 0);
    m_saveAction->setEnabled(m_save->isEnabled());
    m_revert->setEnabled(shown && canEdit && m_busy == 0);
}

void CustomerProfileEditor::showSensitive(SensitiveRow &row, const SensitiveValue &value)
{
    if (row.revealed)
        return;
    row.value->setText(value.stored ? value.masked() : tr("None on record"));
    if (!m_user.can(Core::Permission::ViewSensitiveData))
        row.reveal->setToolTip(tr("You may not view sensitive customer data: ask a supervisor."));
}

void CustomerProfileEditor::showSecurity(const IdentityOnRecord &onRecord)
{
    m_identityOnRecord = onRecord;
    m_securityQuestion->setText(onRecord.securityQuestion);
    m_securityAnswerEntry->clear();
    retranslateUi();
}

void CustomerProfileEditor::showCustomer(const Customer &c)
{
    m_fullName->setText(c.fullName);
    m_givenName->setText(c.givenName);
    m_familyName->setText(c.familyName);
    m_class->setCurrentIndex(m_class->findData(customerClassKey(c.customerClass)));
    fillLanguages(c.language);
    m_email->setText(c.email);
    m_phone->setText(PhoneNumbers::formatInternational(c.phone));
    m_dateOfBirthUnknown->setChecked(!c.dateOfBirth.isValid());
    m_dateOfBirth->setDate(c.dateOfBirth.isValid() ? c.dateOfBirth : UnknownDate);
    m_incomeBand->setCurrentIndex(qMax(0, m_incomeBand->findData(c.incomeBand)));
    m_creditBand->setCurrentIndex(qMax(0, m_creditBand->findData(c.creditBand)));
    m_businessType->setText(c.businessType);
    m_householdSize->setValue(c.householdSize.value_or(0));
    for (SensitiveRow *row : {&m_nationalId, &m_bankAccount}) {
        row->revealed = false;
        row->entry->clear();
        showSensitive(*row, row->field == SensitiveField::NationalId ? c.nationalId : c.bankAccount);
    }
    for (const Check &check : checks())
        check.message->setMessage({});
    updateEditable();
}

void CustomerProfileEditor::reload()
{
    if (m_customerId.isEmpty())
        return;
    setBusy(true);
    CustomerService &customers = m_module.customers();
    IdentityService &identity = m_module.identity();
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    struct Loaded {
        Customer customer;
        QString phoneCountry;
        IdentityOnRecord onRecord;
    };
    Ui::runInBackground(
        m_module.context().database, this,
        [&customers, &identity, user, id] {
            return Loaded{customers.get(user, id), customers.phoneCountry(user, id), identity.onRecord(user, id)};
        },
        [this](const Loaded &result) {
            setBusy(false);
            m_loaded = result.customer;
            m_phoneCountry = result.phoneCountry;
            showSecurity(result.onRecord);
            showCustomer(result.customer);
            emit loaded();
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showMessage(Ui::MessageBar::Type::Error, tr("The profile could not be loaded: %1").arg(error),
                                    tr("T&ry again"), [this] { reload(); });
        });
}

void CustomerProfileEditor::revert()
{
    if (!m_loaded)
        return;
    showSecurity(m_identityOnRecord);
    showCustomer(*m_loaded);
    m_messages->dismiss();
}

void CustomerProfileEditor::save()
{
    if (!m_loaded || isBusy() || !m_user.can(Core::Permission::EditCustomers))
        return;
    if (QWidget *bad = validateAll()) {
        bad->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (!hasUnsavedChanges()) {
        m_messages->showInformation(tr("Nothing to save: no field was changed."));
        return;
    }
    store(fromForm(), false, *m_loaded, securityEntry());
}

void CustomerProfileEditor::store(const Customer &customer, bool isUndo, const Customer &previous,
                                  const std::optional<SecurityEntry> &security)
{
    m_messages->dismiss();
    setBusy(true);
    CustomerService &customers = m_module.customers();
    IdentityService &identity = m_module.identity();
    const Core::UserContext user = m_user;
    // A new security answer alone leaves the customer row (and its audit trail) untouched.
    const bool updateCustomer = isUndo || !changedFieldNames(previous, customer).isEmpty();
    // Set on the worker thread, read once the result is delivered.
    auto conflict = std::make_shared<bool>(false);
    const QStringList sensitiveNames = [&] {
        QStringList names;
        if (customer.nationalId.plaintext)
            names << tr("national id");
        if (customer.bankAccount.plaintext)
            names << tr("bank account");
        return names;
    }();
    struct Saved {
        Customer customer;
        IdentityOnRecord onRecord;
        QString securityError;   ///< the profile was saved, the security answer not
    };
    Ui::runInBackground(
        m_module.context().database, this,
        [&customers, &identity, user, customer, updateCustomer, security, conflict] {
            Saved saved;
            try {
                saved.customer = updateCustomer ? customers.update(user, customer) : customers.get(user, customer.id);
            } catch (const Core::Error &e) {
                *conflict = e.kind() == Core::Error::Kind::Conflict;
                throw;
            }
            if (security) {
                try {
                    identity.setSecurityAnswer(user, customer.id, security->question, security->answer);
                } catch (const Core::Error &e) {
                    if (!updateCustomer)
                        throw;
                    saved.securityError = e.message();
                }
            }
            saved.onRecord = identity.onRecord(user, customer.id);
            return saved;
        },
        [this, isUndo, previous, sensitiveNames, security, updateCustomer](const Saved &saved) {
            setBusy(false);
            const Customer &stored = saved.customer;
            QStringList names = changedFieldNames(previous, stored);
            names.removeAll(tr("national id"));
            names.removeAll(tr("bank account"));
            names << sensitiveNames;
            const bool securitySet = security && saved.securityError.isEmpty();
            if (securitySet)
                names << tr("security answer");
            m_loaded = stored;
            // What could not be saved stays as typed, to be fixed and saved again.
            const QString typedQuestion = m_securityQuestion->text();
            const QString typedAnswer = m_securityAnswerEntry->text();
            showSecurity(saved.onRecord);
            showCustomer(stored);
            if (!saved.securityError.isEmpty()) {
                m_securityQuestion->setText(typedQuestion);
                m_securityAnswerEntry->setText(typedAnswer);
            }
            emit loaded();
            const QString list = names.join(QStringLiteral(", "));
            if (m_view) {
                if (!names.isEmpty())
                    m_view->noteActivity(isUndo ? tr("Profile change undone: %1").arg(list)
                                                : tr("Profile changed: %1").arg(list));
                m_view->refresh();
            }
            if (!saved.securityError.isEmpty()) {
                m_messages->showError(tr("The profile was saved, but the security answer was not: %1")
                                          .arg(saved.securityError));
                emit saveFailed(saved.securityError);
                return;
            }
            if (isUndo) {
                m_messages->showInformation(tr("Undone: %1 as before.").arg(list));
                return;
            }
            if (names.isEmpty()) {
                m_messages->showInformation(tr("Saved; no stored value changed."));
                return;
            }
            if (!updateCustomer) {
                // Only the security answer changed: the earlier one was never read, so there
                // is nothing to put back.
                m_messages->showInformation(tr("Changed %1.").arg(list));
                return;
            }
            // Undo saves the earlier values back. A sensitive value or security answer cannot
            // be put back: it was never read, so the new one stays.
            Customer back = previous;
            m_messages->showMessage(Ui::MessageBar::Type::Information, tr("Changed %1.").arg(list), tr("Und&o"),
                                    [this, back]() mutable {
                                        if (!m_loaded)
                                            return;
                                        back.updatedAt = m_loaded->updatedAt;
                                        back.nationalId = {m_loaded->nationalId.stored, std::nullopt};
                                        back.bankAccount = {m_loaded->bankAccount.stored, std::nullopt};
                                        store(back, true, *m_loaded);
                                    });
        },
        [this, conflict](const QString &error) {
            setBusy(false);
            // Every value stays as typed, so nothing is lost and only what the sentence
            // names needs fixing.
            if (*conflict) {
                m_messages->showMessage(Ui::MessageBar::Type::Error, error, tr("&Load the stored values"),
                                        [this] { reload(); });
            } else {
                m_messages->showError(error);
            }
            emit saveFailed(error);
        });
}

void CustomerProfileEditor::reveal(SensitiveRow &row)
{
    if (!m_loaded || !m_user.can(Core::Permission::ViewSensitiveData))
        return;
    setBusy(true);
    CustomerService &customers = m_module.customers();
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    const SensitiveField field = row.field;
    SensitiveRow *target = &row;
    Ui::runInBackground(
        m_module.context().database, this, [&customers, user, id, field] { return customers.revealSensitive(user, id, field); },
        [this, target](const QString &value) {
            target->value->setText(value);
            target->revealed = true;
            setBusy(false);
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(error);
        });
}

CustomerProfileEditor::~CustomerProfileEditor()
{
    Ui::disconnectChildren(this);
}

} // namespace Ud::Accounts
