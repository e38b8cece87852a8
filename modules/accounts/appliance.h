#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Accounts {

enum class ApplianceKind {
    SolarPv,
    Battery,
    EvCharger,
    HeatPump,
    AgriculturalPump,
    GasBoiler,
    ElectricHeating,
    AirConditioning,
    PoolPump,
    WaterHeater,
};
QString applianceKindKey(ApplianceKind value);              ///< "solar_pv"
std::optional<ApplianceKind> applianceKindFromKey(const QString &key);
QString applianceKindName(ApplianceKind value);             ///< translated
QList<ApplianceKind> allApplianceKinds();

/// An energy-relevant appliance at a premise; programs and segments target these
/// (solar owners, EV drivers, heat-pump households).
struct Appliance {
    QString id;
    QString premiseId;
    ApplianceKind kind = ApplianceKind::SolarPv;
    std::optional<qint64> capacityW;   ///< rated power (peak for solar PV) in watts
    QDate installedOn;                 ///< invalid when unknown

    friend bool operator==(const Appliance &, const Appliance &) = default;
};

} // namespace Ud::Accounts
