#pragma once

#include "reviewqueue.h"

#include <QAbstractTableModel>

namespace Ud::Metering {

/// The review queue as a table: one row per unknown meter key and channel with its readings,
/// the period they cover and the files they came in. The page loads the entries (off the UI
/// thread, through ImportLog::unknownMeters) and hands them over with setEntries().
class UnknownMetersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, AltKeyColumn, CommodityColumn, ChannelColumn, ReadingsColumn, FirstColumn,
                  LastColumn, FilesColumn, LastFileColumn, ReceivedColumn, ColumnCount };
    enum Role {
        MeterKeyRole = Qt::UserRole + 1, ///< the key to assign (ImportLog ids do not exist for queue entries)
        RawValueRole,                    ///< epoch seconds, counts, the commodity or channel key
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(QList<ReviewQueue::Entry> entries);
    const QList<ReviewQueue::Entry> &entries() const { return m_entries; }
    const ReviewQueue::Entry &entry(int row) const { return m_entries.at(row); }
    /// Readings waiting over all entries.
    qint64 totalReadings() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<ReviewQueue::Entry> m_entries;
};

} // namespace Ud::Metering
