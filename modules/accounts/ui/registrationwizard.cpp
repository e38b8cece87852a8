#include "registrationwizard.h"

#include <accounts/accountsmodule.h>
#include <accounts/accountservice.h>
#include <accounts/identityservice.h>
#include <accounts/marketrules.h>
#include <accounts/phonenumbers.h>
#include <core/error.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>
#include <core/ui/optionaldatetyping.h>

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTimeZone>
#include <QVBoxLayout>

#include <iterator>

namespace Ud::Accounts {

namespace {
using Field = RegistrationService::Field;

const QStringList &languageCodes()
{
    static const QStringList codes{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es"),
                                   QStringLiteral("zh_CN")};
    return codes;
}

QLabel *valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}
} // namespace

RegistrationWizard::RegistrationWizard(AccountsModule &module, Core::UserContext user, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user))
{
    setObjectName(QStringLiteral("registrationWizard"));
    m_messages = new Ui::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("registrationMessages"));
    m_step = new QLabel(this);
    m_step->setObjectName(QStringLiteral("registrationStep"));
    QFont stepFont = m_step->font();
    stepFont.setBold(true);
    m_step->setFont(stepFont);

    // The duplicate warning stays above the pages, so it is seen whichever page is shown.
    auto *panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("duplicateWarning"));
    panel->setFrameShape(QFrame::StyledPanel);
    m_duplicatePanel = panel;
    auto *icon = new QLabel(panel);
    const int extent = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(extent, extent));
    m_duplicateText = new QLabel(panel);
    m_duplicateText->setObjectName(QStringLiteral("duplicateText"));
    m_duplicateText->setWordWrap(true);
    m_duplicateButtons = new QVBoxLayout;
    auto *panelText = new QVBoxLayout;
    panelText->addWidget(m_duplicateText);
    panelText->addLayout(m_duplicateButtons);
    auto *panelLayout = new QHBoxLayout(panel);
    panelLayout->addWidget(icon, 0, Qt::AlignTop);
    panelLayout->addLayout(panelText, 1);
    panel->hide();

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildCustomerPage());
    m_pages->addWidget(buildPremisePage());
    m_pages->addWidget(buildAccountPage());
    m_pages->addWidget(buildReviewPage());
    // At 1024x768 with long Spanish labels a page may not fit: let it scroll rather than clip.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("backButton"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_register = new QPushButton(this);
    m_register->setObjectName(QStringLiteral("registerButton"));
    connect(m_cancel, &QPushButton::clicked, this, &RegistrationWizard::cancelled);
    connect(m_back, &QPushButton::clicked, this, &RegistrationWizard::goBack);
    connect(m_next, &QPushButton::clicked, this, &RegistrationWizard::goNext);
    connect(m_register, &QPushButton::clicked, this, &RegistrationWizard::submit);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(m_register);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_step);
    layout->addWidget(m_duplicatePanel);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    retranslateUi();
    showPage(CustomerPage);
    loadMarkets();
}

QLineEdit *RegistrationWizard::lineEdit(const char *objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    return edit;
}

void RegistrationWizard::addField(QFormLayout *form, QLabel *label, QWidget *editor, Field field, Page page)
{
    label->setBuddy(editor);
    form->addRow(label, editor);
    auto *message = new Ui::FieldMessage(editor, form->parentWidget());
    message->setObjectName(editor->objectName() + QStringLiteral("Message"));
    form->addRow(QString(), message);
    const qsizetype index = m_fields.size();
    m_fields.append({field, editor, message, page});
    auto check = [this, index] { checkField(m_fields.at(index)); };
    // Checked when the agent leaves the field; once shown, the message goes as soon as it is fixed.
    auto recheck = [this, index] {
        const FieldRow &row = m_fields.at(index);
        if (!row.message->isHidden() && RegistrationService::problem(row.field, registration(), m_module.registrations().today()).isEmpty())
            row.message->setMessage({});
    };
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        connect(edit, &QLineEdit::editingFinished, this, check);
        connect(edit, &QLineEdit::textChanged, this, recheck);
    } else if (auto *date = qobject_cast<QDateEdit *>(editor)) {
        connect(date, &QDateEdit::editingFinished, this, check);
        connect(date, &QDateEdit::dateChanged, this, recheck);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        connect(combo, &QComboBox::currentIndexChanged, this, recheck);
    }
}

