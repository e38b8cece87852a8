#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Accounts {

enum class InteractionChannel { Phone, Email, Chat, Visit, Letter, Sms };
QString interactionChannelKey(InteractionChannel value);    ///< "phone"
std::optional<InteractionChannel> interactionChannelFromKey(const QString &key);
QString interactionChannelName(InteractionChannel value);   ///< translated
QList<InteractionChannel> allInteractionChannels();

enum class InteractionDirection { Inbound, Outbound };
QString interactionDirectionKey(InteractionDirection value);
std::optional<InteractionDirection> interactionDirectionFromKey(const QString &key);
QString interactionDirectionName(InteractionDirection value);

/// One contact with a customer (a call, an email, a visit), as the agent logged it.
/// `at` and `agent` are set by InteractionService from the clock and the signed-in user.
struct Interaction {
    QString id;
    QString customerId;
    QString accountId;        ///< empty when the contact was not about one account
    qint64 at = 0;            ///< UTC epoch seconds
    InteractionChannel channel = InteractionChannel::Phone;
    InteractionDirection direction = InteractionDirection::Inbound;
    QString reason;           ///< why the customer got in touch in words, e.g. "Bill query"
    QString summary;
    QString notes;
    QString agent;            ///< user name of whoever logged it
    QString reasonCode;       ///< key of a ContactCode of kind Reason; empty on contacts logged before codes
    QString wrapUpCode;       ///< key of a ContactCode of kind WrapUp; empty on contacts logged before codes
    int durationSeconds = 0;  ///< how long the contact took, 0..86400
    QString identityCheck;    ///< how the caller's identity was verified ("date of birth"), empty when not

    friend bool operator==(const Interaction &, const Interaction &) = default;
};

} // namespace Ud::Accounts
