#pragma once

#include "account.h"
#include "accountrepository.h"
#include "customer.h"
#include "premise.h"
#include "registrationrepository.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// What the agent entered to register a new customer: who they are, the premise supplied and
/// the account that bills it. Values are as typed: the phone is read in the market's country,
/// the postcode is put in the market's canonical form, and an empty time zone becomes the
/// market's (by postcode). The premise's country is the market's.
struct NewRegistration {
    Customer customer;        ///< name, class, language, phone, email, date of birth
    Premise premise;          ///< address lines, city, postcode, time zone
    QString marketCode;
    PaymentType paymentType = PaymentType::Postpaid;
    QDate startDate;          ///< invalid means today
    /// Customers the agent was warned might be this one and registered anyway (ids); recorded
    /// in the audit entry.
    QStringList acknowledgedDuplicates;
};

/// The three records one registration stored.
struct Registration {
    Customer customer;
    Premise premise;
    Account account;
};

enum class DuplicateRule {
    SamePhone,                ///< the same phone number in E.164
    SameNameAndAddress,       ///< the same name at the same address line 1 and postcode
};
QString duplicateRuleName(DuplicateRule rule);   ///< translated: "same phone number"

/// An existing customer who may be the one being registered.
struct DuplicateCandidate {
    QString customerId;
    QString customerNumber;
    QString fullName;
    QString phone;            ///< E.164
    QString address;          ///< the matching premise, else the oldest account's; single line
    QList<DuplicateRule> matched;
};

/// Registers a new customer with their premise and account in one unit of work, and finds
/// existing customers that may be the same person. The field rules (problems()) are pure, so a
/// form checks each field with exactly the rules registerCustomer() applies.
class RegistrationService
{
public:
    /// The fields of a registration, in the order a form asks for them.
    enum class Field { FullName, Phone, Email, DateOfBirth, Market, AddressLine1, AddressLine2, City, Postcode,
                       TimeZone, StartDate };
    struct Problem {
        Field field;
        QString message;      ///< one sentence naming the field and what to enter
    };

    /// How far ahead a start date (and a final reading at a move) may lie, and how far back.
    static constexpr int MaxDaysAhead = 30;
    static constexpr int MaxDaysBack = 365;

    RegistrationService(Core::Context &context, QString sitePrefix);

    /// Today as the services count it (UTC, from the context's clock).
    QDate today() const;

    /// Every problem of the registration as entered, in field order; the premise's country
    /// must be set (the market's). No database is touched.
    static QList<Problem> problems(const NewRegistration &registration, const QDate &today);
    /// The problem of one field, or empty.
    static QString problem(Field field, const NewRegistration &registration, const QDate &today);
    /// The problems of a premise's address as entered for its country (a move uses the same).
    static QList<Problem> premiseProblems(const Premise &premise);
    /// The registration with the phone in E.164, the postcode canonical and the time zone set.
    /// Fields with problems are left as they are.
    static NewRegistration normalised(NewRegistration registration);

    /// Stores the customer, the premise and the account (number from this site's sequence) in
    /// one transaction with their audit entries and a "customer.register" entry, then announces
    /// them ("customer.created", "account.opened"). Does not refuse duplicates: the form warns.
    /// Requires EditCustomers. Bad input throws BadInput naming the first bad field; whatever
    /// fails, nothing is stored.
    Registration registerCustomer(const Core::UserContext &user, const NewRegistration &registration);

    /// Existing customers with the same phone (read in the market's country), or with the same
    /// name (letter case, accents and spaces ignored) on an account at the same address (line 1
    /// and postcode, normalised); each once, by customer number. Requires ViewCustomers.
    QList<DuplicateCandidate> findDuplicates(const Core::UserContext &user, const NewRegistration &registration);

private:
    Core::Context &m_context;
    QString m_sitePrefix;
    AccountRepository m_accounts;
    RegistrationRepository m_repository;
};

} // namespace Ud::Accounts
