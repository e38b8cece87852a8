#pragma once

#include "account.h"
#include "appliance.h"
#include "customer.h"
#include "interaction.h"
#include "meter.h"
#include "premise.h"

#include <QJsonObject>

namespace Ud::Accounts {

/// The records as audit entries show them. Sensitive values never appear in plain text:
/// a customer shows "national_id": "recorded" when one is on record, and an update shows
/// "changed" for it.
class AuditJson
{
public:
    static QJsonObject customer(const Customer &customer);
    static QJsonObject vulnerability(const Vulnerability &vulnerability);
    static QJsonObject premise(const Premise &premise);
    static QJsonObject account(const Account &account);
    static QJsonObject servicePoint(const ServicePoint &servicePoint);
    static QJsonObject meter(const Meter &meter);
    static QJsonObject appliance(const Appliance &appliance);
    static QJsonObject interaction(const Interaction &interaction);

    /// Reduces `before` and `after` to the keys whose values differ (keys missing on one
    /// side count as null there), so an update's entry says exactly what changed.
    static void keepChanges(QJsonObject &before, QJsonObject &after);
};

} // namespace Ud::Accounts
