#include "billcalculation.h"

#include <core/error.h>
#include <core/money.h>
#include <metering/intervalgrid.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <vector>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillCalculator)
};

using Core::Error;
using Metering::IntervalGrid;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

constexpr qint64 UnixEpochJulianDay = 2440588;
constexpr qint64 SecsPerDay = 86400;
constexpr int HalfHours = 48;
constexpr int MaxSlots = 25 * 12 + 12;   // 5-minute intervals of a 25-hour day, with room
constexpr qint64 MicroBpPerBp = 1000000;
constexpr qint64 MicroBpPerUnit = 10000 * MicroBpPerBp;

/// Half away from zero, with a wide intermediate so that Wh x micros x days never overflows.
qint64 roundDiv(__int128 num, __int128 den)
{
    Q_ASSERT(den > 0);
    const __int128 half = den / 2;
    return qint64(num >= 0 ? (num + half) / den : -((-num + half) / den));
}

/// Seconds since the epoch of local midnight of `day` as if the zone were UTC.
qint64 localMidnight(const QDate &day)
{
    return (day.toJulianDay() - UnixEpochJulianDay) * SecsPerDay;
}

/// The zone's UTC offsets around the period from one transitions() call, so that each day's
/// bounds and each slot's local time are arithmetic rather than a QDateTime per day or reading.
class ZoneClock
{
public:
    ZoneClock(const QTimeZone &zone, const QDate &first, const QDate &last)
    {
        const qint64 from = localMidnight(first) - 2 * SecsPerDay;
        const qint64 to = localMidnight(last) + 3 * SecsPerDay;
        const QDateTime fromDt = QDateTime::fromSecsSinceEpoch(from, QTimeZone::utc());
        m_initialOffset = zone.offsetFromUtc(fromDt);
        if (zone.hasTransitions()) {
            const auto list = zone.transitions(fromDt.addSecs(1), QDateTime::fromSecsSinceEpoch(to, QTimeZone::utc()));
            for (const QTimeZone::OffsetData &t : list)
                m_transitions.push_back({t.atUtc.toSecsSinceEpoch(), t.offsetFromUtc});
        }
    }

    qint64 offsetAt(qint64 utc) const
    {
        qint64 offset = m_initialOffset;
        for (const Transition &t : m_transitions) {
            if (t.atUtc > utc)
                break;
            offset = t.offset;
        }
        return offset;
    }

    /// UTC of the first instant of the local day: local midnight, or the end of the gap when
    /// midnight is skipped; the earlier one when it is repeated.
    qint64 startOfDay(const QDate &day) const
    {
        const qint64 local = localMidnight(day);
        qint64 segmentStart = std::numeric_limits<qint64>::min();
        for (size_t i = 0; i <= m_transitions.size(); ++i) {
            const qint64 segmentEnd = i < m_transitions.size() ? m_transitions[i].atUtc
                                                               : std::numeric_limits<qint64>::max();
            const qint64 offset = i == 0 ? m_initialOffset : m_transitions[i - 1].offset;
            const qint64 candidate = local - offset;
            if (candidate < segmentStart)
                return segmentStart;
            if (candidate < segmentEnd)
                return candidate;
            segmentStart = segmentEnd;
        }
        return local - m_initialOffset;
    }

    /// The transitions in [from, to), at most `N`.
    template<size_t N>
    int transitionsIn(qint64 from, qint64 to, std::array<std::pair<qint64, qint64>, N> &out) const
    {
        int n = 0;
        for (const Transition &t : m_transitions) {
            if (t.atUtc >= to)
                break;
            if (t.atUtc >= from && n < int(N))
                out[size_t(n++)] = {t.atUtc, t.offset};
        }
        return n;
    }

private:
    struct Transition {
        qint64 atUtc;
        qint64 offset;
    };
    qint64 m_initialOffset = 0;
    std::vector<Transition> m_transitions;
};

