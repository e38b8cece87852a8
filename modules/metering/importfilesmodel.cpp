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
    : QAbstractTableModel(parent), m_log(log), m_user(std::move(user))
{
}

void ImportFilesModel::setRun(const QString &runId)
{
    m_runId = runId;
    reload();
}

void ImportFilesModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_error.clear();
    try {
        m_total = m_log.fileCount(m_user, m_runId);
        m_rows = m_log.files(m_user, m_runId, PageSize, 0);
    } catch (const Core::Error &e) {
        m_error = e.message();
        m_total = 0;
    }
    m_loaded = true;
    endResetModel();
    if (!m_error.isEmpty())
        emit loadFailed(m_error);
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

int ImportFilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportFilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportFilesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ImportFileEntry &f = m_rows.at(index.row());
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

bool ImportFilesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void ImportFilesModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<ImportFileEntry> more;
    try {
        more = m_log.files(m_user, m_runId, PageSize, int(m_rows.size()));
    } catch (const Core::Error &e) {
        m_total = m_rows.size();
        m_error = e.message();
        emit loadFailed(m_error);
        return;
    }
    if (more.isEmpty()) {
        m_total = m_rows.size();
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size()) - 1);
    m_rows.append(more);
    endInsertRows();
}

void ImportFilesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace Ud::Metering
