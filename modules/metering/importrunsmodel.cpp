#include "importrunsmodel.h"

#include "meteringformat.h"

#include <core/error.h>

namespace Ud::Metering {

ImportRunsModel::ImportRunsModel(ImportLog &log, Core::UserContext user, QObject *parent)
    : PagedLogModel(parent), m_log(log), m_user(std::move(user))
{
}

int ImportRunsModel::rowOf(const QString &runId) const
{
    for (int row = 0; row < rows().size(); ++row) {
        if (rows().at(row).id == runId)
            return row;
    }
    return -1;
}

QString ImportRunsModel::statusText(ImportRunEntry::Status status)
{
    switch (status) {
    case ImportRunEntry::Status::Running: return tr("Running");
    case ImportRunEntry::Status::Finished: return tr("Finished", "status of an import run");
    case ImportRunEntry::Status::Failed: return tr("Failed");
    case ImportRunEntry::Status::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString ImportRunsModel::sourceText(const QString &source)
{
    if (source == QLatin1String("cli"))
        return tr("Command line");
    if (source == QLatin1String("watch"))
        return tr("Drop folder");
    if (source == QLatin1String("https"))
        return tr("Download");
    if (source == QLatin1String("gui"))
        return tr("Import files");
    return source;
}

int ImportRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportRunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows().size())
        return {};
    const ImportRunEntry &r = rows().at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case FilesColumn:
        case ReadingsColumn:
        case RejectedColumn: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case StartedColumn: return r.startedAt;
        case FinishedColumn: return r.finishedAt;
        case SourceColumn: return r.source;
        case UserColumn: return r.actor;
        case FilesColumn: return r.files;
        case ReadingsColumn: return r.readings;
        case RejectedColumn: return r.rejected;
        case StatusColumn: return int(r.status);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !r.message.isEmpty())
        return r.message;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case StartedColumn: return Format::dateTime(r.startedAt);
    case FinishedColumn: return r.finishedAt > 0 ? Format::dateTime(r.finishedAt) : tr("Still running");
    case SourceColumn: return sourceText(r.source);
    case UserColumn: return r.actor;
    case FilesColumn: return Format::number(r.files);
    case ReadingsColumn: return Format::number(r.readings);
    case RejectedColumn: return Format::number(r.rejected);
    case StatusColumn:
        if (r.status == ImportRunEntry::Status::Finished && r.rejected > 0)
            return tr("Finished, %Ln rejected", nullptr, int(r.rejected));
        return statusText(r.status);
    default: return {};
    }
}

QVariant ImportRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole) {
        const bool number = section == FilesColumn || section == ReadingsColumn || section == RejectedColumn;
        return QVariant((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartedColumn: return tr("Started", "column: when the run started");
    case FinishedColumn: return tr("Finished", "column: when the run finished");
    case SourceColumn: return tr("Source");
    case UserColumn: return tr("User");
    case FilesColumn: return tr("Files");
    case ReadingsColumn: return tr("Readings");
    case RejectedColumn: return tr("Rejected");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

qint64 ImportRunsModel::countAll()
{
    return m_log.runCount(m_user);
}

QList<ImportRunEntry> ImportRunsModel::page(int limit, int offset)
{
    return m_log.recentRuns(m_user, limit, offset);
}

} // namespace Ud::Metering
