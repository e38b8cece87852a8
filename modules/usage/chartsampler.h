#pragma once

#include "usageseries.h"

#include <QList>

namespace Ud::Usage {

/// One point a chart draws: one of the series' own points, and the stretch of the series it
/// stands for once the series is thinned (Downsampler), so what was left out still counts: a
/// run of estimated readings that falls between two kept points marks the kept point whose
/// stretch holds it.
struct ChartPoint {
    UsagePoint point;          ///< the series' own point (its value, span and counts)
    qint64 spanStartUtc = 0;   ///< the stretch of the series this point stands for
    qint64 spanEndUtc = 0;
    int spanPoints = 1;        ///< source points in that stretch (1 when not thinned)
    int spanEstimated = 0;     ///< estimated or edited readings in that stretch
    bool runStart = false;     ///< a gap lies before it, or it is the first point
    friend bool operator==(const ChartPoint &, const ChartPoint &) = default;
};

/// Turns a computed series into the points a chart draws: at most `maxPoints` of them, chosen
/// by Downsampler::select (LTTB with every bucket's minimum and maximum, gaps never bridged).
/// Every left-out point belongs to the stretch of the next kept point of its run (or the last
/// kept point of its run when none follows), so the stretches of a run tile it and their
/// estimated counts add up to the run's. A run that gets no kept point at all (only when the
/// series has more runs than `maxPoints`) is left out with its points. Pure: no database, no
/// drawing.
class ChartSampler
{
public:
    static QList<ChartPoint> sample(const QList<UsagePoint> &points, int maxPoints);
};

} // namespace Ud::Usage
