#include "veeestimator.h"

#include "intervalgrid.h"
#include "veework.h"

#include <QCoreApplication>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::VeeEngine)
};

constexpr qint64 MaxMagnitude = 1'000'000'000'000LL; // 1 TWh per interval: beyond any meter
constexpr int MaxInterpolated = 1000;

} // namespace

qint64 VeeEstimator::roundedDiv(qint64 num, qint64 den)
{
    const qint64 q = num / den;
    const qint64 r = num % den;
    if (2 * (r < 0 ? -r : r) >= den)
        return num < 0 ? q - 1 : q + 1;
    return q;
}

QList<qint64> VeeEstimator::interpolate(qint64 left, qint64 right, int count)
{
    QList<qint64> out;
    if (count < 1 || count > MaxInterpolated || std::abs(left) > MaxMagnitude || std::abs(right) > MaxMagnitude)
        return out;
    out.reserve(count);
    // Running sum of the line up to k: k*L + (R-L)*k*(k+1) / (2*(n+1)).
    const qint64 den = 2 * (qint64(count) + 1);
    qint64 previous = 0;
    for (qint64 k = 1; k <= count; ++k) {
        const qint64 sum = roundedDiv(den * k * left + (right - left) * k * (k + 1), den);
        out.append(sum - previous);
        previous = sum;
    }
    return out;
}

QList<qint64> VeeEstimator::spread(qint64 total, int count)
{
    QList<qint64> out;
    if (count < 1)
        return out;
    out.reserve(count);
    const qint64 each = total / count;
    qint64 rest = total % count; // same sign as total
    for (int i = 0; i < count; ++i) {
        qint64 v = each;
        if (rest > 0) {
            ++v;
            --rest;
        } else if (rest < 0) {
            --v;
            ++rest;
        }
        out.append(v);
    }
    return out;
}

VeeEstimator::VeeEstimator(const VeeCalendar &calendar, const VeeHistory &history, const VeeSettings &settings)
    : m_calendar(calendar), m_history(history), m_settings(settings),
      m_importSum(size_t(calendar.regularSlots()), 0), m_importCount(size_t(calendar.regularSlots()), 0)
{
}

void VeeEstimator::addImportValue(int wallSlot, qint64 value)
{
    if (wallSlot < 0 || wallSlot >= int(m_importSum.size()))
        return;
    m_importSum[size_t(wallSlot)] += value;
    ++m_importCount[size_t(wallSlot)];
}

std::optional<qint64> VeeEstimator::importAverage(int wallSlot) const
{
    if (wallSlot < 0 || wallSlot >= int(m_importSum.size()) || m_importCount[size_t(wallSlot)] == 0)
        return std::nullopt;
    return roundedDiv(m_importSum[size_t(wallSlot)], m_importCount[size_t(wallSlot)]);
}

const VeeEstimator::RefDay &VeeEstimator::refDay(const QDate &date) const
{
    auto it = m_refDays.find(date);
    if (it != m_refDays.end())
        return *it;
    RefDay ref;
    const auto stored = m_history.days.constFind(date);
    if (stored != m_history.days.constEnd()) {
        const QTimeZone &zone = m_calendar.zone();
        const qint64 start = date.startOfDay(zone).toSecsSinceEpoch();
        const qint64 end = date.addDays(1).startOfDay(zone).toSecsSinceEpoch();
        if (stored->count() == IntervalGrid::slotCount(start, end, m_calendar.intervalMinutes())) {
            ref.day = &*stored;
            ref.start = start;
            ref.regular = stored->count() == m_calendar.regularSlots()
                       && m_calendar.offsetAt(start) == m_calendar.offsetAt(end - 1);
        }
    }
    return *m_refDays.insert(date, ref);
}

std::optional<qint64> VeeEstimator::refValue(const RefDay &ref, const QDate &date, int wallSlot) const
{
    int slot = -1;
    if (ref.regular) {
        slot = wallSlot;
    } else {
        for (int i = 0; i < ref.day->count(); ++i) {
            if (m_calendar.wallSlot(ref.start + i * m_calendar.step(), date) == wallSlot) {
                slot = i;
                break;
            }
        }
    }
    if (slot < 0 || slot >= ref.day->count())
        return std::nullopt;
    const Quality q = ref.day->quality(slot);
    if (q != Quality::Actual && q != Quality::Edited)
        return std::nullopt;
    return ref.day->value(slot);
}

std::optional<qint64> VeeEstimator::likeDay(const QDate &date, int wallSlot) const
{
    qint64 sum = 0;
    int count = 0;
    for (int week = 1; week <= m_settings.likeDayWeeks && count < m_settings.likeDayCount; ++week) {
        const QDate d = date.addDays(-7 * week);
        const RefDay &ref = refDay(d);
        if (!ref.day)
            continue;
        if (const auto v = refValue(ref, d, wallSlot)) {
            sum += *v;
            ++count;
        }
    }
    if (count == 0)
        return std::nullopt;
    return roundedDiv(sum, count);
}

