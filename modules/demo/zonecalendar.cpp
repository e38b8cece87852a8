#include "zonecalendar.h"

#include "localedata.h"
#include "random.h"

#include <core/error.h>
#include <metering/readingstore.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

/// Typical share of clear-sky sunshine reaching the ground over a year.
double meanClearness(const QByteArray &zone)
{
    if (zone == "Europe/Madrid")
        return 0.70;
    if (zone == "Atlantic/Canary")
        return 0.74;
    if (zone == "Asia/Shanghai")
        return 0.60;
    if (zone == "Europe/Berlin")
        return 0.55;
    return 0.52;  // Europe/London
}

} // namespace

double cosTurns(double turns)
{
    double x = turns - std::floor(turns);  // [0, 1)
    if (x > 0.5)
        x = 1.0 - x;  // cos is even
    double sign = 1.0;
    if (x > 0.25) {
        x = 0.5 - x;  // cos(pi - a) = -cos(a)
        sign = -1.0;
    }
    // Taylor series to the 14th power: below 1e-10 on [0, pi/2].
    const double t = x * 6.283185307179586;
    const double t2 = t * t;
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= 7; ++k) {
        term *= -t2 / double((2 * k - 1) * (2 * k));
        sum += term;
    }
    return sign * sum;
}

int ZoneCalendar::Day::slotsFor(int intervalMinutes) const
{
    switch (intervalMinutes) {
    case 5: return counts[0];
    case 15: return counts[1];
    case 30: return counts[2];
    default: return counts[3];
    }
}

ZoneCalendar::ZoneCalendar(quint64 seed, qint64 firstDay, qint64 endDay) : m_firstDay(firstDay), m_endDay(endDay)
{
    // The zones of every demo city, in a fixed order (the weather streams are numbered by it).
    std::vector<QByteArray> names;
    for (int m = 0; m < MarketCount; ++m) {
        for (const City &city : marketData(Market(m)).cities) {
            const QByteArray name(city.timeZone);
            if (std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(name);
        }
    }
    static const int intervals[] = {5, 15, 30, 60};
    const QDate epoch(1970, 1, 1);
    for (std::size_t z = 0; z < names.size(); ++z) {
        Zone zone{names[z], QTimeZone(names[z]), {}};
        if (!zone.zone.isValid())
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The time zone %1 is missing from this system's time-zone data, so demo readings "
                                     "cannot be placed in local days.").arg(QString::fromLatin1(names[z])));
        Random rng = Random::forItem(seed, 6, quint64(z));
        double weather = 2.5 * rng.gauss();
        double cloud = rng.gauss();
        const double clear = meanClearness(names[z]);
        zone.days.reserve(std::size_t(std::max<qint64>(0, endDay - firstDay)));
        QDate date = epoch.addDays(firstDay);
        qint64 start = date.startOfDay(zone.zone).toSecsSinceEpoch();
        for (qint64 d = firstDay; d < endDay; ++d) {
            const QDate next = date.addDays(1);
            Day day;
            day.startUtc = start;
            day.endUtc = next.startOfDay(zone.zone).toSecsSinceEpoch();
            const QDateTime startTime = QDateTime::fromSecsSinceEpoch(day.startUtc, QTimeZone::utc());
            day.offsetBefore = zone.zone.offsetFromUtc(startTime);
            day.offsetAfter = day.offsetBefore;
            day.shiftUtc = day.endUtc;
            const QTimeZone::OffsetData change = zone.zone.nextTransition(startTime);
            if (change.atUtc.isValid() && change.atUtc.toSecsSinceEpoch() < day.endUtc) {
                day.shiftUtc = change.atUtc.toSecsSinceEpoch();
                day.offsetAfter = change.offsetFromUtc;
            }
            for (int i = 0; i < 4; ++i)
                day.counts[i] = Metering::ReadingStore::slotsInDay(date, zone.zone, intervals[i]);
            day.weekday = date.dayOfWeek();
            const double doy = date.dayOfYear();
            day.summer = cosTurns((doy - 172.0) / 365.25);
            day.warmth = cosTurns((doy - 205.0) / 365.25);
            day.daylightSaving = zone.zone.isDaylightTime(QDateTime(date, QTime(12, 0), zone.zone));
            // Weather moves in spells: today's deviation carries most of yesterday's.
            weather = 0.8 * weather + 1.5 * rng.gauss();
            cloud = 0.55 * cloud + 0.85 * rng.gauss();
            day.weather = weather;
            day.clearness = std::clamp(clear + 0.1 * day.summer + 0.22 * cloud, 0.1, 1.0);
            zone.days.push_back(day);
            date = next;
            start = day.endUtc;
        }
        m_zones.push_back(std::move(zone));
    }
}

const ZoneCalendar::Zone &ZoneCalendar::zone(const char *name) const
{
    for (const Zone &z : m_zones) {
        if (std::strcmp(z.name.constData(), name) == 0)
            return z;
    }
    return m_zones.front();  // every demo city's zone is in the list
}

} // namespace Ud::Demo
