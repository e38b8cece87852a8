#include "espicodes.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace Ud::Metering::Espi {

using Accounts::ChannelUnit;
using Accounts::Commodity;

std::optional<Commodity> commodityFromServiceKind(qint64 kind)
{
    switch (kind) {
    case 0: return Commodity::Electricity;
    case 1: return Commodity::Gas;
    case 2: return Commodity::Water;
    default: return std::nullopt;
    }
}

std::optional<Commodity> commodityFromReadingType(qint64 commodity)
{
    switch (commodity) {
    case 1: case 2: case 26: return Commodity::Electricity;
    case 7: case 8: return Commodity::Gas;
    case 9: case 14: return Commodity::Water;
    default: return std::nullopt;
    }
}

std::optional<Flow> flowFromCode(qint64 code)
{
    switch (code) {
    case 0: case 1: return Flow::Forward;
    case 4: return Flow::Net;
    case 19: return Flow::Reverse;
    default: return std::nullopt;
    }
}

std::optional<Accumulation> accumulationFromCode(qint64 code)
{
    switch (code) {
    case 0: case 4: return Accumulation::Delta;
    case 1: case 3: case 9: return Accumulation::Cumulative;
    default: return std::nullopt;
    }
}

Quality qualityFromCode(qint64 code)
{
    switch (code) {
    case 8: case 9: case 11: case 12: case 13: return Quality::Estimated;
    case 7: case 15: return Quality::Edited;
    default: return Quality::Actual;
    }
}

Quality strongerQuality(Quality a, Quality b)
{
    auto rank = [](Quality q) {
        switch (q) {
        case Quality::Estimated: return 3;
        case Quality::Edited: return 2;
        case Quality::Actual: return 1;
        case Quality::Missing: return 0;
        }
        return 0;
    };
    return rank(a) >= rank(b) ? a : b;
}

std::optional<Scale> Scale::make(qint64 uom, qint64 powerOfTenMultiplier, Problem *problem)
{
    *problem = Problem::None;
    Scale s;
    // factor = numerator / denominator base units per file unit
    Wide numerator = 1;
    Wide denominator = 1;
    switch (uom) {
    case 72: s.m_unit = ChannelUnit::WattHour; break;
    case 73: s.m_unit = ChannelUnit::VarHour; break;
    case 169: s.m_unit = ChannelUnit::WattHour; numerator = 29'307'107; denominator = 1'000; break;
    case 132: s.m_unit = ChannelUnit::WattHour; numerator = 105'505'585'262LL; denominator = 360'000'000'000LL; break;
    case 42: case 166: case 167: s.m_unit = ChannelUnit::Litre; numerator = 1000; break;
    case 119: case 120: s.m_unit = ChannelUnit::Litre; numerator = 28'316'846'592LL; denominator = 1'000'000'000; break;
    case 134: s.m_unit = ChannelUnit::Litre; break;
    case 128: s.m_unit = ChannelUnit::Litre; numerator = 3'785'411'784LL; denominator = 1'000'000'000; break;
    case 130: s.m_unit = ChannelUnit::Litre; numerator = 454'609; denominator = 100'000; break;
    // Power, rates and demand: W, VA, VAr, Btu/h, m³/h, ft³/h, L/h, gal/h, L/s, m³/s
    case 38: case 61: case 63: case 133: case 125: case 126: case 127: case 123:
    case 137: case 138: case 139: case 129: case 131: case 82: case 45:
        *problem = Problem::Power;
        return std::nullopt;
    default:
        *problem = Problem::NotEnergyOrVolume;
        return std::nullopt;
    }
    if (powerOfTenMultiplier < -12 || powerOfTenMultiplier > 12) {
        *problem = Problem::Multiplier;
        return std::nullopt;
    }
    Wide power = 1;
    for (qint64 i = 0; i < (powerOfTenMultiplier < 0 ? -powerOfTenMultiplier : powerOfTenMultiplier); ++i)
        power *= 10;
    if (powerOfTenMultiplier >= 0)
        numerator *= power;
    else
        denominator *= power;
    s.m_numerator = numerator;
    s.m_denominator = denominator;
    return s;
}

