#include "readingsynth.h"

#include "runplan.h"
#include "supplies.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Ud::Demo {

using Metering::IntervalDay;
using Metering::Quality;
using Metering::ReadingStore;

namespace {

// Only +, -, *, / and sqrt (all exactly rounded by IEEE 754) and cosTurns() below: the same
// seed must give the same readings with every C library.

/// A smooth bump of height 1 at `centre` hours, reaching 0 at +-`width`; wraps around midnight.
double bump(double t, double centre, double width)
{
    double sum = 0;
    for (const double c : {centre - 24.0, centre, centre + 24.0}) {
        const double u = (t - c) / width;
        if (u > -1.0 && u < 1.0) {
            const double v = 1.0 - u * u;
            sum += v * v;
        }
    }
    return sum;
}

/// 1 from `open` to `close` hours, with half-hour ramps either side.
double plateau(double t, double open, double close)
{
    return std::clamp(t - open + 0.5, 0.0, 1.0) * std::clamp(close + 0.5 - t, 0.0, 1.0);
}

/// Approximately normal, mean 0 and deviation 1, from a single draw (four 16-bit uniforms).
double quickGauss(Random &r)
{
    const quint64 x = r.next();
    const double s = double(x & 0xffff) + double((x >> 16) & 0xffff) + double((x >> 32) & 0xffff) + double(x >> 48);
    return (s / 65536.0 - 2.0) * 1.7320508075688772;
}

/// Minutes of [lo, hi) inside [a, b).
double overlap(double lo, double hi, double a, double b)
{
    return std::max(0.0, std::min(hi, b) - std::max(lo, a));
}

qint64 whole(double v)
{
    return v <= 0 ? 0 : qint64(v + 0.5);
}

enum DayKind { Weekday, Saturday, Sunday };

/// Everything about a meter's use that stays the same from day to day, drawn once from the
/// meter's own stream. Shares are per slot of a standard day and add up to 1 over the day
/// for a weekday's base load (weekend days to their level relative to it).
struct Model {
    int count = 0;  ///< of a day without a clock change
    std::vector<double> base[3];
    std::vector<double> heat, cool, hotWater, cooking, irrigation;
    double daily = 0;      ///< base use of an average weekday: Wh or L
    double winterGain = 0; ///< base use grows by this share in midwinter (lighting, indoor life)
    double summerGain = 0; ///< water: garden and showers
    double sigmaSlot = 0.1, sigmaDay = 0.05;
    double heatPerDegreeDay = 0, heatBelow = 15.5;
    double coolPerDegreeDay = 0, coolAbove = 21.0;
    double hotWaterDaily = 0, cookingDaily = 0;
    double standbyPerHour = 0;  ///< an empty premise
    double meanTemperature = 10, temperatureSwing = 7;
    // Electricity only.
    double evWatts = 0, evWeekdayChance = 0, evWeekendChance = 0;
    double poolWatts = 0;
    double pumpWatts = 0;          ///< irrigation pump (electricity) or its flow in L/h (water)
    double solarWatts = 0, dayLengthSwing = 0, solarNoonStandard = 12;
    double batteryWh = 0, batteryWatts = 0;
    double tanPhi = 0.3;
};

template<typename F>
std::vector<double> shape(int count, int interval, F f)
{
    std::vector<double> v(static_cast<std::size_t>(count));
    for (int s = 0; s < count; ++s)
        v[std::size_t(s)] = f((double(s) + 0.5) * double(interval) / 60.0);
    return v;
}

double sumOf(const std::vector<double> &v)
{
    double s = 0;
    for (const double x : v)
        s += x;
    return s;
}

void scale(std::vector<double> &v, double by)
{
    for (double &x : v)
        x *= by;
}

/// Normalises `weekday` to add up to 1 and the weekend shapes by the same factor; returns the
/// mean use of a day over a week relative to a weekday.
double normaliseWeek(std::vector<double> (&base)[3])
{
    const double total = sumOf(base[Weekday]);
    for (auto &v : base)
        scale(v, 1.0 / total);
    return (5.0 + sumOf(base[Saturday]) + sumOf(base[Sunday])) / 7.0;
}

void normalise(std::vector<double> &v)
{
    const double total = sumOf(v);
    if (total > 0)
        scale(v, 1.0 / total);
}

/// Business hours drawn for a shop, office or workshop.
struct Hours {
    double open, close, saturday, sunday;
};

Hours drawHours(Random &p)
{
    Hours h;
    h.open = 7.0 + 0.5 * double(p.below(5));
    h.close = 17.0 + double(p.below(4));
    const bool retail = p.chance(0.4);
    h.saturday = retail ? 0.7 + 0.3 * p.unit() : 0.15 + 0.35 * p.unit();
    h.sunday = retail && p.chance(0.5) ? 0.4 + 0.4 * p.unit() : 0.0;
    return h;
}

/// Industrial shifts: 1, 2 or 3 a day.
struct Shifts {
    int count;
    double saturday, sunday;
};

Shifts drawShifts(Random &p)
{
    static const double weights[] = {30, 40, 30};
    Shifts s;
    s.count = 1 + p.weighted(weights);
    s.saturday = s.count == 3 ? 0.6 + 0.35 * p.unit() : 0.2 + 0.5 * p.unit();
    s.sunday = s.saturday * (0.3 + 0.5 * p.unit());
    return s;
}

double shiftLoad(double t, int count)
{
    switch (count) {
    case 1: return plateau(t, 6.0, 15.0) * (1.0 - 0.2 * bump(t, 12.0, 0.7));
    case 2: return plateau(t, 6.0, 22.0) * (1.0 - 0.1 * bump(t, 14.0, 0.5));
    default: return 1.0 - 0.08 * (bump(t, 6.0, 0.5) + bump(t, 14.0, 0.5) + bump(t, 22.0, 0.5));
    }
}

void climate(Model &m, const MeterProfile &meter)
{
    // Mean temperature falls with latitude; the yearly swing is wider inland and in China's
    // continental climate, narrow on the Atlantic islands.
    m.meanTemperature = 31.0 - 0.42 * meter.latitude;
    switch (meter.market) {
    case Market::GB: m.temperatureSwing = 6.5; break;
    case Market::DE: m.temperatureSwing = 9.0; break;
    case Market::CN: m.temperatureSwing = 0.38 * meter.latitude - 1.5; break;
    case Market::ES: m.temperatureSwing = meter.latitude < 30.0 ? 3.5 : 9.5; break;
    }
}

void electricity(Model &m, const MeterProfile &meter, Random &p, int interval)
{
    const int n = m.count;
    const double u = p.unit();
    switch (meter.customerClass) {
    case CustomerClass::Residential: {
        const double am = std::clamp(7.0 + 0.8 * p.gauss(), 5.5, 9.0);
        const double pm = std::clamp(18.8 + 0.7 * p.gauss(), 17.0, 21.0);
        const double morning = 0.6 + 0.5 * p.unit();
        const double evening = 1.4 + 0.7 * p.unit();
        const double home = meter.residents == 1 && p.chance(0.35) ? 0.6 : 0.25;  // someone at home by day
        m.base[Weekday] = shape(n, interval, [&](double t) {
            return 0.32 + morning * bump(t, am, 1.6) + home * bump(t, 12.8, 3.0) + evening * bump(t, pm, 3.0)
                   + 0.18 * bump(t, 22.8, 1.5);
        });
        m.base[Saturday] = shape(n, interval, [&](double t) {
            return 0.32 + 0.9 * morning * bump(t, am + 1.4, 2.2) + 0.55 * bump(t, 13.0, 3.0) + evening * bump(t, pm, 3.2)
                   + 0.22 * bump(t, 23.0, 1.5);
        });
        m.base[Sunday] = m.base[Saturday];
        static const double annual[] = {2700, 2600, 2100, 3000};  // kWh of a two-person home
        double kWh = annual[int(meter.market)] * (0.5 + 0.2 * std::min(meter.residents, 6)) * (0.75 + 0.5 * u);
        if (meter.secondary)
            kWh = 500 + 1500 * u;
        m.winterGain = meter.market == Market::GB || meter.market == Market::DE ? 0.16 : 0.05;
        m.sigmaSlot = 0.32;
        m.sigmaDay = 0.1;
        m.daily = kWh * 1000.0 / 365.0 / normaliseWeek(m.base);
        m.standbyPerHour = 25 + 40 * p.unit();
        if (!meter.secondary) {
            if (meter.heatPumpW > 0) {
                m.heatPerDegreeDay = meter.heatPumpW * 0.22;
                m.heat = shape(n, interval, [](double t) { return 0.7 + 0.4 * bump(t, 6.5, 2.5) + 0.4 * bump(t, 18.0, 4.0); });
            } else if (meter.electricHeatingW > 0) {
                m.heatPerDegreeDay = meter.electricHeatingW * 0.4;
                m.heat = shape(n, interval, [](double t) { return 0.25 + bump(t, 7.0, 2.0) + 1.3 * bump(t, 19.0, 3.5); });
            }
            if (meter.airConditioningW > 0) {
                m.coolPerDegreeDay = meter.airConditioningW * 0.45;
                m.cool = shape(n, interval, [](double t) { return 0.1 + bump(t, 16.0, 6.0) + 0.5 * bump(t, 21.5, 2.5); });
            }
            if (meter.waterHeaterW > 0) {
                m.hotWaterDaily = 1200.0 * (0.6 + 0.25 * std::min(meter.residents, 6));
                m.hotWater = shape(n, interval, [](double t) { return 0.1 + bump(t, 7.0, 1.5) + 0.8 * bump(t, 20.0, 2.0); });
            }
            m.evWatts = meter.evW;
            m.evWeekdayChance = 0.45;
            m.evWeekendChance = 0.3;
            m.poolWatts = meter.poolPumpW;
        }
        break;
    }
    case CustomerClass::Commercial: {
        const Hours h = drawHours(p);
        const double night = 0.2 + 0.25 * p.unit();  // refrigeration, servers, security lighting
        auto open = [&](double t, double from, double to, double level) {
            return night + (1.0 - night) * level * plateau(t, from, to) * (1.0 + 0.08 * bump(t, 12.5, 1.5));
        };
        m.base[Weekday] = shape(n, interval, [&](double t) { return open(t, h.open, h.close, 1.0); });
        m.base[Saturday] = shape(n, interval, [&](double t) { return open(t, h.open + 1.0, h.close - 1.0, h.saturday); });
        m.base[Sunday] = shape(n, interval, [&](double t) { return open(t, h.open + 2.0, h.close - 3.0, h.sunday); });
        m.daily = 12000.0 * (1.0 + 24.0 * u * u) * 1000.0 / 365.0 / normaliseWeek(m.base);
        m.winterGain = 0.06;
        m.sigmaSlot = 0.08;
        m.sigmaDay = 0.05;
        m.standbyPerHour = m.daily * night / 24.0;
        if (meter.heatPumpW > 0 || meter.electricHeatingW > 0) {
            m.heatPerDegreeDay = (meter.heatPumpW * 0.25 + meter.electricHeatingW * 0.45);
            m.heat = shape(n, interval, [&](double t) { return 0.15 + plateau(t, h.open - 1.5, h.close); });
        }
        if (meter.airConditioningW > 0) {
            m.coolPerDegreeDay = meter.airConditioningW * 0.6;
            m.cool = shape(n, interval, [&](double t) { return plateau(t, h.open, h.close) * (0.6 + 0.4 * bump(t, 15.0, 4.0)); });
        }
        if (meter.waterHeaterW > 0) {
            m.hotWaterDaily = meter.waterHeaterW * 1.5;
            m.hotWater = shape(n, interval, [&](double t) { return plateau(t, h.open, h.close); });
        }
        m.evWatts = meter.evW;
        m.evWeekdayChance = 0.6;
        m.evWeekendChance = 0.2;
        m.tanPhi = 0.3 + 0.25 * p.unit();
        break;
    }
    case CustomerClass::Industrial: {
        const Shifts s = drawShifts(p);
        const double idle = 0.25 + 0.25 * p.unit();
        auto load = [&](double t, double level) { return idle + (1.0 - idle) * level * shiftLoad(t, s.count); };
        m.base[Weekday] = shape(n, interval, [&](double t) { return load(t, 1.0); });
        m.base[Saturday] = shape(n, interval, [&](double t) { return load(t, s.saturday); });
        m.base[Sunday] = shape(n, interval, [&](double t) { return load(t, s.sunday); });
        m.daily = 250000.0 * (1.0 + 20.0 * u * u) * 1000.0 / 365.0 / normaliseWeek(m.base);
        m.winterGain = 0.03;
        m.sigmaSlot = 0.05;
        m.sigmaDay = 0.04;
        m.standbyPerHour = m.daily * idle / 24.0;
        if (meter.airConditioningW > 0) {
            m.coolPerDegreeDay = meter.airConditioningW * 0.5;
            m.cool = shape(n, interval, [&](double t) { return 0.2 + shiftLoad(t, s.count); });
        }
        m.evWatts = meter.evW;
        m.evWeekdayChance = 0.5;
        m.evWeekendChance = 0.1;
        m.tanPhi = 0.35 + 0.3 * p.unit();
        break;
    }
    case CustomerClass::Agricultural: {
        const bool dairy = p.chance(0.5);
        m.base[Weekday] = shape(n, interval, [&](double t) {
            return dairy ? 0.4 + 1.2 * bump(t, 5.7, 1.2) + 1.0 * bump(t, 16.8, 1.2) + 0.3 * bump(t, 12.0, 4.0)
                         : 0.4 + 0.6 * bump(t, 12.0, 5.0);
        });
        m.base[Saturday] = m.base[Weekday];
        m.base[Sunday] = m.base[Weekday];
        m.daily = 6000.0 * (1.0 + 5.0 * u) * 1000.0 / 365.0 / normaliseWeek(m.base);
        m.winterGain = 0.08;
        m.sigmaSlot = 0.15;
        m.sigmaDay = 0.08;
        m.standbyPerHour = m.daily * 0.3 / 24.0;
        m.pumpWatts = meter.pumpW;
        if (meter.electricHeatingW > 0) {
            m.heatPerDegreeDay = meter.electricHeatingW * 0.3;
            m.heat = shape(n, interval, [](double t) { return 0.5 + plateau(t, 6.0, 18.0); });
        }
        if (meter.waterHeaterW > 0) {
            m.hotWaterDaily = meter.waterHeaterW * 1.2;
            m.hotWater = shape(n, interval, [](double t) { return 0.2 + bump(t, 6.0, 1.5) + bump(t, 17.0, 1.5); });
        }
        m.tanPhi = 0.4 + 0.3 * p.unit();
        break;
    }
    }
    if (!meter.secondary && meter.solarW > 0) {
        m.solarWatts = meter.solarW;
        // Hours of daylight swing further from 12 the further from the equator; the sun stands
        // highest when the premise's longitude says, not at 12:00 on the zone's clock.
        m.dayLengthSwing = 0.00135 * meter.latitude * meter.latitude + 0.02 * meter.latitude;
        m.solarNoonStandard = 12.0 + (meter.standardOffsetHours * 15.0 - meter.longitude) / 15.0;
        if (meter.batteryW > 0) {
            m.batteryWatts = meter.batteryW;
            m.batteryWh = meter.batteryW * 2.0;
        }
    }
}

void gas(Model &m, const MeterProfile &meter, Random &p, int interval)
{
    const int n = m.count;
    const double u = p.unit();
    m.sigmaSlot = 0.18;
    m.sigmaDay = 0.08;
    m.base[Weekday] = shape(n, interval, [](double t) { return 0.5 * bump(t, 12.5, 1.0) + bump(t, 18.5, 1.2); });
    switch (meter.customerClass) {
    case CustomerClass::Residential: {
        // Litres of natural gas: about 10.5 Wh each.
        const bool home = p.chance(0.3);
        m.cookingDaily = 30.0 + 50.0 * u;
        if (meter.gasBoiler) {
            m.heatPerDegreeDay = (300.0 + 400.0 * p.unit()) * (0.8 + 0.1 * std::min(meter.residents, 6));
            m.heat = shape(n, interval, [&](double t) {
                return 0.12 + 2.6 * bump(t, 6.6, 1.8) + (home ? 0.75 : 0.45) * plateau(t, 9.0, 16.0) + 1.9 * bump(t, 18.5, 3.8);
            });
            m.hotWaterDaily = 70.0 * std::min(meter.residents, 6) + 50.0;
            m.hotWater = shape(n, interval, [](double t) { return 0.05 + bump(t, 7.2, 1.3) + 0.8 * bump(t, 19.5, 2.0); });
        }
        break;
    }
    case CustomerClass::Commercial:
    case CustomerClass::Agricultural: {
        const Hours h = drawHours(p);
        m.cookingDaily = p.chance(0.3) ? 300.0 + 1700.0 * p.unit() : 0.0;  // catering
        m.heatPerDegreeDay = (meter.customerClass == CustomerClass::Commercial ? 2500.0 : 800.0) * (1.0 + 10.0 * u * u);
        m.heat = shape(n, interval, [&](double t) { return 0.1 + plateau(t, h.open - 1.5, h.close); });
        break;
    }
    case CustomerClass::Industrial: {
        const Shifts s = drawShifts(p);
        m.base[Weekday] = shape(n, interval, [&](double t) { return 0.15 + shiftLoad(t, s.count); });
        m.base[Saturday] = shape(n, interval, [&](double t) { return 0.15 + s.saturday * shiftLoad(t, s.count); });
        m.base[Sunday] = shape(n, interval, [&](double t) { return 0.15 + s.sunday * shiftLoad(t, s.count); });
        m.daily = 40000.0 * (1.0 + 10.0 * u * u) / normaliseWeek(m.base);  // process heat
        m.heatPerDegreeDay = 5000.0 * (1.0 + 5.0 * p.unit());
        m.heat = shape(n, interval, [&](double t) { return 0.2 + shiftLoad(t, s.count); });
        m.sigmaSlot = 0.07;
        return;
    }
    }
    m.base[Saturday] = m.base[Weekday];
    m.base[Sunday] = m.base[Weekday];
    normaliseWeek(m.base);
    m.daily = 0;
    m.cooking = m.base[Weekday];
    m.standbyPerHour = 0;
}

void water(Model &m, const MeterProfile &meter, Random &p, int interval)
{
    const int n = m.count;
    const double u = p.unit();
    m.summerGain = 0.12;
    switch (meter.customerClass) {
    case CustomerClass::Residential: {
        static const double perPerson[] = {142, 125, 118, 133};  // L a day
        m.base[Weekday] = shape(n, interval, [](double t) {
            return 0.03 + 3.0 * bump(t, 7.0, 1.5) + 0.6 * bump(t, 12.5, 1.5) + 2.0 * bump(t, 19.5, 2.5);
        });
        m.base[Saturday] = shape(n, interval, [](double t) {
            return 0.03 + 2.5 * bump(t, 8.8, 2.2) + 0.9 * bump(t, 13.0, 2.0) + 1.9 * bump(t, 19.5, 2.5);
        });
        m.base[Sunday] = m.base[Saturday];
        m.daily = perPerson[int(meter.market)] * std::max(1, std::min(meter.residents, 6)) * (0.8 + 0.4 * u)
                  / normaliseWeek(m.base);
        m.sigmaSlot = 0.45;
        m.sigmaDay = 0.15;
        break;
    }
    case CustomerClass::Commercial: {
        const Hours h = drawHours(p);
        m.base[Weekday] = shape(n, interval, [&](double t) { return 0.05 + plateau(t, h.open, h.close); });
        m.base[Saturday] = shape(n, interval, [&](double t) { return 0.05 + h.saturday * plateau(t, h.open + 1, h.close - 1); });
        m.base[Sunday] = shape(n, interval, [&](double t) { return 0.05 + h.sunday * plateau(t, h.open + 2, h.close - 3); });
        m.daily = 200.0 * (1.0 + 30.0 * u * u) / normaliseWeek(m.base);
        m.sigmaSlot = 0.3;
        m.sigmaDay = 0.1;
        break;
    }
    case CustomerClass::Industrial: {
        const Shifts s = drawShifts(p);
        m.base[Weekday] = shape(n, interval, [&](double t) { return 0.1 + shiftLoad(t, s.count); });
        m.base[Saturday] = shape(n, interval, [&](double t) { return 0.1 + s.saturday * shiftLoad(t, s.count); });
        m.base[Sunday] = shape(n, interval, [&](double t) { return 0.1 + s.sunday * shiftLoad(t, s.count); });
        m.daily = 8000.0 * (1.0 + 25.0 * u * u) / normaliseWeek(m.base);
        m.sigmaSlot = 0.12;
        m.sigmaDay = 0.06;
        break;
    }
    case CustomerClass::Agricultural: {
        // Livestock through the day; irrigation in dry, warm weather at dawn and dusk.
        m.base[Weekday] = shape(n, interval, [](double t) { return 0.2 + bump(t, 6.5, 2.0) + bump(t, 17.0, 2.0); });
        m.base[Saturday] = m.base[Weekday];
        m.base[Sunday] = m.base[Weekday];
        m.daily = 1500.0 * (1.0 + 6.0 * u) / normaliseWeek(m.base);
        m.pumpWatts = meter.pumpW * 4.0;  // L an hour: about 4 L per Wh of pumping
        m.sigmaSlot = 0.25;
        m.sigmaDay = 0.1;
        break;
    }
    }
    m.standbyPerHour = 0.2;  // a dripping tap
}

Model buildModel(const MeterProfile &meter, Random &p)
{
    Model m;
    const int interval = meter.intervalMinutes;
    m.count = 1440 / interval;
    climate(m, meter);
    switch (meter.commodity) {
    case Commodity::Electricity: electricity(m, meter, p, interval); break;
    case Commodity::Gas: gas(m, meter, p, interval); break;
    case Commodity::Water: water(m, meter, p, interval); break;
    }
    for (std::vector<double> *v : {&m.heat, &m.cool, &m.hotWater, &m.cooking})
        normalise(*v);
    return m;
}

/// What carries over from one day to the next.
struct State {
    double evLeft = 0;      ///< Wh of a charging session still to deliver
    double batteryWh = 0;   ///< state of charge
};

} // namespace

