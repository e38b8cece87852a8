#include "demotariffs.h"

#include <billing/tariffservice.h>
#include <core/module.h>
#include <core/usercontext.h>

#include <QDate>
#include <QStringList>

namespace Ud::Demo {

namespace {

struct Definition {
    Market market;
    const char *json;
};

// Prices as published around 2024-25 (rounded): the GB price cap, German household tariffs,
// Chinese provincial block tariffs and Spanish regulated (PVPC-like) tariffs.
const Definition Definitions[] = {
    {Market::GB, R"({"code": "GB-DEMO-SVT", "name": "Standard Variable", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.6099"}, {"type": "flat_rate", "perKwh": "0.2450"}]}]})"},
    {Market::GB, R"({"code": "GB-DEMO-E7", "name": "Economy 7", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.5743"}, {"type": "time_of_use", "seasons": [
          {"name": "all year", "from": "01-01", "to": "12-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"],
            "bands": [{"name": "night", "start": "00:30", "end": "07:30", "perKwh": "0.1560"},
                      {"name": "day", "start": "07:30", "end": "00:30", "perKwh": "0.3190"}]}]}]}]}]})"},
    {Market::GB, R"({"code": "GB-DEMO-BUNDLE", "name": "Smart Bundle 250", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "holidays": ["2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                     "2025-08-25", "2025-12-25", "2025-12-26"],
        "components": [{"type": "standing_charge", "perDay": "1.35"}, {"type": "time_of_use", "seasons": [
          {"name": "all year", "from": "01-01", "to": "12-31", "days": [
            {"dayTypes": ["weekday"], "bands": [{"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.16"},
              {"name": "day", "start": "07:00", "end": "16:00", "perKwh": "0.28"}, {"name": "peak", "start": "16:00", "end": "19:00", "perKwh": "0.38"},
              {"name": "day", "start": "19:00", "end": "23:00", "perKwh": "0.28"}]},
            {"dayTypes": ["weekend", "holiday"], "bands": [{"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.16"},
              {"name": "day", "start": "07:00", "end": "23:00", "perKwh": "0.28"}]}]}]},
          {"type": "package", "includedKwhPerMonth": 250, "peakPerKwh": "0.30", "offPeakPerKwh": "0.16", "offPeakBands": ["night"]}]}]})"},
    {Market::GB, R"({"code": "GB-DEMO-PAYG", "name": "Pay As You Go", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential", "commercial", "industrial", "agricultural"], "kind": "prepaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.5811"}, {"type": "flat_rate", "perKwh": "0.2386"}]}]})"},
    {Market::GB, R"({"code": "GB-DEMO-BUSINESS", "name": "Business Fixed", "market": "GB", "currency": "GBP",
        "customerClasses": ["commercial", "industrial", "agricultural"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.85"}, {"type": "flat_rate", "perKwh": "0.2610"}]}]})"},
    {Market::GB, R"({"code": "GB-DEMO-HV", "name": "Business Capacity", "market": "GB", "currency": "GBP",
        "customerClasses": ["industrial", "commercial"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "3.20"}, {"type": "flat_rate", "perKwh": "0.1985"},
                       {"type": "demand_charge", "perKw": "4.35"}]}]})"},
    {Market::DE, R"({"code": "DE-DEMO-GRUND", "name": "Grundversorgung", "market": "DE", "currency": "EUR",
        "customerClasses": ["residential", "commercial", "agricultural"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.4110"}, {"type": "flat_rate", "perKwh": "0.3960"}]}]})"},
    {Market::DE, R"({"code": "DE-DEMO-STAFFEL", "name": "Spar-Staffel", "market": "DE", "currency": "EUR",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.3620"}, {"type": "tiered_blocks", "period": "monthly",
          "blocks": [{"upToKwh": 150, "perKwh": "0.2890"}, {"upToKwh": 300, "perKwh": "0.3240"}, {"perKwh": "0.3790"}]}]}]})"},
    {Market::DE, R"({"code": "DE-DEMO-GEWERBE", "name": "Gewerbe Leistung", "market": "DE", "currency": "EUR",
        "customerClasses": ["commercial", "industrial"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "1.10"}, {"type": "flat_rate", "perKwh": "0.2480"},
                       {"type": "demand_charge", "perKw": "9.80"}]}]})"},
    {Market::DE, R"({"code": "DE-DEMO-PREPAID", "name": "Prepaid Strom", "market": "DE", "currency": "EUR",
        "customerClasses": ["residential", "commercial", "industrial", "agricultural"], "kind": "prepaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.4520"}, {"type": "flat_rate", "perKwh": "0.4190"}]}]})"},
    {Market::CN, R"({"code": "CN-DEMO-JIETI", "name": "居民阶梯电价", "market": "CN", "currency": "CNY",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "tiered_blocks", "period": "annual",
          "blocks": [{"upToKwh": 2160, "perKwh": "0.4883"}, {"upToKwh": 4200, "perKwh": "0.5383"}, {"perKwh": "0.7883"}]}]}]})"},
    {Market::CN, R"({"code": "CN-DEMO-JIETI-YUFU", "name": "居民阶梯电价（预付费）", "market": "CN", "currency": "CNY",
        "customerClasses": ["residential"], "kind": "prepaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "tiered_blocks", "period": "annual",
          "blocks": [{"upToKwh": 2160, "perKwh": "0.4883"}, {"upToKwh": 4200, "perKwh": "0.5383"}, {"perKwh": "0.7883"}]}]}]})"},
    {Market::CN, R"({"code": "CN-DEMO-FENSHI", "name": "工商业分时电价", "market": "CN", "currency": "CNY",
        "customerClasses": ["commercial", "industrial"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "time_of_use", "seasons": [{"name": "全年", "from": "01-01", "to": "12-31", "days": [
          {"dayTypes": ["weekday", "weekend", "holiday"], "bands": [
            {"name": "谷", "start": "23:00", "end": "07:00", "perKwh": "0.3120"},
            {"name": "平", "start": "07:00", "end": "10:00", "perKwh": "0.6450"},
            {"name": "峰", "start": "10:00", "end": "15:00", "perKwh": "1.0380"},
            {"name": "平", "start": "15:00", "end": "18:00", "perKwh": "0.6450"},
            {"name": "峰", "start": "18:00", "end": "21:00", "perKwh": "1.0380"},
            {"name": "平", "start": "21:00", "end": "23:00", "perKwh": "0.6450"}]}]}]}]}]})"},
    {Market::CN, R"({"code": "CN-DEMO-FENSHI-YUFU", "name": "工商业分时电价（预付费）", "market": "CN", "currency": "CNY",
        "customerClasses": ["commercial", "industrial", "agricultural"], "kind": "prepaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "time_of_use", "seasons": [{"name": "全年", "from": "01-01", "to": "12-31", "days": [
          {"dayTypes": ["weekday", "weekend", "holiday"], "bands": [
            {"name": "谷", "start": "23:00", "end": "07:00", "perKwh": "0.3120"},
            {"name": "平", "start": "07:00", "end": "10:00", "perKwh": "0.6450"},
            {"name": "峰", "start": "10:00", "end": "15:00", "perKwh": "1.0380"},
            {"name": "平", "start": "15:00", "end": "18:00", "perKwh": "0.6450"},
            {"name": "峰", "start": "18:00", "end": "21:00", "perKwh": "1.0380"},
            {"name": "平", "start": "21:00", "end": "23:00", "perKwh": "0.6450"}]}]}]}]}]})"},
    {Market::CN, R"({"code": "CN-DEMO-NONGYE", "name": "农业生产电价", "market": "CN", "currency": "CNY",
        "customerClasses": ["agricultural"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "flat_rate", "perKwh": "0.4820"}]}]})"},
    {Market::ES, R"({"code": "ES-DEMO-20TD", "name": "Tarifa 2.0TD", "market": "ES", "currency": "EUR",
        "customerClasses": ["residential", "commercial"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "holidays": ["2024-12-06", "2024-12-25", "2025-01-01", "2025-01-06", "2025-04-18", "2025-05-01", "2025-08-15",
                     "2025-10-12", "2025-11-01", "2025-12-06", "2025-12-08", "2025-12-25"],
        "components": [{"type": "standing_charge", "perDay": "0.3997"}, {"type": "time_of_use", "seasons": [
          {"name": "todo el año", "from": "01-01", "to": "12-31", "days": [
            {"dayTypes": ["weekday"], "bands": [{"name": "valle", "start": "00:00", "end": "08:00", "perKwh": "0.0986"},
              {"name": "llano", "start": "08:00", "end": "10:00", "perKwh": "0.1520"}, {"name": "punta", "start": "10:00", "end": "14:00", "perKwh": "0.2410"},
              {"name": "llano", "start": "14:00", "end": "18:00", "perKwh": "0.1520"}, {"name": "punta", "start": "18:00", "end": "22:00", "perKwh": "0.2410"},
              {"name": "llano", "start": "22:00", "end": "24:00", "perKwh": "0.1520"}]},
            {"dayTypes": ["weekend", "holiday"], "bands": [{"name": "valle", "start": "00:00", "end": "24:00", "perKwh": "0.0986"}]}]}]}]}]})"},
    {Market::ES, R"({"code": "ES-DEMO-PREPAGO", "name": "Prepago Diario", "market": "ES", "currency": "EUR",
        "customerClasses": ["residential", "commercial", "industrial", "agricultural"], "kind": "prepaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "0.3550"}, {"type": "flat_rate", "perKwh": "0.1690"},
                       {"type": "prepaid_allowance", "dailyAllowanceKwh": 1.5, "carryOverCapKwh": 15}]}]})"},
    {Market::ES, R"({"code": "ES-DEMO-30TD", "name": "Tarifa 3.0TD", "market": "ES", "currency": "EUR",
        "customerClasses": ["commercial", "industrial", "agricultural"], "kind": "postpaid", "versions": [{"effectiveFrom": "2010-01-01",
        "components": [{"type": "standing_charge", "perDay": "1.85"}, {"type": "flat_rate", "perKwh": "0.1380"},
                       {"type": "demand_charge", "perKw": "3.10"}]}]})"},
};

