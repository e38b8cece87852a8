#pragma once

#include "localedata.h"

#include <QtGlobal>

#include <array>

namespace Ud::Demo {

enum class Commodity;  // supplies.h, which needs rowbatch.h itself

/// What the interval phase needs to know of one generated meter, noted by the RowBuilder
/// while it builds the meter's rows (everything here is also in those rows, or decided by the
/// same draws), so that readings can be synthesised after the rows are written without
/// reading anything back.
struct MeterProfile {
    enum class Flow : quint8 { Import, Export, Reactive };
    struct Channel {
        std::array<char, 36> id;
        Flow flow = Flow::Import;
    };

    qint64 customer = 0;  ///< index of the customer within the run
    quint64 key = 0;      ///< the supply key (supplyKey()): seeds the meter's own random streams
    Commodity commodity{};
    Market market = Market::GB;
    CustomerClass customerClass = CustomerClass::Residential;
    bool secondary = false;  ///< a further electricity supply at the premise (an annex, a garage)
    int intervalMinutes = 60;
    const char *timeZone = "";
    int standardOffsetHours = 0;  ///< the zone's offset from UTC outside daylight-saving time
    double latitude = 0, longitude = 0;
    /// Readings cover the local days [firstDay, endDay) (days since 1970-01-01): from the
    /// later of the history start and the installation, to the reference day or the removal.
    qint64 firstDay = 0, endDay = 0;
    /// From this day the premise stands empty (closed account, meter left in): standby only.
    qint64 vacantFrom = 0;
    int residents = 0;  ///< households; 0 for businesses
    // Appliances at the premise, nameplate W (0: none).
    int solarW = 0, batteryW = 0, evW = 0, heatPumpW = 0, electricHeatingW = 0, airConditioningW = 0, waterHeaterW = 0,
        poolPumpW = 0, pumpW = 0;
    bool gasBoiler = false;
    std::array<Channel, 3> channels{};
    int channelCount = 0;
    /// A planted interval anomaly (AnomalyKind::IntervalGapDay...) on this meter, else -1.
    int anomaly = -1;
    qint64 anomalyDay = 0;  ///< its first day
};

} // namespace Ud::Demo
