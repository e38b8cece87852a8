#include "veechecks.h"

#include "veework.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::VeeEngine)
};

using Severity = VeeFinding::Severity;
using Slot = VeeWork::Slot;

/// A factor for a message: two significant digits (38, 1000, 1200).
QString factorText(double f)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(f)) - 1);
    return QString::number(qint64(std::llround(f / magnitude) * magnitude));
}

/// A mean for a message: whole units, or two decimals below 100.
QString meanText(double mean, const VeeWork &w)
{
    const QString unit = Accounts::channelUnitKey(w.channel.unit);
    if (std::abs(mean) < 100)
        return Tr::tr("%1 %2").arg(QString::number(mean, 'f', 2), unit);
    return Tr::tr("%1 %2").arg(std::llround(mean)).arg(unit);
}

/// The first slot starting at or after `utc`, and the last slot ending at or before it
/// (either may lie outside [0, slotCount)).
qint64 firstSlotFrom(const VeeCalendar &cal, qint64 utc)
{
    const int d = cal.dayOf(utc);
    if (d < 0)
        return cal.dayCount() == 0 || utc < cal.dayStart(0) ? 0 : cal.slotCount();
    if (cal.isDaily()) // a day's one slot starts at the day's start
        return cal.firstSlot(d) + (utc > cal.dayStart(d) ? 1 : 0);
    return cal.firstSlot(d) + (utc - cal.dayStart(d) + cal.step() - 1) / cal.step();
}

qint64 lastSlotUntil(const VeeCalendar &cal, qint64 utc)
{
    if (cal.isDaily()) {
        // The day holding the instant before `utc` counts if it has ended by then.
        const int d = cal.dayOf(utc - 1);
        if (d < 0)
            return cal.dayCount() == 0 || utc - 1 < cal.dayStart(0) ? -1 : cal.slotCount() - 1;
        return cal.firstSlot(d) - (cal.dayEnd(d) <= utc ? 0 : 1);
    }
    const qint64 t = utc - cal.step();
    const int d = cal.dayOf(t);
    if (d < 0)
        return cal.dayCount() == 0 || t < cal.dayStart(0) ? -1 : cal.slotCount() - 1;
    return cal.firstSlot(d) + std::min<qint64>((t - cal.dayStart(d)) / cal.step(), cal.slotsIn(d) - 1);
}

/// Sum of [first, last] if every slot has a value inside the span.
std::optional<qint64> sumOf(const VeeWork &w, qint64 first, qint64 last)
{
    if (first > last || first < w.spanFirst || last > w.spanLast)
        return std::nullopt;
    qint64 sum = 0;
    for (qint64 g = first; g <= last; ++g) {
        if (!w.present(g))
            return std::nullopt;
        sum += w.value[size_t(g)];
    }
    return sum;
}

qint64 tolerance(const VeeWork &w, qint64 expected, qint64 intervals)
{
    return std::max(std::abs(expected) * w.settings.sumTolerancePermille / 1000,
                    qint64(w.settings.sumToleranceUnitsPerInterval) * intervals);
}
} // namespace

void VeeChecks::limits(VeeWork &w)
{
    const bool negativeAllowed = w.negativeAllowed();
    for (qint64 g = w.spanFirst; g <= w.spanLast; ++g) {
        if (!w.fromFile(g))
            continue;
        const qint64 v = w.value[size_t(g)];
        quint8 reason = VeeWork::NoReason;
        if (v < 0 && !negativeAllowed)
            reason = VeeWork::Negative;
        else if (v > w.maxPerInterval || v < -w.maxPerInterval)
            reason = VeeWork::HighLimit;
        if (reason == VeeWork::NoReason)
            continue;
        w.state[size_t(g)] = Slot::ToEstimate;
        w.reason[size_t(g)] = reason;
        w.raw.insert(g, v);
    }
}

