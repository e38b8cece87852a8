#include "balancesection.h"

#include "ledgerform.h"

#include <billing/ledgerservice.h>
#include <core/money.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Ud::Billing {

namespace {

QString money(qint64 minor, const QString &currency)
{
    return Core::Money(minor, currency).toString(QLocale());
}

QLabel *label(const QString &text, QWidget *parent, const QString &objectName = {})
{
    auto *l = new QLabel(text, parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!objectName.isEmpty())
        l->setObjectName(objectName);
    return l;
}

/// The style's own critical colour (the dominant saturated colour of its critical icon), so a
/// low balance reads red in light and dark themes without a colour written here.
QColor criticalColour(const QWidget *w)
{
    const QImage image = w->style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, w).pixmap(32, 32).toImage();
    qint64 r = 0, g = 0, b = 0, n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() < 200 || c.hsvSaturationF() < 0.35)
                continue;
            r += c.red();
            g += c.green();
            b += c.blue();
            ++n;
        }
    }
    return n == 0 ? w->palette().color(QPalette::Text) : QColor(int(r / n), int(g / n), int(b / n));
}

QStyle::StandardPixmap severityIcon(const QString &severity)
{
    if (severity == QLatin1String("critical"))
        return QStyle::SP_MessageBoxCritical;
    if (severity == QLatin1String("warning"))
        return QStyle::SP_MessageBoxWarning;
    return QStyle::SP_MessageBoxInformation;
}

QLabel *iconLabel(QStyle::StandardPixmap icon, QWidget *parent)
{
    auto *l = new QLabel(parent);
    const int extent = parent->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, parent);
    l->setPixmap(parent->style()->standardIcon(icon, nullptr, parent).pixmap(extent, extent));
    return l;
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

BalanceSection::BalanceSection(LedgerService &ledger, Core::Database &db, Core::UserContext user, Ui::CustomerView &view,
                               QWidget *parent)
    : QWidget(parent), m_ledger(ledger), m_db(db), m_user(std::move(user)), m_view(&view), m_customerId(view.customerId()),
      m_content(new QWidget)
{
    setObjectName(QStringLiteral("balanceSection"));
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_messages = new Ui::MessageBar(m_content);
    contentLayout->addWidget(m_messages);
    m_boxes = new QVBoxLayout;
    contentLayout->addLayout(m_boxes);
    m_state = new Ui::LoadState(m_content, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    connect(&view, &Ui::CustomerView::refreshed, this, &BalanceSection::reload);
    reload();
}

void BalanceSection::reload()
{
    const quint64 generation = ++m_generation;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    LedgerService &ledger = m_ledger;
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_db, this,
        [&ledger, user, id] { return Data{ledger.customerBalances(user, id), ledger.events(user, id)}; },
        [this, generation](const Data &data) {
            if (generation != m_generation)
                return;
            display(data);
            emit loaded();
        },
        [this, generation](const QString &error) {
            if (generation != m_generation)
                return;
            m_state->showError(error, [this] { reload(); });
            emit loaded();
        });
}

