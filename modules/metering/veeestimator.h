#pragma once

#include "veecalendar.h"
#include "veeengine.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace Ud::Metering {

struct VeeWork;

/// The estimation methods of VEE, in integer arithmetic.
///
/// Linear interpolation (gaps up to VeeSettings::interpolationMaxMinutes, the California rules'
/// "point-to-point linear interpolation", Itron's "Linear interpolation"): the n missing values
/// lie on the straight line from the left neighbour L to the right neighbour R, at
/// L + (R - L) * k / (n + 1). Each value is the difference of the line's running sums, each
/// rounded half away from zero, so the n values add up to exactly round(n * (L + R) / 2) and
/// each is within one base unit of the line. (75 .. 100 with four missing: 80 85 90 95.)
///
/// Like day (longer gaps, the California "average of selected reference days"): the average,
/// rounded half away from zero, of the same local wall-clock interval on up to likeDayCount
/// same-weekday days of the previous likeDayWeeks weeks of the history that hold an Actual or
/// Edited value for it; not scaled. A DST day is matched by wall-clock time, so its 02:00-03:00
/// has no reference on a spring-forward day and takes the first 01:00-02:00 of a fall-back day.
/// Without such a day: the average of the same wall-clock interval over the import's other days
/// (rule "import-average"). Otherwise the interval stays missing.
///
/// Register spread (a gap in a cumulative series): the register delta across the gap is known,
/// so it is split evenly over the intervals it covers, the first (delta mod n) taking one more.
class VeeEstimator
{
public:
    /// Values on the line strictly between `left` and `right`; empty when count < 1 or the
    /// arithmetic could overflow (|values| beyond 10^12).
    static QList<qint64> interpolate(qint64 left, qint64 right, int count);
    /// `total` split over `count` intervals as evenly as integers allow (sum exactly `total`).
    static QList<qint64> spread(qint64 total, int count);
    /// num / den rounded half away from zero (den > 0).
    static qint64 roundedDiv(qint64 num, qint64 den);

    VeeEstimator(const VeeCalendar &calendar, const VeeHistory &history, const VeeSettings &settings);

    /// Counts a value from the file for the import-average fallback.
    void addImportValue(int wallSlot, qint64 value);
    std::optional<qint64> likeDay(const QDate &date, int wallSlot) const;
    std::optional<qint64> importAverage(int wallSlot) const;

    /// Estimates every run of missing or rejected slots inside the work's span and reports them.
    static void estimateGaps(VeeWork &work);

private:
    struct RefDay {
        const IntervalDay *day = nullptr; ///< null: no usable day
        qint64 start = 0;
        bool regular = false;
    };
    const RefDay &refDay(const QDate &date) const;
    std::optional<qint64> refValue(const RefDay &ref, const QDate &date, int wallSlot) const;

    const VeeCalendar &m_calendar;
    const VeeHistory &m_history;
    const VeeSettings &m_settings;
    mutable QHash<QDate, RefDay> m_refDays;
    std::vector<qint64> m_importSum;
    std::vector<qint32> m_importCount;
};

} // namespace Ud::Metering
