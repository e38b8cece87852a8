#include "appliancerepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

ApplianceRepository::ApplianceRepository(Core::Database &db) : m_db(db) {}

void ApplianceRepository::insert(const Appliance &a)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO appliances (id, premise_id, kind, capacity_w, installed_on) "
        "VALUES (:id, :premise, :kind, :capacity, :installed)"))
        .bind(QStringLiteral(":id"), a.id)
        .bind(QStringLiteral(":premise"), a.premiseId)
        .bind(QStringLiteral(":kind"), applianceKindKey(a.kind))
        .bind(QStringLiteral(":capacity"), SqlValues::optional(a.capacityW))
        .bind(QStringLiteral(":installed"), SqlValues::date(a.installedOn))
        .exec();
}

void ApplianceRepository::remove(const QString &id)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM appliances WHERE id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

QList<Appliance> ApplianceRepository::read(const QString &where, const QString &param, const QString &value)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, premise_id, kind, capacity_w, installed_on FROM appliances %1 ORDER BY kind, id").arg(where));
    q.bind(param, value).exec();
    QList<Appliance> list;
    while (q.next()) {
        const auto kind = applianceKindFromKey(q.value(2).toString());
        if (!kind)
            continue;
        Appliance a;
        a.id = SqlValues::id(q.value(0));
        a.premiseId = SqlValues::id(q.value(1));
        a.kind = *kind;
        a.capacityW = SqlValues::toOptionalInt64(q.value(3));
        a.installedOn = SqlValues::toDate(q.value(4));
        list << a;
    }
    return list;
}

std::optional<Appliance> ApplianceRepository::get(const QString &id)
{
    const QList<Appliance> found = read(QStringLiteral("WHERE id = :id"), QStringLiteral(":id"), id);
    return found.isEmpty() ? std::nullopt : std::optional<Appliance>(found.constFirst());
}

QList<Appliance> ApplianceRepository::ofPremise(const QString &premiseId)
{
    return read(QStringLiteral("WHERE premise_id = :p"), QStringLiteral(":p"), premiseId);
}

QList<Appliance> ApplianceRepository::ofCustomer(const QString &customerId)
{
    return read(QStringLiteral("WHERE premise_id IN (SELECT a.premise_id FROM accounts a WHERE a.customer_id = :c)"),
                QStringLiteral(":c"), customerId);
}

} // namespace Ud::Accounts
