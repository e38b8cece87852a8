#pragma once

#include "ledger.h"
#include "ledgerrepository.h"

#include <QDate>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Ud::Core {
struct Context;
class UserContext;
}
namespace Ud::Accounts {
class IdentityFactor;
}

namespace Ud::Billing {

/// The ledger of prepaid and postpaid accounts: every charge, top-up, credit, debt-recovery
/// deduction, emergency credit, payment and bill is an entry (LedgerEntry), and the balance is
/// their sum. Reading needs ViewCustomers; top-ups, payments, emergency credit, debts, vouchers
/// and blocked cards TakePayments; posting charges, adjustments and the arrears update
/// RunBilling. Each change is one transaction with its audit entry, under a per-account lock.
/// Amounts are typed as decimal text in the account's currency ("20.00"; the locale's decimal
/// point in forms); a bad one throws Error(BadInput) naming the field.
///
/// A top-up first repays outstanding emergency credit, then gives the debt-recovery share
/// (recovery_share_bp of the top-up, rounded half away from zero, at most the outstanding debt
/// and what is left of the top-up) to the debt; each is an entry of its own with the top-up's id
/// as reference. The account's events (a balance falling below a low-balance threshold, a day's
/// use beyond the allowance, emergency credit granted, a postpaid account entering a later
/// arrears stage) are stored in account_events with the change and published on the event bus
/// after the commit, with the keys of their payload plus "id", "account_id" and "customer_id".
class LedgerService
{
public:
    static constexpr int RecentEntries = 10;

    explicit LedgerService(Core::Context &context);
    ~LedgerService();

    /// The payment methods recordPayment takes ("bank_transfer", "card", ...).
    static QStringList paymentMethods();
    /// Translated name of a payment method.
    static QString paymentMethodName(const QString &method);

    /// Balance, emergency credit, debt, the newest entries and (postpaid) the aged debt today.
    /// By account id or number. Throws NotFound.
    AccountBalance balance(const Core::UserContext &user, const QString &account, int recent = RecentEntries);
    /// balance() of each of the customer's accounts, by account number (the customer page).
    QList<AccountBalance> customerBalances(const Core::UserContext &user, const QString &customerId,
                                           int recent = RecentEntries);
    /// Every entry, oldest first.
    QList<LedgerEntry> entries(const Core::UserContext &user, const QString &account);

    /// A prepaid top-up. With a voucher, an empty amount takes the voucher's value (a given one
    /// must match it). A blocked card is refused (BadInput giving the reason the card was
    /// blocked for) and a used voucher too; nothing is stored then.
    TopUpResult topUp(const Core::UserContext &user, const QString &account, const QString &amount,
                      const TopUpSource &source, const QLocale &locale = QLocale::c());
    /// Grants the emergency credit of the account's prepaid settings while the balance is below
    /// the first low-balance threshold and no emergency credit is outstanding.
    LedgerEntry grantEmergencyCredit(const Core::UserContext &user, const QString &account);
    /// Sets (replaces) the debt recovered from the account's top-ups: `shareBp` of each top-up
    /// (1 to 10000). An amount of zero clears it.
    void setDebt(const Core::UserContext &user, const QString &account, const QString &amount, int shareBp,
                 const QLocale &locale = QLocale::c());
    /// Refuses top-ups with the card from now on; `reason` is what the refusal says.
    void blockCard(const Core::UserContext &user, const QString &cardToken, const QString &reason);
    /// Adds a voucher worth `amount` in `currency` (ISO code).
    void addVoucher(const Core::UserContext &user, const QString &code, const QString &amount, const QString &currency,
                    const QLocale &locale = QLocale::c());
    /// RunBilling. A positive amount is posted as a credit, a negative one as an adjustment;
    /// `note` (required) says why.
    LedgerEntry adjust(const Core::UserContext &user, const QString &account, const QString &amount, const QString &note,
                       const QLocale &locale = QLocale::c());

