#include "calculatebillpage.h"

#include <billing/billlistmodel.h>
#include <core/module.h>
#include <core/money.h>
#include <core/ui/background.h>
#include <core/ui/messagebar.h>

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Ud::Billing {

CalculateBillPage::CalculateBillPage(Core::Context &context, BillService &bills, Core::UserContext user,
                                     QString customerId, QWidget *parent)
    : QWidget(parent), m_context(context), m_bills(bills), m_user(std::move(user)), m_customerId(std::move(customerId))
{
    setObjectName(QStringLiteral("calculateBillPage"));
    m_messages = new Ui::MessageBar(this);
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("billAccount"));
    const QDate firstOfMonth = QDate::currentDate().addDays(1 - QDate::currentDate().day());
    m_from = new QDateEdit(firstOfMonth.addMonths(-1), this);
    m_from->setObjectName(QStringLiteral("billFrom"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(firstOfMonth.addDays(-1), this);
    m_to->setObjectName(QStringLiteral("billTo"));
    m_to->setCalendarPopup(true);
    m_toMessage = new Ui::FieldMessage(m_to, this);
    m_accountLabel = new QLabel(this);
    m_accountLabel->setBuddy(m_account);
    m_fromLabel = new QLabel(this);
    m_fromLabel->setBuddy(m_from);
    m_toLabel = new QLabel(this);
    m_toLabel->setBuddy(m_to);
    m_calculate = new QPushButton(this);
    m_calculate->setObjectName(QStringLiteral("calculateBillButton"));
    m_calculate->setDefault(true);
    m_issue = new QPushButton(this);
    m_issue->setObjectName(QStringLiteral("issueBill"));
    m_issue->setEnabled(false);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("billSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_preview = new QTextBrowser(this);
    m_preview->setObjectName(QStringLiteral("billPreview"));
    m_preview->setOpenLinks(false);

    auto *form = new QFormLayout;
    form->addRow(m_accountLabel, m_account);
    form->addRow(m_fromLabel, m_from);
    auto *toColumn = new QVBoxLayout;
    toColumn->addWidget(m_to);
    toColumn->addWidget(m_toMessage);
    form->addRow(m_toLabel, toColumn);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_calculate);
    buttons->addWidget(m_issue);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    setTabOrder(m_account, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_calculate);
    setTabOrder(m_calculate, m_issue);
    setTabOrder(m_issue, m_preview);

    connect(m_calculate, &QPushButton::clicked, this, &CalculateBillPage::calculate);
    connect(m_issue, &QPushButton::clicked, this, &CalculateBillPage::issue);
    connect(m_to, &QDateEdit::editingFinished, this, &CalculateBillPage::checkPeriod);
    connect(m_from, &QDateEdit::editingFinished, this, &CalculateBillPage::checkPeriod);
    // A changed input makes the preview shown stale: it can no longer be issued.
    const auto stale = [this] {
        m_shown.reset();
        m_issue->setEnabled(false);
    };
    connect(m_account, &QComboBox::currentIndexChanged, this, stale);
    connect(m_from, &QDateEdit::dateChanged, this, stale);
    connect(m_to, &QDateEdit::dateChanged, this, stale);
    setFocusProxy(m_account);
    retranslateUi();

    setBusy(true);
    BillService *service = &m_bills;
    const Core::UserContext u = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_context.database, this, [service, u, id] { return service->billableAccounts(u, id); },
        [this](const QList<BillingAccount> &accounts) {
            for (const BillingAccount &a : accounts)
                m_account->addItem(a.premiseAddress.isEmpty() ? a.accountNumber
                                                              : tr("%1, %2").arg(a.accountNumber, a.premiseAddress),
                                   a.accountId);
            setBusy(false);
            if (accounts.isEmpty()) {
                m_calculate->setEnabled(false);
                m_messages->showMessage(Ui::MessageBar::Type::Information,
                                        tr("The customer has no postpaid account; prepaid accounts are charged to "
                                           "their balance, not billed."));
            }
            emit accountsLoaded(int(accounts.size()));
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(tr("The customer's accounts could not be loaded: %1").arg(error));
            emit accountsLoaded(0);
        });
}

bool CalculateBillPage::checkPeriod()
{
    if (m_to->date() < m_from->date()) {
        m_toMessage->setMessage(tr("Enter a day on or after %1.").arg(QLocale().toString(m_from->date(), QLocale::ShortFormat)));
        return false;
    }
    if (m_from->date().daysTo(m_to->date()) >= BillService::MaxPeriodDays) {
        m_toMessage->setMessage(tr("A bill covers at most %1 days; enter an earlier day.").arg(BillService::MaxPeriodDays));
        return false;
    }
    m_toMessage->setMessage({});
    return true;
}

void CalculateBillPage::setBusy(bool busy)
{
    m_busy = busy;
    m_calculate->setEnabled(!busy && m_account->count() > 0);
    m_issue->setEnabled(!busy && m_shown && !m_shown->existing && m_user.can(Core::Permission::RunBilling));
}

void CalculateBillPage::calculate()
{
    if (m_busy || m_account->currentIndex() < 0)
        return;
    if (!checkPeriod()) {
        m_to->setFocus();
        return;
    }
    m_messages->dismiss();
    m_shown.reset();
    setBusy(true);
    BillService *service = &m_bills;
    const Core::UserContext u = m_user;
    const QString account = m_account->currentData().toString();
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    Ui::runInBackground(
        m_context.database, this,
        [service, u, account, from, to] {
            BillPreview preview = service->calculate(u, account, from, to);
            return qMakePair(preview, service->previewHtml(preview));
        },
        [this](const QPair<BillPreview, QString> &done) {
            m_shown = done.first;
            setBusy(false);
            showPreview(done.first);
            m_preview->setHtml(done.second);
            emit calculated();
        },
        [this](const QString &error) {
            setBusy(false);
            m_summary->clear();
            m_preview->clear();
            m_messages->showError(tr("The bill could not be calculated: %1").arg(error));
        });
}

void CalculateBillPage::showPreview(const BillPreview &preview)
{
    const QLocale locale;
    const BillResult &r = preview.result;
    QString text = tr("%1 to %2: %3 including %4 VAT, for %5.")
                       .arg(locale.toString(preview.from, QLocale::ShortFormat), locale.toString(preview.to, QLocale::ShortFormat),
                            Core::Money(r.totalMinor, r.currency).toString(locale),
                            Core::Money(r.vatMinor, r.currency).toString(locale),
                            BillListModel::energyText(r.consumptionWh, locale));
    Bill asBill = Bill::fromResult(r);
    const QString estimated = BillListModel::estimateText(asBill, locale);
    if (!estimated.isEmpty())
        text += QLatin1Char(' ') + tr("Estimated: %1.").arg(estimated);
    m_summary->setText(text);
    if (preview.existing) {
        m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                tr("The bill %1 already covers %2 to %3, so this period cannot be issued again.")
                                    .arg(preview.existing->number, locale.toString(preview.existing->from, QLocale::ShortFormat),
                                         locale.toString(preview.existing->to, QLocale::ShortFormat)));
    } else if (!m_user.can(Core::Permission::RunBilling)) {
        m_messages->showMessage(Ui::MessageBar::Type::Information,
                                tr("Issuing bills needs the permission to run billing; this is a preview."));
    }
}

void CalculateBillPage::issue()
{
    if (m_busy || !m_shown || m_shown->existing)
        return;
    setBusy(true);
    BillService *service = &m_bills;
    const Core::UserContext u = m_user;
    const QString account = m_shown->account.accountId;
    const QDate from = m_shown->from;
    const QDate to = m_shown->to;
    Ui::runInBackground(
        m_context.database, this, [service, u, account, from, to] { return service->issue(u, account, from, to); },
        [this](const Bill &bill) {
            m_shown.reset();
            setBusy(false);
            emit issued(bill);
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(tr("The bill was not issued: %1").arg(error));
        });
}

void CalculateBillPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void CalculateBillPage::retranslateUi()
{
    m_accountLabel->setText(tr("&Account:"));
    m_fromLabel->setText(tr("&From:"));
    m_toLabel->setText(tr("&To:"));
    m_calculate->setText(tr("&Calculate"));
    m_issue->setText(tr("&Issue bill"));
    m_issue->setToolTip(tr("Store this bill with a bill number; the customer's document is printed from it"));
}

} // namespace Ud::Billing
