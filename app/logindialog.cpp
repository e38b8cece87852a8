#include "logindialog.h"

#include <core/database.h>
#include <core/error.h>
#include <core/settings.h>
#include <core/userservice.h>
#include <core/ui/background.h>
#include <core/ui/credentialrules.h>
#include <core/ui/messagebar.h>

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace Ud::App {

namespace {
QLineEdit *lineEdit(const QString &name, QWidget *parent, bool password = false)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    if (password)
        edit->setEchoMode(QLineEdit::Password);
    return edit;
}
} // namespace

LoginDialog::LoginDialog(Core::UserService &users, Core::Database &database, QWidget *parent)
    : QDialog(parent), m_users(users), m_database(database)
{
    setObjectName(QStringLiteral("loginDialog"));
    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_messages = new Ui::MessageBar(this);

    // Sign-in form.
    m_signInForm = new QWidget(this);
    m_userNameLabel = new QLabel(m_signInForm);
    m_userName = lineEdit(QStringLiteral("userName"), m_signInForm);
    m_passwordLabel = new QLabel(m_signInForm);
    m_password = lineEdit(QStringLiteral("password"), m_signInForm, true);
    m_userNameLabel->setBuddy(m_userName);
    m_passwordLabel->setBuddy(m_password);
    auto *signInLayout = new QFormLayout(m_signInForm);
    signInLayout->setContentsMargins(0, 0, 0, 0);
    signInLayout->addRow(m_userNameLabel, m_userName);
    signInLayout->addRow(m_passwordLabel, m_password);

    // First run: create the administrator.
    m_adminForm = new QWidget(this);
    m_adminUserNameLabel = new QLabel(m_adminForm);
    m_adminUserName = lineEdit(QStringLiteral("adminUserName"), m_adminForm);
    m_adminUserName->setValidator(Ui::CredentialRules::userNameValidator(m_adminUserName));
    m_adminUserNameMessage = new Ui::FieldMessage(m_adminUserName, m_adminForm);
    m_adminDisplayNameLabel = new QLabel(m_adminForm);
    m_adminDisplayName = lineEdit(QStringLiteral("adminDisplayName"), m_adminForm);
    m_adminPasswordLabel = new QLabel(m_adminForm);
    m_adminPassword = lineEdit(QStringLiteral("adminPassword"), m_adminForm, true);
    m_adminPasswordMessage = new Ui::FieldMessage(m_adminPassword, m_adminForm);
    m_adminRepeatLabel = new QLabel(m_adminForm);
    m_adminRepeat = lineEdit(QStringLiteral("adminPasswordRepeat"), m_adminForm, true);
    m_adminRepeatMessage = new Ui::FieldMessage(m_adminRepeat, m_adminForm);
    m_adminUserNameLabel->setBuddy(m_adminUserName);
    m_adminDisplayNameLabel->setBuddy(m_adminDisplayName);
    m_adminPasswordLabel->setBuddy(m_adminPassword);
    m_adminRepeatLabel->setBuddy(m_adminRepeat);
    auto *adminLayout = new QFormLayout(m_adminForm);
    adminLayout->setContentsMargins(0, 0, 0, 0);
    adminLayout->addRow(m_adminUserNameLabel, m_adminUserName);
    adminLayout->addRow(QString(), m_adminUserNameMessage);
    adminLayout->addRow(m_adminDisplayNameLabel, m_adminDisplayName);
    adminLayout->addRow(m_adminPasswordLabel, m_adminPassword);
    adminLayout->addRow(QString(), m_adminPasswordMessage);
    adminLayout->addRow(m_adminRepeatLabel, m_adminRepeat);
    adminLayout->addRow(QString(), m_adminRepeatMessage);

    m_forms = new QStackedWidget(this);
    m_forms->addWidget(m_signInForm);
    m_forms->addWidget(m_adminForm);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(m_busyBar->fontMetrics().averageCharWidth() * 10);
    m_busyLabel = new QLabel(this);
    m_busyBar->hide();
    m_busyLabel->hide();
    m_buttons = new QDialogButtonBox(this);
    m_primary = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_primary->setObjectName(QStringLiteral("primaryButton"));
    m_primary->setDefault(true);
    m_quit = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_quit->setObjectName(QStringLiteral("quitButton"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_busyBar);
    bottom->addWidget(m_busyLabel);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);

    auto *iconLabel = new QLabel(this);
    const int iconExtent = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this);
    iconLabel->setPixmap(QIcon(QStringLiteral(":/icons/utilitydesk.svg")).pixmap(iconExtent, iconExtent));
    auto *header = new QHBoxLayout;
    header->addWidget(iconLabel, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(m_heading);
    headerText->addWidget(m_intro);
    header->addLayout(headerText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(header);
    layout->addWidget(m_forms);
    layout->addStretch(1);
    layout->addLayout(bottom);
    // Grow, never squeeze, when an inline message appears; wide enough (in text units) for the
    // field messages to fit on a line or two.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    m_forms->setMinimumWidth(fontMetrics().averageCharWidth() * 64);

    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (m_firstRun)
            createAdministrator();
        else
            signIn();
    });
    connect(m_quit, &QPushButton::clicked, this, &QDialog::reject);

    const auto watch = [](QLineEdit *field, Ui::FieldMessage *message, std::function<QString()> problem) {
        connect(field, &QLineEdit::editingFinished, message, [message, problem] { message->setMessage(problem()); });
        connect(field, &QLineEdit::textChanged, message, [message, problem] {
            if (!message->isHidden() && problem().isEmpty())
                message->setMessage({});
        });
    };
    watch(m_adminUserName, m_adminUserNameMessage,
          [this] { return Ui::CredentialRules::userNameProblem(m_adminUserName->text()); });
    watch(m_adminPassword, m_adminPasswordMessage,
          [this] { return Ui::CredentialRules::passwordProblem(m_adminPassword->text()); });
    watch(m_adminRepeat, m_adminRepeatMessage,
          [this] { return Ui::CredentialRules::repeatProblem(m_adminPassword->text(), m_adminRepeat->text()); });
    connect(m_userName, &QLineEdit::textChanged, this, &LoginDialog::updatePrimaryButton);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updatePrimaryButton);

    try {
        m_firstRun = !m_users.hasUsers();
    } catch (const Core::Error &e) {
        m_messages->showError(e.message());
    }
    showForm(m_firstRun ? m_adminForm : m_signInForm);
    if (m_firstRun) {
        m_adminUserName->setText(QStringLiteral("admin"));
        m_adminPassword->setFocus(Qt::OtherFocusReason);
    } else {
        m_userName->setText(Core::Settings().lastUserName());
        (m_userName->text().isEmpty() ? m_userName : m_password)->setFocus(Qt::OtherFocusReason);
    }
    retranslateUi();
    updatePrimaryButton();
}