void VeeChecks::spikes(VeeWork &w)
{
    const qint64 floor = w.maxPerInterval * w.settings.spikeFloorPercent / 100;
    const double k = w.settings.spikeFactor;
    const QString rule = QStringLiteral("spike");
    for (qint64 g = w.spanFirst + 1; g < w.spanLast; ++g) {
        const qint64 v = w.value[size_t(g)];
        if (v <= floor || w.state[size_t(g)] != Slot::Actual || w.state[size_t(g - 1)] != Slot::Actual
            || w.state[size_t(g + 1)] != Slot::Actual)
            continue;
        const qint64 left = w.value[size_t(g - 1)];
        const qint64 right = w.value[size_t(g + 1)];
        if (double(v) <= k * double(std::max<qint64>(left, 0)) || double(v) <= k * double(std::max<qint64>(right, 0)))
            continue;
        const qint64 start = w.slotStart(g);
        const qint64 line = w.lineOf(g);
        w.sink.report(rule, Severity::Flag, start, w.slotEnd(g), line, [&] {
            return Tr::tr("%1The reading for %2 is %3, more than %4 times both its neighbours (%5 and %6).")
                .arg(w.where(line), w.localTime(start), w.amount(v))
                .arg(k)
                .arg(w.amount(left), w.amount(right));
        });
    }
}

void VeeChecks::runs(VeeWork &w)
{
    using Accounts::ChannelKind;
    using Accounts::Commodity;
    int zeroHours = 0;
    if (w.channel.kind == ChannelKind::Import)
        zeroHours = w.channel.commodity == Commodity::Electricity ? w.settings.zeroRunHoursElectricity
                                                                   : w.settings.zeroRunHoursGasWater;
    const qint64 zeroSlots = zeroHours > 0 ? qint64(zeroHours) * 3600 / w.step : 0;
    const qint64 frozenSlots = w.settings.frozenRunLength;
    const QString zeroRule = QStringLiteral("zero-run");
    const QString frozenRule = QStringLiteral("frozen");

    qint64 g = w.spanFirst;
    while (g <= w.spanLast) {
        if (w.state[size_t(g)] != Slot::Actual) {
            ++g;
            continue;
        }
        const qint64 v = w.value[size_t(g)];
        qint64 e = g;
        while (e + 1 <= w.spanLast && w.state[size_t(e + 1)] == Slot::Actual && w.value[size_t(e + 1)] == v)
            ++e;
        const qint64 n = e - g + 1;
        const qint64 from = w.slotStart(g);
        const qint64 to = w.slotEnd(e);
        if (v == 0 && zeroSlots > 0 && n >= zeroSlots) {
            w.sink.report(zeroRule, Severity::Flag, from, to, w.lineOf(g), [&] {
                return Tr::tr("%n intervals in a row from %1 to %2 read zero: a stopped meter, a disconnected supply or "
                              "an empty premise?", nullptr, int(n))
                    .arg(w.localTime(from), w.localTime(to));
            });
        } else if (v != 0 && frozenSlots > 1 && n >= frozenSlots) {
            w.sink.report(frozenRule, Severity::Flag, from, to, w.lineOf(g), [&] {
                return Tr::tr("%n intervals in a row from %1 to %2 all read %3: a frozen meter or a repeated value?",
                              nullptr, int(n))
                    .arg(w.localTime(from), w.localTime(to), w.amount(v));
            });
        }
        g = e + 1;
    }
}

