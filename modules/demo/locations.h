#pragma once

#include "localedata.h"
#include "random.h"
#include "rowbatch.h"

#include <string_view>

namespace Ud::Demo {

/// Where a premise lies: its city (and Chinese district), coordinates, and its place on the
/// network. The network follows geography: a 4 km grid around the city centre picks the
/// substation, 1 km cells the feeder and 250 m cells the transformer, so neighbours share them
/// as they would on a real network.
struct Location {
    const City *city = nullptr;
    const District *district = nullptr;
    double latitude = 0, longitude = 0;
    int substation = 1, feeder = 1, transformer = 1;
};

Location drawLocation(Random &rng, const MarketData &market, CustomerClass customerClass);

/// Appends one premises row (columns of tableSpec(Table::Premises)) with an address in the
/// market's format: "42 High Street" / "Hauptstraße 12" / "北京市朝阳区建国路88号" /
/// "Calle Mayor, 12"; flat, floor or building/unit/room in the second line; postcodes of the
/// country's shape; network codes SUB-LDN-03 / FDR-LDN-03-2 / TX-LDN-03-2-17.
/// `swapCoordinates` plants the swapped latitude/longitude anomaly.
void appendPremise(TableRows &rows, Random &rng, const MarketData &market, CustomerClass customerClass,
                   const Location &location, std::string_view premiseId, bool swapCoordinates);

} // namespace Ud::Demo
