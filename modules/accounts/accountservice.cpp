#include "accountservice.h"

#include "auditjson.h"
#include "numbersequence.h"
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
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::AccountService)
};

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

void checkLength(const QString &value, int max, const QString &message)
{
    if (value.size() > max)
        badInput(message);
}
} // namespace

AccountService::AccountService(Core::Context &context, QString sitePrefix)
    : m_context(context), m_sitePrefix(std::move(sitePrefix)), m_accounts(context.database),
      m_premises(context.database), m_customers(context.database, context.cipher)
{
}

QDate AccountService::today() const
{
    return QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date();
}

QList<Market> AccountService::markets(const Core::UserContext &user)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return m_accounts.markets(); });
}

Market AccountService::market(const Core::UserContext &user, const QString &code)
{
    user.require(Permission::ViewCustomers);
    Transaction tx(m_context.database, Transaction::Mode::Read);
    const auto found = m_accounts.market(code.trimmed().toUpper());
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("There is no market %1: choose one of the markets UtilityDesk knows.")
                                               .arg(code.trimmed()));
    tx.commit();
    return *found;
}

int AccountService::vatRateBp(const Core::UserContext &user, const QString &marketCode, const QDate &date)
{
    const Market m = market(user, marketCode);
    if (!date.isValid())
        badInput(Tr::tr("VAT date is not a valid date."));
    Transaction tx(m_context.database, Transaction::Mode::Read);
    const auto rate = m_accounts.vatRateBp(m.code, date);
    if (!rate) {
        throw Error(Error::Kind::NotFound, Tr::tr("Market %1 has no VAT rate on %2.")
                                               .arg(m.code, QLocale().toString(date, QLocale::ShortFormat)));
    }
    tx.commit();
    return *rate;
}

void AccountService::validate(Premise &p)
{
    p.addressLine1 = p.addressLine1.simplified();
    p.addressLine2 = p.addressLine2.simplified();
    p.city = p.city.simplified();
    p.postcode = p.postcode.simplified().toUpper();
    p.region = p.region.simplified();
    p.country = p.country.trimmed().toUpper();
    p.timeZone = p.timeZone.trimmed();
    p.substation = p.substation.trimmed();
    p.feeder = p.feeder.trimmed();
    p.transformer = p.transformer.trimmed();

    if (p.addressLine1.isEmpty())
        badInput(Tr::tr("Address line 1 is required: enter the street and house number."));
    checkLength(p.addressLine1, 200, Tr::tr("Address line 1 must be at most 200 characters."));
    checkLength(p.addressLine2, 200, Tr::tr("Address line 2 must be at most 200 characters."));
    checkLength(p.city, 100, Tr::tr("City must be at most 100 characters."));
    checkLength(p.postcode, 20, Tr::tr("Postcode must be at most 20 characters."));
    checkLength(p.region, 100, Tr::tr("Region must be at most 100 characters."));
    if (p.country.size() != 2 || QLocale::codeToTerritory(p.country) == QLocale::AnyTerritory)
        badInput(Tr::tr("Country \"%1\" is not a country code: enter the two-letter ISO code, for example GB, DE or CN.")
                     .arg(p.country));
    if (p.timeZone.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(p.timeZone.toUtf8()))
        badInput(Tr::tr("Time zone \"%1\" is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.")
                     .arg(p.timeZone));
    for (const QString *network : {&p.substation, &p.feeder, &p.transformer})
        checkLength(*network, 64, Tr::tr("Substation, feeder and transformer must be at most 64 characters each."));
    if (p.latitude.has_value() != p.longitude.has_value())
        badInput(Tr::tr("Coordinates need both latitude and longitude, or neither."));
    if (p.latitude && (!std::isfinite(*p.latitude) || *p.latitude < -90.0 || *p.latitude > 90.0))
        badInput(Tr::tr("Latitude must be between -90 and 90 degrees."));
    if (p.longitude && (!std::isfinite(*p.longitude) || *p.longitude < -180.0 || *p.longitude > 180.0))
        badInput(Tr::tr("Longitude must be between -180 and 180 degrees."));
}

Premise AccountService::addPremise(const Core::UserContext &user, Premise premise)
{
    user.require(Permission::EditCustomers);
    validate(premise);
    premise.id = Core::newId();
    Transaction tx(m_context.database);
    m_premises.insert(premise);
    m_context.audit.record(user, QStringLiteral("premise.create"), QStringLiteral("premise"), premise.id, {},
                           AuditJson::premise(premise));
    tx.commit();
    return premise;
}

Premise AccountService::updatePremise(const Core::UserContext &user, const Premise &input)
{
    user.require(Permission::EditCustomers);
    Premise premise = input;
    validate(premise);
    Transaction tx(m_context.database);
    const auto before = SqlValues::isId(premise.id) ? m_premises.get(premise.id) : std::nullopt;
    if (!before)
        throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
    m_premises.update(premise);
    QJsonObject beforeJson = AuditJson::premise(*before);
    QJsonObject afterJson = AuditJson::premise(premise);
    AuditJson::keepChanges(beforeJson, afterJson);
    m_context.audit.record(user, QStringLiteral("premise.update"), QStringLiteral("premise"), premise.id, beforeJson,
                           afterJson);
    tx.commit();
    return premise;
}

Premise AccountService::premise(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::ViewCustomers);
    Transaction tx(m_context.database, Transaction::Mode::Read);
    const auto found = SqlValues::isId(id) ? m_premises.get(id) : std::nullopt;
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
    tx.commit();
    return *found;
}