void LoginDialog::showForm(QWidget *form)
{
    // Only the form shown counts for the dialog's size, or sign-in would have the
    // administrator form's height.
    for (QWidget *page : {m_signInForm, m_adminForm})
        page->setSizePolicy(page == form ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                            page == form ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_forms->setCurrentWidget(form);
    adjustSize();
}

void LoginDialog::updatePrimaryButton()
{
    if (!m_firstRun)
        m_primary->setEnabled(!m_busy && !m_userName->text().trimmed().isEmpty() && !m_password->text().isEmpty());
    else
        m_primary->setEnabled(!m_busy);
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_forms->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_busyLabel->setVisible(busy);
    updatePrimaryButton();
}

void LoginDialog::signIn()
{
    if (m_busy || m_firstRun)
        return;
    const QString userName = m_userName->text().trimmed();
    const QString password = m_password->text();
    if (userName.isEmpty() || password.isEmpty())
        return;
    m_messages->dismiss();
    m_busyLabel->setText(tr("Signing in…"));
    setBusy(true);
    Core::UserService &users = m_users;
    Ui::runInBackground(
        m_database, this, [&users, userName, password] { return users.signIn(userName, password); },
        [this](const Core::UserContext &user) { signedIn(user); },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(error);
            // Keep the name: the usual mistake is the password.
            m_password->clear();
            m_password->setFocus(Qt::OtherFocusReason);
        });
}

