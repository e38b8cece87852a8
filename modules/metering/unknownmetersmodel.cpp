#include "unknownmetersmodel.h"

#include "meteringformat.h"

namespace Ud::Metering {

namespace {
bool isNumberColumn(int column)
{
    return column == UnknownMetersModel::ReadingsColumn || column == UnknownMetersModel::FilesColumn;
}
} // namespace

void UnknownMetersModel::setEntries(QList<ReviewQueue::Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

qint64 UnknownMetersModel::totalReadings() const
{
    qint64 n = 0;
    for (const ReviewQueue::Entry &e : m_entries)
        n += e.readings;
    return n;
}

int UnknownMetersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int UnknownMetersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnknownMetersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const ReviewQueue::Entry &e = m_entries.at(index.row());
    if (role == MeterKeyRole)
        return e.meterKey;
    if (role == Qt::TextAlignmentRole)
        return QVariant((isNumberColumn(index.column()) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == RawValueRole) {
        switch (index.column()) {
        case KeyColumn: return e.meterKey;
        case AltKeyColumn: return e.altKey;
        case CommodityColumn: return Accounts::commodityKey(e.commodity);
        case ChannelColumn: return Accounts::channelKindKey(e.kind);
        case ReadingsColumn: return e.readings;
        case FirstColumn: return e.firstUtc;
        case LastColumn: return e.lastUtc;
        case FilesColumn: return e.files;
        case LastFileColumn: return e.lastFile;
        case ReceivedColumn: return e.receivedAt;
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case KeyColumn: return e.meterKey;
    case AltKeyColumn: return e.altKey;
    case CommodityColumn: return Accounts::commodityName(e.commodity);
    case ChannelColumn: return Accounts::channelKindName(e.kind);
    case ReadingsColumn: return Format::number(e.readings);
    case FirstColumn: return Format::dateTime(e.firstUtc);
    case LastColumn: return Format::dateTime(e.lastUtc);
    case FilesColumn: return Format::number(e.files);
    case LastFileColumn: return e.lastFile;
    case ReceivedColumn: return Format::dateTime(e.receivedAt);
    default: return {};
    }
}

QVariant UnknownMetersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn: return tr("Meter name in file");
    case AltKeyColumn: return tr("Other name");
    case CommodityColumn: return tr("Commodity");
    case ChannelColumn: return tr("Channel");
    case ReadingsColumn: return tr("Readings");
    case FirstColumn: return tr("First reading");
    case LastColumn: return tr("Last reading");
    case FilesColumn: return tr("Files");
    case LastFileColumn: return tr("Last file");
    case ReceivedColumn: return tr("Received");
    default: return {};
    }
}

void UnknownMetersModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

} // namespace Ud::Metering