QWidget *RegistrationWizard::buildCustomerPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_fullNameLabel = new QLabel(page);
    m_fullName = lineEdit("fullName", page);
    addField(form, m_fullNameLabel, m_fullName, Field::FullName, CustomerPage);
    m_classLabel = new QLabel(page);
    m_class = new QComboBox(page);
    m_class->setObjectName(QStringLiteral("customerClass"));
    for (CustomerClass c : allCustomerClasses())
        m_class->addItem(QString(), customerClassKey(c));
    m_classLabel->setBuddy(m_class);
    form->addRow(m_classLabel, m_class);
    m_languageLabel = new QLabel(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    for (const QString &code : languageCodes())
        m_language->addItem(QString(), code);
    connect(m_language, &QComboBox::activated, this, [this] { m_languageEdited = true; });
    m_languageLabel->setBuddy(m_language);
    form->addRow(m_languageLabel, m_language);
    m_phoneLabel = new QLabel(page);
    m_phone = lineEdit("phone", page);
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    addField(form, m_phoneLabel, m_phone, Field::Phone, CustomerPage);
    m_emailLabel = new QLabel(page);
    m_email = lineEdit("email", page);
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    addField(form, m_emailLabel, m_email, Field::Email, CustomerPage);
    m_birthLabel = new QLabel(page);
    m_dateOfBirth = new QDateEdit(page);
    m_dateOfBirth->setObjectName(QStringLiteral("dateOfBirth"));
    m_dateOfBirth->setCalendarPopup(true);
    // The day before the first allowed date stands for "not given".
    m_dateOfBirth->setMinimumDate(QDate(1899, 12, 31));
    m_dateOfBirth->setMaximumDate(m_module.registrations().today());
    m_dateOfBirth->setDate(m_dateOfBirth->minimumDate());
    m_dateOfBirth->setDisplayFormat(Ui::typableDateFormat());
    // "Not given" is the minimum date; a digit typed over it starts a date.
    Ui::OptionalDateTyping::install(m_dateOfBirth, QDate(1980, 1, 1));
    addField(form, m_birthLabel, m_dateOfBirth, Field::DateOfBirth, CustomerPage);

    // Optional; checked by IdentityService's rules, not RegistrationService's, since the
    // identity service stores it.
    m_securityQuestionLabel = new QLabel(page);
    m_securityQuestion = lineEdit("securityQuestion", page);
    m_securityAnswerLabel = new QLabel(page);
    m_securityAnswer = lineEdit("securityAnswer", page);
    // Readable while typed, so the agent can check what they heard; masked once left.
    m_securityAnswer->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    const auto addSecurity = [this, form, page](QLabel *label, QLineEdit *edit, Ui::FieldMessage *&message,
                                                QString (RegistrationWizard::*problem)() const) {
        label->setBuddy(edit);
        form->addRow(label, edit);
        message = new Ui::FieldMessage(edit, page);
        message->setObjectName(edit->objectName() + QStringLiteral("Message"));
        form->addRow(QString(), message);
        connect(edit, &QLineEdit::editingFinished, this, [this, message, problem] { message->setMessage((this->*problem)()); });
        connect(edit, &QLineEdit::textChanged, this, [this, message, problem] {
            if (!message->isHidden() && (this->*problem)().isEmpty())
                message->setMessage({});
        });
    };
    addSecurity(m_securityQuestionLabel, m_securityQuestion, m_securityQuestionMessage,
                &RegistrationWizard::securityQuestionProblem);
    addSecurity(m_securityAnswerLabel, m_securityAnswer, m_securityAnswerMessage,
                &RegistrationWizard::securityAnswerProblem);
    return page;
}

bool RegistrationWizard::hasSecurityAnswer() const
{
    return !m_securityQuestion->text().trimmed().isEmpty() || !m_securityAnswer->text().trimmed().isEmpty();
}

