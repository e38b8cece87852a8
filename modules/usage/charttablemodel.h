#pragma once

#include "usagechart.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ud::Usage {

/// The points a usage chart shows, as a table ("Show as table"): one row per point of every
/// series, in drawing order, with the local start and end, the value in its unit, how many
/// readings it holds of how many expected, and how many are estimated. For keyboard and screen
/// reader users and for copying; the same rows as ChartText::csv().
class ChartTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeriesColumn, StartColumn, EndColumn, ValueColumn, UnitColumn, ReadingsColumn, EstimatedColumn, ColumnCount };
    /// The point's value in its base unit (Wh, L), for sorting and tests.
    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit ChartTableModel(QObject *parent = nullptr);

    void setData(const ChartData &data);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "E-1001 electricity" or "E-1001 electricity, a year before".
    static QString seriesLabel(const ChartSeries &series);

private:
    struct Row {
        int series = 0;
        int point = 0;
    };
    ChartData m_data;
    QList<Row> m_rows;
};

} // namespace Ud::Usage
