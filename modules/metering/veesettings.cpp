#include "veesettings.h"

#include <QSettings>

namespace Ud::Metering {

namespace {

/// The one list of keys: load() and save() both walk it, so a key cannot exist for one only.
template<typename Settings, typename Visit>
void forEachSetting(Settings &s, Visit visit)
{
    visit("interpolationMaxMinutes", s.interpolationMaxMinutes);
    visit("interpolationMaxDays", s.interpolationMaxDays);
    visit("maxEstimatedGapDays", s.maxEstimatedGapDays);
    visit("likeDayCount", s.likeDayCount);
    visit("likeDayWeeks", s.likeDayWeeks);
    visit("electricityMaxWatts", s.electricityMaxWatts);
    visit("reactiveMaxVar", s.reactiveMaxVar);
    visit("gasMaxWatts", s.gasMaxWatts);
    visit("gasMaxLitresPerHour", s.gasMaxLitresPerHour);
    visit("waterMaxLitresPerHour", s.waterMaxLitresPerHour);
    visit("historyHighFactor", s.historyHighFactor);
    visit("historyLowFactor", s.historyLowFactor);
    visit("historyMinDays", s.historyMinDays);
    visit("spikeFactor", s.spikeFactor);
    visit("spikeFloorPercent", s.spikeFloorPercent);
    visit("zeroRunHoursElectricity", s.zeroRunHoursElectricity);
    visit("zeroRunHoursGasWater", s.zeroRunHoursGasWater);
    visit("frozenRunLength", s.frozenRunLength);
    visit("multiplierRatio", s.multiplierRatio);
    visit("sumTolerancePermille", s.sumTolerancePermille);
    visit("sumToleranceUnitsPerInterval", s.sumToleranceUnitsPerInterval);
    visit("maxFindingsPerRule", s.maxFindingsPerRule);
}

QString keyOf(const char *name) { return QStringLiteral("vee/") + QLatin1String(name); }

} // namespace

qint64 VeeSettings::maxPerInterval(Accounts::Commodity commodity, Accounts::ChannelKind kind,
                                   Accounts::ChannelUnit unit, int intervalMinutes) const
{
    using Accounts::ChannelUnit;
    using Accounts::Commodity;
    qint64 perHour = electricityMaxWatts;
    if (kind == Accounts::ChannelKind::Reactive || unit == ChannelUnit::VarHour)
        perHour = reactiveMaxVar;
    else if (commodity == Commodity::Gas)
        perHour = unit == ChannelUnit::Litre ? gasMaxLitresPerHour : gasMaxWatts;
    else if (commodity == Commodity::Water)
        perHour = waterMaxLitresPerHour;
    return perHour * intervalMinutes / 60;
}

VeeSettings VeeSettings::load(const QSettings &settings)
{
    VeeSettings s;
    forEachSetting(s, [&settings](const char *name, auto &member) {
        const QVariant v = settings.value(keyOf(name));
        if (v.isValid())
            member = v.value<std::remove_reference_t<decltype(member)>>();
    });
    return s;
}

void VeeSettings::save(QSettings &settings) const
{
    forEachSetting(*this, [&settings](const char *name, const auto &member) { settings.setValue(keyOf(name), member); });
}

} // namespace Ud::Metering
