#pragma once

#include "localedata.h"
#include "random.h"

namespace Ud::Demo {

/// The appliances found at one premise, drawn by customer class and market with the shares
/// seen in each country (air conditioning and electric water heaters in most Chinese homes,
/// heat pumps and rooftop solar commoner in Germany, pumps on nearly every farm...), with
/// capacities in W of the right size for a home, a shop, a factory or a farm. A gas boiler only
/// where gas is supplied.
struct ApplianceMix {
    struct Item {
        const char *kind;
        int capacityW;
    };
    static constexpr int MaxItems = 10;

    Item items[MaxItems];
    int count = 0;
    bool solar = false;

    static ApplianceMix draw(Random &rng, Market market, CustomerClass customerClass, bool hasGas, bool forceSolar);

private:
    void add(const char *kind, int capacityW) { items[count++] = {kind, capacityW}; }
};

} // namespace Ud::Demo
