#include "importlog.h"

#include <accounts/sqlvalues.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace Ud::Metering {

using Accounts::SqlValues;
using Core::Permission;
using Core::SqlQuery;

namespace {
const QString RunColumns = QStringLiteral(
    "id, source, actor, started_at, finished_at, files, readings, rejected, status, message");
const QString FileColumns = QStringLiteral(
    "id, run_id, path, format, size_bytes, status, readings, inserted, updated, unchanged, estimated, flagged, "
    "unknown, meters, message, quarantine_path, started_at, finished_at");

ImportRunEntry::Status runStatusFromKey(const QString &key)
{
    if (key == QLatin1String("finished"))
        return ImportRunEntry::Status::Finished;
    if (key == QLatin1String("failed"))
        return ImportRunEntry::Status::Failed;
    if (key == QLatin1String("cancelled"))
        return ImportRunEntry::Status::Cancelled;
    return ImportRunEntry::Status::Running;
}

FileResult::Status fileStatusFromKey(const QString &key)
{
    if (key == QLatin1String("rejected"))
        return FileResult::Status::Rejected;
    if (key == QLatin1String("cancelled"))
        return FileResult::Status::Cancelled;
    return FileResult::Status::Imported;
}

ImportRunEntry runFrom(const SqlQuery &q)
{
    ImportRunEntry r;
    r.id = SqlValues::id(q.value(0));
    r.source = q.value(1).toString();
    r.actor = q.value(2).toString();
    r.startedAt = q.value(3).toLongLong();
    r.finishedAt = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
    r.files = q.value(5).toLongLong();
    r.readings = q.value(6).toLongLong();
    r.rejected = q.value(7).toLongLong();
    r.status = runStatusFromKey(q.value(8).toString());
    r.message = q.value(9).toString();
    return r;
}

ImportFileEntry fileFrom(const SqlQuery &q)
{
    ImportFileEntry f;
    f.id = SqlValues::id(q.value(0));
    f.runId = SqlValues::id(q.value(1));
    f.path = q.value(2).toString();
    f.format = q.value(3).toString();
    f.sizeBytes = q.value(4).toLongLong();
    f.status = fileStatusFromKey(q.value(5).toString());
    f.readings = q.value(6).toLongLong();
    f.inserted = q.value(7).toLongLong();
    f.updated = q.value(8).toLongLong();
    f.unchanged = q.value(9).toLongLong();
    f.estimated = q.value(10).toLongLong();
    f.flagged = q.value(11).toLongLong();
    f.unknown = q.value(12).toLongLong();
    f.meters = q.value(13).toLongLong();
    f.message = q.value(14).toString();
    f.quarantinePath = q.value(15).toString();
    f.startedAt = q.value(16).toLongLong();
    f.finishedAt = q.value(17).toLongLong();
    return f;
}
} // namespace

