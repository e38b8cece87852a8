#pragma once

#include "bill.h"

#include <QAbstractTableModel>
#include <QList>
#include <QLocale>

namespace Ud::Billing {

/// A customer's or account's bills for a table: number, account, period, total, consumption,
/// whether readings were estimated, and when issued. The rows are set whole (the section loads
/// them in the background); numbers are right-aligned and RawValueRole gives the values to
/// sort by (dates as Julian days, amounts in minor units).
class BillListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NumberColumn, AccountColumn, PeriodColumn, TotalColumn, ConsumptionColumn, EstimatedColumn,
                  IssuedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setBills(const QList<Bill> &bills);
    const QList<Bill> &bills() const { return m_bills; }
    const Bill &bill(int row) const { return m_bills.at(row); }

    /// "2.5 of 312.4 kWh estimated, 3 intervals without reading" or empty when all was read.
    static QString estimateText(const Bill &bill, const QLocale &locale = QLocale());
    /// "312.4 kWh" in the locale.
    static QString energyText(qint64 wh, const QLocale &locale = QLocale());

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Bill> m_bills;
};

} // namespace Ud::Billing
