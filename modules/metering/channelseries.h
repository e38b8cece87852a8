#pragma once

#include "intervalday.h"

#include <accounts/meter.h>

#include <QList>
#include <QString>
#include <QtGlobal>

namespace Ud::Metering {

/// One interval reading as a file states it, already converted to the channel's base unit
/// (Wh for electricity and gas energy, L for water and gas volume, varh for reactive energy).
struct SourceReading {
    qint64 startUtc = 0;      ///< start of the interval, UTC epoch seconds
    qint32 durationSecs = 0;  ///< the interval's length as the file states it (0: not stated)
    qint64 value = 0;         ///< interval consumption, or the register value when the series is cumulative
    Quality quality = Quality::Actual; ///< Missing when the file says "no value" for the interval
    qint64 line = 0;          ///< line of the file it came from (0 for XML: see ChannelSeries::location)

    friend bool operator==(const SourceReading &, const SourceReading &) = default;
};

/// A register (index) reading: the meter's cumulative counter at an instant. Files that carry
/// both intervals and register reads let validation check the interval sum against the delta.
struct RegisterRead {
    qint64 atUtc = 0;
    qint64 value = 0; ///< base unit

    friend bool operator==(const RegisterRead &, const RegisterRead &) = default;
};

/// A total the file states for a period (ESPI UsageSummary billing period, a register delta
/// of a bill): validation compares it with the sum of the intervals inside.
struct PeriodTotal {
    qint64 startUtc = 0;
    qint64 durationSecs = 0;
    qint64 value = 0; ///< base unit

    friend bool operator==(const PeriodTotal &, const PeriodTotal &) = default;
};

/// A run of readings of one channel of one meter, as a parser emits it. A long channel comes in
/// several consecutive series with the same key (parsers emit at most ~64k readings at a time so
/// memory stays flat); the importer merges them. Readings may be in any order.
struct ChannelSeries {
    /// How the file names the meter: a meter serial, a usage-point id, an NMI, ... The importer
    /// binds it to a meter by serial first, then by service-point identifier.
    QString meterKey;
    /// A second name for the same meter when the file gives one (e.g. NEM12: meterKey is the
    /// meter serial, altKey the NMI); empty otherwise.
    QString altKey;
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    /// The channel's interval in seconds as the file states it; 0 if the file does not say
    /// (the importer then derives it from the readings' durations or spacing).
    qint32 intervalSecs = 0;
    /// True when values are cumulative register values at the end of each interval rather than
    /// the consumption within it (ESPI accumulationBehaviour "cumulative"); validation turns them
    /// into deltas and checks rollover and resets.
    bool cumulative = false;
    /// An IANA time zone the file implies (ESPI LocalTimeParameters, a fixed offset); empty if
    /// none. Only used for meters that have no premise time zone.
    QString timeZoneHint;
    /// Where the series starts in the file, for messages: "line 12" or an XML element path.
    QString location;
    QList<SourceReading> readings;
    QList<RegisterRead> registerReads;
    QList<PeriodTotal> periodTotals;
};

} // namespace Ud::Metering
