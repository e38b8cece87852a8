#pragma once

#include <accounts/meter.h>

#include <QtGlobal>

class QSettings;

namespace Ud::Metering {

/// The thresholds of validation, estimation and editing (VEE), each declared once here with its
/// key (under "vee/") and its default. The defaults follow the rules meter-data management
/// systems ship (Oracle Utilities MDM's VEE rules, Itron IEE MDM, the California "Standards for
/// validating, editing and estimating monthly and interval data" of the CPUC's DASMMD); where a
/// standard leaves the number to the utility the comment says what was chosen and why.
struct VeeSettings {
    /// Gaps up to this length are filled by linear interpolation between their neighbours;
    /// longer ones from like days. The California rules interpolate sections of 2 hours or less;
    /// Itron's "Max Range to Interpolate" is configured per utility (its example: 01:00). One
    /// hour keeps interpolation to gaps where the load shape barely matters.
    int interpolationMaxMinutes = 60;
    /// Daily channels (one reading per local day, typical of gas and water): a gap of up to this
    /// many days between two present days is interpolated. The minute limit above protects the
    /// load shape within a day, which daily readings do not have, and the days either side share
    /// the missing day's weather (what drives gas and water use) better than a like weekday weeks
    /// earlier. Longer daily gaps are estimated from like days (the same weekday in the history),
    /// else from the import's average day, else only flagged; beyond maxEstimatedGapDays never.
    int interpolationMaxDays = 1;
    /// Longer gaps are not estimated at all, only flagged: an estimate of weeks is a guess that
    /// needs a person (Oracle's "Prolonged Estimation Check").
    int maxEstimatedGapDays = 7;
    /// Like-day estimation averages the same local time on up to this many same-weekday days of
    /// the history (the California rules: "the average of selected reference days").
    int likeDayCount = 4;
    /// ... looking back at most this many weeks.
    int likeDayWeeks = 8;

    /// Absolute high limits, as a rate; per interval they scale with the interval length (a daily
    /// interval counts 24 hours, also on DST days).
    /// Electricity: 25 kW, a 100 A single-phase residential supply at 230-250 V.
    qint64 electricityMaxWatts = 25'000;
    /// Reactive energy: the same apparent-power ceiling, 25 kvar.
    qint64 reactiveMaxVar = 25'000;
    /// Gas energy: 6 m3/h (the Qmax of a G4 domestic diaphragm meter, EN 1359) at ~11.2 kWh/m3.
    qint64 gasMaxWatts = 67'000;
    /// Gas volume: 6 m3/h, the G4 meter's Qmax.
    qint64 gasMaxLitresPerHour = 6'000;
    /// Water: 3.125 m3/h, the overload flow Q4 = 1.25 x Q3 of a domestic Q3 = 2.5 meter
    /// (ISO 4064 / OIML R 49).
    qint64 waterMaxLitresPerHour = 3'125;

    /// History-based high check: an interval above this many times the history's 99th
    /// percentile (and above the spike floor) is flagged (Oracle "High/Low Check" and Itron
    /// "High Low Usage Check" compare with history; the factor is the utility's choice).
    double historyHighFactor = 3.0;
    /// History-based low check: a complete local day whose total is below this fraction of the
    /// history's average daily total is flagged.
    double historyLowFactor = 0.1;
    /// The history checks (high, low, multiplier) need at least this many days of history.
    int historyMinDays = 7;

    /// Spike: an interval above this many times both of its neighbours ... (Itron's "Demand
    /// Tolerance Consecutive Intervals" compares each interval with the one before; Oracle's
    /// "Interval Spike Check" the highest with the third-highest. Comparing with both neighbours
    /// catches a single bad interval without flagging a load that switches on and stays on.)
    double spikeFactor = 5.0;
    /// ... and above this share (percent) of the absolute high limit of one interval, so noise
    /// on a near-idle meter (3 Wh between two 0 Wh) is not a spike.
    int spikeFloorPercent = 10;

    /// Zero runs (Oracle "Consecutive Interval Check" / "Zero Consumption Check"): flagged when
    /// an electricity import channel reads zero for this many hours in a row ...
    int zeroRunHoursElectricity = 24;
    /// ... and a gas or water channel for this many (a week: heating off, a holiday). Export and
    /// reactive channels are not checked: zero export through a night or a winter week is normal.
    int zeroRunHoursGasWater = 168;
    /// Frozen meter: this many identical non-zero intervals in a row.
    int frozenRunLength = 8;

    /// Multiplier / unit check: the import's median interval is this many times the history's
    /// median (or its inverse) -> flagged (Oracle "Multiplier Check"). Real usage changes by
    /// a factor of 20 from one week to the next only when something is wrong.
    double multiplierRatio = 20.0;

    /// Sum check (California "sum check", Oracle "Sum Check"): the interval total between two
    /// register reads may differ from their delta by max(this many per mille of the delta,
    /// sumToleranceUnitsPerInterval base units per interval), so register resolution and
    /// rounding of each interval never raise it.
    int sumTolerancePermille = 5;
    int sumToleranceUnitsPerInterval = 1;

    /// At most this many findings per rule and series; the rest are counted in one last finding.
    int maxFindingsPerRule = 50;

    /// The absolute high limit of one interval for a channel, in its base unit.
    qint64 maxPerInterval(Accounts::Commodity commodity, Accounts::ChannelKind kind, Accounts::ChannelUnit unit,
                          int intervalMinutes) const;

    /// Reads every setting from `settings` (group "vee"); keys that are absent keep the default.
    static VeeSettings load(const QSettings &settings);
    /// Writes every setting to `settings` (group "vee").
    void save(QSettings &settings) const;

    friend bool operator==(const VeeSettings &, const VeeSettings &) = default;
};

} // namespace Ud::Metering
