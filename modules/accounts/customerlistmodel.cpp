#include "customerlistmodel.h"

#include "customerservice.h"
#include "phonenumbers.h"

#include <core/error.h>

#include <QThread>

namespace Ud::Accounts {

namespace {
std::optional<CustomerListQuery::SortKey> sortKeyFor(int column)
{
    switch (column) {
    case CustomerListModel::NumberColumn: return CustomerListQuery::SortKey::CustomerNumber;
    case CustomerListModel::NameColumn: return CustomerListQuery::SortKey::FullName;
    case CustomerListModel::ClassColumn: return CustomerListQuery::SortKey::CustomerClass;
    case CustomerListModel::PhoneColumn: return CustomerListQuery::SortKey::Phone;
    default: return std::nullopt;
    }
}
} // namespace

CustomerListModel::CustomerListModel(CustomerService &service, Core::UserContext user, Loading loading, QObject *parent)
    : QAbstractTableModel(parent), m_service(service), m_user(std::move(user)), m_loadingMode(loading)
{
    if (m_loadingMode == Loading::Background) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("CustomerListModel"));
        m_worker = new QObject;
        m_worker->moveToThread(m_thread);
        // The worker's connection belongs to its thread and must be closed there.
        connect(m_thread, &QThread::finished, m_worker, [this] { m_service.releaseThreadConnection(); },
                Qt::DirectConnection);
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread->start();
    }
    reload();
}

CustomerListModel::~CustomerListModel()
{
    if (m_thread) {
        ++m_generation;   // a queued request need not run any more
        m_thread->quit();
        m_thread->wait();
    }
}

int CustomerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CustomerListRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NumberColumn: return row.customerNumber;
        case NameColumn: return row.fullName;
        case ClassColumn: return customerClassName(row.customerClass);
        case PostcodeColumn: return row.postcode;
        case CityColumn: return row.city;
        case MarketColumn: return row.marketCode;
        case PhoneColumn: return m_phones.at(index.row());
        }
        return {};
    case IdRole: return row.id;
    case CustomerNumberRole: return row.customerNumber;
    case RawValueRole:
        switch (index.column()) {
        case ClassColumn: return customerClassKey(row.customerClass);
        case PhoneColumn: return row.phone;
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant CustomerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("Customer number");
    case NameColumn: return tr("Name");
    case ClassColumn: return tr("Class");
    case PostcodeColumn: return tr("Postcode");
    case CityColumn: return tr("City");
    case MarketColumn: return tr("Market");
    case PhoneColumn: return tr("Phone");
    }
    return {};
}

CustomerListQuery CustomerListModel::query(int offset) const
{
    CustomerListQuery q;
    q.filter = m_filter;
    q.sortKey = sortKeyFor(m_sortColumn).value_or(CustomerListQuery::SortKey::FullName);
    q.descending = m_sortOrder == Qt::DescendingOrder;
    q.offset = offset;
    q.limit = PageSize;
    return q;
}

CustomerListModel::Answer CustomerListModel::run(quint64 generation, const CustomerListQuery &q, bool withCount) const
{
    Answer answer;
    answer.generation = generation;
    answer.offset = q.offset;
    answer.withCount = withCount;
    try {
        if (withCount)
            answer.total = m_service.count(m_user, q.filter);
        answer.rows = m_service.list(m_user, q);
        for (const CustomerListRow &row : std::as_const(answer.rows))
            answer.phones << PhoneNumbers::formatInternational(row.phone);
    } catch (const Core::Error &e) {
        answer.error = e.message();
    }
    return answer;
}

void CustomerListModel::request(int offset, bool withCount)
{
    const quint64 generation = m_generation;
    const CustomerListQuery q = query(offset);
    if (m_loadingMode == Loading::Blocking) {
        apply(run(generation, q, withCount));
        return;
    }
    setLoading(true);
    // The model outlives every request: its destructor stops the thread before it goes, and
    // answers still queued for it are discarded with it.
    QMetaObject::invokeMethod(m_worker, [this, generation, q, withCount] {
        if (generation != m_generation)
            return;   // superseded by a newer filter or sort while waiting
        const Answer answer = run(generation, q, withCount);
        QMetaObject::invokeMethod(this, [this, answer] { apply(answer); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CustomerListModel::apply(const Answer &answer)
{
    if (answer.generation != m_generation)
        return;
    setLoading(false);
    if (answer.offset == 0) {
        // A first page replaces everything, including a previous error.
        const qint64 previousTotal = m_total;
        beginResetModel();
        m_error = answer.error;
        m_rows = answer.error.isEmpty() ? answer.rows : QList<CustomerListRow>();
        m_phones = answer.error.isEmpty() ? answer.phones : QStringList();
        m_total = answer.error.isEmpty() ? answer.total : 0;
        m_exhausted = !answer.error.isEmpty() || m_rows.size() < PageSize;
        m_fetching = false;
        m_loaded = true;
        endResetModel();
        if (m_total != previousTotal)
            emit totalCountChanged(m_total);
        emit reloaded();
        if (!m_error.isEmpty())
            emit loadFailed(m_error);
        return;
    }
    m_fetching = false;
    if (!answer.error.isEmpty()) {
        m_error = answer.error;
        m_exhausted = true;
        emit loadFailed(m_error);
        return;
    }
    // Rows added or removed by someone else since the count shift the pages; stop at the end
    // of the data rather than ask again and again.
    if (answer.rows.size() < PageSize)
        m_exhausted = true;
    if (answer.rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + answer.rows.size() - 1));
    m_rows << answer.rows;
    m_phones << answer.phones;
    endInsertRows();
}

void CustomerListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

bool CustomerListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_fetching && !m_loading && m_rows.size() < m_total;
}

void CustomerListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    request(int(m_rows.size()), false);
}

bool CustomerListModel::isSortable(int column)
{
    return sortKeyFor(column).has_value();
}

void CustomerListModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

void CustomerListModel::setFilter(const QString &text)
{
    const QString simplified = text.simplified();
    if (simplified == m_filter && m_error.isEmpty())
        return;
    m_filter = simplified;
    reload();
}

QString CustomerListModel::customerId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

void CustomerListModel::reload()
{
    ++m_generation;
    m_fetching = false;
    request(0, true);
}

void CustomerListModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ClassColumn), index(int(m_rows.size()) - 1, ClassColumn), {Qt::DisplayRole});
}

} // namespace Ud::Accounts