ImportLog::ImportLog(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

qint64 ImportLog::runCount(const Core::UserContext &user)
{
    user.require(Permission::ImportMeterData);
    return Core::readOnly(m_db, [&] {
        return SqlQuery(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM meter_import_runs"))
            .scalar(0)
            .toLongLong();
    });
}

QList<ImportRunEntry> ImportLog::recentRuns(const Core::UserContext &user, int limit, int offset)
{
    user.require(Permission::ImportMeterData);
    return Core::readOnly(m_db, [&] {
        SqlQuery q(m_db.connection(), QStringLiteral("SELECT ") + RunColumns
                                          + QStringLiteral(" FROM meter_import_runs ORDER BY started_at DESC, id DESC "
                                                           "LIMIT :limit OFFSET :offset"));
        q.bind(QStringLiteral(":limit"), limit).bind(QStringLiteral(":offset"), offset).exec();
        QList<ImportRunEntry> out;
        while (q.next())
            out << runFrom(q);
        return out;
    });
}

std::optional<ImportRunEntry> ImportLog::run(const Core::UserContext &user, const QString &runId)
{
    user.require(Permission::ImportMeterData);
    if (!SqlValues::isId(runId))
        return std::nullopt;
    return Core::readOnly(m_db, [&]() -> std::optional<ImportRunEntry> {
        SqlQuery q(m_db.connection(),
                   QStringLiteral("SELECT ") + RunColumns + QStringLiteral(" FROM meter_import_runs WHERE id = :id"));
        q.bind(QStringLiteral(":id"), runId).exec();
        if (!q.next())
            return std::nullopt;
        return runFrom(q);
    });
}

qint64 ImportLog::fileCount(const Core::UserContext &user, const QString &runId)
{
    user.require(Permission::ImportMeterData);
    if (!runId.isEmpty() && !SqlValues::isId(runId))
        return 0;
    return Core::readOnly(m_db, [&] {
        if (runId.isEmpty()) {
            return SqlQuery(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM meter_import_files"))
                .scalar(0)
                .toLongLong();
        }
        return SqlQuery(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM meter_import_files WHERE run_id = :run"))
            .bind(QStringLiteral(":run"), runId)
            .scalar(0)
            .toLongLong();
    });
}

QList<ImportFileEntry> ImportLog::files(const Core::UserContext &user, const QString &runId, int limit, int offset)
{
    user.require(Permission::ImportMeterData);
    if (!runId.isEmpty() && !SqlValues::isId(runId))
        return {};
    return Core::readOnly(m_db, [&] {
        // A run lists its files as they were read (the importer goes in name order); across
        // runs the newest come first.
        const QString sql = runId.isEmpty()
                                ? QStringLiteral(" FROM meter_import_files ORDER BY finished_at DESC, started_at DESC, "
                                                 "path DESC, id DESC LIMIT :limit OFFSET :offset")
                                : QStringLiteral(" FROM meter_import_files WHERE run_id = :run ORDER BY started_at, "
                                                 "finished_at, path, id LIMIT :limit OFFSET :offset");
        SqlQuery q(m_db.connection(), QStringLiteral("SELECT ") + FileColumns + sql);
        if (!runId.isEmpty())
            q.bind(QStringLiteral(":run"), runId);
        q.bind(QStringLiteral(":limit"), limit).bind(QStringLiteral(":offset"), offset).exec();
        QList<ImportFileEntry> out;
        while (q.next())
            out << fileFrom(q);
        return out;
    });
}

ImportCounts ImportLog::countsSince(const Core::UserContext &user, qint64 sinceUtc)
{
    user.require(Permission::ImportMeterData);
    return Core::readOnly(m_db, [&] {
        SqlQuery q(m_db.connection(), QStringLiteral(
            "SELECT status, COUNT(*) FROM meter_import_files WHERE finished_at >= :since GROUP BY status"));
        q.bind(QStringLiteral(":since"), sinceUtc).exec();
        ImportCounts counts;
        while (q.next()) {
            const FileResult::Status status = fileStatusFromKey(q.value(0).toString());
            if (status == FileResult::Status::Imported)
                counts.imported = q.value(1).toLongLong();
            else if (status == FileResult::Status::Rejected)
                counts.rejected = q.value(1).toLongLong();
        }
        return counts;
    });
}

QList<ReviewQueue::Entry> ImportLog::unknownMeters(const Core::UserContext &user)
{
    user.require(Permission::ImportMeterData);
    return Core::readOnly(m_db, [&] { return ReviewQueue(m_db).entries(); });
}

MeterHealth ImportLog::healthOf(const MeterSummary &meter, qint64 now, qint64 lateAfterSecs)
{
    MeterHealth h;
    h.meter = meter;
    // channel_stats expects whole local days; the intervals of the first day before the first
    // reading and of the last day after the last one are not gaps (the day may not be over).
    qint64 edges = 0;
    const qint64 step = qint64(meter.intervalMinutes) * 60;
    if (meter.presentCount > 0 && step > 0) {
        const QTimeZone zone = meter.timeZone.isEmpty() ? QTimeZone::utc() : QTimeZone(meter.timeZone.toUtf8());
        const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
        const QDate firstDay = QDateTime::fromSecsSinceEpoch(meter.firstUtc, z).date();
        const QDate lastDay = QDateTime::fromSecsSinceEpoch(meter.lastUtc, z).date();
        const qint64 dayStart = QDateTime(firstDay, QTime(0, 0), z).toSecsSinceEpoch();
        const qint64 dayEnd = QDateTime(lastDay.addDays(1), QTime(0, 0), z).toSecsSinceEpoch();
        edges = std::max<qint64>(0, (meter.firstUtc - dayStart) / step)
                + std::max<qint64>(0, (dayEnd - meter.lastUtc - step) / step);
    }
    h.gaps = std::max<qint64>(0, meter.expectedCount - meter.presentCount - edges);
    h.estimatedShare = meter.presentCount > 0 ? double(meter.estimatedCount) / double(meter.presentCount) : 0.0;
    if (meter.presentCount <= 0 || meter.lastUtc <= 0) {
        h.state = MeterHealth::State::NoReadings;
    } else {
        // lastUtc is the start of the last interval; the reading covers up to its end.
        const qint64 covered = meter.lastUtc + qint64(std::max(meter.intervalMinutes, 0)) * 60;
        const qint64 behind = now - covered;
        h.state = behind > lateAfterSecs ? MeterHealth::State::Late : MeterHealth::State::OnTime;
        h.lateBySecs = h.state == MeterHealth::State::Late ? behind : 0;
    }
    return h;
}

QList<MeterHealth> ImportLog::health(const Core::UserContext &user, qint64 lateAfterSecs)
{
    user.require(Permission::ViewCustomers);
    const qint64 now = m_clock.nowSecs();
    return Core::readOnly(m_db, [&] {
        const QList<MeterSummary> meters = MeterDirectory(m_db).list();
        struct Finding {
            qint64 count = 0;
            QString rule;
            QString severity;
            QString message;
            qint64 at = 0;
        };
        QHash<QString, Finding> findings;
        // The latest finding per channel and how many there are, in one pass over the table.
        SqlQuery q(m_db.connection(), QStringLiteral(
            "SELECT channel_id, rule, severity, message, found_at, n FROM ("
            "SELECT channel_id, rule, severity, message, found_at, "
            "ROW_NUMBER() OVER (PARTITION BY channel_id ORDER BY found_at DESC, start_utc DESC, id DESC) AS rn, "
            "COUNT(*) OVER (PARTITION BY channel_id) AS n FROM vee_findings) latest WHERE rn = 1"));
        q.exec();
        while (q.next()) {
            Finding f;
            f.rule = q.value(1).toString();
            f.severity = q.value(2).toString();
            f.message = q.value(3).toString();
            f.at = q.value(4).toLongLong();
            f.count = q.value(5).toLongLong();
            findings.insert(SqlValues::id(q.value(0)), f);
        }
        QList<MeterHealth> out;
        out.reserve(meters.size());
        for (const MeterSummary &m : meters) {
            MeterHealth h = healthOf(m, now, lateAfterSecs);
            const auto f = findings.constFind(m.channelId);
            if (f != findings.cend()) {
                h.findings = f->count;
                h.lastFindingRule = f->rule;
                h.lastFindingSeverity = f->severity;
                h.lastFindingMessage = f->message;
                h.lastFindingAt = f->at;
            }
            out << h;
        }
        return out;
    });
}

QStringList ImportLog::meterSerials(const Core::UserContext &user)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_db, [&] {
        SqlQuery q(m_db.connection(), QStringLiteral("SELECT serial FROM meters WHERE removed_on IS NULL ORDER BY serial"));
        q.exec();
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    });
}

} // namespace Ud::Metering
