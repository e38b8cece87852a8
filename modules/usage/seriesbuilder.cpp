#include "seriesbuilder.h"

#include <core/error.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <metering/readingstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMap>

#include <algorithm>

namespace Ud::Usage {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Usage::SeriesBuilder)
};

using Metering::Quality;
using Metering::ReadingStore;

qint64 startOf(const QDate &day, const QTimeZone &zone) { return day.startOfDay(zone).toSecsSinceEpoch(); }

/// The interval length of a stored day, from its interval count and real length.
int minutesOf(const QDate &day, int readingCount, const QTimeZone &zone)
{
    if (readingCount <= 1)
        return 1440;
    return int((startOf(day.addDays(1), zone) - startOf(day, zone)) / 60 / readingCount);
}

/// The first local day of the month or year containing `day`.
QDate periodStart(const QDate &day, Resolution resolution)
{
    return resolution == Resolution::Year ? QDate(day.year(), 1, 1) : QDate(day.year(), day.month(), 1);
}

QDate periodEnd(const QDate &start, Resolution resolution)
{
    return (resolution == Resolution::Year ? start.addYears(1) : start.addMonths(1)).addDays(-1);
}

void checkRange(const QTimeZone &zone, const QDate &from, const QDate &to)
{
    if (!from.isValid())
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("The start date of the period is not a date: enter a date."));
    if (!to.isValid())
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("The end date of the period is not a date: enter a date."));
    if (to < from)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("The end date of the period is before its start date: enter an end date on or after %1.")
                              .arg(from.toString(Qt::ISODate)));
    if (!zone.isValid())
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("The premise has no valid time zone: set the premise's time zone, e.g. Europe/London."));
}

} // namespace

SeriesBuilder::SeriesBuilder(Core::Database &db) : m_db(db) {}

UsageSeries SeriesBuilder::build(const Core::UserContext &user, const QString &channelId, const QTimeZone &zone,
                                 const QDate &from, const QDate &to, Resolution resolution)
{
    user.require(Core::Permission::ViewCustomers);
    checkRange(zone, from, to);
    return Core::readOnly(m_db, [&] { return read(channelId, zone, from, to, resolution); });
}

Comparison SeriesBuilder::compareWithYearBefore(const Core::UserContext &user, const QString &channelId,
                                                const QTimeZone &zone, const QDate &from, const QDate &to,
                                                Resolution resolution)
{
    user.require(Core::Permission::ViewCustomers);
    checkRange(zone, from, to);
    const auto [prevFrom, prevTo] = PeriodComparison::previousPeriod(from, to);
    Comparison c = Core::readOnly(m_db, [&] {
        Comparison out;
        out.current = read(channelId, zone, from, to, resolution);
        out.previous = read(channelId, zone, prevFrom, prevTo, resolution);
        return out;
    });
    c.shifted = PeriodComparison::shiftOntoYearLater(c.previous, zone, from, to);
    return c;
}

UsageSeries SeriesBuilder::read(const QString &channelId, const QTimeZone &zone, const QDate &from, const QDate &to,
                                Resolution resolution)
{
    UsageSeries s;
    s.resolution = resolution;
    s.from = from;
    s.to = to;
    ReadingStore store(m_db);

    if (resolution == Resolution::Interval) {
        const QMap<QDate, Metering::IntervalDay> days = store.days(channelId, from, to);
        for (auto it = days.cbegin(); it != days.cend(); ++it) {
            const Metering::IntervalDay &day = it.value();
            const qint64 start = startOf(it.key(), zone);
            const qint64 end = startOf(it.key().addDays(1), zone);
            const int count = day.count();
            if (count <= 0)
                continue;
            // Slots follow each other from the day's true start: 92 of them on a 23-hour day.
            const qint64 step = count == 1 ? end - start : (end - start) / count;
            for (int slot = 0; slot < count; ++slot) {
                if (!day.isPresent(slot))
                    continue;
                const Quality q = day.quality(slot);
                const qint64 at = start + slot * step;
                s.points.append({at, count == 1 ? end : at + step, day.value(slot), 1, 1,
                                 (q == Quality::Estimated || q == Quality::Edited) ? 1 : 0});
            }
        }
        return s;
    }

    const QList<ReadingStore::DayTotal> totals = store.dailyTotals(channelId, from, to);
    if (resolution == Resolution::Day) {
        for (const ReadingStore::DayTotal &d : totals) {
            if (d.presentCount <= 0)
                continue;
            s.points.append({startOf(d.day, zone), startOf(d.day.addDays(1), zone), d.total, d.presentCount,
                             d.readingCount, d.estimatedCount});
        }
        return s;
    }

    // Months or years: the stored days inside [from, to]; days without a row still count as
    // expected intervals, at the channel's interval length.
    int minutes = 0;
    QMap<QDate, UsagePoint> periods;
    QHash<QDate, int> storedCount;
    for (const ReadingStore::DayTotal &d : totals) {
        if (minutes == 0)
            minutes = minutesOf(d.day, d.readingCount, zone);
        UsagePoint &p = periods[periodStart(d.day, resolution)];
        p.value += d.total;
        p.count += d.presentCount;
        p.estimated += d.estimatedCount;
        storedCount.insert(d.day, d.readingCount);
    }
    for (auto it = periods.begin(); it != periods.end(); ++it) {
        if (it->count <= 0)
            continue;
        const QDate first = std::max(from, it.key());
        const QDate last = std::min(to, periodEnd(it.key(), resolution));
        for (QDate d = first; d <= last; d = d.addDays(1))
            it->expected += storedCount.value(d, -1) >= 0 ? storedCount.value(d) : ReadingStore::slotsInDay(d, zone, minutes);
        it->startUtc = startOf(first, zone);
        it->endUtc = startOf(last.addDays(1), zone);
        s.points.append(*it);
    }
    return s;
}

Resolution SeriesBuilder::autoResolution(const QDate &from, const QDate &to, int intervalMinutes, int maxPoints)
{
    if (!from.isValid() || !to.isValid() || to < from)
        return Resolution::Day;
    const qint64 days = from.daysTo(to) + 1;
    const qint64 perDay = intervalMinutes > 0 && intervalMinutes < 1440 ? 1440 / intervalMinutes : 1;
    if (perDay > 1 && days * perDay <= maxPoints)
        return Resolution::Interval;
    if (days <= maxPoints)
        return Resolution::Day;
    const qint64 months = (to.year() - from.year()) * 12 + to.month() - from.month() + 1;
    return months <= maxPoints ? Resolution::Month : Resolution::Year;
}

DrillDown SeriesBuilder::drillInto(const UsagePoint &point, Resolution resolution, const QTimeZone &zone)
{
    DrillDown d;
    d.from = QDateTime::fromSecsSinceEpoch(point.startUtc, zone).date();
    d.to = QDateTime::fromSecsSinceEpoch(point.endUtc - 1, zone).date();
    switch (resolution) {
    case Resolution::Year: d.resolution = Resolution::Month; break;
    case Resolution::Month: d.resolution = Resolution::Day; break;
    case Resolution::Day:
    case Resolution::Interval: d.resolution = Resolution::Interval; break;
    }
    return d;
}

} // namespace Ud::Usage
