#include "segmentlistmembersmodel.h"

#include <accounts/customer.h>
#include <core/ui/background.h>
#include <segments/segmentservice.h>

#include <utility>

namespace Ud::Segments {

SegmentListMembersModel::SegmentListMembersModel(Core::Database &database, SegmentService &service,
                                                 Core::UserContext user, QObject *parent)
    : QAbstractTableModel(parent), m_database(database), m_service(service), m_user(std::move(user))
{
}

QString SegmentListMembersModel::groupName(MemberGroup group)
{
    switch (group) {
    case MemberGroup::All: return tr("All");
    case MemberGroup::Test: return tr("Test");
    case MemberGroup::Control: return tr("Control");
    }
    return {};
}

void SegmentListMembersModel::show(const QString &segmentId, MemberGroup group)
{
    ++m_generation;
    beginResetModel();
    m_segmentId = segmentId;
    m_group = group;
    m_members.clear();
    m_total = -1;
    m_loading = false;
    endResetModel();
    if (!segmentId.isEmpty())
        fetch(0, true);
}

void SegmentListMembersModel::fetch(qint64 offset, bool withTotal)
{
    struct Page {
        QList<SegmentMember> members;
        qint64 total = -1;
    };
    m_loading = true;
    const quint64 generation = m_generation;
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    const QString segmentId = m_segmentId;
    const MemberGroup group = m_group;
    Ui::runInBackground(
        m_database, this,
        [service, user, segmentId, group, offset, withTotal] {
            Page page;
            page.members = service->members(user, segmentId, group, PageSize, offset);
            if (withTotal)
                page.total = service->memberCount(user, segmentId, group);
            return page;
        },
        [this, generation](const Page &page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (page.total >= 0)
                m_total = page.total;
            if (!page.members.isEmpty()) {
                beginInsertRows({}, int(m_members.size()), int(m_members.size() + page.members.size()) - 1);
                m_members.append(page.members);
                endInsertRows();
            }
            // A short page is the last: nothing more to fetch whatever the total said.
            if (page.members.size() < PageSize)
                m_total = m_members.size();
            emit pageLoaded();
        },
        [this, generation](const QString &error) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (m_total < 0)
                m_total = 0;
            emit loadFailed(error);
        });
}

int SegmentListMembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int SegmentListMembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentListMembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_members.size())
        return {};
    const SegmentMember &m = m_members.at(index.row());
    if (role == CustomerIdRole)
        return m.customerId;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn: return m.customerNumber;
    case NameColumn: return m.name;
    case ClassColumn: {
        const std::optional<Accounts::CustomerClass> c = Accounts::customerClassFromKey(m.customerClass);
        return c ? Accounts::customerClassName(*c) : m.customerClass;
    }
    case RegionColumn: return m.region;
    case GroupColumn: return groupName(m.group);
    default: return {};
    }
}

QVariant SegmentListMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("Customer number");
    case NameColumn: return tr("Name");
    case ClassColumn: return tr("Class");
    case RegionColumn: return tr("Region");
    case GroupColumn: return tr("Group");
    default: return {};
    }
}

bool SegmentListMembersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_segmentId.isEmpty() && !m_loading && m_total > m_members.size();
}

void SegmentListMembersModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetch(m_members.size(), false);
}

} // namespace Ud::Segments
