#include "wrapuppanel.h"

#include <accounts/interactionservice.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QTimer>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
constexpr int MaxSummary = 500;
constexpr int MaxNotes = 4000;
constexpr int MaxDuration = 24 * 60 * 60;
} // namespace

WrapUpPanel::WrapUpPanel(InteractionService &interactions, ContactCodeService &codes, Core::Database &db,
                         Core::UserContext user, Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_interactions(interactions), m_codes(codes), m_db(db), m_user(std::move(user)), m_view(&view)
{
    setObjectName(QStringLiteral("wrapUpPanel"));
    m_messages = new Ui::MessageBar(this);

    auto label = [this](QWidget *buddy) {
        auto *l = new QLabel(this);
        l->setBuddy(buddy);
        return l;
    };
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("wrapUpChannel"));
    for (InteractionChannel c : allInteractionChannels())
        m_channel->addItem(QString(), interactionChannelKey(c));
    m_channel->setCurrentIndex(m_channel->findData(interactionChannelKey(InteractionChannel::Phone)));
    m_channelLabel = label(m_channel);
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("wrapUpDirection"));
    for (InteractionDirection d : {InteractionDirection::Inbound, InteractionDirection::Outbound})
        m_direction->addItem(QString(), interactionDirectionKey(d));
    m_directionLabel = label(m_direction);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("wrapUpReason"));
    m_reasonLabel = label(m_reason);
    m_reasonMessage = new Ui::FieldMessage(m_reason, this);
    m_wrapUp = new QComboBox(this);
    m_wrapUp->setObjectName(QStringLiteral("wrapUpCode"));
    m_wrapUpLabel = label(m_wrapUp);
    m_wrapUpMessage = new Ui::FieldMessage(m_wrapUp, this);
    m_summary = new QLineEdit(this);
    m_summary->setObjectName(QStringLiteral("wrapUpSummary"));
    m_summaryLabel = label(m_summary);
    m_summaryMessage = new Ui::FieldMessage(m_summary, this);
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("wrapUpNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(m_notes->fontMetrics().lineSpacing() * 4);
    m_notesLabel = label(m_notes);
    m_notesMessage = new Ui::FieldMessage(m_notes, this);
    m_duration = new QLineEdit(this);
    m_duration->setObjectName(QStringLiteral("wrapUpDuration"));
    m_duration->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^\\d{0,4}:?\\d{0,2}$")),
                                                             m_duration));
    m_duration->setMaximumWidth(m_duration->fontMetrics().averageCharWidth() * 12);
    m_durationLabel = label(m_duration);
    m_durationMessage = new Ui::FieldMessage(m_duration, this);
    m_identity = new QLabel(this);
    m_identity->setObjectName(QStringLiteral("wrapUpIdentity"));
    m_identity->setWordWrap(true);
    m_identityLabel = new QLabel(this);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(m_busyBar->fontMetrics().averageCharWidth() * 10);
    m_busyBar->hide();
    m_log = new QPushButton(this);
    m_log->setObjectName(QStringLiteral("wrapUpLog"));
    auto *logAction = new QAction(this);
    logAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    logAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(logAction);

    auto *form = new QFormLayout;
    form->addRow(m_channelLabel, m_channel);
    form->addRow(m_directionLabel, m_direction);
    form->addRow(m_reasonLabel, m_reason);
    form->addRow(QString(), m_reasonMessage);
    form->addRow(m_wrapUpLabel, m_wrapUp);
    form->addRow(QString(), m_wrapUpMessage);
    form->addRow(m_summaryLabel, m_summary);
    form->addRow(QString(), m_summaryMessage);
    form->addRow(m_notesLabel, m_notes);
    form->addRow(QString(), m_notesMessage);
    form->addRow(m_durationLabel, m_duration);
    form->addRow(QString(), m_durationMessage);
    form->addRow(m_identityLabel, m_identity);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_busyBar);
    buttons->addWidget(m_log);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form, 1);
    layout->addLayout(buttons);

    connect(m_log, &QPushButton::clicked, this, &WrapUpPanel::log);
    connect(logAction, &QAction::triggered, this, &WrapUpPanel::log);
    connect(m_summary, &QLineEdit::textEdited, this, [this] { m_summaryEdited = true; });
    connect(m_duration, &QLineEdit::textEdited, this, [this] { m_durationEdited = true; });
    // Each field says what is wrong once the agent leaves it, and stops as soon as it is fixed.
    connect(m_reason, &QComboBox::currentIndexChanged, m_reasonMessage, [this] { m_reasonMessage->setMessage({}); });
    connect(m_wrapUp, &QComboBox::currentIndexChanged, m_wrapUpMessage, [this] { m_wrapUpMessage->setMessage({}); });
    connect(m_summary, &QLineEdit::editingFinished, this, [this] { validate(false); });
    connect(m_duration, &QLineEdit::editingFinished, this, [this] { validate(false); });
    connect(&view, &Ui::CustomerView::identityChanged, this, &WrapUpPanel::updateIdentity);
    connect(&view, &Ui::CustomerView::refreshed, this, &WrapUpPanel::refreshFromContact);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &WrapUpPanel::tick);
    m_timer->start();

    m_summary->setText(summaryFromActivities());
    retranslateUi();
    tick();
    updateIdentity();
    // Loaded from the event loop: a panel that openSidePanel() discards at once (one with this
    // id is already open) is deleted before it queries anything.
    QTimer::singleShot(0, this, [this] { load(); });
}

