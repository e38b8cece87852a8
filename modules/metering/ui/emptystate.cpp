#include "emptystate.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Ud::Metering {

EmptyState::EmptyState(QWidget *parent) : QWidget(parent), m_text(new QLabel(this)), m_action(new QPushButton(this))
{
    m_text->setObjectName(QStringLiteral("emptyText"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("emptyAction"));
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_callback)
            m_callback();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_text);
    layout->addWidget(m_action, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    setFocusProxy(m_action);
}

void EmptyState::setMessage(const QString &text, const QString &actionText, std::function<void()> action)
{
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_callback = std::move(action);
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace Ud::Metering
