#pragma once

#include "meterprofile.h"
#include "zonecalendar.h"

#include <metering/readingstore.h>

#include <QList>

namespace Ud::Demo {

/// Synthesises the interval readings of demo meters: load shapes per commodity and customer
/// class in the premise's local time (households with morning and evening peaks and later,
/// fuller weekends; shops and offices by opening hours; factories by shifts; farms by milking
/// and irrigation), seasons and the zone's weather from the ZoneCalendar, the premise's
/// appliances (heat pumps, electric heating, air conditioning, water heaters, pool pumps,
/// electric-vehicle charging sessions, irrigation pumps), rooftop solar with a daylight curve
/// from the premise's latitude and longitude netted against the load (export channel, battery),
/// reactive energy from a power factor, gas driven by heating degree days, and water with its
/// morning and evening use. Values are whole Wh, L or varh. Every meter draws from its own
/// stream and every day from its own, so a meter's readings depend only on the seed and its
/// profile, never on batches or threads. Const and free of Qt zone calls: runs on any thread.
class ReadingSynth
{
public:
    ReadingSynth(quint64 seed, const ZoneCalendar &calendar);

    /// Appends one ChannelDays per channel of `meter`, the days [firstDay, endDay) with a
    /// planted gap day left out.
    void synthesize(const MeterProfile &meter, QList<Metering::ReadingStore::ChannelDays> &out) const;
    /// Readings a meter gets at most, for sizing the chunks written in one transaction.
    static qint64 expectedReadings(const MeterProfile &meter);

    /// The spike planted by AnomalyKind::IntervalSpike, Wh in one interval: far beyond what a
    /// household's supply can carry in any interval length.
    static constexpr qint64 SpikeWh = 50000;
    /// Days of zero readings planted by AnomalyKind::IntervalZeroRun.
    static constexpr int ZeroRunDays = 3;

private:
    quint64 m_seed;
    const ZoneCalendar &m_calendar;
};

} // namespace Ud::Demo
