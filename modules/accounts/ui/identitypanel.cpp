#include "identitypanel.h"

#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/messagebar.h>
#include <core/ui/optionaldatetyping.h>

#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
// The date edit's lowest value stands for "not asked" (a QDateEdit cannot be empty).
const QDate NotAsked(1899, 12, 31);
// What a date typed over "Not asked" starts from.
const QDate TypingStart(2000, 1, 1);
} // namespace

IdentityPanel::IdentityPanel(IdentityService &identity, Core::Database &db, Core::UserContext user,
                             Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_identity(identity), m_db(db), m_user(std::move(user)), m_view(&view)
{
    setObjectName(QStringLiteral("identityPanel"));
    m_messages = new Ui::MessageBar(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_dateLabel = new QLabel(this);
    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("identityDateOfBirth"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(Ui::typableDateFormat());
    m_date->setDateRange(NotAsked, QDate::currentDate());
    m_date->setDate(NotAsked);
    m_date->installEventFilter(this);
    // A digit typed over "Not asked" starts a date.
    Ui::OptionalDateTyping::install(m_date, TypingStart);
    m_dateLabel->setBuddy(m_date);
    m_dateResult = new QLabel(this);
    m_dateResult->setObjectName(QStringLiteral("identityDateOfBirthResult"));

    m_questionLabel = new QLabel(this);
    m_question = new QLabel(this);
    m_question->setObjectName(QStringLiteral("identitySecurityQuestion"));
    m_question->setWordWrap(true);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_answerLabel = new QLabel(this);
    m_answer = new QLineEdit(this);
    m_answer->setObjectName(QStringLiteral("identitySecurityAnswer"));
    // Shown as typed so the agent can check what they heard; never stored (cleared after the check).
    m_answer->setEchoMode(QLineEdit::Normal);
    m_answerLabel->setBuddy(m_answer);
    m_answerResult = new QLabel(this);
    m_answerResult->setObjectName(QStringLiteral("identitySecurityAnswerResult"));
    m_entryMessage = new Ui::FieldMessage(m_date, this);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(m_busyBar->fontMetrics().averageCharWidth() * 10);
    m_busyBar->hide();
    m_verify = new QPushButton(this);
    m_verify->setObjectName(QStringLiteral("identityVerify"));

    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_date, 1);
    dateRow->addWidget(m_dateResult);
    auto *answerRow = new QHBoxLayout;
    answerRow->addWidget(m_answer, 1);
    answerRow->addWidget(m_answerResult);
    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(m_dateLabel, dateRow);
    form->addRow(m_questionLabel, m_question);
    form->addRow(m_answerLabel, answerRow);
    form->addRow(QString(), m_entryMessage);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_busyBar);
    buttons->addWidget(m_verify);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_verify, &QPushButton::clicked, this, &IdentityPanel::verify);
    connect(m_answer, &QLineEdit::returnPressed, this, &IdentityPanel::verify);
    connect(m_date, &QDateEdit::dateChanged, m_entryMessage, [this] { m_entryMessage->setMessage({}); });
    connect(m_answer, &QLineEdit::textEdited, m_entryMessage, [this] { m_entryMessage->setMessage({}); });

    retranslateUi();
    // Loaded from the event loop: a panel that openSidePanel() discards at once (one with this
    // id is already open) is deleted before it queries anything.
    QTimer::singleShot(0, this, [this] { load(); });
}

