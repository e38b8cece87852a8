#include "locations.h"

#include "formats.h"

#include <algorithm>
#include <cmath>

namespace Ud::Demo {

namespace {

using Formats::appendNumber;

const City &pickCity(Random &rng, const MarketData &market)
{
    double total = 0;
    for (const City &c : market.cities)
        total += c.weight;
    double r = rng.unit() * total;
    for (const City &c : market.cities) {
        if (r < c.weight)
            return c;
        r -= c.weight;
    }
    return market.cities.back();
}

int floorDiv(double value, double cell)
{
    return int(std::floor(value / cell));
}

int positiveMod(int value, int mod)
{
    const int r = value % mod;
    return r < 0 ? r + mod : r;
}

double roundMicro(double degrees)
{
    return std::round(degrees * 1e6) / 1e6;
}

void appendStreetLine(std::string &s, Random &rng, const MarketData &market, CustomerClass cls, const Location &loc)
{
    const int number = 1 + int(rng.below(cls == CustomerClass::Residential ? 180 : 60));
    const char *street = rng.pick(market.streets);
    switch (market.market) {
    case Market::GB:
        appendNumber(s, quint64(number));
        s += ' ';
        s += street;
        break;
    case Market::DE:
        s += street;
        s += ' ';
        appendNumber(s, quint64(number));
        if (rng.chance(0.08))
            s += rng.chance(0.5) ? "a" : "b";
        break;
    case Market::CN:
        s += loc.city->name;
        s += loc.district ? loc.district->name : "";
        s += street;
        appendNumber(s, quint64(number));
        s += "号";
        break;
    case Market::ES:
        s += street;
        s += ", ";
        appendNumber(s, quint64(number));
        break;
    }
}

/// Flat, floor, or Chinese building/unit/room; households only.
void appendSecondLine(std::string &s, Random &rng, Market market)
{
    switch (market) {
    case Market::GB:
        if (rng.chance(0.2)) {
            s += "Flat ";
            appendNumber(s, 1 + rng.below(24));
        }
        break;
    case Market::DE:
        if (rng.chance(0.35)) {
            appendNumber(s, 1 + rng.below(5));
            s += ". OG";
        }
        break;
    case Market::CN:
        appendNumber(s, 1 + rng.below(30));
        s += "号楼";
        appendNumber(s, 1 + rng.below(4));
        s += "单元";
        appendNumber(s, 1 + rng.below(33));
        appendNumber(s, 1 + rng.below(4), 2);
        s += "室";
        break;
    case Market::ES:
        if (rng.chance(0.7)) {
            appendNumber(s, 1 + rng.below(9));
            s += "º ";
            s.push_back(char('A' + rng.below(4)));
        }
        break;
    }
}

void appendPostcode(std::string &s, Random &rng, Market market, const Location &loc)
{
    switch (market) {
    case Market::GB: {
        // Outward code of the city's districts, then digit and two letters (never C I K M O V).
        static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
        s += rng.pick(loc.city->outwardCodes);
        s += ' ';
        appendNumber(s, rng.below(10));
        s.push_back(inward[rng.below(20)]);
        s.push_back(inward[rng.below(20)]);
        break;
    }
    case Market::CN:
        s += loc.district ? loc.district->postcode : "";
        break;
    case Market::DE:
    case Market::ES:
        appendNumber(s, quint64(loc.city->postcodeLow) + rng.below(quint32(loc.city->postcodeHigh - loc.city->postcodeLow + 1)),
                     5);
        break;
    }
}

void appendNetworkCode(std::string &s, const char *kind, const Location &loc, int depth)
{
    s += kind;
    s += '-';
    s += loc.city->code;
    s += '-';
    appendNumber(s, quint64(loc.substation), 2);
    if (depth >= 2) {
        s += '-';
        appendNumber(s, quint64(loc.feeder));
    }
    if (depth >= 3) {
        s += '-';
        appendNumber(s, quint64(loc.transformer));
    }
}

} // namespace

Location drawLocation(Random &rng, const MarketData &market, CustomerClass cls)
{
    Location loc;
    loc.city = &pickCity(rng, market);
    if (!loc.city->districts.empty())
        loc.district = &rng.pick(loc.city->districts);
    // Offsets in km: households cluster in town, industry on the edge, farms well outside.
    double dx, dy;
    if (cls == CustomerClass::Agricultural) {
        dx = rng.gauss() * 10.0;
        dy = rng.gauss() * 10.0;
        dx += dx < 0 ? -6.0 : 6.0;
    } else if (cls == CustomerClass::Industrial) {
        dx = rng.gauss() * 7.0;
        dy = rng.gauss() * 7.0;
    } else {
        dx = rng.gauss() * 3.5;
        dy = rng.gauss() * 3.5;
    }
    // Coastal cities: an offset towards the sea is mirrored inland.
    const std::string_view coast(loc.city->coast);
    if ((dx > 0 && coast.find('E') != std::string_view::npos) || (dx < 0 && coast.find('W') != std::string_view::npos))
        dx = -dx;
    if ((dy > 0 && coast.find('N') != std::string_view::npos) || (dy < 0 && coast.find('S') != std::string_view::npos))
        dy = -dy;
    loc.latitude = roundMicro(loc.city->latitude + dy / 110.574);
    loc.longitude = roundMicro(loc.city->longitude + dx / loc.city->kmPerDegreeLongitude);
    const int gx = std::clamp(floorDiv(dx, 4.0), -2, 1) + 2;
    const int gy = std::clamp(floorDiv(dy, 4.0), -2, 1) + 2;
    loc.substation = 1 + (gy * 4 + gx) % loc.city->substations;
    loc.feeder = 1 + positiveMod(floorDiv(dx, 1.0) * 7 + floorDiv(dy, 1.0) * 13, 6);
    loc.transformer = 1 + positiveMod(floorDiv(dx, 0.25) * 31 + floorDiv(dy, 0.25) * 17, 40);
    return loc;
}

void appendPremise(TableRows &rows, Random &rng, const MarketData &market, CustomerClass cls, const Location &loc,
                   std::string_view premiseId, bool swapCoordinates)
{
    rows.text(premiseId);
    appendStreetLine(rows.beginText(), rng, market, cls, loc);
    rows.endText();
    std::string &second = rows.beginText();
    if (cls == CustomerClass::Residential)
        appendSecondLine(second, rng, market.market);
    rows.endText();
    rows.text(loc.city->name);
    appendPostcode(rows.beginText(), rng, market.market, loc);
    rows.endText();
    rows.text(loc.city->region);
    rows.text(market.code);
    rows.text(loc.city->timeZone);
    appendNetworkCode(rows.beginText(), "SUB", loc, 1);
    rows.endText();
    appendNetworkCode(rows.beginText(), "FDR", loc, 2);
    rows.endText();
    appendNetworkCode(rows.beginText(), "TX", loc, 3);
    rows.endText();
    rows.real(swapCoordinates ? loc.longitude : loc.latitude);
    rows.real(swapCoordinates ? loc.latitude : loc.longitude);
}

} // namespace Ud::Demo
