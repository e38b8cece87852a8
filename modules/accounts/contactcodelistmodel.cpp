#include "contactcodelistmodel.h"

namespace Ud::Accounts {

ContactCodeListModel::ContactCodeListModel(QObject *parent) : QAbstractListModel(parent) {}

void ContactCodeListModel::setCodes(const QList<ContactCode> &codes)
{
    beginResetModel();
    m_codes = codes;
    endResetModel();
}

int ContactCodeListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_codes.size(); ++row) {
        if (m_codes.at(row).id == id)
            return row;
    }
    return -1;
}

void ContactCodeListModel::setEditable(bool editable)
{
    m_editable = editable;
}

void ContactCodeListModel::retranslate()
{
    if (!m_codes.isEmpty())
        emit dataChanged(index(0), index(int(m_codes.size()) - 1));
}

int ContactCodeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_codes.size());
}

QVariant ContactCodeListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_codes.size())
        return {};
    const ContactCode &c = m_codes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // The mark is text, not a colour, so it reads the same in every theme and to screen readers.
        return c.active ? c.displayName() : tr("%1 (inactive)").arg(c.displayName());
    case Qt::EditRole:
        return c.displayName();
    case Qt::ToolTipRole:
        return c.active ? tr("Key: %1").arg(c.code) : tr("Key: %1. Not offered to agents; kept on past contacts.").arg(c.code);
    case IdRole:
        return c.id;
    case CodeRole:
        return c.code;
    case ActiveRole:
        return c.active;
    default:
        return {};
    }
}

Qt::ItemFlags ContactCodeListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid() && m_editable)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ContactCodeListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= m_codes.size())
        return false;
    const ContactCode &c = m_codes.at(index.row());
    const QString label = value.toString().simplified();
    if (label == c.displayName())
        return false;
    emit renameRequested(c.id, label);
    return true;
}

} // namespace Ud::Accounts
