#pragma once

#include "channelseries.h"
#include "readingparser.h"

#include <QHash>

#include <memory>
#include <vector>

namespace Ud::Metering {

/// The series a CSV importer is filling, keyed by an identity the importer chooses (meter,
/// commodity, kind, unit). Consecutive lines of one meter channel go into one series; a series is
/// handed to the sink when it reaches MaxReadings (and reopened empty), when too many series are
/// open at once (the least recently used goes), or at the end. Memory therefore stays bounded
/// however long the file is and however its lines interleave.
///
/// Before a series is emitted its intervalSecs is filled in when the importer did not state one:
/// the most common stated duration of its readings, else the most common spacing of consecutive
/// readings, else the value found for an earlier chunk of the same channel.
class CsvSeriesSet
{
public:
    static constexpr qsizetype MaxReadings = 65536;

    explicit CsvSeriesSet(const ReadingSink &sink, int maxOpen = 8);

    /// The open series with this identity, or nullptr.
    ChannelSeries *find(quint64 identity)
    {
        for (const std::unique_ptr<Entry> &e : m_entries) {
            if (e->identity == identity) {
                e->lastUse = ++m_clock;
                return &e->series;
            }
        }
        return nullptr;
    }
    /// Opens a series whose fields (all but the readings) are taken from `head`; may first emit
    /// the least recently used series. The pointer stays valid until a later open() evicts it.
    ChannelSeries *open(quint64 identity, const ChannelSeries &head);
    /// Appends one reading; the first reading of a chunk gives the chunk's location ("line 12").
    void append(ChannelSeries *series, const SourceReading &reading)
    {
        if (series->readings.isEmpty())
            setLocation(series, reading.line);
        series->readings.append(reading);
        if (series->readings.size() >= MaxReadings)
            emitFull(series);
    }
    /// Emits every open series with readings, in the order of their first line.
    void flushAll();

    /// The interval a run of readings implies (see the class comment); 0 if it implies none.
    static qint32 deriveInterval(const QList<SourceReading> &readings);

private:
    struct Entry {
        quint64 identity = 0;
        quint64 lastUse = 0;
        ChannelSeries series;
    };

    static void setLocation(ChannelSeries *series, qint64 line);
    void emitFull(ChannelSeries *series);
    void emitSeries(Entry &entry, bool reopen);

    const ReadingSink &m_sink;
    int m_maxOpen;
    quint64 m_clock = 0;
    std::vector<std::unique_ptr<Entry>> m_entries;
    QHash<quint64, qint32> m_lastInterval;
};

} // namespace Ud::Metering