QString RegistrationWizard::securityQuestionProblem() const
{
    return hasSecurityAnswer() ? IdentityService::securityQuestionProblem(m_securityQuestion->text()) : QString();
}

QString RegistrationWizard::securityAnswerProblem() const
{
    return hasSecurityAnswer() ? IdentityService::securityAnswerProblem(m_securityAnswer->text()) : QString();
}

QWidget *RegistrationWizard::buildPremisePage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_marketLabel = new QLabel(page);
    m_market = new QComboBox(page);
    m_market->setObjectName(QStringLiteral("market"));
    m_market->setEnabled(false);
    connect(m_market, &QComboBox::currentIndexChanged, this, &RegistrationWizard::marketChanged);
    addField(form, m_marketLabel, m_market, Field::Market, PremisePage);
    m_line1Label = new QLabel(page);
    m_line1 = lineEdit("addressLine1", page);
    addField(form, m_line1Label, m_line1, Field::AddressLine1, PremisePage);
    m_line2Label = new QLabel(page);
    m_line2 = lineEdit("addressLine2", page);
    addField(form, m_line2Label, m_line2, Field::AddressLine2, PremisePage);
    m_cityLabel = new QLabel(page);
    m_city = lineEdit("city", page);
    addField(form, m_cityLabel, m_city, Field::City, PremisePage);
    m_postcodeLabel = new QLabel(page);
    m_postcode = lineEdit("postcode", page);
    addField(form, m_postcodeLabel, m_postcode, Field::Postcode, PremisePage);
    connect(m_postcode, &QLineEdit::editingFinished, this, &RegistrationWizard::postcodeFinished);
    m_timeZoneLabel = new QLabel(page);
    m_timeZone = lineEdit("timeZone", page);
    QStringList zones;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        zones << QString::fromLatin1(id);
    auto *completer = new QCompleter(zones, m_timeZone);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_timeZone->setCompleter(completer);
    // Preset from the market and postcode until the agent types a zone of their own.
    connect(m_timeZone, &QLineEdit::textEdited, this, [this](const QString &text) { m_timeZoneEdited = !text.isEmpty(); });
    connect(m_timeZone, &QLineEdit::editingFinished, this, [this] {
        if (m_timeZone->text().trimmed().isEmpty()) {
            m_timeZoneEdited = false;
            presetTimeZone();
        }
    });
    addField(form, m_timeZoneLabel, m_timeZone, Field::TimeZone, PremisePage);
    return page;
}

QWidget *RegistrationWizard::buildAccountPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_paymentLabel = new QLabel(page);
    m_paymentType = new QComboBox(page);
    m_paymentType->setObjectName(QStringLiteral("paymentType"));
    for (PaymentType type : {PaymentType::Postpaid, PaymentType::Prepaid})
        m_paymentType->addItem(QString(), paymentTypeKey(type));
    m_paymentLabel->setBuddy(m_paymentType);
    form->addRow(m_paymentLabel, m_paymentType);
    m_startLabel = new QLabel(page);
    m_startDate = new QDateEdit(page);
    m_startDate->setObjectName(QStringLiteral("startDate"));
    m_startDate->setCalendarPopup(true);
    const QDate today = m_module.registrations().today();
    m_startDate->setDateRange(today.addDays(-RegistrationService::MaxDaysBack),
                              today.addDays(RegistrationService::MaxDaysAhead));
    m_startDate->setDate(today);
    addField(form, m_startLabel, m_startDate, Field::StartDate, AccountPage);
    return page;
}

QWidget *RegistrationWizard::buildReviewPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("reviewPage"));
    auto *layout = new QVBoxLayout(page);
    m_reviewIntro = new QLabel(page);
    m_reviewIntro->setWordWrap(true);
    m_reviewForm = new QFormLayout;
    layout->addWidget(m_reviewIntro);
    layout->addLayout(m_reviewForm);
    layout->addStretch(1);
    return page;
}

