#include "loadstate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Ud::Ui {

LoadState::LoadState(QWidget *content, QWidget *parent)
    : QWidget(parent), m_content(content), m_message(new QWidget(this)), m_icon(new QLabel(m_message)),
      m_text(new QLabel(m_message)), m_action(new QPushButton(m_message))
{
    m_content->setParent(this);
    m_message->setObjectName(QStringLiteral("loadStateMessage"));
    m_text->setObjectName(QStringLiteral("loadStateText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("loadStateAction"));
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_callback)
            m_callback();
    });
    auto *messageLayout = new QHBoxLayout(m_message);
    messageLayout->setContentsMargins(0, 0, 0, 0);
    messageLayout->addWidget(m_icon, 0, Qt::AlignTop);
    messageLayout->addWidget(m_text, 1);
    messageLayout->addWidget(m_action, 0, Qt::AlignVCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_content, 1);
    showLoading();
}

void LoadState::showLoading(const QString &text)
{
    m_defaultLoadingText = text.isEmpty();
    m_callback = {};
    setState(State::Loading, m_defaultLoadingText ? tr("Loading…") : text);
}

void LoadState::showEmpty(const QString &text, const QString &actionText, std::function<void()> action)
{
    m_callback = std::move(action);
    m_action->setText(actionText);
    setState(State::Empty, text);
}

void LoadState::showError(const QString &error, std::function<void()> retry)
{
    m_error = error;
    m_callback = std::move(retry);
    m_action->setText(tr("&Try again"));
    setState(State::Error, tr("Could not load: %1").arg(error));
}

void LoadState::showContent()
{
    m_callback = {};
    setState(State::Content, {});
}

QString LoadState::text() const
{
    return m_state == State::Content ? QString() : m_text->text();
}

void LoadState::setState(State state, const QString &text)
{
    m_state = state;
    m_text->setText(text);
    const bool content = state == State::Content;
    m_message->setVisible(!content);
    m_content->setVisible(content);
    m_action->setVisible(m_callback && !m_action->text().isEmpty() && (state == State::Empty || state == State::Error));
    // The sentence says what happened; the icon only repeats it for an error.
    if (state == State::Error) {
        const int extent = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(extent, extent));
        m_icon->show();
    } else {
        m_icon->clear();
        m_icon->hide();
    }
    emit stateChanged(state);
}

void LoadState::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LoadState::retranslateUi()
{
    // Empty texts belong to the owner, who sets them again; the fixed sentences are ours.
    if (m_state == State::Loading && m_defaultLoadingText)
        m_text->setText(tr("Loading…"));
    else if (m_state == State::Error) {
        m_text->setText(tr("Could not load: %1").arg(m_error));
        m_action->setText(tr("&Try again"));
    }
}

} // namespace Ud::Ui