void IdentityPanel::load()
{
    m_busy = true;
    updateState();
    IdentityService &identity = m_identity;
    const Core::UserContext user = m_user;
    const QString customerId = m_view ? m_view->customerId() : QString();
    Ui::runInBackground(
        m_db, this, [&identity, user, customerId] { return identity.onRecord(user, customerId); },
        [this](const IdentityOnRecord &onRecord) {
            m_busy = false;
            m_onRecord = onRecord;
            buildMoreFactors();
            retranslateUi();
            if (!onRecord.dateOfBirth && onRecord.securityQuestion.isEmpty() && onRecord.more.isEmpty())
                m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                        tr("No date of birth or security answer on record: verify the caller another "
                                           "way and record one."));
            else if (m_view && m_view->identityVerified())
                m_messages->showInformation(
                    tr("Already verified in this contact by %1.").arg(m_view->identityVerification()));
            updateState();
            if (m_date->isEnabled())
                m_date->setFocus(Qt::OtherFocusReason);
            else if (m_answer->isEnabled())
                m_answer->setFocus(Qt::OtherFocusReason);
            else if (!m_more.isEmpty())
                m_more.first().edit->setFocus(Qt::OtherFocusReason);
            emit loaded();
        },
        [this](const QString &error) {
            m_busy = false;
            updateState();
            m_messages->showMessage(Ui::MessageBar::Type::Error, tr("What is on record could not be loaded: %1").arg(error),
                                    tr("Tr&y again"), [this] { load(); });
            emit loaded();
        });
}

void IdentityPanel::updateState()
{
    const bool dob = m_onRecord && m_onRecord->dateOfBirth;
    const bool answer = m_onRecord && !m_onRecord->securityQuestion.isEmpty();
    // Read-only, not disabled, while a check runs: a disabled field would pass the keyboard
    // focus on, out of the panel, and the agent's next keys would go elsewhere.
    m_date->setEnabled(dob);
    m_date->setReadOnly(m_busy);
    m_answer->setEnabled(answer);
    m_answer->setReadOnly(m_busy);
    for (const MoreFactor &f : std::as_const(m_more))
        f.edit->setReadOnly(m_busy);
    m_verify->setEnabled(!m_busy && (dob || answer || !m_more.isEmpty()));
    m_busyBar->setVisible(m_busy);
}

void IdentityPanel::buildMoreFactors()
{
    for (const MoreFactor &f : std::as_const(m_more))
        m_form->removeRow(f.label);
    m_more.clear();
    if (!m_onRecord)
        return;
    // Before the row of the entry message, in the order the service lists them.
    int row = 0;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(m_entryMessage, &row, &role);
    for (const IdentityFactorResult &factor : std::as_const(m_onRecord->more)) {
        MoreFactor f;
        f.key = factor.key;
        f.name = factor.name;
        f.label = new QLabel(this);
        f.edit = new QLineEdit(this);
        f.edit->setObjectName(QStringLiteral("identityFactor_") + factor.key);
        f.label->setBuddy(f.edit);
        f.result = new QLabel(this);
        auto *line = new QHBoxLayout;
        line->addWidget(f.edit, 1);
        line->addWidget(f.result);
        m_form->insertRow(row++, f.label, line);
        // Shown now rather than when the layout gets to it, so the focus can go to the field.
        for (QWidget *w : {static_cast<QWidget *>(f.label), static_cast<QWidget *>(f.edit), static_cast<QWidget *>(f.result)})
            w->setVisible(true);
        connect(f.edit, &QLineEdit::returnPressed, this, &IdentityPanel::verify);
        connect(f.edit, &QLineEdit::textEdited, m_entryMessage, [this] { m_entryMessage->setMessage({}); });
        m_more.append(f);
    }
}

QLineEdit *IdentityPanel::factorEdit(const QString &key) const
{
    for (const MoreFactor &f : m_more) {
        if (f.key == key)
            return f.edit;
    }
    return nullptr;
}