bool LoginDialog::validateAdministratorForm()
{
    struct Check {
        QLineEdit *field;
        Ui::FieldMessage *message;
        QString problem;
    };
    const Check checks[] = {
        {m_adminUserName, m_adminUserNameMessage, Ui::CredentialRules::userNameProblem(m_adminUserName->text())},
        {m_adminPassword, m_adminPasswordMessage, Ui::CredentialRules::passwordProblem(m_adminPassword->text())},
        {m_adminRepeat, m_adminRepeatMessage,
         Ui::CredentialRules::repeatProblem(m_adminPassword->text(), m_adminRepeat->text())},
    };
    QLineEdit *first = nullptr;
    for (const Check &check : checks) {
        check.message->setMessage(check.problem);
        if (!check.problem.isEmpty() && !first)
            first = check.field;
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
    return !first;
}

void LoginDialog::createAdministrator()
{
    if (m_busy || !m_firstRun || !validateAdministratorForm())
        return;
    const QString userName = m_adminUserName->text().trimmed();
    const QString displayName = m_adminDisplayName->text().trimmed();
    const QString password = m_adminPassword->text();
    m_messages->dismiss();
    m_busyLabel->setText(tr("Creating the administrator…"));
    setBusy(true);
    Core::UserService &users = m_users;
    Ui::runInBackground(
        m_database, this,
        [&users, userName, displayName, password] {
            users.createFirstAdministrator(userName, displayName, password);
            // Signing in (rather than trusting the new row) records the sign-in in the audit log.
            return users.signIn(userName, password);
        },
        [this](const Core::UserContext &user) { signedIn(user); },
        [this, userName](const QString &error) {
            setBusy(false);
            m_messages->showError(error);
            bool created = false;
            try {
                created = m_users.hasUsers();
            } catch (const Core::Error &) {
                // The message bar already says what went wrong with the database.
            }
            if (!created) {
                m_adminUserName->setFocus(Qt::OtherFocusReason);
                return;
            }
            // The administrator exists but the sign-in failed: continue as a normal sign-in.
            m_firstRun = false;
            showForm(m_signInForm);
            m_userName->setText(userName);
            m_password->setFocus(Qt::OtherFocusReason);
            retranslateUi();
            updatePrimaryButton();
        });
}

void LoginDialog::signedIn(const Core::UserContext &user)
{
    m_user = user;
    Core::Settings().setLastUserName(user.userName());
    setBusy(false);
    accept();
}

void LoginDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void LoginDialog::retranslateUi()
{
    const QString database = m_database.url().toDisplayString();
    if (m_firstRun) {
        setWindowTitle(tr("Create the Administrator"));
        m_heading->setText(tr("Welcome to UtilityDesk"));
        m_intro->setText(tr("The database %1 has no users yet. Create the administrator account; "
                            "the administrator then adds everyone else.").arg(database));
        m_primary->setText(tr("&Create and sign in"));
    } else {
        setWindowTitle(tr("Sign In"));
        m_heading->setText(tr("Sign in to UtilityDesk"));
        m_intro->setText(tr("Database: %1").arg(database));
        m_primary->setText(tr("&Sign in"));
    }
    m_userNameLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_adminUserNameLabel->setText(tr("&User name:"));
    m_adminDisplayNameLabel->setText(tr("&Display name:"));
    m_adminDisplayName->setPlaceholderText(tr("e.g. Maria Garcia"));
    m_adminPasswordLabel->setText(tr("&Password:"));
    m_adminRepeatLabel->setText(tr("&Repeat password:"));
    m_quit->setText(tr("&Quit"));
}

} // namespace Ud::App
