#pragma once

#include "connectmydatasource.h"
#include "meterimporter.h"

#include <core/usercontext.h>

#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

class QTimer;

namespace Ud::Core {
struct Context;
}

namespace Ud::Metering {

/// What the meter-sync worker watches and how it imports.
struct MeterSyncConfig {
    /// Drop folders a head-end system writes into. Each gets processed/ (imported files) and
    /// quarantine/ (rejected files with a .reason beside each) subfolders.
    QStringList watchDirs;
    /// How often the folders are scanned.
    int pollSeconds = 10;
    /// A file is taken only when its size and time stamp have not changed for this long, so a
    /// file still being written is never read half-way. Names ending .part or starting with a
    /// dot are never taken.
    int settleSeconds = 2;
    /// createMeters, meterKey and defaultZone apply; quarantineDir and source are set per folder.
    ImportOptions import;
    /// Green Button Connect My Data subscriptions polled over HTTPS; each downloads into its
    /// inboxDir, and what it downloads is imported at once.
    QList<ConnectMyDataConfig> remotes;
};

/// The worker's state, for the status bar and the Meter Sync page.
struct MeterSyncState {
    enum class Phase { Stopped, Idle, Importing };
    Phase phase = Phase::Stopped;
    QString currentFile;
    qint64 currentDone = 0;     ///< bytes read of the current file
    qint64 currentTotal = 0;
    qint64 lastScanAt = 0;      ///< UTC epoch seconds, 0 before the first scan
    qint64 filesImported = 0;   ///< since the worker started
    qint64 filesRejected = 0;
    qint64 readings = 0;
    QString lastError;          ///< the last rejection or failure, translated
    /// One entry per Connect My Data source, in configuration order.
    QList<ConnectMyDataSource::Status> remotes;
};

/// The background meter-sync worker: scans drop folders on a timer and imports what arrives,
/// one file per transaction, moving imported files to processed/ and rejected ones to
/// quarantine/. Lives on its own thread (see MeterSyncThread) or, headless, on the main
/// thread's event loop; it opens its own database connection on whichever thread runs it and
/// reports through signals (queued across threads). Cancelling stops the current file: its
/// transaction rolls back and the file stays in the folder for the next scan.
class MeterSyncWorker : public QObject
{
    Q_OBJECT

public:
    MeterSyncWorker(Core::Context &context, Core::UserContext actor, MeterSyncConfig config, QObject *parent = nullptr);
    /// With other formats than the standard ones (tests).
    MeterSyncWorker(Core::Context &context, Core::UserContext actor, MeterSyncConfig config, ReadingFormats formats,
                    QObject *parent = nullptr);
    ~MeterSyncWorker() override;

    /// A copy of the current state; callable from any thread.
    MeterSyncState state() const;

    /// Scans every folder once, imports the settled files and returns what happened (for
    /// `meter-sync --once` and tests). Must be called on the worker's thread.
    ImportSummary scanNow();

public slots:
    /// Starts the timer and scans at once.
    void start();
    /// Stops the timer and cancels the current file; the worker can be started again.
    void stop();
    /// Cancels the current file only.
    void cancelCurrent();

signals:
    void stateChanged(const Ud::Metering::MeterSyncState &state);
    void fileFinished(const Ud::Metering::FileResult &result);
    void progress(const QString &path, qint64 done, qint64 total);

private:
    /// Imports one file of `dir` (a drop folder or a source's inbox) and files it away.
    void importOne(const QString &path, const QString &dir, const QString &source, ImportSummary &all);
    void importFile(const QString &path, const QString &dir, const QString &source, ImportSummary &all);
    void startRemotes();
    QStringList settledFiles(const QString &dir);
    void publish();
    void moveImported(const QString &path, const QString &dir);

    Core::Context &m_context;
    Core::UserContext m_actor;
    MeterSyncConfig m_config;
    MeterImporter m_importer;
    QTimer *m_timer = nullptr;
    mutable QMutex m_mutex;
    MeterSyncState m_state;
    std::atomic_bool m_cancel = false;
    /// path -> (size, mtime) seen at the last scan, to tell settled files from growing ones.
    QHash<QString, QPair<qint64, qint64>> m_seen;
    bool m_scanning = false;
    bool m_importing = false;
    struct Waiting {
        QString path;
        QString dir;
        QString source;
    };
    QList<Waiting> m_waiting;
    std::unique_ptr<FetchStateStore> m_fetchState;
    std::vector<std::unique_ptr<ConnectMyDataSource>> m_remotes;
};

/// Owns the worker's thread: start() moves it there and starts it; stop() (and the destructor)
/// cancels the current file, then interrupt, quit, wait. The worker's database connection is
/// released on its thread as the thread ends.
class MeterSyncThread
{
public:
    MeterSyncThread(Core::Context &context, Core::UserContext actor, MeterSyncConfig config);
    ~MeterSyncThread();
    MeterSyncThread(const MeterSyncThread &) = delete;
    MeterSyncThread &operator=(const MeterSyncThread &) = delete;

    /// Connect to its signals before start(); they arrive queued on the receiver's thread.
    MeterSyncWorker *worker() const { return m_worker; }
    void start();
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

private:
    Core::Context &m_context;
    QThread m_thread;
    MeterSyncWorker *m_worker = nullptr;
};

} // namespace Ud::Metering

Q_DECLARE_METATYPE(Ud::Metering::MeterSyncState)
Q_DECLARE_METATYPE(Ud::Metering::FileResult)