QString kwhText(qint64 wh)
{
    const qint64 whole = wh / WhPerKwh;
    qint64 frac = std::abs(wh % WhPerKwh);
    if (frac == 0)
        return QString::number(whole);
    QString digits = QStringLiteral("%1").arg(frac, 3, 10, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    return QStringLiteral("%1.%2").arg(whole).arg(digits);
}

QString blockLabel(const TieredBlocks &tiers, qsizetype i)
{
    const Block &b = tiers.blocks.at(i);
    const std::optional<qint64> lower = i > 0 ? tiers.blocks.at(i - 1).upToWh : std::optional<qint64>(0);
    if (!b.upToWh)
        return i == 0 ? Tr::tr("all kWh") : Tr::tr("over %1 kWh").arg(kwhText(lower.value_or(0)));
    if (i == 0)
        return Tr::tr("first %1 kWh").arg(kwhText(*b.upToWh));
    return Tr::tr("%1 to %2 kWh").arg(kwhText(lower.value_or(0)), kwhText(*b.upToWh));
}

/// A version's components in the form the per-reading loop needs: time-of-use bands as indices
/// into one list of distinct (name, price) pairs, and each season's day types as a table of the
/// 48 half hours.
struct PreparedVersion {
    struct Band {
        QString name;
        qint64 microsPerKwh = 0;
        bool offPeak = false;
    };
    struct SeasonRule {
        int from = 0;   // month * 100 + day
        int to = 0;
        std::array<int, 3> schedule{};  // by DayType
    };

    std::optional<qint64> standing;
    const FlatRate *flat = nullptr;
    const TieredBlocks *tiers = nullptr;
    const TimeOfUse *tou = nullptr;
    const DemandCharge *demand = nullptr;
    const Package *package = nullptr;
    const PrepaidAllowance *allowance = nullptr;
    QList<Band> bands;
    QList<SeasonRule> seasons;
    std::vector<std::array<qint16, HalfHours>> schedules;
    QList<QDate> holidays;   // sorted

    explicit PreparedVersion(const TariffVersion &v)
    {
        for (const Component &c : v.components) {
            if (const auto *s = std::get_if<StandingCharge>(&c))
                standing = s->microsPerDay;
            else if (const auto *f = std::get_if<FlatRate>(&c))
                flat = f;
            else if (const auto *t = std::get_if<TieredBlocks>(&c))
                tiers = t;
            else if (const auto *u = std::get_if<TimeOfUse>(&c))
                tou = u;
            else if (const auto *d = std::get_if<DemandCharge>(&c))
                demand = d;
            else if (const auto *p = std::get_if<Package>(&c))
                package = p;
            else if (const auto *a = std::get_if<PrepaidAllowance>(&c))
                allowance = a;
        }
        holidays = v.holidays;
        std::sort(holidays.begin(), holidays.end());
        if (!tou)
            return;
        for (const Season &season : tou->seasons) {
            SeasonRule rule;
            rule.from = season.fromMonth * 100 + season.fromDay;
            rule.to = season.toMonth * 100 + season.toDay;
            rule.schedule.fill(-1);
            for (const DaySchedule &day : season.days) {
                std::array<qint16, HalfHours> table;
                table.fill(-1);
                for (const TimeBand &band : day.bands) {
                    const qint16 index = bandIndex(band);
                    const int start = band.startMinute / 30;
                    const int end = band.endMinute / 30;
                    if (end > start) {
                        for (int h = start; h < end; ++h)
                            table[size_t(h)] = index;
                    } else {
                        for (int h = start; h < HalfHours; ++h)
                            table[size_t(h)] = index;
                        for (int h = 0; h < end; ++h)
                            table[size_t(h)] = index;
                    }
                }
                // A half hour in no band (the file format forbids it) is priced as the day's first band.
                for (qint16 &h : table) {
                    if (h < 0)
                        h = day.bands.isEmpty() ? qint16(0) : bandIndex(day.bands.first());
                }
                const int scheduleIndex = int(schedules.size());
                schedules.push_back(table);
                for (DayType type : day.dayTypes)
                    rule.schedule[size_t(type)] = scheduleIndex;
            }
            seasons << rule;
        }
        if (bands.isEmpty())
            bands << Band{};
    }

    qint16 bandIndex(const TimeBand &band)
    {
        for (qsizetype i = 0; i < bands.size(); ++i) {
            if (bands.at(i).name == band.name && bands.at(i).microsPerKwh == band.microsPerKwh)
                return qint16(i);
        }
        const bool offPeak = package && package->offPeakBands.contains(band.name);
        bands << Band{band.name, band.microsPerKwh, offPeak};
        return qint16(bands.size() - 1);
    }

    /// The half-hour table of a day, or -1 when no season or schedule covers it.
    int scheduleOf(const QDate &day) const
    {
        const int md = day.month() * 100 + day.day();
        DayType type = DayType::Weekday;
        if (std::binary_search(holidays.begin(), holidays.end(), day))
            type = DayType::Holiday;
        else if (day.dayOfWeek() >= 6)
            type = DayType::Weekend;
        for (const SeasonRule &s : seasons) {
            const bool in = s.from <= s.to ? (md >= s.from && md <= s.to) : (md >= s.from || md <= s.to);
            if (in)
                return s.schedule[size_t(type)];
        }
        return -1;
    }
};

/// What one run of days with the same tariff version, VAT rate and levies accumulates.
struct Segment {
    int version = 0;
    int vatBp = 0;
    quint64 levyMask = 0;
    QDate from;
    QDate to;
    qint64 days = 0;
    qint64 consumptionWh = 0;
    qint64 estimatedWh = 0;
    qint64 flatWh = 0, flatEst = 0;
    QList<qint64> blockWh, blockEst;
    QList<qint64> bandWh, bandEst;
    qint64 allowanceWh = 0, allowanceEst = 0;
    qint64 includedWh = 0, includedEst = 0;
    qint64 peakWh = 0, peakEst = 0;
    qint64 offPeakWh = 0, offPeakEst = 0;
};

} // namespace