void VeeChecks::history(VeeWork &w)
{
    const int regular = w.calendar->regularSlots();
    const int hour = int(3600 / w.step);
    double historySum = 0;
    qint64 historyCount = 0;
    int daysWithData = 0;
    double dayTotals = 0;
    int completeDays = 0;
    for (const IntervalDay &day : w.history.days) {
        if (day.count() < regular - hour || day.count() > regular + hour)
            continue; // another interval length: not this channel's history
        int used = 0;
        int present = 0;
        qint64 total = 0;
        for (int i = 0; i < day.count(); ++i) {
            const Quality q = day.quality(i);
            if (q != Quality::Missing) {
                ++present;
                total += day.value(i);
            }
            if (q == Quality::Actual || q == Quality::Edited) {
                historySum += double(day.value(i));
                ++historyCount;
                ++used;
            }
        }
        daysWithData += used > 0;
        if (present == day.count()) {
            dayTotals += double(total);
            ++completeDays;
        }
    }
    if (daysWithData < w.settings.historyMinDays || historyCount == 0)
        return;
    const double historyMean = historySum / double(historyCount);

    double importSum = 0;
    qint64 importCount = 0;
    // The file's own values, including those limits() replaced: a factor of 1000 puts most of
    // them above the absolute limit, and the multiplier finding must still say why.
    for (qint64 g = w.spanFirst; g <= w.spanLast; ++g) {
        const quint8 reason = w.reason[size_t(g)];
        if (w.state[size_t(g)] == Slot::Actual) {
            importSum += double(w.value[size_t(g)]);
            ++importCount;
        } else if (reason == VeeWork::Negative || reason == VeeWork::HighLimit) {
            importSum += double(w.raw.value(g));
            ++importCount;
        }
    }
    const qint64 from = w.slotStart(w.spanFirst);
    const qint64 to = w.slotEnd(w.spanLast);
    if (importCount >= regular && historyMean > 0 && importSum > 0) {
        const double importMean = importSum / double(importCount);
        const double ratio = importMean / historyMean;
        const double r = w.settings.multiplierRatio;
        if (ratio >= r || ratio <= 1 / r) {
            w.sink.report(QStringLiteral("multiplier"), Severity::Flag, from, to, 0, [&] {
                if (ratio >= r)
                    return Tr::tr("From %1 to %2 the readings average %3 per interval, about %4 times the %5 of the "
                                  "meter's previous weeks: values in Wh read as kWh, or a multiplier applied twice?")
                        .arg(w.localTime(from), w.localTime(to), meanText(importMean, w), factorText(ratio),
                             meanText(historyMean, w));
                return Tr::tr("From %1 to %2 the readings average %3 per interval, about 1/%4 of the %5 of the "
                              "meter's previous weeks: values in kWh read as Wh, or a current-transformer multiplier "
                              "not applied?")
                    .arg(w.localTime(from), w.localTime(to), meanText(importMean, w), factorText(1 / ratio),
                         meanText(historyMean, w));
            });
            return; // every interval would also be "high" or "low": one finding says it all
        }
    }

    // High: runs of intervals above the factor times the history's 99th percentile. The limit
    // is never below the spike floor, so the percentile is only worth computing when an
    // interval is above that.
    const qint64 floor = w.maxPerInterval * w.settings.spikeFloorPercent / 100;
    qint64 importMax = std::numeric_limits<qint64>::min();
    for (qint64 g = w.spanFirst; g <= w.spanLast; ++g) {
        if (w.state[size_t(g)] == Slot::Actual)
            importMax = std::max(importMax, w.value[size_t(g)]);
    }
    qint64 p99 = 0;
    if (importMax > floor) {
        std::vector<qint64> values;
        values.reserve(size_t(historyCount));
        for (const IntervalDay &day : w.history.days) {
            if (day.count() < regular - hour || day.count() > regular + hour)
                continue;
            for (int i = 0; i < day.count(); ++i) {
                if (day.quality(i) == Quality::Actual || day.quality(i) == Quality::Edited)
                    values.push_back(day.value(i));
            }
        }
        const auto p = values.begin() + qsizetype(double(values.size() - 1) * 0.99);
        std::nth_element(values.begin(), p, values.end());
        p99 = *p;
    }
    const double limit = std::max(w.settings.historyHighFactor * double(p99), double(floor));
    if (p99 > 0) {
        const QString rule = QStringLiteral("history-high");
        for (qint64 g = w.spanFirst; g <= w.spanLast; ++g) {
            if (w.state[size_t(g)] != Slot::Actual || double(w.value[size_t(g)]) <= limit)
                continue;
            qint64 e = g;
            qint64 peak = w.value[size_t(g)];
            while (e + 1 <= w.spanLast && w.state[size_t(e + 1)] == Slot::Actual && double(w.value[size_t(e + 1)]) > limit)
                peak = std::max(peak, w.value[size_t(++e)]);
            const qint64 start = w.slotStart(g);
            const qint64 end = w.slotEnd(e);
            const qint64 line = w.lineOf(g);
            const int n = int(e - g + 1);
            w.sink.report(rule, Severity::Flag, start, end, line, [&] {
                return w.where(line)
                     + Tr::tr("%n intervals from %1 to %2 read up to %3, more than %4 times the 99th percentile of the "
                              "meter's previous weeks (%5).", nullptr, n)
                           .arg(w.localTime(start), w.localTime(end), w.amount(peak))
                           .arg(w.settings.historyHighFactor)
                           .arg(w.amount(p99));
            });
            g = e;
        }
    }

    // Low: whole local days of the file far below the history's average day.
    if (completeDays < w.settings.historyMinDays)
        return;
    const double averageDay = dayTotals / completeDays;
    if (averageDay <= 0)
        return;
    const VeeCalendar &cal = *w.calendar;
    const QString rule = QStringLiteral("history-low");
    for (int d = cal.dayOfSlot(w.spanFirst); d < cal.dayCount() && cal.firstSlot(d) <= w.spanLast; ++d) {
        const qint64 first = cal.firstSlot(d);
        const qint64 last = first + cal.slotsIn(d) - 1;
        if (first < w.spanFirst || last > w.spanLast)
            continue;
        qint64 total = 0;
        bool complete = true;
        for (qint64 g = first; g <= last && complete; ++g) {
            complete = w.fromFile(g);
            total += w.value[size_t(g)];
        }
        if (!complete || double(total) >= w.settings.historyLowFactor * averageDay)
            continue;
        w.sink.report(rule, Severity::Flag, cal.dayStart(d), cal.dayEnd(d), 0, [&] {
            return Tr::tr("The local day %1 totals %2, less than %3% of the meter's average day in the previous weeks "
                          "(%4).")
                .arg(cal.date(d).toString(Qt::ISODate), w.amount(total))
                .arg(w.settings.historyLowFactor * 100)
                .arg(meanText(averageDay, w));
        });
    }
}

