#include "billrunsmodel.h"

#include <QDateTime>
#include <QLocale>

namespace Ud::Billing {

namespace {
QString periodText(const QDate &from, const QDate &to)
{
    const QLocale locale;
    return BillRunsModel::tr("%1 to %2").arg(locale.toString(from, QLocale::ShortFormat),
                                              locale.toString(to, QLocale::ShortFormat));
}

QString timeText(qint64 secs)
{
    return secs > 0 ? QLocale().toString(QDateTime::fromSecsSinceEpoch(secs), QLocale::ShortFormat) : QString();
}
} // namespace

void BillRunsModel::setRuns(const QList<BillRunRecord> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

int BillRunsModel::rowOf(const QString &runId) const
{
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).id == runId)
            return int(i);
    }
    return -1;
}

int BillRunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int BillRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BillRunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const BillRunRecord &r = m_runs.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() >= AccountsColumn && index.column() <= FailedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case StartedColumn: return r.startedAt;
        case PeriodColumn: return r.from.toJulianDay();
        case StatusColumn: return billRunStatusKey(r.status);
        case AccountsColumn: return r.accounts;
        case BilledColumn: return r.billed;
        case SkippedColumn: return r.skipped;
        case FailedColumn: return r.failed;
        case ActorColumn: return r.actor;
        }
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        const QLocale locale;
        switch (index.column()) {
        case StartedColumn: return timeText(r.startedAt);
        case PeriodColumn: return periodText(r.from, r.to);
        case StatusColumn:
            if (role == Qt::ToolTipRole && !r.message.isEmpty())
                return r.message;
            return billRunStatusName(r.status);
        case AccountsColumn: return locale.toString(r.accounts);
        case BilledColumn: return locale.toString(r.billed);
        case SkippedColumn: return locale.toString(r.skipped);
        case FailedColumn: return locale.toString(r.failed);
        case ActorColumn: return r.actor;
        }
    }
    return {};
}

QVariant BillRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartedColumn: return tr("Started");
    case PeriodColumn: return tr("Period");
    case StatusColumn: return tr("Status");
    case AccountsColumn: return tr("Accounts");
    case BilledColumn: return tr("Billed");
    case SkippedColumn: return tr("Already billed");
    case FailedColumn: return tr("Failed");
    case ActorColumn: return tr("Run by");
    }
    return {};
}

void BillRunFailuresModel::setFailures(const QList<BillRunFailure> &failures)
{
    beginResetModel();
    m_failures = failures;
    endResetModel();
}

int BillRunFailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_failures.size());
}

int BillRunFailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BillRunFailuresModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_failures.size())
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const BillRunFailure &f = m_failures.at(index.row());
    return index.column() == AccountColumn ? f.accountNumber : f.reason;
}

QVariant BillRunFailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == AccountColumn ? tr("Account") : tr("Why it was not billed");
}

} // namespace Ud::Billing