void RegistrationWizard::loadMarkets()
{
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_module.context().database, this, [module, user] { return module->accounts().markets(user); },
        [this](const QList<Market> &markets) {
            m_markets = markets;
            const QString local = QLocale::territoryToCode(QLocale().territory());
            int preferred = -1;
            for (const Market &m : markets) {
                m_market->addItem(QStringLiteral("%1 (%2)").arg(m.name, m.currency), m.code);
                if (preferred < 0 && m.country == local)
                    preferred = m_market->count() - 1;
                if (preferred < 0 && m.code == QLatin1String("GB"))
                    preferred = m_market->count() - 1;
            }
            m_market->setCurrentIndex(preferred >= 0 ? preferred : 0);
            m_market->setEnabled(true);
            marketChanged();
        },
        [this](const QString &error) { m_messages->showError(tr("Could not load the markets: %1").arg(error)); });
}

QString RegistrationWizard::currentCountry() const
{
    const QString code = m_market->currentData().toString();
    for (const Market &m : m_markets) {
        if (m.code == code)
            return m.country;
    }
    return {};
}

RegistrationWizard::Page RegistrationWizard::currentPage() const
{
    return Page(m_pages->currentIndex());
}

NewRegistration RegistrationWizard::registration() const
{
    NewRegistration r;
    r.customer.fullName = m_fullName->text();
    r.customer.customerClass = customerClassFromKey(m_class->currentData().toString()).value_or(CustomerClass::Residential);
    r.customer.language = m_language->currentData().toString();
    r.customer.phone = m_phone->text();
    r.customer.email = m_email->text();
    if (m_dateOfBirth->date() != m_dateOfBirth->minimumDate())
        r.customer.dateOfBirth = m_dateOfBirth->date();
    r.premise.addressLine1 = m_line1->text();
    r.premise.addressLine2 = m_line2->text();
    r.premise.city = m_city->text();
    r.premise.postcode = m_postcode->text();
    r.premise.timeZone = m_timeZone->text();
    r.premise.country = currentCountry();
    r.marketCode = m_market->currentData().toString();
    r.paymentType = paymentTypeFromKey(m_paymentType->currentData().toString()).value_or(PaymentType::Postpaid);
    r.startDate = m_startDate->date();
    for (const DuplicateCandidate &c : m_duplicates)
        r.acknowledgedDuplicates << c.customerId;
    return r;
}

void RegistrationWizard::checkField(const FieldRow &row)
{
    row.message->setMessage(RegistrationService::problem(row.field, registration(), m_module.registrations().today()));
}

