#include "veeengine.h"

#include "intervalgrid.h"
#include "veechecks.h"
#include "veeestimator.h"
#include "veework.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::VeeEngine)
};

using Severity = VeeFinding::Severity;
using Slot = VeeWork::Slot;

bool validInterval(int minutes) { return Accounts::allowedIntervalMinutes().contains(minutes); }

/// Structural checks and placement on the grid: anything wrong here rejects the series.
void place(VeeWork &w)
{
    const ChannelSeries &series = w.series;
    const QString unitRule = QStringLiteral("unit");
    if (series.unit != w.channel.unit) {
        w.sink.report(unitRule, Severity::Reject, 0, 0, 0, [&] {
            return Tr::tr("%1The readings are in %2 but the meter's channel records %3.")
                .arg(w.where(0), Accounts::channelUnitKey(series.unit), Accounts::channelUnitKey(w.channel.unit));
        });
        return;
    }
    const QString lengthRule = QStringLiteral("interval-length");
    if (!validInterval(w.channel.intervalMinutes)) {
        w.sink.report(lengthRule, Severity::Reject, 0, 0, 0, [&] {
            return Tr::tr("The meter's channel is set to %1-minute intervals; meters record 5, 15, 30 or 60-minute "
                          "intervals or one reading a day (1440 minutes).")
                .arg(w.channel.intervalMinutes);
        });
        return;
    }
    // A daily series may state its interval as a DST day's 23 or 25 hours.
    if (series.intervalSecs != 0 && IntervalGrid::minutesOfDuration(series.intervalSecs) != w.channel.intervalMinutes) {
        w.sink.report(lengthRule, Severity::Reject, 0, 0, 0, [&] {
            return Tr::tr("%1The file gives %2-second intervals but the meter records %3-minute intervals.")
                .arg(w.where(0))
                .arg(series.intervalSecs)
                .arg(w.channel.intervalMinutes);
        });
        return;
    }

    qint64 minStart = std::numeric_limits<qint64>::max();
    qint64 maxStart = std::numeric_limits<qint64>::min();
    const QString futureRule = QStringLiteral("future");
    for (const SourceReading &r : series.readings) {
        if (r.startUtc >= w.now) {
            w.sink.report(futureRule, Severity::Reject, r.startUtc, r.startUtc + w.step, r.line, [&] {
                return Tr::tr("%1The reading for %2 lies in the future (it is now %3).")
                    .arg(w.where(r.line), w.localTime(r.startUtc), w.localTime(w.now));
            });
            continue;
        }
        // A daily reading's duration is checked against its own day once the calendar is known.
        if (r.durationSecs != 0 && IntervalGrid::minutesOfDuration(r.durationSecs) != w.channel.intervalMinutes) {
            w.sink.report(lengthRule, Severity::Reject, r.startUtc, r.startUtc + r.durationSecs, r.line, [&] {
                return Tr::tr("%1The reading for %2 covers %3 seconds but the meter records %4-minute intervals.")
                    .arg(w.where(r.line), w.localTime(r.startUtc))
                    .arg(r.durationSecs)
                    .arg(w.channel.intervalMinutes);
            });
        }
        minStart = std::min(minStart, r.startUtc);
        maxStart = std::max(maxStart, r.startUtc);
    }
    if (minStart > maxStart)
        return;

    const QDate first = VeeCalendar::localDate(w.channel.zone, minStart);
    const QDate last = VeeCalendar::localDate(w.channel.zone, maxStart);
    const QDate historyFirst = w.history.days.isEmpty() ? QDate() : w.history.days.firstKey();
    w.calendar.emplace(w.channel.zone, w.channel.intervalMinutes, first, last, historyFirst);
    const VeeCalendar &cal = *w.calendar;
    const auto n = size_t(cal.slotCount());
    w.value.assign(n, 0);
    w.source.assign(n, -1);
    w.state.assign(n, Slot::Empty);
    w.reason.assign(n, VeeWork::NoReason);
    w.method.assign(n, 0);

    const QString gridRule = QStringLiteral("grid");
    const QString duplicateRule = QStringLiteral("duplicate");
    int day = 0;
    for (qsizetype i = 0; i < series.readings.size(); ++i) {
        const SourceReading &r = series.readings.at(i);
        if (r.startUtc >= w.now)
            continue;
        day = cal.dayOf(r.startUtc, day);
        const int index = IntervalGrid::slotOf(cal.dayStart(day), cal.dayEnd(day), w.channel.intervalMinutes, r.startUtc);
        if (index < 0) {
            w.sink.report(gridRule, Severity::Reject, r.startUtc, r.startUtc + w.step, r.line, [&] {
                if (cal.isDaily())
                    return Tr::tr("%1The reading for %2 does not start at the start of a local day, where the meter's "
                                  "daily readings start.")
                        .arg(w.where(r.line), w.localTime(r.startUtc));
                return Tr::tr("%1The reading for %2 does not start on the meter's %3-minute interval grid.")
                    .arg(w.where(r.line), w.localTime(r.startUtc))
                    .arg(w.channel.intervalMinutes);
            });
            continue;
        }
        if (cal.isDaily() && r.durationSecs != 0
            && !IntervalGrid::durationFits(r.durationSecs, w.channel.intervalMinutes, cal.dayStart(day), cal.dayEnd(day))) {
            w.sink.report(lengthRule, Severity::Reject, r.startUtc, cal.dayEnd(day), r.line, [&] {
                return Tr::tr("%1The reading for %2 covers %3 seconds, but that local day lasts %4 seconds and the "
                              "meter records one reading a day.")
                    .arg(w.where(r.line), w.localTime(r.startUtc))
                    .arg(r.durationSecs)
                    .arg(cal.dayEnd(day) - cal.dayStart(day));
            });
            continue;
        }
        if (r.quality == Quality::Missing) {
            ++w.missingInFile;
            continue;
        }
        const auto g = size_t(cal.firstSlot(day) + index);
        const Slot state = r.quality == Quality::Actual      ? Slot::Actual
                         : r.quality == Quality::Estimated ? Slot::SourceEstimated
                                                           : Slot::SourceEdited;
        if (w.state[g] != Slot::Empty) {
            if (w.value[g] == r.value) {
                if (state == Slot::Actual) // the same value twice: keep the better quality
                    w.state[g] = Slot::Actual;
                continue;
            }
            const SourceReading &other = series.readings.at(w.source[g]);
            w.sink.report(duplicateRule, Severity::Reject, r.startUtc, r.startUtc + w.step, r.line, [&] {
                if (other.line > 0 && r.line > 0)
                    return Tr::tr("Lines %1 and %2 give different values for the interval at %3: %4 and %5.")
                        .arg(other.line)
                        .arg(r.line)
                        .arg(w.localTime(r.startUtc), w.amount(other.value), w.amount(r.value));
                return Tr::tr("%1The interval at %2 is given twice with different values: %3 and %4.")
                    .arg(w.where(0), w.localTime(r.startUtc), w.amount(other.value), w.amount(r.value));
            });
            continue;
        }
        w.state[g] = state;
        w.value[g] = r.value;
        w.source[g] = qint32(i);
    }
}