void VeeChecks::replaced(VeeWork &w)
{
    QList<qint64> replacedSlots = w.raw.keys();
    std::sort(replacedSlots.begin(), replacedSlots.end());
    for (const qint64 g : std::as_const(replacedSlots)) {
        const quint8 reason = w.reason[size_t(g)];
        const qint64 rawValue = w.raw.value(g);
        const bool estimated = w.state[size_t(g)] == Slot::Estimated;
        const qint64 start = w.slotStart(g);
        const qint64 line = w.lineOf(g);
        auto outcome = [&] {
            if (!estimated)
                return Tr::tr("it could not be estimated and is not stored.");
            return Tr::tr("it was replaced by an estimate of %1 (%2).")
                .arg(w.amount(w.value[size_t(g)]), VeeWork::methodName(w.method[size_t(g)]));
        };
        const QString &rule = VeeWork::reasonRule(reason);
        if (reason == VeeWork::Negative) {
            w.sink.report(rule, Severity::Estimated, start, w.slotEnd(g), line, [&] {
                return Tr::tr("%1The reading for %2 is %3, negative on a channel that is not net-metered; %4")
                    .arg(w.where(line), w.localTime(start), w.amount(rawValue), outcome());
            });
        } else if (reason == VeeWork::HighLimit) {
            w.sink.report(rule, Severity::Estimated, start, w.slotEnd(g), line, [&] {
                return Tr::tr("%1The reading for %2 is %3, above the channel's limit of %4 per interval; %5")
                    .arg(w.where(line), w.localTime(start), w.amount(rawValue), w.amount(w.maxPerInterval), outcome());
            });
        } else if (reason == VeeWork::Reset) {
            const auto registers = w.resets.value(g);
            w.sink.report(rule, Severity::Flag, start, w.slotEnd(g), line, [&] {
                return Tr::tr("%1The register fell from %2 to %3 in the interval at %4: a meter reset or exchange, not a "
                              "rollover; %5")
                    .arg(w.where(line), w.amount(registers.first), w.amount(registers.second), w.localTime(start),
                         outcome());
            });
        }
    }
}

