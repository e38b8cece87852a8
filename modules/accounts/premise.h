#pragma once

#include <QString>

#include <optional>

namespace Ud::Accounts {

/// A place supplied with energy or water: its postal address, the IANA time zone its local
/// days and time-of-use bands are counted in, and where it hangs on the network (substation,
/// feeder, transformer), which outage and loss reports group by.
struct Premise {
    QString id;
    QString addressLine1;
    QString addressLine2;
    QString city;
    QString postcode;
    QString region;
    QString country;          ///< ISO 3166-1 alpha-2, e.g. "GB"
    QString timeZone;         ///< IANA id, e.g. "Europe/London"
    QString substation;
    QString feeder;
    QString transformer;
    std::optional<double> latitude;
    std::optional<double> longitude;

    /// One line for lists and headers: "1 High Street, Flat 2, London SW1A 1AA".
    QString singleLineAddress() const;

    friend bool operator==(const Premise &, const Premise &) = default;
};

} // namespace Ud::Accounts
