#pragma once

#include "periodcomparison.h"
#include "usageseries.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

namespace Ud::Core {
class Database;
class UserContext;
}

namespace Ud::Usage {

/// Where drilling into a point leads: its local days at the next finer resolution.
struct DrillDown {
    QDate from;
    QDate to;
    Resolution resolution = Resolution::Interval;
};

/// Computes usage series from the interval store for the charts, so a view only maps numbers
/// onto the screen. Every call checks ViewCustomers and reads in one read transaction. Local
/// days are those of the premise's zone: an Interval series of Europe/London's 31 March 2024
/// has 92 quarter-hours, of 27 October 2024 100; a Day point spans its day's real 23 or 25 hours;
/// Month and Year points sum the stored days of the period inside [from, to] (so a range that
/// cuts a month gives a point for the part inside it). Missing readings are gaps (see UsagePoint).
class SeriesBuilder
{
public:
    /// About what a chart draws per series: autoResolution() and downsampling aim below it.
    static constexpr int MaxPoints = 2000;

    explicit SeriesBuilder(Core::Database &db);

    /// The series of `channelId` over the local days [from, to] of `zone`. Throws Core::Error:
    /// Denied without ViewCustomers, BadInput for invalid or reversed dates or zone.
    UsageSeries build(const Core::UserContext &user, const QString &channelId, const QTimeZone &zone,
                      const QDate &from, const QDate &to, Resolution resolution);
    /// build() for [from, to] and for the same period a year earlier (PeriodComparison::
    /// previousPeriod), read in one transaction, with the earlier one shifted onto the later.
    Comparison compareWithYearBefore(const Core::UserContext &user, const QString &channelId, const QTimeZone &zone,
                                     const QDate &from, const QDate &to, Resolution resolution);

    /// The finest resolution whose raw points over [from, to] are at most `maxPoints`:
    /// Interval when days x intervals per day fit, else Day, else Month, else Year.
    static Resolution autoResolution(const QDate &from, const QDate &to, int intervalMinutes,
                                     int maxPoints = MaxPoints);
    /// The local days of `point` (of a series at `resolution` in `zone`) and the next finer
    /// resolution: year -> its months, month -> its days, day -> its intervals. An Interval point
    /// drills into its own day at Interval.
    static DrillDown drillInto(const UsagePoint &point, Resolution resolution, const QTimeZone &zone);

private:
    UsageSeries read(const QString &channelId, const QTimeZone &zone, const QDate &from, const QDate &to,
                     Resolution resolution);

    Core::Database &m_db;
};

} // namespace Ud::Usage