bool Scale::convert(qint64 value, qint64 *out) const
{
    // ESPI values are Int48; with numerators below 2^77 (Btu at 10^12) the product fits 125 bits.
    constexpr qint64 int48 = qint64(1) << 47;
    if (value > int48 || value < -int48)
        return false;
    const Wide product = Wide(value) * m_numerator;
    Wide quotient = product / m_denominator;
    const Wide remainder = product % m_denominator;
    if (remainder != 0) {
        const Wide twice = (remainder < 0 ? -remainder : remainder) * 2;
        if (twice >= m_denominator)
            quotient += product < 0 ? -1 : 1;
    }
    if (quotient > Wide(std::numeric_limits<qint64>::max()) || quotient < Wide(std::numeric_limits<qint64>::min()))
        return false;
    *out = qint64(quotient);
    return true;
}

QString uomSymbol(qint64 uom)
{
    switch (uom) {
    case 0: return QStringLiteral("none");
    case 5: return QStringLiteral("A");
    case 29: return QStringLiteral("V");
    case 31: return QStringLiteral("J");
    case 33: return QStringLiteral("Hz");
    case 38: return QStringLiteral("W");
    case 42: return QStringLiteral("m³");
    case 61: return QStringLiteral("VA");
    case 63: return QStringLiteral("VAr");
    case 65: return QStringLiteral("cos θ");
    case 71: return QStringLiteral("VAh");
    case 72: return QStringLiteral("Wh");
    case 73: return QStringLiteral("VArh");
    case 80: return QStringLiteral("money");
    case 111: return QStringLiteral("count");
    case 119: return QStringLiteral("ft³");
    case 125: return QStringLiteral("m³/h");
    case 128: return QStringLiteral("US gal");
    case 129: return QStringLiteral("US gal/h");
    case 130: return QStringLiteral("imperial gal");
    case 132: return QStringLiteral("Btu");
    case 133: return QStringLiteral("Btu/h");
    case 134: return QStringLiteral("L");
    case 137: return QStringLiteral("L/h");
    case 169: return QStringLiteral("therm");
    default: return {};
    }
}

std::optional<DstRule> decodeDstRule(quint32 value)
{
    if (value == 0xFFFFFFFFu)
        return std::nullopt;
    DstRule r;
    const int seconds = int(value & 0xFFF);
    const int hours = int((value >> 12) & 0x1F);
    r.dayOfWeek = int((value >> 17) & 0x7);
    r.dayOfMonth = int((value >> 20) & 0x1F);
    r.op = int((value >> 25) & 0x7);
    r.month = int((value >> 28) & 0xF);
    r.secondsOfDay = hours * 3600 + seconds;
    if (r.month < 1 || r.month > 12 || seconds >= 3600 || hours > 23)
        return std::nullopt;
    if ((r.op == 0 || r.op == 1) && (r.dayOfMonth < 1 || r.dayOfMonth > 31))
        return std::nullopt;
    if (r.op >= 1 && (r.dayOfWeek < 1 || r.dayOfWeek > 7))
        return std::nullopt;
    return r;
}

std::optional<qint64> dstTransitionUtc(const DstRule &rule, int year, qint64 offsetBefore)
{
    const QDate first(year, rule.month, 1);
    const int days = first.daysInMonth();
    int day = 0;
    switch (rule.op) {
    case 0:
        day = rule.dayOfMonth;
        break;
    case 1: {
        if (rule.dayOfMonth > days)
            return std::nullopt;
        const QDate from(year, rule.month, rule.dayOfMonth);
        day = rule.dayOfMonth + (rule.dayOfWeek - from.dayOfWeek() + 7) % 7;
        break;
    }
    case 7: {
        const QDate last(year, rule.month, days);
        day = days - (last.dayOfWeek() - rule.dayOfWeek + 7) % 7;
        break;
    }
    default: // 2..6: the first .. fifth weekday
        day = 1 + (rule.dayOfWeek - first.dayOfWeek() + 7) % 7 + 7 * (rule.op - 2);
        break;
    }
    if (day < 1 || day > days)
        return std::nullopt;
    const QDateTime midnight(QDate(year, rule.month, day), QTime(0, 0), QTimeZone::utc());
    return midnight.toSecsSinceEpoch() + rule.secondsOfDay - offsetBefore;
}

