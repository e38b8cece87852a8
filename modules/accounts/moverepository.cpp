#include "moverepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/dialect.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
const QString ServicePointColumns = QStringLiteral("sp.id, sp.premise_id, sp.account_id, sp.commodity, sp.identifier");

ServicePoint servicePointFromRow(const SqlQuery &q)
{
    ServicePoint sp;
    sp.id = SqlValues::id(q.value(0));
    sp.premiseId = SqlValues::id(q.value(1));
    sp.accountId = SqlValues::id(q.value(2));
    sp.commodity = commodityFromKey(q.value(3).toString()).value_or(Commodity::Electricity);
    sp.identifier = q.value(4).toString();
    return sp;
}
} // namespace

MoveRepository::MoveRepository(Core::Database &db) : m_db(db) {}

QList<MoveRepository::Occupant> MoveRepository::occupants(const QString &premiseId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, account_number FROM accounts WHERE premise_id = :p AND status <> 'closed' "
        "ORDER BY opened_on, account_number"));
    q.bind(QStringLiteral(":p"), premiseId).exec();
    QList<Occupant> list;
    while (q.next())
        list << Occupant{SqlValues::id(q.value(0)), q.value(1).toString()};
    return list;
}

QDate MoveRepository::lastFinalReading(const QString &premiseId)
{
    // ISO dates order correctly as text in both databases.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT max(COALESCE(final_reading_on, closed_on)) FROM accounts WHERE premise_id = :p AND status = 'closed'"));
    q.bind(QStringLiteral(":p"), premiseId);
    return SqlValues::toDate(q.scalar());
}

void MoveRepository::close(const QString &accountId, const QDate &date)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE accounts SET status = 'closed', closed_on = :closed, final_reading_on = :reading WHERE id = :id"))
        .bind(QStringLiteral(":closed"), SqlValues::date(date))
        .bind(QStringLiteral(":reading"), SqlValues::date(date))
        .bind(QStringLiteral(":id"), accountId)
        .exec();
}

QList<ServicePoint> MoveRepository::servicePointsOfAccount(const QString &accountId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM service_points sp WHERE sp.account_id = :a "
                                                 "ORDER BY sp.identifier").arg(ServicePointColumns));
    q.bind(QStringLiteral(":a"), accountId).exec();
    QList<ServicePoint> list;
    while (q.next())
        list << servicePointFromRow(q);
    return list;
}

QList<ServicePoint> MoveRepository::freeServicePoints(const QString &premiseId)
{
    // A point still naming a closed account is free too: accounts closed before moves existed
    // (or through a plain status change) kept theirs.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT %1 FROM service_points sp LEFT JOIN accounts a ON a.id = sp.account_id "
        "WHERE sp.premise_id = :p AND (sp.account_id IS NULL OR a.status = 'closed') ORDER BY sp.identifier")
        .arg(ServicePointColumns));
    q.bind(QStringLiteral(":p"), premiseId).exec();
    QList<ServicePoint> list;
    while (q.next())
        list << servicePointFromRow(q);
    return list;
}

void MoveRepository::setServicePointAccount(const QString &servicePointId, const QString &accountId)
{
    SqlQuery(m_db.connection(), QStringLiteral("UPDATE service_points SET account_id = :a WHERE id = :id"))
        .bind(QStringLiteral(":a"), SqlValues::optionalId(accountId))
        .bind(QStringLiteral(":id"), servicePointId)
        .exec();
}

QList<MoveRepository::PremiseRow> MoveRepository::findPremises(const QString &text, int limit)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const Core::Dialect &dialect = m_db.dialect();
    const QString address = QStringLiteral(
        "(p.address_line1 || ' ' || p.address_line2 || ' ' || p.city || ' ' || p.postcode)");
    QStringList conditions;
    QVariantMap values;
    for (int i = 0; i < words.size(); ++i) {
        const QString param = QStringLiteral(":w%1").arg(i);
        conditions << dialect.caseInsensitiveLike(address, param) + QStringLiteral(" ESCAPE '\\'");
        values.insert(param, QLatin1Char('%') + SqlValues::likeLiteral(words.at(i)) + QLatin1Char('%'));
    }
    // "sw1a2aa" finds "SW1A 2AA".
    QString compact = text;
    compact.remove(QLatin1Char(' '));
    const QString where = QStringLiteral("(%1) OR %2")
                              .arg(conditions.join(QStringLiteral(" AND ")),
                                   dialect.caseInsensitiveLike(QStringLiteral("replace(p.postcode, ' ', '')"),
                                                               QStringLiteral(":compact"))
                                       + QStringLiteral(" ESCAPE '\\'"));
    values.insert(QStringLiteral(":compact"), SqlValues::likeLiteral(compact) + QLatin1Char('%'));
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT p.id, p.address_line1, p.address_line2, p.city, p.postcode, p.region, p.country, p.time_zone, "
        "(SELECT a.account_number FROM accounts a WHERE a.premise_id = p.id AND a.status <> 'closed' "
        "ORDER BY a.opened_on, a.account_number LIMIT 1) FROM premises p WHERE %1 "
        "ORDER BY p.postcode, p.address_line1, p.id LIMIT :limit").arg(where));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bind(it.key(), it.value());
    q.bind(QStringLiteral(":limit"), limit).exec();
    QList<PremiseRow> rows;
    while (q.next()) {
        PremiseRow row;
        row.premise.id = SqlValues::id(q.value(0));
        row.premise.addressLine1 = q.value(1).toString();
        row.premise.addressLine2 = q.value(2).toString();
        row.premise.city = q.value(3).toString();
        row.premise.postcode = q.value(4).toString();
        row.premise.region = q.value(5).toString();
        row.premise.country = q.value(6).toString();
        row.premise.timeZone = q.value(7).toString();
        row.occupiedBy = q.value(8).toString();
        rows << row;
    }
    return rows;
}

} // namespace Ud::Accounts
