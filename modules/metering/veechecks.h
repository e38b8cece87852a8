#pragma once

namespace Ud::Metering {

struct VeeWork;

/// The validation checks of VeeEngine::run() on a series already placed on the channel's grid
/// (VeeWork), in the order run() calls them. Each check reports through the work's finding sink;
/// only limits() changes values (it marks them for estimation, keeping the raw value).
class VeeChecks
{
public:
    /// Negative values (unless net-metered or reactive) and values above the absolute limit
    /// per interval: marked for estimation, raw value kept.
    static void limits(VeeWork &work);
    /// An Actual interval above spikeFactor times both Actual neighbours and above the floor.
    static void spikes(VeeWork &work);
    /// Runs of Actual zeros and of identical non-zero Actual values.
    static void runs(VeeWork &work);
    /// Against the history: multiplier / unit level, intervals above its 99th percentile, local
    /// days far below its average day.
    static void history(VeeWork &work);
    /// After estimation: one finding per value a rule replaced (negative, high-limit, reset).
    static void replaced(VeeWork &work);
    /// After estimation: interval sums against the file's register reads and period totals.
    static void sums(VeeWork &work);
    /// Local days inside the span with intervals the file does not give.
    static void dayCompleteness(VeeWork &work);
};

} // namespace Ud::Metering
