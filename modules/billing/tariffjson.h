#pragma once

#include "tariff.h"

#include <QByteArray>
#include <QJsonObject>

namespace Ud::Billing {

/// The tariff file format (docs/tariffs.md): one tariff per JSON object with its versions and
/// their components. Reading validates everything that needs no database (the market's
/// existence and currency are TariffService's to check) and throws Core::Error(BadInput) with
/// one sentence that starts with the JSON path of the offending value, e.g.
/// `versions[1].components[0].seasons[0].days[0].bands[2].start: "07:15" is not on a
/// half-hour boundary; use 07:00 or 07:30.` Prices are decimal text in the currency's major
/// unit ("0.2456"), read exactly into micros; kWh are JSON numbers with up to 3 decimals.
/// Writing gives back a document that reads into an equal Tariff (id and times are not part
/// of the format).
class TariffJson
{
public:
    static Tariff parse(const QByteArray &json);
    static Tariff fromJson(const QJsonObject &object);
    static QJsonObject toJson(const Tariff &tariff);
    static QByteArray write(const Tariff &tariff);

    /// A version as the database keeps it: holidays and components (the effective dates are
    /// columns of their own). `kind` is the tariff's, which decides what components it may have.
    static QJsonObject versionBody(const TariffVersion &version);
    static TariffVersion versionFromBody(const QJsonObject &body, const QDate &from, const std::optional<QDate> &to,
                                         TariffKind kind);

    /// 245670 -> "0.24567": at least two decimals, no trailing zeros beyond them.
    static QString formatMicros(qint64 micros);
    /// 1500 -> 1.5 (kWh as a JSON number).
    static double whToKwh(qint64 wh);
    /// 450 -> "07:30", 1440 -> "24:00".
    static QString formatMinute(int minute);
};

} // namespace Ud::Billing