    /// RunBilling. Posts one "charge" entry for each local day from the day after the last one
    /// charged (or the start of the account's first tariff assignment) through `throughDay`
    /// (at most yesterday): the day's bill (BillCalculator over that day, with the allowance
    /// carried from the day before, which each charge stores) as a debit. A day is charged once
    /// its readings are complete (estimates count); the run stops before the first that is not.
    /// A day beyond the allowance raises "prepaid.over_usage". Never charges a day twice.
    ChargeRun postPrepaidCharges(const Core::UserContext &user, const QString &account, const QDate &throughDay);
    /// Called before each account and once at the end with accounts done and in all; returning
    /// false stops before the next account (what was posted stays).
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    /// RunBilling. postPrepaidCharges() for every active prepaid account with a tariff, by
    /// account number, through `throughDay` (invalid: each account's yesterday; after today in
    /// UTC: BadInput), each account in its own transaction. An account that cannot be charged
    /// (no tariff on a day, bad data) or waits for a day's readings is listed with why and the
    /// run goes on; a database failure stops it (Error(Database)).
    DailyChargeSummary postDailyCharges(const Core::UserContext &user, const QDate &throughDay,
                                        const Progress &progress = {});
    /// Whether supply of a prepaid account with a negative balance may be disconnected now, and
    /// the next moment it may (FriendlyHours with the holidays of the account's tariff).
    DisconnectionOutlook disconnection(const Core::UserContext &user, const QString &account);

    /// A payment on a postpaid account, by one of paymentMethods(); the reference is optional.
    LedgerEntry recordPayment(const Core::UserContext &user, const QString &account, const QString &amount,
                              const QString &method, const QString &reference, const QLocale &locale = QLocale::c());
    /// Puts an issued bill on the ledger (amountMinor owed; a credit note is negative), due on
    /// `dueOn`. For the bill run: runs inside the caller's Core::Transaction (or its own if
    /// there is none), checks no permission and writes no audit entry (the caller audits the
    /// bill). Throws NotFound for an unknown account, Conflict if the bill is on it already.
    LedgerEntry postBill(const QString &accountId, const QString &billId, qint64 amountMinor, const QDate &issuedOn,
                         const QDate &dueOn);
    /// postBill() for many bills at once (a bill run's batch), in the same few queries whatever
    /// their number: the accounts are locked by account number, their last seq read in one
    /// query and the entries written in bulk, in the order given. All or none: an unknown
    /// account throws NotFound, a bill on the ledger already (or twice in the list) Conflict.
    QList<LedgerEntry> postBills(const QList<BillPosting> &bills);
    /// Aged debt of a postpaid account on `asOf` (invalid: today in the account's zone).
    AgedDebt agedDebt(const Core::UserContext &user, const QString &account, const QDate &asOf = {});
    /// The aged debt of every postpaid account on `asOf`, summed.
    AgedDebt portfolioAgedDebt(const Core::UserContext &user, const QDate &asOf);
    /// RunBilling. Moves every postpaid account to its arrears stage on `asOf`; an account
    /// entering a later stage raises "arrears.stage". Returns the accounts whose stage changed.
    QList<ArrearsChange> updateArrears(const Core::UserContext &user, const QDate &asOf);

    /// ChangeSettings. Prepaid settings of one account (instead of its market's).
    void setPrepaidSettings(const Core::UserContext &user, const QString &account, const PrepaidSettings &settings);

    /// The customer's account events, newest first (without the acknowledged ones unless asked).
    QList<AccountEvent> events(const Core::UserContext &user, const QString &customerId, bool withAcknowledged = false,
                               int limit = 50);
    /// LogInteractions (it is part of handling the customer's contact). Throws NotFound.
    AccountEvent acknowledgeEvent(const Core::UserContext &user, const QString &eventId);

    /// The identity factor "last payment amount" (key "last_payment"): the caller names the
    /// amount of their newest top-up or payment (IdentityAnswers::more["last_payment"], text).
    std::unique_ptr<Accounts::IdentityFactor> lastPaymentFactor();

private:
    struct Pending;
    LedgerAccount requireAccount(const Core::UserContext &user, const QString &account);
    AccountBalance readBalance(const LedgerAccount &account, int recent);
    DisconnectionOutlook outlook(const LedgerAccount &account, qint64 balanceMinor);
    qint64 parseAmount(const QString &text, const QString &currency, const QLocale &locale, const QString &field,
                       bool allowNegative = false) const;
    QDate today(const LedgerAccount &account) const;
    LedgerEntry entry(const LedgerAccount &account, EntryKind kind, qint64 amountMinor, const Core::UserContext &user) const;
    void addEvent(Pending &pending, const LedgerAccount &account, const QString &topic, const QString &severity,
                  QJsonObject payload);
    void checkThresholds(Pending &pending, const LedgerAccount &account, qint64 before, qint64 after);
    void publish(const Pending &pending);

    Core::Context &m_context;
    LedgerRepository m_ledger;
};

} // namespace Ud::Billing
