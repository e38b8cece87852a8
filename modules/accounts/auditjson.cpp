#include "auditjson.h"

#include <QJsonArray>
#include <QSet>

namespace Ud::Accounts {

namespace {
QJsonValue date(const QDate &d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue();
}
} // namespace

QJsonObject AuditJson::customer(const Customer &c)
{
    QJsonObject o{{QStringLiteral("customer_number"), c.customerNumber},
                  {QStringLiteral("class"), customerClassKey(c.customerClass)},
                  {QStringLiteral("full_name"), c.fullName},
                  {QStringLiteral("given_name"), c.givenName},
                  {QStringLiteral("family_name"), c.familyName},
                  {QStringLiteral("language"), c.language},
                  {QStringLiteral("email"), c.email},
                  {QStringLiteral("phone"), c.phone},
                  {QStringLiteral("income_band"), c.incomeBand},
                  {QStringLiteral("credit_band"), c.creditBand},
                  {QStringLiteral("business_type"), c.businessType},
                  {QStringLiteral("household_size"), c.householdSize ? QJsonValue(*c.householdSize) : QJsonValue()},
                  {QStringLiteral("date_of_birth"), date(c.dateOfBirth)}};
    if (c.nationalId.stored)
        o.insert(QStringLiteral("national_id"), QStringLiteral("recorded"));
    if (c.bankAccount.stored)
        o.insert(QStringLiteral("bank_account"), QStringLiteral("recorded"));
    return o;
}

QJsonObject AuditJson::vulnerability(const Vulnerability &v)
{
    return {{QStringLiteral("kind"), vulnerabilityKindKey(v.kind)},
            {QStringLiteral("consent_given"), v.consentGiven},
            {QStringLiteral("consent_at"), v.consentGiven ? QJsonValue(v.consentAt) : QJsonValue()},
            {QStringLiteral("notes"), v.notes}};
}

QJsonObject AuditJson::premise(const Premise &p)
{
    return {{QStringLiteral("address_line1"), p.addressLine1},
            {QStringLiteral("address_line2"), p.addressLine2},
            {QStringLiteral("city"), p.city},
            {QStringLiteral("postcode"), p.postcode},
            {QStringLiteral("region"), p.region},
            {QStringLiteral("country"), p.country},
            {QStringLiteral("time_zone"), p.timeZone},
            {QStringLiteral("substation"), p.substation},
            {QStringLiteral("feeder"), p.feeder},
            {QStringLiteral("transformer"), p.transformer},
            {QStringLiteral("latitude"), p.latitude ? QJsonValue(*p.latitude) : QJsonValue()},
            {QStringLiteral("longitude"), p.longitude ? QJsonValue(*p.longitude) : QJsonValue()}};
}

QJsonObject AuditJson::account(const Account &a)
{
    return {{QStringLiteral("account_number"), a.accountNumber},
            {QStringLiteral("customer_id"), a.customerId},
            {QStringLiteral("premise_id"), a.premiseId.isEmpty() ? QJsonValue() : QJsonValue(a.premiseId)},
            {QStringLiteral("market_code"), a.marketCode},
            {QStringLiteral("payment_type"), paymentTypeKey(a.paymentType)},
            {QStringLiteral("status"), accountStatusKey(a.status)},
            {QStringLiteral("opened_on"), date(a.openedOn)},
            {QStringLiteral("closed_on"), date(a.closedOn)},
            {QStringLiteral("final_reading_on"), date(a.finalReadingOn)}};
}

QJsonObject AuditJson::servicePoint(const ServicePoint &sp)
{
    return {{QStringLiteral("premise_id"), sp.premiseId},
            {QStringLiteral("account_id"), sp.accountId.isEmpty() ? QJsonValue() : QJsonValue(sp.accountId)},
            {QStringLiteral("commodity"), commodityKey(sp.commodity)},
            {QStringLiteral("identifier"), sp.identifier}};
}

QJsonObject AuditJson::meter(const Meter &m)
{
    QJsonArray channels;
    for (const MeterChannel &c : m.channels)
        channels.append(QJsonObject{{QStringLiteral("channel"), channelKindKey(c.kind)},
                                    {QStringLiteral("unit"), channelUnitKey(c.unit)}});
    return {{QStringLiteral("service_point_id"), m.servicePointId},
            {QStringLiteral("serial"), m.serial},
            {QStringLiteral("commodity"), commodityKey(m.commodity)},
            {QStringLiteral("interval_minutes"), m.intervalMinutes},
            {QStringLiteral("installed_on"), date(m.installedOn)},
            {QStringLiteral("channels"), channels}};
}

QJsonObject AuditJson::appliance(const Appliance &a)
{
    return {{QStringLiteral("premise_id"), a.premiseId},
            {QStringLiteral("kind"), applianceKindKey(a.kind)},
            {QStringLiteral("capacity_w"), a.capacityW ? QJsonValue(*a.capacityW) : QJsonValue()},
            {QStringLiteral("installed_on"), date(a.installedOn)}};
}

QJsonObject AuditJson::interaction(const Interaction &i)
{
    return {{QStringLiteral("customer_id"), i.customerId},
            {QStringLiteral("account_id"), i.accountId.isEmpty() ? QJsonValue() : QJsonValue(i.accountId)},
            {QStringLiteral("at"), i.at},
            {QStringLiteral("channel"), interactionChannelKey(i.channel)},
            {QStringLiteral("direction"), interactionDirectionKey(i.direction)},
            {QStringLiteral("reason"), i.reason},
            {QStringLiteral("summary"), i.summary},
            {QStringLiteral("notes"), i.notes},
            {QStringLiteral("reason_code"), i.reasonCode},
            {QStringLiteral("wrap_up_code"), i.wrapUpCode},
            {QStringLiteral("duration_seconds"), i.durationSeconds},
            {QStringLiteral("identity_check"), i.identityCheck}};
}

void AuditJson::keepChanges(QJsonObject &before, QJsonObject &after)
{
    QSet<QString> keys;
    for (const QString &k : before.keys())
        keys.insert(k);
    for (const QString &k : after.keys())
        keys.insert(k);
    for (const QString &k : std::as_const(keys)) {
        if (before.value(k) == after.value(k)) {
            before.remove(k);
            after.remove(k);
        }
    }
}

} // namespace Ud::Accounts
