#include "customerservice.h"

#include "auditjson.h"
#include "numbersequence.h"
#include "phonenumbers.h"
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
#include <QJsonArray>
#include <QRegularExpression>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::CustomerService)
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

bool sensitiveTextOk(const QString &text, int minAlnum, int maxLength)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9 ./-]+$"));
    int alnum = 0;
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            ++alnum;
    }
    return text.size() <= maxLength && alnum >= minAlnum && allowed.match(text).hasMatch();
}

QDate utcDate(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
}
} // namespace

CustomerService::CustomerService(Core::Context &context, QString sitePrefix)
    : m_context(context), m_sitePrefix(std::move(sitePrefix)),
      m_customers(context.database, context.cipher), m_accounts(context.database)
{
}

QString CustomerService::customerNumberPrefix() const
{
    return m_sitePrefix + QLatin1Char('C');
}

void CustomerService::releaseThreadConnection()
{
    m_context.database.releaseThreadConnection();
}

QString CustomerService::nextCustomerNumber()
{
    const QString prefix = customerNumberPrefix();
    NumberSequence sequence(m_context.database, QStringLiteral("customers:") + prefix, [this, prefix] {
        qint64 highest = 0;
        for (const QString &number : m_customers.numbersWithPrefix(prefix))
            highest = qMax(highest, NumberSequence::parse(prefix, number));
        return highest;
    });
    return NumberSequence::format(prefix, sequence.reserve(), 8);
}

QString CustomerService::fullNameProblem(const QString &fullName)
{
    const QString name = fullName.simplified();
    if (name.isEmpty())
        return Tr::tr("Full name is required: enter the customer's name as they write it.");
    if (name.size() > 200)
        return Tr::tr("Full name must be at most 200 characters.");
    return {};
}

QString CustomerService::emailProblem(const QString &email)
{
    static const QRegularExpression emailPattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    const QString text = email.trimmed();
    if (!text.isEmpty() && (!emailPattern.match(text).hasMatch() || text.size() > 254))
        return Tr::tr("Email \"%1\" is not an address: enter it like name@example.com.").arg(text);
    return {};
}

QString CustomerService::phoneProblem(const QString &phone, const QString &region)
{
    const QString text = phone.trimmed();
    if (text.isEmpty())
        return {};
    PhoneNumbers::Problem problem = PhoneNumbers::Problem::None;
    PhoneNumbers::toE164(text, region, &problem);
    if (problem == PhoneNumbers::Problem::NeedsCountry)
        return Tr::tr("Phone number \"%1\" has no country code: enter it with one, for example +44 20 7946 0958.")
            .arg(text);
    if (problem == PhoneNumbers::Problem::Invalid)
        return region.isEmpty()
                   ? Tr::tr("Phone number \"%1\" is not a valid number: check the digits and the country code.").arg(text)
                   : Tr::tr("Phone number \"%1\" is not a valid number in %2: check the digits, or enter it with "
                            "its country code.").arg(text, region.toUpper());
    return {};
}

QString CustomerService::nationalIdProblem(const QString &nationalId)
{
    const QString text = nationalId.simplified();
    if (!text.isEmpty() && !sensitiveTextOk(text, 4, 40))
        return Tr::tr("National id must be 4 to 40 letters and digits; spaces, dots, slashes and dashes may separate them.");
    return {};
}

QString CustomerService::bankAccountProblem(const QString &bankAccount)
{
    const QString text = bankAccount.simplified();
    if (!text.isEmpty() && !sensitiveTextOk(text, 6, 42))
        return Tr::tr("Bank account must be 6 to 42 letters and digits, for example an IBAN such as "
                      "GB33 BUKB 2020 1555 5555 55.");
    return {};
}

QString CustomerService::householdSizeProblem(std::optional<int> householdSize)
{
    if (householdSize && (*householdSize < 1 || *householdSize > 20))
        return Tr::tr("Household size must be between 1 and 20.");
    return {};
}

