#include "sparklineseries.h"

#include <algorithm>

namespace Ud::Metering {

SparklineSeries SparklineSeries::fromDailyTotals(const QDate &from, const QDate &to,
                                                 const QList<ReadingStore::DayTotal> &days)
{
    SparklineSeries s;
    s.m_from = from;
    s.m_to = to;
    if (!from.isValid() || !to.isValid() || to < from)
        return s;
    s.m_values.resize(from.daysTo(to) + 1);
    for (const ReadingStore::DayTotal &d : days) {
        if (!d.day.isValid() || d.day < from || d.day > to || d.presentCount <= 0)
            continue;
        s.m_values[from.daysTo(d.day)] = d.total;
        s.m_max = std::max(s.m_max, d.total);
    }
    return s;
}

int SparklineSeries::presentDays() const
{
    int n = 0;
    for (const auto &v : m_values)
        n += v.has_value() ? 1 : 0;
    return n;
}

qint64 SparklineSeries::total() const
{
    qint64 sum = 0;
    for (const auto &v : m_values)
        sum += v.value_or(0);
    return sum;
}

double SparklineSeries::xOf(int index) const
{
    return m_values.size() <= 1 ? 0.5 : double(index) / double(m_values.size() - 1);
}

QList<QList<QPointF>> SparklineSeries::runs() const
{
    QList<QList<QPointF>> out;
    QList<QPointF> run;
    for (int i = 0; i < m_values.size(); ++i) {
        if (!m_values.at(i)) {
            if (!run.isEmpty())
                out << run;
            run.clear();
            continue;
        }
        // Negative totals (net export) sit on the zero line rather than below the chart.
        const double y = m_max > 0 ? double(std::max<qint64>(0, *m_values.at(i))) / double(m_max) : 0.0;
        run << QPointF(xOf(i), y);
    }
    if (!run.isEmpty())
        out << run;
    return out;
}

} // namespace Ud::Metering
