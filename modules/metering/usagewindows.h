#pragma once

#include "intervalday.h"

#include <QTimeZone>

#include <optional>

namespace Ud::Metering {

/// The parts of a local day that usage rules look at: the peak hours 16:00-20:00 and the night
/// 00:00-07:00 on the premise's clock. An interval belongs to a window when its local start
/// time is in it, so on a DST day the clock time of each slot is looked up (the store's slots
/// run in UTC steps from the local midnight: 46 or 50 half hours). The store keeps each day's
/// and month's window totals and highest interval value with the readings (interval_days,
/// interval_months), the customer profiles sum them (UsageProfiles).
class UsageWindows
{
public:
    static constexpr int PeakFromMinute = 16 * 60; ///< local minute of the day, inclusive
    static constexpr int PeakToMinute = 20 * 60;   ///< exclusive
    static constexpr int NightFromMinute = 0;
    static constexpr int NightToMinute = 7 * 60;

    struct DaySummary {
        std::optional<qint64> peak;  ///< Wh of the present intervals starting in the peak hours
        std::optional<qint64> night; ///< nullopt for daily channels (no time of day)
        qint64 maxValue = 0;         ///< highest present interval value (0 for a day with none)
    };

    /// The summary of one stored day [dayStartUtc, dayEndUtc) of `intervalMinutes` intervals.
    static DaySummary summarise(const IntervalDay &day, qint64 dayStartUtc, qint64 dayEndUtc, int intervalMinutes,
                                const QTimeZone &zone);

    static bool inPeak(int localMinute) { return localMinute >= PeakFromMinute && localMinute < PeakToMinute; }
    static bool atNight(int localMinute) { return localMinute >= NightFromMinute && localMinute < NightToMinute; }

    /// Whole watts of an interval of `valueWh` over `intervalMinutes` (5, 15, 30, 60: exact);
    /// nullopt for daily readings, which say nothing of demand.
    static std::optional<qint64> demandWatts(qint64 valueWh, int intervalMinutes);
};

} // namespace Ud::Metering
