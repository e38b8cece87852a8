#include "chartsampler.h"

#include "downsampler.h"

#include <QPointF>

#include <algorithm>

namespace Ud::Usage {

QList<ChartPoint> ChartSampler::sample(const QList<UsagePoint> &points, int maxPoints)
{
    const qsizetype n = points.size();
    QList<QPointF> xy;
    QList<bool> starts;
    QList<qsizetype> runOf;
    xy.reserve(n);
    starts.reserve(n);
    runOf.reserve(n);
    qsizetype run = -1;
    for (qsizetype i = 0; i < n; ++i) {
        const bool start = i == 0 || points.at(i - 1).endUtc != points.at(i).startUtc;
        if (start)
            ++run;
        xy.append(QPointF(double(points.at(i).startUtc), double(points.at(i).value)));
        starts.append(start);
        runOf.append(run);
    }
    const QList<qsizetype> kept = Downsampler::select(xy, starts, maxPoints);

    QList<ChartPoint> out;
    out.reserve(kept.size());
    for (qsizetype p = 0; p < kept.size(); ++p) {
        ChartPoint c;
        c.point = points.at(kept.at(p));
        c.spanStartUtc = c.point.startUtc;
        c.spanEndUtc = c.point.endUtc;
        c.spanPoints = 0;
        c.runStart = p == 0 || runOf.at(kept.at(p)) != runOf.at(kept.at(p - 1));
        out.append(c);
    }
    // Each source point joins the next kept point of its run, or the last one before it.
    qsizetype p = 0;
    for (qsizetype j = 0; j < n; ++j) {
        while (p < kept.size() && kept.at(p) < j)
            ++p;
        qsizetype owner = -1;
        if (p < kept.size() && runOf.at(kept.at(p)) == runOf.at(j))
            owner = p;
        else if (p > 0 && runOf.at(kept.at(p - 1)) == runOf.at(j))
            owner = p - 1;
        if (owner < 0)
            continue;
        ChartPoint &c = out[owner];
        const UsagePoint &src = points.at(j);
        c.spanStartUtc = std::min(c.spanStartUtc, src.startUtc);
        c.spanEndUtc = std::max(c.spanEndUtc, src.endUtc);
        ++c.spanPoints;
        c.spanEstimated += src.estimated;
    }
    return out;
}

} // namespace Ud::Usage
