#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Accounts {

enum class Commodity { Electricity, Gas, Water };
QString commodityKey(Commodity value);                      ///< "electricity"
std::optional<Commodity> commodityFromKey(const QString &key);
QString commodityName(Commodity value);                     ///< translated
QList<Commodity> allCommodities();

/// What a channel measures: energy taken from the grid, energy fed into it (solar export),
/// or reactive energy.
enum class ChannelKind { Import, Export, Reactive };
QString channelKindKey(ChannelKind value);                  ///< "import"
std::optional<ChannelKind> channelKindFromKey(const QString &key);
QString channelKindName(ChannelKind value);                 ///< translated

/// Wh for electricity and gas energy, L for water and gas volume, varh for reactive energy.
enum class ChannelUnit { WattHour, Litre, VarHour };
QString channelUnitKey(ChannelUnit value);                  ///< "Wh", "L", "varh"
std::optional<ChannelUnit> channelUnitFromKey(const QString &key);

/// The interval lengths smart meters record, in minutes.
QList<int> allowedIntervalMinutes();                        ///< 5, 15, 30, 60 and 1440 (daily)

/// A point of supply at a premise (an MPAN, MPRN or similar), billed to an account.
struct ServicePoint {
    QString id;
    QString premiseId;
    QString accountId;        ///< empty when not (yet) billed to an account
    Commodity commodity = Commodity::Electricity;
    QString identifier;       ///< the market's supply point number

    friend bool operator==(const ServicePoint &, const ServicePoint &) = default;
};

struct MeterChannel {
    QString id;
    ChannelKind kind = ChannelKind::Import;
    ChannelUnit unit = ChannelUnit::WattHour;

    friend bool operator==(const MeterChannel &, const MeterChannel &) = default;
};

/// A meter installed on a service point, recording one or more channels at a fixed interval.
/// A meter created from an imported file (a customer's own Green Button download) may not be on
/// a service point yet; it then has its own time zone for its local days.
struct Meter {
    QString id;
    QString servicePointId;   ///< empty when not (yet) on a service point
    QString serial;
    Commodity commodity = Commodity::Electricity;
    int intervalMinutes = 30;
    QDate installedOn;
    QDate removedOn;          ///< invalid while installed
    QString timeZone;         ///< IANA zone of a meter not on a premise; empty otherwise
    QList<MeterChannel> channels;

    bool hasChannel(ChannelKind kind) const;

    friend bool operator==(const Meter &, const Meter &) = default;
};

} // namespace Ud::Accounts
