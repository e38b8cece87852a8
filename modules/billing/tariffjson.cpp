#include "tariffjson.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <array>
#include <cmath>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::TariffJson)
};

using Core::Error;

constexpr int SlotsPerDay = 48;
constexpr int DaysInLeapYear = 366;

QString key(const QString &path, const QString &name)
{
    return path.isEmpty() ? name : path + QLatin1Char('.') + name;
}

QString item(const QString &path, int index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

[[noreturn]] void fail(const QString &path, const QString &sentence)
{
    throw Error(Error::Kind::BadInput, Tr::tr("%1: %2").arg(path, sentence));
}

/// The value as it stands in the file: "07:15" with its quotes, 0.245, true, [...].
QString shown(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    QJsonArray wrapper{value};
    QString text = QString::fromUtf8(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

void allowKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            fail(key(path, it.key()), Tr::tr("not a known key here; use %1.").arg(allowed.join(QStringLiteral(", "))));
    }
}

QJsonValue required(const QJsonObject &object, const QString &path, const QString &name, const QString &expected)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        fail(key(path, name), Tr::tr("missing; expected %1.").arg(expected));
    return value;
}

[[noreturn]] void wrong(const QString &path, const QString &expected, const QJsonValue &value)
{
    fail(path, Tr::tr("expected %1, not %2.").arg(expected, shown(value)));
}

QJsonObject object(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        wrong(path, Tr::tr("an object { ... }"), value);
    return value.toObject();
}

QJsonArray array(const QJsonObject &object, const QString &path, const QString &name, const QString &expected)
{
    const QJsonValue value = required(object, path, name, expected);
    if (!value.isArray() || value.toArray().isEmpty())
        wrong(key(path, name), expected, value);
    return value.toArray();
}

QString text(const QJsonValue &value, const QString &path, const QString &expected)
{
    if (!value.isString() || value.toString().trimmed().isEmpty())
        wrong(path, expected, value);
    return value.toString().trimmed();
}

QString text(const QJsonObject &object, const QString &path, const QString &name, const QString &expected)
{
    return text(required(object, path, name, expected), key(path, name), expected);
}

QDate date(const QJsonValue &value, const QString &path)
{
    const QString expected = Tr::tr("a date written YYYY-MM-DD");
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!value.isString() || !shape.match(value.toString()).hasMatch())
        wrong(path, expected, value);
    const QDate d = QDate::fromString(value.toString(), Qt::ISODate);
    if (!d.isValid())
        wrong(path, expected, value);
    return d;
}

/// Decimal text in the currency's major unit, read exactly into micros.
qint64 price(const QJsonObject &object, const QString &path, const QString &name)
{
    const QString where = key(path, name);
    const QString expected = Tr::tr("a price as decimal text such as \"0.2450\"");
    const QJsonValue value = required(object, path, name, expected);
    if (value.isDouble()) {
        fail(where, Tr::tr("expected a price as decimal text such as \"0.2450\", not the number %1; write prices "
                           "in quotes so that they are read exactly.").arg(shown(value)));
    }
    static const QRegularExpression shape(QStringLiteral("^(-?)(\\d{1,9})(?:\\.(\\d+))?$"));
    const auto match = shape.match(value.toString().trimmed());
    if (!value.isString() || !match.hasMatch())
        wrong(where, expected, value);
    if (!match.captured(1).isEmpty())
        fail(where, Tr::tr("%1 is negative; enter a price of 0 or more.").arg(shown(value)));
    const QString fraction = match.captured(3);
    if (fraction.size() > 6) {
        fail(where, Tr::tr("%1 has more than 6 decimals; prices are kept to a millionth of the currency unit.")
                        .arg(shown(value)));
    }
    return match.captured(2).toLongLong() * MicrosPerUnit + fraction.leftJustified(6, QLatin1Char('0')).toLongLong();
}

/// kWh as a JSON number with at most 3 decimals, as Wh.
qint64 energy(const QJsonValue &value, const QString &path)
{
    if (!value.isDouble())
        wrong(path, Tr::tr("a number of kWh such as 100 or 2.5"), value);
    const double kwh = value.toDouble();
    if (kwh < 0)
        fail(path, Tr::tr("%1 is negative; enter 0 kWh or more.").arg(shown(value)));
    if (kwh > 1e12)
        fail(path, Tr::tr("%1 kWh is more than this program can count; enter at most 1000000000000.").arg(shown(value)));
    const double wh = kwh * double(WhPerKwh);
    const qint64 rounded = std::llround(wh);
    if (std::fabs(wh - double(rounded)) > 1e-6)
        fail(path, Tr::tr("%1 has more than 3 decimals; kWh are kept to the Wh.").arg(shown(value)));
    return rounded;
}

