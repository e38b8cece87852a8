#include "appliance.h"

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::Appliance)
};
} // namespace

QString applianceKindKey(ApplianceKind value)
{
    switch (value) {
    case ApplianceKind::SolarPv: return QStringLiteral("solar_pv");
    case ApplianceKind::Battery: return QStringLiteral("battery");
    case ApplianceKind::EvCharger: return QStringLiteral("ev_charger");
    case ApplianceKind::HeatPump: return QStringLiteral("heat_pump");
    case ApplianceKind::AgriculturalPump: return QStringLiteral("agricultural_pump");
    case ApplianceKind::GasBoiler: return QStringLiteral("gas_boiler");
    case ApplianceKind::ElectricHeating: return QStringLiteral("electric_heating");
    case ApplianceKind::AirConditioning: return QStringLiteral("air_conditioning");
    case ApplianceKind::PoolPump: return QStringLiteral("pool_pump");
    case ApplianceKind::WaterHeater: return QStringLiteral("water_heater");
    }
    return {};
}

std::optional<ApplianceKind> applianceKindFromKey(const QString &key)
{
    for (ApplianceKind value : allApplianceKinds()) {
        if (applianceKindKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString applianceKindName(ApplianceKind value)
{
    switch (value) {
    case ApplianceKind::SolarPv: return Tr::tr("Solar PV");
    case ApplianceKind::Battery: return Tr::tr("Home battery");
    case ApplianceKind::EvCharger: return Tr::tr("EV charger");
    case ApplianceKind::HeatPump: return Tr::tr("Heat pump");
    case ApplianceKind::AgriculturalPump: return Tr::tr("Agricultural pump");
    case ApplianceKind::GasBoiler: return Tr::tr("Gas boiler");
    case ApplianceKind::ElectricHeating: return Tr::tr("Electric heating");
    case ApplianceKind::AirConditioning: return Tr::tr("Air conditioning");
    case ApplianceKind::PoolPump: return Tr::tr("Pool pump");
    case ApplianceKind::WaterHeater: return Tr::tr("Water heater");
    }
    return {};
}

QList<ApplianceKind> allApplianceKinds()
{
    return {ApplianceKind::SolarPv,         ApplianceKind::Battery,         ApplianceKind::EvCharger,
            ApplianceKind::HeatPump,        ApplianceKind::AgriculturalPump, ApplianceKind::GasBoiler,
            ApplianceKind::ElectricHeating, ApplianceKind::AirConditioning, ApplianceKind::PoolPump,
            ApplianceKind::WaterHeater};
}

} // namespace Ud::Accounts
