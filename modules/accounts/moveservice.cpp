#include "moveservice.h"

#include "accountservice.h"
#include "auditjson.h"
#include "customerrepository.h"
#include "deferredevents.h"
#include "marketrules.h"
#include "regionaccess.h"
#include "registrationservice.h"
#include "sqlvalues.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::MoveService)
};

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

QString shortDate(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}

QJsonArray identifiers(const QList<ServicePoint> &points)
{
    QJsonArray list;
    for (const ServicePoint &sp : points)
        list.append(sp.identifier);
    return list;
}

QVariantMap ids(const Account &account)
{
    return {{QStringLiteral("id"), account.id}, {QStringLiteral("customer_id"), account.customerId}};
}
} // namespace

MoveService::MoveService(Core::Context &context, QString sitePrefix)
    : m_context(context), m_sitePrefix(std::move(sitePrefix)), m_accounts(context.database),
      m_premises(context.database), m_moves(context.database)
{
}

QDate MoveService::today() const
{
    return QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date();
}

MoveOutcome MoveService::closeAccount(const Core::UserContext &user, const QString &accountId,
                                      const QDate &finalReadingDate, DeferredEvents &events)
{
    const auto found = SqlValues::isId(accountId) ? m_accounts.get(accountId) : std::nullopt;
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("The account does not exist (any more); it may have been removed."));
    const Account before = *found;
    if (user.limitedToRegion()) {
        CustomerRepository customers(m_context.database, m_context.cipher);
        RegionAccess::require(user, customers, before.customerId,
                              customers.numberById(before.customerId).value_or(before.accountNumber));
    }
    if (before.status == AccountStatus::Closed) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("Account %1 is already closed (on %2): its customer has moved out of it already.")
                        .arg(before.accountNumber, shortDate(before.closedOn)));
    }
    if (!finalReadingDate.isValid())
        badInput(Tr::tr("Final reading date is required: enter the day of the last meter reading at the address "
                        "being left."));
    if (finalReadingDate < before.openedOn)
        badInput(Tr::tr("Final reading date must not be before account %1 was opened (%2).")
                     .arg(before.accountNumber, shortDate(before.openedOn)));
    const QDate latest = today().addDays(RegistrationService::MaxDaysAhead);
    if (finalReadingDate > latest)
        badInput(Tr::tr("Final reading date must be at most %n days from today: enter %1 or an earlier day.", nullptr,
                        RegistrationService::MaxDaysAhead)
                     .arg(shortDate(latest)));

    MoveOutcome outcome;
    outcome.released = m_moves.servicePointsOfAccount(before.id);
    m_moves.close(before.id, finalReadingDate);
    for (const ServicePoint &sp : std::as_const(outcome.released))
        m_moves.setServicePointAccount(sp.id, {});
    Account after = before;
    after.status = AccountStatus::Closed;
    after.closedOn = finalReadingDate;
    after.finalReadingOn = finalReadingDate;
    outcome.closed = after;

    QJsonObject beforeJson = AuditJson::account(before);
    QJsonObject afterJson = AuditJson::account(after);
    AuditJson::keepChanges(beforeJson, afterJson);
    afterJson.insert(QStringLiteral("released_service_points"), identifiers(outcome.released));
    m_context.audit.record(user, QStringLiteral("account.move_out"), QStringLiteral("account"), after.id, beforeJson,
                           afterJson);
    events.publish(QStringLiteral("account.updated"), ids(after));
    events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), after.customerId}});
    return outcome;
}

MoveOutcome MoveService::openAt(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                                const QString &marketCode, PaymentType paymentType, const QDate &startDate,
                                DeferredEvents &events)
{
    const QDate start = startDate.isValid() ? startDate : today();
    const QDate earliest = today().addDays(-RegistrationService::MaxDaysBack);
    const QDate latest = today().addDays(RegistrationService::MaxDaysAhead);
    if (start < earliest || start > latest)
        badInput(Tr::tr("Start date must lie between %1 and %2: enter the day the customer takes over the supply.")
                     .arg(shortDate(earliest), shortDate(latest)));
    const auto premise = SqlValues::isId(premiseId) ? m_premises.get(premiseId) : std::nullopt;
    if (!premise)
        throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
    const auto occupants = m_moves.occupants(premise->id);
    if (!occupants.isEmpty()) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("%1 is still supplied to account %2: that account must move out (with its final reading) "
                           "before anyone moves in.").arg(premise->singleLineAddress(), occupants.first().accountNumber));
    }
    const QDate previous = m_moves.lastFinalReading(premise->id);
    if (previous.isValid() && start < previous)
        badInput(Tr::tr("Start date must not be before the previous occupant's final reading on %1: enter that day or "
                        "a later one.").arg(shortDate(previous)));

    Core::Context inner = events.context(m_context);
    AccountService accounts(inner, m_sitePrefix);
    MoveOutcome outcome;
    outcome.premise = *premise;
    outcome.opened = accounts.openAccount(user, customerId, premise->id, marketCode, paymentType, start);
    outcome.attached = m_moves.freeServicePoints(premise->id);
    for (ServicePoint &sp : outcome.attached) {
        m_moves.setServicePointAccount(sp.id, outcome.opened.id);
        sp.accountId = outcome.opened.id;
    }
    m_context.audit.record(user, QStringLiteral("account.move_in"), QStringLiteral("account"), outcome.opened.id, {},
                           {{QStringLiteral("account_number"), outcome.opened.accountNumber},
                            {QStringLiteral("premise_id"), premise->id},
                            {QStringLiteral("opened_on"), start.toString(Qt::ISODate)},
                            {QStringLiteral("attached_service_points"), identifiers(outcome.attached)}});
    events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), outcome.opened.customerId}});
    return outcome;
}

