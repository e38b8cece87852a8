#pragma once

#include <segments/segment.h>

#include <QAbstractTableModel>
#include <QList>

namespace Ud::Core {
class Clock;
}

namespace Ud::Segments {

/// The saved segments for the Saved segments page: name, description, version, members, of
/// which control, control percent, last refreshed (relative, the exact time in the tooltip),
/// refreshed by and the refresh interval. RawValueRole gives the values to sort by (never
/// refreshed sorts first), IdRole the segment id. Counts are what the service reports for the
/// user (a field officer's region only). Archived segments say so in their name.
class SegmentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DescriptionColumn, VersionColumn, MembersColumn, ControlColumn, ControlPercentColumn,
                  RefreshedColumn, RefreshedByColumn, IntervalColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole, ArchivedRole, NameRole };

    /// `clock` says how long ago "now" is; it must outlive the model.
    explicit SegmentListModel(const Core::Clock &clock, QObject *parent = nullptr);

    void setSegments(const QList<Segment> &segments);
    const QList<Segment> &segments() const { return m_segments; }
    /// Replaces the row of the same id (after a rename, an interval change or a refresh).
    void updateSegment(const Segment &segment);
    /// The row of the segment, -1 if not listed.
    int rowOf(const QString &segmentId) const;
    const Segment *segmentAt(int row) const;

    /// "just now", "5 minutes ago", "3 days ago": how long before `now` the time `at` was.
    static QString relativeTime(qint64 at, qint64 now);
    /// "On demand", "Every 24 hours".
    static QString intervalText(const std::optional<int> &hours);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Segment &s, int column) const;
    QVariant raw(const Segment &s, int column) const;
    QVariant toolTip(const Segment &s, int column) const;

    const Core::Clock &m_clock;
    QList<Segment> m_segments;
};

} // namespace Ud::Segments
