#include "ledgerform.h"

#include <billing/ledgerservice.h>
#include <core/error.h>
#include <core/money.h>
#include <core/ui/background.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Ud::Billing {

LedgerForm::LedgerForm(Mode mode, LedgerService &ledger, Core::Database &db, Core::UserContext user, QString accountId,
                       QString currency, QWidget *parent)
    : QWidget(parent), m_mode(mode), m_ledger(ledger), m_db(db), m_user(std::move(user)), m_accountId(std::move(accountId)),
      m_currency(std::move(currency))
{
    setObjectName(mode == Mode::TopUp ? QStringLiteral("topUpForm") : QStringLiteral("paymentForm"));
    m_messages = new Ui::MessageBar(this);
    m_amountLabel = new QLabel(this);
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("ledgerAmount"));
    // Digits and one decimal separator (either, as people type them); the rest is checked on leaving.
    m_amount->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9 .,']{0,16}")), m_amount));
    m_amountLabel->setBuddy(m_amount);
    m_amountMessage = new Ui::FieldMessage(m_amount, this);

    auto *form = new QFormLayout;
    form->addRow(m_amountLabel, m_amount);
    form->addRow(QString(), m_amountMessage);
    if (mode == Mode::TopUp) {
        m_sourceLabel = new QLabel(this);
        m_source = new QComboBox(this);
        m_source->setObjectName(QStringLiteral("ledgerSource"));
        m_source->addItem(QString(), QStringLiteral("card"));
        m_source->addItem(QString(), QStringLiteral("voucher"));
        m_sourceLabel->setBuddy(m_source);
        m_secretLabel = new QLabel(this);
        m_secret = new QLineEdit(this);
        m_secret->setObjectName(QStringLiteral("ledgerSecret"));
        m_secretLabel->setBuddy(m_secret);
        m_secretMessage = new Ui::FieldMessage(m_secret, this);
        form->addRow(m_sourceLabel, m_source);
        form->addRow(m_secretLabel, m_secret);
        form->addRow(QString(), m_secretMessage);
        connect(m_secret, &QLineEdit::editingFinished, this, [this] { m_secretMessage->setMessage(secretProblem()); });
        connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
            retranslateUi();
            m_amountMessage->setMessage({});
            m_secretMessage->setMessage({});
        });
    } else {
        m_methodLabel = new QLabel(this);
        m_method = new QComboBox(this);
        m_method->setObjectName(QStringLiteral("ledgerMethod"));
        for (const QString &method : LedgerService::paymentMethods())
            m_method->addItem(QString(), method);
        m_methodLabel->setBuddy(m_method);
        m_referenceLabel = new QLabel(this);
        m_reference = new QLineEdit(this);
        m_reference->setObjectName(QStringLiteral("ledgerReference"));
        m_reference->setMaxLength(100);
        m_referenceLabel->setBuddy(m_reference);
        form->addRow(m_methodLabel, m_method);
        form->addRow(m_referenceLabel, m_reference);
    }
    m_cancel = new QPushButton(this);
    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("ledgerSubmit"));
    m_submit->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_submit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(m_amount, &QLineEdit::editingFinished, this, [this] { m_amountMessage->setMessage(amountProblem()); });
    connect(m_amount, &QLineEdit::returnPressed, this, &LedgerForm::submit);
    if (m_secret)
        connect(m_secret, &QLineEdit::returnPressed, this, &LedgerForm::submit);
    if (m_reference)
        connect(m_reference, &QLineEdit::returnPressed, this, &LedgerForm::submit);
    connect(m_submit, &QPushButton::clicked, this, &LedgerForm::submit);
    connect(m_cancel, &QPushButton::clicked, this, &LedgerForm::cancelled);
    retranslateUi();
}

LedgerForm::~LedgerForm()
{
    Ui::disconnectChildren(this);
}

bool LedgerForm::voucher() const
{
    return m_source && m_source->currentData().toString() == QLatin1String("voucher");
}

QString LedgerForm::amountProblem() const
{
    const QString text = m_amount->text().trimmed();
    if (text.isEmpty()) {
        if (voucher())
            return {};   // the voucher's own value
        return tr("Enter the amount, such as %1.").arg(Core::Money(2000, m_currency).toString(QLocale()));
    }
    try {
        const qint64 minor = Core::Money::parse(text, m_currency, QLocale(), tr("Amount")).minorUnits();
        if (minor <= 0)
            return tr("Enter an amount above zero.");
    } catch (const Core::Error &e) {
        return e.message();
    }
    return {};
}

