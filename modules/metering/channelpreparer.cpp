#include "channelpreparer.h"

#include "importerror.h"
#include "intervalgrid.h"
#include "veeengine.h"

#include <accounts/sqlvalues.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QSettings>

#include <algorithm>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ChannelPreparer)
};

} // namespace

ChannelPreparer::ChannelPreparer(Core::Database &db, const Core::Clock &clock)
    : m_db(db), m_clock(clock), m_settings(VeeSettings::load(QSettings()))
{
}

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
    // A daily reading lasts its local day: 86400 seconds, or 23 or 25 hours on DST days.
    const int minutes = IntervalGrid::minutesOfDuration(secs);
    if (minutes == 0) {
        throw ImportError(fileName, series.location,
                          secs <= 0 ? Tr::tr("the file does not say how long the intervals of meter %1 are.")
                                          .arg(series.meterKey)
                                    : Tr::tr("meter %1 has intervals of %2 seconds; UtilityDesk stores 5, 15, 30 "
                                             "and 60-minute intervals and daily readings.").arg(series.meterKey).arg(secs));
    }
    return minutes;
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

    VeeChannel channel;
    channel.commodity = binding.commodity;
    channel.kind = binding.kind;
    channel.unit = binding.unit;
    channel.intervalMinutes = minutes;
    channel.zone = zone;
    channel.netMetered = binding.netMetered;

    // Eight weeks of stored days before the import: like-day estimation and history checks.
    VeeHistory history;
    qint64 first = 0;
    for (const SourceReading &r : series.readings)
        first = first == 0 ? r.startUtc : std::min(first, r.startUtc);
    if (first > 0) {
        const QDate firstDay = QDateTime::fromSecsSinceEpoch(first, zone).date();
        history.days = ReadingStore(m_db, m_clock).days(binding.channelId, firstDay.addDays(-56), firstDay.addDays(-1));
    }

    const VeeResult checked = VeeEngine::run(series, channel, history, m_clock.nowSecs(), m_settings);
    if (checked.rejected()) {
        for (const VeeFinding &f : checked.findings) {
            if (f.severity != VeeFinding::Severity::Reject)
                continue;
            // VEE's message already says where ("Line 12: ...", or the XML element path).
            throw ImportError(fileName, {}, f.message);
        }
    }

    PreparedChannel out;
    out.write.channelId = binding.channelId;
    out.write.zone = zone;
    out.write.intervalMinutes = minutes;
    out.write.readings.reserve(checked.readings.size());
    for (const CheckedReading &r : checked.readings) {
        out.write.readings.append({r.startUtc, r.value, r.quality});
        if (!r.rule.isEmpty())
            out.write.annotations.append({r.startUtc, r.rule, r.rawValue});
        if (r.quality == Quality::Estimated && r.rule != QLatin1String("source"))
            ++out.estimated;
    }
    for (const VeeFinding &f : checked.findings) {
        out.findings.append({f.rule,
                             f.severity == VeeFinding::Severity::Estimated ? QStringLiteral("estimated")
                                                                           : QStringLiteral("flag"),
                             f.startUtc, f.endUtc, f.message});
    }
    return out;
}

void ChannelPreparer::recordFindings(const QString &channelId, const QString &fileId, const QList<Finding> &findings)
{
    if (findings.isEmpty())
        return;
    Core::SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO vee_findings (id, channel_id, file_id, rule, severity, start_utc, end_utc, message, found_at) "
        "VALUES (:id, :c, :f, :r, :s, :a, :b, :m, :at) ON CONFLICT (channel_id, rule, start_utc, end_utc) DO UPDATE SET "
        "file_id = excluded.file_id, severity = excluded.severity, message = excluded.message, "
        "found_at = excluded.found_at"));
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
