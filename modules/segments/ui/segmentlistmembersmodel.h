#pragma once

#include <core/usercontext.h>
#include <segments/segment.h>

#include <QAbstractTableModel>
#include <QList>

namespace Ud::Core {
class Database;
}

namespace Ud::Segments {

class SegmentService;

/// The stored members of one segment for the member preview, a page at a time
/// (SegmentService::members, by customer number): the first page when a segment is shown,
/// the next whenever the view asks (canFetchMore/fetchMore), each read off the UI thread.
/// What a field officer gets is their region only, as the service decides. A reply for an
/// earlier segment or group is dropped.
class SegmentListMembersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 200;

    enum Column { NumberColumn, NameColumn, ClassColumn, RegionColumn, GroupColumn, ColumnCount };
    enum Role { CustomerIdRole = Qt::UserRole + 1 };

    /// The database and the service must outlive the model.
    SegmentListMembersModel(Core::Database &database, SegmentService &service, Core::UserContext user,
                            QObject *parent = nullptr);

    /// Starts showing the segment's members of `group`; an empty id clears the model.
    void show(const QString &segmentId, MemberGroup group);
    QString segmentId() const { return m_segmentId; }
    MemberGroup group() const { return m_group; }
    /// How many members there are (of the group, for this user); -1 until the first page came.
    qint64 total() const { return m_total; }
    bool isLoading() const { return m_loading; }
    const QList<SegmentMember> &members() const { return m_members; }

    /// "Test", "Control"; "All" for MemberGroup::All.
    static QString groupName(MemberGroup group);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /// A page arrived (the first one with the total).
    void pageLoaded();
    /// A page could not be read: the sentence.
    void loadFailed(const QString &message);

private:
    void fetch(qint64 offset, bool withTotal);

    Core::Database &m_database;
    SegmentService &m_service;
    Core::UserContext m_user;
    QString m_segmentId;
    MemberGroup m_group = MemberGroup::All;
    QList<SegmentMember> m_members;
    qint64 m_total = -1;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace Ud::Segments
