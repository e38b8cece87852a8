#pragma once

#include "locations.h"

#include <string>

namespace Ud::Demo {

enum class Commodity { Electricity, Gas, Water };
const char *commodityKey(Commodity commodity);

/// Identifiers are built around the customer ordinal plus these bases, so their width stays
/// fixed up to MaxOrdinal.
inline constexpr quint64 SupplyKeyBase = 1000000000;    ///< + ordinal * 100 + supply: ten digits
inline constexpr quint64 AccountNumberBase = 100000000; ///< + ordinal: nine digits
inline constexpr qint64 MaxOrdinal = 89999999;

/// Ten digits unique per (customer ordinal, supply number): the tail of every service point
/// identifier and meter serial, so none of them can collide, not even across runs on one
/// database. They ascend with the ordinal, as utilities hand out numbers in blocks, which also
/// keeps the identifier and serial indexes growing at their ends.
inline quint64 supplyKey(qint64 ordinal, int supply)
{
    return SupplyKeyBase + quint64(ordinal) * 100 + quint64(supply);
}

/// The market's identifier of a supply point, ending in `key`: GB MPAN core (distributor, ten
/// digits, check digit) or MPRN, the German Zählpunktbezeichnung (DE, operator, postcode,
/// 20 digits), the Spanish CUPS (ES, distributor, 12 digits, two control letters, 0F), Chinese
/// account numbers, water supply point ids.
void appendSupplyIdentifier(std::string &out, Market market, Commodity commodity, const Location &location, quint64 key);
/// A meter serial in the style of the market's manufacturers: maker code, year, `key`.
void appendMeterSerial(std::string &out, Random &rng, Market market, Commodity commodity, int year, quint64 key);
/// Interval length of an electricity meter: settlement practice is half-hourly in GB,
/// quarter-hourly in DE, hourly curves in ES, a mix in CN.
int electricityInterval(Random &rng, Market market);

} // namespace Ud::Demo
