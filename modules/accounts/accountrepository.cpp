#include "accountrepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
const QString Select = QStringLiteral(
    "SELECT a.id, a.account_number, a.customer_id, a.premise_id, a.market_code, m.currency, a.payment_type, "
    "a.status, a.opened_on, a.closed_on, a.final_reading_on FROM accounts a JOIN markets m ON m.code = a.market_code ");

Account fromRow(const SqlQuery &q)
{
    Account a;
    a.id = SqlValues::id(q.value(0));
    a.accountNumber = q.value(1).toString();
    a.customerId = SqlValues::id(q.value(2));
    a.premiseId = SqlValues::id(q.value(3));
    a.marketCode = q.value(4).toString();
    a.currency = q.value(5).toString();
    a.paymentType = paymentTypeFromKey(q.value(6).toString()).value_or(PaymentType::Postpaid);
    a.status = accountStatusFromKey(q.value(7).toString()).value_or(AccountStatus::Active);
    a.openedOn = SqlValues::toDate(q.value(8));
    a.closedOn = SqlValues::toDate(q.value(9));
    a.finalReadingOn = SqlValues::toDate(q.value(10));
    return a;
}
} // namespace

AccountRepository::AccountRepository(Core::Database &db) : m_db(db) {}

void AccountRepository::insert(const Account &a)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO accounts (id, account_number, customer_id, premise_id, market_code, payment_type, status, "
        "opened_on, closed_on) VALUES (:id, :number, :customer, :premise, :market, :payment, :status, :opened, "
        ":closed)"));
    q.bind(QStringLiteral(":id"), a.id)
        .bind(QStringLiteral(":number"), SqlValues::text(a.accountNumber))
        .bind(QStringLiteral(":customer"), a.customerId)
        .bind(QStringLiteral(":premise"), SqlValues::optionalId(a.premiseId))
        .bind(QStringLiteral(":market"), SqlValues::text(a.marketCode))
        .bind(QStringLiteral(":payment"), paymentTypeKey(a.paymentType))
        .bind(QStringLiteral(":status"), accountStatusKey(a.status))
        .bind(QStringLiteral(":opened"), SqlValues::date(a.openedOn))
        .bind(QStringLiteral(":closed"), SqlValues::date(a.closedOn))
        .exec();
}

void AccountRepository::updateStatus(const QString &id, AccountStatus status, const QDate &closedOn)
{
    SqlQuery(m_db.connection(), QStringLiteral("UPDATE accounts SET status = :status, closed_on = :closed WHERE id = :id"))
        .bind(QStringLiteral(":status"), accountStatusKey(status))
        .bind(QStringLiteral(":closed"), SqlValues::date(closedOn))
        .bind(QStringLiteral(":id"), id)
        .exec();
    // A reopened account has no final reading any more.
    if (!closedOn.isValid()) {
        SqlQuery(m_db.connection(), QStringLiteral("UPDATE accounts SET final_reading_on = NULL WHERE id = :id"))
            .bind(QStringLiteral(":id"), id)
            .exec();
    }
}

std::optional<Account> AccountRepository::get(const QString &id)
{
    SqlQuery q(m_db.connection(), Select + QStringLiteral("WHERE a.id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return fromRow(q);
}

std::optional<Account> AccountRepository::byNumber(const QString &accountNumber)
{
    SqlQuery q(m_db.connection(), Select + QStringLiteral("WHERE a.account_number = :number"));
    q.bind(QStringLiteral(":number"), accountNumber).exec();
    if (!q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<Account> AccountRepository::ofCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), Select + QStringLiteral("WHERE a.customer_id = :c ORDER BY a.opened_on, a.account_number"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QList<Account> list;
    while (q.next())
        list << fromRow(q);
    return list;
}

QStringList AccountRepository::numbersWithPrefix(const QString &prefix)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT account_number FROM accounts WHERE account_number LIKE :p ESCAPE '\\'"));
    q.bind(QStringLiteral(":p"), SqlValues::likeLiteral(prefix) + QLatin1Char('%')).exec();
    QStringList numbers;
    while (q.next())
        numbers << q.value(0).toString();
    return numbers;
}

QList<Market> AccountRepository::markets()
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT code, name, country, currency FROM markets ORDER BY code"));
    q.exec();
    QList<Market> list;
    while (q.next())
        list << Market{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    return list;
}

std::optional<Market> AccountRepository::market(const QString &code)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT code, name, country, currency FROM markets WHERE code = :code"));
    q.bind(QStringLiteral(":code"), code).exec();
    if (!q.next())
        return std::nullopt;
    return Market{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

std::optional<int> AccountRepository::vatRateBp(const QString &marketCode, const QDate &date)
{
    // ISO dates compare correctly as text in both databases.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT rate_bp FROM vat_rates WHERE market_code = :m AND effective_from <= :d "
        "ORDER BY effective_from DESC LIMIT 1"));
    q.bind(QStringLiteral(":m"), marketCode).bind(QStringLiteral(":d"), date.toString(Qt::ISODate)).exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toInt();
}

QString AccountRepository::countryOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT m.country FROM accounts a JOIN markets m ON m.code = a.market_code WHERE a.customer_id = :c "
        "ORDER BY a.opened_on, a.account_number LIMIT 1"));
    q.bind(QStringLiteral(":c"), customerId);
    return q.scalar().toString();
}

} // namespace Ud::Accounts
