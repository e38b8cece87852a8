#include "reviewqueue.h"

#include "meterdirectory.h"

#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include <QtEndian>

#include <algorithm>

namespace Ud::Metering {

using Accounts::SqlValues;
using Core::SqlQuery;

namespace {
constexpr int PackedSize = 8 + 4 + 8 + 1;
}

ReviewQueue::ReviewQueue(Core::Database &db) : m_db(db) {}

QByteArray ReviewQueue::pack(const QList<SourceReading> &readings)
{
    QByteArray out(readings.size() * PackedSize, Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(out.data());
    for (const SourceReading &r : readings) {
        qToLittleEndian<qint64>(r.startUtc, p);
        qToLittleEndian<qint32>(r.durationSecs, p + 8);
        qToLittleEndian<qint64>(r.value, p + 12);
        p[20] = uchar(r.quality);
        p += PackedSize;
    }
    return out;
}

std::optional<QList<SourceReading>> ReviewQueue::unpack(const QByteArray &bytes)
{
    if (bytes.size() % PackedSize != 0)
        return std::nullopt;
    QList<SourceReading> out;
    out.reserve(bytes.size() / PackedSize);
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    for (qsizetype i = 0; i < bytes.size(); i += PackedSize, p += PackedSize) {
        if (p[20] > uchar(Quality::Edited))
            return std::nullopt;
        SourceReading r;
        r.startUtc = qFromLittleEndian<qint64>(p);
        r.durationSecs = qFromLittleEndian<qint32>(p + 8);
        r.value = qFromLittleEndian<qint64>(p + 12);
        r.quality = Quality(p[20]);
        out.append(r);
    }
    return out;
}

void ReviewQueue::enqueue(const ChannelSeries &series, const QString &fileId, const QString &fileName,
                          const QString &format, qint64 now)
{
    if (series.readings.isEmpty())
        return;
    qint64 first = series.readings.constFirst().startUtc, last = first;
    for (const SourceReading &r : series.readings) {
        first = std::min(first, r.startUtc);
        last = std::max(last, r.startUtc);
    }
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO unknown_meter_readings (id, meter_key, alt_key, commodity, channel, unit, interval_secs, cumulative, "
        "time_zone_hint, file_id, file_name, format, first_start, last_start, reading_count, readings, received_at) "
        "VALUES (:id, :k, :a, :c, :ch, :u, :i, :cum, :tz, :f, :fn, :fmt, :first, :last, :n, :r, :at)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":k"), MeterDirectory::normalizedKey(series.meterKey))
        .bind(QStringLiteral(":a"), SqlValues::text(MeterDirectory::normalizedKey(series.altKey)))
        .bind(QStringLiteral(":c"), Accounts::commodityKey(series.commodity))
        .bind(QStringLiteral(":ch"), Accounts::channelKindKey(series.kind))
        .bind(QStringLiteral(":u"), Accounts::channelUnitKey(series.unit))
        .bind(QStringLiteral(":i"), series.intervalSecs)
        .bind(QStringLiteral(":cum"), series.cumulative ? 1 : 0)
        .bind(QStringLiteral(":tz"), SqlValues::text(series.timeZoneHint))
        .bind(QStringLiteral(":f"), SqlValues::optionalId(fileId))
        .bind(QStringLiteral(":fn"), fileName)
        .bind(QStringLiteral(":fmt"), format)
        .bind(QStringLiteral(":first"), first)
        .bind(QStringLiteral(":last"), last)
        .bind(QStringLiteral(":n"), series.readings.size())
        .bind(QStringLiteral(":r"), pack(series.readings))
        .bind(QStringLiteral(":at"), now)
        .exec();
}

QList<ReviewQueue::Entry> ReviewQueue::entries()
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT meter_key, MAX(alt_key), commodity, channel, SUM(reading_count), MIN(first_start), MAX(last_start), "
        "COUNT(DISTINCT file_name), MAX(file_name), MAX(received_at) FROM unknown_meter_readings "
        "GROUP BY meter_key, commodity, channel ORDER BY MAX(received_at) DESC, meter_key"));
    q.exec();
    QList<Entry> out;
    while (q.next()) {
        Entry e;
        e.meterKey = q.value(0).toString();
        e.altKey = q.value(1).toString();
        e.commodity = Accounts::commodityFromKey(q.value(2).toString()).value_or(Accounts::Commodity::Electricity);
        e.kind = Accounts::channelKindFromKey(q.value(3).toString()).value_or(Accounts::ChannelKind::Import);
        e.readings = q.value(4).toLongLong();
        e.firstUtc = q.value(5).toLongLong();
        e.lastUtc = q.value(6).toLongLong();
        e.files = q.value(7).toInt();
        e.lastFile = q.value(8).toString();
        e.receivedAt = q.value(9).toLongLong();
        out << e;
    }
    return out;
}

QList<ReviewQueue::Queued> ReviewQueue::queued(const QString &key)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, meter_key, alt_key, commodity, channel, unit, interval_secs, cumulative, time_zone_hint, file_name, "
        "format, readings FROM unknown_meter_readings WHERE meter_key = :k OR alt_key = :k ORDER BY received_at, id"));
    q.bind(QStringLiteral(":k"), MeterDirectory::normalizedKey(key)).exec();
    QList<Queued> out;
    while (q.next()) {
        Queued item;
        item.id = SqlValues::id(q.value(0));
        ChannelSeries &s = item.series;
        s.meterKey = q.value(1).toString();
        s.altKey = q.value(2).toString();
        s.commodity = Accounts::commodityFromKey(q.value(3).toString()).value_or(Accounts::Commodity::Electricity);
        s.kind = Accounts::channelKindFromKey(q.value(4).toString()).value_or(Accounts::ChannelKind::Import);
        s.unit = Accounts::channelUnitFromKey(q.value(5).toString()).value_or(Accounts::ChannelUnit::WattHour);
        s.intervalSecs = q.value(6).toInt();
        s.cumulative = q.value(7).toInt() != 0;
        s.timeZoneHint = q.value(8).toString();
        item.fileName = q.value(9).toString();
        item.format = q.value(10).toString();
        s.location = item.fileName;
        if (auto readings = unpack(q.value(11).toByteArray()))
            s.readings = std::move(*readings);
        out << item;
    }
    return out;
}

void ReviewQueue::remove(const QStringList &ids)
{
    SqlQuery q(m_db.connection(), QStringLiteral("DELETE FROM unknown_meter_readings WHERE id = :id"));
    for (const QString &id : ids)
        q.bind(QStringLiteral(":id"), id).exec();
}

} // namespace Ud::Metering