QString CustomerService::dateOfBirthProblem(const QDate &dateOfBirth) const
{
    if (dateOfBirth.isNull())
        return {};
    const QDate today = utcDate(m_context.clock.nowSecs());
    if (!dateOfBirth.isValid() || dateOfBirth < QDate(1900, 1, 1) || dateOfBirth > today)
        return Tr::tr("Date of birth must be a date between 1900-01-01 and today.");
    return {};
}

QString CustomerService::phoneCountry(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        require(user, customerId);
        return m_accounts.countryOfCustomer(customerId);
    });
}

void CustomerService::validate(Customer &c, const QString &phoneRegion)
{
    c.fullName = c.fullName.simplified();
    c.givenName = c.givenName.simplified();
    c.familyName = c.familyName.simplified();
    c.customerNumber = c.customerNumber.trimmed();
    c.email = c.email.trimmed();
    c.businessType = c.businessType.simplified();
    c.language = c.language.trimmed();

    if (const QString problem = fullNameProblem(c.fullName); !problem.isEmpty())
        badInput(problem);
    checkLength(c.givenName, 100, Tr::tr("Given name must be at most 100 characters."));
    checkLength(c.familyName, 100, Tr::tr("Family name must be at most 100 characters."));
    static const QRegularExpression numberPattern(QStringLiteral("^[A-Za-z0-9-]{1,32}$"));
    if (!c.customerNumber.isEmpty() && !numberPattern.match(c.customerNumber).hasMatch())
        badInput(Tr::tr("Customer number may only contain letters, digits and dashes, at most 32 of them."));
    static const QRegularExpression languagePattern(QStringLiteral("^[a-z]{2,3}(_[A-Z]{2})?$"));
    if (!languagePattern.match(c.language).hasMatch())
        badInput(Tr::tr("Language must be a language code such as en, zh_CN or es."));
    if (const QString problem = emailProblem(c.email); !problem.isEmpty())
        badInput(problem);

    if (!c.phone.trimmed().isEmpty()) {
        const QString region = !phoneRegion.isEmpty() ? phoneRegion
                               : c.id.isEmpty()       ? QString()
                                                      : m_accounts.countryOfCustomer(c.id);
        if (const QString problem = phoneProblem(c.phone, region); !problem.isEmpty())
            badInput(problem);
        c.phone = PhoneNumbers::toE164(c.phone, region);
    } else {
        c.phone.clear();
    }

    if (!c.incomeBand.isEmpty() && !incomeBandKeys().contains(c.incomeBand)) {
        QStringList names;
        for (const QString &key : incomeBandKeys())
            names << incomeBandName(key);
        badInput(Tr::tr("Income band must be one of: %1.").arg(names.join(QStringLiteral(", "))));
    }
    if (!c.creditBand.isEmpty() && !creditBandKeys().contains(c.creditBand)) {
        QStringList names;
        for (const QString &key : creditBandKeys())
            names << creditBandName(key);
        badInput(Tr::tr("Credit band must be one of: %1.").arg(names.join(QStringLiteral(", "))));
    }
    checkLength(c.businessType, 100, Tr::tr("Business type must be at most 100 characters."));
    if (const QString problem = householdSizeProblem(c.householdSize); !problem.isEmpty())
        badInput(problem);
    if (const QString problem = dateOfBirthProblem(c.dateOfBirth); !problem.isEmpty())
        badInput(problem);
    if (c.nationalId.plaintext) {
        *c.nationalId.plaintext = c.nationalId.plaintext->simplified();
        if (const QString problem = nationalIdProblem(*c.nationalId.plaintext); !problem.isEmpty())
            badInput(problem);
    }
    if (c.bankAccount.plaintext) {
        *c.bankAccount.plaintext = c.bankAccount.plaintext->simplified();
        if (const QString problem = bankAccountProblem(*c.bankAccount.plaintext); !problem.isEmpty())
            badInput(problem);
    }
    for (const Vulnerability &v : std::as_const(c.vulnerabilities))
        checkLength(v.notes, 2000, Tr::tr("Vulnerability notes must be at most 2000 characters."));
}