qint64 energy(const QJsonObject &object, const QString &path, const QString &name)
{
    return energy(required(object, path, name, Tr::tr("a number of kWh such as 100 or 2.5")), key(path, name));
}

/// "HH:MM" on a half-hour boundary as minutes after midnight; 24:00 only as an end.
int minuteOfDay(const QJsonObject &object, const QString &path, const QString &name, bool isEnd)
{
    const QString where = key(path, name);
    const QString expected = isEnd ? Tr::tr("a time written HH:MM from 00:30 to 24:00")
                                   : Tr::tr("a time written HH:MM from 00:00 to 23:30");
    const QJsonValue value = required(object, path, name, expected);
    static const QRegularExpression shape(QStringLiteral("^(\\d{2}):(\\d{2})$"));
    const auto match = shape.match(value.toString());
    if (!value.isString() || !match.hasMatch())
        wrong(where, expected, value);
    const int hours = match.captured(1).toInt();
    const int minutes = match.captured(2).toInt();
    if (minutes > 59 || hours > 24 || (hours == 24 && (minutes != 0 || !isEnd)))
        wrong(where, expected, value);
    const int minute = hours * 60 + minutes;
    if (minute % 30 != 0) {
        const int before = minute - minute % 30;
        fail(where, Tr::tr("%1 is not on a half-hour boundary; use %2 or %3.")
                        .arg(shown(value), TariffJson::formatMinute(before), TariffJson::formatMinute(before + 30)));
    }
    return minute;
}

/// "MM-DD" as month and day (29 February allowed).
std::pair<int, int> monthDay(const QJsonObject &object, const QString &path, const QString &name)
{
    const QString expected = Tr::tr("a day of the year written MM-DD");
    const QJsonValue value = required(object, path, name, expected);
    static const QRegularExpression shape(QStringLiteral("^(\\d{2})-(\\d{2})$"));
    const auto match = shape.match(value.toString());
    if (!value.isString() || !match.hasMatch() || !QDate(2024, match.captured(1).toInt(), match.captured(2).toInt()).isValid())
        wrong(key(path, name), expected, value);
    return {match.captured(1).toInt(), match.captured(2).toInt()};
}

QString monthDayText(int dayOfLeapYear)
{
    return QDate(2024, 1, 1).addDays(dayOfLeapYear).toString(QStringLiteral("MM-dd"));
}

/// Half hours fromSlot up to toSlot; an end at slot 0 is midnight at the end of the day, 24:00.
QString slotRange(int fromSlot, int toSlot)
{
    if (toSlot == 0)
        toSlot = SlotsPerDay;
    return Tr::tr("%1 to %2").arg(TariffJson::formatMinute(fromSlot * 30), TariffJson::formatMinute(toSlot * 30));
}

QString rangeText(const TariffVersion &v)
{
    if (!v.effectiveTo)
        return Tr::tr("from %1 with no end").arg(v.effectiveFrom.toString(Qt::ISODate));
    return Tr::tr("%1 to %2").arg(v.effectiveFrom.toString(Qt::ISODate), v.effectiveTo->toString(Qt::ISODate));
}

