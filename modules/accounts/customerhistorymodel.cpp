#include "customerhistorymodel.h"

#include <QDateTime>
#include <QLocale>

namespace Ud::Accounts {

CustomerHistoryModel::CustomerHistoryModel(QObject *parent) : QAbstractTableModel(parent)
{
}

int CustomerHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomerHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CustomerChange &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case WhenColumn:
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(c.at).toLocalTime(), QLocale::ShortFormat);
        case WhoColumn:
            return c.actorRole.isEmpty() ? c.actor : tr("%1 (%2)").arg(c.actor, c.actorRole);
        case ChangeColumn: return c.action;
        case FieldColumn: return c.field;
        case BeforeColumn: return c.before;
        case AfterColumn: return c.after;
        }
        return {};
    case AtRole: return c.at;
    case SeqRole: return c.seq;
    case FieldKeyRole: return c.fieldKey;
    case ActionKeyRole: return c.actionKey;
    }
    return {};
}

QVariant CustomerHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WhenColumn: return tr("When");
    case WhoColumn: return tr("Who");
    case ChangeColumn: return tr("Change");
    case FieldColumn: return tr("Field");
    case BeforeColumn: return tr("Before");
    case AfterColumn: return tr("After");
    }
    return {};
}

bool CustomerHistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_fetching && m_error.isEmpty() && m_loadedEntries < m_totalEntries;
}

void CustomerHistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    emit fetchRequested(m_generation, m_loadedEntries, PageSize);
}

void CustomerHistoryModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_loadedEntries = 0;
    m_totalEntries = 0;
    m_loaded = false;
    m_error.clear();
    endResetModel();
    m_fetching = true;
    emit fetchRequested(++m_generation, 0, PageSize);
}

void CustomerHistoryModel::addPage(quint64 generation, int offset, const QList<CustomerChange> &rows,
                                   qint64 totalEntries)
{
    if (generation != m_generation || offset != m_loadedEntries)
        return;
    m_fetching = false;
    m_totalEntries = totalEntries;
    m_loadedEntries = int(qMin<qint64>(offset + PageSize, totalEntries));
    if (!rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
        m_rows.append(rows);
        endInsertRows();
    }
    if (!m_loaded) {
        m_loaded = true;
        emit reloaded();
    }
}

void CustomerHistoryModel::pageFailed(quint64 generation, const QString &message)
{
    if (generation != m_generation)
        return;
    m_fetching = false;
    m_loaded = true;
    m_error = message;
    emit loadFailed(message);
}

void CustomerHistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

} // namespace Ud::Accounts