QString LedgerForm::secretProblem() const
{
    if (!m_secret || !m_secret->text().trimmed().isEmpty())
        return {};
    return voucher() ? tr("Enter the code printed on the voucher.")
                     : tr("Enter the payment provider's token of the customer's card.");
}

void LedgerForm::setBusy(bool busy)
{
    m_busy = busy;
    // Read-only rather than disabled, so the focus stays in the form while the call runs.
    m_amount->setReadOnly(busy);
    if (m_secret)
        m_secret->setReadOnly(busy);
    if (m_reference)
        m_reference->setReadOnly(busy);
    m_submit->setEnabled(!busy);
}

void LedgerForm::submit()
{
    if (m_busy)
        return;
    const QString amount = amountProblem();
    const QString secret = secretProblem();
    m_amountMessage->setMessage(amount);
    if (m_secretMessage)
        m_secretMessage->setMessage(secret);
    if (!amount.isEmpty()) {
        m_amount->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (!secret.isEmpty()) {
        m_secret->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_messages->dismiss();
    setBusy(true);
    LedgerService &ledger = m_ledger;
    const Core::UserContext user = m_user;
    const QString accountId = m_accountId;
    const QString amountText = m_amount->text().trimmed();
    if (m_mode == Mode::TopUp) {
        const bool byVoucher = voucher();
        const TopUpSource source = byVoucher ? TopUpSource::voucher(m_secret->text()) : TopUpSource::card(m_secret->text());
        Ui::runInBackground(
            m_db, this, [&ledger, user, accountId, amountText, source] {
                return ledger.topUp(user, accountId, amountText, source, QLocale());
            },
            [this, byVoucher](const TopUpResult &r) {
                setBusy(false);
                const QString money = Core::Money(r.entries.constFirst().amountMinor, r.entries.constFirst().currency).toString(QLocale());
                m_secret->clear();
                emit done(byVoucher ? tr("Topped up %1 by voucher").arg(money) : tr("Topped up %1 by card").arg(money));
                emit finished();
            },
            [this](const QString &error) {
                setBusy(false);
                m_messages->showError(error);
                if (error.startsWith(tr("Amount")))
                    m_amount->setFocus(Qt::OtherFocusReason);
                else
                    m_secret->setFocus(Qt::OtherFocusReason);
                emit finished();
            });
        return;
    }
    const QString method = m_method->currentData().toString();
    const QString reference = m_reference->text();
    Ui::runInBackground(
        m_db, this, [&ledger, user, accountId, amountText, method, reference] {
            return ledger.recordPayment(user, accountId, amountText, method, reference, QLocale());
        },
        [this](const LedgerEntry &e) {
            setBusy(false);
            emit done(tr("Payment of %1 recorded").arg(Core::Money(e.amountMinor, e.currency).toString(QLocale())));
            emit finished();
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(error);
            m_amount->setFocus(Qt::OtherFocusReason);
            emit finished();
        });
}

void LedgerForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LedgerForm::retranslateUi()
{
    m_amountLabel->setText(tr("A&mount (%1):").arg(m_currency));
    m_cancel->setText(tr("Cancel"));
    if (m_mode == Mode::TopUp) {
        m_sourceLabel->setText(tr("&Pay with:"));
        m_source->setItemText(0, tr("Card"));
        m_source->setItemText(1, tr("Voucher"));
        m_secretLabel->setText(voucher() ? tr("Voucher &code:") : tr("Card &token:"));
        m_amount->setPlaceholderText(voucher() ? tr("The voucher's value") : QString());
        m_submit->setText(tr("&Top up"));
    } else {
        m_methodLabel->setText(tr("M&ethod:"));
        for (int i = 0; i < m_method->count(); ++i)
            m_method->setItemText(i, LedgerService::paymentMethodName(m_method->itemData(i).toString()));
        m_referenceLabel->setText(tr("&Reference:"));
        m_reference->setPlaceholderText(tr("Optional, e.g. the bank's reference"));
        m_submit->setText(tr("&Record payment"));
    }
}

} // namespace Ud::Billing