void BalanceSection::display(const Data &data)
{
    m_shown = data;
    m_formHosts.clear();
    m_actionButtons.clear();
    while (QLayoutItem *item = m_boxes->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (data.balances.isEmpty()) {
        m_state->showEmpty(tr("No accounts yet, so no balance."));
        return;
    }
    for (const AccountBalance &b : data.balances)
        m_boxes->addWidget(accountBox(b));
    m_boxes->addWidget(eventsBox(data.events));
    m_state->showContent();
    if (QPushButton *button = m_actionButtons.value(m_focusAccount)) {
        button->setFocus(Qt::OtherFocusReason);
        m_focusAccount.clear();
    }
}

QWidget *BalanceSection::accountBox(const AccountBalance &b)
{
    const QString cur = b.account.currency;
    const bool prepaid = b.account.paymentType == Accounts::PaymentType::Prepaid;
    auto *box = new QGroupBox(tr("Account %1 · %2 · %3")
                                  .arg(b.account.accountNumber, Accounts::paymentTypeName(b.account.paymentType), cur),
                              m_content);
    box->setObjectName(QStringLiteral("balanceAccount"));
    auto *layout = new QVBoxLayout(box);
    auto *grid = new QGridLayout;
    int row = 0;

    grid->addWidget(label(tr("Balance:"), box), row, 0);
    auto *amount = label(money(b.balanceMinor, cur), box, QStringLiteral("balanceAmount"));
    QFont bold = amount->font();
    bold.setBold(true);
    amount->setFont(bold);
    auto *balanceRow = new QHBoxLayout;
    if (b.isLow()) {
        QPalette pal = amount->palette();
        pal.setColor(QPalette::WindowText, criticalColour(this));
        amount->setPalette(pal);
        balanceRow->addWidget(iconLabel(b.balanceMinor < 0 ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning, box));
    }
    balanceRow->addWidget(amount);
    QString state;
    if (b.balanceMinor < 0)
        state = prepaid ? tr("below zero") : tr("owed");
    else if (b.isLow())
        state = tr("below %1").arg(money(b.settings.lowBalanceMinor.constFirst(), cur));
    if (!state.isEmpty())
        balanceRow->addWidget(label(state, box, QStringLiteral("balanceState")));
    balanceRow->addStretch(1);
    grid->addLayout(balanceRow, row++, 1);

    if (prepaid) {
        grid->addWidget(label(tr("Emergency credit to repay:"), box), row, 0);
        grid->addWidget(label(money(b.emergencyCreditMinor, cur), box, QStringLiteral("balanceEmergency")), row++, 1);
        grid->addWidget(label(tr("Debt:"), box), row, 0);
        grid->addWidget(label(b.debtMinor > 0 ? tr("%1, %2 % of each top-up")
                                                    .arg(money(b.debtMinor, cur), QLocale().toString(b.debtShareBp / 100.0, 'f', 2))
                                              : money(0, cur),
                              box, QStringLiteral("balanceDebt")),
                        row++, 1);
    }
    if (prepaid && b.disconnection.negativeBalance) {
        grid->addWidget(label(tr("Disconnection:"), box), row, 0);
        QString text;
        if (b.disconnection.allowedNow)
            text = tr("allowed now: the balance is below zero");
        else if (b.disconnection.nextAllowedAt == 0)
            text = tr("not under the account's friendly hours");
        else
            text = tr("not now (%1); from %2 local time")
                       .arg(b.disconnection.reason,
                            QLocale().toString(QDateTime::fromSecsSinceEpoch(b.disconnection.nextAllowedAt, b.account.zone),
                                               QLocale::ShortFormat));
        auto *l = label(text, box, QStringLiteral("balanceDisconnection"));
        l->setWordWrap(true);
        grid->addWidget(l, row++, 1);
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    if (!prepaid) {
        auto *aged = new QTableWidget(1, 6, box);
        aged->setObjectName(QStringLiteral("agedDebt"));
        aged->setHorizontalHeaderLabels({tr("Not due"), tr("Up to 30 days"), tr("31–60 days"), tr("61–90 days"),
                                         tr("Over 90 days"), tr("Total")});
        aged->verticalHeader()->hide();
        const qint64 values[] = {b.aged.notDueMinor, b.aged.upTo30Minor, b.aged.upTo60Minor, b.aged.upTo90Minor,
                                 b.aged.over90Minor, b.aged.totalMinor()};
        for (int c = 0; c < 6; ++c)
            aged->setItem(0, c, cell(money(values[c], cur), true));
        aged->setAccessibleName(tr("Aged debt of account %1").arg(b.account.accountNumber));
        aged->resizeColumnsToContents();
        aged->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
        aged->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        layout->addWidget(label(tr("Aged debt (past the due day):"), box));
        layout->addWidget(aged);
    }

    if (b.recent.isEmpty()) {
        layout->addWidget(label(prepaid ? tr("No entries yet: the first top-up or daily charge will show here.")
                                        : tr("No entries yet: bills and payments will show here."),
                                box, QStringLiteral("balanceNoEntries")));
    } else {
        layout->addWidget(label(tr("Last %n entries of %1:", nullptr, int(b.recent.size())).arg(QLocale().toString(b.entryCount)),
                                box));
        auto *table = new QTableWidget(int(b.recent.size()), 4, box);
        table->setObjectName(QStringLiteral("balanceEntries"));
        table->setHorizontalHeaderLabels({tr("Day"), tr("Entry"), tr("Amount"), tr("Reference")});
        table->verticalHeader()->hide();
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        for (int r = 0; r < b.recent.size(); ++r) {
            const LedgerEntry &e = b.recent.at(r);
            table->setItem(r, 0, cell(QLocale().toString(e.day, QLocale::ShortFormat)));
            QString kind = entryKindName(e.kind);
            if (!e.method.isEmpty())
                kind = tr("%1 (%2)").arg(kind, LedgerService::paymentMethodName(e.method));
            table->setItem(r, 1, cell(kind));
            table->setItem(r, 2, cell(money(e.amountMinor, cur), true));
            table->setItem(r, 3, cell(e.kind == EntryKind::Bill ? tr("due %1").arg(QLocale().toString(e.dueOn, QLocale::ShortFormat))
                                                                 : e.note.isEmpty() ? e.reference : e.note));
        }
        table->resizeColumnsToContents();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
        layout->addWidget(table);
    }

    auto *actions = new QHBoxLayout;
    actions->addStretch(1);
    auto *action = new QPushButton(prepaid ? tr("Top &up…") : tr("Record &payment…"), box);
    action->setObjectName(prepaid ? QStringLiteral("topUpButton") : QStringLiteral("recordPaymentButton"));
    const bool allowed = m_user.can(Core::Permission::TakePayments);
    action->setEnabled(allowed);
    if (!allowed)
        action->setToolTip(tr("Your role may not take payments or top-ups."));
    actions->addWidget(action);
    layout->addLayout(actions);
    auto *host = new QWidget(box);
    host->setObjectName(QStringLiteral("ledgerFormHost"));
    new QVBoxLayout(host);
    host->layout()->setContentsMargins(0, 0, 0, 0);
    host->hide();
    layout->addWidget(host);
    const QString accountId = b.account.id;
    m_formHosts.insert(accountId, host);
    m_actionButtons.insert(accountId, action);
    connect(action, &QPushButton::clicked, this, [this, accountId] { openForm(accountId); });
    return box;
}

LedgerForm *BalanceSection::form(const QString &accountId) const
{
    QWidget *host = m_formHosts.value(accountId);
    return host ? host->findChild<LedgerForm *>() : nullptr;
}

void BalanceSection::openForm(const QString &accountId)
{
    QWidget *host = m_formHosts.value(accountId);
    if (!host)
        return;
    if (LedgerForm *open = form(accountId)) {
        open->amountEdit()->setFocus(Qt::OtherFocusReason);
        return;
    }
    const AccountBalance *balance = nullptr;
    for (const AccountBalance &b : std::as_const(m_shown.balances)) {
        if (b.account.id == accountId)
            balance = &b;
    }
    if (!balance)
        return;
    const bool prepaid = balance->account.paymentType == Accounts::PaymentType::Prepaid;
    auto *f = new LedgerForm(prepaid ? LedgerForm::Mode::TopUp : LedgerForm::Mode::Payment, m_ledger, m_db, m_user, accountId,
                             balance->account.currency, host);
    host->layout()->addWidget(f);
    host->show();
    if (QPushButton *button = m_actionButtons.value(accountId))
        button->setEnabled(false);
    connect(f, &LedgerForm::cancelled, this, [this, accountId, host, f] {
        f->deleteLater();
        host->hide();
        if (QPushButton *button = m_actionButtons.value(accountId)) {
            button->setEnabled(true);
            button->setFocus(Qt::OtherFocusReason);
        }
    });
    connect(f, &LedgerForm::done, this, [this, accountId](const QString &activity) {
        if (m_view)
            m_view->noteActivity(activity);
        // The change itself is the confirmation: the section reloads with the new entries.
        m_focusAccount = accountId;
        reload();
    });
    f->amountEdit()->setFocus(Qt::OtherFocusReason);
}

QWidget *BalanceSection::eventsBox(const QList<AccountEvent> &events)
{
    auto *box = new QGroupBox(tr("Account events"), m_content);
    box->setObjectName(QStringLiteral("accountEvents"));
    auto *grid = new QGridLayout(box);
    if (events.isEmpty()) {
        grid->addWidget(label(tr("No account events to look at: low balances, use beyond the allowance and arrears "
                                 "would show here."),
                              box, QStringLiteral("accountEventsEmpty")),
                        0, 0);
        return box;
    }
    const bool mayAcknowledge = m_user.can(Core::Permission::LogInteractions);
    int row = 0;
    for (const AccountEvent &e : events) {
        grid->addWidget(iconLabel(severityIcon(e.severity), box), row, 0);
        const QString when = QLocale().toString(QDateTime::fromSecsSinceEpoch(e.at), QLocale::ShortFormat);
        auto *text = label(tr("%1 — %2").arg(when, e.text()), box, QStringLiteral("accountEventText"));
        text->setWordWrap(true);
        grid->addWidget(text, row, 1);
        auto *ack = new QPushButton(tr("Acknowledge"), box);
        ack->setObjectName(QStringLiteral("acknowledgeEvent"));
        ack->setAccessibleName(tr("Acknowledge: %1").arg(e.text()));
        ack->setEnabled(mayAcknowledge);
        const QString id = e.id;
        connect(ack, &QPushButton::clicked, this, [this, id] { acknowledge(id); });
        grid->addWidget(ack, row, 2);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    return box;
}

void BalanceSection::acknowledge(const QString &eventId)
{
    LedgerService &ledger = m_ledger;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_db, this, [&ledger, user, eventId] { return ledger.acknowledgeEvent(user, eventId); },
        [this](const AccountEvent &) { reload(); },
        [this](const QString &error) { m_messages->showError(tr("The event could not be acknowledged: %1").arg(error)); });
}

void BalanceSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_state->state() == Ui::LoadState::State::Content)
        display(m_shown);
    QWidget::changeEvent(event);
}

} // namespace Ud::Billing