/// Register reads at the end of each interval -> interval deltas. A drop is a rollover when
/// the register passing its modulus explains it with a plausible delta, else a reset.
void toDeltas(VeeWork &w)
{
    const auto n = qint64(w.state.size());
    const qint64 modulus = w.channel.registerModulus;
    qint64 prev = -1;
    qint64 prevRegister = 0;
    for (qint64 g = 0; g < n; ++g) {
        if (w.state[size_t(g)] == Slot::Empty)
            continue;
        const qint64 current = w.value[size_t(g)];
        if (prev < 0) {
            w.state[size_t(g)] = Slot::Anchor;
            prev = g;
            prevRegister = current;
            continue;
        }
        const qint64 k = g - prev;
        qint64 delta = current - prevRegister;
        bool reset = false;
        if (delta < 0) {
            const qint64 wrapped = modulus > 0 ? modulus - prevRegister + current : -1;
            if (wrapped >= 0 && wrapped <= k * w.maxPerInterval)
                delta = wrapped;
            else
                reset = true;
        }
        if (reset) {
            w.state[size_t(g)] = Slot::ToEstimate;
            w.reason[size_t(g)] = VeeWork::Reset;
            w.raw.insert(g, current - prevRegister);
            w.resets.insert(g, {prevRegister, current});
        } else if (k == 1) {
            w.value[size_t(g)] = delta;
        } else if (delta > k * w.maxPerInterval) {
            // Too much for the gap: limits() treats the last interval like any value above the limit.
            w.value[size_t(g)] = delta;
        } else {
            const QList<qint64> parts = VeeEstimator::spread(delta, int(k));
            for (qint64 i = 0; i < k; ++i) {
                const auto s = size_t(prev + 1 + i);
                w.value[s] = parts[i];
                w.state[s] = Slot::Estimated;
                w.method[s] = VeeWork::RegisterSpread;
            }
            const qint64 from = w.slotStart(prev + 1);
            const qint64 to = w.slotEnd(g);
            const qint64 line = w.lineOf(g);
            w.sink.report(QStringLiteral("register-spread"), Severity::Estimated, from, to, line, [&] {
                // The line goes in front: "%1%n" would read as "%13" once %n is replaced.
                return w.where(line)
                     + Tr::tr("%n intervals from %1 to %2 have no register read of their own; the register rose by %3 "
                              "(from %4 to %5), spread evenly over them.", nullptr, int(k))
                           .arg(w.localTime(from), w.localTime(to), w.amount(delta), w.amount(prevRegister),
                                w.amount(current));
            });
        }
        prev = g;
        prevRegister = current;
    }
}

