#include "interaction.h"

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::Interaction)
};
} // namespace

QString interactionChannelKey(InteractionChannel value)
{
    switch (value) {
    case InteractionChannel::Phone: return QStringLiteral("phone");
    case InteractionChannel::Email: return QStringLiteral("email");
    case InteractionChannel::Chat: return QStringLiteral("chat");
    case InteractionChannel::Visit: return QStringLiteral("visit");
    case InteractionChannel::Letter: return QStringLiteral("letter");
    case InteractionChannel::Sms: return QStringLiteral("sms");
    }
    return {};
}

std::optional<InteractionChannel> interactionChannelFromKey(const QString &key)
{
    for (InteractionChannel value : allInteractionChannels()) {
        if (interactionChannelKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString interactionChannelName(InteractionChannel value)
{
    switch (value) {
    case InteractionChannel::Phone: return Tr::tr("Phone");
    case InteractionChannel::Email: return Tr::tr("Email");
    case InteractionChannel::Chat: return Tr::tr("Chat");
    case InteractionChannel::Visit: return Tr::tr("Visit");
    case InteractionChannel::Letter: return Tr::tr("Letter");
    case InteractionChannel::Sms: return Tr::tr("SMS");
    }
    return {};
}

QList<InteractionChannel> allInteractionChannels()
{
    return {InteractionChannel::Phone, InteractionChannel::Email,  InteractionChannel::Chat,
            InteractionChannel::Visit, InteractionChannel::Letter, InteractionChannel::Sms};
}

QString interactionDirectionKey(InteractionDirection value)
{
    return value == InteractionDirection::Outbound ? QStringLiteral("outbound") : QStringLiteral("inbound");
}

std::optional<InteractionDirection> interactionDirectionFromKey(const QString &key)
{
    if (key == QLatin1String("inbound"))
        return InteractionDirection::Inbound;
    if (key == QLatin1String("outbound"))
        return InteractionDirection::Outbound;
    return std::nullopt;
}

QString interactionDirectionName(InteractionDirection value)
{
    return value == InteractionDirection::Outbound ? Tr::tr("Outbound") : Tr::tr("Inbound");
}

} // namespace Ud::Accounts