QString WrapUpPanel::formatDuration(qint64 seconds)
{
    seconds = qBound(qint64(0), seconds, qint64(MaxDuration));
    return QStringLiteral("%1:%2").arg(seconds / 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

std::optional<int> WrapUpPanel::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,4}):([0-5]\\d)\\s*$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int seconds = match.captured(1).toInt() * 60 + match.captured(2).toInt();
    if (seconds > MaxDuration)
        return std::nullopt;
    return seconds;
}

std::optional<int> WrapUpPanel::durationSeconds() const
{
    return parseDuration(m_duration->text());
}

QString WrapUpPanel::summaryFromActivities() const
{
    return m_view ? m_view->activities().join(QStringLiteral("; ")) : QString();
}

void WrapUpPanel::refreshFromContact()
{
    if (!m_summaryEdited)
        m_summary->setText(summaryFromActivities());
    updateIdentity();
}

void WrapUpPanel::tick()
{
    if (m_durationEdited || m_busy || !m_view)
        return;
    const QDateTime started = m_view->contactStartedAt();
    const qint64 elapsed = started.isValid() ? started.secsTo(QDateTime::currentDateTimeUtc()) : 0;
    m_duration->setText(formatDuration(elapsed));
}

void WrapUpPanel::updateIdentity()
{
    if (!m_view)
        return;
    m_identity->setText(m_view->identityVerified()
                            ? tr("Verified by %1").arg(m_view->identityVerification())
                            : tr("Not verified in this contact"));
}

void WrapUpPanel::load()
{
    setBusy(true);
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_db, this,
        [&codes, user] {
            return std::pair(codes.list(user, ContactCodeKind::Reason), codes.list(user, ContactCodeKind::WrapUp));
        },
        [this](const std::pair<QList<ContactCode>, QList<ContactCode>> &lists) {
            m_reasonCodes = lists.first;
            m_wrapUpCodes = lists.second;
            fillCodes(m_reason, m_reasonCodes);
            fillCodes(m_wrapUp, m_wrapUpCodes);
            setBusy(false);
            // The reason is what the agent must choose first: the keyboard starts there.
            m_reason->setFocus(Qt::OtherFocusReason);
            emit loaded();
        },
        [this](const QString &error) {
            setBusy(false);
            m_log->setEnabled(false);
            m_messages->showMessage(Ui::MessageBar::Type::Error,
                                    tr("The reason and wrap-up codes could not be loaded: %1").arg(error), tr("Tr&y again"),
                                    [this] { load(); });
            emit loaded();
        });
}

void WrapUpPanel::fillCodes(QComboBox *combo, const QList<ContactCode> &codes)
{
    const QString chosen = combo->currentData().toString();
    combo->clear();
    // A first entry that is no code, so that a required choice is never made by default.
    combo->addItem(combo == m_reason ? tr("Choose a reason…") : tr("Choose how it ended…"), QString());
    for (const ContactCode &c : codes)
        combo->addItem(c.displayName(), c.code);
    combo->setCurrentIndex(qMax(0, combo->findData(chosen)));
}

