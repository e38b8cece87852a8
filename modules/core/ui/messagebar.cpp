#include "messagebar.h"

#include <QDialog>
#include <QEvent>
#include <QLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace Ud::Ui {

namespace {
QStyle::StandardPixmap iconFor(MessageBar::Type type)
{
    switch (type) {
    case MessageBar::Type::Information: return QStyle::SP_MessageBoxInformation;
    case MessageBar::Type::Warning: return QStyle::SP_MessageBoxWarning;
    case MessageBar::Type::Error: return QStyle::SP_MessageBoxCritical;
    }
    return QStyle::SP_MessageBoxInformation;
}

// The dominant colour of the style's icon: red for critical, amber for warning and so on in
// every common style, so the tint follows the platform instead of a colour picked here.
QColor iconColour(const QIcon &icon, const QColor &fallback)
{
    const QImage image = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    qint64 r = 0, g = 0, b = 0, n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            // Saturated opaque pixels only: outlines and white glyphs would wash the tint out.
            if (c.alpha() < 200 || c.hsvSaturationF() < 0.35)
                continue;
            r += c.red(); g += c.green(); b += c.blue(); ++n;
        }
    }
    return n == 0 ? fallback : QColor(int(r / n), int(g / n), int(b / n));
}

QColor blend(const QColor &base, const QColor &tint, qreal amount)
{
    return QColor::fromRgbF(base.redF() + (tint.redF() - base.redF()) * amount,
                            base.greenF() + (tint.greenF() - base.greenF()) * amount,
                            base.blueF() + (tint.blueF() - base.blueF()) * amount);
}

int iconExtent(const QWidget *w)
{
    return w->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, w);
}
} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_action(new QPushButton(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_action->setObjectName(QStringLiteral("messageBarAction"));
    m_action->hide();
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton, nullptr, this));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    connect(m_action, &QPushButton::clicked, this, [this] {
        // Take the callback first: it may show a new message on this bar.
        auto callback = std::move(m_callback);
        dismiss();
        if (callback)
            callback();
    });
    retranslateUi();
    applyStyle();
    hide();
}

void MessageBar::showMessage(Type type, const QString &text, const QString &actionText,
                             std::function<void()> action)
{
    m_type = type;
    m_text->setText(text);
    m_callback = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    setAccessibleDescription(text);
    applyStyle();
    show();
}

void MessageBar::dismiss()
{
    const bool wasVisible = isVisible();
    m_callback = {};
    hide();
    if (wasVisible)
        emit dismissed();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::StyleChange || event->type() == QEvent::PaletteChange)
        applyStyle();
}

void MessageBar::applyStyle()
{
    const QIcon icon = style()->standardIcon(iconFor(m_type), nullptr, this);
    m_icon->setPixmap(icon.pixmap(iconExtent(this), iconExtent(this)));
    // Build from the parent's palette: our own Window role is the tint set last time.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    QPalette pal = base;
    const QColor tint = iconColour(icon, base.color(QPalette::Highlight));
    pal.setColor(QPalette::Window, blend(base.color(QPalette::Base), tint, 0.16));
    pal.setColor(QPalette::WindowText, base.color(QPalette::Text));
    // setPalette() sends PaletteChange, which lands here again: stop once nothing changes.
    if (pal.color(QPalette::Window) != palette().color(QPalette::Window)
        || pal.color(QPalette::WindowText) != palette().color(QPalette::WindowText))
        setPalette(pal);
}

void MessageBar::retranslateUi()
{
    m_close->setToolTip(tr("Dismiss this message"));
    m_close->setAccessibleName(tr("Dismiss"));
}

FieldMessage::FieldMessage(QWidget *field, QWidget *parent)
    : QWidget(parent), m_field(field), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                          .pixmap(iconExtent(this), iconExtent(this)));
    hide();
}

void FieldMessage::setMessage(const QString &message)
{
    m_text->setText(message);
    if (m_field)
        m_field->setAccessibleDescription(message);
    setVisible(!message.isEmpty());
    if (!message.isEmpty())
        QMetaObject::invokeMethod(this, &FieldMessage::growDialog, Qt::QueuedConnection);
}

void FieldMessage::growDialog()
{
    // A top-level layout ignores the wrapped text's height-for-width, so a dialog would squeeze
    // its fields to make room for the message: grow the dialog instead. Pages scroll.
    auto *dialog = qobject_cast<QDialog *>(window());
    if (!dialog || !dialog->layout())
        return;
    QLayout *layout = dialog->layout();
    const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(dialog->width())
                                                   : layout->totalSizeHint().height();
    if (dialog->height() < needed)
        dialog->resize(dialog->width(), needed);
}

QString FieldMessage::message() const
{
    return m_text->text();
}

void FieldMessage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::StyleChange)
        m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                              .pixmap(iconExtent(this), iconExtent(this)));
}

} // namespace Ud::Ui
