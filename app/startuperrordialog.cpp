#include "startuperrordialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Ud::App {

StartupErrorDialog::StartupErrorDialog(const QString &message, QWidget *parent)
    : QDialog(parent), m_message(new QLabel(message, this))
{
    setObjectName(QStringLiteral("startupErrorDialog"));
    auto *icon = new QLabel(this);
    const int extent = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(extent, extent));
    m_message->setObjectName(QStringLiteral("startupErrorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // A long PostgreSQL URL must wrap, not stretch the dialog off the screen.
    m_message->setMinimumWidth(m_message->fontMetrics().averageCharWidth() * 50);

    auto *buttons = new QDialogButtonBox(this);
    m_change = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_change->setObjectName(QStringLiteral("changeDatabase"));
    m_change->setDefault(true);
    m_quit = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_quit->setObjectName(QStringLiteral("quit"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(m_message, 1, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);
    retranslateUi();
}

QString StartupErrorDialog::message() const
{
    return m_message->text();
}

void StartupErrorDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void StartupErrorDialog::retranslateUi()
{
    setWindowTitle(tr("UtilityDesk Cannot Open the Database"));
    m_change->setText(tr("&Change database…"));
    m_quit->setText(tr("&Quit"));
}

} // namespace Ud::App
