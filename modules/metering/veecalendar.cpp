#include "veecalendar.h"

#include "intervalgrid.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace Ud::Metering {

namespace {
/// Seconds from the epoch to `date`'s midnight as if it were UTC: local wall time arithmetic.
qint64 wallMidnight(const QDate &date) { return (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400; }
} // namespace

VeeCalendar::VeeCalendar(const QTimeZone &zone, int intervalMinutes, const QDate &first, const QDate &last,
                         const QDate &offsetsFrom)
    : m_zone(zone.isValid() ? zone : QTimeZone::utc()), m_minutes(intervalMinutes), m_step(qint64(intervalMinutes) * 60)
{
    const qint64 days = first.isValid() && last.isValid() ? std::max<qint64>(0, first.daysTo(last) + 1) : 0;
    m_dates.reserve(size_t(days));
    m_starts.reserve(size_t(days) + 1);
    m_firstSlot.reserve(size_t(days) + 1);
    m_firstSlot.push_back(0);
    m_starts.push_back(days > 0 ? first.startOfDay(m_zone).toSecsSinceEpoch() : 0);
    for (qint64 i = 0; i < days; ++i) {
        const QDate d = first.addDays(i);
        const qint64 end = d.addDays(1).startOfDay(m_zone).toSecsSinceEpoch();
        m_dates.push_back(d);
        m_starts.push_back(end);
        m_firstSlot.push_back(m_firstSlot.back() + IntervalGrid::slotCount(m_starts[size_t(i)], end, m_minutes));
    }

    const QDate from = offsetsFrom.isValid() && (!first.isValid() || offsetsFrom < first) ? offsetsFrom : first;
    const qint64 fromUtc = from.isValid() ? from.addDays(-2).startOfDay(m_zone).toSecsSinceEpoch() : 0;
    const qint64 toUtc = last.isValid() ? last.addDays(2).startOfDay(m_zone).toSecsSinceEpoch() : 0;
    m_offsetsFrom = fromUtc;
    m_offsetsTo = toUtc;
    m_offsetAt.push_back(std::numeric_limits<qint64>::min());
    m_offset.push_back(m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(fromUtc, QTimeZone::utc())));
    if (toUtc > fromUtc) {
        const auto transitions = m_zone.transitions(QDateTime::fromSecsSinceEpoch(fromUtc, QTimeZone::utc()),
                                                    QDateTime::fromSecsSinceEpoch(toUtc, QTimeZone::utc()));
        for (const QTimeZone::OffsetData &t : transitions) {
            m_offsetAt.push_back(t.atUtc.toSecsSinceEpoch());
            m_offset.push_back(t.offsetFromUtc);
        }
    }
}

bool VeeCalendar::isDaily() const { return IntervalGrid::isDaily(m_minutes); }

QDate VeeCalendar::localDate(const QTimeZone &zone, qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone.isValid() ? zone : QTimeZone::utc()).date();
}

int VeeCalendar::dayOf(qint64 utc, int hint) const
{
    const int n = dayCount();
    if (n == 0 || utc < m_starts.front() || utc >= m_starts.back())
        return -1;
    if (hint >= 0 && hint < n) {
        if (utc >= m_starts[size_t(hint)] && utc < m_starts[size_t(hint) + 1])
            return hint;
        if (hint + 1 < n && utc >= m_starts[size_t(hint) + 1] && utc < m_starts[size_t(hint) + 2])
            return hint + 1;
    }
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), utc);
    return int(it - m_starts.begin()) - 1;
}

int VeeCalendar::dayOfSlot(qint64 slot) const
{
    const auto it = std::upper_bound(m_firstSlot.begin(), m_firstSlot.end(), slot);
    return int(it - m_firstSlot.begin()) - 1;
}

qint64 VeeCalendar::slotStart(qint64 slot) const { return slotStart(dayOfSlot(slot), slot); }

int VeeCalendar::offsetAt(qint64 utc) const
{
    const auto it = std::upper_bound(m_offsetAt.begin(), m_offsetAt.end(), utc);
    return m_offset[size_t(it - m_offsetAt.begin()) - 1];
}

int VeeCalendar::wallSlot(qint64 utc, const QDate &date) const
{
    return int((utc + offsetAt(utc) - wallMidnight(date)) / m_step);
}

QString VeeCalendar::localTime(qint64 utc) const
{
    const int offset = utc >= m_offsetsFrom && utc < m_offsetsTo
                         ? offsetAt(utc)
                         : m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc()));
    const QDateTime local = QDateTime::fromSecsSinceEpoch(utc + offset, QTimeZone::utc());
    const int minutes = std::abs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + (offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
         + QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace Ud::Metering
