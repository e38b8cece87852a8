#include "funnelmodel.h"

#include <QLocale>

namespace Ud::Segments {

void FunnelModel::setFunnel(const Funnel &funnel)
{
    beginResetModel();
    m_funnel = funnel;
    m_rows.clear();
    m_rows.append({tr("All customers"), funnel.customers, std::nullopt});
    for (const FunnelStep &step : funnel.steps)
        m_rows.append({step.text, step.remaining, step});
    if (funnel.steps.isEmpty() || funnel.members != funnel.steps.last().remaining)
        m_rows.append({tr("Members (with the include and exclude lists)"), funnel.members, std::nullopt});
    endResetModel();
}

void FunnelModel::clear()
{
    beginResetModel();
    m_funnel = {};
    m_rows.clear();
    endResetModel();
}

int FunnelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FunnelModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FunnelModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const double share = m_funnel.customers > 0 ? double(row.remaining) / double(m_funnel.customers) : 0.0;
    if (role == BarRole)
        return index.column() == RemainingColumn ? QVariant(share) : QVariant();
    if (role == Qt::TextAlignmentRole)
        return index.column() == ConditionColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && row.step && m_funnel.outcomes)
        return tr("%1: %2 true, %3 false, %4 unknown on their own")
            .arg(row.text, QLocale().toString(row.step->trueCount), QLocale().toString(row.step->falseCount),
                 QLocale().toString(row.step->unknownCount));
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case ConditionColumn: return row.text;
    case RemainingColumn: return role == Qt::EditRole ? QVariant(row.remaining) : QVariant(locale.toString(row.remaining));
    case ShareColumn: return locale.toString(share * 100.0, 'f', 1) + locale.percent();
    // Blank until the outcomes are worked out (they come after the steps).
    case TrueColumn: return row.step && m_funnel.outcomes ? locale.toString(row.step->trueCount) : QString();
    case FalseColumn: return row.step && m_funnel.outcomes ? locale.toString(row.step->falseCount) : QString();
    case UnknownColumn: return row.step && m_funnel.outcomes ? locale.toString(row.step->unknownCount) : QString();
    }
    return {};
}

QVariant FunnelModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ConditionColumn: return tr("Condition");
    case RemainingColumn: return tr("Still in");
    case ShareColumn: return tr("Share");
    case TrueColumn: return tr("True alone");
    case FalseColumn: return tr("False alone");
    case UnknownColumn: return tr("Unknown alone");
    }
    return {};
}

} // namespace Ud::Segments
