#pragma once

#include "ledger.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Billing {

/// SQL of the ledger (migration 0013): entries, debts, blocked cards, vouchers, prepaid
/// settings, arrears stages and account events, on the calling thread's connection inside the
/// caller's Transaction. Every value is bound. Card tokens and voucher codes arrive here only
/// as their SHA-256 (hashSecret), never as themselves.
class LedgerRepository
{
public:
    explicit LedgerRepository(Core::Database &db);

    /// Hex SHA-256 of a card token or voucher code, after trimming white space.
    static QString hashSecret(const QString &secret);

    /// By account id or account number.
    std::optional<LedgerAccount> account(const QString &idOrNumber);
    /// Ids of the customer's accounts, by account number.
    QStringList accountsOfCustomer(const QString &customerId);
    /// Serialises writers of one account's ledger until the transaction ends (PostgreSQL
    /// advisory lock; SQLite's write transaction already serialises).
    void lockAccount(const QString &accountId);
    /// The accounts among `accountIds` (ids) that exist, by account number: id, number,
    /// customer, market, currency and payment type (not the zone or the opening day).
    QList<LedgerAccount> accountsOf(const QStringList &accountIds);
    /// lockAccount() of each, in the order given, in one statement. Writers that lock several
    /// accounts lock them by account number (as updateArrears goes), so none waits for another.
    void lockAccounts(const QStringList &accountIds);

    qint64 balance(const QString &accountId);
    /// Sum of the entries of the given kinds.
    qint64 sumOf(const QString &accountId, const QList<EntryKind> &kinds);
    qint64 entryCount(const QString &accountId);
    /// Stores `entry` with a new id and the account's next seq, and returns it so.
    LedgerEntry insert(LedgerEntry entry);

    /// Where an account's ledger ends, for writing many entries at once.
    struct Tail {
        qint64 lastSeq = 0;
        QString billOnLedger;        ///< one of the bills asked about that is on the ledger already
    };
    /// The tail of each of `accountIds` that has entries (one query, whatever the number).
    QHash<QString, Tail> tails(const QStringList &accountIds, const QStringList &billIds);
    /// Stores entries whose id and seq are set, in one go (a statement prepared once on SQLite,
    /// COPY on PostgreSQL). Throws Error(Conflict) if one is there already.
    void insertAll(const QList<LedgerEntry> &entries);
    /// Newest first, at most `limit`.
    QList<LedgerEntry> recent(const QString &accountId, int limit);
    /// Oldest first.
    QList<LedgerEntry> all(const QString &accountId);
    std::optional<LedgerEntry> lastCharge(const QString &accountId);
    std::optional<LedgerEntry> chargeOn(const QString &accountId, const QDate &day);
    /// The newest top-up or payment of any of the customer's accounts.
    std::optional<LedgerEntry> lastPaymentOfCustomer(const QString &customerId);

    struct Debt {
        qint64 originalMinor = 0;
        qint64 outstandingMinor = 0;
        int shareBp = 0;
        QString currency;
    };
    std::optional<Debt> debt(const QString &accountId);
    void setDebt(const QString &accountId, const Debt &debt, qint64 now);
    void setDebtOutstanding(const QString &accountId, qint64 outstandingMinor, qint64 now);

    struct BlockedCard {
        QString reason;
        qint64 blockedAt = 0;
        QString actor;
    };
    std::optional<BlockedCard> blockedCard(const QString &tokenHash);
    /// Inserts or replaces the reason.
    void blockCard(const QString &tokenHash, const BlockedCard &card);

    struct Voucher {
        qint64 amountMinor = 0;
        QString currency;
        qint64 usedAt = 0;            ///< 0 while unused
        QString accountId;
    };
    std::optional<Voucher> voucher(const QString &codeHash);
    void insertVoucher(const QString &codeHash, qint64 amountMinor, const QString &currency, qint64 now);
    /// Marks the voucher used if it is not yet; false if it already was.
    bool useVoucher(const QString &codeHash, const QString &accountId, qint64 now);

    /// The account's own settings, else its market's, else the built-in defaults.
    PrepaidSettings settings(const QString &accountId, const QString &marketCode);
    void setAccountSettings(const QString &accountId, const PrepaidSettings &settings, qint64 now);

    int arrearsStage(const QString &accountId);
    void setArrearsStage(const QString &accountId, int stage, qint64 now);
    /// Ids of postpaid accounts that have ledger entries.
    QStringList postpaidAccountsWithEntries();
    /// Id and number of each active prepaid account with a tariff assigned, by account number.
    QList<QPair<QString, QString>> activePrepaidAccounts();

    void insertEvent(const AccountEvent &event);
    /// Newest first; unacknowledged only unless `withAcknowledged`.
    QList<AccountEvent> events(const QString &customerId, bool withAcknowledged, int limit);
    std::optional<AccountEvent> event(const QString &id);
    void acknowledge(const QString &id, qint64 at, const QString &by);

private:
    Core::Database &m_db;
};

} // namespace Ud::Billing
