#include "runplan.h"

#include "formats.h"

#include <algorithm>

namespace Ud::Demo {

Skeleton drawSkeleton(Random &rng)
{
    // Shares of customers per market, and of classes per market (mostly households).
    static const double marketWeights[] = {36, 24, 24, 16};
    static const double classWeights[MarketCount][4] = {
        {88.5, 8.0, 1.5, 2.0},  // GB
        {87.0, 8.5, 2.0, 2.5},  // DE
        {86.0, 8.0, 2.5, 3.5},  // CN
        {87.0, 8.0, 1.5, 3.5},  // ES
    };
    static const double residentialAccounts[] = {97, 3};
    static const double commercialAccounts[] = {85, 10, 5};
    static const double industrialAccounts[] = {75, 20, 5};
    static const double agriculturalAccounts[] = {85, 15};

    Skeleton s;
    s.market = Market(rng.weighted(marketWeights));
    s.customerClass = CustomerClass(rng.weighted(classWeights[int(s.market)]));
    switch (s.customerClass) {
    case CustomerClass::Residential:
        s.accounts = 1 + rng.weighted(residentialAccounts);
        // Chinese flats mostly have no piped gas meter of the utility's; British homes mostly do.
        s.meterWeight = s.market == Market::CN ? 30 + int(rng.below(60)) : 60 + int(rng.below(80));
        break;
    case CustomerClass::Commercial:
        s.accounts = 1 + rng.weighted(commercialAccounts);
        s.meterWeight = 100 + int(rng.below(100));
        break;
    case CustomerClass::Industrial:
        s.accounts = 1 + rng.weighted(industrialAccounts);
        s.meterWeight = 150 + int(rng.below(100));
        break;
    case CustomerClass::Agricultural:
        s.accounts = 1 + rng.weighted(agriculturalAccounts);
        s.meterWeight = 200 + int(rng.below(100));  // irrigation: water supply points
        break;
    }
    return s;
}

qint64 RunPlan::referenceDayFor(quint64 seed)
{
    return Formats::daysFromCivil(2025, 1, 1) + qint64(seed % 365);
}

RunPlan::RunPlan(quint64 seed, qint64 customers, qint64 meters, int days, qint64 firstOrdinal, int electricityInterval,
                 bool intervalData)
    : m_seed(seed), m_customers(customers), m_meters(meters < 0 ? customers * 13 / 10 : meters), m_days(days),
      m_firstOrdinal(firstOrdinal), m_referenceDay(referenceDayFor(seed)), m_electricityInterval(electricityInterval),
      m_intervalData(intervalData)
{
    const std::size_t n = std::size_t(customers);
    m_market.resize(n);
    m_class.resize(n);
    m_accounts.resize(n);
    m_accountStart.resize(n + 1);
    m_weightStart.resize(n + 1);
    m_accountStart[0] = 0;
    m_weightStart[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        Random rng = customerStream(seed, firstOrdinal + qint64(i));
        const Skeleton s = drawSkeleton(rng);
        m_market[i] = quint8(s.market);
        m_class[i] = quint8(s.customerClass);
        m_accounts[i] = quint8(s.accounts);
        m_accountStart[i + 1] = m_accountStart[i] + s.accounts;
        m_weightStart[i + 1] = m_weightStart[i] + s.meterWeight;
    }
    m_extra = std::max<qint64>(0, m_meters - totalAccounts());
    placeAnomalies();
    if (m_intervalData)
        placeIntervalAnomalies();
    std::sort(m_anomalies.begin(), m_anomalies.end(),
              [](const Anomaly &a, const Anomaly &b) { return a.customer < b.customer; });
}

Skeleton RunPlan::skeleton(qint64 index) const
{
    Skeleton s;
    s.market = Market(m_market[std::size_t(index)]);
    s.customerClass = CustomerClass(m_class[std::size_t(index)]);
    s.accounts = m_accounts[std::size_t(index)];
    return s;
}

bool RunPlan::accountHasMeter(qint64 index, int account) const
{
    const qint64 total = totalAccounts();
    if (m_meters >= total)
        return true;
    // Fewer meters than accounts: spread them evenly so that the total is exact.
    const qint64 k = m_accountStart[std::size_t(index)] + account;
    const auto m = static_cast<__int128>(m_meters);
    return (k + 1) * m / total > k * m / total;
}

int RunPlan::extraMeters(qint64 index) const
{
    if (m_extra == 0)
        return 0;
    // Each customer's share of the extra meters follows its weight; the floors telescope, so
    // the shares add up to exactly m_extra.
    const auto e = static_cast<__int128>(m_extra);
    const auto w = static_cast<__int128>(m_weightStart.back());
    const __int128 before = e * m_weightStart[std::size_t(index)] / w;
    const __int128 after = e * m_weightStart[std::size_t(index) + 1] / w;
    return int(after - before);
}

const RunPlan::Anomaly *RunPlan::anomalyAt(qint64 index) const
{
    for (const Anomaly &a : m_anomalies) {
        if (a.customer == index)
            return &a;
    }
    return nullptr;
}

void RunPlan::placeAnomalies()
{
    if (m_customers < 2)
        return;
    Random rng = Random::forItem(m_seed, 2, quint64(m_firstOrdinal));
    std::vector<qint64> used;
    auto isUsed = [&used](qint64 j) { return std::find(used.begin(), used.end(), j) != used.end(); };
    auto residential = [this](qint64 j) { return CustomerClass(m_class[std::size_t(j)]) == CustomerClass::Residential; };
    auto partnerOf = [&](qint64 j) -> qint64 {
        // The nearest earlier household in the same market: the number then looks local.
        const qint64 stop = std::max<qint64>(0, j - 2000);
        for (qint64 i = j - 1; i >= stop; --i) {
            if (residential(i) && m_market[std::size_t(i)] == m_market[std::size_t(j)] && !isUsed(i))
                return i;
        }
        return -1;
    };

    const qint64 segment = std::max<qint64>(1, m_customers / RecordAnomalyKindCount);
    for (int k = 0; k < RecordAnomalyKindCount; ++k) {
        const auto kind = AnomalyKind(k);
        const qint64 start = m_customers >= RecordAnomalyKindCount ? k * segment + qint64(rng.below(quint32(segment)))
                                                              : qint64(rng.below(quint32(m_customers)));
        for (qint64 step = 0; step < m_customers; ++step) {
            const qint64 j = (start + step) % m_customers;
            if (isUsed(j))
                continue;
            qint64 partner = -1;
            bool fits = false;
            switch (kind) {
            case AnomalyKind::SolarWithoutExport:
                fits = residential(j) && accountHasMeter(j, 0);
                break;
            case AnomalyKind::MeterOnClosedAccount:
                fits = m_accounts[std::size_t(j)] == 1 && accountHasMeter(j, 0);
                break;
            case AnomalyKind::DuplicatePhone:
                fits = residential(j) && (partner = partnerOf(j)) >= 0;
                break;
            case AnomalyKind::LifeSupportOnPrepaid:
                fits = residential(j);
                break;
            case AnomalyKind::SwappedCoordinates:
                fits = true;
                break;
            default:
                break;
            }
            if (fits) {
                m_anomalies.push_back({kind, j, partner});
                used.push_back(j);
                if (partner >= 0)
                    used.push_back(partner);
                break;
            }
        }
    }
}

void RunPlan::placeIntervalAnomalies()
{
    if (m_customers < 2)
        return;
    // A stream of its own, so the record anomalies stay where they were without readings.
    Random rng = Random::forItem(m_seed, 5, quint64(m_firstOrdinal));
    auto taken = [this](qint64 j) {
        for (const Anomaly &a : m_anomalies) {
            if (a.customer == j || a.partner == j)
                return true;
        }
        return false;
    };
    constexpr int kinds = AnomalyKindCount - RecordAnomalyKindCount;
    const qint64 segment = std::max<qint64>(1, m_customers / kinds);
    for (int k = 0; k < kinds; ++k) {
        const auto kind = AnomalyKind(RecordAnomalyKindCount + k);
        const qint64 start = m_customers >= kinds ? k * segment + qint64(rng.below(quint32(segment)))
                                                  : qint64(rng.below(quint32(m_customers)));
        // Inside the history, away from its ends where there is little to compare with.
        const qint64 room = std::max(1, m_days - (kind == AnomalyKind::IntervalZeroRun ? 3 : 1));
        const qint64 day = historyStartDay() + (room > 4 ? 1 + qint64(rng.below(quint32(room - 2))) : 0);
        for (qint64 step = 0; step < m_customers; ++step) {
            const qint64 j = (start + step) % m_customers;
            if (!taken(j) && CustomerClass(m_class[std::size_t(j)]) == CustomerClass::Residential && accountHasMeter(j, 0)) {
                m_anomalies.push_back({kind, j, -1, day});
                break;
            }
        }
    }
}

} // namespace Ud::Demo