void findSpan(VeeWork &w)
{
    const auto n = qint64(w.state.size());
    w.spanFirst = 0;
    while (w.spanFirst < n && (w.state[size_t(w.spanFirst)] == Slot::Empty || w.state[size_t(w.spanFirst)] == Slot::Anchor))
        ++w.spanFirst;
    w.spanLast = n - 1;
    while (w.spanLast >= w.spanFirst
           && (w.state[size_t(w.spanLast)] == Slot::Empty || w.state[size_t(w.spanLast)] == Slot::Anchor))
        --w.spanLast;
}

QList<CheckedReading> output(const VeeWork &w)
{
    QList<CheckedReading> out;
    if (w.spanFirst > w.spanLast)
        return out;
    out.reserve(w.spanLast - w.spanFirst + 1);
    const QString source = QStringLiteral("source");
    const VeeCalendar &cal = *w.calendar;
    for (int d = cal.dayOfSlot(w.spanFirst); d < cal.dayCount() && cal.firstSlot(d) <= w.spanLast; ++d) {
        const qint64 from = std::max(cal.firstSlot(d), w.spanFirst);
        const qint64 to = std::min(cal.firstSlot(d) + cal.slotsIn(d) - 1, w.spanLast);
        for (qint64 g = from; g <= to; ++g) {
            const qint64 start = cal.slotStart(d, g);
            const qint64 v = w.value[size_t(g)];
            switch (w.state[size_t(g)]) {
            case Slot::Actual:
                out.append(CheckedReading{start, v, Quality::Actual, {}, std::nullopt});
                break;
            case Slot::SourceEstimated:
                out.append(CheckedReading{start, v, Quality::Estimated, source, std::nullopt});
                break;
            case Slot::SourceEdited:
                out.append(CheckedReading{start, v, Quality::Edited, source, std::nullopt});
                break;
            case Slot::Estimated: {
                const quint8 reason = w.reason[size_t(g)];
                if (reason == VeeWork::NoReason) {
                    out.append(CheckedReading{start, v, Quality::Estimated, w.methodRule(w.method[size_t(g)]), std::nullopt});
                } else {
                    out.append(CheckedReading{start, v, Quality::Estimated, w.reasonRule(reason), w.raw.value(g)});
                }
                break;
            }
            case Slot::Empty:
            case Slot::Anchor:
            case Slot::ToEstimate:
                break;
            }
        }
    }
    return out;
}

} // namespace

bool VeeResult::rejected() const
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const VeeFinding &f) { return f.severity == VeeFinding::Severity::Reject; });
}

