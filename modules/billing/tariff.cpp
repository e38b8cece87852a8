#include "tariff.h"

namespace Ud::Billing {

QString tariffKindKey(TariffKind kind)
{
    return kind == TariffKind::Prepaid ? QStringLiteral("prepaid") : QStringLiteral("postpaid");
}

std::optional<TariffKind> tariffKindFromKey(const QString &key)
{
    if (key == QLatin1String("postpaid"))
        return TariffKind::Postpaid;
    if (key == QLatin1String("prepaid"))
        return TariffKind::Prepaid;
    return std::nullopt;
}

QString blockPeriodKey(BlockPeriod period)
{
    return period == BlockPeriod::Annual ? QStringLiteral("annual") : QStringLiteral("monthly");
}

std::optional<BlockPeriod> blockPeriodFromKey(const QString &key)
{
    if (key == QLatin1String("monthly"))
        return BlockPeriod::Monthly;
    if (key == QLatin1String("annual"))
        return BlockPeriod::Annual;
    return std::nullopt;
}

QString dayTypeKey(DayType type)
{
    switch (type) {
    case DayType::Weekday: return QStringLiteral("weekday");
    case DayType::Weekend: return QStringLiteral("weekend");
    case DayType::Holiday: return QStringLiteral("holiday");
    }
    return {};
}

std::optional<DayType> dayTypeFromKey(const QString &key)
{
    for (DayType type : allDayTypes()) {
        if (dayTypeKey(type) == key)
            return type;
    }
    return std::nullopt;
}

QList<DayType> allDayTypes()
{
    return {DayType::Weekday, DayType::Weekend, DayType::Holiday};
}

QString componentKey(const Component &component)
{
    return componentKeys().at(qsizetype(component.index()));
}

QStringList componentKeys()
{
    // In the order of the Component variant's alternatives.
    return {QStringLiteral("standing_charge"), QStringLiteral("flat_rate"), QStringLiteral("tiered_blocks"),
            QStringLiteral("time_of_use"), QStringLiteral("demand_charge"), QStringLiteral("package"),
            QStringLiteral("prepaid_allowance")};
}

std::optional<TariffVersion> Tariff::versionOn(const QDate &date) const
{
    for (const TariffVersion &v : versions) {
        if (v.covers(date))
            return v;
    }
    return std::nullopt;
}

QString Tariff::classKeys() const
{
    QStringList keys;
    for (Accounts::CustomerClass c : customerClasses)
        keys << Accounts::customerClassKey(c);
    return keys.join(QLatin1Char(' '));
}

} // namespace Ud::Billing