DaySchedule readSchedule(const QJsonObject &o, const QString &path)
{
    allowKeys(o, path, {QStringLiteral("dayTypes"), QStringLiteral("bands")});
    DaySchedule schedule;
    const QString typesExpected = Tr::tr("a list of day types: weekday, weekend, holiday");
    const QJsonArray types = array(o, path, QStringLiteral("dayTypes"), typesExpected);
    for (int i = 0; i < types.size(); ++i) {
        const auto type = dayTypeFromKey(types.at(i).toString());
        if (!types.at(i).isString() || !type)
            wrong(item(key(path, QStringLiteral("dayTypes")), i), Tr::tr("weekday, weekend or holiday"), types.at(i));
        schedule.dayTypes << *type;
    }
    const QString bandsPath = key(path, QStringLiteral("bands"));
    const QJsonArray bands = array(o, path, QStringLiteral("bands"), Tr::tr("a list of time bands"));
    std::array<int, SlotsPerDay> owner;
    owner.fill(-1);
    for (int i = 0; i < bands.size(); ++i) {
        const QString bandPath = item(bandsPath, i);
        const QJsonObject b = object(bands.at(i), bandPath);
        allowKeys(b, bandPath, {QStringLiteral("name"), QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("perKwh")});
        TimeBand band;
        band.name = text(b, bandPath, QStringLiteral("name"), Tr::tr("the band's name, such as \"peak\""));
        band.startMinute = minuteOfDay(b, bandPath, QStringLiteral("start"), false);
        band.endMinute = minuteOfDay(b, bandPath, QStringLiteral("end"), true);
        band.microsPerKwh = price(b, bandPath, QStringLiteral("perKwh"));
        const int first = band.startMinute / 30;
        int count = (band.endMinute / 30 - first + SlotsPerDay) % SlotsPerDay;
        if (count == 0)
            count = SlotsPerDay;
        for (int j = 0; j < count; ++j) {
            const int slot = (first + j) % SlotsPerDay;
            if (owner[size_t(slot)] == -1) {
                owner[size_t(slot)] = i;
                continue;
            }
            const int other = owner[size_t(slot)];
            int end = j;
            while (end < count && owner[size_t((first + end) % SlotsPerDay)] == other)
                ++end;
            fail(bandPath, Tr::tr("%1 is also in bands[%2] (\"%3\"); every half hour of the day needs exactly one band.")
                               .arg(slotRange(slot, (first + end) % SlotsPerDay))
                               .arg(other)
                               .arg(schedule.bands.at(other).name));
        }
        schedule.bands << band;
    }
    for (int slot = 0; slot < SlotsPerDay; ++slot) {
        if (owner[size_t(slot)] != -1)
            continue;
        int end = slot;
        while (end < SlotsPerDay && owner[size_t(end)] == -1)
            ++end;
        fail(bandsPath, Tr::tr("%1 is in no band; every half hour of the day needs exactly one band.").arg(slotRange(slot, end)));
    }
    return schedule;
}

Season readSeason(const QJsonObject &o, const QString &path)
{
    allowKeys(o, path, {QStringLiteral("name"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("days")});
    Season season;
    season.name = text(o, path, QStringLiteral("name"), Tr::tr("the season's name, such as \"winter\""));
    std::tie(season.fromMonth, season.fromDay) = monthDay(o, path, QStringLiteral("from"));
    std::tie(season.toMonth, season.toDay) = monthDay(o, path, QStringLiteral("to"));
    const QString daysPath = key(path, QStringLiteral("days"));
    const QJsonArray days = array(o, path, QStringLiteral("days"), Tr::tr("a list of day schedules"));
    QHash<DayType, int> scheduleOf;
    for (int i = 0; i < days.size(); ++i) {
        const QString dayPath = item(daysPath, i);
        const DaySchedule schedule = readSchedule(object(days.at(i), dayPath), dayPath);
        for (int k = 0; k < schedule.dayTypes.size(); ++k) {
            const DayType type = schedule.dayTypes.at(k);
            if (scheduleOf.contains(type)) {
                fail(item(key(dayPath, QStringLiteral("dayTypes")), k),
                     Tr::tr("\"%1\" already has a schedule in days[%2]; each day type has one schedule per season.")
                         .arg(dayTypeKey(type))
                         .arg(scheduleOf.value(type)));
            }
            scheduleOf.insert(type, i);
        }
        season.days << schedule;
    }
    for (DayType type : allDayTypes()) {
        if (!scheduleOf.contains(type)) {
            fail(daysPath, Tr::tr("no schedule for %1; give weekday, weekend and holiday one schedule each.")
                               .arg(dayTypeKey(type)));
        }
    }
    return season;
}

TimeOfUse readTimeOfUse(const QJsonObject &o, const QString &path)
{
    allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("seasons")});
    TimeOfUse tou;
    const QString seasonsPath = key(path, QStringLiteral("seasons"));
    const QJsonArray seasons = array(o, path, QStringLiteral("seasons"), Tr::tr("a list of seasons"));
    std::array<int, DaysInLeapYear> owner;
    owner.fill(-1);
    const QDate jan1(2024, 1, 1);
    for (int i = 0; i < seasons.size(); ++i) {
        const QString seasonPath = item(seasonsPath, i);
        const Season season = readSeason(object(seasons.at(i), seasonPath), seasonPath);
        const int first = int(jan1.daysTo(QDate(2024, season.fromMonth, season.fromDay)));
        const int last = int(jan1.daysTo(QDate(2024, season.toMonth, season.toDay)));
        const int count = (last - first + DaysInLeapYear) % DaysInLeapYear + 1;
        for (int j = 0; j < count; ++j) {
            const int day = (first + j) % DaysInLeapYear;
            if (owner[size_t(day)] == -1) {
                owner[size_t(day)] = i;
                continue;
            }
            const int other = owner[size_t(day)];
            int end = j;
            while (end + 1 < count && owner[size_t((first + end + 1) % DaysInLeapYear)] == other)
                ++end;
            fail(seasonPath, Tr::tr("%1 to %2 is also in seasons[%3] (\"%4\"); the seasons must cover every day of the "
                                    "year exactly once.")
                                 .arg(monthDayText(day), monthDayText((first + end) % DaysInLeapYear))
                                 .arg(other)
                                 .arg(tou.seasons.at(other).name));
        }
        tou.seasons << season;
    }
    for (int day = 0; day < DaysInLeapYear; ++day) {
        if (owner[size_t(day)] != -1)
            continue;
        int end = day;
        while (end + 1 < DaysInLeapYear && owner[size_t(end + 1)] == -1)
            ++end;
        fail(seasonsPath, Tr::tr("%1 to %2 is in no season; the seasons must cover every day of the year exactly once.")
                              .arg(monthDayText(day), monthDayText(end)));
    }
    return tou;
}

