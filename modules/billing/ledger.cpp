#include "ledger.h"

#include <core/money.h>

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::Ledger)
};

QString money(const QJsonObject &payload, const QString &key)
{
    return Core::Money(qint64(payload.value(key).toDouble()), payload.value(QStringLiteral("currency")).toString())
        .toString(QLocale());
}

QString kwh(qint64 wh)
{
    return QLocale().toString(double(wh) / 1000.0, 'f', 1);
}
} // namespace

QList<EntryKind> allEntryKinds()
{
    return {EntryKind::Charge,          EntryKind::TopUp,   EntryKind::Credit,
            EntryKind::DebtRecovery,    EntryKind::EmergencyCredit, EntryKind::EmergencyRepayment,
            EntryKind::Payment,         EntryKind::Bill,    EntryKind::Adjustment};
}

QString entryKindKey(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Charge: return QStringLiteral("charge");
    case EntryKind::TopUp: return QStringLiteral("topup");
    case EntryKind::Credit: return QStringLiteral("credit");
    case EntryKind::DebtRecovery: return QStringLiteral("debt_recovery");
    case EntryKind::EmergencyCredit: return QStringLiteral("emergency_credit");
    case EntryKind::EmergencyRepayment: return QStringLiteral("emergency_repayment");
    case EntryKind::Payment: return QStringLiteral("payment");
    case EntryKind::Bill: return QStringLiteral("bill");
    case EntryKind::Adjustment: return QStringLiteral("adjustment");
    }
    return {};
}

std::optional<EntryKind> entryKindFromKey(const QString &key)
{
    for (EntryKind kind : allEntryKinds()) {
        if (entryKindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString entryKindName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Charge: return Tr::tr("Daily charge");
    case EntryKind::TopUp: return Tr::tr("Top-up");
    case EntryKind::Credit: return Tr::tr("Credit");
    case EntryKind::DebtRecovery: return Tr::tr("Debt recovery");
    case EntryKind::EmergencyCredit: return Tr::tr("Emergency credit");
    case EntryKind::EmergencyRepayment: return Tr::tr("Emergency credit repaid");
    case EntryKind::Payment: return Tr::tr("Payment");
    case EntryKind::Bill: return Tr::tr("Bill");
    case EntryKind::Adjustment: return Tr::tr("Adjustment");
    }
    return {};
}

int AgedDebt::stage() const
{
    if (over90Minor > 0)
        return 4;
    if (upTo90Minor > 0)
        return 3;
    if (upTo60Minor > 0)
        return 2;
    if (upTo30Minor > 0)
        return 1;
    return 0;
}

AgedDebt &AgedDebt::operator+=(const AgedDebt &other)
{
    notDueMinor += other.notDueMinor;
    upTo30Minor += other.upTo30Minor;
    upTo60Minor += other.upTo60Minor;
    upTo90Minor += other.upTo90Minor;
    over90Minor += other.over90Minor;
    if (other.oldestUnpaidDue.isValid() && (!oldestUnpaidDue.isValid() || other.oldestUnpaidDue < oldestUnpaidDue))
        oldestUnpaidDue = other.oldestUnpaidDue;
    return *this;
}

AgedDebt AgedDebt::of(const QList<LedgerEntry> &entries, const QDate &asOf)
{
    struct Debt {
        QDate due;
        qint64 seq;
        qint64 minor;
    };
    QList<Debt> debts;
    qint64 paid = 0;
    for (const LedgerEntry &e : entries) {
        if (e.day > asOf)
            continue;
        if (e.amountMinor >= 0)
            paid += e.amountMinor;
        else
            debts.append({e.kind == EntryKind::Bill && e.dueOn.isValid() ? e.dueOn : e.day, e.seq, -e.amountMinor});
    }
    std::stable_sort(debts.begin(), debts.end(), [](const Debt &a, const Debt &b) {
        return a.due != b.due ? a.due < b.due : a.seq < b.seq;
    });
    AgedDebt aged;
    for (const Debt &d : std::as_const(debts)) {
        const qint64 settled = std::min(paid, d.minor);
        paid -= settled;
        const qint64 open = d.minor - settled;
        if (open == 0)
            continue;
        if (!aged.oldestUnpaidDue.isValid())
            aged.oldestUnpaidDue = d.due;
        const qint64 days = d.due.daysTo(asOf);
        if (days <= 0)
            aged.notDueMinor += open;
        else if (days <= 30)
            aged.upTo30Minor += open;
        else if (days <= 60)
            aged.upTo60Minor += open;
        else if (days <= 90)
            aged.upTo90Minor += open;
        else
            aged.over90Minor += open;
    }
    return aged;
}

QString arrearsStageName(int stage)
{
    switch (stage) {
    case 0: return Tr::tr("nothing past due");
    case 1: return Tr::tr("up to 30 days past due");
    case 2: return Tr::tr("31 to 60 days past due");
    case 3: return Tr::tr("61 to 90 days past due");
    default: return Tr::tr("over 90 days past due");
    }
}

bool AccountBalance::isLow() const
{
    if (balanceMinor < 0)
        return true;
    return account.paymentType == Accounts::PaymentType::Prepaid && !settings.lowBalanceMinor.isEmpty()
           && balanceMinor < settings.lowBalanceMinor.constFirst();
}

QString AccountEvent::text() const
{
    const QString account = payload.value(QStringLiteral("account_number")).toString();
    if (topic == QLatin1String("prepaid.low_balance")) {
        return Tr::tr("Balance of %1 fell below %2 (now %3).")
            .arg(account, money(payload, QStringLiteral("threshold_minor")), money(payload, QStringLiteral("balance_minor")));
    }
    if (topic == QLatin1String("prepaid.over_usage")) {
        const QDate day = QDate::fromString(payload.value(QStringLiteral("day")).toString(), Qt::ISODate);
        return Tr::tr("%1 used %2 kWh on %3, %4 kWh beyond the allowance.")
            .arg(account, kwh(qint64(payload.value(QStringLiteral("consumption_wh")).toDouble())),
                 QLocale().toString(day, QLocale::ShortFormat),
                 kwh(qint64(payload.value(QStringLiteral("over_allowance_wh")).toDouble())));
    }
    if (topic == QLatin1String("prepaid.emergency_credit")) {
        return Tr::tr("Emergency credit of %1 granted on %2; it is repaid first from the next top-up.")
            .arg(money(payload, QStringLiteral("amount_minor")), account);
    }
    if (topic == QLatin1String("arrears.stage")) {
        return Tr::tr("%1 is now %2: %3 past due.")
            .arg(account, arrearsStageName(payload.value(QStringLiteral("stage")).toInt()),
                 money(payload, QStringLiteral("past_due_minor")));
    }
    return topic;
}

} // namespace Ud::Billing
