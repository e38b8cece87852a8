#include "previewmodel.h"

#include <accounts/customer.h>

#include <core/ui/background.h>

namespace Ud::Segments {

PreviewModel::PreviewModel(QThreadPool *pool, Core::Database &database, const SegmentQuery &query, Core::UserContext user,
                           QObject *parent)
    : QAbstractTableModel(parent), m_pool(pool), m_database(database), m_query(query), m_user(std::move(user))
{
}

PreviewModel::~PreviewModel()
{
    if (m_cancel)
        m_cancel->cancel();
}

void PreviewModel::clear()
{
    if (m_cancel)
        m_cancel->cancel();
    m_cancel.reset();
    ++m_generation;
    beginResetModel();
    m_definition.reset();
    m_rows.clear();
    m_exhausted = true;
    endResetModel();
    setLoading(false);
}

void PreviewModel::setDefinition(const SegmentDefinition &definition)
{
    clear();
    m_definition = definition;
    m_exhausted = false;
    fetchPage();
}

void PreviewModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

bool PreviewModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_definition && !m_exhausted && !m_loading;
}

void PreviewModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchPage();
}

void PreviewModel::fetchPage()
{
    setLoading(true);
    m_cancel = Core::QueryCancel::create();
    const quint64 generation = m_generation;
    const SegmentDefinition definition = *m_definition;
    const int offset = int(m_rows.size());
    const SegmentQuery *query = &m_query;
    const Core::UserContext user = m_user;
    const std::shared_ptr<Core::QueryCancel> cancel = m_cancel;
    Ui::runInBackground(
        m_pool, m_database, this,
        [query, user, definition, offset, cancel] { return query->preview(user, definition, offset, PageSize, cancel.get()); },
        [this, generation](const QList<PreviewRow> &rows) {
            if (generation != m_generation)
                return;
            if (!rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
                m_rows.append(rows);
                endInsertRows();
            }
            m_exhausted = rows.size() < PageSize;
            setLoading(false);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_exhausted = true;
            setLoading(false);
            emit failed(message);
        });
}

int PreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PreviewRow &row = m_rows.at(index.row());
    if (role == IdRole)
        return row.customerId;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn: return row.customerNumber;
    case NameColumn: return row.name;
    case ClassColumn: {
        const std::optional<Accounts::CustomerClass> c = Accounts::customerClassFromKey(row.customerClass);
        return c ? Accounts::customerClassName(*c) : row.customerClass;
    }
    case RegionColumn: return row.region;
    }
    return {};
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("Customer number");
    case NameColumn: return tr("Name");
    case ClassColumn: return tr("Class");
    case RegionColumn: return tr("Region");
    }
    return {};
}

} // namespace Ud::Segments