TieredBlocks readTiers(const QJsonObject &o, const QString &path)
{
    allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("period"), QStringLiteral("blocks")});
    TieredBlocks tiers;
    const QJsonValue period = required(o, path, QStringLiteral("period"), Tr::tr("monthly or annual"));
    const auto p = blockPeriodFromKey(period.toString());
    if (!period.isString() || !p)
        wrong(key(path, QStringLiteral("period")), Tr::tr("monthly or annual"), period);
    tiers.period = *p;
    const QString blocksPath = key(path, QStringLiteral("blocks"));
    const QJsonArray blocks = array(o, path, QStringLiteral("blocks"), Tr::tr("a list of blocks"));
    for (int i = 0; i < blocks.size(); ++i) {
        const QString blockPath = item(blocksPath, i);
        const QJsonObject b = object(blocks.at(i), blockPath);
        allowKeys(b, blockPath, {QStringLiteral("upToKwh"), QStringLiteral("perKwh")});
        Block block;
        const bool last = i == blocks.size() - 1;
        if (last && b.contains(QStringLiteral("upToKwh"))) {
            fail(key(blockPath, QStringLiteral("upToKwh")),
                 Tr::tr("the last block has no upper bound; it takes every kWh above the block before."));
        }
        if (!last) {
            const QString upPath = key(blockPath, QStringLiteral("upToKwh"));
            if (!b.contains(QStringLiteral("upToKwh")))
                fail(upPath, Tr::tr("missing; every block but the last needs the kWh it goes up to."));
            block.upToWh = energy(b.value(QStringLiteral("upToKwh")), upPath);
            const qint64 previous = i > 0 ? *tiers.blocks.last().upToWh : 0;
            if (*block.upToWh <= previous) {
                fail(upPath, Tr::tr("%1 is not above the block before (%2 kWh); blocks go up in order.")
                                 .arg(shown(b.value(QStringLiteral("upToKwh"))))
                                 .arg(TariffJson::whToKwh(previous)));
            }
        }
        block.microsPerKwh = price(b, blockPath, QStringLiteral("perKwh"));
        tiers.blocks << block;
    }
    return tiers;
}

