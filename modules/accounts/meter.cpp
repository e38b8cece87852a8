#include "meter.h"

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::Meter)
};
} // namespace

QString commodityKey(Commodity value)
{
    switch (value) {
    case Commodity::Electricity: return QStringLiteral("electricity");
    case Commodity::Gas: return QStringLiteral("gas");
    case Commodity::Water: return QStringLiteral("water");
    }
    return {};
}

std::optional<Commodity> commodityFromKey(const QString &key)
{
    for (Commodity value : allCommodities()) {
        if (commodityKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString commodityName(Commodity value)
{
    switch (value) {
    case Commodity::Electricity: return Tr::tr("Electricity");
    case Commodity::Gas: return Tr::tr("Gas");
    case Commodity::Water: return Tr::tr("Water");
    }
    return {};
}

QList<Commodity> allCommodities()
{
    return {Commodity::Electricity, Commodity::Gas, Commodity::Water};
}

QString channelKindKey(ChannelKind value)
{
    switch (value) {
    case ChannelKind::Import: return QStringLiteral("import");
    case ChannelKind::Export: return QStringLiteral("export");
    case ChannelKind::Reactive: return QStringLiteral("reactive");
    }
    return {};
}

std::optional<ChannelKind> channelKindFromKey(const QString &key)
{
    for (ChannelKind value : {ChannelKind::Import, ChannelKind::Export, ChannelKind::Reactive}) {
        if (channelKindKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString channelKindName(ChannelKind value)
{
    switch (value) {
    case ChannelKind::Import: return Tr::tr("Import");
    case ChannelKind::Export: return Tr::tr("Export");
    case ChannelKind::Reactive: return Tr::tr("Reactive");
    }
    return {};
}

QString channelUnitKey(ChannelUnit value)
{
    switch (value) {
    case ChannelUnit::WattHour: return QStringLiteral("Wh");
    case ChannelUnit::Litre: return QStringLiteral("L");
    case ChannelUnit::VarHour: return QStringLiteral("varh");
    }
    return {};
}

std::optional<ChannelUnit> channelUnitFromKey(const QString &key)
{
    for (ChannelUnit value : {ChannelUnit::WattHour, ChannelUnit::Litre, ChannelUnit::VarHour}) {
        if (channelUnitKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QList<int> allowedIntervalMinutes()
{
    return {5, 15, 30, 60, 1440};
}

bool Meter::hasChannel(ChannelKind kind) const
{
    for (const MeterChannel &channel : channels) {
        if (channel.kind == kind)
            return true;
    }
    return false;
}

} // namespace Ud::Accounts
