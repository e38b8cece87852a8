#include "interactionservice.h"

#include "auditjson.h"
#include "contactcodes.h"
#include "regionaccess.h"
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

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::InteractionService)
};

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}
} // namespace

InteractionService::InteractionService(Core::Context &context)
    : m_context(context), m_interactions(context.database), m_customers(context.database, context.cipher),
      m_accounts(context.database), m_codes(context.database)
{
}

void InteractionService::requireCustomer(const Core::UserContext &user, const QString &customerId)
{
    const auto number = SqlValues::isId(customerId) ? m_customers.numberById(customerId) : std::nullopt;
    if (!number)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    RegionAccess::require(user, m_customers, customerId, *number);
}

Interaction InteractionService::log(const Core::UserContext &user, Interaction interaction)
{
    user.require(Permission::LogInteractions);
    interaction.reason = interaction.reason.simplified();
    interaction.summary = interaction.summary.trimmed();
    interaction.notes = interaction.notes.trimmed();
    interaction.reasonCode = interaction.reasonCode.trimmed();
    interaction.wrapUpCode = interaction.wrapUpCode.trimmed();
    interaction.identityCheck = interaction.identityCheck.simplified();
    if (interaction.reasonCode.isEmpty())
        badInput(Tr::tr("Reason code is required: choose why the customer got in touch."));
    if (interaction.wrapUpCode.isEmpty())
        badInput(Tr::tr("Wrap-up code is required: choose how the contact ended."));
    if (interaction.reason.size() > 100)
        badInput(Tr::tr("Reason must be at most 100 characters."));
    if (interaction.summary.size() > 500)
        badInput(Tr::tr("Summary must be at most 500 characters."));
    if (interaction.notes.size() > 4000)
        badInput(Tr::tr("Notes must be at most 4000 characters."));
    if (interaction.durationSeconds < 0 || interaction.durationSeconds > 24 * 60 * 60)
        badInput(Tr::tr("Duration must be between 0 and 24 hours."));
    if (interaction.identityCheck.size() > 200)
        badInput(Tr::tr("Identity check must be at most 200 characters."));

    Transaction tx(m_context.database);
    requireCustomer(user, interaction.customerId);
    if (!interaction.accountId.isEmpty()) {
        const auto account = SqlValues::isId(interaction.accountId) ? m_accounts.get(interaction.accountId) : std::nullopt;
        if (!account || account->customerId != interaction.customerId)
            badInput(Tr::tr("Account: choose one of this customer's accounts, or none."));
    }
    const auto reason = m_codes.byCode(ContactCodeKind::Reason, interaction.reasonCode);
    if (!reason || !reason->active)
        badInput(Tr::tr("Reason code \"%1\" is not an active reason: choose one from the list.").arg(interaction.reasonCode));
    const auto wrapUp = m_codes.byCode(ContactCodeKind::WrapUp, interaction.wrapUpCode);
    if (!wrapUp || !wrapUp->active)
        badInput(Tr::tr("Wrap-up code \"%1\" is not an active wrap-up code: choose one from the list.")
                     .arg(interaction.wrapUpCode));
    if (interaction.reason.isEmpty())
        interaction.reason = reason->displayName().left(100);
    interaction.id = Core::newId();
    interaction.at = m_context.clock.nowSecs();
    interaction.agent = user.userName();
    m_interactions.insert(interaction);
    m_context.audit.record(user, QStringLiteral("interaction.create"), QStringLiteral("interaction"), interaction.id, {},
                           AuditJson::interaction(interaction));
    tx.commit();
    m_context.events.publish(QStringLiteral("interaction.logged"),
                             {{QStringLiteral("id"), interaction.id}, {QStringLiteral("customer_id"), interaction.customerId}});
    return interaction;
}

QList<Interaction> InteractionService::ofCustomer(const Core::UserContext &user, const QString &customerId, int limit)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        if (user.limitedToRegion())
            requireCustomer(user, customerId);
        return m_interactions.ofCustomer(customerId, limit);
    });
}

qint64 InteractionService::countOfCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return 0;
    return Core::readOnly(m_context.database, [&] {
        if (user.limitedToRegion())
            requireCustomer(user, customerId);
        return m_interactions.countOfCustomer(customerId);
    });
}

} // namespace Ud::Accounts