Component readComponent(const QJsonObject &o, const QString &path)
{
    const QString typePath = key(path, QStringLiteral("type"));
    const QString choices = componentKeys().join(QStringLiteral(", "));
    const QJsonValue type = required(o, path, QStringLiteral("type"), Tr::tr("one of %1").arg(choices));
    const qsizetype index = componentKeys().indexOf(type.toString());
    if (!type.isString() || index < 0)
        fail(typePath, Tr::tr("%1 is not a component; use one of %2.").arg(shown(type), choices));
    switch (index) {
    case 0:
        allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("perDay")});
        return StandingCharge{price(o, path, QStringLiteral("perDay"))};
    case 1:
        allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("perKwh")});
        return FlatRate{price(o, path, QStringLiteral("perKwh"))};
    case 2:
        return readTiers(o, path);
    case 3:
        return readTimeOfUse(o, path);
    case 4:
        allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("perKw")});
        return DemandCharge{price(o, path, QStringLiteral("perKw"))};
    case 5: {
        allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("includedKwhPerMonth"), QStringLiteral("peakPerKwh"),
                            QStringLiteral("offPeakPerKwh"), QStringLiteral("offPeakBands")});
        Package package;
        package.includedWhPerMonth = energy(o, path, QStringLiteral("includedKwhPerMonth"));
        package.peakMicrosPerKwh = price(o, path, QStringLiteral("peakPerKwh"));
        package.offPeakMicrosPerKwh = price(o, path, QStringLiteral("offPeakPerKwh"));
        const QJsonArray bands = array(o, path, QStringLiteral("offPeakBands"),
                                       Tr::tr("a list of the time_of_use band names that are off-peak"));
        for (int i = 0; i < bands.size(); ++i) {
            package.offPeakBands << text(bands.at(i), item(key(path, QStringLiteral("offPeakBands")), i),
                                         Tr::tr("a band name"));
        }
        return package;
    }
    default: {
        allowKeys(o, path, {QStringLiteral("type"), QStringLiteral("dailyAllowanceKwh"), QStringLiteral("carryOverCapKwh")});
        PrepaidAllowance allowance;
        allowance.dailyAllowanceWh = energy(o, path, QStringLiteral("dailyAllowanceKwh"));
        allowance.carryOverCapWh = energy(o, path, QStringLiteral("carryOverCapKwh"));
        return allowance;
    }
    }
}

void checkComponents(const TariffVersion &version, const QString &path, TariffKind kind)
{
    const QString componentsPath = key(path, QStringLiteral("components"));
    QHash<qsizetype, int> seen;
    int energyPricing = -1;
    QSet<QString> bandNames;
    for (int i = 0; i < version.components.size(); ++i) {
        const Component &c = version.components.at(i);
        const QString itemPath = item(componentsPath, i);
        if (seen.contains(qsizetype(c.index()))) {
            fail(itemPath, Tr::tr("a second %1 (the first is components[%2]); a version has at most one component of "
                                  "each type.").arg(componentKey(c)).arg(seen.value(qsizetype(c.index()))));
        }
        seen.insert(qsizetype(c.index()), i);
        if (std::holds_alternative<FlatRate>(c) || std::holds_alternative<TieredBlocks>(c)
            || std::holds_alternative<TimeOfUse>(c)) {
            if (energyPricing >= 0) {
                fail(itemPath, Tr::tr("%1 and components[%2] (%3) would both price every kWh; a version has one of "
                                      "flat_rate, tiered_blocks and time_of_use.")
                                   .arg(componentKey(c))
                                   .arg(energyPricing)
                                   .arg(componentKey(version.components.at(energyPricing))));
            }
            energyPricing = i;
        }
        if (const auto *tou = std::get_if<TimeOfUse>(&c)) {
            for (const Season &s : tou->seasons) {
                for (const DaySchedule &d : s.days) {
                    for (const TimeBand &b : d.bands)
                        bandNames.insert(b.name);
                }
            }
        }
        if (std::holds_alternative<PrepaidAllowance>(c) && kind != TariffKind::Prepaid) {
            fail(itemPath, Tr::tr("prepaid_allowance is for prepaid tariffs; set \"kind\": \"prepaid\" or remove "
                                  "this component."));
        }
    }
    for (int i = 0; i < version.components.size(); ++i) {
        const auto *package = std::get_if<Package>(&version.components.at(i));
        if (!package)
            continue;
        const QString bandsPath = key(item(componentsPath, i), QStringLiteral("offPeakBands"));
        if (bandNames.isEmpty())
            fail(bandsPath, Tr::tr("a package needs a time_of_use component in the same version to tell off-peak "
                                   "from peak."));
        QStringList known = bandNames.values();
        known.sort();
        for (int k = 0; k < package->offPeakBands.size(); ++k) {
            if (!bandNames.contains(package->offPeakBands.at(k))) {
                fail(item(bandsPath, k), Tr::tr("\"%1\" is no band of this version's time_of_use; use one of %2.")
                                             .arg(package->offPeakBands.at(k), known.join(QStringLiteral(", "))));
            }
        }
    }
}

