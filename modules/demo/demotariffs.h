#pragma once

#include "localedata.h"

#include <QtGlobal>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Demo {

/// The demo's tariffs, realistic for each market, and which of them an account may be on:
/// Great Britain a standard flat rate, an Economy 7 style time-of-use tariff, a bundle with
/// included units, pay-as-you-go and business tariffs; Germany a basic flat rate, rising blocks
/// and a business demand tariff; China annual blocks for households and peak/flat/valley prices
/// for businesses; Spain a 2.0TD style three-period tariff and a prepaid tariff with a daily
/// allowance. Every tariff has one version from StartDate with no end. Plain data once
/// installed, so row builders on worker threads can read it.
class DemoTariffs
{
public:
    static constexpr const char *StartDate = "2010-01-01";

    /// Imports the tariffs through TariffService (a tariff already stored unchanged is left
    /// alone, so a second run adds nothing) and reads their ids. Needs ManageCatalog.
    static DemoTariffs install(Core::Context &context, const Core::UserContext &user);

    /// A tariff of the market and class for a prepaid or postpaid account, chosen by `key`
    /// (the same key always gives the same tariff); empty when there is none.
    std::string_view pick(Market market, CustomerClass customerClass, bool prepaid, quint64 key) const;
    /// Days since 1970-01-01 of StartDate.
    static qint64 startDay();
    int count() const { return m_count; }

private:
    // [market][class][prepaid]
    std::array<std::array<std::array<std::vector<std::string>, 2>, 4>, MarketCount> m_ids;
    int m_count = 0;
};

} // namespace Ud::Demo
