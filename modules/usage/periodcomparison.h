#pragma once

#include "usageseries.h"

#include <QDate>
#include <QTimeZone>

#include <utility>

namespace Ud::Usage {

/// A period and the same period a year earlier, the earlier one moved onto the later one's time
/// axis (see PeriodComparison) so the two are drawn over each other.
struct Comparison {
    UsageSeries current;
    UsageSeries previous;        ///< as stored: the earlier period's own instants
    QList<UsagePoint> shifted;   ///< `previous` on the time axis of `current`
};

/// Lines a period up with the same period a year earlier, for "this month against the same
/// month last year". Leap days: the earlier period of a range ending on a month's last day ends
/// on that month's last day (February 2025 is compared with all 29 days of February 2024, so the
/// month totals are the real ones); on the Day and Interval axes 29 February of the earlier year
/// has no day to sit on and is dropped, and 29 February of the later year has no earlier point
/// (a gap). Intervals move by local wall-clock time (18:00 onto 18:00), so DST changes on other
/// dates in the two years do not skew the day; an earlier interval whose local time does not
/// exist in the later day (the hour skipped in spring) is dropped, and of a local time that
/// occurs twice in the earlier day (the hour repeated in autumn) only the first is kept.
class PeriodComparison
{
public:
    /// [from, to] one year earlier, as described above.
    static std::pair<QDate, QDate> previousPeriod(const QDate &from, const QDate &to);
    /// The points of `previous` (a series of the earlier period) moved onto the axis of the later
    /// period [currentFrom, currentTo] in `zone`; Month and Year points take the bounds of the
    /// later period's month or year inside [currentFrom, currentTo].
    static QList<UsagePoint> shiftOntoYearLater(const UsageSeries &previous, const QTimeZone &zone,
                                                const QDate &currentFrom, const QDate &currentTo);
};

} // namespace Ud::Usage