Customer CustomerService::require(const Core::UserContext &user, const QString &id)
{
    std::optional<Customer> found;
    if (SqlValues::isId(id))
        found = m_customers.get(id, false);
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    RegionAccess::require(user, m_customers, found->id, found->customerNumber);
    return *found;
}

Customer CustomerService::create(const Core::UserContext &user, Customer customer, const QString &phoneRegion)
{
    user.require(Permission::EditCustomers);
    customer.id.clear();
    validate(customer, phoneRegion);
    const qint64 now = m_context.clock.nowSecs();
    customer.id = Core::newId();
    customer.createdAt = now;
    customer.updatedAt = now;
    customer.nationalId.stored = customer.nationalId.plaintext && !customer.nationalId.plaintext->isEmpty();
    customer.bankAccount.stored = customer.bankAccount.plaintext && !customer.bankAccount.plaintext->isEmpty();
    for (Vulnerability &v : customer.vulnerabilities) {
        v.id = Core::newId();
        v.recordedAt = now;
        v.consentAt = v.consentGiven ? now : 0;
    }

    Transaction tx(m_context.database);
    if (customer.customerNumber.isEmpty()) {
        customer.customerNumber = nextCustomerNumber();
    } else if (m_customers.idByNumber(customer.customerNumber)) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("Customer number %1 is already taken: leave it empty to get the next free number.")
                        .arg(customer.customerNumber));
    }
    m_customers.insert(customer);
    QJsonObject after = AuditJson::customer(customer);
    if (!customer.vulnerabilities.isEmpty()) {
        QJsonArray flags;
        for (const Vulnerability &v : std::as_const(customer.vulnerabilities))
            flags.append(AuditJson::vulnerability(v));
        after.insert(QStringLiteral("vulnerabilities"), flags);
    }
    m_context.audit.record(user, QStringLiteral("customer.create"), QStringLiteral("customer"), customer.id, {}, after);
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.created"), {{QStringLiteral("id"), customer.id}});

    // As every read: the values are on record, shown only through revealSensitive().
    customer.nationalId.plaintext.reset();
    customer.bankAccount.plaintext.reset();
    return customer;
}

