#pragma once

#include <core/module.h>
#include <core/usercontext.h>

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QScrollArea;
class QPushButton;
class QSortFilterProxyModel;
class QStringListModel;

namespace Ud::Ui {

class FieldMessage;
class MessageBar;
class TableView;
class UsersTableModel;

/// The administrator's Users page: who may sign in, with which role, in which region (field
/// officers only), and their state (active, disabled, locked). Adds users, disables and
/// re-enables them and changes a field officer's region (both with Undo instead of "are you
/// sure?"), and resets passwords, all through Core::UserService, which checks the ManageUsers
/// permission and audits every change. Password hashing and region changes run off the UI thread.
class UsersPage : public QWidget
{
    Q_OBJECT
public:
    UsersPage(Core::Context &context, const Core::UserContext &user, QWidget *parent = nullptr);
    ~UsersPage() override;

    /// Reloads the list from the service, keeping the selection.
    void reload();
    /// Selects the row of `userName` (false if it is not listed).
    bool selectUser(const QString &userName);
    QString selectedUserName() const;

    MessageBar *messageBar() const { return m_messages; }
    UsersTableModel *model() const { return m_model; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void updateCount();
    void setEnabledState(const QString &userName, bool enabled, bool offerUndo);
    void addUser();
    void resetPassword();
    bool validateAddForm(bool focusFirstProblem);
    bool validateResetForm(bool focusFirstProblem);
    /// Enables the add form's region for field officers only (clearing it otherwise).
    void updateNewRegionField();
    /// The add form's region note: the region's problem, else the no-region warning for a
    /// field officer, else nothing.
    QString newRegionNote() const;
    void changeRegion();
    void setRegionOf(const QString &userName, const QString &region, bool offerUndo);
    /// Moves the keyboard to the selected user's region (F2 in the list).
    void editSelectedRegion();

    Core::Context &m_context;
    Core::UserContext m_user;

    MessageBar *m_messages;
    QLabel *m_count;
    UsersTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStringListModel *m_knownRegions; ///< the regions users already have, offered as completions
    TableView *m_table;
    QPushButton *m_disable;
    QPushButton *m_enable;

    QScrollArea *m_formScroll;
    QWidget *m_formPane;
    QGroupBox *m_addGroup;
    QLabel *m_userNameLabel;
    QLineEdit *m_userName;
    FieldMessage *m_userNameMessage;
    QLabel *m_displayNameLabel;
    QLineEdit *m_displayName;
    QLabel *m_roleLabel;
    QComboBox *m_role;
    QLabel *m_newRegionLabel;
    QLineEdit *m_newRegion;
    FieldMessage *m_newRegionMessage;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    FieldMessage *m_passwordMessage;
    QLabel *m_repeatLabel;
    QLineEdit *m_repeat;
    FieldMessage *m_repeatMessage;
    QProgressBar *m_addBusy;
    QPushButton *m_add;

    QGroupBox *m_regionGroup;
    QLabel *m_regionHint;
    QLabel *m_regionLabel;
    QLineEdit *m_region;
    FieldMessage *m_regionMessage;
    QProgressBar *m_regionBusy;
    QPushButton *m_changeRegion;
    QString m_regionShownFor; ///< the user whose region m_region was filled with

    QGroupBox *m_resetGroup;
    QLabel *m_resetHint;
    QLabel *m_newPasswordLabel;
    QLineEdit *m_newPassword;
    FieldMessage *m_newPasswordMessage;
    QLabel *m_newRepeatLabel;
    QLineEdit *m_newRepeat;
    FieldMessage *m_newRepeatMessage;
    QProgressBar *m_resetBusy;
    QPushButton *m_reset;

    bool m_shownBefore = false;
    bool m_reloading = false;  ///< the selection comes and goes while the list is replaced
    bool m_adding = false;     ///< a createUser call is running
    bool m_resetting = false;  ///< a resetPassword call is running
    bool m_settingRegion = false; ///< a setRegion call is running
};

} // namespace Ud::Ui