TariffVersion readVersion(const QJsonObject &o, const QString &path, TariffKind kind, bool withDates)
{
    TariffVersion version;
    if (withDates) {
        allowKeys(o, path, {QStringLiteral("effectiveFrom"), QStringLiteral("effectiveTo"), QStringLiteral("holidays"),
                            QStringLiteral("components")});
        version.effectiveFrom = date(required(o, path, QStringLiteral("effectiveFrom"), Tr::tr("a date written YYYY-MM-DD")),
                                     key(path, QStringLiteral("effectiveFrom")));
        const QJsonValue to = o.value(QStringLiteral("effectiveTo"));
        if (!to.isUndefined() && !to.isNull()) {
            const QString toPath = key(path, QStringLiteral("effectiveTo"));
            version.effectiveTo = date(to, toPath);
            if (*version.effectiveTo < version.effectiveFrom) {
                fail(toPath, Tr::tr("%1 is before effectiveFrom %2; a version ends on or after the day it starts.")
                                 .arg(version.effectiveTo->toString(Qt::ISODate),
                                      version.effectiveFrom.toString(Qt::ISODate)));
            }
        }
    } else {
        allowKeys(o, path, {QStringLiteral("holidays"), QStringLiteral("components")});
    }
    const QJsonValue holidays = o.value(QStringLiteral("holidays"));
    const QString holidaysPath = key(path, QStringLiteral("holidays"));
    if (!holidays.isUndefined() && !holidays.isNull()) {
        if (!holidays.isArray())
            wrong(holidaysPath, Tr::tr("a list of dates written YYYY-MM-DD"), holidays);
        const QJsonArray list = holidays.toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QDate d = date(list.at(i), item(holidaysPath, i));
            if (version.holidays.contains(d))
                fail(item(holidaysPath, i), Tr::tr("%1 is listed twice.").arg(d.toString(Qt::ISODate)));
            version.holidays << d;
        }
    }
    const QString componentsPath = key(path, QStringLiteral("components"));
    const QJsonArray components = array(o, path, QStringLiteral("components"), Tr::tr("a list of price components"));
    for (int i = 0; i < components.size(); ++i) {
        const QString itemPath = item(componentsPath, i);
        version.components << readComponent(object(components.at(i), itemPath), itemPath);
    }
    checkComponents(version, path, kind);
    return version;
}

QJsonValue kwhValue(qint64 wh)
{
    if (wh % WhPerKwh == 0)
        return QJsonValue(wh / WhPerKwh);
    return QJsonValue(TariffJson::whToKwh(wh));
}

QString minuteText(int minute)
{
    return TariffJson::formatMinute(minute);
}

