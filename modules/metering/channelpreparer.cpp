#include "channelpreparer.h"

#include "importerror.h"

#include <accounts/sqlvalues.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ChannelPreparer)
};

QString localTime(qint64 utc, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone).toString(Qt::ISODate);
}
} // namespace

ChannelPreparer::ChannelPreparer(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

int ChannelPreparer::intervalMinutesOf(const ChannelSeries &series, const QString &fileName)
{
    qint64 secs = series.intervalSecs;
    if (secs <= 0) {
        for (const SourceReading &r : series.readings) {
            if (r.durationSecs > 0) {
                secs = r.durationSecs;
                break;
            }
        }
    }
    if (secs != 300 && secs != 900 && secs != 1800 && secs != 3600) {
        throw ImportError(fileName, series.location,
                          secs <= 0 ? Tr::tr("the file does not say how long the intervals of meter %1 are.")
                                          .arg(series.meterKey)
                                    : Tr::tr("meter %1 has intervals of %2 seconds; UtilityDesk stores 5, 15, 30 "
                                             "and 60-minute intervals.").arg(series.meterKey).arg(secs));
    }
    return int(secs / 60);
}

PreparedChannel ChannelPreparer::prepare(const ChannelBinding &binding, const ChannelSeries &series,
                                         const QString &fileName)
{
    const int minutes = intervalMinutesOf(series, fileName);
    if (minutes != binding.intervalMinutes) {
        throw ImportError(fileName, series.location,
                          Tr::tr("the file has %1-minute readings for meter %2, which records %3-minute intervals.")
                              .arg(minutes)
                              .arg(binding.serial)
                              .arg(binding.intervalMinutes));
    }
    if (series.unit != binding.unit) {
        throw ImportError(fileName, series.location,
                          Tr::tr("the file gives meter %1 readings in %2, but its %3 channel records %4.")
                              .arg(binding.serial, Accounts::channelUnitKey(series.unit),
                                   Accounts::channelKindName(binding.kind), Accounts::channelUnitKey(binding.unit)));
    }
    const QTimeZone zone = binding.zone.isValid() ? binding.zone : QTimeZone::utc();
    const qint64 now = m_clock.nowSecs();
    const qint64 step = qint64(minutes) * 60;

    QList<SourceReading> readings = series.readings;
    std::stable_sort(readings.begin(), readings.end(),
                     [](const SourceReading &a, const SourceReading &b) { return a.startUtc < b.startUtc; });
    PreparedChannel out;
    out.write.channelId = binding.channelId;
    out.write.zone = zone;
    out.write.intervalMinutes = minutes;
    out.write.readings.reserve(readings.size());
    for (qsizetype i = 0; i < readings.size(); ++i) {
        const SourceReading &r = readings.at(i);
        if (r.quality == Quality::Missing)
            continue;
        const QString where = r.line > 0 ? Tr::tr("line %1").arg(r.line) : series.location;
        if (r.durationSecs > 0 && r.durationSecs != step) {
            throw ImportError(fileName, where,
                              Tr::tr("the reading of meter %1 at %2 lasts %3 seconds; the meter's intervals are %4 "
                                     "minutes.").arg(binding.serial, localTime(r.startUtc, zone)).arg(r.durationSecs)
                                  .arg(minutes));
        }
        if (r.startUtc >= now) {
            throw ImportError(fileName, where,
                              Tr::tr("the reading of meter %1 at %2 lies in the future.")
                                  .arg(binding.serial, localTime(r.startUtc, zone)));
        }
        if (!out.write.readings.isEmpty() && out.write.readings.constLast().startUtc == r.startUtc) {
            const auto &previous = out.write.readings.constLast();
            if (previous.value == r.value && previous.quality == r.quality)
                continue;
            throw ImportError(fileName, where,
                              Tr::tr("meter %1 has two different readings for %2 (%3 and %4).")
                                  .arg(binding.serial, localTime(r.startUtc, zone))
                                  .arg(previous.value)
                                  .arg(r.value));
        }
        out.write.readings.append({r.startUtc, r.value, r.quality});
    }
    return out;
}

void ChannelPreparer::recordFindings(const QString &channelId, const QString &fileId, const QList<Finding> &findings)
{
    if (findings.isEmpty())
        return;
    Core::SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO vee_findings (id, channel_id, file_id, rule, severity, start_utc, end_utc, message, found_at) "
        "VALUES (:id, :c, :f, :r, :s, :a, :b, :m, :at)"));
    const qint64 now = m_clock.nowSecs();
    for (const Finding &f : findings) {
        q.bind(QStringLiteral(":id"), Core::newId())
            .bind(QStringLiteral(":c"), channelId)
            .bind(QStringLiteral(":f"), Accounts::SqlValues::optionalId(fileId))
            .bind(QStringLiteral(":r"), f.rule)
            .bind(QStringLiteral(":s"), f.severity)
            .bind(QStringLiteral(":a"), f.startUtc)
            .bind(QStringLiteral(":b"), f.endUtc)
            .bind(QStringLiteral(":m"), f.message)
            .bind(QStringLiteral(":at"), now)
            .exec();
    }
}

} // namespace Ud::Metering
