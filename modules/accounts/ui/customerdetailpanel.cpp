#include "customerdetailpanel.h"

#include <accounts/accountservice.h>
#include <accounts/accountsmodule.h>
#include <accounts/applianceservice.h>
#include <accounts/customerservice.h>
#include <accounts/interactionservice.h>
#include <accounts/meterservice.h>
#include <accounts/phonenumbers.h>
#include <core/error.h>

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><th align=\"left\" valign=\"top\">%1</th><td>%2</td></tr>").arg(esc(label), esc(value));
}

QString heading(const QString &text)
{
    return QStringLiteral("<h3>%1</h3>").arg(esc(text));
}

QString paragraph(const QString &text)
{
    return QStringLiteral("<p>%1</p>").arg(esc(text));
}

QString listOf(const QStringList &items)
{
    QString html = QStringLiteral("<ul>");
    for (const QString &item : items)
        html += QStringLiteral("<li>%1</li>").arg(esc(item));
    return html + QStringLiteral("</ul>");
}

QString dateText(const QDate &date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}
} // namespace

CustomerDetailPanel::CustomerDetailPanel(AccountsModule &module, Core::UserContext user, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user))
{
    setObjectName(QStringLiteral("customerDetailPanel"));
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_close, &QToolButton::clicked, this, &CustomerDetailPanel::closeRequested);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("customerDetailText"));
    m_browser->setOpenLinks(false);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_browser, 1);
    retranslateUi();
}

QString CustomerDetailPanel::plainText() const
{
    return m_title->text() + QLatin1Char('\n') + m_browser->toPlainText();
}

void CustomerDetailPanel::showCustomer(const QString &customerId)
{
    m_customerId = customerId;
    render();
}

void CustomerDetailPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomerDetailPanel::retranslateUi()
{
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("Close the customer details (Esc)"));
    if (!m_customerId.isEmpty())
        render();
}