QJsonObject componentJson(const Component &component)
{
    QJsonObject o{{QStringLiteral("type"), componentKey(component)}};
    if (const auto *c = std::get_if<StandingCharge>(&component)) {
        o.insert(QStringLiteral("perDay"), TariffJson::formatMicros(c->microsPerDay));
    } else if (const auto *c = std::get_if<FlatRate>(&component)) {
        o.insert(QStringLiteral("perKwh"), TariffJson::formatMicros(c->microsPerKwh));
    } else if (const auto *c = std::get_if<TieredBlocks>(&component)) {
        o.insert(QStringLiteral("period"), blockPeriodKey(c->period));
        QJsonArray blocks;
        for (const Block &b : c->blocks) {
            QJsonObject block{{QStringLiteral("perKwh"), TariffJson::formatMicros(b.microsPerKwh)}};
            if (b.upToWh)
                block.insert(QStringLiteral("upToKwh"), kwhValue(*b.upToWh));
            blocks.append(block);
        }
        o.insert(QStringLiteral("blocks"), blocks);
    } else if (const auto *c = std::get_if<TimeOfUse>(&component)) {
        QJsonArray seasons;
        for (const Season &s : c->seasons) {
            QJsonArray days;
            for (const DaySchedule &d : s.days) {
                QJsonArray types;
                for (DayType t : d.dayTypes)
                    types.append(dayTypeKey(t));
                QJsonArray bands;
                for (const TimeBand &b : d.bands) {
                    bands.append(QJsonObject{{QStringLiteral("name"), b.name},
                                             {QStringLiteral("start"), minuteText(b.startMinute)},
                                             {QStringLiteral("end"), minuteText(b.endMinute)},
                                             {QStringLiteral("perKwh"), TariffJson::formatMicros(b.microsPerKwh)}});
                }
                days.append(QJsonObject{{QStringLiteral("dayTypes"), types}, {QStringLiteral("bands"), bands}});
            }
            seasons.append(QJsonObject{
                {QStringLiteral("name"), s.name},
                {QStringLiteral("from"), QDate(2024, s.fromMonth, s.fromDay).toString(QStringLiteral("MM-dd"))},
                {QStringLiteral("to"), QDate(2024, s.toMonth, s.toDay).toString(QStringLiteral("MM-dd"))},
                {QStringLiteral("days"), days}});
        }
        o.insert(QStringLiteral("seasons"), seasons);
    } else if (const auto *c = std::get_if<DemandCharge>(&component)) {
        o.insert(QStringLiteral("perKw"), TariffJson::formatMicros(c->microsPerKw));
    } else if (const auto *c = std::get_if<Package>(&component)) {
        o.insert(QStringLiteral("includedKwhPerMonth"), kwhValue(c->includedWhPerMonth));
        o.insert(QStringLiteral("peakPerKwh"), TariffJson::formatMicros(c->peakMicrosPerKwh));
        o.insert(QStringLiteral("offPeakPerKwh"), TariffJson::formatMicros(c->offPeakMicrosPerKwh));
        o.insert(QStringLiteral("offPeakBands"), QJsonArray::fromStringList(c->offPeakBands));
    } else if (const auto *c = std::get_if<PrepaidAllowance>(&component)) {
        o.insert(QStringLiteral("dailyAllowanceKwh"), kwhValue(c->dailyAllowanceWh));
        o.insert(QStringLiteral("carryOverCapKwh"), kwhValue(c->carryOverCapWh));
    }
    return o;
}

} // namespace

Tariff TariffJson::parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        // The line is what an editor shows; QJsonParseError gives the byte offset.
        const qsizetype line = json.left(error.offset).count('\n') + 1;
        throw Error(Error::Kind::BadInput, Tr::tr("line %1: not valid JSON (%2).").arg(line).arg(error.errorString()));
    }
    if (!doc.isObject())
        throw Error(Error::Kind::BadInput, Tr::tr("the file must hold one tariff as a JSON object { ... }."));
    return fromJson(doc.object());
}