bool WrapUpPanel::validate(bool focusFirstProblem)
{
    struct Check {
        QWidget *field;
        Ui::FieldMessage *message;
        QString problem;
    };
    const bool full = focusFirstProblem;   // code choices are only required on Log, not while tabbing
    const Check checks[] = {
        {m_reason, m_reasonMessage,
         full && m_reason->currentData().toString().isEmpty() ? tr("Choose a reason: why did the customer get in touch?")
                                                               : QString()},
        {m_wrapUp, m_wrapUpMessage,
         full && m_wrapUp->currentData().toString().isEmpty() ? tr("Choose a wrap-up code: how did the contact end?")
                                                               : QString()},
        {m_summary, m_summaryMessage,
         m_summary->text().trimmed().size() > MaxSummary ? tr("Shorten the summary to at most %1 characters.").arg(MaxSummary)
                                                         : QString()},
        {m_notes, m_notesMessage,
         m_notes->toPlainText().trimmed().size() > MaxNotes ? tr("Shorten the notes to at most %1 characters.").arg(MaxNotes)
                                                            : QString()},
        {m_duration, m_durationMessage,
         !durationSeconds() ? tr("Enter the duration as minutes:seconds, for example 4:30 (at most 24 hours).")
                            : QString()},
    };
    QWidget *first = nullptr;
    for (const Check &check : checks) {
        if (full || (check.field != m_reason && check.field != m_wrapUp))
            check.message->setMessage(check.problem);
        if (!check.problem.isEmpty() && !first)
            first = check.field;
    }
    if (first && focusFirstProblem)
        first->setFocus(Qt::OtherFocusReason);
    return !first;
}

void WrapUpPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    m_log->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_channel, m_direction, m_reason, m_wrapUp, m_summary, m_notes,
                                                       m_duration})
        w->setEnabled(!busy);
}

void WrapUpPanel::log()
{
    if (m_busy || !m_view || !validate(true))
        return;
    Interaction call;
    call.customerId = m_view->customerId();
    call.channel = interactionChannelFromKey(m_channel->currentData().toString()).value_or(InteractionChannel::Phone);
    call.direction = interactionDirectionFromKey(m_direction->currentData().toString()).value_or(InteractionDirection::Inbound);
    call.reasonCode = m_reason->currentData().toString();
    call.wrapUpCode = m_wrapUp->currentData().toString();
    call.summary = m_summary->text().trimmed();
    call.notes = m_notes->toPlainText().trimmed();
    call.durationSeconds = durationSeconds().value_or(0);
    call.identityCheck = m_view->identityVerified() ? m_view->identityVerification() : QString();
    m_messages->dismiss();
    setBusy(true);
    InteractionService &interactions = m_interactions;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_db, this, [&interactions, user, call] { return interactions.log(user, call); },
        [this](const Interaction &stored) {
            setBusy(false);
            emit logged(stored);
            QPointer<Ui::CustomerView> view = m_view;
            if (!view)
                return;
            // The logged contact showing in the record is the confirmation; the next one starts now.
            view->startNewContact();
            view->refresh();
            // Closed once this call has returned, since closing deletes the panel.
            QTimer::singleShot(0, view, [view] { view->closeSidePanel(QStringLiteral("wrap_up")); });
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(tr("The contact was not logged: %1").arg(error));
            emit logFailed(error);
        });
}

void WrapUpPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void WrapUpPanel::retranslateUi()
{
    m_channelLabel->setText(tr("C&hannel:"));
    const QList<InteractionChannel> channels = allInteractionChannels();
    for (int i = 0; i < channels.size() && i < m_channel->count(); ++i)
        m_channel->setItemText(i, interactionChannelName(channels.at(i)));
    m_directionLabel->setText(tr("D&irection:"));
    m_direction->setItemText(0, interactionDirectionName(InteractionDirection::Inbound));
    m_direction->setItemText(1, interactionDirectionName(InteractionDirection::Outbound));
    m_reasonLabel->setText(tr("&Reason:"));
    m_wrapUpLabel->setText(tr("&Wrap-up code:"));
    m_summaryLabel->setText(tr("&Summary:"));
    m_summary->setPlaceholderText(tr("What was asked and what was done"));
    m_notesLabel->setText(tr("&Notes:"));
    m_durationLabel->setText(tr("D&uration:"));
    m_duration->setToolTip(tr("Minutes and seconds since the contact started; type over it to correct it"));
    m_identityLabel->setText(tr("Identity:"));
    m_log->setText(tr("&Log contact"));
    m_log->setToolTip(tr("Log this contact and start the next one (Ctrl+Enter)"));
    fillCodes(m_reason, m_reasonCodes);
    fillCodes(m_wrapUp, m_wrapUpCodes);
    updateIdentity();
}

WrapUpPanel::~WrapUpPanel()
{
    Ui::disconnectChildren(this);
}

} // namespace Ud::Accounts
