#pragma once

#include "intervalday.h"

#include <accounts/meter.h>

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Ud::Metering::Espi {

// The NAESB REQ.21 (ESPI) code lists the Green Button importer needs, with the values taken
// from the ESPI schema as the Green Button Alliance publishes it (usage.xsd, version 3.3,
// GreenButtonAlliance/OpenESPI-Common-java, src/main/resources/schemas/v3.3/usage.xsd:
// ServiceKind, CommodityKind, UnitSymbolKind, UnitMultiplierKind, FlowDirectionKind,
// AccumulationKind, QualityOfReading, DstRuleType).

inline constexpr QStringView atomNamespace = u"http://www.w3.org/2005/Atom";
inline constexpr QStringView espiNamespace = u"http://naesb.org/espi";

/// ServiceCategory/kind (ServiceKind): 0 electricity, 1 gas, 2 water; the others (time, heat,
/// refuse, sewerage, rates, tvLicence, internet, weather) are not metered commodities here.
std::optional<Accounts::Commodity> commodityFromServiceKind(qint64 kind);
/// ReadingType/commodity (CommodityKind) when a usage point has no ServiceCategory:
/// 1, 2, 26 electricity (secondary, primary, transmission metered), 7 natural gas, 8 propane
/// (gas), 9 potable water, 14 non-potable water (water).
std::optional<Accounts::Commodity> commodityFromReadingType(qint64 commodity);

/// ReadingType/flowDirection (FlowDirectionKind) values the importer accepts.
enum class Flow { Forward, Reverse, Net };
/// 0 none and 1 forward ("delivered") are Forward, 4 net, 19 reverse ("received"); the
/// quadrant, lagging/leading and total directions are not a channel of their own.
std::optional<Flow> flowFromCode(qint64 code);

/// ReadingType/accumulationBehaviour (AccumulationKind): 4 deltaData (and 0 none, which the
/// schema defines as "implied by the unit of measure") are interval consumption; 1 bulkQuantity,
/// 3 cumulative and 9 summation are register values. Others (continuousCumulative, indicating,
/// timeDelay, instantaneous, latching, bounded) are not consumption.
enum class Accumulation { Delta, Cumulative };
std::optional<Accumulation> accumulationFromCode(qint64 code);

/// QualityOfReading to Quality:
///  - Actual: 0 valid, 10 questionable (a meter value that failed a check; validation decides),
///    14 raw, 16 other, 17 validated, 18 verified, 19 revenue-quality, and codes the list lacks;
///  - Estimated: 8 estimated using reference day, 9 estimated using linear interpolation,
///    11 derived, 12 projected (forecast), 13 mixed;
///  - Edited: 7 manually edited, 15 normalized for weather.
Quality qualityFromCode(qint64 code);
/// Of several ReadingQuality codes on one reading the strongest wins: Estimated over Edited over
/// Actual (a value that was estimated stays an estimate even when a person approved it).
Quality strongerQuality(Quality a, Quality b);

/// An exact conversion of an ESPI value (an integer times 10^powerOfTenMultiplier in the
/// ReadingType's unit) to the channel's base unit, rounded half away from zero. Integer
/// arithmetic only (128-bit intermediates), so no value drifts.
///
/// Units (UnitSymbolKind) and factors:
///  - 72 Wh -> Wh; 73 VArh -> varh (reactive);
///  - 169 therm -> Wh: 29,307.107 Wh, 100,000 International Table Btu (the EC therm,
///    105,505,585.257 J), the factor every UtilityDesk importer uses so a meter's gas reads
///    the same from XML and CSV. (NIST SP 811's "therm (U.S.)", 100,000 Btu at 59 F, is
///    0.024 % smaller; US gas bills define the therm as 100,000 Btu without the temperature.)
///  - 132 Btu -> Wh: the International Table Btu, 1,055.05585262 J;
///  - 42 m³ -> 1,000 L; 166, 167 m³ (un)compensated -> 1,000 L; 119 ft³ and 120 ft³
///    compensated -> 28.316846592 L (exact: 0.3048³ m³); 134 L; 128 US gallon -> 3.785411784 L;
///    130 imperial gallon -> 4.54609 L.
class Scale
{
public:
    enum class Problem { None, Power, NotEnergyOrVolume, Multiplier };
    /// The scale for a unit and multiplier; `problem` says why there is none.
    static std::optional<Scale> make(qint64 uom, qint64 powerOfTenMultiplier, Problem *problem);

    Accounts::ChannelUnit unit() const { return m_unit; }
    bool isVolume() const { return m_unit == Accounts::ChannelUnit::Litre; }
    bool isReactive() const { return m_unit == Accounts::ChannelUnit::VarHour; }
    /// The value in base units; false if the value is outside ESPI's Int48 range or the result
    /// does not fit 64 bits.
    bool convert(qint64 value, qint64 *out) const;

private:
    __extension__ typedef __int128 Wide;

    Accounts::ChannelUnit m_unit = Accounts::ChannelUnit::WattHour;
    Wide m_numerator = 1;   ///< value * m_numerator / m_denominator
    Wide m_denominator = 1;
};

/// The symbol of a unit code for messages ("W", "therm"); empty for codes not listed.
QString uomSymbol(qint64 uom);

/// A decoded DstRuleType (HexBinary32): bits 0-11 seconds, 12-16 hours, 17-19 day of week
/// (1 Monday .. 7 Sunday, 0 n/a), 20-24 day of month (0 n/a), 25-27 operator, 28-31 month.
/// Operators: 0 on the day of month, 1 the weekday on or after the day of month, 2-6 the
/// first..fifth such weekday of the month, 7 the last. 0xFFFFFFFF disables DST.
/// The time is the local clock time just before the change (US: 02:00 for both).
struct DstRule {
    int month = 0;
    int op = 0;
    int dayOfMonth = 0;
    int dayOfWeek = 0;
    int secondsOfDay = 0;
};
std::optional<DstRule> decodeDstRule(quint32 value);
/// The UTC instant of the rule in a year; nullopt if the rule names no day that year.
/// `offsetBefore` is the UTC offset in force just before the change.
std::optional<qint64> dstTransitionUtc(const DstRule &rule, int year, qint64 offsetBefore);

/// An IANA zone whose standard offset is `tzOffset` and whose DST changes in each year of
/// [firstYear, lastYear] fall where the ESPI rules say (the end rule may be stated in standard
/// or in daylight time); of several such zones the first by name that Windows' zone mapping
/// treats as its region's default (America/Los_Angeles for US Pacific), else the first by name. Without DST
/// (dstOffset 0 or a disabled rule) the fixed-offset id ("UTC-08:00"). Empty if nothing
/// matches. Results are cached for the process.
QString timeZoneFor(qint64 tzOffset, qint64 dstOffset, quint32 dstStartRule, quint32 dstEndRule,
                    int firstYear, int lastYear);

} // namespace Ud::Metering::Espi
