#pragma once

#include "customer.h"
#include "customerrepository.h"
#include "accountrepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// Customers: create, read, change and remove them, find them by number or national id,
/// page through them for lists, and keep their vulnerability flags with consent.
/// Every method checks the user's permission first (ViewCustomers to read, EditCustomers to
/// change); every change runs in one transaction together with its audit entry and, once
/// committed, is announced on the event bus ("customer.created", "customer.updated",
/// "customer.deleted" with {"id": ...}). Bad input throws Core::Error(BadInput) with one
/// sentence naming the field. A field officer reads and changes only the customers of their
/// region (RegionAccess): lists and counts leave the others out, and naming one of them is
/// denied with a sentence naming the customer and the region.
class CustomerService
{
public:
    /// `sitePrefix` starts the customer numbers this site hands out: prefix + "C" + 8 digits.
    CustomerService(Core::Context &context, QString sitePrefix);

    /// Creates the customer with its vulnerabilities. An empty customer number gets the next
    /// one of this site. The phone is read in `phoneRegion` (ISO 3166-1 alpha-2, e.g. "GB")
    /// unless it starts with + and stored in E.164. Returns the customer as stored.
    Customer create(const Core::UserContext &user, Customer customer, const QString &phoneRegion = {});
    /// Saves every field but the vulnerabilities (use setVulnerability). Sensitive values whose
    /// plaintext is nullopt are kept. A phone without country code is read in `phoneRegion`,
    /// else in the country of the customer's first account's market. Throws Conflict if the
    /// customer changed since `customer.updatedAt` (when that is set).
    Customer update(const Core::UserContext &user, const Customer &customer, const QString &phoneRegion = {});
    /// Throws NotFound. Sensitive values come without plaintext for everyone (`stored` says
    /// whether one is on record); see revealSensitive().
    Customer get(const Core::UserContext &user, const QString &id);
    /// The decrypted value of one sensitive field, for a user with ViewSensitiveData (Denied
    /// otherwise, with a sentence naming the user and the field). Each reveal is audited as
    /// "customer.reveal" with {"field": "national_id"} (never the value) in the same
    /// transaction. Throws NotFound when the customer has no such value on record.
    QString revealSensitive(const Core::UserContext &user, const QString &customerId, SensitiveField field);
    std::optional<Customer> findByNumber(const Core::UserContext &user, const QString &customerNumber);
    /// Exact match whatever the spacing, dashes or letter case ("AB 12 34 56 C" = "ab123456c").
    QList<Customer> findByNationalId(const Core::UserContext &user, const QString &nationalId);
    /// Removes a customer without accounts (Conflict otherwise), with their flags and contacts.
    void remove(const Core::UserContext &user, const QString &id);

    QList<CustomerListRow> list(const Core::UserContext &user, const CustomerListQuery &query);
    qint64 count(const Core::UserContext &user, const QString &filter = {});

    /// Records (or replaces) the flag of this kind; consent time is now when `consentGiven`.
    Vulnerability setVulnerability(const Core::UserContext &user, const QString &customerId, VulnerabilityKind kind,
                                   bool consentGiven, const QString &notes = {});
    /// Throws NotFound if the customer has no such flag.
    void removeVulnerability(const Core::UserContext &user, const QString &customerId, VulnerabilityKind kind);

    /// For inline validation in forms: the sentence create() and update() would throw for
    /// this value, or an empty string when it is acceptable (the same rules, in one place).
    static QString fullNameProblem(const QString &fullName);
    static QString emailProblem(const QString &email);
    /// `region` is the country a number without country code is read in (see phoneCountry()).
    static QString phoneProblem(const QString &phone, const QString &region);
    static QString householdSizeProblem(std::optional<int> householdSize);
    /// For a new value typed in (an empty one is fine: it keeps what is stored).
    static QString nationalIdProblem(const QString &nationalId);
    static QString bankAccountProblem(const QString &bankAccount);
    /// Between 1900-01-01 and today (by this service's clock); a null date (unknown) is fine.
    QString dateOfBirthProblem(const QDate &dateOfBirth) const;
    /// The country update() reads a phone number without country code in: that of the
    /// market of the customer's oldest account, or empty without accounts.
    QString phoneCountry(const Core::UserContext &user, const QString &customerId);

    /// Prefix + "C" + 8 digits, e.g. "UDC00000042".
    QString customerNumberPrefix() const;

    /// A worker thread that called this service closes its database connection with this
    /// before the thread ends.
    void releaseThreadConnection();

private:
    void validate(Customer &customer, const QString &phoneRegion);
    QString nextCustomerNumber();
    /// The customer, or NotFound; Denied outside the user's region (RegionAccess).
    Customer require(const Core::UserContext &user, const QString &id);

    Core::Context &m_context;
    QString m_sitePrefix;
    CustomerRepository m_customers;
    AccountRepository m_accounts;
};

} // namespace Ud::Accounts
