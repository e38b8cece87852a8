#include "charttablemodel.h"

#include <QDateTime>
#include <QLocale>

namespace Ud::Usage {

ChartTableModel::ChartTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ChartTableModel::setData(const ChartData &data)
{
    beginResetModel();
    m_data = data;
    m_rows.clear();
    m_rows.reserve(data.pointCount());
    for (int s = 0; s < data.series.size(); ++s)
        for (int p = 0; p < data.series.at(s).points.size(); ++p)
            m_rows.append({s, p});
    endResetModel();
}

int ChartTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChartTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChartTableModel::seriesLabel(const ChartSeries &series)
{
    QString what = series.channel.kind == Accounts::ChannelKind::Export
                       ? tr("%1 export (solar)").arg(series.channel.serial)
                       : tr("%1 %2").arg(series.channel.serial, Accounts::commodityName(series.channel.commodity));
    return series.role == SeriesRole::YearBefore ? tr("%1, a year before").arg(what) : what;
}

QVariant ChartTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const ChartSeries &series = m_data.series.at(row.series);
    const ChartPoint &p = series.points.at(row.point);
    if (role == RawValueRole)
        return p.point.value;
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == ValueColumn || index.column() == ReadingsColumn
                            || index.column() == EstimatedColumn;
        return QVariant::fromValue(Qt::Alignment((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    const auto [start, end] = ChartText::sourceSpan(series, p, m_data.zone);
    const auto when = [&](qint64 utc) {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(utc, m_data.zone);
        return locale.toString(at, QLocale::ShortFormat) + QLatin1Char(' ') + at.timeZoneAbbreviation();
    };
    switch (index.column()) {
    case SeriesColumn: return seriesLabel(series);
    case StartColumn: return when(start);
    case EndColumn: return when(end);
    case ValueColumn:
        return locale.toString(ChartText::displayValue(p.point.value, series.channel.unit), 'f',
                               series.channel.unit == Accounts::ChannelUnit::Litre ? 0 : 3);
    case UnitColumn: return ChartText::unitSymbol(series.channel.unit);
    case ReadingsColumn: return tr("%1 of %2").arg(locale.toString(p.point.count), locale.toString(p.point.expected));
    case EstimatedColumn: return locale.toString(p.point.estimated);
    default: return {};
    }
}

QVariant ChartTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeriesColumn: return tr("Meter");
    case StartColumn: return tr("From");
    case EndColumn: return tr("To");
    case ValueColumn: return tr("Use");
    case UnitColumn: return tr("Unit");
    case ReadingsColumn: return tr("Readings");
    case EstimatedColumn: return tr("Estimated");
    default: return {};
    }
}

} // namespace Ud::Usage