void VeeChecks::sums(VeeWork &w)
{
    const VeeCalendar &cal = *w.calendar;
    QList<RegisterRead> reads = w.series.registerReads;
    std::sort(reads.begin(), reads.end(), [](const RegisterRead &a, const RegisterRead &b) { return a.atUtc < b.atUtc; });
    const QString registerRule = QStringLiteral("register-sum");
    for (qsizetype i = 1; i < reads.size(); ++i) {
        const RegisterRead &a = reads.at(i - 1);
        const RegisterRead &b = reads.at(i);
        qint64 delta = b.value - a.value;
        if (delta < 0 && w.channel.registerModulus > 0)
            delta += w.channel.registerModulus;
        const qint64 first = firstSlotFrom(cal, a.atUtc);
        const qint64 last = lastSlotUntil(cal, b.atUtc);
        const auto sum = sumOf(w, first, last);
        if (!sum)
            continue; // not every interval between the reads is known: nothing to compare
        const qint64 tol = tolerance(w, delta, last - first + 1);
        if (std::abs(*sum - delta) <= tol)
            continue;
        w.sink.report(registerRule, Severity::Flag, w.slotStart(first), w.slotEnd(last), 0, [&] {
            return Tr::tr("The intervals from %1 to %2 add up to %3, but the register reads %4 and %5 there, a "
                          "difference of %6 (tolerance %7).")
                .arg(w.localTime(a.atUtc), w.localTime(b.atUtc), w.amount(*sum), w.amount(a.value), w.amount(b.value),
                     w.amount(delta), w.amount(tol));
        });
    }
    const QString periodRule = QStringLiteral("period-total");
    for (const PeriodTotal &p : w.series.periodTotals) {
        const qint64 first = firstSlotFrom(cal, p.startUtc);
        const qint64 last = lastSlotUntil(cal, p.startUtc + p.durationSecs);
        const auto sum = sumOf(w, first, last);
        if (!sum)
            continue;
        const qint64 tol = tolerance(w, p.value, last - first + 1);
        if (std::abs(*sum - p.value) <= tol)
            continue;
        w.sink.report(periodRule, Severity::Flag, w.slotStart(first), w.slotEnd(last), 0, [&] {
            return Tr::tr("The intervals from %1 to %2 add up to %3, but the file states a total of %4 for that period "
                          "(tolerance %5).")
                .arg(w.localTime(p.startUtc), w.localTime(p.startUtc + p.durationSecs), w.amount(*sum),
                     w.amount(p.value), w.amount(tol));
        });
    }
}

void VeeChecks::dayCompleteness(VeeWork &w)
{
    const VeeCalendar &cal = *w.calendar;
    // A daily channel's day is its one reading: a missing day is the gap check's finding.
    if (cal.isDaily())
        return;
    const QString rule = QStringLiteral("day-incomplete");
    for (int d = cal.dayOfSlot(w.spanFirst); d < cal.dayCount() && cal.firstSlot(d) <= w.spanLast; ++d) {
        const qint64 dayFirst = cal.firstSlot(d);
        const qint64 dayLast = dayFirst + cal.slotsIn(d) - 1;
        const qint64 first = std::max(dayFirst, w.spanFirst);
        const qint64 last = std::min(dayLast, w.spanLast);
        int given = 0;
        int estimated = 0;
        // A value the file gave counts as given even when a rule replaced it by an estimate; one
        // that could not be replaced is missing like an interval the file left out.
        for (qint64 g = first; g <= last; ++g) {
            if (!w.present(g))
                continue;
            if (w.source[size_t(g)] >= 0)
                ++given;
            else
                ++estimated;
        }
        const int covered = int(last - first + 1);
        if (given == covered)
            continue;
        const int missing = covered - given - estimated;
        const QString date = cal.date(d).toString(Qt::ISODate);
        w.sink.report(rule, Severity::Flag, cal.slotStart(d, first), cal.slotEnd(d, last), 0, [&] {
            if (first == dayFirst && last == dayLast)
                return Tr::tr("The file gives %1 of the %2 intervals of %3 (estimated: %4, still missing: %5).")
                    .arg(given)
                    .arg(covered)
                    .arg(date)
                    .arg(estimated)
                    .arg(missing);
            return Tr::tr("The file gives %1 of the %2 intervals it covers on %3, a day of %4 intervals (estimated: %5, "
                          "still missing: %6).")
                .arg(given)
                .arg(covered)
                .arg(date)
                .arg(cal.slotsIn(d))
                .arg(estimated)
                .arg(missing);
        });
    }
}

} // namespace Ud::Metering
