#include "metersyncworker.h"

#include "syncstatestore.h"
#include "usageprofiles.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/module.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::MeterSyncWorker)
};
} // namespace

MeterSyncWorker::MeterSyncWorker(Core::Context &context, Core::UserContext actor, MeterSyncConfig config,
                                 QObject *parent)
    : MeterSyncWorker(context, std::move(actor), std::move(config), ReadingFormats::standard(), parent)
{
}

MeterSyncWorker::MeterSyncWorker(Core::Context &context, Core::UserContext actor, MeterSyncConfig config,
                                 ReadingFormats formats, QObject *parent)
    : QObject(parent), m_context(context), m_actor(std::move(actor)), m_config(std::move(config)),
      m_importer(context, std::move(formats))
{
    qRegisterMetaType<Ud::Metering::MeterSyncState>();
    qRegisterMetaType<Ud::Metering::FileResult>();
}

MeterSyncWorker::~MeterSyncWorker() = default;

MeterSyncState MeterSyncWorker::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

void MeterSyncWorker::publish()
{
    emit stateChanged(state());
}

void MeterSyncWorker::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] { scanNow(); });
    }
    m_timer->start(std::max(1, m_config.pollSeconds) * 1000);
    startRemotes();
    {
        QMutexLocker lock(&m_mutex);
        m_state.phase = MeterSyncState::Phase::Idle;
    }
    publish();
    scanNow();
}

void MeterSyncWorker::startRemotes()
{
    if (!m_remotes.empty() || m_config.remotes.isEmpty())
        return;
    m_fetchState = std::make_unique<SyncStateStore>(m_context.database);
    for (qsizetype i = 0; i < m_config.remotes.size(); ++i) {
        const ConnectMyDataConfig &config = m_config.remotes.at(i);
        std::unique_ptr<ConnectMyDataSource> remote;
        try {
            remote = std::make_unique<ConnectMyDataSource>(config, m_fetchState.get());
        } catch (const Core::Error &e) {
            QMutexLocker lock(&m_mutex);
            m_state.lastError = e.message();
            continue;
        }
        {
            QMutexLocker lock(&m_mutex);
            m_state.remotes.append(remote->status());
        }
        const qsizetype index = m_state.remotes.size() - 1;
        const QString inbox = config.inboxDir;
        connect(remote.get(), &ConnectMyDataSource::fetchFinished, this,
                [this, inbox](const QString &, qint64, const QString &file) {
                    if (file.isEmpty())
                        return;
                    ImportSummary summary;
                    importOne(file, inbox, QStringLiteral("https"), summary);
                    publish();
                });
        connect(remote.get(), &ConnectMyDataSource::statusChanged, this,
                [this, index](const ConnectMyDataSource::Status &status) {
                    {
                        QMutexLocker lock(&m_mutex);
                        if (index < m_state.remotes.size())
                            m_state.remotes[index] = status;
                    }
                    publish();
                });
        remote->start();
        m_remotes.push_back(std::move(remote));
    }
}

void MeterSyncWorker::stop()
{
    m_cancel = true;
    if (m_timer)
        m_timer->stop();
    for (const auto &remote : m_remotes)
        remote->cancel();
    m_remotes.clear();
    {
        QMutexLocker lock(&m_mutex);
        m_state.phase = MeterSyncState::Phase::Stopped;
        m_state.currentFile.clear();
        m_state.remotes.clear();
    }
    publish();
}

void MeterSyncWorker::cancelCurrent()
{
    m_cancel = true;
}

QStringList MeterSyncWorker::settledFiles(const QString &dir)
{
    QStringList ready;
    const QDir folder(dir);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const QFileInfo &info : folder.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
        const QString name = info.fileName();
        if (name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1String(".part"))
            || name.endsWith(QLatin1String(".tmp")))
            continue;
        const QString path = info.absoluteFilePath();
        const QPair<qint64, qint64> signature(info.size(), info.lastModified().toSecsSinceEpoch());
        const auto seen = m_seen.constFind(path);
        const bool changed = seen != m_seen.cend() && *seen != signature;
        m_seen.insert(path, signature);
        if (!changed && now - signature.second >= m_config.settleSeconds)
            ready << path;
    }
    return ready;
}

void MeterSyncWorker::moveImported(const QString &path, const QString &dir)
{
    const QString processed = QDir(dir).filePath(QStringLiteral("processed"));
    QDir().mkpath(processed);
    const QFileInfo info(path);
    QString target = QDir(processed).filePath(info.fileName());
    for (int n = 1; QFileInfo::exists(target); ++n)
        target = QDir(processed).filePath(QStringLiteral("%1-%2.%3").arg(info.completeBaseName()).arg(n).arg(info.suffix()));
    if (!QFile::rename(path, target)) {
        QMutexLocker lock(&m_mutex);
        m_state.lastError = Tr::tr("%1 was imported but could not be moved to %2; it will be imported again "
                                   "(which changes nothing).").arg(path, processed);
    }
}

