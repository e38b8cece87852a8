#include "registrationservice.h"

#include "accountservice.h"
#include "customerrepository.h"
#include "customerservice.h"
#include "deferredevents.h"
#include "marketrules.h"
#include "searchtext.h"
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
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::RegistrationService)
};

using Field = RegistrationService::Field;
using Problem = RegistrationService::Problem;

// Letters and digits only, accents and case folded: "María  López" and "maria lopez" agree,
// and so do "10, High St." and "10 high st".
QString comparable(const QString &text)
{
    const QString folded = SearchText::fold(text);
    QString out;
    out.reserve(folded.size());
    for (QChar c : folded) {
        if (c.isLetterOrNumber())
            out.append(c);
    }
    return out;
}

QString shortDate(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}

void add(QList<Problem> &problems, Field field, const QString &message)
{
    if (!message.isEmpty())
        problems.append({field, message});
}
} // namespace

QString duplicateRuleName(DuplicateRule rule)
{
    switch (rule) {
    case DuplicateRule::SamePhone: return Tr::tr("same phone number");
    case DuplicateRule::SameNameAndAddress: return Tr::tr("same name at the same address");
    }
    return {};
}

RegistrationService::RegistrationService(Core::Context &context, QString sitePrefix)
    : m_context(context), m_sitePrefix(std::move(sitePrefix)), m_accounts(context.database),
      m_repository(context.database)
{
}

QDate RegistrationService::today() const
{
    return QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date();
}

QList<Problem> RegistrationService::premiseProblems(const Premise &p)
{
    QList<Problem> problems;
    const QString line1 = p.addressLine1.simplified();
    if (line1.isEmpty())
        add(problems, Field::AddressLine1, Tr::tr("Address line 1 is required: enter the street and house number."));
    else if (line1.size() > 200)
        add(problems, Field::AddressLine1, Tr::tr("Address line 1 must be at most 200 characters."));
    if (p.addressLine2.simplified().size() > 200)
        add(problems, Field::AddressLine2, Tr::tr("Address line 2 must be at most 200 characters."));
    const QString city = p.city.simplified();
    if (city.isEmpty())
        add(problems, Field::City, Tr::tr("City is required: enter the town or city of the premise."));
    else if (city.size() > 100)
        add(problems, Field::City, Tr::tr("City must be at most 100 characters."));
    add(problems, Field::Postcode, MarketRules::postcode(p.country, p.postcode).problem);
    const QString zone = p.timeZone.trimmed();
    if (zone.isEmpty()) {
        if (MarketRules::defaultTimeZone(p.country, p.postcode).isEmpty())
            add(problems, Field::TimeZone, Tr::tr("Time zone is required: enter an IANA time zone such as "
                                                  "Europe/London or Asia/Shanghai."));
    } else if (!QTimeZone::isTimeZoneIdAvailable(zone.toUtf8())) {
        add(problems, Field::TimeZone, Tr::tr("Time zone \"%1\" is not known: enter an IANA time zone such as "
                                              "Europe/London or Asia/Shanghai.").arg(zone));
    }
    return problems;
}

QList<Problem> RegistrationService::problems(const NewRegistration &r, const QDate &today)
{
    QList<Problem> problems;
    const Customer &c = r.customer;
    const QString name = c.fullName.simplified();
    if (name.isEmpty())
        add(problems, Field::FullName, Tr::tr("Full name is required: enter the customer's name as they write it."));
    else if (name.size() > 200)
        add(problems, Field::FullName, Tr::tr("Full name must be at most 200 characters."));
    add(problems, Field::Phone, MarketRules::phone(r.premise.country, c.phone).problem);
    // The same pattern CustomerService applies when it stores the email.
    static const QRegularExpression emailPattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    const QString email = c.email.trimmed();
    if (!email.isEmpty() && (!emailPattern.match(email).hasMatch() || email.size() > 254))
        add(problems, Field::Email, Tr::tr("Email \"%1\" is not an address: enter it like name@example.com.").arg(email));
    if (!c.dateOfBirth.isNull()
        && (!c.dateOfBirth.isValid() || c.dateOfBirth < QDate(1900, 1, 1) || c.dateOfBirth > today))
        add(problems, Field::DateOfBirth, Tr::tr("Date of birth must be a date between 1900-01-01 and today."));
    if (r.marketCode.trimmed().isEmpty())
        add(problems, Field::Market, Tr::tr("Market is required: choose the market that supplies the premise."));
    problems.append(premiseProblems(r.premise));
    if (!r.startDate.isNull()
        && (!r.startDate.isValid() || r.startDate < today.addDays(-MaxDaysBack) || r.startDate > today.addDays(MaxDaysAhead)))
        add(problems, Field::StartDate, Tr::tr("Start date must lie between %1 and %2: enter the day the customer "
                                               "takes over the supply.")
                                            .arg(shortDate(today.addDays(-MaxDaysBack)), shortDate(today.addDays(MaxDaysAhead))));
    return problems;
}

QString RegistrationService::problem(Field field, const NewRegistration &registration, const QDate &today)
{
    for (const Problem &p : problems(registration, today)) {
        if (p.field == field)
            return p.message;
    }
    return {};
}

