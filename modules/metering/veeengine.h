#pragma once

#include "channelseries.h"
#include "intervalday.h"
#include "veesettings.h"

#include <accounts/meter.h>

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QTimeZone>
#include <QtGlobal>

#include <optional>

namespace Ud::Metering {

/// What VEE needs to know about the channel a series was bound to.
struct VeeChannel {
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    int intervalMinutes = 30;
    QTimeZone zone;               ///< the premise's zone: local days, the interval grid, messages
    bool netMetered = false;      ///< negative import is then real (export netted off)
    qint64 registerModulus = 0;   ///< 10^digits of the register in the base unit; 0 when unknown
    qint64 maxPerInterval = 0;    ///< absolute high limit per interval; 0: VeeSettings' default
};

/// The channel's stored readings before (and possibly overlapping) the import, as the interval
/// store keeps them: one IntervalDay per local day of the channel's zone. Up to eight weeks are
/// enough; days whose interval count does not match the day (another interval length) are ignored.
/// Only Actual and Edited values serve as references; stored estimates never do.
struct VeeHistory {
    QMap<QDate, IntervalDay> days;
};

/// A reading to store, in time order.
struct CheckedReading {
    qint64 startUtc = 0;
    qint64 value = 0;                ///< base unit; an interval delta even for cumulative series
    Quality quality = Quality::Actual;
    /// Empty for a reading the file gave as it is; otherwise the rule that set the value:
    /// "interpolation", "like-day", "import-average" (the slot's average over the import's other
    /// days), "register-spread", "negative", "high-limit", "reset", "source" (the file says
    /// estimated or edited), "manual".
    QString rule;
    /// The value the file gave when a rule replaced it (for a cumulative series: the raw delta).
    std::optional<qint64> rawValue;

    friend bool operator==(const CheckedReading &, const CheckedReading &) = default;
};

struct VeeFinding {
    /// Reject: nothing of the series may be stored. Estimated: values were estimated or replaced.
    /// Flag: stored as they are, for a person to review.
    enum class Severity { Reject, Estimated, Flag };

    QString rule;        ///< the check's id: "unit", "interval-length", "grid", "future", "duplicate", "gap", ...
    Severity severity = Severity::Flag;
    qint64 startUtc = 0; ///< the first interval concerned
    qint64 endUtc = 0;   ///< the end of the last interval concerned
    qint64 line = 0;     ///< the file line of the reading concerned, 0 if none or XML
    QString message;     ///< translated; names the local time, the values with their unit and the line

    friend bool operator==(const VeeFinding &, const VeeFinding &) = default;
};

struct VeeResult {
    /// The readings to store, in time order; empty when rejected().
    QList<CheckedReading> readings;
    /// In time order of startUtc (stable: checks of the same interval keep their order).
    QList<VeeFinding> findings;

    bool rejected() const;
    QList<VeeFinding> findingsOf(const QString &rule) const;
};

/// A manual edit: the reading to store (Quality::Edited, rule "manual", the replaced value as
/// rawValue) or the reason it cannot be stored.
struct VeeEditResult {
    std::optional<CheckedReading> reading;
    QList<VeeFinding> findings;

    bool rejected() const { return !reading.has_value(); }
};

/// Validation, estimation and editing of one channel's interval readings from one import: pure
/// computation, no database. run() rejects a series that cannot be placed on the channel (wrong
/// unit, interval length or grid, future or conflicting readings), turns register reads into
/// interval deltas, replaces impossible values (negative, above the absolute limit, resets) by
/// estimates keeping the raw value, estimates the gaps inside the import's span (linear
/// interpolation for short gaps, like days for longer ones), and flags what a person should
/// look at (spikes, zero and frozen runs, history high/low, multiplier errors, register sums,
/// incomplete local days). A reading the file gives as Actual stays Actual whatever the store
/// holds for that interval: replacing stored estimates is the store's merge.
///
/// A daily channel (1440 minutes) has one interval per local day, starting at the day's start
/// and lasting 23, 24 or 25 hours; a file may state that length or 86400 seconds. Its gaps are
/// counted in days: one missing day between two present ones is interpolated
/// (VeeSettings::interpolationMaxDays), longer gaps come from like days, else the import's
/// average day, else are flagged. Its day completeness is the gap check, and thresholds set in
/// time apply as they are (the 168-hour zero run is 7 days; the high limit is 24 hours' worth).
///
/// Negative values are real on net-metered channels and on reactive channels (signed varh);
/// elsewhere they are replaced. Estimation happens only between the import's first and last
/// value (a whole local day missing in between included), never before or after them. A
/// cumulative series' first register read only anchors the next delta and is not output.
/// Findings are capped per rule (VeeSettings::maxFindingsPerRule), so a bad file of a million
/// readings costs a million comparisons, not a million sentences.
class VeeEngine
{
public:
    static VeeResult run(const ChannelSeries &series, const VeeChannel &channel, const VeeHistory &history,
                         qint64 nowUtc, const VeeSettings &settings = {});

    /// Validates a value a person enters for the interval starting at `startUtc`. `stored` is
    /// what the store holds for that interval (nullopt: nothing); its value becomes rawValue.
    /// Rejected when the interval is off the grid or in the future, or the value negative on a
    /// channel that cannot be negative; a value above the absolute limit is stored but flagged.
    static VeeEditResult edit(const VeeChannel &channel, qint64 startUtc, qint64 newValue,
                              std::optional<qint64> stored, qint64 nowUtc, const VeeSettings &settings = {});
};

} // namespace Ud::Metering
