#pragma once

#include <core/usercontext.h>

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace Ud::Core {
class Database;
class UserService;
} // namespace Ud::Core

namespace Ud::Ui {
class FieldMessage;
class MessageBar;
} // namespace Ud::Ui

namespace Ud::App {

/// Sign-in, and on the first run (no user yet) the form that creates the administrator.
/// Password hashing takes about half a second, so the check runs off the UI thread while the
/// form is disabled and a busy indicator shows. A refused sign-in (wrong password, locked,
/// disabled) is said in the message bar at the top; the user name stays, the password field
/// is cleared and focused for the next try.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(Core::UserService &users, Core::Database &database, QWidget *parent = nullptr);

    /// True when the dialog shows the create-the-administrator form.
    bool isFirstRun() const { return m_firstRun; }
    /// The signed-in user once the dialog has been accepted.
    std::optional<Core::UserContext> user() const { return m_user; }
    bool isBusy() const { return m_busy; }
    Ui::MessageBar *messageBar() const { return m_messages; }

    void signIn();
    void createAdministrator();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    void signedIn(const Core::UserContext &user);
    bool validateAdministratorForm();
    void updatePrimaryButton();
    void showForm(QWidget *form);

    Core::UserService &m_users;
    Core::Database &m_database;
    bool m_firstRun = false;
    bool m_busy = false;
    std::optional<Core::UserContext> m_user;

    QLabel *m_heading;
    QLabel *m_intro;
    Ui::MessageBar *m_messages;
    QStackedWidget *m_forms;

    QWidget *m_signInForm;
    QLabel *m_userNameLabel;
    QLineEdit *m_userName;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;

    QWidget *m_adminForm;
    QLabel *m_adminUserNameLabel;
    QLineEdit *m_adminUserName;
    Ui::FieldMessage *m_adminUserNameMessage;
    QLabel *m_adminDisplayNameLabel;
    QLineEdit *m_adminDisplayName;
    QLabel *m_adminPasswordLabel;
    QLineEdit *m_adminPassword;
    Ui::FieldMessage *m_adminPasswordMessage;
    QLabel *m_adminRepeatLabel;
    QLineEdit *m_adminRepeat;
    Ui::FieldMessage *m_adminRepeatMessage;

    QProgressBar *m_busyBar;
    QLabel *m_busyLabel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_primary;
    QPushButton *m_quit;
};

} // namespace Ud::App