const char *const MarketCodes[] = {"GB", "DE", "CN", "ES"};

} // namespace

DemoTariffs DemoTariffs::install(Core::Context &context, const Core::UserContext &user)
{
    Billing::TariffService service(context);
    DemoTariffs result;
    for (const Definition &d : Definitions) {
        const Billing::TariffImport imported =
            service.importJson(user, QByteArray(d.json), QStringLiteral("demo %1").arg(QLatin1String(MarketCodes[int(d.market)])));
        const Billing::Tariff &t = imported.tariff;
        // Accounts::CustomerClass and the demo's CustomerClass list the classes in the same order.
        for (Accounts::CustomerClass c : t.customerClasses) {
            const int prepaid = t.kind == Billing::TariffKind::Prepaid ? 1 : 0;
            result.m_ids[size_t(d.market)][size_t(c)][size_t(prepaid)].push_back(t.id.toStdString());
        }
        ++result.m_count;
    }
    return result;
}

std::string_view DemoTariffs::pick(Market market, CustomerClass customerClass, bool prepaid, quint64 key) const
{
    const auto &ids = m_ids[size_t(market)][size_t(customerClass)][prepaid ? 1 : 0];
    if (ids.empty())
        return {};
    // A multiplicative hash spreads consecutive keys over the tariffs without drawing from the
    // run's random stream (which would change every later value of a seed).
    const quint64 h = (key + 1) * 0x9E3779B97F4A7C15ULL;
    return ids[size_t((h >> 32) % ids.size())];
}

qint64 DemoTariffs::startDay()
{
    return QDate(1970, 1, 1).daysTo(QDate::fromString(QLatin1String(StartDate), Qt::ISODate));
}

} // namespace Ud::Demo
