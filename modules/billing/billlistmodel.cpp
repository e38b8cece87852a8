#include "billlistmodel.h"

#include <core/money.h>

#include <QDateTime>

namespace Ud::Billing {

namespace {
QString dayText(const QDate &day)
{
    return QLocale().toString(day, QLocale::ShortFormat);
}

QString periodText(const QDate &from, const QDate &to)
{
    return BillListModel::tr("%1 to %2").arg(dayText(from), dayText(to));
}

QString timeText(qint64 secs)
{
    return secs > 0 ? QLocale().toString(QDateTime::fromSecsSinceEpoch(secs), QLocale::ShortFormat) : QString();
}
} // namespace

void BillListModel::setBills(const QList<Bill> &bills)
{
    beginResetModel();
    m_bills = bills;
    endResetModel();
}

QString BillListModel::energyText(qint64 wh, const QLocale &locale)
{
    // Integer kWh with one decimal, rounded half away from zero, without floating point.
    const qint64 tenths = Core::Money::divideRounded(wh, 100);
    const qint64 magnitude = tenths < 0 ? -tenths : tenths;
    QString number = locale.toString(magnitude / 10) + locale.decimalPoint() + QString::number(magnitude % 10);
    if (tenths < 0)
        number.prepend(locale.negativeSign());
    return tr("%1 kWh").arg(number);
}

QString BillListModel::estimateText(const Bill &bill, const QLocale &locale)
{
    QStringList parts;
    if (bill.estimatedWh > 0)
        parts << tr("%1 of %2 estimated").arg(energyText(bill.estimatedWh, locale), energyText(bill.consumptionWh, locale));
    if (bill.missingIntervals > 0)
        parts << tr("%n intervals without reading", nullptr, int(bill.missingIntervals));
    return parts.join(QStringLiteral(", "));
}

int BillListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bills.size());
}

int BillListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BillListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_bills.size())
        return {};
    const Bill &b = m_bills.at(index.row());
    if (role == IdRole)
        return b.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == TotalColumn || index.column() == ConsumptionColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case NumberColumn: return b.number;
        case AccountColumn: return b.accountNumber;
        case PeriodColumn: return b.from.toJulianDay();
        case TotalColumn: return b.totalMinor;
        case ConsumptionColumn: return b.consumptionWh;
        case EstimatedColumn: return b.estimatedWh + b.missingIntervals;
        case IssuedColumn: return b.issuedAt;
        }
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case NumberColumn:
            return b.status == BillStatus::Void ? tr("%1 (void)").arg(b.number) : b.number;
        case AccountColumn: return b.accountNumber;
        case PeriodColumn: return periodText(b.from, b.to);
        case TotalColumn: return Core::Money(b.totalMinor, b.currency).toString(QLocale());
        case ConsumptionColumn: return energyText(b.consumptionWh);
        case EstimatedColumn:
            if (role == Qt::DisplayRole)
                return b.hasEstimates() ? tr("Estimated") : QString();
            return b.hasEstimates() ? estimateText(b) : tr("All actual readings");
        case IssuedColumn: return timeText(b.issuedAt);
        }
    }
    return {};
}

QVariant BillListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("Bill");
    case AccountColumn: return tr("Account");
    case PeriodColumn: return tr("Period");
    case TotalColumn: return tr("Total");
    case ConsumptionColumn: return tr("Consumption");
    case EstimatedColumn: return tr("Readings");
    case IssuedColumn: return tr("Issued");
    }
    return {};
}

} // namespace Ud::Billing
