#pragma once

#include <accounts/contactcodes.h>
#include <accounts/interaction.h>
#include <core/usercontext.h>

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Ud::Core {
class Database;
}

namespace Ud::Ui {
class CustomerView;
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

class InteractionService;

/// The modeless wrap-up of a contact, shown beside the customer record so it stays readable:
/// channel, direction, reason and wrap-up codes (both required), a summary pre-filled from
/// what the agent did in the contact, notes, the duration running from the contact's start
/// (editable as minutes:seconds) and the identity check, read-only. Log (Ctrl+Enter) checks the
/// form inline, saves off the UI thread, then starts a new contact in the view, refreshes it and
/// closes the panel; a failed save keeps every value and says why in the panel's message bar.
class WrapUpPanel : public QWidget
{
    Q_OBJECT
public:
    WrapUpPanel(InteractionService &interactions, ContactCodeService &codes, Core::Database &db, Core::UserContext user,
                Ui::CustomerView &view, QWidget *parent = nullptr);
    ~WrapUpPanel() override;

    /// Takes in what changed in the contact since the panel opened: the summary (unless the
    /// agent edited it) and the identity state.
    void refreshFromContact();
    /// The duration as entered, in seconds; nullopt when it cannot be read.
    std::optional<int> durationSeconds() const;
    Ui::MessageBar *messageBar() const { return m_messages; }

    /// "12:05" for 725 seconds (minutes may exceed 59).
    static QString formatDuration(qint64 seconds);
    /// "12:05" or "7:5"... only m:ss with 0..59 seconds; nullopt otherwise or over 24 hours.
    static std::optional<int> parseDuration(const QString &text);

public slots:
    void log();

signals:
    /// The codes to choose from have arrived (or could not be loaded).
    void loaded();
    void logged(const Ud::Accounts::Interaction &interaction);
    void logFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void fillCodes(QComboBox *combo, const QList<ContactCode> &codes);
    void retranslateUi();
    void updateIdentity();
    void tick();
    bool validate(bool focusFirstProblem);
    void setBusy(bool busy);
    QString summaryFromActivities() const;

    InteractionService &m_interactions;
    ContactCodeService &m_codes;
    Core::Database &m_db;
    Core::UserContext m_user;
    QPointer<Ui::CustomerView> m_view;
    bool m_busy = false;
    bool m_summaryEdited = false;
    bool m_durationEdited = false;
    QList<ContactCode> m_reasonCodes;
    QList<ContactCode> m_wrapUpCodes;

    Ui::MessageBar *m_messages = nullptr;
    QLabel *m_channelLabel = nullptr;
    QComboBox *m_channel = nullptr;
    QLabel *m_directionLabel = nullptr;
    QComboBox *m_direction = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_reason = nullptr;
    Ui::FieldMessage *m_reasonMessage = nullptr;
    QLabel *m_wrapUpLabel = nullptr;
    QComboBox *m_wrapUp = nullptr;
    Ui::FieldMessage *m_wrapUpMessage = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLineEdit *m_summary = nullptr;
    Ui::FieldMessage *m_summaryMessage = nullptr;
    QLabel *m_notesLabel = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    Ui::FieldMessage *m_notesMessage = nullptr;
    QLabel *m_durationLabel = nullptr;
    QLineEdit *m_duration = nullptr;
    Ui::FieldMessage *m_durationMessage = nullptr;
    QLabel *m_identityLabel = nullptr;
    QLabel *m_identity = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QPushButton *m_log = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace Ud::Accounts
