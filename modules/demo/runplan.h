#pragma once

#include "localedata.h"
#include "random.h"

#include <QtGlobal>

#include <vector>

namespace Ud::Demo {

/// Data-quality problems the generator plants on purpose, one of each per run. The interval
/// ones sit on the import channel of a household's electricity meter (its first account, kept
/// active through the history) and only when interval data is generated.
enum class AnomalyKind {
    SolarWithoutExport,    ///< solar PV at the premise, but its electricity meter has no export channel
    MeterOnClosedAccount,  ///< the account is closed, its meter is still installed (no removal date)
    DuplicatePhone,        ///< two different customers share one phone number
    LifeSupportOnPrepaid,  ///< a life-support customer on a prepaid account (disconnection risk)
    SwappedCoordinates,    ///< the premise's latitude and longitude are swapped
    IntervalGapDay,        ///< one local day without readings: no day row for any channel of the meter
    IntervalZeroRun,       ///< ReadingSynth::ZeroRunDays days of zero import in an occupied home
    IntervalSpike,         ///< one interval of ReadingSynth::SpikeWh at 03:00 local time
};
/// The anomalies in the customer records, placed first and apart from the interval ones.
inline constexpr int RecordAnomalyKindCount = 5;
inline constexpr int AnomalyKindCount = 8;

/// What decides the shape of a customer before its rows are built: drawn first from the
/// customer's own stream, in a quick pass over the whole run, so that exact totals (meters)
/// can be spread over the customers before any batch is built.
struct Skeleton {
    Market market = Market::GB;
    CustomerClass customerClass = CustomerClass::Residential;
    int accounts = 1;
    int meterWeight = 1;  ///< relative share of the extra (gas, water, sub-)meters
};
Skeleton drawSkeleton(Random &rng);

/// Everything fixed for a run before its first batch: the options, where the numbering
/// starts, the reference day, each customer's skeleton, how the requested meter total is
/// spread, and where the anomalies go. Batches are then pure functions of (plan, index).
class RunPlan
{
public:
    struct Anomaly {
        AnomalyKind kind;
        qint64 customer;  ///< index within the run
        qint64 partner;   ///< DuplicatePhone: the customer whose number is reused; else -1
        qint64 day = 0;   ///< interval anomalies: the (first) local day affected, days since 1970-01-01
    };

    /// `electricityInterval`: minutes of every electricity meter, 0 for each market's own mix;
    /// `intervalData`: readings are generated (and the interval anomalies planted).
    RunPlan(quint64 seed, qint64 customers, qint64 meters, int days, qint64 firstOrdinal, int electricityInterval = 0,
            bool intervalData = false);

    quint64 seed() const { return m_seed; }
    qint64 customers() const { return m_customers; }
    qint64 meters() const { return m_meters; }
    int days() const { return m_days; }
    int electricityInterval() const { return m_electricityInterval; }
    bool intervalData() const { return m_intervalData; }
    /// Ordinal (the number in the customer number) of the run's first customer.
    qint64 firstOrdinal() const { return m_firstOrdinal; }
    qint64 ordinal(qint64 index) const { return m_firstOrdinal + index; }
    /// Days since 1970-01-01 of the reference day and of the first day of the history.
    qint64 referenceDay() const { return m_referenceDay; }
    qint64 historyStartDay() const { return m_referenceDay - m_days; }

    /// Market, class and accounts of customer `index` (meterWeight only serves the planning).
    Skeleton skeleton(qint64 index) const;
    /// Whether the a-th account of customer `index` has an electricity meter.
    bool accountHasMeter(qint64 index, int account) const;
    /// Extra meters (beyond one electricity meter per account) at the customer's first premise.
    int extraMeters(qint64 index) const;
    const std::vector<Anomaly> &anomalies() const { return m_anomalies; }
    /// The anomaly planted on customer `index`, or null (a customer carries at most one).
    const Anomaly *anomalyAt(qint64 index) const;
    qint64 totalAccounts() const { return m_accountStart.back(); }

    static Random customerStream(quint64 seed, qint64 ordinal) { return Random::forItem(seed, 1, quint64(ordinal)); }
    static qint64 referenceDayFor(quint64 seed);

private:
    void placeAnomalies();
    void placeIntervalAnomalies();

    quint64 m_seed;
    qint64 m_customers;
    qint64 m_meters;
    int m_days;
    qint64 m_firstOrdinal;
    qint64 m_referenceDay;
    int m_electricityInterval;
    bool m_intervalData;
    std::vector<quint8> m_market, m_class, m_accounts;
    std::vector<qint64> m_accountStart;  ///< prefix sums: global index of each customer's first account
    std::vector<qint64> m_weightStart;   ///< prefix sums of meter weights
    qint64 m_extra = 0;                  ///< meters beyond one per account (0 when fewer meters than accounts)
    std::vector<Anomaly> m_anomalies;
};

} // namespace Ud::Demo
