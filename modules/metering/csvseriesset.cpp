#include "csvseriesset.h"

#include <QCoreApplication>

#include <algorithm>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::CsvSeriesSet)
};

/// Counts up to a few distinct values; meter data has one interval, rarely two, so values beyond
/// the first eight distinct ones are noise and not worth a hash.
class Tally
{
public:
    void add(qint64 value)
    {
        for (int i = 0; i < m_used; ++i) {
            if (m_values[i] == value) {
                ++m_counts[i];
                return;
            }
        }
        if (m_used < Size) {
            m_values[m_used] = value;
            m_counts[m_used] = 1;
            ++m_used;
        }
    }
    /// The most frequent value; the smaller one on a tie. 0 if nothing was added.
    qint64 mode() const
    {
        qint64 best = 0;
        qint64 bestCount = 0;
        for (int i = 0; i < m_used; ++i) {
            if (m_counts[i] > bestCount || (m_counts[i] == bestCount && m_values[i] < best)) {
                best = m_values[i];
                bestCount = m_counts[i];
            }
        }
        return best;
    }

private:
    static constexpr int Size = 8;
    qint64 m_values[Size] = {};
    qint64 m_counts[Size] = {};
    int m_used = 0;
};

/// Every field of `from` except its readings and location.
ChannelSeries headOf(const ChannelSeries &from)
{
    ChannelSeries s;
    s.meterKey = from.meterKey;
    s.altKey = from.altKey;
    s.commodity = from.commodity;
    s.kind = from.kind;
    s.unit = from.unit;
    s.intervalSecs = from.intervalSecs;
    s.cumulative = from.cumulative;
    s.timeZoneHint = from.timeZoneHint;
    return s;
}
} // namespace

CsvSeriesSet::CsvSeriesSet(const ReadingSink &sink, int maxOpen) : m_sink(sink), m_maxOpen(qMax(1, maxOpen)) {}

ChannelSeries *CsvSeriesSet::open(quint64 identity, const ChannelSeries &head)
{
    if (int(m_entries.size()) >= m_maxOpen) {
        auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                       [](const auto &a, const auto &b) { return a->lastUse < b->lastUse; });
        emitSeries(**oldest, false);
        m_entries.erase(oldest);
    }
    auto entry = std::make_unique<Entry>();
    entry->identity = identity;
    entry->lastUse = ++m_clock;
    entry->series = headOf(head);
    m_entries.push_back(std::move(entry));
    return &m_entries.back()->series;
}

void CsvSeriesSet::setLocation(ChannelSeries *series, qint64 line)
{
    series->location = Tr::tr("line %1").arg(line);
}

void CsvSeriesSet::emitFull(ChannelSeries *series)
{
    for (const std::unique_ptr<Entry> &e : m_entries) {
        if (&e->series == series) {
            emitSeries(*e, true);
            return;
        }
    }
}

void CsvSeriesSet::emitSeries(Entry &entry, bool reopen)
{
    ChannelSeries out = std::move(entry.series);
    entry.series = headOf(out);
    if (reopen)
        entry.series.readings.reserve(MaxReadings); // a channel this long will fill the next chunk too
    if (out.readings.isEmpty())
        return;
    if (out.intervalSecs == 0) {
        qint32 derived = deriveInterval(out.readings);
        if (derived > 0)
            m_lastInterval.insert(entry.identity, derived);
        else
            derived = m_lastInterval.value(entry.identity, 0);
        out.intervalSecs = derived;
    }
    m_sink(std::move(out));
}

void CsvSeriesSet::flushAll()
{
    std::vector<Entry *> order;
    for (const std::unique_ptr<Entry> &e : m_entries) {
        if (!e->series.readings.isEmpty())
            order.push_back(e.get());
    }
    std::sort(order.begin(), order.end(), [](const Entry *a, const Entry *b) {
        return a->series.readings.constFirst().line < b->series.readings.constFirst().line;
    });
    for (Entry *e : order)
        emitSeries(*e, false);
    m_entries.clear();
}

qint32 CsvSeriesSet::deriveInterval(const QList<SourceReading> &readings)
{
    Tally durations;
    bool anyDuration = false;
    for (const SourceReading &r : readings) {
        if (r.durationSecs > 0) {
            durations.add(r.durationSecs);
            anyDuration = true;
        }
    }
    if (anyDuration)
        return qint32(durations.mode());
    Tally spacing;
    for (qsizetype i = 1; i < readings.size(); ++i) {
        const qint64 step = readings.at(i).startUtc - readings.at(i - 1).startUtc;
        if (step > 0 && step <= 86400 * 31)
            spacing.add(step);
    }
    return qint32(spacing.mode());
}

} // namespace Ud::Metering
