#pragma once

#include "billingdata.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
}

namespace Ud::Billing {

/// An account a bill run is due to bill.
struct BillRunCandidate {
    QString accountId;
    QString accountNumber;
};

/// What a bill of one account needs but its readings: the account as BillingData reads it, the
/// days it holds the supply (opening to final reading) and its tariff assignments.
struct BillRunAccount {
    BillingAccount account;
    QDate openedOn;
    QDate endsOn;                          ///< final reading or closing; invalid while open
    QList<TariffAssignment> assignments;   ///< oldest first
};

/// The bill run's reads, for many accounts per query (a batch costs a handful of queries, not a
/// handful per account), with the same meaning as BillingData's one-account reads: the same
/// supply points, channels, days and order of readings. On the calling thread's connection
/// inside the caller's transaction; no permission checks (BillRun checks them).
class BillRunData
{
public:
    explicit BillRunData(Core::Database &db);

    /// Active postpaid accounts opened by `to`, not finally read before `from`, with a tariff
    /// assigned for a day of [from, to], by account number.
    QList<BillRunCandidate> candidates(const QDate &from, const QDate &to);
    /// The accounts of `accountIds` (those that exist), by id.
    QHash<QString, BillRunAccount> accounts(const QStringList &accountIds);
    /// Each account's electricity import readings over its local days [days.first, days.second]
    /// (as BillingData::usage), for every account in `days`, by id.
    QHash<QString, MeteredUsage> usage(const QHash<QString, BillRunAccount> &accounts,
                                       const QHash<QString, QPair<QDate, QDate>> &days);
    /// Ids of the customer's postpaid accounts, by account number.
    QStringList postpaidAccountsOf(const QString &customerId);
    /// When the account opened and its final reading or closing (invalid while open).
    QPair<QDate, QDate> heldDays(const QString &accountId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Billing
