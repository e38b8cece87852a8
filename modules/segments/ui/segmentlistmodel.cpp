#include "segmentlistmodel.h"

#include <core/clock.h>

#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace Ud::Segments {

SegmentListModel::SegmentListModel(const Core::Clock &clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock)
{
}

void SegmentListModel::setSegments(const QList<Segment> &segments)
{
    beginResetModel();
    m_segments = segments;
    endResetModel();
}

void SegmentListModel::updateSegment(const Segment &segment)
{
    const int row = rowOf(segment.id);
    if (row < 0)
        return;
    m_segments[row] = segment;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SegmentListModel::rowOf(const QString &segmentId) const
{
    for (int row = 0; row < m_segments.size(); ++row) {
        if (m_segments.at(row).id == segmentId)
            return row;
    }
    return -1;
}

const Segment *SegmentListModel::segmentAt(int row) const
{
    return row >= 0 && row < m_segments.size() ? &m_segments.at(row) : nullptr;
}

QString SegmentListModel::relativeTime(qint64 at, qint64 now)
{
    const qint64 ago = now - at;
    if (ago < 60)
        return tr("just now");
    if (ago < 3600)
        return tr("%n minute(s) ago", nullptr, int(ago / 60));
    if (ago < 86400)
        return tr("%n hour(s) ago", nullptr, int(ago / 3600));
    return tr("%n day(s) ago", nullptr, int(ago / 86400));
}

QString SegmentListModel::intervalText(const std::optional<int> &hours)
{
    return hours ? tr("Every %n hour(s)", nullptr, *hours) : tr("On demand");
}

int SegmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_segments.size());
}

int SegmentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_segments.size())
        return {};
    const Segment &s = m_segments.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(s, index.column());
    case Qt::ToolTipRole: return toolTip(s, index.column());
    case RawValueRole: return raw(s, index.column());
    case IdRole: return s.id;
    case NameRole: return s.name;
    case ArchivedRole: return s.archived;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case VersionColumn:
        case MembersColumn:
        case ControlColumn:
        case ControlPercentColumn: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::FontRole:
        if (s.archived) {
            // With "(archived)" in the name: the slant is never the only signal.
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default: return {};
    }
}

QVariant SegmentListModel::display(const Segment &s, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn: return s.archived ? tr("%1 (archived)").arg(s.name) : s.name;
    case DescriptionColumn: return QString(s.description).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case VersionColumn: return locale.toString(s.currentVersion);
    case MembersColumn: return s.memberCount ? locale.toString(*s.memberCount) : QString();
    case ControlColumn: return s.controlCount ? locale.toString(*s.controlCount) : QString();
    case ControlPercentColumn: return tr("%1%").arg(locale.toString(s.controlPercent));
    case RefreshedColumn: return s.refreshedAt ? relativeTime(*s.refreshedAt, m_clock.nowSecs()) : tr("Never");
    case RefreshedByColumn: return s.refreshedBy;
    case IntervalColumn: return intervalText(s.refreshHours);
    default: return {};
    }
}

QVariant SegmentListModel::raw(const Segment &s, int column) const
{
    switch (column) {
    case NameColumn: return s.name.toLower();
    case DescriptionColumn: return s.description.toLower();
    case VersionColumn: return s.currentVersion;
    case MembersColumn: return s.memberCount.value_or(-1);
    case ControlColumn: return s.controlCount.value_or(-1);
    case ControlPercentColumn: return s.controlPercent;
    case RefreshedColumn: return s.refreshedAt.value_or(-1);
    case RefreshedByColumn: return s.refreshedBy.toLower();
    case IntervalColumn: return s.refreshHours.value_or(0);
    default: return {};
    }
}

QVariant SegmentListModel::toolTip(const Segment &s, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return s.archived ? tr("Archived: not refreshed on a schedule and not usable in other segments' rules; restore it "
                               "to use it again")
                          : QVariant();
    case DescriptionColumn: return s.description.isEmpty() ? QVariant() : QVariant(s.description);
    case MembersColumn:
    case ControlColumn:
        if (!s.refreshedAt)
            return tr("Never refreshed: refresh the segment to compute its members");
        if (s.refreshedVersion && *s.refreshedVersion != s.currentVersion) {
            return tr("Computed from version %1; refresh to use version %2")
                .arg(locale.toString(*s.refreshedVersion), locale.toString(s.currentVersion));
        }
        return tr("At the last refresh, from version %1").arg(locale.toString(s.refreshedVersion.value_or(s.currentVersion)));
    case RefreshedColumn:
        return s.refreshedAt
                   ? QVariant(locale.toString(QDateTime::fromSecsSinceEpoch(*s.refreshedAt).toLocalTime(), QLocale::LongFormat))
                   : QVariant(tr("Never refreshed: the segment has no stored members yet"));
    default: return {};
    }
}

QVariant SegmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case DescriptionColumn: return tr("Description");
    case VersionColumn: return tr("Version");
    case MembersColumn: return tr("Members");
    case ControlColumn: return tr("Of which control");
    case ControlPercentColumn: return tr("Control %");
    case RefreshedColumn: return tr("Last refreshed");
    case RefreshedByColumn: return tr("Refreshed by");
    case IntervalColumn: return tr("Refresh interval");
    default: return {};
    }
}

} // namespace Ud::Segments
