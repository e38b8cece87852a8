#include "registrationrepository.h"

#include "premise.h"
#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
RegistrationRepository::CustomerRow customerFromRow(const SqlQuery &q)
{
    return {SqlValues::id(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

QString singleLine(const SqlQuery &q, int first)
{
    Premise p;
    p.addressLine1 = q.value(first).toString();
    p.addressLine2 = q.value(first + 1).toString();
    p.city = q.value(first + 2).toString();
    p.postcode = q.value(first + 3).toString();
    return p.singleLineAddress();
}
} // namespace

RegistrationRepository::RegistrationRepository(Core::Database &db) : m_db(db) {}

QList<RegistrationRepository::CustomerRow> RegistrationRepository::customersWithPhone(const QString &e164, int limit)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, customer_number, full_name, phone FROM customers WHERE phone = :phone "
        "ORDER BY customer_number LIMIT :limit"));
    q.bind(QStringLiteral(":phone"), e164).bind(QStringLiteral(":limit"), limit).exec();
    QList<CustomerRow> rows;
    while (q.next())
        rows << customerFromRow(q);
    return rows;
}

QList<RegistrationRepository::AddressRow> RegistrationRepository::premisesAtPostcode(const QString &country,
                                                                                    const QStringList &postcodes)
{
    QList<AddressRow> rows;
    // One query per spelling (at most two): the postcode index answers each.
    for (const QString &postcode : postcodes) {
        SqlQuery q(m_db.connection(), QStringLiteral(
            "SELECT id, address_line1, address_line2, city, postcode FROM premises "
            "WHERE postcode = :postcode AND country = :country ORDER BY id"));
        q.bind(QStringLiteral(":postcode"), postcode).bind(QStringLiteral(":country"), country).exec();
        while (q.next())
            rows << AddressRow{SqlValues::id(q.value(0)), q.value(1).toString(), singleLine(q, 1)};
    }
    return rows;
}

QList<RegistrationRepository::CustomerRow> RegistrationRepository::customersAtPremise(const QString &premiseId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT c.id, c.customer_number, c.full_name, c.phone FROM customers c WHERE c.id IN "
        "(SELECT a.customer_id FROM accounts a WHERE a.premise_id = :premise) ORDER BY c.customer_number"));
    q.bind(QStringLiteral(":premise"), premiseId).exec();
    QList<CustomerRow> rows;
    while (q.next())
        rows << customerFromRow(q);
    return rows;
}

QString RegistrationRepository::firstAddressOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT p.address_line1, p.address_line2, p.city, p.postcode FROM accounts a "
        "JOIN premises p ON p.id = a.premise_id WHERE a.customer_id = :c "
        "ORDER BY a.opened_on, a.account_number LIMIT 1"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    return q.next() ? singleLine(q, 0) : QString();
}

} // namespace Ud::Accounts
