#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Ud::Core {
class AuditLog;
class Dialect;
class Clock;
class Database;
class UserContext;
} // namespace Ud::Core

namespace Ud::Metering {

/// The per-customer usage profiles (customer_usage_profiles) that the usage.* rule attributes
/// read: one row per customer with electricity consumption data, holding the Wh of each of the
/// 24 complete months up to through_month and the peak, night Wh and maximum demand (W) of the
/// last 12, summed over the electricity import channels of the customer's supply points
/// (demand: the highest). A row is recomputed from interval_months only (never from the
/// readings) by one INSERT ... SELECT per batch of customers; the interval store calls
/// refreshChannels() in every write's transaction. When the month rolls over, or after an
/// upgrade left days without their summaries, refreshAll() brings everything current.
///
/// Beside each profile row, in the same transaction, a row of customer_usage_periods holds
/// every usage attribute already worked out for each period it takes (last 1 .. 24 months):
/// a rule then reads one column where it would add up to 24.
class UsageProfiles
{
public:
    /// The figures of customer_usage_periods, each per period of 1 .. N months.
    enum class Measure {
        TotalWh,     ///< Wh of months 1 .. N (1 .. 24)
        PeakShare,   ///< peak Wh over all Wh, in millionths (1 .. 12)
        NightShare,  ///< night Wh over all Wh, in millionths (1 .. 12)
        Seasonality, ///< the highest month over the average month, in millionths (3 .. 24)
        YoyGrowth,   ///< months 1 .. N over months 13 .. 12 + N, less one, in millionths (1 .. 12)
        MaxDemandW,  ///< the highest demand in W (1 .. 12)
    };
    struct PeriodRange {
        int fromMonths;
        int toMonths;
    };
    /// The periods (in months) customer_usage_periods keeps `measure` for, as listed above.
    static PeriodRange periodRange(Measure measure);
    /// "total_wh_12": the column of `measure` over the last `months` months.
    static QString periodColumn(Measure measure, int months);
    /// "INSERT INTO customer_usage_periods (...) SELECT ... FROM customer_usage_profiles p
    /// WHERE <filter>": the period figures of the profile rows `filter` (over p) picks.
    static QString periodsInsertSql(const Core::Dialect &dialect, const QString &filter);

    static constexpr int Months = 24;       ///< wh_01 .. wh_24
    static constexpr int DetailMonths = 12; ///< peak_wh_, night_wh_, demand_w_ 01 .. 12
    /// Customers per transaction in refreshAll() and per statement in refresh().
    static constexpr int BatchSize = 2000;

    struct RefreshResult {
        qint64 channelsSummarised = 0; ///< channels whose old days were summarised
        qint64 daysSummarised = 0;
        qint64 customers = 0;          ///< customers whose profiles were recomputed
        QString throughMonth;
        bool cancelled = false;
    };
    /// done, total: summarised channels plus recomputed customers.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    UsageProfiles(Core::Database &db, const Core::Clock &clock);

    /// "YYYY-MM" of the last complete month before the month of `today`.
    static QString throughMonthFor(const QDate &today);
    /// throughMonthFor() the clock's (UTC) day, the day rules are built for.
    QString throughMonth() const;

    /// Recomputes the profiles of these customers as of throughMonth(), in one transaction
    /// (nested in the caller's, if any): each ends with a complete row, or none when the
    /// customer has no electricity data in the 24 months.
    void refresh(const QStringList &customerIds);
    /// refresh() for the customers whose supply points have these channels.
    void refreshChannels(const QStringList &channelIds);

    /// Whether refreshAll() has work: a profile computed for another month than throughMonth(),
    /// or stored days or months not summarised yet. Reads two small index ranges.
    bool isStale();

    /// Requires ImportMeterData. Summarises the days stored before the summaries existed
    /// (ReadingStore::summariseOldDays, a transaction per channel), then recomputes every
    /// customer's profile, a transaction per BatchSize customers, and records "usage.refresh"
    /// in the audit log. `cancel` is checked between transactions: what was committed stays
    /// (whole rows, all current), and the next call carries on.
    RefreshResult refreshAll(const Core::UserContext &user, Core::AuditLog &audit, const Progress &progress = {},
                             const std::atomic_bool *cancel = nullptr);

private:
    Core::Database &m_db;
    const Core::Clock &m_clock;
};

} // namespace Ud::Metering
