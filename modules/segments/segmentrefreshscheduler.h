#pragma once

#include <segments/segment.h>

#include <core/usercontext.h>

#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>

class QThread;

namespace Ud::Core {
class Database;
}

namespace Ud::Segments {

class SegmentService;

/// Refreshes the segments whose refresh interval has passed (SegmentService::refreshDue), on
/// a timer, off the calling thread: each run has its own QThread with its own database
/// connection, released when the run ends. One run at a time; a tick while one runs is
/// skipped. stop() (and the destructor) cancels the run between segments and waits for it.
/// The application session starts one for a signed-in user who may manage segments.
class SegmentRefreshScheduler : public QObject
{
    Q_OBJECT

public:
    /// The service and database must outlive this object. Refreshes are audited as `user`.
    SegmentRefreshScheduler(SegmentService &service, Core::Database &database, Core::UserContext user,
                            QObject *parent = nullptr);
    ~SegmentRefreshScheduler() override;

    /// Checks at once, then every `every` (default: every five minutes).
    void start(std::chrono::milliseconds every = std::chrono::minutes(5));
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    bool isRunning() const { return m_thread != nullptr; }

public slots:
    /// Starts a run now unless one is running.
    void checkNow();

signals:
    /// On this object's thread after each run: what was refreshed (failures in their error).
    void finished(const QList<Ud::Segments::RefreshResult> &results);
    /// The run itself failed (e.g. the database could not be reached): the sentence.
    void failed(const QString &message);

private:
    SegmentService &m_service;
    Core::Database &m_database;
    Core::UserContext m_user;
    QTimer m_timer;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel = false;
    quint64 m_run = 0; ///< counts runs, so that a stopped run's late results are dropped
};

} // namespace Ud::Segments