void CustomerDetailPanel::render()
{
    const QLocale locale;
    QString html;
    try {
        const Customer c = m_module.customers().get(m_user, m_customerId);
        const QList<Account> accounts = m_module.accounts().accountsOfCustomer(m_user, c.id);
        const QList<Premise> premises = m_module.accounts().premisesOfCustomer(m_user, c.id);
        const QList<Meter> meters = m_module.meters().metersOfCustomer(m_user, c.id);
        const QList<Appliance> appliances = m_module.appliances().ofCustomer(m_user, c.id);
        const QList<Interaction> contacts = m_module.interactions().ofCustomer(m_user, c.id, 10);
        QHash<QString, Premise> premiseById;
        for (const Premise &p : premises)
            premiseById.insert(p.id, p);

        m_title->setText(tr("%1 (%2)").arg(c.fullName, c.customerNumber));

        html += QStringLiteral("<table cellspacing=\"4\">");
        html += row(tr("Customer number"), c.customerNumber);
        html += row(tr("Class"), customerClassName(c.customerClass));
        if (!c.givenName.isEmpty() || !c.familyName.isEmpty()) {
            html += row(tr("Family name"), c.familyName);
            html += row(tr("Given name"), c.givenName);
        }
        html += row(tr("Language"), QLocale(c.language).nativeLanguageName().isEmpty()
                                         ? c.language : QLocale(c.language).nativeLanguageName());
        html += row(tr("Phone"), PhoneNumbers::formatInternational(c.phone));
        html += row(tr("Email"), c.email);
        if (c.dateOfBirth.isValid())
            html += row(tr("Date of birth"), dateText(c.dateOfBirth));
        if (c.householdSize)
            html += row(tr("Household size"), locale.toString(*c.householdSize));
        if (!c.incomeBand.isEmpty())
            html += row(tr("Income band"), incomeBandName(c.incomeBand));
        if (!c.creditBand.isEmpty())
            html += row(tr("Credit band"), creditBandName(c.creditBand));
        if (!c.businessType.isEmpty())
            html += row(tr("Business type"), c.businessType);
        // Never the value itself: it is revealed one at a time, audited, in the profile editor.
        const bool mayReveal = m_user.can(Core::Permission::ViewSensitiveData);
        auto sensitive = [this, mayReveal](const SensitiveValue &v) {
            if (!v.stored)
                return tr("None on record");
            if (mayReveal)
                return tr("%1 (on record: reveal it in the profile)").arg(v.masked());
            return tr("%1 (hidden: you may not view sensitive data)").arg(v.masked());
        };
        html += row(tr("National id"), sensitive(c.nationalId));
        html += row(tr("Bank account"), sensitive(c.bankAccount));
        html += QStringLiteral("</table>");

        html += heading(tr("Vulnerabilities"));
        if (c.vulnerabilities.isEmpty()) {
            html += paragraph(tr("None recorded."));
        } else {
            QStringList items;
            for (const Vulnerability &v : c.vulnerabilities) {
                QString text = v.consentGiven
                                   ? tr("%1: consent given on %2")
                                         .arg(vulnerabilityKindName(v.kind),
                                              dateText(QDateTime::fromSecsSinceEpoch(v.consentAt).date()))
                                   : tr("%1: no consent recorded").arg(vulnerabilityKindName(v.kind));
                if (!v.notes.isEmpty())
                    text += QStringLiteral(" — ") + v.notes;
                items << text;
            }
            html += listOf(items);
        }

        html += heading(tr("Accounts"));
        if (accounts.isEmpty()) {
            html += paragraph(tr("No accounts."));
        } else {
            QStringList items;
            for (const Account &a : accounts) {
                QString text = tr("%1 — %2 market (%3), %4, %5, opened %6")
                                   .arg(a.accountNumber, a.marketCode, a.currency, paymentTypeName(a.paymentType),
                                        accountStatusName(a.status), dateText(a.openedOn));
                if (premiseById.contains(a.premiseId))
                    text += QStringLiteral(" — ") + premiseById.value(a.premiseId).singleLineAddress();
                items << text;
            }
            html += listOf(items);
        }

        html += heading(tr("Premises"));
        if (premises.isEmpty()) {
            html += paragraph(tr("No premises."));
        } else {
            QStringList items;
            for (const Premise &p : premises) {
                QString text = tr("%1 (%2, time zone %3)").arg(p.singleLineAddress(), p.country, p.timeZone);
                if (!p.substation.isEmpty() || !p.feeder.isEmpty() || !p.transformer.isEmpty())
                    text += QStringLiteral(" — ")
                            + tr("substation %1, feeder %2, transformer %3").arg(p.substation, p.feeder, p.transformer);
                items << text;
            }
            html += listOf(items);
        }

        html += heading(tr("Meters"));
        if (meters.isEmpty()) {
            html += paragraph(tr("No meters."));
        } else {
            QStringList items;
            for (const Meter &m : meters) {
                QStringList channels;
                for (const MeterChannel &ch : m.channels)
                    channels << tr("%1 (%2)").arg(channelKindName(ch.kind), channelUnitKey(ch.unit));
                items << tr("%1 — %2, every %n minutes, channels: %3, installed %4", nullptr, m.intervalMinutes)
                             .arg(m.serial, commodityName(m.commodity), channels.join(QStringLiteral(", ")),
                                  dateText(m.installedOn));
            }
            html += listOf(items);
        }

        html += heading(tr("Appliances"));
        if (appliances.isEmpty()) {
            html += paragraph(tr("No appliances recorded."));
        } else {
            QStringList items;
            for (const Appliance &a : appliances) {
                QString text = applianceKindName(a.kind);
                if (a.capacityW)
                    text += QStringLiteral(", ") + tr("%1 kW").arg(locale.toString(double(*a.capacityW) / 1000.0, 'f', 1));
                if (a.installedOn.isValid())
                    text += QStringLiteral(", ") + tr("installed %1").arg(dateText(a.installedOn));
                items << text;
            }
            html += listOf(items);
        }

        html += heading(tr("Last contacts"));
        if (contacts.isEmpty()) {
            html += paragraph(tr("No contacts logged."));
        } else {
            QStringList items;
            for (const Interaction &i : contacts) {
                QString text = tr("%1 — %2 %3: %4 (by %5)")
                                   .arg(locale.toString(QDateTime::fromSecsSinceEpoch(i.at).toLocalTime(),
                                                        QLocale::ShortFormat),
                                        interactionDirectionName(i.direction), interactionChannelName(i.channel),
                                        i.reason, i.agent);
                if (!i.summary.isEmpty())
                    text += QStringLiteral(" — ") + i.summary;
                items << text;
            }
            html += listOf(items);
        }
    } catch (const Core::Error &e) {
        m_title->setText(tr("Customer"));
        html = paragraph(tr("Could not load the customer: %1").arg(e.message()));
    }
    m_browser->setHtml(html);
}

} // namespace Ud::Accounts