bool RegistrationWizard::validate(Page page)
{
    const NewRegistration r = registration();
    const QDate today = m_module.registrations().today();
    const FieldRow *first = nullptr;
    for (const FieldRow &row : std::as_const(m_fields)) {
        if (row.page > page)
            continue;
        const QString problem = RegistrationService::problem(row.field, r, today);
        row.message->setMessage(problem);
        if (!problem.isEmpty() && !first)
            first = &row;
    }
    // The security fields come last on the Customer page, before any later page's.
    QWidget *firstSecurity = nullptr;
    m_securityQuestionMessage->setMessage(securityQuestionProblem());
    m_securityAnswerMessage->setMessage(securityAnswerProblem());
    if (!securityQuestionProblem().isEmpty())
        firstSecurity = m_securityQuestion;
    else if (!securityAnswerProblem().isEmpty())
        firstSecurity = m_securityAnswer;
    if (firstSecurity && (!first || first->page > CustomerPage)) {
        if (currentPage() != CustomerPage)
            showPage(CustomerPage);
        firstSecurity->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (!first)
        return true;
    if (first->page != currentPage())
        showPage(first->page);
    first->editor->setFocus(Qt::OtherFocusReason);
    return false;
}

void RegistrationWizard::showPage(Page page)
{
    m_pages->setCurrentIndex(page);
    if (page == ReviewPage)
        fillReview();
    retranslateUi();
    QWidget *focus = nullptr;
    switch (page) {
    case CustomerPage: focus = m_fullName; break;
    case PremisePage: focus = m_line1; break;
    case AccountPage: focus = m_paymentType; break;
    case ReviewPage: focus = m_register; break;
    }
    focus->setFocus(Qt::OtherFocusReason);
}

void RegistrationWizard::goNext()
{
    const Page page = currentPage();
    if (page == ReviewPage || !validate(page))
        return;
    // Customer and premise are known from here on: look for who this might already be.
    if (page >= PremisePage)
        checkDuplicates();
    showPage(Page(page + 1));
}

void RegistrationWizard::goBack()
{
    if (currentPage() > CustomerPage)
        showPage(Page(currentPage() - 1));
}

void RegistrationWizard::marketChanged()
{
    const QString country = currentCountry();
    if (!m_languageEdited && !MarketRules::defaultLanguage(country).isEmpty()) {
        const int index = m_language->findData(MarketRules::defaultLanguage(country));
        if (index >= 0)
            m_language->setCurrentIndex(index);
    }
    presetTimeZone();
    m_postcode->setPlaceholderText(MarketRules::postcodeExample(country));
    m_phone->setPlaceholderText(MarketRules::phoneExample(country));
    // What was fine in one country may not be in another.
    for (const FieldRow &row : std::as_const(m_fields)) {
        if ((row.field == Field::Phone && !m_phone->text().trimmed().isEmpty())
            || (row.field == Field::Postcode && !m_postcode->text().trimmed().isEmpty()))
            checkField(row);
    }
}

void RegistrationWizard::postcodeFinished()
{
    const MarketRules::Check check = MarketRules::postcode(currentCountry(), m_postcode->text());
    if (check.ok() && !check.value.isEmpty() && check.value != m_postcode->text())
        m_postcode->setText(check.value);
    presetTimeZone();
}

void RegistrationWizard::presetTimeZone()
{
    if (m_timeZoneEdited)
        return;
    m_timeZone->setText(MarketRules::defaultTimeZone(currentCountry(), m_postcode->text()));
}

void RegistrationWizard::checkDuplicates()
{
    const int generation = ++m_duplicateGeneration;
    m_checkingDuplicates = true;
    updateButtons();
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    const NewRegistration r = registration();
    Ui::runInBackground(
        m_module.context().database, this, [module, user, r] { return module->registrations().findDuplicates(user, r); },
        [this, generation](const QList<DuplicateCandidate> &candidates) {
            if (generation != m_duplicateGeneration)
                return;
            m_checkingDuplicates = false;
            showDuplicates(candidates);
            updateButtons();
        },
        [this, generation](const QString &error) {
            if (generation != m_duplicateGeneration)
                return;
            m_checkingDuplicates = false;
            showDuplicates({});
            m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                    tr("Could not check for existing customers: %1").arg(error));
            updateButtons();
        });
}