int TaxSchedule::vatRateOn(const QDate &day) const
{
    int rate = 0;
    for (const VatRate &v : vat) {
        if (v.from > day)
            break;
        rate = v.rateBp;
    }
    return rate;
}

BillResult BillCalculator::calculate(const Tariff &tariff, const TaxSchedule &taxes, const MeteredUsage &usage,
                                     const QDate &from, const QDate &to, AllowanceState *allowanceState)
{
    if (!from.isValid() || !to.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("The bill period needs a valid first and last day."));
    if (to < from) {
        throw Error(Error::Kind::BadInput, Tr::tr("The bill period ends on %1, before it starts on %2; enter a last "
                                                  "day on or after the first.")
                                               .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)));
    }
    const int im = usage.intervalMinutes;
    if (im <= 0 || IntervalGrid::DailyMinutes % im != 0) {
        throw Error(Error::Kind::BadInput, Tr::tr("The usage interval of %1 minutes does not divide the day; use "
                                                  "5, 15, 30 or 60 minutes, or daily readings.")
                                               .arg(im));
    }
    if (taxes.levies.size() > 64)
        throw Error(Error::Kind::BadInput, Tr::tr("A market and class may have at most 64 levies."));
    const bool daily = IntervalGrid::isDaily(im);
    const qint64 step = qint64(im) * 60;
    const int digits = Core::Money::minorDigits(tariff.currency);
    qint64 microsPerMinor = 1;
    for (int i = digits; i < 6; ++i)
        microsPerMinor *= 10;

    BillResult result;
    result.tariffId = tariff.id;
    result.tariffCode = tariff.code;
    result.currency = tariff.currency;
    result.from = from;
    result.to = to;

    const QTimeZone zone = usage.zone.isValid() ? usage.zone : QTimeZone::utc();
    const ZoneClock clock(zone, QDate(from.year(), 1, 1), to);

    std::vector<std::unique_ptr<PreparedVersion>> prepared(size_t(tariff.versions.size()));
    const auto preparedOf = [&](int index) -> const PreparedVersion & {
        auto &slot = prepared[size_t(index)];
        if (!slot)
            slot = std::make_unique<PreparedVersion>(tariff.versions.at(index));
        return *slot;
    };

    const QList<Reading> &readings = usage.readings;
    const qsizetype readingCount = readings.size();
    qsizetype next = 0;

    // Blocks and package units count from the start of their month or year; readings before
    // `from` within it (if the usage holds them) count towards them without being billed.
    qint64 blockCounter = 0;
    qint64 packageCounter = 0;
    int blockKey = -1;
    int packageKey = from.year() * 12 + from.month();
    const qint64 fromUtc = clock.startOfDay(from);
    {
        const qint64 monthStart = clock.startOfDay(QDate(from.year(), from.month(), 1));
        const qint64 yearStart = clock.startOfDay(QDate(from.year(), 1, 1));
        qint64 monthWh = 0;
        qint64 yearWh = 0;
        while (next < readingCount && readings.at(next).startUtc < fromUtc) {
            const Reading &r = readings.at(next++);
            if (r.quality == Quality::Missing || r.startUtc < yearStart)
                continue;
            yearWh += r.value;
            if (r.startUtc >= monthStart)
                monthWh += r.value;
        }
        packageCounter = monthWh;
        // The blocks of the first day's version decide monthly or annual counting.
        for (const TariffVersion &v : tariff.versions) {
            if (!v.covers(from))
                continue;
            for (const Component &c : v.components) {
                if (const auto *t = std::get_if<TieredBlocks>(&c)) {
                    const bool annual = t->period == BlockPeriod::Annual;
                    blockCounter = annual ? yearWh : monthWh;
                    blockKey = annual ? from.year() : from.year() * 12 + from.month();
                }
            }
        }
    }

    QList<Segment> segments;
    qint64 carried = allowanceState ? allowanceState->carriedWh : 0;
    qint64 peakW = 0;
    qint64 presentIntervals = 0;
    int versionIndex = -1;
    qint64 dayStart = fromUtc;
    std::array<qint16, MaxSlots> slotBand{};
    int lastSchedule = -2;
    bool lastPlain = false;
    int lastSlots = -1;

    for (QDate day = from; day <= to; day = day.addDays(1)) {
        if (versionIndex < 0 || !tariff.versions.at(versionIndex).covers(day)) {
            versionIndex = -1;
            for (qsizetype i = 0; i < tariff.versions.size(); ++i) {
                if (tariff.versions.at(i).covers(day)) {
                    versionIndex = int(i);
                    break;
                }
            }
            if (versionIndex < 0) {
                throw Error(Error::Kind::BadInput, Tr::tr("The tariff %1 has no prices for %2: none of its versions "
                                                          "covers that day.")
                                                       .arg(tariff.code, day.toString(Qt::ISODate)));
            }
            lastSchedule = -2;
        }
        const PreparedVersion &pv = preparedOf(versionIndex);
        const int vatBp = taxes.vatRateOn(day);
        quint64 levyMask = 0;
        for (qsizetype i = 0; i < taxes.levies.size(); ++i) {
            const Levy &l = taxes.levies.at(i);
            if (day >= l.from && (!l.to || day <= *l.to))
                levyMask |= quint64(1) << i;
        }
        if (segments.isEmpty() || segments.last().version != versionIndex || segments.last().vatBp != vatBp
            || segments.last().levyMask != levyMask) {
            Segment s;
            s.version = versionIndex;
            s.vatBp = vatBp;
            s.levyMask = levyMask;
            s.from = day;
            if (pv.tiers)
                s.blockWh = s.blockEst = QList<qint64>(pv.tiers->blocks.size(), 0);
            if (pv.tou && !pv.package)
                s.bandWh = s.bandEst = QList<qint64>(pv.bands.size(), 0);
            segments << s;
        }
        Segment &seg = segments.last();
        seg.to = day;
        ++seg.days;

        const qint64 dayEnd = clock.startOfDay(day.addDays(1));
        const int slotCount = std::min(IntervalGrid::slotCount(dayStart, dayEnd, im), MaxSlots);
        result.expectedIntervals += slotCount;

        // Counters of blocks and package units restart with their month or year.
        if (pv.tiers) {
            const int key = pv.tiers->period == BlockPeriod::Annual ? day.year() : day.year() * 12 + day.month();
            if (key != blockKey) {
                blockKey = key;
                blockCounter = 0;
            }
        }
        if (const int key = day.year() * 12 + day.month(); key != packageKey) {
            packageKey = key;
            packageCounter = 0;
        }

        // The band of each slot of the day, by its local time: on a 25-hour day the repeated
        // hour comes twice with the same local times, on a 23-hour day the skipped hour never.
        if (pv.tou) {
            const int schedule = pv.scheduleOf(day);
            std::array<std::pair<qint64, qint64>, 4> changes;
            const int changeCount = clock.transitionsIn(dayStart, dayEnd, changes);
            const qint64 midnight = localMidnight(day);
            const qint64 startOffset = clock.offsetAt(dayStart);
            const bool plain = changeCount == 0 && dayStart + startOffset == midnight;
            if (!(plain && lastPlain && schedule == lastSchedule && slotCount == lastSlots)) {
                const qint16 *table = schedule >= 0 ? pv.schedules[size_t(schedule)].data() : nullptr;
                qint64 offset = startOffset;
                int change = 0;
                for (int k = 0; k < slotCount; ++k) {
                    const qint64 utc = dayStart + qint64(k) * step;
                    while (change < changeCount && changes[size_t(change)].first <= utc)
                        offset = changes[size_t(change++)].second;
                    const qint64 minute = std::clamp<qint64>((utc + offset - midnight) / 60, 0, 1439);
                    slotBand[size_t(k)] = table ? table[minute / 30] : qint16(0);
                }
            }
            lastSchedule = schedule;
            lastPlain = plain;
            lastSlots = slotCount;
        }

        qint64 allowanceLeft = 0;
        if (pv.allowance)
            allowanceLeft = carried + pv.allowance->dailyAllowanceWh;

        while (next < readingCount && readings.at(next).startUtc < dayEnd) {
            const qint64 start = readings.at(next).startUtc;
            if (start < dayStart) {
                ++next;
                continue;
            }
            int slot = daily ? 0 : int((start - dayStart) / step);
            slot = std::min(slot, std::max(slotCount - 1, 0));
            const int band = pv.tou ? slotBand[size_t(slot)] : 0;
            // Readings of the same interval (several meters of the account) add up.
            qint64 intervalWh = 0;
            bool present = false;
            for (; next < readingCount && readings.at(next).startUtc == start; ++next) {
                const Reading &r = readings.at(next);
                if (r.quality == Quality::Missing)
                    continue;
                present = true;
                const bool estimated = r.quality != Quality::Actual;
                const qint64 value = r.value;
                intervalWh += value;
                seg.consumptionWh += value;
                if (estimated)
                    seg.estimatedWh += value;

                qint64 rest = value;
                if (pv.allowance && rest > 0) {
                    const qint64 free = std::min(rest, std::max<qint64>(allowanceLeft, 0));
                    allowanceLeft -= free;
                    seg.allowanceWh += free;
                    if (estimated)
                        seg.allowanceEst += free;
                    rest -= free;
                    if (!pv.package)
                        result.overAllowanceWh += rest;
                }
                if (pv.package) {
                    const qint64 room = std::max<qint64>(pv.package->includedWhPerMonth - packageCounter, 0);
                    const qint64 included = rest > 0 ? std::min(rest, room) : 0;
                    packageCounter += rest;
                    seg.includedWh += included;
                    if (estimated)
                        seg.includedEst += included;
                    rest -= included;
                    result.overAllowanceWh += rest;
                    if (pv.bands.at(band).offPeak) {
                        seg.offPeakWh += rest;
                        if (estimated)
                            seg.offPeakEst += rest;
                    } else {
                        seg.peakWh += rest;
                        if (estimated)
                            seg.peakEst += rest;
                    }
                    continue;
                }
                if (pv.flat) {
                    seg.flatWh += rest;
                    if (estimated)
                        seg.flatEst += rest;
                } else if (pv.tiers) {
                    const QList<Block> &blocks = pv.tiers->blocks;
                    const qsizetype last = blocks.size() - 1;
                    while (rest != 0) {
                        qsizetype b = 0;
                        while (b < last && blocks.at(b).upToWh && blockCounter >= *blocks.at(b).upToWh)
                            ++b;
                        qint64 take = rest;
                        if (rest > 0 && b < last && blocks.at(b).upToWh)
                            take = std::min(rest, *blocks.at(b).upToWh - blockCounter);
                        seg.blockWh[b] += take;
                        if (estimated)
                            seg.blockEst[b] += take;
                        blockCounter += take;
                        rest -= take;
                    }
                } else if (pv.tou) {
                    seg.bandWh[band] += rest;
                    if (estimated)
                        seg.bandEst[band] += rest;
                }
            }
            if (present) {
                ++presentIntervals;
                // Demand in W of the interval: Wh x 60 / interval minutes.
                peakW = std::max(peakW, roundDiv(__int128(intervalWh) * 60, im));
            }
        }
        if (pv.allowance)
            carried = std::min(std::max<qint64>(allowanceLeft, 0), pv.allowance->carryOverCapWh);
        dayStart = dayEnd;
    }
    if (allowanceState)
        allowanceState->carriedWh = carried;

    result.peakDemandW = peakW;
    result.missingIntervals = result.expectedIntervals - presentIntervals;
    const qint64 periodDays = from.daysTo(to) + 1;

    const auto energyLine = [&](LineKind kind, const QString &label, const Segment &s, qint64 wh, qint64 est,
                                qint64 price) {
        BillLine line;
        line.kind = kind;
        line.label = label;
        line.from = s.from;
        line.to = s.to;
        line.quantity = wh;
        line.unitPrice = price;
        line.amountMinor = roundDiv(__int128(wh) * price, __int128(WhPerKwh) * microsPerMinor);
        line.estimatedWh = est;
        return line;
    };

    struct VatGroup {
        int bp = 0;
        QDate from;
        QDate to;
        qint64 netMinor = 0;
    };
    QList<VatGroup> vatGroups;

    for (const Segment &s : std::as_const(segments)) {
        const PreparedVersion &pv = preparedOf(s.version);
        const qsizetype firstLine = result.lines.size();
        if (pv.standing) {
            BillLine line;
            line.kind = LineKind::Standing;
            line.from = s.from;
            line.to = s.to;
            line.quantity = s.days;
            line.unitPrice = *pv.standing;
            line.amountMinor = roundDiv(__int128(s.days) * *pv.standing, microsPerMinor);
            result.lines << line;
        }
        if (pv.allowance && s.allowanceWh != 0)
            result.lines << energyLine(LineKind::Allowance, Tr::tr("allowance"), s, s.allowanceWh, s.allowanceEst, 0);
        if (pv.package) {
            if (s.includedWh != 0)
                result.lines << energyLine(LineKind::Package, Tr::tr("included"), s, s.includedWh, s.includedEst, 0);
            if (s.peakWh != 0) {
                result.lines << energyLine(LineKind::Package, Tr::tr("peak"), s, s.peakWh, s.peakEst,
                                           pv.package->peakMicrosPerKwh);
            }
            if (s.offPeakWh != 0) {
                result.lines << energyLine(LineKind::Package, Tr::tr("off-peak"), s, s.offPeakWh, s.offPeakEst,
                                           pv.package->offPeakMicrosPerKwh);
            }
        } else if (pv.flat) {
            if (s.flatWh != 0)
                result.lines << energyLine(LineKind::Energy, QString(), s, s.flatWh, s.flatEst, pv.flat->microsPerKwh);
        } else if (pv.tiers) {
            for (qsizetype b = 0; b < s.blockWh.size(); ++b) {
                if (s.blockWh.at(b) != 0) {
                    result.lines << energyLine(LineKind::Energy, blockLabel(*pv.tiers, b), s, s.blockWh.at(b),
                                               s.blockEst.at(b), pv.tiers->blocks.at(b).microsPerKwh);
                }
            }
        } else if (pv.tou) {
            for (qsizetype b = 0; b < s.bandWh.size(); ++b) {
                if (s.bandWh.at(b) != 0) {
                    result.lines << energyLine(LineKind::Energy, pv.bands.at(b).name, s, s.bandWh.at(b),
                                               s.bandEst.at(b), pv.bands.at(b).microsPerKwh);
                }
            }
        }
        if (pv.demand) {
            // The period's highest demand, charged to each version's days pro rata.
            BillLine line;
            line.kind = LineKind::Demand;
            if (s.days != periodDays)
                line.label = Tr::tr("%1 of %2 days").arg(s.days).arg(periodDays);
            line.from = s.from;
            line.to = s.to;
            line.quantity = peakW;
            line.unitPrice = pv.demand->microsPerKw;
            line.amountMinor = roundDiv(__int128(peakW) * pv.demand->microsPerKw * s.days,
                                        __int128(1000) * microsPerMinor * periodDays);
            result.lines << line;
        }
        qint64 chargesMinor = 0;
        for (qsizetype i = firstLine; i < result.lines.size(); ++i)
            chargesMinor += result.lines.at(i).amountMinor;
        for (qsizetype i = 0; i < taxes.levies.size(); ++i) {
            if (!(s.levyMask & (quint64(1) << i)))
                continue;
            const Levy &levy = taxes.levies.at(i);
            BillLine line;
            line.kind = LineKind::Levy;
            line.label = levy.name;
            line.from = s.from;
            line.to = s.to;
            switch (levy.basis) {
            case LevyBasis::PerKwh:
                line = energyLine(LineKind::Levy, levy.name, s, s.consumptionWh, s.estimatedWh, levy.rate);
                break;
            case LevyBasis::PerDay:
                line.quantity = s.days;
                line.unitPrice = levy.rate;
                line.amountMinor = roundDiv(__int128(s.days) * levy.rate, microsPerMinor);
                break;
            case LevyBasis::PercentOfEnergy: {
                const qint64 microBp = levy.rateMicroBp != 0 ? levy.rateMicroBp : levy.rate * MicroBpPerBp;
                line.quantity = chargesMinor;
                line.unitPrice = microBp;
                line.amountMinor = roundDiv(__int128(chargesMinor) * microBp, MicroBpPerUnit);
                break;
            }
            }
            line.levyBasis = levy.basis;
            result.lines << line;
        }
        qint64 segmentNet = 0;
        for (qsizetype i = firstLine; i < result.lines.size(); ++i)
            segmentNet += result.lines.at(i).amountMinor;
        if (vatGroups.isEmpty() || vatGroups.last().bp != s.vatBp)
            vatGroups << VatGroup{s.vatBp, s.from, s.to, 0};
        vatGroups.last().to = s.to;
        vatGroups.last().netMinor += segmentNet;
    }

    for (const BillLine &line : std::as_const(result.lines))
        result.netMinor += line.amountMinor;
    for (const Segment &s : std::as_const(segments)) {
        result.consumptionWh += s.consumptionWh;
        result.estimatedWh += s.estimatedWh;
    }
    if (!taxes.vat.isEmpty()) {
        for (const VatGroup &g : std::as_const(vatGroups)) {
            BillLine line;
            line.kind = LineKind::Vat;
            line.from = g.from;
            line.to = g.to;
            line.quantity = g.netMinor;
            line.unitPrice = g.bp;
            line.amountMinor = roundDiv(__int128(g.netMinor) * g.bp, 10000);
            result.vatMinor += line.amountMinor;
            result.lines << line;
        }
    }
    result.totalMinor = result.netMinor + result.vatMinor;
    return result;
}

} // namespace Ud::Billing
