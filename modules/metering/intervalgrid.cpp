#include "intervalgrid.h"

#include <accounts/meter.h>

namespace Ud::Metering {

bool IntervalGrid::isStorable(int minutes) { return Accounts::allowedIntervalMinutes().contains(minutes); }

int IntervalGrid::slotCount(qint64 dayStartUtc, qint64 dayEndUtc, int minutes)
{
    if (dayEndUtc <= dayStartUtc || minutes <= 0)
        return 0;
    if (isDaily(minutes))
        return 1;
    return int((dayEndUtc - dayStartUtc) / (qint64(minutes) * 60));
}

int IntervalGrid::slotOf(qint64 dayStartUtc, qint64 dayEndUtc, int minutes, qint64 utc)
{
    if (utc < dayStartUtc || utc >= dayEndUtc || minutes <= 0)
        return -1;
    if (isDaily(minutes))
        return utc == dayStartUtc ? 0 : -1;
    const qint64 step = qint64(minutes) * 60;
    const qint64 offset = utc - dayStartUtc;
    if (offset % step != 0 || offset / step >= slotCount(dayStartUtc, dayEndUtc, minutes))
        return -1;
    return int(offset / step);
}

int IntervalGrid::minutesOfDuration(qint64 secs)
{
    if (secs == 300 || secs == 900 || secs == 1800 || secs == 3600)
        return int(secs / 60);
    if (secs >= 86400 - 3600 && secs <= 86400 + 3600 && secs % 1800 == 0)
        return DailyMinutes;
    return 0;
}

bool IntervalGrid::durationFits(qint64 secs, int minutes, qint64 dayStartUtc, qint64 dayEndUtc)
{
    if (secs == qint64(minutes) * 60)
        return true;
    return isDaily(minutes) && secs == dayEndUtc - dayStartUtc;
}

} // namespace Ud::Metering