void VeeEstimator::estimateGaps(VeeWork &w)
{
    using Slot = VeeWork::Slot;
    using Severity = VeeFinding::Severity;
    const VeeCalendar &cal = *w.calendar;
    VeeEstimator est(cal, w.history, w.settings);

    // The import-average fallback needs every file value by wall-clock slot: built on first use.
    bool importAveragesBuilt = false;
    auto buildImportAverages = [&] {
        importAveragesBuilt = true;
        for (int d = cal.dayOfSlot(w.spanFirst); d >= 0 && d < cal.dayCount() && cal.firstSlot(d) <= w.spanLast; ++d) {
            const qint64 first = cal.firstSlot(d);
            const bool regular = cal.slotsIn(d) == cal.regularSlots()
                              && cal.offsetAt(cal.dayStart(d)) == cal.offsetAt(cal.dayEnd(d) - 1);
            for (int i = 0; i < cal.slotsIn(d); ++i) {
                if (w.state[size_t(first + i)] != Slot::Actual)
                    continue;
                const int wall = regular ? i : cal.wallSlot(cal.dayStart(d) + i * cal.step(), cal.date(d));
                est.addImportValue(wall, w.value[size_t(first + i)]);
            }
        }
    };

    // Daily readings have no load shape within the day for interpolation to miss: their limit is in days.
    const qint64 interpolationMax = cal.isDaily() ? qint64(w.settings.interpolationMaxDays) * 86400
                                                  : qint64(w.settings.interpolationMaxMinutes) * 60;
    const qint64 longestGap = qint64(w.settings.maxEstimatedGapDays) * 86400;
    // Outcome per slot of a run: a Method, or NotEstimated.
    constexpr int NotEstimated = -1;
    std::vector<int> outcome;

    for (qint64 g = w.spanFirst; g <= w.spanLast; ++g) {
        if (w.state[size_t(g)] != Slot::Empty && w.state[size_t(g)] != Slot::ToEstimate)
            continue;
        const qint64 a = g;
        qint64 b = g;
        while (b + 1 <= w.spanLast && (w.state[size_t(b + 1)] == Slot::Empty || w.state[size_t(b + 1)] == Slot::ToEstimate))
            ++b;
        g = b;
        const qint64 n = b - a + 1;
        outcome.assign(size_t(n), NotEstimated);
        const bool tooLong = n * w.step > longestGap;

        if (!tooLong && n * w.step <= interpolationMax && a - 1 >= w.spanFirst && b + 1 <= w.spanLast
            && w.present(a - 1) && w.present(b + 1)) {
            const QList<qint64> line = interpolate(w.value[size_t(a - 1)], w.value[size_t(b + 1)], int(n));
            for (qint64 i = 0; i < line.size(); ++i) {
                w.value[size_t(a + i)] = line[i];
                outcome[size_t(i)] = VeeWork::Interpolation;
            }
        }
        if (!tooLong && outcome[0] == NotEstimated) {
            int d = cal.dayOfSlot(a);
            for (qint64 s = a; s <= b; ++s) {
                while (s >= cal.firstSlot(d) + cal.slotsIn(d))
                    ++d;
                const qint64 start = cal.slotStart(d, s);
                const QDate date = cal.date(d);
                const int wall = cal.wallSlot(start, date);
                std::optional<qint64> v = est.likeDay(date, wall);
                int method = VeeWork::LikeDay;
                if (!v) {
                    if (!importAveragesBuilt)
                        buildImportAverages();
                    v = est.importAverage(wall);
                    method = VeeWork::ImportAverage;
                }
                if (v) {
                    w.value[size_t(s)] = *v;
                    outcome[size_t(s - a)] = method;
                }
            }
        }

        // Apply, and report the missing stretches grouped by how they were estimated; the
        // readings a rule rejected are reported one by one with their raw value (VeeChecks).
        for (qint64 s = a; s <= b; ++s) {
            const int o = outcome[size_t(s - a)];
            if (o != NotEstimated) {
                w.state[size_t(s)] = Slot::Estimated;
                w.method[size_t(s)] = quint8(o);
            }
        }
        qint64 s = a;
        while (s <= b) {
            const bool missing = w.reason[size_t(s)] == VeeWork::NoReason;
            const int o = outcome[size_t(s - a)];
            qint64 e = s;
            while (e + 1 <= b && outcome[size_t(e + 1 - a)] == o && (w.reason[size_t(e + 1)] == VeeWork::NoReason) == missing)
                ++e;
            if (missing) {
                const qint64 from = w.slotStart(s);
                const qint64 to = w.slotEnd(e);
                const int count = int(e - s + 1);
                if (o == NotEstimated) {
                    w.sink.report(QStringLiteral("gap"), Severity::Flag, from, to, 0, [&] {
                        if (tooLong)
                            return Tr::tr("%n intervals from %1 to %2 have no reading; a gap longer than %3 hours is not "
                                          "estimated.", nullptr, count)
                                .arg(w.localTime(from), w.localTime(to))
                                .arg(w.settings.maxEstimatedGapDays * 24);
                        return Tr::tr("%n intervals from %1 to %2 have no reading and could not be estimated: the history "
                                      "has no like day and no other day of the import has those times.", nullptr, count)
                            .arg(w.localTime(from), w.localTime(to));
                    });
                } else {
                    qint64 total = 0;
                    for (qint64 i = s; i <= e; ++i)
                        total += w.value[size_t(i)];
                    const auto m = VeeWork::Method(o);
                    w.sink.report(VeeWork::methodRule(m), Severity::Estimated, from, to, 0, [&] {
                        if (m == VeeWork::Interpolation)
                            return Tr::tr("%n intervals from %1 to %2 had no reading; estimated by linear interpolation "
                                          "between %3 and %4 (total %5).", nullptr, count)
                                .arg(w.localTime(from), w.localTime(to), w.amount(w.value[size_t(a - 1)]),
                                     w.amount(w.value[size_t(b + 1)]), w.amount(total));
                        return Tr::tr("%n intervals from %1 to %2 had no reading; estimated from %3 (total %4).", nullptr,
                                      count)
                            .arg(w.localTime(from), w.localTime(to), VeeWork::methodName(m), w.amount(total));
                    });
                }
            }
            s = e + 1;
        }
    }
}

} // namespace Ud::Metering
