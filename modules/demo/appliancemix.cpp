#include "appliancemix.h"

namespace Ud::Demo {

ApplianceMix ApplianceMix::draw(Random &rng, Market market, CustomerClass cls, bool hasGas, bool forceSolar)
{
    ApplianceMix mix;
    const int m = int(market);
    // Capacities: a base plus whole steps, so they read like nameplate ratings.
    auto watts = [&rng](int base, int steps, int step) { return base + int(rng.below(quint32(steps))) * step; };
    switch (cls) {
    case CustomerClass::Residential: {
        // Shares per market, in the order GB, DE, CN, ES.
        static const double solarShare[] = {0.10, 0.18, 0.05, 0.12};
        static const double batteryShare[] = {0.35, 0.55, 0.15, 0.30};
        static const double evShare[] = {0.08, 0.07, 0.05, 0.04};
        static const int evPower[] = {7400, 11000, 7000, 7400};
        static const double heatPumpShare[] = {0.04, 0.09, 0.02, 0.05};
        static const double electricHeatingShare[] = {0.15, 0.08, 0.05, 0.20};
        static const double airConditioningShare[] = {0.03, 0.04, 0.75, 0.45};
        static const double waterHeaterShare[] = {0.10, 0.12, 0.55, 0.25};
        mix.solar = rng.chance(solarShare[m]) || forceSolar;
        if (mix.solar) {
            mix.add("solar_pv", watts(2500, 76, 100));
            if (rng.chance(batteryShare[m]))
                mix.add("battery", watts(3000, 21, 100));
        }
        if (rng.chance(evShare[m]))
            mix.add("ev_charger", evPower[m]);
        if (rng.chance(heatPumpShare[m]))
            mix.add("heat_pump", watts(5000, 71, 100));
        if (hasGas && rng.chance(market == Market::CN ? 0.6 : 0.85))
            mix.add("gas_boiler", watts(24000, 12, 1000));
        else if (!hasGas && rng.chance(electricHeatingShare[m]))
            mix.add("electric_heating", watts(2000, 71, 100));
        if (rng.chance(airConditioningShare[m]))
            mix.add("air_conditioning", watts(2500, 46, 100));
        if (market == Market::ES && rng.chance(0.04))
            mix.add("pool_pump", watts(750, 16, 50));
        if (rng.chance(waterHeaterShare[m]))
            mix.add("water_heater", watts(1500, 16, 100));
        break;
    }
    case CustomerClass::Commercial:
        mix.solar = rng.chance(0.12) || forceSolar;
        if (mix.solar)
            mix.add("solar_pv", watts(10000, 91, 1000));
        if (rng.chance(0.12))
            mix.add("ev_charger", 22000);
        if (rng.chance(0.06))
            mix.add("heat_pump", watts(15000, 36, 1000));
        if (hasGas && rng.chance(0.7))
            mix.add("gas_boiler", watts(40000, 61, 1000));
        else if (rng.chance(0.2))
            mix.add("electric_heating", watts(9000, 31, 1000));
        if (rng.chance(market == Market::GB ? 0.35 : 0.55))
            mix.add("air_conditioning", watts(7000, 44, 1000));
        if (rng.chance(0.3))
            mix.add("water_heater", watts(3000, 10, 1000));
        break;
    case CustomerClass::Industrial:
        mix.solar = rng.chance(0.25) || forceSolar;
        if (mix.solar)
            mix.add("solar_pv", watts(50000, 451, 1000));
        if (mix.solar && rng.chance(0.3))
            mix.add("battery", watts(50000, 201, 1000));
        if (rng.chance(0.2))
            mix.add("ev_charger", 50000);
        if (hasGas && rng.chance(0.6))
            mix.add("gas_boiler", watts(150000, 351, 1000));
        if (rng.chance(0.5))
            mix.add("air_conditioning", watts(30000, 171, 1000));
        break;
    case CustomerClass::Agricultural:
        if (rng.chance(0.9))
            mix.add("agricultural_pump", watts(5500, 140, 500));
        mix.solar = rng.chance(0.3) || forceSolar;
        if (mix.solar)
            mix.add("solar_pv", watts(10000, 91, 1000));
        if (rng.chance(0.2))
            mix.add("water_heater", watts(3000, 10, 1000));
        if (rng.chance(0.1))
            mix.add("electric_heating", watts(6000, 25, 1000));
        break;
    }
    return mix;
}

} // namespace Ud::Demo