void IdentityPanel::verify()
{
    if (m_busy || !m_verify->isEnabled() || !m_view)
        return;
    IdentityAnswers answers;
    if (m_date->isEnabled() && m_date->date() != NotAsked)
        answers.dateOfBirth = m_date->date();
    if (m_answer->isEnabled() && !m_answer->text().trimmed().isEmpty())
        answers.securityAnswer = m_answer->text();
    for (const MoreFactor &f : std::as_const(m_more)) {
        if (!f.edit->text().trimmed().isEmpty())
            answers.more.insert(f.key, f.edit->text());
    }
    if (!answers.dateOfBirth && !answers.securityAnswer && answers.more.isEmpty()) {
        m_entryMessage->setMessage(m_more.isEmpty()
                                       ? tr("Enter what the caller gives: their date of birth or the answer to the security "
                                            "question.")
                                       : tr("Enter what the caller gives: their date of birth, the answer to the security "
                                            "question or another item on record."));
        (m_date->isEnabled() ? static_cast<QWidget *>(m_date) : m_answer)->setFocus(Qt::OtherFocusReason);
        return;
    }
    // The answers leave the fields as soon as they are sent: nothing typed stays on screen.
    m_answer->clear();
    for (const MoreFactor &f : std::as_const(m_more))
        f.edit->clear();
    m_messages->dismiss();
    m_busy = true;
    updateState();
    IdentityService &identity = m_identity;
    const Core::UserContext user = m_user;
    const QString customerId = m_view->customerId();
    Ui::runInBackground(
        m_db, this, [&identity, user, customerId, answers] { return identity.check(user, customerId, answers); },
        [this](const IdentityCheckResult &result) {
            m_busy = false;
            updateState();
            showOutcome(m_dateResult, result.outcome(QStringLiteral("date_of_birth")));
            showOutcome(m_answerResult, result.outcome(QStringLiteral("security_answer")));
            for (const MoreFactor &f : std::as_const(m_more))
                showOutcome(f.result, result.outcome(f.key));
            if (result.verified) {
                m_messages->showInformation(result.message);
                if (m_view) {
                    m_view->setIdentityVerification(result.verification());
                    m_view->noteActivity(tr("Identity verified by %1").arg(result.verification()));
                }
            } else {
                m_messages->showMessage(Ui::MessageBar::Type::Warning, result.message);
            }
            emit checkFinished(result.verified);
        },
        [this](const QString &error) {
            m_busy = false;
            updateState();
            m_messages->showError(error);
            emit checkFinished(false);
        });
}

void IdentityPanel::showOutcome(QLabel *label, IdentityFactorOutcome outcome)
{
    // A symbol and words, never a colour alone.
    switch (outcome) {
    case IdentityFactorOutcome::Passed: label->setText(tr("✓ Matches")); break;
    case IdentityFactorOutcome::Failed: label->setText(tr("✗ Does not match")); break;
    case IdentityFactorOutcome::NotChecked: label->setText(tr("Not asked")); break;
    case IdentityFactorOutcome::NotOnRecord: label->setText(tr("Not on record")); break;
    }
}

QString IdentityPanel::factorText(const QString &key) const
{
    if (key == QLatin1String("date_of_birth"))
        return m_dateResult->text();
    if (key == QLatin1String("security_answer"))
        return m_answerResult->text();
    for (const MoreFactor &f : m_more) {
        if (f.key == key)
            return f.result->text();
    }
    return {};
}

bool IdentityPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_date && event->type() == QEvent::KeyPress) {
        const auto *keyEvent = static_cast<QKeyEvent *>(event);
        const int key = keyEvent->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            verify();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IdentityPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void IdentityPanel::retranslateUi()
{
    m_intro->setText(tr("Ask the caller for what is on record; every item on record must match."));
    m_dateLabel->setText(tr("&Date of birth:"));
    m_date->setSpecialValueText(tr("Not asked"));
    m_questionLabel->setText(tr("Security question:"));
    m_answerLabel->setText(tr("&Answer:"));
    m_verify->setText(tr("&Verify"));
    m_verify->setToolTip(tr("Check what the caller said against the record (Enter)"));
    if (m_onRecord) {
        if (!m_onRecord->dateOfBirth)
            m_dateResult->setText(tr("Not on record"));
        if (m_onRecord->securityQuestion.isEmpty()) {
            m_question->setText(tr("No security question on record."));
            m_answerResult->setText(tr("Not on record"));
        } else {
            m_question->setText(m_onRecord->securityQuestion);
        }
    } else {
        m_question->setText(tr("Loading…"));
    }
    for (const MoreFactor &f : std::as_const(m_more)) {
        // The factor's name is for running text ("last payment"): capitalised for a label.
        const QString name = f.name.isEmpty() ? f.name : f.name.at(0).toUpper() + f.name.mid(1);
        f.label->setText(tr("%1:").arg(name));
    }
}

} // namespace Ud::Accounts