void RegistrationWizard::showDuplicates(const QList<DuplicateCandidate> &candidates)
{
    m_duplicates = candidates;
    while (QLayoutItem *item = m_duplicateButtons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_duplicatePanel->setVisible(!candidates.isEmpty());
    if (candidates.isEmpty())
        return;
    constexpr int Shown = 5;
    for (qsizetype i = 0; i < candidates.size() && i < Shown; ++i) {
        const DuplicateCandidate &c = candidates.at(i);
        QStringList rules;
        for (DuplicateRule rule : c.matched)
            rules << duplicateRuleName(rule);
        auto *row = new QWidget(m_duplicatePanel);
        auto *label = valueLabel(tr("%1 (%2), %3: %4")
                                     .arg(c.fullName, c.customerNumber,
                                          c.address.isEmpty() ? tr("no address on record") : c.address,
                                          rules.join(QStringLiteral(", "))),
                                 row);
        auto *open = new QPushButton(tr("Open %1").arg(c.customerNumber), row);
        open->setObjectName(QStringLiteral("openDuplicate_") + c.customerNumber);
        const QString id = c.customerId;
        connect(open, &QPushButton::clicked, this, [this, id] { emit openCustomerRequested(id); });
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->addWidget(label, 1);
        rowLayout->addWidget(open);
        m_duplicateButtons->addWidget(row);
    }
    if (candidates.size() > Shown) {
        m_duplicateButtons->addWidget(
            valueLabel(tr("and %n more.", nullptr, int(candidates.size() - Shown)), m_duplicatePanel));
    }
    retranslateUi();
}

void RegistrationWizard::fillReview()
{
    while (m_reviewForm->rowCount() > 0)
        m_reviewForm->removeRow(0);
    const NewRegistration r = RegistrationService::normalised(registration());
    const QString notGiven = tr("Not given");
    QWidget *page = m_pages->widget(ReviewPage);
    auto row = [&](const QString &label, const QString &value) {
        m_reviewForm->addRow(label, valueLabel(value.isEmpty() ? notGiven : value, page));
    };
    row(tr("Name:"), r.customer.fullName);
    row(tr("Customer class:"), customerClassName(r.customer.customerClass));
    row(tr("Language:"), m_language->currentText());
    row(tr("Phone:"), PhoneNumbers::formatInternational(r.customer.phone));
    row(tr("Email:"), r.customer.email);
    row(tr("Date of birth:"), r.customer.dateOfBirth.isValid()
                                  ? QLocale().toString(r.customer.dateOfBirth, QLocale::ShortFormat) : QString());
    // The answer is never shown back, only that there is one.
    row(tr("Security question:"), hasSecurityAnswer() ? m_securityQuestion->text().simplified() : QString());
    row(tr("Security answer:"), hasSecurityAnswer() ? tr("Recorded") : QString());
    row(tr("Market:"), m_market->currentText());
    row(tr("Address:"), r.premise.singleLineAddress());
    row(tr("Time zone:"), r.premise.timeZone);
    row(tr("Payment type:"), paymentTypeName(r.paymentType));
    row(tr("Start date:"), QLocale().toString(r.startDate, QLocale::ShortFormat));
}

void RegistrationWizard::submit()
{
    if (m_busy || m_checkingDuplicates || !m_registeredId.isEmpty() || !validate(ReviewPage))
        return;
    m_messages->dismiss();
    setBusy(true);
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    const NewRegistration r = registration();
    const bool withSecurity = hasSecurityAnswer();
    const QString question = m_securityQuestion->text();
    const QString answer = m_securityAnswer->text();
    struct Done {
        Registration registration;
        QString securityError;   ///< registered, but the security answer was not set
    };
    Ui::runInBackground(
        m_module.context().database, this,
        [module, user, r, withSecurity, question, answer] {
            Done done{module->registrations().registerCustomer(user, r), {}};
            if (withSecurity) {
                // The customer is stored by now: a failure here must not make the agent
                // register them again, so it is reported, not thrown.
                try {
                    module->identity().setSecurityAnswer(user, done.registration.customer.id, question, answer);
                } catch (const Core::Error &e) {
                    done.securityError = e.message();
                }
            }
            return done;
        },
        [this](const Done &result) {
            setBusy(false);
            const Registration &done = result.registration;
            m_registeredId = done.customer.id;
            m_securityAnswer->clear();
            const QString registeredText = tr("%1 is registered as customer %2, with account %3.")
                                               .arg(done.customer.fullName, done.customer.customerNumber,
                                                    done.account.accountNumber);
            if (result.securityError.isEmpty())
                m_messages->showInformation(registeredText);
            else
                m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                        tr("%1 The security answer was not set: %2 Set it in the customer's profile.")
                                            .arg(registeredText, result.securityError));
            updateButtons();
            emit registered(done.customer.id);
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(tr("The customer was not registered: %1").arg(error));
        });
}

void RegistrationWizard::reset()
{
    for (QLineEdit *edit : {m_fullName, m_phone, m_email, m_securityQuestion, m_securityAnswer, m_line1, m_line2, m_city,
                            m_postcode})
        edit->clear();
    m_class->setCurrentIndex(0);
    m_dateOfBirth->setDate(m_dateOfBirth->minimumDate());
    m_paymentType->setCurrentIndex(0);
    m_startDate->setDate(m_module.registrations().today());
    m_timeZoneEdited = false;
    m_languageEdited = false;
    m_registeredId.clear();
    ++m_duplicateGeneration;
    m_checkingDuplicates = false;
    showDuplicates({});
    for (const FieldRow &row : std::as_const(m_fields))
        row.message->setMessage({});
    m_securityQuestionMessage->setMessage({});
    m_securityAnswerMessage->setMessage({});
    m_messages->dismiss();
    marketChanged();
    showPage(CustomerPage);
}

