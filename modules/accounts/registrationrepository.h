#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL behind duplicate detection at registration, on the calling thread's connection inside
/// the caller's Transaction.
class RegistrationRepository
{
public:
    struct CustomerRow {
        QString id;
        QString customerNumber;
        QString fullName;
        QString phone;
    };
    struct AddressRow {
        QString premiseId;
        QString addressLine1;
        QString singleLine;
    };

    explicit RegistrationRepository(Core::Database &db);

    /// Customers whose stored (E.164) phone is `e164`, by customer number.
    QList<CustomerRow> customersWithPhone(const QString &e164, int limit);
    /// Premises in `country` whose postcode is one of `postcodes` (exact, as stored).
    QList<AddressRow> premisesAtPostcode(const QString &country, const QStringList &postcodes);
    /// Customers with an account (open or closed) at the premise.
    QList<CustomerRow> customersAtPremise(const QString &premiseId);
    /// Single-line address of the customer's oldest account's premise, or empty.
    QString firstAddressOfCustomer(const QString &customerId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