Customer CustomerService::update(const Core::UserContext &user, const Customer &input, const QString &phoneRegion)
{
    user.require(Permission::EditCustomers);
    Customer customer = input;
    Transaction tx(m_context.database);
    const Customer before = require(user, customer.id);
    if (customer.updatedAt != 0 && customer.updatedAt != before.updatedAt) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("Customer %1 was changed by someone else after you opened it: open it again and repeat "
                       "your change.").arg(before.customerNumber));
    }
    validate(customer, phoneRegion);
    if (customer.customerNumber.isEmpty())
        customer.customerNumber = before.customerNumber;
    if (customer.customerNumber != before.customerNumber) {
        const auto owner = m_customers.idByNumber(customer.customerNumber);
        if (owner && *owner != customer.id)
            throw Error(Error::Kind::Conflict, Tr::tr("Customer number %1 is already taken.").arg(customer.customerNumber));
    }

    // A sensitive value counts as changed only if it differs from what is stored, so saving
    // back a record read with plaintext does not log a change.
    bool nationalIdChanged = false;
    bool bankAccountChanged = false;
    if (customer.nationalId.plaintext) {
        nationalIdChanged = *customer.nationalId.plaintext != m_customers.storedNationalId(customer.id);
        if (!nationalIdChanged)
            customer.nationalId.plaintext.reset();
    }
    if (customer.bankAccount.plaintext) {
        bankAccountChanged = *customer.bankAccount.plaintext != m_customers.storedBankAccount(customer.id);
        if (!bankAccountChanged)
            customer.bankAccount.plaintext.reset();
    }
    customer.nationalId.stored = customer.nationalId.plaintext ? !customer.nationalId.plaintext->isEmpty()
                                                               : before.nationalId.stored;
    customer.bankAccount.stored = customer.bankAccount.plaintext ? !customer.bankAccount.plaintext->isEmpty()
                                                                 : before.bankAccount.stored;
    customer.createdAt = before.createdAt;
    customer.updatedAt = qMax(m_context.clock.nowSecs(), before.updatedAt + 1);
    customer.vulnerabilities = before.vulnerabilities;
    m_customers.update(customer);

    QJsonObject beforeJson = AuditJson::customer(before);
    QJsonObject afterJson = AuditJson::customer(customer);
    beforeJson.remove(QStringLiteral("national_id"));
    afterJson.remove(QStringLiteral("national_id"));
    beforeJson.remove(QStringLiteral("bank_account"));
    afterJson.remove(QStringLiteral("bank_account"));
    AuditJson::keepChanges(beforeJson, afterJson);
    if (nationalIdChanged) {
        beforeJson.insert(QStringLiteral("national_id"), before.nationalId.stored ? QJsonValue(QStringLiteral("recorded")) : QJsonValue());
        afterJson.insert(QStringLiteral("national_id"), QStringLiteral("changed"));
    }
    if (bankAccountChanged) {
        beforeJson.insert(QStringLiteral("bank_account"), before.bankAccount.stored ? QJsonValue(QStringLiteral("recorded")) : QJsonValue());
        afterJson.insert(QStringLiteral("bank_account"), QStringLiteral("changed"));
    }
    m_context.audit.record(user, QStringLiteral("customer.update"), QStringLiteral("customer"), customer.id, beforeJson,
                           afterJson);
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), customer.id}});
    return get(user, customer.id);
}

Customer CustomerService::get(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return require(user, id); });
}

QString CustomerService::revealSensitive(const Core::UserContext &user, const QString &customerId, SensitiveField field)
{
    if (!user.can(Permission::ViewSensitiveData)) {
        throw Error(Error::Kind::Denied,
                    Tr::tr("%1 (%2) may not reveal a customer's %3: ask a supervisor, who may view sensitive "
                           "customer data.")
                        .arg(user.userName(), Core::roleDisplayName(user.role()), sensitiveFieldName(field)));
    }
    Transaction tx(m_context.database);
    const Customer customer = require(user, customerId);
    const QString value = field == SensitiveField::NationalId ? m_customers.storedNationalId(customer.id)
                                                               : m_customers.storedBankAccount(customer.id);
    if (value.isEmpty()) {
        throw Error(Error::Kind::NotFound, Tr::tr("Customer %1 has no %2 on record.")
                                               .arg(customer.customerNumber, sensitiveFieldName(field)));
    }
    m_context.audit.record(user, QStringLiteral("customer.reveal"), QStringLiteral("customer"), customer.id, {},
                           QJsonObject{{QStringLiteral("field"), sensitiveFieldKey(field)}});
    tx.commit();
    return value;
}

std::optional<Customer> CustomerService::findByNumber(const Core::UserContext &user, const QString &customerNumber)
{
    user.require(Permission::ViewCustomers);
    Transaction tx(m_context.database, Transaction::Mode::Read);
    const auto id = m_customers.idByNumber(customerNumber.trimmed());
    if (!id)
        return std::nullopt;
    Customer customer = require(user, *id);
    tx.commit();
    return customer;
}

QList<Customer> CustomerService::findByNationalId(const Core::UserContext &user, const QString &nationalId)
{
    user.require(Permission::ViewCustomers);
    const QString needle = nationalId.simplified();
    if (needle.isEmpty())
        return {};
    Transaction tx(m_context.database, Transaction::Mode::Read);
    QList<Customer> found;
    for (const QString &id : m_customers.idsByNationalId(needle)) {
        // Outside the user's region is as good as not found here: the number was typed, not chosen.
        const auto limit = RegionAccess::limit(user);
        if (!limit || (!limit->isEmpty() && m_customers.inRegion(id, *limit)))
            found << require(user, id);
    }
    tx.commit();
    return found;
}

