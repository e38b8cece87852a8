#include "premiserepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
const QString Columns = QStringLiteral("p.id, p.address_line1, p.address_line2, p.city, p.postcode, p.region, p.country, "
                                       "p.time_zone, p.substation, p.feeder, p.transformer, p.latitude, p.longitude");

Premise fromRow(const SqlQuery &q)
{
    Premise p;
    p.id = SqlValues::id(q.value(0));
    p.addressLine1 = q.value(1).toString();
    p.addressLine2 = q.value(2).toString();
    p.city = q.value(3).toString();
    p.postcode = q.value(4).toString();
    p.region = q.value(5).toString();
    p.country = q.value(6).toString();
    p.timeZone = q.value(7).toString();
    p.substation = q.value(8).toString();
    p.feeder = q.value(9).toString();
    p.transformer = q.value(10).toString();
    p.latitude = SqlValues::toOptionalDouble(q.value(11));
    p.longitude = SqlValues::toOptionalDouble(q.value(12));
    return p;
}

void bindPremise(SqlQuery &q, const Premise &p)
{
    q.bind(QStringLiteral(":id"), p.id)
        .bind(QStringLiteral(":line1"), SqlValues::text(p.addressLine1))
        .bind(QStringLiteral(":line2"), SqlValues::text(p.addressLine2))
        .bind(QStringLiteral(":city"), SqlValues::text(p.city))
        .bind(QStringLiteral(":postcode"), SqlValues::text(p.postcode))
        .bind(QStringLiteral(":region"), SqlValues::text(p.region))
        .bind(QStringLiteral(":country"), SqlValues::text(p.country))
        .bind(QStringLiteral(":tz"), SqlValues::text(p.timeZone))
        .bind(QStringLiteral(":substation"), SqlValues::text(p.substation))
        .bind(QStringLiteral(":feeder"), SqlValues::text(p.feeder))
        .bind(QStringLiteral(":transformer"), SqlValues::text(p.transformer))
        .bind(QStringLiteral(":lat"), SqlValues::optional(p.latitude))
        .bind(QStringLiteral(":lon"), SqlValues::optional(p.longitude));
}
} // namespace

PremiseRepository::PremiseRepository(Core::Database &db) : m_db(db) {}

void PremiseRepository::insert(const Premise &premise)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO premises (id, address_line1, address_line2, city, postcode, region, country, time_zone, "
        "substation, feeder, transformer, latitude, longitude) VALUES (:id, :line1, :line2, :city, :postcode, "
        ":region, :country, :tz, :substation, :feeder, :transformer, :lat, :lon)"));
    bindPremise(q, premise);
    q.exec();
}

void PremiseRepository::update(const Premise &premise)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "UPDATE premises SET address_line1 = :line1, address_line2 = :line2, city = :city, postcode = :postcode, "
        "region = :region, country = :country, time_zone = :tz, substation = :substation, feeder = :feeder, "
        "transformer = :transformer, latitude = :lat, longitude = :lon WHERE id = :id"));
    bindPremise(q, premise);
    q.exec();
}

std::optional<Premise> PremiseRepository::get(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM premises p WHERE p.id = :id").arg(Columns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<Premise> PremiseRepository::ofCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT %1 FROM premises p WHERE p.id IN (SELECT a.premise_id FROM accounts a WHERE a.customer_id = :c) "
        "ORDER BY p.address_line1, p.id").arg(Columns));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QList<Premise> list;
    while (q.next())
        list << fromRow(q);
    return list;
}

} // namespace Ud::Accounts
