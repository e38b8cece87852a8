#pragma once

#include "bill.h"

#include <QDate>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Ud::Core {
class Database;
class SqlQuery;
}

namespace Ud::Billing {

/// SQL for bills, their lines and bill runs, on the calling thread's connection inside the
/// caller's Transaction. New bills go in by the fastest route each backend has (a statement
/// prepared once on the raw SQLite handle, COPY on PostgreSQL), so a bill run writes a batch
/// of bills with their lines in a few milliseconds. At most one issued bill per account and
/// period is enforced by the schema (a unique index), which throws Error(Conflict).
class BillStore
{
public:
    explicit BillStore(Core::Database &db);

    /// `count` new bill numbers: the site prefix, "B" and ten digits, from the "bills:" number
    /// sequence of that prefix (inside a write Transaction, so no two writers get the same).
    QStringList reserveNumbers(const QString &sitePrefix, int count);
    /// Inserts the bills and their lines (position = index in Bill::lines).
    void insert(const QList<Bill> &bills);

    /// The first issued bill of the account sharing a day with [from, to], without lines.
    std::optional<Bill> overlapping(const QString &accountId, const QDate &from, const QDate &to);
    /// Which of `accountIds` have an issued bill sharing a day with [from, to].
    QSet<QString> billedAmong(const QStringList &accountIds, const QDate &from, const QDate &to);
    /// Bills of an account or of all of a customer's accounts, latest period first, without lines.
    QList<Bill> ofAccount(const QString &accountId);
    QList<Bill> ofCustomer(const QString &customerId);
    /// One bill with its lines, by id or bill number.
    std::optional<Bill> find(const QString &idOrNumber);

    void insertRun(const BillRunRecord &run);
    /// Status, finished_at, counts and message of the run.
    void updateRun(const BillRunRecord &run);
    void insertFailures(const QList<BillRunFailure> &failures);
    std::optional<BillRunRecord> run(const QString &runId);
    /// The latest runs first.
    QList<BillRunRecord> recentRuns(int limit);
    /// The failures of a run by account number, at most `limit`.
    QList<BillRunFailure> failures(const QString &runId, int limit);

private:
    QList<Bill> readBills(const QString &where, const QString &placeholder, const QVariant &value);
    QList<Bill> readBills(Core::SqlQuery &query);
    QList<BillLine> lines(const QString &billId);

    Core::Database &m_db;
};

} // namespace Ud::Billing
