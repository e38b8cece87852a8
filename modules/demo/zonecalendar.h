#pragma once

#include <QTimeZone>
#include <QtGlobal>

#include <vector>

namespace Ud::Demo {

/// cos(2*pi*turns) from + and * only: the readings must come out the same with every C
/// library, and libm's cos() may differ in the last bit between versions.
double cosTurns(double turns);

/// The local days of the demo history in each time zone of the demo markets, worked out once
/// per run with Qt's zone data on the thread that writes: where each local day starts and ends
/// in UTC (as the interval store sees it: QDate::startOfDay), how many intervals it holds,
/// where its daylight-saving change falls, and the day's weather in the zone. The interval
/// synthesis then runs on another thread from these plain numbers alone (QTimeZone is only
/// reentrant). Weather comes from the run's seed, so the same seed gives the same weather.
class ZoneCalendar
{
public:
    struct Day {
        qint64 startUtc = 0;
        qint64 endUtc = 0;
        qint64 shiftUtc = 0;        ///< the daylight-saving change inside the day; endUtc if none
        int offsetBefore = 0;       ///< seconds east of UTC before shiftUtc
        int offsetAfter = 0;        ///< and from it on
        int counts[4] = {};        ///< ReadingStore::slotsInDay for 5, 15, 30, 60 minutes
        int weekday = 1;            ///< 1 Monday ... 7 Sunday
        double summer = 0;          ///< 1 at the June solstice, -1 at the December one
        double warmth = 0;          ///< 1 in late July, -1 in late January (temperatures lag the sun)
        double weather = 0;         ///< the zone's deviation from the seasonal temperature, K
        double clearness = 1;       ///< share of clear-sky sunshine that gets through, 0.1..1
        bool daylightSaving = false; ///< clocks are ahead of standard time at local noon
        int slotsFor(int intervalMinutes) const;
    };
    struct Zone {
        QByteArray name;
        QTimeZone zone;
        std::vector<Day> days;  ///< one per day of the history
    };

    /// Throws Core::Error(Database) naming a zone the system's zone data lacks.
    ZoneCalendar(quint64 seed, qint64 firstDay, qint64 endDay);

    qint64 firstDay() const { return m_firstDay; }
    qint64 endDay() const { return m_endDay; }
    const Zone &zone(const char *name) const;
    const Day &day(const Zone &zone, qint64 day) const { return zone.days[std::size_t(day - m_firstDay)]; }

private:
    qint64 m_firstDay;
    qint64 m_endDay;
    std::vector<Zone> m_zones;
};

} // namespace Ud::Demo