ReadingSynth::ReadingSynth(quint64 seed, const ZoneCalendar &calendar) : m_seed(seed), m_calendar(calendar) {}

qint64 ReadingSynth::expectedReadings(const MeterProfile &meter)
{
    return std::max<qint64>(0, meter.endDay - meter.firstDay) * (1440 / meter.intervalMinutes) * meter.channelCount;
}

void ReadingSynth::synthesize(const MeterProfile &meter, QList<ReadingStore::ChannelDays> &out) const
{
    const qint64 first = std::max(meter.firstDay, m_calendar.firstDay());
    const qint64 end = std::min(meter.endDay, m_calendar.endDay());
    if (first >= end || meter.channelCount == 0)
        return;
    const ZoneCalendar::Zone &zone = m_calendar.zone(meter.timeZone);
    Random params = Random::forItem(m_seed, 3, meter.key);
    const Model m = buildModel(meter, params);
    const int interval = meter.intervalMinutes;
    const qint64 step = qint64(interval) * 60;

    int importAt = -1, exportAt = -1, reactiveAt = -1;
    const qsizetype firstOut = out.size();
    for (int c = 0; c < meter.channelCount; ++c) {
        const MeterProfile::Channel &ch = meter.channels[std::size_t(c)];
        ReadingStore::ChannelDays cd{QString::fromLatin1(ch.id.data(), qsizetype(ch.id.size())), zone.zone, interval, {}};
        cd.days.reserve(end - first);
        out.append(std::move(cd));
        (ch.flow == MeterProfile::Flow::Import ? importAt : ch.flow == MeterProfile::Flow::Export ? exportAt : reactiveAt) = c;
    }

    const bool solar = m.solarWatts > 0;
    State state;
    std::vector<double> use, sun;
    std::vector<int> minute;
    for (qint64 d = first; d < end; ++d) {
        const AnomalyKind planted = AnomalyKind(meter.anomaly);
        if (meter.anomaly >= 0 && planted == AnomalyKind::IntervalGapDay && d == meter.anomalyDay)
            continue;  // the meter did not report that day
        const ZoneCalendar::Day &cal = m_calendar.day(zone, d);
        const int count = cal.slotsFor(interval);
        Random r = Random::forItem(m_seed, 4, meter.key * 65536 + quint64(d & 0xffff));
        use.assign(std::size_t(count), 0.0);
        sun.assign(std::size_t(count), 0.0);
        minute.resize(std::size_t(count));
        for (int s = 0; s < count; ++s) {
            // Local clock minute of the slot: the store's UTC grid, shifted by the offset in force.
            const qint64 at = cal.startUtc + s * step;
            const qint64 local = at + (at < cal.shiftUtc ? cal.offsetBefore : cal.offsetAfter);
            minute[std::size_t(s)] = int(local / 60 - d * 1440);
        }

        const DayKind kind = cal.weekday == 7 ? Sunday : cal.weekday == 6 ? Saturday : Weekday;
        const double temperature = m.meanTemperature + m.temperatureSwing * cal.warmth + cal.weather;
        const bool vacant = d >= meter.vacantFrom;
        const double level = std::max(0.2, 1.0 + m.sigmaDay * r.gauss());
        const double baseDay = m.daily * (1.0 - m.winterGain * cal.summer + m.summerGain * cal.summer) * level;
        const double heatDay = m.heatPerDegreeDay * std::max(0.0, m.heatBelow - temperature) * level;
        const double coolDay = m.coolPerDegreeDay * std::max(0.0, temperature - m.coolAbove) * level;
        const double hotWaterDay = m.hotWaterDaily * (1.0 - 0.25 * cal.summer) * level;
        const double cookingDay = m.cookingDaily * level;
        // Irrigation: warm, dry summer days, at dawn and dusk.
        double irrigationHours = 0;
        if (m.pumpWatts > 0 && cal.warmth > 0.2 && temperature > 14.0)
            irrigationHours = std::min(10.0, (temperature - 14.0) * 0.8) * (0.6 + 0.4 * cal.clearness);
        const double morningEnd = 300.0 + irrigationHours * 30.0, eveningEnd = 1080.0 + irrigationHours * 30.0;
        // An electric-vehicle charging session may start today.
        double evStart = 0;
        if (m.evWatts > 0 && state.evLeft <= 0
            && r.chance(kind == Weekday ? m.evWeekdayChance : m.evWeekendChance)) {
            state.evLeft = (5.0 + 15.0 * r.unit()) * 1000.0;
            evStart = kind == Weekday ? 1050.0 + 300.0 * r.unit() : 540.0 + 540.0 * r.unit();
        }
        const bool pool = m.poolWatts > 0 && temperature > 18.0;
        // The sun: day length from the latitude and season, noon from the longitude.
        const double halfDay = (12.0 + m.dayLengthSwing * cal.summer) / 2.0;
        const double noon = m.solarNoonStandard + (cal.daylightSaving ? 1.0 : 0.0);
        const double peak = (meter.latitude > 45.0 ? 0.42 + 0.28 * cal.summer : 0.55 + 0.18 * cal.summer) * cal.clearness;

        for (int s = 0; s < count; ++s) {
            const int lm = minute[std::size_t(s)];
            const int k = std::clamp(lm / interval, 0, m.count - 1);
            const double lo = lm, hi = lm + interval;
            const double t = (lo + hi) / 120.0;
            double v;
            if (vacant) {
                v = m.standbyPerHour * interval / 60.0 * std::max(0.0, 1.0 + 0.1 * quickGauss(r));
            } else {
                const double noise = std::max(0.05, 1.0 + m.sigmaSlot * quickGauss(r));
                v = baseDay * m.base[kind][std::size_t(k)] * noise;
                if (heatDay > 0)
                    v += heatDay * m.heat[std::size_t(k)] * std::max(0.0, 1.0 + 0.1 * quickGauss(r));
                if (coolDay > 0)
                    v += coolDay * m.cool[std::size_t(k)];
                if (hotWaterDay > 0)
                    v += hotWaterDay * m.hotWater[std::size_t(k)];
                if (cookingDay > 0)
                    v += cookingDay * m.cooking[std::size_t(k)] * noise;
                if (pool)
                    v += m.poolWatts * overlap(lo, hi, 600.0, 960.0) / 60.0;
                if (irrigationHours > 0)
                    v += m.pumpWatts * (overlap(lo, hi, 300.0, morningEnd) + overlap(lo, hi, 1080.0, eveningEnd)) / 60.0;
                if (state.evLeft > 0 && hi > evStart) {
                    const double delivered = std::min(state.evLeft, m.evWatts * overlap(lo, hi, evStart, 1e9) / 60.0);
                    state.evLeft -= delivered;
                    v += delivered;
                }
            }
            use[std::size_t(s)] = v;
            if (solar) {
                const double u = (t - noon) / halfDay;
                if (u > -1.0 && u < 1.0) {
                    const double w = 1.0 - u * u;
                    const double passing = cal.clearness < 0.8 ? std::max(0.0, 1.0 + 0.25 * quickGauss(r)) : 1.0;
                    sun[std::size_t(s)] = m.solarWatts * peak * w * std::sqrt(w) * passing * interval / 60.0;
                }
            }
        }

        // Channel values: the load net of the panels (and battery) on import and export.
        const bool zeroRun = meter.anomaly >= 0 && planted == AnomalyKind::IntervalZeroRun && d >= meter.anomalyDay
                             && d < meter.anomalyDay + ZeroRunDays;
        const bool spikeDay = meter.anomaly >= 0 && planted == AnomalyKind::IntervalSpike && d == meter.anomalyDay;
        IntervalDay imports(count);
        IntervalDay exports(exportAt >= 0 ? count : 0);
        IntervalDay reactive(reactiveAt >= 0 ? count : 0);
        bool spiked = false;
        for (int s = 0; s < count; ++s) {
            const double load = use[std::size_t(s)];
            double in = load, outflow = 0;
            if (solar) {
                double surplus = sun[std::size_t(s)] - load;
                const double power = m.batteryWatts * interval / 60.0;
                if (surplus > 0) {
                    const double charge = std::min({surplus, power, m.batteryWh - state.batteryWh});
                    state.batteryWh += std::max(0.0, charge) * 0.95;
                    outflow = surplus - std::max(0.0, charge);
                    in = 0;
                } else {
                    const double discharge = std::min({-surplus, power, state.batteryWh});
                    state.batteryWh -= std::max(0.0, discharge);
                    in = -surplus - std::max(0.0, discharge);
                }
            }
            qint64 value = whole(in);
            if (zeroRun)
                value = 0;
            if (spikeDay && !spiked && minute[std::size_t(s)] >= 180) {
                value = SpikeWh;  // 03:00 local time
                spiked = true;
            }
            imports.set(s, value, Quality::Actual);
            if (exportAt >= 0)
                exports.set(s, whole(outflow), Quality::Actual);
            if (reactiveAt >= 0)
                reactive.set(s, whole(load * m.tanPhi * std::max(0.0, 1.0 + 0.1 * quickGauss(r))), Quality::Actual);
        }
        const QDate date = QDate(1970, 1, 1).addDays(d);
        if (importAt >= 0)
            out[firstOut + importAt].days.append({date, std::move(imports)});
        if (exportAt >= 0)
            out[firstOut + exportAt].days.append({date, std::move(exports)});
        if (reactiveAt >= 0)
            out[firstOut + reactiveAt].days.append({date, std::move(reactive)});
    }
}

} // namespace Ud::Demo
