#include "usagewindows.h"

#include "intervalgrid.h"

#include <QDateTime>

#include <algorithm>

namespace Ud::Metering {

UsageWindows::DaySummary UsageWindows::summarise(const IntervalDay &day, qint64 dayStartUtc, qint64 dayEndUtc,
                                                 int intervalMinutes, const QTimeZone &zone)
{
    DaySummary s;
    for (int slot = 0; slot < day.count(); ++slot) {
        if (day.isPresent(slot))
            s.maxValue = std::max(s.maxValue, day.value(slot));
    }
    if (IntervalGrid::isDaily(intervalMinutes))
        return s;
    // A 24-hour day (from its local midnight: QDate::startOfDay) has every slot at midnight
    // plus its offset; only days with a clock change need the zone's answer slot by slot.
    const bool plainDay = dayEndUtc - dayStartUtc == 86400;
    qint64 peak = 0, night = 0;
    for (int slot = 0; slot < day.count(); ++slot) {
        if (!day.isPresent(slot))
            continue;
        int minute = 0;
        if (plainDay) {
            minute = slot * intervalMinutes;
        } else {
            const qint64 at = IntervalGrid::slotStart(dayStartUtc, intervalMinutes, slot);
            minute = QDateTime::fromSecsSinceEpoch(at, zone).time().msecsSinceStartOfDay() / 60000;
        }
        if (inPeak(minute))
            peak += day.value(slot);
        else if (atNight(minute))
            night += day.value(slot);
    }
    s.peak = peak;
    s.night = night;
    return s;
}

std::optional<qint64> UsageWindows::demandWatts(qint64 valueWh, int intervalMinutes)
{
    if (IntervalGrid::isDaily(intervalMinutes) || intervalMinutes <= 0 || 60 % intervalMinutes != 0)
        return std::nullopt;
    return valueWh * (60 / intervalMinutes);
}

} // namespace Ud::Metering
