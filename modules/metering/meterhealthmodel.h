#pragma once

#include "importlog.h"

#include <QAbstractTableModel>

namespace Ud::Metering {

/// One row per meter channel with its health (ImportLog::health): readings, gaps, estimated
/// share, whether it is late (said in words, not only by colour) and its latest validation
/// finding. The page loads the rows off the UI thread and hands them over with setRows();
/// views sort on RawValueRole.
class MeterHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SerialColumn, CommodityColumn, ChannelColumn, StateColumn, FirstColumn, LastColumn,
                  ReadingsColumn, GapsColumn, EstimatedColumn, FindingColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the channel id
        RawValueRole,              ///< epoch seconds, counts, the share 0..1, the state as int
        MeterIdRole,
        StateRole,                 ///< MeterHealth::State as int
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QList<MeterHealth> rows);
    const QList<MeterHealth> &rows() const { return m_rows; }
    const MeterHealth &row(int row) const { return m_rows.at(row); }
    int lateCount() const;

    static QString stateText(const MeterHealth &health);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<MeterHealth> m_rows;
};

} // namespace Ud::Metering