NewRegistration RegistrationService::normalised(NewRegistration r)
{
    r.customer.fullName = r.customer.fullName.simplified();
    r.customer.email = r.customer.email.trimmed();
    r.premise.country = r.premise.country.trimmed().toUpper();
    const MarketRules::Check phone = MarketRules::phone(r.premise.country, r.customer.phone);
    if (phone.ok())
        r.customer.phone = phone.value;
    const MarketRules::Check postcode = MarketRules::postcode(r.premise.country, r.premise.postcode);
    if (postcode.ok())
        r.premise.postcode = postcode.value;
    r.premise.addressLine1 = r.premise.addressLine1.simplified();
    r.premise.addressLine2 = r.premise.addressLine2.simplified();
    r.premise.city = r.premise.city.simplified();
    r.premise.timeZone = r.premise.timeZone.trimmed();
    if (r.premise.timeZone.isEmpty())
        r.premise.timeZone = MarketRules::defaultTimeZone(r.premise.country, r.premise.postcode);
    return r;
}

Registration RegistrationService::registerCustomer(const Core::UserContext &user, const NewRegistration &input)
{
    user.require(Permission::EditCustomers);
    NewRegistration r = input;
    r.customer.id.clear();
    r.premise.id.clear();

    // The customer, premise and account services store and audit each record as they always
    // do, but inside this one transaction; what they announce waits until it has committed.
    DeferredEvents events;
    Core::Context inner = events.context(m_context);
    CustomerService customers(inner, m_sitePrefix);
    AccountService accounts(inner, m_sitePrefix);

    Transaction tx(m_context.database);
    const QString code = r.marketCode.trimmed().toUpper();
    const auto market = code.isEmpty() ? std::nullopt : m_accounts.market(code);
    if (!market && !code.isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("Market \"%1\" is not known: choose one of the markets UtilityDesk "
                                                  "knows, such as GB, DE or CN.").arg(r.marketCode.trimmed()));
    if (market) {
        r.marketCode = market->code;
        r.premise.country = market->country;
    }
    const QList<Problem> found = problems(r, today());
    if (!found.isEmpty())
        throw Error(Error::Kind::BadInput, found.first().message);
    r = normalised(r);

    Registration done;
    done.customer = customers.create(user, r.customer, r.premise.country);
    done.premise = accounts.addPremise(user, r.premise);
    done.account = accounts.openAccount(user, done.customer.id, done.premise.id, r.marketCode, r.paymentType,
                                        r.startDate);
    QJsonArray acknowledged;
    for (const QString &id : std::as_const(r.acknowledgedDuplicates)) {
        if (SqlValues::isId(id))
            acknowledged.append(id);
    }
    m_context.audit.record(user, QStringLiteral("customer.register"), QStringLiteral("customer"), done.customer.id, {},
                           {{QStringLiteral("customer_number"), done.customer.customerNumber},
                            {QStringLiteral("premise_id"), done.premise.id},
                            {QStringLiteral("account_number"), done.account.accountNumber},
                            {QStringLiteral("market_code"), done.account.marketCode},
                            {QStringLiteral("duplicates_acknowledged"), acknowledged}});
    tx.commit();
    events.publishTo(m_context.events);
    return done;
}

QList<DuplicateCandidate> RegistrationService::findDuplicates(const Core::UserContext &user,
                                                              const NewRegistration &input)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        NewRegistration r = input;
        const QString code = r.marketCode.trimmed().toUpper();
        if (!code.isEmpty()) {
            if (const auto market = m_accounts.market(code))
                r.premise.country = market->country;
        }
        QList<DuplicateCandidate> candidates;
        QHash<QString, qsizetype> byId;
        auto note = [&](const RegistrationRepository::CustomerRow &row, DuplicateRule rule, const QString &address) {
            auto it = byId.constFind(row.id);
            if (it == byId.cend()) {
                byId.insert(row.id, candidates.size());
                candidates.append({row.id, row.customerNumber, row.fullName, row.phone, address, {rule}});
                return;
            }
            DuplicateCandidate &known = candidates[*it];
            if (!known.matched.contains(rule))
                known.matched.append(rule);
            if (rule == DuplicateRule::SameNameAndAddress)
                known.address = address;
        };

        // Name at the address first, so the address shown is the one that matched.
        const QString name = comparable(r.customer.fullName);
        const QString line1 = comparable(r.premise.addressLine1);
        const MarketRules::Check postcode = MarketRules::postcode(r.premise.country, r.premise.postcode);
        if (!name.isEmpty() && !line1.isEmpty() && postcode.ok() && !postcode.value.isEmpty()) {
            QStringList spellings{postcode.value};
            const QString compact = MarketRules::compactPostcode(postcode.value);
            if (compact != postcode.value)
                spellings << compact;
            for (const auto &premise : m_repository.premisesAtPostcode(r.premise.country, spellings)) {
                if (comparable(premise.addressLine1) != line1)
                    continue;
                for (const auto &customer : m_repository.customersAtPremise(premise.premiseId)) {
                    if (comparable(customer.fullName) == name)
                        note(customer, DuplicateRule::SameNameAndAddress, premise.singleLine);
                }
            }
        }
        const MarketRules::Check phone = MarketRules::phone(r.premise.country, r.customer.phone);
        if (phone.ok() && !phone.value.isEmpty()) {
            for (const auto &customer : m_repository.customersWithPhone(phone.value, 20)) {
                const bool known = byId.contains(customer.id);
                note(customer, DuplicateRule::SamePhone,
                     known ? QString() : m_repository.firstAddressOfCustomer(customer.id));
            }
        }
        std::sort(candidates.begin(), candidates.end(), [](const DuplicateCandidate &a, const DuplicateCandidate &b) {
            return a.customerNumber < b.customerNumber;
        });
        // A field officer is warned only about the customers they may open.
        if (user.limitedToRegion()) {
            CustomerRepository customers(m_context.database, m_context.cipher);
            candidates.removeIf([&](const DuplicateCandidate &c) {
                return user.region().isEmpty() || !customers.inRegion(c.customerId, user.region());
            });
        }
        return candidates;
    });
}

} // namespace Ud::Accounts
