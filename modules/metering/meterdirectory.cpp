#include "meterdirectory.h"

#include <accounts/meterrepository.h>
#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include <QDateTime>

namespace Ud::Metering {

using Accounts::SqlValues;
using Core::SqlQuery;

MeterDirectory::MeterDirectory(Core::Database &db) : m_db(db) {}

QString MeterDirectory::normalizedKey(const QString &key)
{
    return key.trimmed().toUpper();
}

std::optional<ChannelBinding> MeterDirectory::bindingOf(const QString &meterId, Accounts::ChannelKind kind)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT m.serial, m.commodity, m.interval_minutes, COALESCE(p.time_zone, ''), m.time_zone, c.id, c.unit, "
        "(SELECT COUNT(*) FROM meter_channels e WHERE e.meter_id = m.id AND e.channel = 'export') "
        "FROM meters m JOIN meter_channels c ON c.meter_id = m.id AND c.channel = :kind "
        "LEFT JOIN service_points sp ON sp.id = m.service_point_id LEFT JOIN premises p ON p.id = sp.premise_id "
        "WHERE m.id = :m"));
    q.bind(QStringLiteral(":kind"), Accounts::channelKindKey(kind)).bind(QStringLiteral(":m"), meterId).exec();
    if (!q.next())
        return std::nullopt;
    ChannelBinding b;
    b.meterId = meterId;
    b.serial = q.value(0).toString();
    b.commodity = Accounts::commodityFromKey(q.value(1).toString()).value_or(Accounts::Commodity::Electricity);
    b.intervalMinutes = q.value(2).toInt();
    const QString zone = q.value(3).toString().isEmpty() ? q.value(4).toString() : q.value(3).toString();
    if (!zone.isEmpty())
        b.zone = QTimeZone(zone.toUtf8());
    b.channelId = SqlValues::id(q.value(5));
    b.kind = kind;
    b.unit = Accounts::channelUnitFromKey(q.value(6).toString()).value_or(Accounts::ChannelUnit::WattHour);
    b.netMetered = q.value(7).toInt() > 0;
    return b;
}

std::optional<ChannelBinding> MeterDirectory::find(const QString &key, const QString &altKey, Accounts::ChannelKind kind,
                                                   QString *meterIdOut)
{
    QSqlDatabase db = m_db.connection();
    // By serial, then by a learnt alias, then by the service point's identifier (an installed
    // meter of the same service point).
    SqlQuery bySerial(db, QStringLiteral("SELECT id FROM meters WHERE serial = :k AND removed_on IS NULL"));
    SqlQuery byAlias(db, QStringLiteral("SELECT meter_id FROM meter_aliases WHERE alias = :k"));
    SqlQuery byServicePoint(db, QStringLiteral(
        "SELECT m.id FROM meters m JOIN service_points sp ON sp.id = m.service_point_id "
        "WHERE sp.identifier = :k AND m.removed_on IS NULL ORDER BY m.installed_on DESC"));
    for (const QString &name : {key, altKey}) {
        const QString k = normalizedKey(name);
        if (k.isEmpty())
            continue;
        for (SqlQuery *q : {&bySerial, &byAlias, &byServicePoint}) {
            q->bind(QStringLiteral(":k"), k).exec();
            if (!q->next())
                continue;
            const QString meterId = SqlValues::id(q->value(0));
            if (meterIdOut)
                *meterIdOut = meterId;
            return bindingOf(meterId, kind);
        }
    }
    return std::nullopt;
}

ChannelBinding MeterDirectory::createMeter(const QString &serial, Accounts::Commodity commodity,
                                           Accounts::ChannelKind kind, Accounts::ChannelUnit unit,
                                           int intervalMinutes, const QString &timeZone)
{
    Accounts::Meter meter;
    meter.id = Core::newId();
    meter.serial = normalizedKey(serial);
    meter.commodity = commodity;
    meter.intervalMinutes = intervalMinutes;
    meter.installedOn = QDateTime::currentDateTimeUtc().date();
    meter.timeZone = timeZone;
    meter.channels << Accounts::MeterChannel{Core::newId(), kind, unit};
    Accounts::MeterRepository(m_db).insertMeter(meter);
    return *bindingOf(meter.id, kind);
}

ChannelBinding MeterDirectory::addChannel(const QString &meterId, Accounts::ChannelKind kind, Accounts::ChannelUnit unit)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO meter_channels (id, meter_id, channel, unit) VALUES (:id, :m, :k, :u)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":m"), meterId)
        .bind(QStringLiteral(":k"), Accounts::channelKindKey(kind))
        .bind(QStringLiteral(":u"), Accounts::channelUnitKey(unit))
        .exec();
    return *bindingOf(meterId, kind);
}

void MeterDirectory::addAlias(const QString &alias, const QString &meterId, qint64 at, const QString &by)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO meter_aliases (alias, meter_id, created_at, created_by) VALUES (:a, :m, :at, :by) "
        "ON CONFLICT (alias) DO UPDATE SET meter_id = excluded.meter_id, created_at = excluded.created_at, "
        "created_by = excluded.created_by"))
        .bind(QStringLiteral(":a"), normalizedKey(alias))
        .bind(QStringLiteral(":m"), meterId)
        .bind(QStringLiteral(":at"), at)
        .bind(QStringLiteral(":by"), by)
        .exec();
}

std::optional<Accounts::Meter> MeterDirectory::meter(const QString &meterIdOrSerial)
{
    Accounts::MeterRepository meters(m_db);
    if (SqlValues::isId(meterIdOrSerial)) {
        if (auto m = meters.meter(meterIdOrSerial))
            return m;
    }
    return meters.meterBySerial(normalizedKey(meterIdOrSerial));
}

QList<MeterSummary> MeterDirectory::list()
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT m.id, m.serial, COALESCE(sp.identifier, ''), m.commodity, c.channel, c.unit, c.id, m.interval_minutes, "
        "COALESCE(p.time_zone, m.time_zone), s.first_utc, s.last_utc, s.days, s.expected_count, s.present_count, "
        "s.estimated_count FROM meters m JOIN meter_channels c ON c.meter_id = m.id "
        "LEFT JOIN service_points sp ON sp.id = m.service_point_id LEFT JOIN premises p ON p.id = sp.premise_id "
        "LEFT JOIN channel_stats s ON s.channel_id = c.id "
        "ORDER BY m.serial, CASE c.channel WHEN 'import' THEN 0 WHEN 'export' THEN 1 ELSE 2 END"));
    q.exec();
    QList<MeterSummary> out;
    while (q.next()) {
        MeterSummary s;
        s.meterId = SqlValues::id(q.value(0));
        s.serial = q.value(1).toString();
        s.servicePoint = q.value(2).toString();
        s.commodity = Accounts::commodityFromKey(q.value(3).toString()).value_or(Accounts::Commodity::Electricity);
        s.kind = Accounts::channelKindFromKey(q.value(4).toString()).value_or(Accounts::ChannelKind::Import);
        s.unit = Accounts::channelUnitFromKey(q.value(5).toString()).value_or(Accounts::ChannelUnit::WattHour);
        s.channelId = SqlValues::id(q.value(6));
        s.intervalMinutes = q.value(7).toInt();
        s.timeZone = q.value(8).toString();
        s.firstUtc = q.value(9).toLongLong();
        s.lastUtc = q.value(10).toLongLong();
        s.days = q.value(11).toLongLong();
        s.expectedCount = q.value(12).toLongLong();
        s.presentCount = q.value(13).toLongLong();
        s.estimatedCount = q.value(14).toLongLong();
        out << s;
    }
    return out;
}

} // namespace Ud::Metering
