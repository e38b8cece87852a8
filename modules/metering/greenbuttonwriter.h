#pragma once

#include <accounts/meter.h>

#include <QIODevice>
#include <QString>
#include <QtGlobal>

namespace Ud::Metering {

/// What GreenButtonWriter writes: `usagePoints` usage points, each with one MeterReading of
/// `days` daily IntervalBlocks of `intervalSecs` readings from `startUtc`.
struct GreenButtonFeed {
    int usagePoints = 1;
    qint64 startUtc = 1'704'096'000; ///< 2024-01-01 00:00 US Pacific standard time
    int days = 1;
    int intervalSecs = 900;
    /// Electricity: Wh (uom 72); gas: therm (169); water: US gallons (128).
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    int powerOfTenMultiplier = 0;
    bool localTimeParameters = true; ///< US Pacific: tzOffset -28800, DST second Sunday of March to first of November
    bool usageSummary = true;        ///< one UsageSummary per usage point over the whole range
    bool indent = false;
};

/// Writes valid Green Button (ESPI Atom) feeds for tests and benchmarks, in the shape of a
/// utility's Download My Data export: per usage point a UsagePoint, MeterReading, ReadingType,
/// the IntervalBlocks and (after them) a UsageSummary, plus one shared LocalTimeParameters.
/// Values are deterministic, so a reader can check them with rawValue().
class GreenButtonWriter
{
public:
    /// Writes the feed; returns the number of interval readings written.
    static qint64 write(QIODevice &out, const GreenButtonFeed &feed);
    /// The value (in file units, before powerOfTenMultiplier) of a usage point's interval,
    /// counted from 0 at startUtc; usage points count from 1.
    static qint64 rawValue(int usagePoint, qint64 interval);
    /// The id of a usage point in its hrefs: the meterKey a parser reports.
    static QString usagePointId(int usagePoint);
    /// The UUID of its atom:id: the altKey a parser reports.
    static QString usagePointUuid(int usagePoint);
};

} // namespace Ud::Metering
