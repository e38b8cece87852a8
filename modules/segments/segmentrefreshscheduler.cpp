#include "segmentrefreshscheduler.h"

#include "segmentservice.h"

#include <core/database.h>
#include <core/error.h>

#include <QThread>

namespace Ud::Segments {

SegmentRefreshScheduler::SegmentRefreshScheduler(SegmentService &service, Core::Database &database, Core::UserContext user,
                                                 QObject *parent)
    : QObject(parent), m_service(service), m_database(database), m_user(std::move(user))
{
    connect(&m_timer, &QTimer::timeout, this, &SegmentRefreshScheduler::checkNow);
}

SegmentRefreshScheduler::~SegmentRefreshScheduler()
{
    stop();
}

void SegmentRefreshScheduler::start(std::chrono::milliseconds every)
{
    m_timer.start(every);
    checkNow();
}

void SegmentRefreshScheduler::stop()
{
    m_timer.stop();
    if (!m_thread)
        return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    ++m_run; // the stopped run's results, if already posted, are dropped
}

void SegmentRefreshScheduler::checkNow()
{
    if (m_thread)
        return;
    m_cancel = false;
    const quint64 run = ++m_run;
    m_thread = QThread::create([this, run] {
        QList<RefreshResult> results;
        QString error;
        try {
            results = m_service.refreshDue(m_user, {}, [this] { return m_cancel.load(); });
        } catch (const Core::Error &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        m_database.releaseThreadConnection();
        // Delivered on the scheduler's thread; dropped if the scheduler is gone by then.
        QMetaObject::invokeMethod(this, [this, run, results, error] {
            if (run != m_run)
                return;
            m_thread->wait();
            delete m_thread;
            m_thread = nullptr;
            if (error.isEmpty())
                emit finished(results);
            else
                emit failed(error);
        }, Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace Ud::Segments
