#pragma once

#include "readingstore.h"

#include <QDate>
#include <QList>
#include <QPointF>

#include <optional>

namespace Ud::Metering {

/// The points of a usage sparkline over a period of local days: one point per day with a
/// stored total, x from 0 (first day) to 1 (last day) by date, y from 0 (no use) to 1 (the
/// period's highest day), so the line starts at zero. Days without a total are gaps: the
/// points come in runs of consecutive days and nothing is drawn across a gap (a run of one
/// day is a dot). Kept apart from the widget so the arithmetic is tested without a screen.
class SparklineSeries
{
public:
    /// Days outside [from, to] are ignored, as are days without a present reading.
    static SparklineSeries fromDailyTotals(const QDate &from, const QDate &to,
                                           const QList<ReadingStore::DayTotal> &days);

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    /// Days in the period, with a total or not.
    int dayCount() const { return int(m_values.size()); }
    int presentDays() const;
    /// The total of the day at `index` (0 = from), nullopt for a gap.
    std::optional<qint64> value(int index) const { return m_values.value(index); }
    qint64 total() const;
    qint64 maximum() const { return m_max; }
    /// Runs of consecutive days with a total, in date order.
    QList<QList<QPointF>> runs() const;
    /// The x of the day at `index`.
    double xOf(int index) const;

private:
    QDate m_from;
    QDate m_to;
    QList<std::optional<qint64>> m_values;
    qint64 m_max = 0;
};

} // namespace Ud::Metering
