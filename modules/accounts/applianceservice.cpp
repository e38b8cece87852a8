#include "applianceservice.h"

#include "auditjson.h"
#include "sqlvalues.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::ApplianceService)
};
} // namespace

ApplianceService::ApplianceService(Core::Context &context)
    : m_context(context), m_appliances(context.database), m_premises(context.database)
{
}

Appliance ApplianceService::add(const Core::UserContext &user, Appliance appliance)
{
    user.require(Permission::EditCustomers);
    if (appliance.capacityW && (*appliance.capacityW < 1 || *appliance.capacityW > MaxCapacityW))
        throw Error(Error::Kind::BadInput, Tr::tr("Capacity must be between 1 W and 50,000,000 W, or left empty when unknown."));
    const QDate today = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date();
    if (appliance.installedOn.isValid() && (appliance.installedOn < QDate(1900, 1, 1) || appliance.installedOn > today))
        throw Error(Error::Kind::BadInput, Tr::tr("Installation date must lie between 1900-01-01 and today, or be left empty."));
    Transaction tx(m_context.database);
    if (!SqlValues::isId(appliance.premiseId) || !m_premises.get(appliance.premiseId))
        throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
    appliance.id = Core::newId();
    m_appliances.insert(appliance);
    m_context.audit.record(user, QStringLiteral("appliance.create"), QStringLiteral("appliance"), appliance.id, {},
                           AuditJson::appliance(appliance));
    tx.commit();
    return appliance;
}

void ApplianceService::remove(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::EditCustomers);
    Transaction tx(m_context.database);
    const auto before = SqlValues::isId(id) ? m_appliances.get(id) : std::nullopt;
    if (!before)
        throw Error(Error::Kind::NotFound, Tr::tr("The appliance does not exist (any more); it may have been removed."));
    m_appliances.remove(id);
    m_context.audit.record(user, QStringLiteral("appliance.delete"), QStringLiteral("appliance"), id,
                           AuditJson::appliance(*before), {});
    tx.commit();
}

QList<Appliance> ApplianceService::ofPremise(const Core::UserContext &user, const QString &premiseId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(premiseId))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_appliances.ofPremise(premiseId); });
}

QList<Appliance> ApplianceService::ofCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_appliances.ofCustomer(customerId); });
}

} // namespace Ud::Accounts
