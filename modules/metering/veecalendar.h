#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <QtGlobal>

#include <vector>

namespace Ud::Metering {

/// The local days of a time zone between two dates and their interval grid, laid out as one
/// run of "global slots" (day 0's slots, then day 1's, ...), exactly as the interval store places
/// readings (IntervalGrid): a day starts at QDate::startOfDay() in the zone and has
/// (end - start) / interval slots, so DST days have 92 or 100 quarter hours, and a daily channel
/// has one slot per day lasting the whole day (23, 24 or 25 hours). Placing a reading costs a comparison or a
/// binary search over the days, never a time-zone conversion; VEE relies on that to check a
/// million readings in a fraction of a second.
class VeeCalendar
{
public:
    /// Days `first` .. `last` (inclusive); UTC offsets are known from `offsetsFrom` to the end
    /// of `last` (so history days before `first` can be mapped too). An invalid zone means UTC.
    VeeCalendar(const QTimeZone &zone, int intervalMinutes, const QDate &first, const QDate &last,
                const QDate &offsetsFrom);

    /// The local date of `utc` in `zone` (a time-zone conversion: for the few edge readings only).
    static QDate localDate(const QTimeZone &zone, qint64 utc);

    int dayCount() const { return int(m_dates.size()); }
    /// The interval in seconds; 86400 for a daily channel, whose slots last their day (slotEnd()).
    qint64 step() const { return m_step; }
    int intervalMinutes() const { return m_minutes; }
    bool isDaily() const;
    const QTimeZone &zone() const { return m_zone; }
    QDate date(int day) const { return m_dates[size_t(day)]; }
    qint64 dayStart(int day) const { return m_starts[size_t(day)]; }
    qint64 dayEnd(int day) const { return m_starts[size_t(day) + 1]; }
    int slotsIn(int day) const { return int(m_firstSlot[size_t(day) + 1] - m_firstSlot[size_t(day)]); }
    qint64 firstSlot(int day) const { return m_firstSlot[size_t(day)]; }
    qint64 slotCount() const { return m_firstSlot.back(); }
    /// The day index holding `utc`, or -1 when outside the days. `hint` (a day index) is tried first.
    int dayOf(qint64 utc, int hint = 0) const;
    /// The day index of a global slot.
    int dayOfSlot(qint64 slot) const;
    qint64 slotStart(qint64 slot) const;
    qint64 slotStart(int day, qint64 slot) const { return m_starts[size_t(day)] + (slot - m_firstSlot[size_t(day)]) * m_step; }
    /// The end of a global slot: the next slot's start, the day's end for a daily channel.
    qint64 slotEnd(qint64 slot) const { return slotEnd(dayOfSlot(slot), slot); }
    qint64 slotEnd(int day, qint64 slot) const { return isDaily() ? dayEnd(day) : slotStart(day, slot) + m_step; }

    /// The zone's UTC offset at `utc` in seconds.
    int offsetAt(qint64 utc) const;
    /// Which slot of a regular day the local wall-clock time of `utc` on local date `date` falls
    /// in: (wall seconds since the date's midnight) / interval. Like-day estimation matches days
    /// by it so 07:00 on a DST day is compared with 07:00 on the reference days.
    int wallSlot(qint64 utc, const QDate &date) const;
    /// Slots of a regular (non-DST) day.
    int regularSlots() const { return int(86400 / m_step); }
    /// The local time of `utc` for messages: "2026-03-29 01:30 +01:00".
    QString localTime(qint64 utc) const;

private:
    QTimeZone m_zone;
    int m_minutes = 0;
    qint64 m_step = 0;
    std::vector<QDate> m_dates;
    std::vector<qint64> m_starts;    ///< day starts, one more than days (the last day's end)
    std::vector<qint64> m_firstSlot; ///< global slot of each day's first slot, one more than days
    std::vector<qint64> m_offsetAt;  ///< UTC instants from which m_offset applies, ascending
    std::vector<int> m_offset;
    qint64 m_offsetsFrom = 0; ///< the table is exact in [m_offsetsFrom, m_offsetsTo)
    qint64 m_offsetsTo = 0;
};

} // namespace Ud::Metering