QList<VeeFinding> VeeResult::findingsOf(const QString &ruleId) const
{
    QList<VeeFinding> out;
    for (const VeeFinding &f : findings) {
        if (f.rule == ruleId)
            out.append(f);
    }
    return out;
}

VeeResult VeeEngine::run(const ChannelSeries &series, const VeeChannel &channel, const VeeHistory &history,
                         qint64 nowUtc, const VeeSettings &settings)
{
    VeeWork w(series, channel, history, nowUtc, settings);
    place(w);
    VeeResult result;
    if (w.sink.hasReject() || w.state.empty()) {
        result.findings = w.sink.finish();
        return result;
    }
    if (series.cumulative)
        toDeltas(w);
    findSpan(w);
    if (w.spanFirst > w.spanLast) {
        if (w.missingInFile > 0 && !series.cumulative) {
            const qint64 from = w.calendar->dayStart(0);
            const qint64 to = w.calendar->dayEnd(w.calendar->dayCount() - 1);
            w.sink.report(QStringLiteral("gap"), Severity::Flag, from, to, 0, [&] {
                return w.where(0)
                     + Tr::tr("The file marks all %n of its intervals between %1 and %2 as having no value; nothing is "
                              "stored.", nullptr, int(w.missingInFile))
                           .arg(w.localTime(from), w.localTime(to));
            });
        }
        result.findings = w.sink.finish();
        return result;
    }
    VeeChecks::limits(w);
    VeeChecks::spikes(w);
    VeeChecks::runs(w);
    VeeChecks::history(w);
    VeeEstimator::estimateGaps(w);
    VeeChecks::replaced(w);
    VeeChecks::sums(w);
    VeeChecks::dayCompleteness(w);
    result.readings = output(w);
    result.findings = w.sink.finish();
    return result;
}

VeeEditResult VeeEngine::edit(const VeeChannel &channel, qint64 startUtc, qint64 newValue, std::optional<qint64> stored,
                              qint64 nowUtc, const VeeSettings &settings)
{
    const ChannelSeries none;
    const VeeHistory noHistory;
    VeeWork w(none, channel, noHistory, nowUtc, settings);
    const QDate date = VeeCalendar::localDate(channel.zone, startUtc);
    w.calendar.emplace(channel.zone, validInterval(channel.intervalMinutes) ? channel.intervalMinutes : 60, date, date,
                       date);
    const VeeCalendar &cal = *w.calendar;
    const qint64 end = cal.isDaily() ? cal.dayEnd(0) : startUtc + w.step;
    VeeEditResult result;
    if (!validInterval(channel.intervalMinutes)) {
        w.sink.report(QStringLiteral("interval-length"), Severity::Reject, startUtc, end, 0, [&] {
            return Tr::tr("The meter's channel is set to %1-minute intervals; meters record 5, 15, 30 or 60-minute "
                          "intervals or one reading a day (1440 minutes).")
                .arg(channel.intervalMinutes);
        });
    } else if (startUtc >= nowUtc) {
        w.sink.report(QStringLiteral("future"), Severity::Reject, startUtc, end, 0, [&] {
            return Tr::tr("The interval at %1 lies in the future (it is now %2); it cannot be edited.")
                .arg(w.localTime(startUtc), w.localTime(nowUtc));
        });
    } else if (IntervalGrid::slotOf(cal.dayStart(0), cal.dayEnd(0), channel.intervalMinutes, startUtc) < 0) {
        w.sink.report(QStringLiteral("grid"), Severity::Reject, startUtc, end, 0, [&] {
            if (cal.isDaily())
                return Tr::tr("%1 is not the start of a local day, where the meter's daily readings start.")
                    .arg(w.localTime(startUtc));
            return Tr::tr("%1 does not start an interval of the meter's %2-minute grid.")
                .arg(w.localTime(startUtc))
                .arg(channel.intervalMinutes);
        });
    } else if (newValue < 0 && !w.negativeAllowed()) {
        w.sink.report(QStringLiteral("negative"), Severity::Reject, startUtc, end, 0, [&] {
            return Tr::tr("The value %1 for %2 is negative, and the channel is not net-metered.")
                .arg(w.amount(newValue), w.localTime(startUtc));
        });
    } else {
        if (std::abs(newValue) > w.maxPerInterval) {
            w.sink.report(QStringLiteral("high-limit"), Severity::Flag, startUtc, end, 0, [&] {
                return Tr::tr("The value %1 for %2 is above the channel's limit of %3 per interval.")
                    .arg(w.amount(newValue), w.localTime(startUtc), w.amount(w.maxPerInterval));
            });
        }
        result.reading = CheckedReading{startUtc, newValue, Quality::Edited, QStringLiteral("manual"), stored};
    }
    result.findings = w.sink.finish();
    return result;
}

