#include "billingrepository.h"

#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

namespace Ud::Billing {

using Accounts::SqlValues;
using Core::SqlQuery;

BillingRepository::BillingRepository(Core::Database &db) : m_db(db) {}

std::optional<BillingRepository::CustomerRef> BillingRepository::customer(const QString &idOrNumber)
{
    const QString key = idOrNumber.trimmed();
    const bool byId = SqlValues::isId(key);
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT id, customer_number, full_name FROM customers WHERE %1")
                                      .arg(byId ? QStringLiteral("id = :k") : QStringLiteral("customer_number = :k")));
    q.bind(QStringLiteral(":k"), byId ? key.toLower() : key).exec();
    if (!q.next())
        return std::nullopt;
    return CustomerRef{SqlValues::id(q.value(0)), q.value(1).toString(), q.value(2).toString()};
}

QStringList BillingRepository::accountsOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT id FROM accounts WHERE customer_id = :c ORDER BY account_number"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QList<BillingRepository::Channel> BillingRepository::importChannels(const QString &accountId, const QString &premiseId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT mc.id, m.interval_minutes FROM meter_channels mc JOIN meters m ON m.id = mc.meter_id "
        "JOIN service_points sp ON sp.id = m.service_point_id "
        "WHERE mc.channel = 'import' AND m.commodity = 'electricity' AND sp.commodity = 'electricity' "
        "AND (sp.account_id = :a OR sp.premise_id = :p) ORDER BY m.installed_on, m.serial"));
    q.bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":p"), SqlValues::optionalId(premiseId)).exec();
    QList<Channel> channels;
    while (q.next())
        channels << Channel{SqlValues::id(q.value(0)), q.value(1).toInt()};
    return channels;
}

void BillingRepository::insertAssignment(const QString &accountId, const QString &tariffId, const QDate &from,
                                         qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO account_tariffs (id, account_id, tariff_id, effective_from, effective_to, created_at) "
        "VALUES (:id, :a, :t, :from, NULL, :now)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":a"), accountId)
        .bind(QStringLiteral(":t"), tariffId)
        .bind(QStringLiteral(":from"), from.toString(Qt::ISODate))
        .bind(QStringLiteral(":now"), now)
        .exec();
}

void BillingRepository::endAssignment(const QString &accountId, const QDate &from, const QDate &to)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE account_tariffs SET effective_to = :to WHERE account_id = :a AND effective_from = :from"))
        .bind(QStringLiteral(":to"), to.toString(Qt::ISODate))
        .bind(QStringLiteral(":a"), accountId)
        .bind(QStringLiteral(":from"), from.toString(Qt::ISODate))
        .exec();
}

} // namespace Ud::Billing
