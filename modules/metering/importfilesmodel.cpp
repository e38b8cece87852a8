#include "importfilesmodel.h"

#include "meteringformat.h"

#include <core/error.h>

#include <QDir>
#include <QFileInfo>

namespace Ud::Metering {

namespace {
bool isNumberColumn(int column)
{
    switch (column) {
    case ImportFilesModel::ReadingsColumn:
    case ImportFilesModel::InsertedColumn:
    case ImportFilesModel::UpdatedColumn:
    case ImportFilesModel::EstimatedColumn:
    case ImportFilesModel::UnknownColumn: return true;
    default: return false;
    }
}
} // namespace

ImportFilesModel::ImportFilesModel(ImportLog &log, Core::UserContext user, QObject *parent)
    : PagedLogModel(parent), m_log(log), m_user(std::move(user))
{
}

void ImportFilesModel::setRun(const QString &runId)
{
    m_runId = runId;
    reload();
}

QString ImportFilesModel::statusText(FileResult::Status status)
{
    switch (status) {
    case FileResult::Status::Imported: return tr("Imported");
    case FileResult::Status::Rejected: return tr("Rejected");
    case FileResult::Status::Cancelled: return tr("Cancelled");
    }
    return {};
}

int ImportFilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportFilesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows().size())
        return {};
    const ImportFileEntry &f = rows().at(index.row());
    switch (role) {
    case IdRole: return f.id;
    case PathRole: return f.path;
    case QuarantinePathRole: return f.quarantinePath;
    case StatusRole: return int(f.status);
    case Qt::TextAlignmentRole:
        return QVariant((isNumberColumn(index.column()) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default: break;
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case TimeColumn: return f.finishedAt;
        case FileColumn: return f.path;
        case StatusColumn: return int(f.status);
        case FormatColumn: return f.format;
        case ReadingsColumn: return f.readings;
        case InsertedColumn: return f.inserted;
        case UpdatedColumn: return f.updated;
        case EstimatedColumn: return f.estimated;
        case UnknownColumn: return f.unknown;
        case MessageColumn: return f.message;
        case QuarantineColumn: return f.quarantinePath;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case FileColumn: return QDir::toNativeSeparators(f.path);
        case MessageColumn: return f.message;
        case QuarantineColumn:
            return f.quarantinePath.isEmpty()
                       ? QVariant()
                       : QVariant(tr("%1 (the reason is in %1.reason)").arg(QDir::toNativeSeparators(f.quarantinePath)));
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return Format::dateTime(f.finishedAt);
    case FileColumn: return QFileInfo(f.path).fileName();
    case StatusColumn: return statusText(f.status);
    case FormatColumn: return f.format.isEmpty() ? tr("Unknown format") : f.format;
    case ReadingsColumn: return Format::number(f.readings);
    case InsertedColumn: return Format::number(f.inserted);
    case UpdatedColumn: return Format::number(f.updated);
    case EstimatedColumn: return Format::number(f.estimated);
    case UnknownColumn: return Format::number(f.unknown);
    case MessageColumn:
        if (!f.message.isEmpty())
            return f.message;
        if (f.unknown > 0)
            return tr("%Ln readings wait for their meter under Unknown meters.", nullptr, int(f.unknown));
        return {};
    case QuarantineColumn: return QDir::toNativeSeparators(f.quarantinePath);
    default: return {};
    }
}

QVariant ImportFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case FileColumn: return tr("File");
    case StatusColumn: return tr("Status");
    case FormatColumn: return tr("Format");
    case ReadingsColumn: return tr("Readings");
    case InsertedColumn: return tr("New");
    case UpdatedColumn: return tr("Changed");
    case EstimatedColumn: return tr("Estimated");
    case UnknownColumn: return tr("Unknown meter");
    case MessageColumn: return tr("Reason or note");
    case QuarantineColumn: return tr("Moved to");
    default: return {};
    }
}

qint64 ImportFilesModel::countAll()
{
    return m_log.fileCount(m_user, m_runId);
}

QList<ImportFileEntry> ImportFilesModel::page(int limit, int offset)
{
    return m_log.files(m_user, m_runId, limit, offset);
}

} // namespace Ud::Metering
