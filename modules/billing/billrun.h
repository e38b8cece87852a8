#pragma once

#include "bill.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <functional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Billing {

/// The bill run (RunBilling): bills every active postpaid account with a tariff for a period,
/// e.g. a calendar month, in batches. Each batch reads its accounts, tariff assignments and
/// readings in a few queries, calculates the bills on the thread pool and stores them in one
/// transaction (bulk writes: a raw SQLite statement, COPY on PostgreSQL) with their ledger
/// entries (LedgerService::postBills), its counts on the bill_runs row and an audit entry
/// ("bill_run.batch"), so what was committed stays when a run is cancelled or stopped. An
/// account already billed for a day of the period is skipped, so
/// a rerun continues where an earlier one stopped and never bills twice. An account that
/// cannot be billed (no tariff for every day, a tariff change within the period, bad data) is
/// recorded with the reason and the run goes on. The start and end are audited too
/// ("bill_run.start", "bill_run.finish").
class BillRun
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillRun)
public:
    /// Called before each batch and once at the end with accounts done and in all; returning
    /// false cancels the run before the next batch (committed batches stay).
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static constexpr int DefaultBatchSize = 1000;
    /// Failures kept per run in a summary (all are stored).
    static constexpr int FailureListLimit = 1000;

    /// `sitePrefix` starts the bill numbers, as BillService's.
    BillRun(Core::Context &context, QString sitePrefix);

    /// Runs to the end (or cancel) on the calling thread and returns the run as recorded. A
    /// database failure marks the run failed with the reason and is thrown on (Error(Database)).
    BillRunRecord run(const Core::UserContext &user, const QDate &from, const QDate &to, const Progress &progress = {},
                      int batchSize = DefaultBatchSize);

    /// The latest runs first (RunBilling).
    QList<BillRunRecord> recent(const Core::UserContext &user, int limit = 20);
    /// The accounts a run could not bill, by account number (RunBilling).
    QList<BillRunFailure> failures(const Core::UserContext &user, const QString &runId, int limit = FailureListLimit);

private:
    Core::Context &m_context;
    QString m_sitePrefix;
};

} // namespace Ud::Billing
