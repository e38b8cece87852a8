#include "periodcomparison.h"

#include <QDateTime>

#include <algorithm>

namespace Ud::Usage {

namespace {

qint64 startOf(const QDate &day, const QTimeZone &zone) { return day.startOfDay(zone).toSecsSinceEpoch(); }

bool isLeapDay(const QDate &d) { return d.month() == 2 && d.day() == 29; }

} // namespace

std::pair<QDate, QDate> PeriodComparison::previousPeriod(const QDate &from, const QDate &to)
{
    const QDate prevFrom = from.addYears(-1);
    QDate prevTo = to.addYears(-1);
    if (to.day() == to.daysInMonth())
        prevTo = QDate(prevTo.year(), prevTo.month(), prevTo.daysInMonth());
    return {prevFrom, prevTo};
}

QList<UsagePoint> PeriodComparison::shiftOntoYearLater(const UsageSeries &previous, const QTimeZone &zone,
                                                       const QDate &currentFrom, const QDate &currentTo)
{
    QList<UsagePoint> out;
    out.reserve(previous.points.size());
    for (const UsagePoint &p : previous.points) {
        const QDateTime local = QDateTime::fromSecsSinceEpoch(p.startUtc, zone);
        const QDate day = local.date();
        UsagePoint moved = p;
        switch (previous.resolution) {
        case Resolution::Interval:
        case Resolution::Day: {
            if (isLeapDay(day))
                continue;
            const QDate target(day.year() + 1, day.month(), day.day());
            if (target < currentFrom || target > currentTo)
                continue;
            if (previous.resolution == Resolution::Day) {
                moved.startUtc = startOf(target, zone);
                moved.endUtc = startOf(target.addDays(1), zone);
                break;
            }
            const QDateTime at(target, local.time(), zone);
            // A local time skipped in the later year comes back moved: it has no place there.
            if (at.date() != target || at.time() != local.time())
                continue;
            moved.startUtc = at.toSecsSinceEpoch();
            moved.endUtc = moved.startUtc + (p.endUtc - p.startUtc);
            break;
        }
        case Resolution::Month:
        case Resolution::Year: {
            const QDate first = previous.resolution == Resolution::Year ? QDate(day.year() + 1, 1, 1)
                                                                         : QDate(day.year() + 1, day.month(), 1);
            const QDate last =
                (previous.resolution == Resolution::Year ? first.addYears(1) : first.addMonths(1)).addDays(-1);
            const QDate a = std::max(first, currentFrom);
            const QDate b = std::min(last, currentTo);
            if (b < a)
                continue;
            moved.startUtc = startOf(a, zone);
            moved.endUtc = startOf(b.addDays(1), zone);
            break;
        }
        }
        // A local time repeated in the earlier day lands on an instant already taken.
        if (!out.isEmpty() && moved.startUtc <= out.last().startUtc)
            continue;
        out.append(moved);
    }
    return out;
}

} // namespace Ud::Usage