void RegistrationWizard::setBusy(bool busy)
{
    m_busy = busy;
    m_pages->setEnabled(!busy);
    updateButtons();
}

void RegistrationWizard::updateButtons()
{
    const Page page = currentPage();
    const bool done = !m_registeredId.isEmpty();
    m_back->setEnabled(page > CustomerPage && !m_busy && !done);
    m_next->setVisible(page != ReviewPage);
    m_next->setEnabled(!m_busy);
    m_register->setVisible(page == ReviewPage);
    m_register->setEnabled(!m_busy && !m_checkingDuplicates && !done);
    m_register->setText(m_duplicates.isEmpty() ? tr("&Register") : tr("Register &anyway"));
}

void RegistrationWizard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RegistrationWizard::retranslateUi()
{
    const QString titles[] = {tr("Customer"), tr("Premise"), tr("Account"), tr("Review")};
    m_step->setText(tr("Step %1 of %2: %3").arg(currentPage() + 1).arg(4).arg(titles[currentPage()]));
    m_fullNameLabel->setText(tr("Full na&me:"));
    m_classLabel->setText(tr("Customer &class:"));
    m_languageLabel->setText(tr("&Language:"));
    m_phoneLabel->setText(tr("&Phone:"));
    m_emailLabel->setText(tr("&Email:"));
    m_birthLabel->setText(tr("Date of bi&rth:"));
    m_dateOfBirth->setSpecialValueText(tr("Not given"));
    m_securityQuestionLabel->setText(tr("Security &question:"));
    m_securityQuestion->setPlaceholderText(tr("Optional: a question only the customer can answer"));
    m_securityAnswerLabel->setText(tr("Security ans&wer:"));
    for (int i = 0; i < m_class->count(); ++i) {
        if (const auto c = customerClassFromKey(m_class->itemData(i).toString()))
            m_class->setItemText(i, customerClassName(*c));
    }
    // The languages customers are served in (Customer::language holds the code).
    const QString languageNames[] = {tr("English"), tr("German"), tr("Spanish"), tr("Chinese (simplified)")};
    for (int i = 0; i < m_language->count() && i < int(std::size(languageNames)); ++i)
        m_language->setItemText(i, languageNames[i]);
    m_marketLabel->setText(tr("&Market:"));
    m_line1Label->setText(tr("Address line &1:"));
    m_line2Label->setText(tr("Address line &2:"));
    m_cityLabel->setText(tr("C&ity:"));
    m_postcodeLabel->setText(tr("Post&code:"));
    m_timeZoneLabel->setText(tr("&Time zone:"));
    m_paymentLabel->setText(tr("Pa&yment type:"));
    for (int i = 0; i < m_paymentType->count(); ++i) {
        if (const auto type = paymentTypeFromKey(m_paymentType->itemData(i).toString()))
            m_paymentType->setItemText(i, paymentTypeName(*type));
    }
    m_startLabel->setText(tr("&Start date:"));
    m_reviewIntro->setText(tr("Check the details with the caller, then register."));
    m_duplicateText->setText(m_duplicates.size() == 1
                                 ? tr("This may be a customer already on record. Open them if the caller is that "
                                      "customer, or register anyway.")
                                 : tr("These may be customers already on record. Open one if the caller is that "
                                      "customer, or register anyway."));
    m_cancel->setText(tr("Cancel"));
    m_back->setText(tr("&Back"));
    m_next->setText(tr("&Next"));
    updateButtons();
}

RegistrationWizard::~RegistrationWizard()
{
    Ui::disconnectChildren(this);
}

} // namespace Ud::Accounts
