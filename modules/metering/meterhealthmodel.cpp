#include "meterhealthmodel.h"

#include "meteringformat.h"

#include <algorithm>

namespace Ud::Metering {

namespace {
bool isNumberColumn(int column)
{
    return column == MeterHealthModel::ReadingsColumn || column == MeterHealthModel::GapsColumn
           || column == MeterHealthModel::EstimatedColumn;
}
} // namespace

void MeterHealthModel::setRows(QList<MeterHealth> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int MeterHealthModel::lateCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const MeterHealth &h) { return h.state == MeterHealth::State::Late; }));
}

QString MeterHealthModel::stateText(const MeterHealth &h)
{
    switch (h.state) {
    case MeterHealth::State::NoReadings: return tr("No readings yet");
    case MeterHealth::State::OnTime: return tr("On time");
    case MeterHealth::State::Late: return tr("Late by %1").arg(Format::duration(h.lateBySecs));
    }
    return {};
}

int MeterHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MeterHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MeterHealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MeterHealth &h = m_rows.at(index.row());
    const MeterSummary &m = h.meter;
    switch (role) {
    case IdRole: return m.channelId;
    case MeterIdRole: return m.meterId;
    case StateRole: return int(h.state);
    case Qt::TextAlignmentRole:
        return QVariant((isNumberColumn(index.column()) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default: break;
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case SerialColumn: return m.serial;
        case CommodityColumn: return Accounts::commodityKey(m.commodity);
        case ChannelColumn: return Accounts::channelKindKey(m.kind);
        // Descending: late first (the latest first), then on time, then never read.
        case StateColumn:
            return h.state == MeterHealth::State::Late ? h.lateBySecs
                   : h.state == MeterHealth::State::OnTime ? qint64(0) : qint64(-1);
        case FirstColumn: return m.firstUtc;
        case LastColumn: return m.lastUtc;
        case ReadingsColumn: return m.presentCount;
        case GapsColumn: return h.gaps;
        case EstimatedColumn: return h.estimatedShare;
        case FindingColumn: return h.lastFindingAt;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SerialColumn:
            return m.servicePoint.isEmpty() ? tr("Meter %1, not on a service point").arg(m.serial)
                                            : tr("Meter %1 on service point %2").arg(m.serial, m.servicePoint);
        case EstimatedColumn:
            return tr("%1 of %Ln readings were estimated", nullptr, int(m.presentCount)).arg(Format::number(m.estimatedCount));
        case FindingColumn:
            return h.findings > 0 ? tr("%1 (%Ln findings in all)", nullptr, int(h.findings)).arg(h.lastFindingMessage)
                                  : QVariant();
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case SerialColumn: return m.serial;
    case CommodityColumn: return Accounts::commodityName(m.commodity);
    case ChannelColumn: return Accounts::channelKindName(m.kind);
    case StateColumn: return stateText(h);
    case FirstColumn: return Format::dateTime(m.firstUtc);
    case LastColumn: return Format::dateTime(m.lastUtc);
    case ReadingsColumn: return Format::number(m.presentCount);
    case GapsColumn: return m.presentCount > 0 ? Format::number(h.gaps) : QString();
    case EstimatedColumn: return m.presentCount > 0 ? Format::percent(h.estimatedShare) : QString();
    case FindingColumn: return h.lastFindingMessage;
    default: return {};
    }
}

QVariant MeterHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SerialColumn: return tr("Serial");
    case CommodityColumn: return tr("Commodity");
    case ChannelColumn: return tr("Channel");
    case StateColumn: return tr("Status");
    case FirstColumn: return tr("First reading");
    case LastColumn: return tr("Last reading");
    case ReadingsColumn: return tr("Readings");
    case GapsColumn: return tr("Gaps");
    case EstimatedColumn: return tr("Estimated");
    case FindingColumn: return tr("Latest finding");
    default: return {};
    }
}

void MeterHealthModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace Ud::Metering
