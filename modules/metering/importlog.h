#pragma once

#include "meterdirectory.h"
#include "meterimporter.h"
#include "reviewqueue.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Core {
class Clock;
class Database;
class UserContext;
} // namespace Ud::Core

namespace Ud::Metering {

/// One import run (a command-line import, a folder scan of the meter-sync worker, an import
/// from the Meter Sync page), as meter_import_runs records it.
struct ImportRunEntry {
    enum class Status { Running, Finished, Failed, Cancelled };
    QString id;
    QString source;       ///< "cli", "watch", "https", "gui"
    QString actor;        ///< the user name
    qint64 startedAt = 0; ///< UTC epoch seconds
    qint64 finishedAt = 0; ///< 0 while running
    qint64 files = 0;
    qint64 readings = 0;
    qint64 rejected = 0;
    Status status = Status::Running;
    QString message;
};

/// One file of a run, as meter_import_files records it.
struct ImportFileEntry {
    QString id;
    QString runId;
    QString path;           ///< where the file was when it was read
    QString format;         ///< display name, empty if no format claimed the file
    qint64 sizeBytes = 0;
    FileResult::Status status = FileResult::Status::Imported;
    qint64 readings = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 estimated = 0;
    qint64 flagged = 0;
    qint64 unknown = 0;
    qint64 meters = 0;
    QString message;        ///< why it was rejected or cancelled
    QString quarantinePath; ///< where a rejected file now is, empty otherwise
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
};

/// How one meter channel is doing: its statistics plus what the health view derives from them.
struct MeterHealth {
    enum class State { NoReadings, OnTime, Late };
    MeterSummary meter;
    qint64 gaps = 0;            ///< expected intervals without a reading between the first and last one
    double estimatedShare = 0;  ///< estimated readings over present ones, 0..1
    State state = State::NoReadings;
    qint64 lateBySecs = 0;      ///< how far the last reading is behind the threshold's "now", if late
    qint64 findings = 0;        ///< validation findings recorded for the channel
    QString lastFindingRule;    ///< the most recent finding, empty if none
    QString lastFindingSeverity;
    QString lastFindingMessage;
    qint64 lastFindingAt = 0;
};

/// Files imported and rejected since a moment, for the status bar's "today".
struct ImportCounts {
    qint64 imported = 0;
    qint64 rejected = 0;
};

/// What the Meter Sync page reads: the import log (runs newest first, their files), the review
/// queue, and a health summary per meter channel. Each call is one read-only transaction on
/// the calling thread's connection, so a page can call it from a worker thread.
///
/// Permissions: the import log, the counts and the review queue need ImportMeterData (they
/// name files, folders and unknown meters, which only people who import may act on). The
/// health summary and the meter serials need only ViewCustomers, as `utilitydesk meter list`
/// does: they describe meters an agent may already see on a customer, and a later customer
/// page section can reuse them.
class ImportLog
{
public:
    /// A meter whose last reading is older than this is late (two days: a daily file may
    /// arrive up to a day after the day it covers, so one missed delivery is not yet late).
    static constexpr qint64 DefaultLateAfterSecs = 2 * 24 * 3600;

    ImportLog(Core::Database &db, const Core::Clock &clock);

    qint64 runCount(const Core::UserContext &user);
    /// Runs newest first.
    QList<ImportRunEntry> recentRuns(const Core::UserContext &user, int limit, int offset = 0);
    std::optional<ImportRunEntry> run(const Core::UserContext &user, const QString &runId);

    /// Files of `runId` in the order they were imported, or, with an empty `runId`, the files
    /// of every run newest first.
    qint64 fileCount(const Core::UserContext &user, const QString &runId = {});
    QList<ImportFileEntry> files(const Core::UserContext &user, const QString &runId, int limit, int offset = 0);
    /// Files finished at or after `sinceUtc` (any run, any source).
    ImportCounts countsSince(const Core::UserContext &user, qint64 sinceUtc);

    /// The review queue: one entry per unknown meter key and channel, most recent first.
    QList<ReviewQueue::Entry> unknownMeters(const Core::UserContext &user);

    /// Every meter channel, by serial, with gaps, estimated share, late state (against the
    /// clock) and the latest validation finding.
    QList<MeterHealth> health(const Core::UserContext &user, qint64 lateAfterSecs = DefaultLateAfterSecs);
    /// The health of one channel's statistics at `now` (what health() computes per row).
    static MeterHealth healthOf(const MeterSummary &meter, qint64 now, qint64 lateAfterSecs);
    /// Distinct meter serials, sorted, for a completer.
    QStringList meterSerials(const Core::UserContext &user);

private:
    Core::Database &m_db;
    const Core::Clock &m_clock;
};

} // namespace Ud::Metering
