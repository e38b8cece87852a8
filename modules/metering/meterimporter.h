#pragma once

#include "channelseries.h"
#include "readingformats.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Metering {

class ChannelPreparer;

/// How an import treats what it meets.
struct ImportOptions {
    /// Create meters (on no service point) for keys the database does not know, named by the
    /// file's serial or usage-point id; otherwise their readings wait in the review queue.
    bool createMeters = false;
    /// The meter a single-meter file without meter ids belongs to (`--meter`).
    QString meterKey;
    /// Read every file in this format (its key, `--format`) instead of recognising it.
    QString formatKey;
    /// For local timestamps of meters with no time zone of their own, and for created meters
    /// when the file implies none.
    QTimeZone defaultZone = QTimeZone::systemTimeZone();
    /// Where rejected files are moved, each with a .reason file beside it. Required.
    QString quarantineDir;
    /// Where the run came from, for the import log: "cli", "watch", "https", "gui".
    QString source = QStringLiteral("cli");
};

/// What became of one file.
struct FileResult {
    enum class Status { Imported, Rejected, Cancelled };
    QString path;
    QString format;            ///< the format's display name, empty if none claimed the file
    Status status = Status::Imported;
    qint64 readings = 0;       ///< readings in the file (present ones)
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 estimated = 0;      ///< values validation estimated
    qint64 flagged = 0;        ///< findings validation recorded
    qint64 unknown = 0;        ///< readings queued for review (unknown meter)
    QStringList unknownKeys;   ///< the meter keys that were queued
    int meters = 0;            ///< distinct meters the file's readings went to
    QStringList createdMeters; ///< serials created with ImportOptions::createMeters
    QString message;           ///< why it was rejected (file, line or element, reason)
    QString quarantinePath;    ///< where the rejected file now is
};

/// A run over several files.
struct ImportSummary {
    QString runId;
    QList<FileResult> files;
    int rejected() const;
    qint64 readings() const;
    qint64 estimated() const;
    qint64 unknown() const;
    int meters() const;
};

/// Imports meter-data files: detects the format, binds readings to meter channels, validates
/// and estimates them, and merges them into the interval store. One file is one transaction:
/// a file that fails anywhere (parse, validation that rejects, database) leaves nothing behind,
/// is moved to the quarantine folder with a .reason file and logged; an interrupted import
/// leaves nothing either, so the next run imports the file whole. Every run and file is
/// recorded in the import log and the audit log. Needs ImportMeterData.
class MeterImporter
{
public:
    /// Called between batches with the bytes read of the current file; return false to cancel.
    using Progress = std::function<bool(const QString &path, qint64 done, qint64 total)>;

    explicit MeterImporter(Core::Context &context);
    MeterImporter(Core::Context &context, ReadingFormats formats);
    ~MeterImporter();

    /// Files and folders (a folder: its regular files, not recursing, in name order).
    /// Throws Error(Usage) for a formatKey no format has.
    ImportSummary importPaths(const Core::UserContext &user, const QStringList &paths, const ImportOptions &options,
                              const Progress &progress = {});
    /// The keys of the formats, for `--format`.
    QStringList formatKeys() const;
    /// Applies every series queued under `key` to the meter `meterIdOrSerial` and remembers the
    /// key as the meter's alias, in one transaction. Returns the readings applied.
    qint64 assignQueued(const Core::UserContext &user, const QString &key, const QString &meterIdOrSerial);

    /// Readings buffered before they are validated and stored (bounded memory for any file size).
    static constexpr qsizetype FlushReadings = 1 << 20;

private:
    FileResult importFile(const Core::UserContext &user, const QString &path, const QString &runId,
                          const ImportOptions &options, const Progress &progress);
    QString quarantine(const QString &path, const QString &dir, const QString &reason, const QString &format);
    void logFile(const QString &runId, const FileResult &result, const QString &fileId, qint64 size,
                 qint64 startedAt);

    Core::Context &m_context;
    ReadingFormats m_formats;
};

} // namespace Ud::Metering
