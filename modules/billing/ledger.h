#pragma once

#include <accounts/account.h>

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Ud::Billing {

/// What a ledger entry records. Amounts are signed from the customer's side: a top-up,
/// payment, credit or emergency credit is positive (in the customer's favour), a charge, bill,
/// debt recovery or emergency-credit repayment negative; an adjustment either way.
enum class EntryKind { Charge, TopUp, Credit, DebtRecovery, EmergencyCredit, EmergencyRepayment, Payment, Bill, Adjustment };
QString entryKindKey(EntryKind kind);                          ///< "debt_recovery"
std::optional<EntryKind> entryKindFromKey(const QString &key);
QString entryKindName(EntryKind kind);                         ///< translated: "Debt recovery"
QList<EntryKind> allEntryKinds();

/// One row of an account's ledger. The balance is the sum of amountMinor over the entries.
struct LedgerEntry {
    QString id;
    QString accountId;
    qint64 seq = 0;                  ///< 1, 2, 3 ... per account, in the order written
    qint64 at = 0;                   ///< UTC epoch seconds written
    QDate day;                       ///< the local day (premise zone) it belongs to
    EntryKind kind = EntryKind::Adjustment;
    qint64 amountMinor = 0;
    QString currency;
    QString reference;               ///< bill id, top-up id, payment reference
    QString method;                  ///< top-up "card" / "voucher"; payment "bank_transfer", "cash", ...
    QString actor;                   ///< user name, "os:<login>" on the command line
    QString note;
    QDate dueOn;                     ///< bills only
    std::optional<qint64> consumptionWh;    ///< prepaid charges only
    std::optional<qint64> overAllowanceWh;  ///< prepaid charges only
    std::optional<qint64> carriedWh;        ///< prepaid charges: allowance carried to the next day

    friend bool operator==(const LedgerEntry &, const LedgerEntry &) = default;
};

/// Postpaid debt by how long it is past due on a day. Payments and credits settle the oldest
/// debt first (bills by due day, a debit adjustment is due on its day). A debt is past due
/// from the day after its due day: "up to 30" holds debt 1 to 30 days past due, and so on.
struct AgedDebt {
    qint64 notDueMinor = 0;
    qint64 upTo30Minor = 0;
    qint64 upTo60Minor = 0;
    qint64 upTo90Minor = 0;
    qint64 over90Minor = 0;
    QDate oldestUnpaidDue;           ///< due day of the oldest debt not settled; invalid if none

    qint64 totalMinor() const { return notDueMinor + upTo30Minor + upTo60Minor + upTo90Minor + over90Minor; }
    qint64 pastDueMinor() const { return upTo30Minor + upTo60Minor + upTo90Minor + over90Minor; }
    /// The arrears stage: 0 nothing past due, 1 up to 30 days, 2 31-60, 3 61-90, 4 over 90.
    int stage() const;
    AgedDebt &operator+=(const AgedDebt &other);
    friend bool operator==(const AgedDebt &, const AgedDebt &) = default;

    /// The aged debt of one account's entries on `asOf`.
    static AgedDebt of(const QList<LedgerEntry> &entries, const QDate &asOf);
};
/// Translated name of an arrears stage ("31 to 60 days past due").
QString arrearsStageName(int stage);

/// The prepaid rules of a market or an account (prepaid_settings).
struct PrepaidSettings {
    QList<qint64> lowBalanceMinor;   ///< thresholds, highest first: an event when the balance falls below one
    qint64 emergencyCreditMinor = 0; ///< granted on request while the balance is below the first threshold
    int friendlyFromMinute = 600;    ///< disconnection allowed from 10:00 ...
    int friendlyToMinute = 960;      ///< ... to 16:00 local time
    QList<int> friendlyWeekdays{1, 2, 3, 4, 5}; ///< ISO weekdays (1 = Monday) disconnection is allowed on

    friend bool operator==(const PrepaidSettings &, const PrepaidSettings &) = default;
};

/// What the ledger knows of an account.
struct LedgerAccount {
    QString id;
    QString accountNumber;
    QString customerId;
    QString marketCode;
    QString currency;
    Accounts::PaymentType paymentType = Accounts::PaymentType::Postpaid;
    QDate openedOn;
    QTimeZone zone;                  ///< the premise's, else the market country's usual zone
};

/// Whether supply would be disconnected for a negative balance, and when.
struct DisconnectionOutlook {
    bool negativeBalance = false;
    bool allowedNow = false;         ///< inside the friendly hours now
    qint64 nextAllowedAt = 0;        ///< UTC epoch seconds of the next moment disconnection is allowed (now if allowedNow)
    QString reason;                  ///< translated: why not now ("it is a public holiday")
};

/// An account's balance as the customer page and `utilitydesk balance` show it.
struct AccountBalance {
    LedgerAccount account;
    qint64 balanceMinor = 0;          ///< the sum of every entry
    qint64 emergencyCreditMinor = 0;  ///< emergency credit granted and not yet repaid
    qint64 debtMinor = 0;             ///< recoverable debt outstanding (account_debts)
    int debtShareBp = 0;              ///< share of each top-up taken for it
    qint64 entryCount = 0;
    QList<LedgerEntry> recent;        ///< newest first
    AgedDebt aged;                    ///< postpaid, on today
    PrepaidSettings settings;
    DisconnectionOutlook disconnection; ///< prepaid: whether and when supply may be disconnected now
    /// Below zero, or below the first low-balance threshold (prepaid).
    bool isLow() const;
};

/// How a top-up is paid: a card by the payment provider's token, or a voucher by its code.
struct TopUpSource {
    enum class Kind { Card, Voucher };
    Kind kind = Kind::Card;
    QString secret;                   ///< the card token or the voucher code (never stored)

    static TopUpSource card(const QString &token) { return {Kind::Card, token}; }
    static TopUpSource voucher(const QString &code) { return {Kind::Voucher, code}; }
};

/// What a top-up wrote: its entries in order (the top-up, then the emergency-credit repayment
/// and the debt-recovery share if any) and the balance and debt afterwards.
struct TopUpResult {
    QString topUpId;
    QList<LedgerEntry> entries;
    qint64 balanceMinor = 0;
    qint64 debtMinor = 0;
    qint64 emergencyCreditMinor = 0;
};

/// What postPrepaidCharges wrote.
struct ChargeRun {
    QList<LedgerEntry> charges;       ///< one per day, oldest first (empty: every day was posted already)
    qint64 balanceMinor = 0;
    qint64 carriedWh = 0;             ///< allowance carried after the last day charged
    /// The first day left uncharged because its readings are not complete yet (invalid if none),
    /// and how many of its intervals are missing.
    QDate incompleteDay;
    qint64 missingIntervals = 0;
};

/// An event of an account kept for the customer page (account_events).
struct AccountEvent {
    QString id;
    QString accountId;
    QString customerId;
    qint64 at = 0;
    QString topic;                    ///< "prepaid.low_balance", "prepaid.over_usage", "prepaid.emergency_credit", "arrears.stage"
    QString severity;                 ///< "info", "warning", "critical"
    QJsonObject payload;
    qint64 acknowledgedAt = 0;        ///< 0 while not acknowledged
    QString acknowledgedBy;

    bool acknowledged() const { return acknowledgedAt != 0; }
    /// One translated sentence for the customer page ("Balance fell below €5.00 (now €4.12).").
    QString text() const;
};

/// An issued bill to put on its account's ledger (LedgerService::postBills).
struct BillPosting {
    QString accountId;
    QString billId;
    qint64 amountMinor = 0;          ///< owed: the bill's total (a credit note negative)
    QDate issuedOn;                  ///< the entry's day
    QDate dueOn;
};

/// A postpaid account whose arrears stage changed in LedgerService::updateArrears.
struct ArrearsChange {
    QString accountId;
    QString accountNumber;
    int fromStage = 0;
    int toStage = 0;
    qint64 pastDueMinor = 0;
    QString currency;
};

/// An account that LedgerService::postDailyCharges did not charge up to the day, and why.
struct ChargeSkip {
    QString accountId;
    QString accountNumber;
    QString reason;                   ///< translated sentence
    bool waitingForReadings = false;  ///< a day's readings are incomplete: a later run goes on from there
};

/// What LedgerService::postDailyCharges did over the active prepaid accounts.
struct DailyChargeSummary {
    qint64 accounts = 0;              ///< active prepaid accounts with a tariff
    qint64 charged = 0;               ///< accounts with at least one day posted
    qint64 days = 0;                  ///< days posted in all
    qint64 upToDate = 0;              ///< accounts with no day left to post
    QList<ChargeSkip> skipped;        ///< not charged up to the day (some may have had days posted)
    bool cancelled = false;
};

} // namespace Ud::Billing
