#include "meterservice.h"

#include "auditjson.h"
#include "sqlvalues.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::MeterService)
};

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

bool unitFits(Commodity commodity, ChannelKind kind, ChannelUnit unit)
{
    switch (commodity) {
    case Commodity::Electricity:
        return kind == ChannelKind::Reactive ? unit == ChannelUnit::VarHour : unit == ChannelUnit::WattHour;
    case Commodity::Gas:
        return kind == ChannelKind::Import && (unit == ChannelUnit::WattHour || unit == ChannelUnit::Litre);
    case Commodity::Water:
        return kind == ChannelKind::Import && unit == ChannelUnit::Litre;
    }
    return false;
}
} // namespace

MeterService::MeterService(Core::Context &context)
    : m_context(context), m_meters(context.database), m_premises(context.database), m_accounts(context.database)
{
}

ChannelUnit MeterService::defaultUnit(Commodity commodity, ChannelKind kind)
{
    if (commodity == Commodity::Water)
        return ChannelUnit::Litre;
    return kind == ChannelKind::Reactive ? ChannelUnit::VarHour : ChannelUnit::WattHour;
}

ServicePoint MeterService::addServicePoint(const Core::UserContext &user, ServicePoint sp)
{
    user.require(Permission::EditCustomers);
    sp.identifier = sp.identifier.trimmed().toUpper();
    static const QRegularExpression identifierPattern(QStringLiteral("^[A-Z0-9][A-Z0-9 -]{0,39}$"));
    if (sp.identifier.isEmpty())
        badInput(Tr::tr("Service point identifier is required: enter the supply number (MPAN, MPRN or the local equivalent)."));
    if (!identifierPattern.match(sp.identifier).hasMatch())
        badInput(Tr::tr("Service point identifier may only contain letters, digits, spaces and dashes, at most 40 of them."));
    Transaction tx(m_context.database);
    if (!SqlValues::isId(sp.premiseId) || !m_premises.get(sp.premiseId))
        throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
    if (!sp.accountId.isEmpty()) {
        const auto account = SqlValues::isId(sp.accountId) ? m_accounts.get(sp.accountId) : std::nullopt;
        if (!account)
            throw Error(Error::Kind::NotFound, Tr::tr("The account does not exist (any more); it may have been removed."));
        if (account->premiseId != sp.premiseId)
            badInput(Tr::tr("Account %1 is for another premise: choose an account at this premise.").arg(account->accountNumber));
    }
    if (m_meters.servicePointIdentifierExists(sp.identifier))
        throw Error(Error::Kind::Conflict, Tr::tr("Service point %1 already exists.").arg(sp.identifier));
    sp.id = Core::newId();
    m_meters.insertServicePoint(sp);
    m_context.audit.record(user, QStringLiteral("service_point.create"), QStringLiteral("service_point"), sp.id, {},
                           AuditJson::servicePoint(sp));
    tx.commit();
    return sp;
}

QList<ServicePoint> MeterService::servicePointsOfPremise(const Core::UserContext &user, const QString &premiseId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(premiseId))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_meters.servicePointsOfPremise(premiseId); });
}

Meter MeterService::addMeter(const Core::UserContext &user, Meter meter)
{
    user.require(Permission::EditCustomers);
    meter.serial = meter.serial.trimmed().toUpper();
    static const QRegularExpression serialPattern(QStringLiteral("^[A-Z0-9][A-Z0-9/-]{0,39}$"));
    if (meter.serial.isEmpty())
        badInput(Tr::tr("Meter serial is required: enter the serial number printed on the meter."));
    if (!serialPattern.match(meter.serial).hasMatch())
        badInput(Tr::tr("Meter serial may only contain letters, digits, slashes and dashes, at most 40 of them."));
    if (!allowedIntervalMinutes().contains(meter.intervalMinutes))
        badInput(Tr::tr("Interval must be 5, 15, 30, 60 minutes or daily (1440) (got %1).").arg(meter.intervalMinutes));
    if (meter.channels.isEmpty())
        badInput(Tr::tr("Channels: a meter needs at least one channel, usually import."));

    Transaction tx(m_context.database);
    const auto sp = SqlValues::isId(meter.servicePointId) ? m_meters.servicePoint(meter.servicePointId) : std::nullopt;
    if (!sp)
        throw Error(Error::Kind::NotFound, Tr::tr("The service point does not exist (any more); it may have been removed."));
    meter.commodity = sp->commodity;
    QSet<int> seen;
    for (MeterChannel &channel : meter.channels) {
        if (seen.contains(int(channel.kind)))
            badInput(Tr::tr("Channels: %1 is listed twice.").arg(channelKindName(channel.kind)));
        seen.insert(int(channel.kind));
        if (!unitFits(meter.commodity, channel.kind, channel.unit)) {
            badInput(Tr::tr("Channels: a %1 meter cannot record %2 in %3. Electricity records import and export in Wh "
                        "and reactive in varh; gas records import in Wh or L; water records import in L.")
                         .arg(commodityName(meter.commodity), channelKindName(channel.kind), channelUnitKey(channel.unit)));
        }
        channel.id = Core::newId();
    }
    const QDate today = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date();
    if (!meter.installedOn.isValid())
        meter.installedOn = today;
    if (meter.installedOn < QDate(1970, 1, 1) || meter.installedOn > today.addYears(1))
        badInput(Tr::tr("Installation date must lie between 1970-01-01 and one year from today."));
    meter.removedOn = QDate();
    if (m_meters.meterBySerial(meter.serial))
        throw Error(Error::Kind::Conflict, Tr::tr("A meter with serial %1 already exists.").arg(meter.serial));
    meter.id = Core::newId();
    m_meters.insertMeter(meter);
    m_context.audit.record(user, QStringLiteral("meter.create"), QStringLiteral("meter"), meter.id, {},
                           AuditJson::meter(meter));
    tx.commit();
    m_context.events.publish(QStringLiteral("meter.added"), {{QStringLiteral("id"), meter.id}});
    return meter;
}

Meter MeterService::meter(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::ViewCustomers);
    Transaction tx(m_context.database, Transaction::Mode::Read);
    const auto found = SqlValues::isId(id) ? m_meters.meter(id) : std::nullopt;
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("The meter does not exist (any more); it may have been removed."));
    tx.commit();
    return *found;
}

std::optional<Meter> MeterService::findBySerial(const Core::UserContext &user, const QString &serial)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return m_meters.meterBySerial(serial.trimmed().toUpper()); });
}

QList<Meter> MeterService::metersOfServicePoint(const Core::UserContext &user, const QString &servicePointId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(servicePointId))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_meters.metersOfServicePoint(servicePointId); });
}

QList<Meter> MeterService::metersOfCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_meters.metersOfCustomer(customerId); });
}

} // namespace Ud::Accounts