void AccountService::requireCustomerInRegion(const Core::UserContext &user, const QString &customerId)
{
    if (!user.limitedToRegion())
        return;
    const auto number = m_customers.numberById(customerId);
    if (!number)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    RegionAccess::require(user, m_customers, customerId, *number);
}

QList<Premise> AccountService::premisesOfCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        requireCustomerInRegion(user, customerId);
        return m_premises.ofCustomer(customerId);
    });
}

QString AccountService::nextAccountNumber()
{
    NumberSequence sequence(m_context.database, QStringLiteral("accounts:") + m_sitePrefix, [this] {
        qint64 highest = 0;
        for (const QString &number : m_accounts.numbersWithPrefix(m_sitePrefix))
            highest = qMax(highest, NumberSequence::parse(m_sitePrefix, number));
        return highest;
    });
    return NumberSequence::format(m_sitePrefix, sequence.reserve(), 8);
}

Account AccountService::openAccount(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                                    const QString &marketCode, PaymentType paymentType, const QDate &openedOn)
{
    user.require(Permission::EditCustomers);
    if (openedOn.isValid() && (openedOn < QDate(1970, 1, 1) || openedOn > today().addYears(1)))
        badInput(Tr::tr("Opening date must lie between 1970-01-01 and one year from today."));
    Transaction tx(m_context.database);
    const auto customer = SqlValues::isId(customerId) ? m_customers.get(customerId, false) : std::nullopt;
    if (!customer)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    const auto market = m_accounts.market(marketCode.trimmed().toUpper());
    if (!market)
        badInput(Tr::tr("Market \"%1\" is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.")
                     .arg(marketCode.trimmed()));
    std::optional<Premise> premise;
    if (!premiseId.isEmpty()) {
        premise = SqlValues::isId(premiseId) ? m_premises.get(premiseId) : std::nullopt;
        if (!premise)
            throw Error(Error::Kind::NotFound, Tr::tr("The premise does not exist (any more); it may have been removed."));
        if (premise->country != market->country) {
            badInput(Tr::tr("Market %1 serves %2, but the premise is in %3: choose the market of the premise's country.")
                         .arg(market->code, market->country, premise->country));
        }
    }
    // A field officer opens accounts at premises of their region (which brings the customer
    // into it) or for customers already there.
    if (user.limitedToRegion() && !(premise && !user.region().isEmpty() && premise->region == user.region()))
        RegionAccess::require(user, m_customers, customer->id, customer->customerNumber);
    Account account;
    account.id = Core::newId();
    account.accountNumber = nextAccountNumber();
    account.customerId = customer->id;
    account.premiseId = premiseId;
    account.marketCode = market->code;
    account.currency = market->currency;
    account.paymentType = paymentType;
    account.status = AccountStatus::Active;
    account.openedOn = openedOn.isValid() ? openedOn : today();
    m_accounts.insert(account);
    m_context.audit.record(user, QStringLiteral("account.open"), QStringLiteral("account"), account.id, {},
                           AuditJson::account(account));
    tx.commit();
    m_context.events.publish(QStringLiteral("account.opened"),
                             {{QStringLiteral("id"), account.id}, {QStringLiteral("customer_id"), account.customerId}});
    return account;
}

Account AccountService::requireAccount(const QString &id)
{
    const auto found = SqlValues::isId(id) ? m_accounts.get(id) : std::nullopt;
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("The account does not exist (any more); it may have been removed."));
    return *found;
}

Account AccountService::setStatus(const Core::UserContext &user, const QString &accountId, AccountStatus status,
                                  const QDate &effective)
{
    user.require(Permission::EditCustomers);
    Transaction tx(m_context.database);
    const Account before = requireAccount(accountId);
    requireCustomerInRegion(user, before.customerId);
    Account after = before;
    after.status = status;
    after.closedOn = status == AccountStatus::Closed ? (effective.isValid() ? effective : today()) : QDate();
    if (status != AccountStatus::Closed)
        after.finalReadingOn = QDate();
    if (after.closedOn.isValid() && after.closedOn < before.openedOn)
        badInput(Tr::tr("Closing date must not be before the account was opened (%1).")
                     .arg(QLocale().toString(before.openedOn, QLocale::ShortFormat)));
    m_accounts.updateStatus(after.id, after.status, after.closedOn);
    QJsonObject beforeJson = AuditJson::account(before);
    QJsonObject afterJson = AuditJson::account(after);
    AuditJson::keepChanges(beforeJson, afterJson);
    m_context.audit.record(user, QStringLiteral("account.status"), QStringLiteral("account"), after.id, beforeJson,
                           afterJson);
    tx.commit();
    m_context.events.publish(QStringLiteral("account.updated"),
                             {{QStringLiteral("id"), after.id}, {QStringLiteral("customer_id"), after.customerId}});
    return after;
}

Account AccountService::account(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        Account account = requireAccount(id);
        requireCustomerInRegion(user, account.customerId);
        return account;
    });
}

std::optional<Account> AccountService::findByNumber(const Core::UserContext &user, const QString &accountNumber)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        auto account = m_accounts.byNumber(accountNumber.trimmed().toUpper());
        if (account)
            requireCustomerInRegion(user, account->customerId);
        return account;
    });
}

QList<Account> AccountService::accountsOfCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        requireCustomerInRegion(user, customerId);
        return m_accounts.ofCustomer(customerId);
    });
}

} // namespace Ud::Accounts
