#include "supplies.h"

#include "formats.h"

namespace Ud::Demo {

using Formats::appendNumber;

const char *commodityKey(Commodity c)
{
    switch (c) {
    case Commodity::Electricity: return "electricity";
    case Commodity::Gas: return "gas";
    case Commodity::Water: return "water";
    }
    return "electricity";
}

void appendSupplyIdentifier(std::string &out, Market market, Commodity commodity, const Location &loc, quint64 key)
{
    switch (market) {
    case Market::GB:
        if (commodity == Commodity::Electricity) {
            const std::size_t start = out.size();
            out += loc.city->distributor;
            appendNumber(out, key, 10);
            out.push_back(char('0' + Formats::mpanCheckDigit(std::string_view(out).substr(start))));
        } else if (commodity == Commodity::Gas) {
            appendNumber(out, key, 10);  // MPRN
        } else {
            appendNumber(out, key, 10);  // water supply point id
            out += "W";
            appendNumber(out, key % 97, 2);
        }
        break;
    case Market::DE:
        out += "DE";
        // Gas and water points belong to other operators: 7xx/8xx plus the city's last three digits.
        if (commodity == Commodity::Electricity) {
            out += loc.city->distributor;
        } else {
            out += commodity == Commodity::Gas ? "700" : "800";
            out += std::string_view(loc.city->distributor).substr(3);
        }
        appendNumber(out, quint64(loc.city->postcodeLow), 5);
        appendNumber(out, key, 20);
        break;
    case Market::CN:
        if (commodity == Commodity::Gas)
            out += "7";
        else if (commodity == Commodity::Water)
            out += "31";
        appendNumber(out, key, 10);
        break;
    case Market::ES:
        if (commodity == Commodity::Water) {
            out += "CA";
            appendNumber(out, key, 10);
        } else {
            const char *distributor = commodity == Commodity::Gas ? "0230" : loc.city->distributor;
            const quint64 sixteen = quint64(std::stoull(distributor)) * 1000000000000ULL + key;
            out += "ES";
            appendNumber(out, sixteen, 16);
            Formats::appendCupsLetters(out, sixteen);
            out += "0F";
        }
        break;
    }
}

void appendMeterSerial(std::string &out, Random &rng, Market market, Commodity commodity, int year, quint64 key)
{
    static const char *const gbElectric[] = {"K", "L", "E", "S"};
    static const char *const deElectric[] = {"1EMH", "1ESY", "1ITR", "1LGZ"};
    static const char *const deGas[] = {"7ELS", "7ITR"};
    static const char *const esElectric[] = {"ORB", "ZIV", "SAG", "CIR"};
    const bool electric = commodity == Commodity::Electricity;
    const bool gas = commodity == Commodity::Gas;
    switch (market) {
    case Market::GB:
        out += electric ? rng.pick(gbElectric) : gas ? "G4E" : "WM";
        break;
    case Market::DE:
        out += electric ? rng.pick(deElectric) : gas ? rng.pick(deGas) : "6ZRI";
        break;
    case Market::CN:
        out += electric ? "DD" : gas ? "RQ" : "SB";
        break;
    case Market::ES:
        out += electric ? rng.pick(esElectric) : gas ? "GAS" : "AGU";
        break;
    }
    appendNumber(out, quint64(year % 100), 2);
    appendNumber(out, key, 10);
}

int electricityInterval(Random &rng, Market market)
{
    static const double shares[MarketCount][3] = {
        {5, 85, 10},  // GB
        {70, 0, 30},  // DE
        {50, 0, 50},  // CN
        {20, 0, 80},  // ES
    };
    static const int minutes[] = {15, 30, 60};
    return minutes[rng.weighted(shares[int(market)])];
}

} // namespace Ud::Demo