namespace {

bool zoneFollows(const QTimeZone &zone, qint64 tzOffset, qint64 dstOffset, const DstRule &start,
                 const DstRule &end, int firstYear, int lastYear)
{
    const qint64 tolerance = dstOffset < 0 ? -dstOffset : dstOffset;
    for (int year = firstYear; year <= lastYear; ++year) {
        const auto startUtc = dstTransitionUtc(start, year, tzOffset);
        const auto endUtc = dstTransitionUtc(end, year, tzOffset + dstOffset);
        if (!startUtc || !endUtc)
            return false;
        const QDateTime from(QDate(year, 1, 1), QTime(0, 0), QTimeZone::utc());
        const QDateTime to(QDate(year + 1, 1, 1), QTime(0, 0), QTimeZone::utc());
        const auto transitions = zone.transitions(from.addSecs(-1), to.addSecs(-1));
        if (transitions.size() != 2)
            return false;
        bool sawStart = false, sawEnd = false;
        for (const auto &t : transitions) {
            const qint64 at = t.atUtc.toSecsSinceEpoch();
            if (t.offsetFromUtc == tzOffset + dstOffset && qAbs(at - *startUtc) <= tolerance)
                sawStart = true;
            else if (t.offsetFromUtc == tzOffset && qAbs(at - *endUtc) <= tolerance)
                sawEnd = true;
        }
        if (!sawStart || !sawEnd)
            return false;
    }
    return true;
}

QString computeZone(qint64 tzOffset, qint64 dstOffset, quint32 startRule, quint32 endRule, int firstYear,
                    int lastYear)
{
    const bool disabled = dstOffset == 0 || startRule == 0xFFFFFFFFu || endRule == 0xFFFFFFFFu;
    if (disabled) {
        if (tzOffset == 0)
            return QStringLiteral("UTC");
        const qint64 minutes = (tzOffset < 0 ? -tzOffset : tzOffset) / 60;
        const QString id = QStringLiteral("UTC%1%2:%3")
                               .arg(QLatin1Char(tzOffset < 0 ? '-' : '+'))
                               .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                               .arg(minutes % 60, 2, 10, QLatin1Char('0'));
        if (tzOffset % 60 == 0 && QTimeZone(id.toLatin1()).isValid())
            return id;
        const QTimeZone fixed{int(tzOffset)};
        return fixed.isValid() ? QString::fromLatin1(fixed.id()) : QString();
    }
    const auto start = decodeDstRule(startRule);
    const auto end = decodeDstRule(endRule);
    if (!start || !end)
        return {};
    QList<QByteArray> matches;
    const auto candidates = QTimeZone::availableTimeZoneIds(int(tzOffset));
    for (const QByteArray &id : candidates) {
        if (!id.contains('/') || id.startsWith("Etc/"))
            continue;
        if (zoneFollows(QTimeZone(id), tzOffset, dstOffset, *start, *end, firstYear, lastYear))
            matches.append(id);
    }
    if (matches.isEmpty())
        return {};
    std::sort(matches.begin(), matches.end());
    // A zone that is the default of its Windows region is the one people name (America/Los_Angeles,
    // not America/Vancouver or PST8PDT); the sort keeps the choice stable.
    for (const QByteArray &id : std::as_const(matches)) {
        const QByteArray windows = QTimeZone::ianaIdToWindowsId(id);
        if (!windows.isEmpty() && QTimeZone::windowsIdToDefaultIanaId(windows) == id)
            return QString::fromLatin1(id);
    }
    return QString::fromLatin1(matches.first());
}

} // namespace

QString timeZoneFor(qint64 tzOffset, qint64 dstOffset, quint32 dstStartRule, quint32 dstEndRule, int firstYear,
                    int lastYear)
{
    if (tzOffset < -14 * 3600 || tzOffset > 14 * 3600 || dstOffset < -2 * 3600 || dstOffset > 2 * 3600)
        return {};
    lastYear = std::clamp(lastYear, firstYear, firstYear + 30);
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6")
                            .arg(tzOffset).arg(dstOffset).arg(dstStartRule).arg(dstEndRule).arg(firstYear).arg(lastYear);
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(key);
        if (it != cache.constEnd())
            return *it;
    }
    const QString zone = computeZone(tzOffset, dstOffset, dstStartRule, dstEndRule, firstYear, lastYear);
    QMutexLocker lock(&mutex);
    cache.insert(key, zone);
    return zone;
}

} // namespace Ud::Metering::Espi
