#pragma once

#include <accounts/customer.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace Ud::Billing {

/// Prices are kept in integer micro-units of the tariff's currency: 1 GBP = 1 000 000 micros,
/// so 24.567p per kWh is 245 670. Energy prices need sub-cent precision that minor units
/// (pence, cents) cannot hold, and no floating point ever touches a price. Energy quantities
/// are integer watt-hours (1 kWh = 1000 Wh). The bill calculation rounds each charge line to the
/// currency's minor units, half away from zero (Core::Money::divideRounded), once per line.
constexpr qint64 MicrosPerUnit = 1000000;
constexpr qint64 WhPerKwh = 1000;

enum class TariffKind { Postpaid, Prepaid };
QString tariffKindKey(TariffKind kind);                          ///< "postpaid"
std::optional<TariffKind> tariffKindFromKey(const QString &key);

enum class BlockPeriod { Monthly, Annual };
QString blockPeriodKey(BlockPeriod period);                      ///< "monthly"
std::optional<BlockPeriod> blockPeriodFromKey(const QString &key);

/// Holidays are the version's list of public holiday dates (TariffVersion::holidays).
enum class DayType { Weekday, Weekend, Holiday };
QString dayTypeKey(DayType type);                                ///< "weekday"
std::optional<DayType> dayTypeFromKey(const QString &key);
QList<DayType> allDayTypes();

/// A fixed charge for every day of the billing period.
struct StandingCharge {
    qint64 microsPerDay = 0;
    friend bool operator==(const StandingCharge &, const StandingCharge &) = default;
};

/// One price for every kWh.
struct FlatRate {
    qint64 microsPerKwh = 0;
    friend bool operator==(const FlatRate &, const FlatRate &) = default;
};

/// A block of consumption within the period: the kWh up to `upToWh` (counted from the start
/// of the period) at `microsPerKwh`; the last block has no upper bound.
struct Block {
    std::optional<qint64> upToWh;
    qint64 microsPerKwh = 0;
    friend bool operator==(const Block &, const Block &) = default;
};

/// Rising (or falling) block prices; the blocks restart each month or each year.
struct TieredBlocks {
    BlockPeriod period = BlockPeriod::Monthly;
    QList<Block> blocks;
    friend bool operator==(const TieredBlocks &, const TieredBlocks &) = default;
};

/// A named price for part of the day, [startMinute, endMinute) in local time on half-hour
/// boundaries. A band whose end is not after its start runs past midnight (23:00 to 07:00);
/// an end of 1440 is 24:00.
struct TimeBand {
    QString name;
    int startMinute = 0;
    int endMinute = 0;
    qint64 microsPerKwh = 0;
    friend bool operator==(const TimeBand &, const TimeBand &) = default;
};

/// The bands of the day types it applies to; together they cover each half hour once.
struct DaySchedule {
    QList<DayType> dayTypes;
    QList<TimeBand> bands;
    friend bool operator==(const DaySchedule &, const DaySchedule &) = default;
};

/// The days from `from` to `to` (month and day, inclusive; a season may run over New Year,
/// e.g. 10-01 to 03-31). Each day type has exactly one schedule in a season.
struct Season {
    QString name;
    int fromMonth = 1;
    int fromDay = 1;
    int toMonth = 12;
    int toDay = 31;
    QList<DaySchedule> days;
    friend bool operator==(const Season &, const Season &) = default;
};

/// Time-of-use prices. The seasons cover every day of the year exactly once.
struct TimeOfUse {
    QList<Season> seasons;
    friend bool operator==(const TimeOfUse &, const TimeOfUse &) = default;
};

/// A price per kW of the highest demand measured in the billing period.
struct DemandCharge {
    qint64 microsPerKw = 0;
    friend bool operator==(const DemandCharge &, const DemandCharge &) = default;
};

/// "X includes Y units; beyond that peak price Z, off-peak price W": `includedWhPerMonth`
/// are paid by the standing charge; beyond them a kWh in one of the time-of-use bands named in
/// `offPeakBands` costs `offPeakMicrosPerKwh`, any other kWh `peakMicrosPerKwh`.
struct Package {
    qint64 includedWhPerMonth = 0;
    qint64 peakMicrosPerKwh = 0;
    qint64 offPeakMicrosPerKwh = 0;
    QStringList offPeakBands;
    friend bool operator==(const Package &, const Package &) = default;
};

/// A prepaid allowance: `dailyAllowanceWh` free each day; what is not used carries over to
/// the next days up to `carryOverCapWh` in all.
struct PrepaidAllowance {
    qint64 dailyAllowanceWh = 0;
    qint64 carryOverCapWh = 0;
    friend bool operator==(const PrepaidAllowance &, const PrepaidAllowance &) = default;
};

using Component = std::variant<StandingCharge, FlatRate, TieredBlocks, TimeOfUse, DemandCharge, Package, PrepaidAllowance>;

/// The JSON "type" of a component ("standing_charge", "flat_rate", ...).
QString componentKey(const Component &component);
QStringList componentKeys();

/// The prices of a tariff from `effectiveFrom` to `effectiveTo` (both inclusive; no end while
/// open), with the public holidays that time-of-use treats as the "holiday" day type.
struct TariffVersion {
    QDate effectiveFrom;
    std::optional<QDate> effectiveTo;
    QList<QDate> holidays;
    QList<Component> components;

    bool covers(const QDate &date) const
    {
        return date >= effectiveFrom && (!effectiveTo || date <= *effectiveTo);
    }
    /// Whether the two date ranges share a day.
    bool overlaps(const TariffVersion &other) const
    {
        return (!effectiveTo || other.effectiveFrom <= *effectiveTo)
               && (!other.effectiveTo || effectiveFrom <= *other.effectiveTo);
    }
    friend bool operator==(const TariffVersion &, const TariffVersion &) = default;
};

/// A tariff: what a customer of the given classes in one market pays, in the market's
/// currency, as a list of effective-dated versions (oldest first as stored; in the file's order
/// when read from JSON). `code` is unique per market.
struct Tariff {
    QString id;
    QString code;
    QString name;
    QString marketCode;
    QString currency;
    QList<Accounts::CustomerClass> customerClasses;
    TariffKind kind = TariffKind::Postpaid;
    QList<TariffVersion> versions;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    /// The version in force on `date`, if any.
    std::optional<TariffVersion> versionOn(const QDate &date) const;
    /// "residential commercial": the class keys in the order given.
    QString classKeys() const;
};

/// One line of the tariff list.
struct TariffListRow {
    QString id;
    QString code;
    QString name;
    QString marketCode;
    QString currency;
    QList<Accounts::CustomerClass> customerClasses;
    TariffKind kind = TariffKind::Postpaid;
    int versionCount = 0;
    QDate currentFrom;        ///< start of the version in force on the day asked for; invalid if none
};

} // namespace Ud::Billing
