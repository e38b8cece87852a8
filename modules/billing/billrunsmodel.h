#pragma once

#include "bill.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ud::Billing {

/// The latest bill runs for a table: started, period, status, accounts, billed, skipped,
/// failed and who ran it. RawValueRole gives the values to sort by.
class BillRunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StartedColumn, PeriodColumn, StatusColumn, AccountsColumn, BilledColumn, SkippedColumn,
                  FailedColumn, ActorColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(const QList<BillRunRecord> &runs);
    const QList<BillRunRecord> &runs() const { return m_runs; }
    /// The row of the run, -1 if not listed.
    int rowOf(const QString &runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<BillRunRecord> m_runs;
};

/// The accounts a bill run could not bill: account number and the reason.
class BillRunFailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { AccountColumn, ReasonColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setFailures(const QList<BillRunFailure> &failures);
    const QList<BillRunFailure> &failures() const { return m_failures; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<BillRunFailure> m_failures;
};

} // namespace Ud::Billing
