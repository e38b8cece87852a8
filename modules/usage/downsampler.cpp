#include "downsampler.h"

#include <algorithm>
#include <cmath>

namespace Ud::Usage {

namespace {

struct Run {
    qsizetype begin = 0;
    qsizetype end = 0; ///< one past the last
    qsizetype budget = 0;
    qsizetype length() const { return end - begin; }
};

qsizetype argMax(const QList<QPointF> &p, qsizetype from, qsizetype to)
{
    qsizetype best = from;
    for (qsizetype i = from + 1; i < to; ++i)
        if (p.at(i).y() > p.at(best).y())
            best = i;
    return best;
}

qsizetype argMin(const QList<QPointF> &p, qsizetype from, qsizetype to)
{
    qsizetype best = from;
    for (qsizetype i = from + 1; i < to; ++i)
        if (p.at(i).y() < p.at(best).y())
            best = i;
    return best;
}

/// Appends the kept indices of one run with budget >= 1 to `out`.
void sampleRun(const QList<QPointF> &p, const Run &run, QList<qsizetype> &out)
{
    const qsizetype n = run.length();
    if (run.budget >= n) {
        for (qsizetype i = run.begin; i < run.end; ++i)
            out.append(i);
        return;
    }
    if (run.budget == 1) {
        out.append(argMax(p, run.begin, run.end));
        return;
    }
    if (run.budget == 2) {
        const qsizetype lo = argMin(p, run.begin, run.end);
        const qsizetype hi = argMax(p, run.begin, run.end);
        out.append(std::min(lo, hi));
        if (lo != hi)
            out.append(std::max(lo, hi));
        return;
    }
    const qsizetype first = run.begin;
    const qsizetype last = run.end - 1;
    const qsizetype inner = n - 2;
    if (run.budget < 5) {
        // No room for a whole bucket: the extremes between the ends, the maximum first.
        out.append(first);
        const qsizetype hi = argMax(p, first + 1, last);
        const qsizetype lo = argMin(p, first + 1, last);
        if (run.budget == 4 && lo != hi) {
            out.append(std::min(lo, hi));
            out.append(std::max(lo, hi));
        } else {
            out.append(hi);
        }
        out.append(last);
        return;
    }
    const qsizetype buckets = (run.budget - 2) / 3;
    const auto bucketBegin = [&](qsizetype b) { return first + 1 + b * inner / buckets; };

    out.append(first);
    qsizetype anchor = first; // the LTTB point kept last
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype from = bucketBegin(b);
        const qsizetype to = bucketBegin(b + 1);
        // The next bucket's average (or the last point) closes the triangle.
        QPointF next;
        if (b + 1 < buckets) {
            const qsizetype nFrom = to;
            const qsizetype nTo = bucketBegin(b + 2);
            double sx = 0, sy = 0;
            for (qsizetype i = nFrom; i < nTo; ++i) {
                sx += p.at(i).x();
                sy += p.at(i).y();
            }
            next = QPointF(sx / double(nTo - nFrom), sy / double(nTo - nFrom));
        } else {
            next = p.at(last);
        }
        const qsizetype lo = argMin(p, from, to);
        const qsizetype hi = argMax(p, from, to);
        const QPointF a = p.at(anchor);
        qsizetype pick = -1;
        double bestArea = -1;
        for (qsizetype i = from; i < to; ++i) {
            if (i == lo || i == hi)
                continue;
            const QPointF c = p.at(i);
            const double area = std::abs((a.x() - next.x()) * (c.y() - a.y()) - (a.x() - c.x()) * (next.y() - a.y()));
            if (area > bestArea) {
                bestArea = area;
                pick = i;
            }
        }
        QList<qsizetype> kept{lo};
        if (hi != lo)
            kept.append(hi);
        if (pick >= 0)
            kept.append(pick);
        std::sort(kept.begin(), kept.end());
        out.append(kept);
        anchor = pick >= 0 ? pick : hi;
    }
    out.append(last);
}

} // namespace

QList<qsizetype> Downsampler::select(const QList<QPointF> &points, const QList<bool> &runStart, int maxPoints)
{
    QList<qsizetype> out;
    const qsizetype total = points.size();
    if (maxPoints <= 0 || total == 0)
        return out;
    if (total <= maxPoints) {
        out.reserve(total);
        for (qsizetype i = 0; i < total; ++i)
            out.append(i);
        return out;
    }
    QList<Run> runs;
    for (qsizetype i = 0; i < total; ++i) {
        if (i == 0 || (i < runStart.size() && runStart.at(i)))
            runs.append({i, i + 1, 0});
        else
            runs.last().end = i + 1;
    }
    if (runs.size() > maxPoints) {
        // No budget for every run: the runs with the highest maxima keep their maximum.
        QList<qsizetype> peaks;
        for (const Run &r : runs)
            peaks.append(argMax(points, r.begin, r.end));
        std::stable_sort(peaks.begin(), peaks.end(),
                         [&](qsizetype a, qsizetype b) { return points.at(a).y() > points.at(b).y(); });
        peaks.resize(maxPoints);
        std::sort(peaks.begin(), peaks.end());
        return peaks;
    }
    // One point each, the rest in proportion to length by largest remainder.
    const qsizetype spare = maxPoints - runs.size();
    const qsizetype extraTotal = total - runs.size();
    qsizetype given = 0;
    QList<std::pair<qsizetype, qsizetype>> remainders; // (remainder numerator, run index)
    for (qsizetype r = 0; r < runs.size(); ++r) {
        const qsizetype extra = runs[r].length() - 1;
        const qsizetype share = extraTotal > 0 ? spare * extra / extraTotal : 0;
        runs[r].budget = 1 + share;
        given += share;
        remainders.append({extraTotal > 0 ? spare * extra % extraTotal : 0, r});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (qsizetype k = 0; given < spare && k < remainders.size(); ++k) {
        Run &run = runs[remainders.at(k).second];
        if (run.budget < run.length()) {
            ++run.budget;
            ++given;
        }
    }
    for (const Run &r : runs)
        sampleRun(points, r, out);
    return out;
}

QList<QPointF> Downsampler::downsample(const QList<QPointF> &points, int maxPoints)
{
    QList<QPointF> out;
    for (const qsizetype i : select(points, {}, maxPoints))
        out.append(points.at(i));
    return out;
}

QList<QList<UsagePoint>> Downsampler::runs(const QList<UsagePoint> &points, int maxPoints)
{
    QList<QPointF> xy;
    QList<bool> starts;
    xy.reserve(points.size());
    starts.reserve(points.size());
    for (qsizetype i = 0; i < points.size(); ++i) {
        xy.append(QPointF(double(points.at(i).startUtc), double(points.at(i).value)));
        starts.append(i == 0 || points.at(i - 1).endUtc != points.at(i).startUtc);
    }
    QList<QList<UsagePoint>> out;
    qsizetype previous = -1;
    for (const qsizetype i : select(xy, starts, maxPoints)) {
        bool newRun = out.isEmpty();
        for (qsizetype k = previous + 1; !newRun && k <= i; ++k)
            newRun = starts.at(k);
        if (newRun)
            out.append(QList<UsagePoint>());
        out.last().append(points.at(i));
        previous = i;
    }
    return out;
}

} // namespace Ud::Usage