// VeeWork and its sink: shared by the engine, the checks and the estimator.

VeeWork::VeeWork(const ChannelSeries &s, const VeeChannel &c, const VeeHistory &h, qint64 nowUtc, const VeeSettings &st)
    : series(s), channel(c), history(h), now(nowUtc), settings(st), step(qint64(c.intervalMinutes) * 60),
      maxPerInterval(c.maxPerInterval > 0 ? c.maxPerInterval
                                          : st.maxPerInterval(c.commodity, c.kind, c.unit, c.intervalMinutes)),
      sink(st.maxFindingsPerRule)
{
    calendar.emplace(c.zone, validInterval(c.intervalMinutes) ? c.intervalMinutes : 60, QDate(), QDate(), QDate());
}

qint64 VeeWork::lineOf(qint64 slot) const
{
    const qint32 i = source[size_t(slot)];
    return i < 0 ? 0 : series.readings.at(i).line;
}

QString VeeWork::where(qint64 line) const
{
    if (line > 0)
        return Tr::tr("Line %1: ").arg(line);
    if (!series.location.isEmpty())
        return Tr::tr("%1: ").arg(series.location);
    return {};
}

QString VeeWork::amount(qint64 v) const { return Tr::tr("%1 %2").arg(v).arg(Accounts::channelUnitKey(channel.unit)); }

const QString &VeeWork::methodRule(quint8 m)
{
    static const QString ids[] = {QStringLiteral("interpolation"), QStringLiteral("like-day"),
                                  QStringLiteral("import-average"), QStringLiteral("register-spread")};
    return ids[m < 4 ? m : 0];
}

const QString &VeeWork::reasonRule(quint8 r)
{
    static const QString ids[] = {QString(), QStringLiteral("negative"), QStringLiteral("high-limit"),
                                  QStringLiteral("reset")};
    return ids[r < 4 ? r : 0];
}

QString VeeWork::methodName(quint8 m)
{
    switch (m) {
    case Interpolation: return Tr::tr("linear interpolation");
    case LikeDay: return Tr::tr("like days");
    case ImportAverage: return Tr::tr("the same time on the import's other days");
    default: break;
    }
    return Tr::tr("the register reads");
}

bool VeeFindingSink::take(const QString &ruleId, VeeFinding::Severity severity, qint64 startUtc, qint64 endUtc)
{
    if (severity == VeeFinding::Severity::Reject)
        m_reject = true;
    auto it = m_counts.find(ruleId);
    if (it == m_counts.end()) {
        it = m_counts.insert(ruleId, Count{0, severity, 0, 0});
        m_order.append(ruleId);
    }
    if (it->count++ < m_max)
        return true;
    if (it->count == m_max + 1)
        it->firstSkipped = startUtc;
    it->lastSkippedEnd = std::max(it->lastSkippedEnd, endUtc);
    return false;
}

QList<VeeFinding> VeeFindingSink::finish()
{
    for (const QString &ruleId : std::as_const(m_order)) {
        const Count &c = m_counts[ruleId];
        if (c.count > m_max) {
            m_findings.append({ruleId, c.severity, c.firstSkipped, c.lastSkippedEnd, 0,
                               Tr::tr("%n more findings of the check \"%1\" are not listed.", nullptr, c.count - m_max)
                                   .arg(ruleId)});
        }
    }
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const VeeFinding &a, const VeeFinding &b) { return a.startUtc < b.startUtc; });
    return std::move(m_findings);
}

} // namespace Ud::Metering
