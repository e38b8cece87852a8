#include "customerheader.h"

#include <accounts/phonenumbers.h>

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace Ud::Accounts {

namespace {
QLabel *selectable(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QPixmap smallIcon(const QWidget *w, QStyle::StandardPixmap which)
{
    const int extent = w->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, w);
    return w->style()->standardIcon(which, nullptr, w).pixmap(extent, extent);
}

void clearLayout(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString languageName(const QString &code)
{
    const QLocale locale(code);
    const QString native = locale.language() == QLocale::C ? QString() : QLocale::languageToString(locale.language());
    return native.isEmpty() ? code : native;
}
} // namespace

CustomerHeader::CustomerHeader(QWidget *parent)
    : QFrame(parent), m_name(selectable(this, QStringLiteral("customerHeaderName"))),
      m_details(selectable(this, QStringLiteral("customerHeaderDetails"))), m_identityIcon(new QLabel(this)),
      m_identityText(selectable(this, QStringLiteral("customerHeaderIdentity"))), m_numbers(new QWidget(this)),
      m_numbersLayout(new QHBoxLayout(m_numbers)), m_address(selectable(this, QStringLiteral("customerHeaderAddress"))),
      m_flags(new QWidget(this)), m_flagsLayout(new QHBoxLayout(m_flags))
{
    setObjectName(QStringLiteral("customerHeader"));
    setFrameShape(QFrame::StyledPanel);
    QFont big = m_name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_name->setFont(big);
    m_name->setWordWrap(true);
    m_address->setWordWrap(true);
    m_numbers->setObjectName(QStringLiteral("customerHeaderNumbers"));
    m_flags->setObjectName(QStringLiteral("customerHeaderFlags"));
    m_numbersLayout->setContentsMargins(0, 0, 0, 0);
    m_flagsLayout->setContentsMargins(0, 0, 0, 0);

    auto *identity = new QHBoxLayout;
    identity->addWidget(m_identityIcon);
    identity->addWidget(m_identityText);
    auto *grid = new QGridLayout(this);
    grid->addWidget(m_name, 0, 0);
    grid->addLayout(identity, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_details, 1, 0, 1, 2);
    grid->addWidget(m_numbers, 2, 0, 1, 2);
    grid->addWidget(m_address, 3, 0, 1, 2);
    grid->addWidget(m_flags, 4, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    setLoading();
}

void CustomerHeader::setLoading()
{
    if (m_data)
        return;   // a reload keeps the header readable until the new data is there
    m_error.clear();
    render();
}

void CustomerHeader::setData(const CustomerHeaderData &data)
{
    m_data = data;
    m_error.clear();
    render();
}

void CustomerHeader::setError(const QString &message)
{
    m_data.reset();
    m_error = message;
    render();
}

void CustomerHeader::setIdentity(const QString &how)
{
    m_identity = how;
    renderIdentity();
}

QString CustomerHeader::plainText() const
{
    QStringList lines{m_name->text(), m_identityText->text(), m_details->text()};
    for (const QLabel *label : m_numbers->findChildren<QLabel *>())
        lines << label->text();
    lines << m_address->text();
    for (const QLabel *label : m_flags->findChildren<QLabel *>()) {
        if (!label->text().isEmpty())
            lines << label->text();
    }
    lines.removeAll(QString());
    return lines.join(QLatin1Char('\n'));
}

void CustomerHeader::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QFrame::changeEvent(event);
}

QToolButton *CustomerHeader::copyButton(const QString &objectName, const QString &value, const QString &what)
{
    auto *button = new QToolButton(m_numbers);
    button->setObjectName(objectName);
    button->setAutoRaise(true);
    button->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    button->setToolButtonStyle(button->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
    button->setText(tr("Copy"));
    button->setToolTip(tr("Copy %1 %2").arg(what, value));
    button->setAccessibleName(tr("Copy %1 %2").arg(what, value));
    button->setProperty("copies", value);
    connect(button, &QToolButton::clicked, button, [button, value] {
        QApplication::clipboard()->setText(value);
        // The change itself is the feedback: the button says so for a moment.
        button->setText(CustomerHeader::tr("Copied"));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        QTimer::singleShot(1500, button, [button] {
            button->setText(CustomerHeader::tr("Copy"));
            button->setToolButtonStyle(button->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
        });
    });
    return button;
}

void CustomerHeader::render()
{
    clearLayout(m_numbersLayout);
    clearLayout(m_flagsLayout);
    renderIdentity();
    if (!m_data) {
        m_name->setText(m_error.isEmpty() ? tr("Loading…") : tr("Could not load the customer: %1").arg(m_error));
        m_details->clear();
        m_address->clear();
        m_details->hide();
        m_numbers->hide();
        m_address->hide();
        m_flags->hide();
        return;
    }
    const Customer &c = m_data->customer;
    m_name->setText(c.fullName);
    QStringList details{customerClassName(c.customerClass), languageName(c.language)};
    if (!c.phone.isEmpty())
        details << PhoneNumbers::formatInternational(c.phone);
    if (!c.email.isEmpty())
        details << c.email;
    m_details->setText(details.join(QStringLiteral(" · ")));
    m_details->show();

    auto *number = selectable(m_numbers, QStringLiteral("customerHeaderNumber"));
    number->setText(tr("Customer %1").arg(c.customerNumber));
    m_numbersLayout->addWidget(number);
    m_numbersLayout->addWidget(copyButton(QStringLiteral("copyCustomerNumber"), c.customerNumber, tr("customer number")));
    for (const Account &a : m_data->accounts) {
        auto *label = selectable(m_numbers, QStringLiteral("customerHeaderAccount"));
        label->setText(a.status == AccountStatus::Active ? tr("Account %1").arg(a.accountNumber)
                                                         : tr("Account %1 (%2)").arg(a.accountNumber, accountStatusName(a.status)));
        m_numbersLayout->addSpacing(style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, this));
        m_numbersLayout->addWidget(label);
        m_numbersLayout->addWidget(copyButton(QStringLiteral("copyAccountNumber"), a.accountNumber, tr("account number")));
    }
    if (m_data->accounts.isEmpty())
        m_numbersLayout->addWidget(new QLabel(tr("No account yet"), m_numbers));
    m_numbersLayout->addStretch(1);
    m_numbers->show();

    m_address->setText(m_data->premise ? m_data->premise->singleLineAddress() : tr("No supply address"));
    m_address->show();

    for (const Vulnerability &v : c.vulnerabilities) {
        // Icon and words together: the flag never rests on colour or an icon alone.
        auto *icon = new QLabel(m_flags);
        icon->setPixmap(smallIcon(this, QStyle::SP_MessageBoxWarning));
        auto *text = new QLabel(m_flags);
        text->setObjectName(QStringLiteral("customerHeaderFlag"));
        text->setText(v.consentGiven ? vulnerabilityKindName(v.kind)
                                     : tr("%1 (no consent recorded)").arg(vulnerabilityKindName(v.kind)));
        QString tip = v.consentGiven ? tr("Consent given on %1")
                                           .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(v.consentAt).date(),
                                                                   QLocale::ShortFormat))
                                     : tr("No consent recorded");
        if (!v.notes.isEmpty())
            tip += QLatin1Char('\n') + v.notes;
        text->setToolTip(tip);
        m_flagsLayout->addWidget(icon);
        m_flagsLayout->addWidget(text);
    }
    m_flagsLayout->addStretch(1);
    m_flags->setVisible(!c.vulnerabilities.isEmpty());
}

void CustomerHeader::renderIdentity()
{
    const bool verified = !m_identity.isEmpty();
    m_identityIcon->setPixmap(smallIcon(this, verified ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxQuestion));
    m_identityText->setText(verified ? tr("Identity verified: %1").arg(m_identity) : tr("Identity not verified"));
}

} // namespace Ud::Accounts