Premise MoveService::newPremise(const Core::UserContext &user, Premise premise, DeferredEvents &events)
{
    premise.id.clear();
    premise.country = premise.country.trimmed().toUpper();
    if (premise.country.isEmpty())
        badInput(Tr::tr("Market is required for a new address: choose the market that supplies it."));
    const auto problems = RegistrationService::premiseProblems(premise);
    if (!problems.isEmpty())
        badInput(problems.first().message);
    NewRegistration shaped;
    shaped.premise = premise;
    premise = RegistrationService::normalised(shaped).premise;
    Core::Context inner = events.context(m_context);
    AccountService accounts(inner, m_sitePrefix);
    return accounts.addPremise(user, premise);
}

MoveOutcome MoveService::moveOut(const Core::UserContext &user, const QString &accountId, const QDate &finalReadingDate)
{
    user.require(Permission::EditCustomers);
    DeferredEvents events;
    Transaction tx(m_context.database);
    MoveOutcome outcome = closeAccount(user, accountId, finalReadingDate, events);
    tx.commit();
    events.publishTo(m_context.events);
    return outcome;
}

MoveOutcome MoveService::moveIn(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                                const QString &marketCode, PaymentType paymentType, const QDate &startDate)
{
    user.require(Permission::EditCustomers);
    DeferredEvents events;
    Transaction tx(m_context.database);
    MoveOutcome outcome = openAt(user, customerId, premiseId, marketCode, paymentType, startDate, events);
    tx.commit();
    events.publishTo(m_context.events);
    return outcome;
}

MoveOutcome MoveService::move(const Core::UserContext &user, const QString &fromAccountId,
                              const QDate &finalReadingDate, const Premise &toPremise, const QDate &startDate,
                              PaymentType paymentType)
{
    user.require(Permission::EditCustomers);
    DeferredEvents events;
    Transaction tx(m_context.database);
    MoveOutcome out = closeAccount(user, fromAccountId, finalReadingDate, events);
    const Account &from = out.closed;

    Premise target;
    if (!toPremise.id.isEmpty()) {
        if (toPremise.id == from.premiseId)
            badInput(Tr::tr("The customer is moving out of that address: choose the address they move to."));
        const auto found = SqlValues::isId(toPremise.id) ? m_premises.get(toPremise.id) : std::nullopt;
        if (!found)
            throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
        target = *found;
    } else {
        target = newPremise(user, toPremise, events);
    }

    // Stay in the market of the old account where it serves the new address.
    QString marketCode;
    const auto oldMarket = m_accounts.market(from.marketCode);
    if (oldMarket && oldMarket->country == target.country) {
        marketCode = oldMarket->code;
    } else {
        for (const Market &m : m_accounts.markets()) {
            if (m.country == target.country) {
                marketCode = m.code;
                break;
            }
        }
    }
    if (marketCode.isEmpty())
        badInput(Tr::tr("No market supplies %1, where the new address is: choose an address in a country UtilityDesk "
                        "serves.").arg(target.country));

    MoveOutcome in = openAt(user, from.customerId, target.id, marketCode, paymentType, startDate, events);
    tx.commit();
    events.publishTo(m_context.events);
    in.closed = out.closed;
    in.released = out.released;
    return in;
}

QList<PremiseMatch> MoveService::findPremises(const Core::UserContext &user, const QString &text, int limit)
{
    user.require(Permission::ViewCustomers);
    const int bounded = qBound(1, limit, 200);
    return Core::readOnly(m_context.database, [&] {
        QList<PremiseMatch> matches;
        const std::optional<QString> region = RegionAccess::limit(user);
        for (const auto &row : m_moves.findPremises(text, bounded)) {
            // A field officer picks only addresses in their own region.
            if (!region || row.premise.region == *region)
                matches << PremiseMatch{row.premise, row.occupiedBy};
        }
        return matches;
    });
}

} // namespace Ud::Accounts
