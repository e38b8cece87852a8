#pragma once

#include <QDate>
#include <QList>
#include <QtGlobal>

namespace Ud::Usage {

/// How finely a usage series is cut: the meter's own intervals, local days, local months or
/// local years of the premise's time zone.
enum class Resolution { Interval, Day, Month, Year };

/// One point of a usage chart: the use over [startUtc, endUtc) (UTC epoch seconds; a local day
/// of 23 or 25 hours has that real length). Only spans with at least one present reading get a
/// point: a missing interval, or a day, month or year with no reading at all, has no point, and
/// a chart shows a gap wherever one point's endUtc is not the next one's startUtc. There is never
/// a point with a made-up zero. A day, month or year with some readings missing has a point with
/// the sum of those present and missing() > 0, so the chart can say it is incomplete.
struct UsagePoint {
    qint64 startUtc = 0;
    qint64 endUtc = 0;
    qint64 value = 0;  ///< sum of the present readings, in the channel's base unit (Wh, L)
    int count = 0;     ///< present readings
    int expected = 0;  ///< intervals in the span, present or not
    int estimated = 0; ///< Estimated or Edited among the present readings

    int missing() const { return expected - count; }
    bool isEstimated() const { return estimated > 0; }
    friend bool operator==(const UsagePoint &, const UsagePoint &) = default;
};

/// A computed usage series over the local days [from, to] of one channel.
struct UsageSeries {
    Resolution resolution = Resolution::Day;
    QDate from;
    QDate to;
    QList<UsagePoint> points; ///< in time order, gaps as described at UsagePoint

    qint64 total() const
    {
        qint64 sum = 0;
        for (const UsagePoint &p : points)
            sum += p.value;
        return sum;
    }
    /// Whether points i-1 and i are drawn joined (no gap between them).
    bool joined(qsizetype i) const { return i > 0 && points.at(i - 1).endUtc == points.at(i).startUtc; }
};

} // namespace Ud::Usage