Tariff TariffJson::fromJson(const QJsonObject &o)
{
    const QString root;
    allowKeys(o, root, {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("market"), QStringLiteral("currency"),
                        QStringLiteral("customerClasses"), QStringLiteral("kind"), QStringLiteral("versions")});
    Tariff t;
    const QString codeExpected = Tr::tr("a code of up to 40 letters, digits, '-', '_' or '.'");
    t.code = text(o, root, QStringLiteral("code"), codeExpected);
    static const QRegularExpression codeShape(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"));
    if (!codeShape.match(t.code).hasMatch())
        wrong(QStringLiteral("code"), codeExpected, o.value(QStringLiteral("code")));
    t.name = text(o, root, QStringLiteral("name"), Tr::tr("the tariff's name as customers see it"));
    const QString marketExpected = Tr::tr("a market code such as \"GB\"");
    t.marketCode = text(o, root, QStringLiteral("market"), marketExpected);
    static const QRegularExpression marketShape(QStringLiteral("^[A-Z]{2}$"));
    if (!marketShape.match(t.marketCode).hasMatch())
        wrong(QStringLiteral("market"), marketExpected, o.value(QStringLiteral("market")));
    const QString currencyExpected = Tr::tr("an ISO 4217 currency code such as \"GBP\"");
    t.currency = text(o, root, QStringLiteral("currency"), currencyExpected);
    static const QRegularExpression currencyShape(QStringLiteral("^[A-Z]{3}$"));
    if (!currencyShape.match(t.currency).hasMatch())
        wrong(QStringLiteral("currency"), currencyExpected, o.value(QStringLiteral("currency")));
    QStringList classKeys;
    for (Accounts::CustomerClass c : Accounts::allCustomerClasses())
        classKeys << Accounts::customerClassKey(c);
    const QString classesExpected = Tr::tr("a list of customer classes: %1").arg(classKeys.join(QStringLiteral(", ")));
    const QJsonArray classes = array(o, root, QStringLiteral("customerClasses"), classesExpected);
    for (int i = 0; i < classes.size(); ++i) {
        const auto c = Accounts::customerClassFromKey(classes.at(i).toString());
        const QString classPath = item(QStringLiteral("customerClasses"), i);
        if (!classes.at(i).isString() || !c)
            wrong(classPath, Tr::tr("one of %1").arg(classKeys.join(QStringLiteral(", "))), classes.at(i));
        if (t.customerClasses.contains(*c))
            fail(classPath, Tr::tr("%1 is listed twice.").arg(shown(classes.at(i))));
        t.customerClasses << *c;
    }
    const QJsonValue kind = required(o, root, QStringLiteral("kind"), Tr::tr("postpaid or prepaid"));
    const auto k = tariffKindFromKey(kind.toString());
    if (!kind.isString() || !k)
        wrong(QStringLiteral("kind"), Tr::tr("postpaid or prepaid"), kind);
    t.kind = *k;
    const QJsonArray versions = array(o, root, QStringLiteral("versions"), Tr::tr("a list of versions"));
    for (int i = 0; i < versions.size(); ++i) {
        const QString versionPath = item(QStringLiteral("versions"), i);
        const TariffVersion v = readVersion(object(versions.at(i), versionPath), versionPath, t.kind, true);
        for (int j = 0; j < t.versions.size(); ++j) {
            if (v.overlaps(t.versions.at(j))) {
                fail(versionPath, Tr::tr("%1 overlaps versions[%2] (%3); versions must not share a day.")
                                      .arg(rangeText(v))
                                      .arg(j)
                                      .arg(rangeText(t.versions.at(j))));
            }
        }
        t.versions << v;
    }
    return t;
}

QJsonObject TariffJson::toJson(const Tariff &tariff)
{
    QJsonArray classes;
    for (Accounts::CustomerClass c : tariff.customerClasses)
        classes.append(Accounts::customerClassKey(c));
    QJsonArray versions;
    for (const TariffVersion &v : tariff.versions) {
        QJsonObject o = versionBody(v);
        o.insert(QStringLiteral("effectiveFrom"), v.effectiveFrom.toString(Qt::ISODate));
        if (v.effectiveTo)
            o.insert(QStringLiteral("effectiveTo"), v.effectiveTo->toString(Qt::ISODate));
        versions.append(o);
    }
    return {{QStringLiteral("code"), tariff.code},
            {QStringLiteral("name"), tariff.name},
            {QStringLiteral("market"), tariff.marketCode},
            {QStringLiteral("currency"), tariff.currency},
            {QStringLiteral("customerClasses"), classes},
            {QStringLiteral("kind"), tariffKindKey(tariff.kind)},
            {QStringLiteral("versions"), versions}};
}

QByteArray TariffJson::write(const Tariff &tariff)
{
    return QJsonDocument(toJson(tariff)).toJson(QJsonDocument::Indented);
}

QJsonObject TariffJson::versionBody(const TariffVersion &version)
{
    QJsonArray holidays;
    for (const QDate &d : version.holidays)
        holidays.append(d.toString(Qt::ISODate));
    QJsonArray components;
    for (const Component &c : version.components)
        components.append(componentJson(c));
    QJsonObject o{{QStringLiteral("components"), components}};
    if (!holidays.isEmpty())
        o.insert(QStringLiteral("holidays"), holidays);
    return o;
}

TariffVersion TariffJson::versionFromBody(const QJsonObject &body, const QDate &from, const std::optional<QDate> &to,
                                          TariffKind kind)
{
    TariffVersion v = readVersion(body, QStringLiteral("version"), kind, false);
    v.effectiveFrom = from;
    v.effectiveTo = to;
    return v;
}

QString TariffJson::formatMicros(qint64 micros)
{
    const qint64 magnitude = micros < 0 ? -micros : micros;
    QString fraction = QStringLiteral("%1").arg(magnitude % MicrosPerUnit, 6, 10, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return (micros < 0 ? QStringLiteral("-") : QString()) + QString::number(magnitude / MicrosPerUnit)
           + QLatin1Char('.') + fraction;
}

double TariffJson::whToKwh(qint64 wh)
{
    return double(wh) / double(WhPerKwh);
}

QString TariffJson::formatMinute(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

} // namespace Ud::Billing
