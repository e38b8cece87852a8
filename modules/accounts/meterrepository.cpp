#include "meterrepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

#include <QHash>

#include <algorithm>

namespace Ud::Accounts {

using Core::SqlQuery;

MeterRepository::MeterRepository(Core::Database &db) : m_db(db) {}

void MeterRepository::insertServicePoint(const ServicePoint &sp)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO service_points (id, premise_id, account_id, commodity, identifier) "
        "VALUES (:id, :premise, :account, :commodity, :identifier)"))
        .bind(QStringLiteral(":id"), sp.id)
        .bind(QStringLiteral(":premise"), sp.premiseId)
        .bind(QStringLiteral(":account"), SqlValues::optionalId(sp.accountId))
        .bind(QStringLiteral(":commodity"), commodityKey(sp.commodity))
        .bind(QStringLiteral(":identifier"), SqlValues::text(sp.identifier))
        .exec();
}

namespace {
const QString ServicePointSelect = QStringLiteral(
    "SELECT id, premise_id, account_id, commodity, identifier FROM service_points ");

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

std::optional<ServicePoint> MeterRepository::servicePoint(const QString &id)
{
    SqlQuery q(m_db.connection(), ServicePointSelect + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return servicePointFromRow(q);
}

bool MeterRepository::servicePointIdentifierExists(const QString &identifier)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT 1 FROM service_points WHERE identifier = :i"));
    q.bind(QStringLiteral(":i"), identifier).exec();
    return q.next();
}

QList<ServicePoint> MeterRepository::servicePointsOfPremise(const QString &premiseId)
{
    SqlQuery q(m_db.connection(), ServicePointSelect + QStringLiteral("WHERE premise_id = :p ORDER BY commodity, identifier"));
    q.bind(QStringLiteral(":p"), premiseId).exec();
    QList<ServicePoint> list;
    while (q.next())
        list << servicePointFromRow(q);
    return list;
}

void MeterRepository::insertMeter(const Meter &m)
{
    QSqlDatabase db = m_db.connection();
    SqlQuery(db, QStringLiteral(
        "INSERT INTO meters (id, service_point_id, serial, commodity, interval_minutes, installed_on, removed_on, "
        "time_zone) VALUES (:id, :sp, :serial, :commodity, :interval, :installed, :removed, :tz)"))
        .bind(QStringLiteral(":id"), m.id)
        .bind(QStringLiteral(":sp"), SqlValues::optionalId(m.servicePointId))
        .bind(QStringLiteral(":tz"), SqlValues::text(m.timeZone))
        .bind(QStringLiteral(":serial"), SqlValues::text(m.serial))
        .bind(QStringLiteral(":commodity"), commodityKey(m.commodity))
        .bind(QStringLiteral(":interval"), m.intervalMinutes)
        .bind(QStringLiteral(":installed"), SqlValues::date(m.installedOn))
        .bind(QStringLiteral(":removed"), SqlValues::date(m.removedOn))
        .exec();
    SqlQuery channel(db, QStringLiteral("INSERT INTO meter_channels (id, meter_id, channel, unit) "
                                        "VALUES (:id, :meter, :channel, :unit)"));
    for (const MeterChannel &c : m.channels) {
        channel.bind(QStringLiteral(":id"), c.id)
            .bind(QStringLiteral(":meter"), m.id)
            .bind(QStringLiteral(":channel"), channelKindKey(c.kind))
            .bind(QStringLiteral(":unit"), channelUnitKey(c.unit))
            .exec();
    }
}

QList<Meter> MeterRepository::readMeters(const QString &where, const QString &param, const QString &value)
{
    QSqlDatabase db = m_db.connection();
    SqlQuery q(db, QStringLiteral(
        "SELECT m.id, m.service_point_id, m.serial, m.commodity, m.interval_minutes, m.installed_on, m.removed_on, "
        "m.time_zone FROM meters m %1 ORDER BY m.serial").arg(where));
    q.bind(param, value).exec();
    QList<Meter> meters;
    QHash<QString, qsizetype> byId;
    while (q.next()) {
        Meter m;
        m.id = SqlValues::id(q.value(0));
        m.servicePointId = SqlValues::id(q.value(1));
        m.serial = q.value(2).toString();
        m.commodity = commodityFromKey(q.value(3).toString()).value_or(Commodity::Electricity);
        m.intervalMinutes = q.value(4).toInt();
        m.installedOn = SqlValues::toDate(q.value(5));
        m.removedOn = SqlValues::toDate(q.value(6));
        m.timeZone = q.value(7).toString();
        byId.insert(m.id, meters.size());
        meters << m;
    }
    if (meters.isEmpty())
        return meters;
    // Channels of the same meters in one statement, not one per meter.
    SqlQuery c(db, QStringLiteral(
        "SELECT c.meter_id, c.id, c.channel, c.unit FROM meter_channels c WHERE c.meter_id IN "
        "(SELECT m.id FROM meters m %1) ORDER BY c.meter_id, c.channel").arg(where));
    c.bind(param, value).exec();
    while (c.next()) {
        const auto it = byId.constFind(SqlValues::id(c.value(0)));
        const auto kind = channelKindFromKey(c.value(2).toString());
        const auto unit = channelUnitFromKey(c.value(3).toString());
        if (it == byId.cend() || !kind || !unit)
            continue;
        meters[*it].channels << MeterChannel{SqlValues::id(c.value(1)), *kind, *unit};
    }
    // Import, export, reactive: the order people read them in.
    for (Meter &m : meters)
        std::sort(m.channels.begin(), m.channels.end(),
                  [](const MeterChannel &a, const MeterChannel &b) { return int(a.kind) < int(b.kind); });
    return meters;
}

std::optional<Meter> MeterRepository::meter(const QString &id)
{
    const QList<Meter> found = readMeters(QStringLiteral("WHERE m.id = :id"), QStringLiteral(":id"), id);
    return found.isEmpty() ? std::nullopt : std::optional<Meter>(found.constFirst());
}

std::optional<Meter> MeterRepository::meterBySerial(const QString &serial)
{
    const QList<Meter> found = readMeters(QStringLiteral("WHERE m.serial = :serial"), QStringLiteral(":serial"), serial);
    return found.isEmpty() ? std::nullopt : std::optional<Meter>(found.constFirst());
}

QList<Meter> MeterRepository::metersOfServicePoint(const QString &servicePointId)
{
    return readMeters(QStringLiteral("WHERE m.service_point_id = :sp"), QStringLiteral(":sp"), servicePointId);
}

QList<Meter> MeterRepository::metersOfCustomer(const QString &customerId)
{
    return readMeters(QStringLiteral(
        "WHERE m.service_point_id IN (SELECT sp.id FROM service_points sp JOIN accounts a "
        "ON a.id = sp.account_id OR (sp.account_id IS NULL AND a.premise_id = sp.premise_id) "
        "WHERE a.customer_id = :c)"), QStringLiteral(":c"), customerId);
}

} // namespace Ud::Accounts