void MeterSyncWorker::importOne(const QString &path, const QString &dir, const QString &source, ImportSummary &all)
{
    // The progress callback lets events through; a download finishing then must not start a
    // second import inside the first one's transaction: it waits its turn.
    if (m_importing) {
        m_waiting.append({path, dir, source});
        return;
    }
    m_importing = true;
    importFile(path, dir, source, all);
    while (!m_waiting.isEmpty()) {
        const Waiting next = m_waiting.takeFirst();
        importFile(next.path, next.dir, next.source, all);
    }
    m_importing = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_state.phase == MeterSyncState::Phase::Importing)
            m_state.phase = MeterSyncState::Phase::Idle;
        m_state.currentFile.clear();
    }
}

void MeterSyncWorker::importFile(const QString &path, const QString &dir, const QString &source, ImportSummary &all)
{
    {
        QMutexLocker lock(&m_mutex);
        m_state.phase = MeterSyncState::Phase::Importing;
        m_state.currentFile = path;
        m_state.currentDone = 0;
        m_state.currentTotal = QFileInfo(path).size();
    }
    publish();
    ImportOptions options = m_config.import;
    options.quarantineDir = QDir(dir).filePath(QStringLiteral("quarantine"));
    options.source = source;
    ImportSummary one;
    try {
        one = m_importer.importPaths(m_actor, {path}, options, [this](const QString &p, qint64 done, qint64 total) {
            {
                QMutexLocker lock(&m_mutex);
                m_state.currentDone = done;
                m_state.currentTotal = total;
            }
            emit progress(p, done, total);
            // Let a stop or cancel request queued to this thread through.
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
            return !m_cancel.load() && !QThread::currentThread()->isInterruptionRequested();
        });
    } catch (const Core::Error &e) {
        QMutexLocker lock(&m_mutex);
        m_state.lastError = e.message();
        return;
    }
    for (const FileResult &r : std::as_const(one.files)) {
        {
            QMutexLocker lock(&m_mutex);
            if (r.status == FileResult::Status::Imported) {
                ++m_state.filesImported;
                m_state.readings += r.readings;
            } else if (r.status == FileResult::Status::Rejected) {
                ++m_state.filesRejected;
                m_state.lastError = r.message;
            }
        }
        if (r.status == FileResult::Status::Imported)
            moveImported(path, dir);
        m_seen.remove(path);
        emit fileFinished(r);
        all.files << r;
    }
}

ImportSummary MeterSyncWorker::scanNow()
{
    ImportSummary all;
    if (m_scanning)
        return all;
    m_scanning = true;
    m_cancel = false;
    for (const QString &dir : std::as_const(m_config.watchDirs)) {
        if (m_cancel)
            break;
        if (!QFileInfo(dir).isDir()) {
            QMutexLocker lock(&m_mutex);
            m_state.lastError = Tr::tr("The drop folder %1 does not exist.").arg(dir);
            continue;
        }
        for (const QString &path : settledFiles(dir)) {
            if (m_cancel)
                break;
            importOne(path, dir, QStringLiteral("watch"), all);
        }
    }
    // The month rolled over, or an upgrade left stored days to summarise: until the usage
    // profiles are current again the segments' usage attributes read Unknown.
    if (!m_cancel) {
        try {
            UsageProfiles profiles(m_context.database, m_context.clock);
            if (profiles.isStale())
                profiles.refreshAll(m_actor, m_context.audit, {}, &m_cancel);
        } catch (const Core::Error &e) {
            QMutexLocker lock(&m_mutex);
            m_state.lastError = e.message();
        }
    }
    {
        QMutexLocker lock(&m_mutex);
        if (m_state.phase != MeterSyncState::Phase::Stopped)
            m_state.phase = MeterSyncState::Phase::Idle;
        m_state.currentFile.clear();
        m_state.lastScanAt = m_context.clock.nowSecs();
    }
    m_scanning = false;
    publish();
    return all;
}

} // namespace Ud::Metering

namespace Ud::Metering {

MeterSyncThread::MeterSyncThread(Core::Context &context, Core::UserContext actor, MeterSyncConfig config)
    : m_context(context)
{
    m_thread.setObjectName(QStringLiteral("meter-sync"));
    m_worker = new MeterSyncWorker(context, std::move(actor), std::move(config));
    m_worker->moveToThread(&m_thread);
    // Runs on the worker's thread just before it ends: its database connection goes with it.
    QObject::connect(&m_thread, &QThread::finished, m_worker, [this] {
        m_context.database.releaseThreadConnection();
    }, Qt::DirectConnection);
}

MeterSyncThread::~MeterSyncThread()
{
    stop();
    delete m_worker;
}

void MeterSyncThread::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &MeterSyncWorker::start, Qt::QueuedConnection);
}

void MeterSyncThread::stop()
{
    if (!m_thread.isRunning())
        return;
    m_worker->cancelCurrent();
    m_thread.requestInterruption();
    // Blocking: the worker finishes the (cancelled) scan it is in, then stops its timer and
    // says so, before its event loop is told to quit. Queued, a quit arriving during a long
    // scan (refreshing usage profiles) ended the loop with the stop never run.
    QMetaObject::invokeMethod(m_worker, &MeterSyncWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace Ud::Metering
