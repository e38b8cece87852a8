#pragma once

#include "usageseries.h"

#include <QList>
#include <QPointF>

namespace Ud::Usage {

/// Thins a series to at most N points for drawing: largest-triangle-three-buckets (LTTB), changed
/// so that every bucket also keeps its minimum and its maximum, so a single-interval spike (or
/// dip) always survives. The exact rule, per run of joined points (a gap is never bridged):
///
///  - A series of at most N points is returned unchanged.
///  - Every run first gets one point of the budget (so no run vanishes), the rest of N is shared
///    out in proportion to the runs' lengths (largest remainder first); a run never gets more
///    than its length. With more runs than N, only the N runs with the highest maxima are kept,
///    each as its maximum.
///  - A run whose budget B covers it is kept whole. B = 1 keeps its maximum; B = 2 its minimum
///    and maximum. B = 3 keeps the first, the last and the maximum between them; B = 4 also the
///    minimum between them. For B >= 5 the first and last points are kept and the points between are cut,
///    by index, into (B - 2) / 3 buckets; each bucket keeps its minimum, its maximum (the first
///    such point on ties) and, of its other points, the one forming the largest triangle with the
///    point kept last before the bucket by LTTB (or the first point) and the average of the next
///    bucket (or the last point). The kept points of a bucket are emitted in time order; the
///    (B - 2) % 3 points of budget left over are not used.
///
/// So the output never exceeds N points, keeps the first and last point of every run with a
/// budget of 3 or more, is in the input's order, and holds only input points. Pure: no database, no drawing.
class Downsampler
{
public:
    /// The indices of the points of `points` to keep, ascending. `runStart[i]` is true where a
    /// new run begins (a gap lies before point i); index 0 always begins a run. `runStart` may
    /// be empty for one run.
    static QList<qsizetype> select(const QList<QPointF> &points, const QList<bool> &runStart, int maxPoints);
    /// select() for one run of points (no gaps).
    static QList<QPointF> downsample(const QList<QPointF> &points, int maxPoints);
    /// select() over a usage series: x = startUtc, y = value, a gap wherever one point's endUtc
    /// is not the next one's startUtc. Returns the runs to draw, each as one line (nothing is
    /// drawn from one run to the next), of the original points, flags and all.
    static QList<QList<UsagePoint>> runs(const QList<UsagePoint> &points, int maxPoints);
};

} // namespace Ud::Usage
