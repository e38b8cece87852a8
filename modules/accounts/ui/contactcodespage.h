#pragma once

#include <accounts/contactcodes.h>
#include <core/usercontext.h>

#include <QWidget>

#include <functional>

class QGroupBox;
class QLineEdit;
class QListView;
class QPushButton;

namespace Ud::Core {
class Database;
}

namespace Ud::Ui {
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

class ContactCodeListModel;

/// The "Contact codes" page: the reasons and the wrap-up codes agents choose from when they
/// log a contact, as two lists an administrator keeps. Add a code by typing its name under its
/// list, rename it in place (F2), deactivate or activate it, and move it up or down; every
/// change is saved at once through ContactCodeService, off the UI thread, and offers Undo in
/// the message bar.
class ContactCodesPage : public QWidget
{
    Q_OBJECT
public:
    ContactCodesPage(ContactCodeService &codes, Core::Database &db, Core::UserContext user, QWidget *parent = nullptr);
    ~ContactCodesPage() override;

    ContactCodeListModel *model(ContactCodeKind kind) const;
    QListView *view(ContactCodeKind kind) const;
    Ui::MessageBar *messageBar() const { return m_messages; }
    /// The code selected in the list of `kind`, or empty.
    QString selectedId(ContactCodeKind kind) const;
    void select(ContactCodeKind kind, const QString &id);

signals:
    /// Both lists have been (re)loaded, after the page opened or after a change.
    void reloaded();
    /// A change finished; `ok` is false when it failed (the message bar says why).
    void changeFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Pane;

    Pane &pane(ContactCodeKind kind) const;
    void buildPane(Pane &p);
    void reload(const QString &selectKind = {}, const QString &selectId = {});
    void updateActions();
    void retranslateUi();
    /// Runs one change in the background; `done` gets the code changed (for reselection and
    /// Undo); afterwards both lists reload.
    void change(ContactCodeKind kind, std::function<ContactCode()> work,
                std::function<void(const ContactCode &)> done);
    void addCode(Pane &p);
    void rename(ContactCodeKind kind, const QString &id, const QString &label, bool offerUndo);
    void toggleActive(ContactCodeKind kind, const QString &id, bool active, bool offerUndo);
    void move(ContactCodeKind kind, const QString &id, ContactCodeService::Direction direction, bool offerUndo);

    ContactCodeService &m_codes;
    Core::Database &m_db;
    Core::UserContext m_user;
    bool m_busy = false;
    Ui::MessageBar *m_messages = nullptr;
    std::unique_ptr<Pane> m_reasons;
    std::unique_ptr<Pane> m_wrapUps;
};

} // namespace Ud::Accounts