void CustomerService::remove(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::EditCustomers);
    Transaction tx(m_context.database);
    const Customer before = require(user, id);
    if (m_customers.hasAccounts(id)) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("Customer %1 still has accounts: close and remove their accounts before removing the customer.")
                        .arg(before.customerNumber));
    }
    m_customers.remove(id);
    m_context.audit.record(user, QStringLiteral("customer.delete"), QStringLiteral("customer"), id,
                           AuditJson::customer(before), {});
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.deleted"), {{QStringLiteral("id"), id}});
}

QList<CustomerListRow> CustomerService::list(const Core::UserContext &user, const CustomerListQuery &query)
{
    user.require(Permission::ViewCustomers);
    if (RegionAccess::seesNoCustomers(user))
        return {};
    return Core::readOnly(m_context.database, [&] { return m_customers.list(query, RegionAccess::limit(user)); });
}

qint64 CustomerService::count(const Core::UserContext &user, const QString &filter)
{
    user.require(Permission::ViewCustomers);
    if (RegionAccess::seesNoCustomers(user))
        return 0;
    return Core::readOnly(m_context.database, [&] { return m_customers.count(filter, RegionAccess::limit(user)); });
}

Vulnerability CustomerService::setVulnerability(const Core::UserContext &user, const QString &customerId,
                                                VulnerabilityKind kind, bool consentGiven, const QString &notes)
{
    user.require(Permission::EditCustomers);
    checkLength(notes.trimmed(), 2000, Tr::tr("Vulnerability notes must be at most 2000 characters."));
    const qint64 now = m_context.clock.nowSecs();
    Transaction tx(m_context.database);
    const Customer customer = require(user, customerId);
    std::optional<Vulnerability> previous;
    for (const Vulnerability &v : customer.vulnerabilities) {
        if (v.kind == kind)
            previous = v;
    }
    Vulnerability v;
    v.id = previous ? previous->id : Core::newId();
    v.kind = kind;
    v.consentGiven = consentGiven;
    // Consent keeps the time it was first given; withdrawing it clears the time.
    v.consentAt = !consentGiven ? 0 : (previous && previous->consentGiven ? previous->consentAt : now);
    v.notes = notes.trimmed();
    v.recordedAt = previous ? previous->recordedAt : now;
    m_customers.upsertVulnerability(customerId, v);
    m_context.audit.record(user, QStringLiteral("customer.vulnerability_set"), QStringLiteral("customer"), customerId,
                           previous ? AuditJson::vulnerability(*previous) : QJsonObject(),
                           AuditJson::vulnerability(v));
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), customerId}});
    return v;
}

void CustomerService::removeVulnerability(const Core::UserContext &user, const QString &customerId,
                                          VulnerabilityKind kind)
{
    user.require(Permission::EditCustomers);
    Transaction tx(m_context.database);
    const Customer customer = require(user, customerId);
    std::optional<Vulnerability> previous;
    for (const Vulnerability &v : customer.vulnerabilities) {
        if (v.kind == kind)
            previous = v;
    }
    if (!previous || !m_customers.removeVulnerability(customerId, kind)) {
        throw Error(Error::Kind::NotFound, Tr::tr("Customer %1 has no \"%2\" flag to remove.")
                                               .arg(customer.customerNumber, vulnerabilityKindName(kind)));
    }
    m_context.audit.record(user, QStringLiteral("customer.vulnerability_remove"), QStringLiteral("customer"),
                           customerId, AuditJson::vulnerability(*previous), {});
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), customerId}});
}

} // namespace Ud::Accounts
