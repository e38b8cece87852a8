#include "customermatchmodel.h"

namespace Ud::Accounts {

using Field = CustomerMatch::Field;

CustomerMatchModel::CustomerMatchModel(QObject *parent) : QAbstractTableModel(parent) {}

void CustomerMatchModel::setMatches(const QList<CustomerMatch> &matches)
{
    beginResetModel();
    m_matches = matches;
    endResetModel();
}

QString CustomerMatchModel::customerId(int row) const
{
    return row >= 0 && row < m_matches.size() ? m_matches.at(row).customerId : QString();
}

int CustomerMatchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_matches.size());
}

int CustomerMatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CustomerMatchModel::fieldName(CustomerMatch::Field field)
{
    switch (field) {
    case Field::Phone: return tr("Phone");
    case Field::AccountNumber: return tr("Account number");
    case Field::MeterSerial: return tr("Meter serial");
    case Field::Postcode: return tr("Postcode");
    case Field::Name: return tr("Name");
    case Field::Email: return tr("Email");
    case Field::Address: return tr("Address");
    }
    return tr("Name");
}

QString CustomerMatchModel::matchedText(const CustomerMatch &match)
{
    return match.typo ? tr("%1 (typo)").arg(fieldName(match.matched)) : fieldName(match.matched);
}

QVariant CustomerMatchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_matches.size())
        return {};
    const CustomerMatch &m = m_matches.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn: return m.name;
        case AccountsColumn: return m.accountNumbers.join(QStringLiteral(", "));
        case PostcodeColumn: return m.postcode;
        case MatchedColumn: return matchedText(m);
        }
        return {};
    case IdRole: return m.customerId;
    case ScoreRole: return m.score;
    case FieldKeyRole: return customerMatchFieldKey(m.matched);
    default: return {};
    }
}

QVariant CustomerMatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case AccountsColumn: return tr("Account numbers");
    case PostcodeColumn: return tr("Postcode");
    case MatchedColumn: return tr("Matched on");
    }
    return {};
}

void CustomerMatchModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_matches.isEmpty())
        emit dataChanged(index(0, MatchedColumn), index(rowCount() - 1, MatchedColumn), {Qt::DisplayRole});
}

} // namespace Ud::Accounts
