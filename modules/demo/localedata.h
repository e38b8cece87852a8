#pragma once

#include <span>

namespace Ud::Demo {

/// The four markets the demo data covers (they match sql/0002_markets.sql).
enum class Market { GB, DE, CN, ES };
inline constexpr int MarketCount = 4;

enum class CustomerClass { Residential, Commercial, Industrial, Agricultural };

/// A name in its own script; `ascii` is the Latin transliteration used for e-mail addresses
/// where the script is not Latin (pinyin for Chinese), else null.
struct Name {
    const char *text;
    const char *ascii = nullptr;
};

/// A Chinese urban district: its postcode and the six-digit administrative code that opens
/// the resident identity card numbers issued there.
struct District {
    const char *name;
    const char *postcode;
    const char *adminCode;
};

/// A city demo premises are placed around, with what its addresses and network codes need.
struct City {
    const char *name;         ///< as written in an address ("München", "北京市")
    const char *shortName;    ///< inside business names ("北京"); same as name elsewhere
    const char *region;       ///< county/state/province/comunidad
    const char *code;         ///< three letters for substation/feeder/transformer codes
    const char *timeZone;     ///< IANA
    double latitude;
    double longitude;
    double kmPerDegreeLongitude;  ///< 111.32 * cos(latitude), precomputed so no libm call varies
    double weight;            ///< share of the market's premises
    int substations;
    std::span<const char *const> outwardCodes;  ///< GB postcode districts
    int postcodeLow = 0;      ///< DE/ES numeric postcode range
    int postcodeHigh = 0;
    std::span<const District> districts;        ///< CN
    const char *distributor = "";  ///< GB MPAN distributor id, DE network operator, ES CUPS distributor
    int utcOffsetHours = 0;   ///< standard time, to keep contact times inside office hours
    const char *areaCode = "";  ///< landline dialling code without the trunk prefix
    const char *coast = "";     ///< where the sea lies ("NE": north and east), so premises stay on land
};

/// Name of a business in a market, by class and business type. Pattern tokens: {F} family
/// name, {G} given name, {C} city, {B} a Chinese trade name.
struct BusinessKind {
    CustomerClass customerClass;
    const char *type;
    double weight;
    const char *pattern;
};

/// A sentence an agent would write after a contact, in the market's language, for a reason
/// key: bill, payment, usage, outage, move, program, meter or complaint.
struct ContactNote {
    const char *reason;
    const char *summary;
};

struct MarketData {
    Market market;
    const char *code;       ///< market code and ISO country
    const char *language;   ///< customers.language
    std::span<const Name> maleGiven;
    std::span<const Name> femaleGiven;
    std::span<const Name> family;
    std::span<const char *const> streets;
    std::span<const City> cities;
    std::span<const BusinessKind> businesses;
    std::span<const ContactNote> notes;
    std::span<const char *const> agents;
    std::span<const char *const> tradeNames;   ///< CN only: first character of a trade name
    std::span<const char *const> tradeNames2;  ///< CN only: second character
    const char *countryCallingCode;  ///< "+44"
    const char *mobilePrefix;        ///< after the calling code, before 8 digits
    int landlineDigits;              ///< national number length for landlines; 0: area code + 8 digits
    const char *lifeSupportNote;     ///< what a life-support flag typically records
};

const MarketData &marketData(Market market);
const char *customerClassKey(CustomerClass c);

} // namespace Ud::Demo
