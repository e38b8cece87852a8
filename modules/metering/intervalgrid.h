#pragma once

#include <QtGlobal>

namespace Ud::Metering {

/// The interval grid of one local day, the one rule the store, validation and editing share:
/// a day [dayStart, dayEnd) of 5, 15, 30 or 60-minute intervals has (dayEnd - dayStart) / step
/// slots (46 or 50 half hours on DST days), while a daily channel (1440 minutes) has exactly
/// one slot per local day, starting at the day's start and lasting the day, 23, 24 or 25 hours.
/// Day bounds are UTC epoch seconds of QDate::startOfDay() in the meter's zone.
class IntervalGrid
{
public:
    static constexpr int DailyMinutes = 1440;

    /// 5, 15, 30, 60 or 1440 minutes (Accounts::allowedIntervalMinutes()).
    static bool isStorable(int minutes);
    static bool isDaily(int minutes) { return minutes == DailyMinutes; }

    /// Slots of the day: one for a daily interval, whatever the day's length.
    static int slotCount(qint64 dayStartUtc, qint64 dayEndUtc, int minutes);
    /// The slot an interval starting at `utc` takes, or -1 when `utc` is off the grid or not in the day.
    static int slotOf(qint64 dayStartUtc, qint64 dayEndUtc, int minutes, qint64 utc);
    static qint64 slotStart(qint64 dayStartUtc, int minutes, int slot)
    {
        return dayStartUtc + qint64(slot) * stepOf(minutes);
    }
    /// The end of a slot: the day's end for a daily interval.
    static qint64 slotEnd(qint64 dayStartUtc, qint64 dayEndUtc, int minutes, int slot)
    {
        return isDaily(minutes) ? dayEndUtc : slotStart(dayStartUtc, minutes, slot + 1);
    }

    /// The interval length in minutes a duration a file states stands for: 5, 15, 30, 60 for
    /// 300, 900, 1800, 3600 seconds; 1440 for a local day (86400 seconds, or a day made shorter
    /// or longer by a DST change of up to an hour, in half-hour steps: 82800 .. 90000); 0 otherwise.
    static int minutesOfDuration(qint64 secs);
    /// Whether an interval of `secs` stated in a file fits a slot of the day: the interval
    /// length itself, and for a daily interval also the day's own length (23 or 25 hours).
    static bool durationFits(qint64 secs, int minutes, qint64 dayStartUtc, qint64 dayEndUtc);

private:
    static qint64 stepOf(int minutes) { return isDaily(minutes) ? 0 : qint64(minutes) * 60; }
};

} // namespace Ud::Metering
