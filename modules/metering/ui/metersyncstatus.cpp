#include "metersyncstatus.h"

#include <core/clock.h>
#include <core/ui/background.h>

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

namespace Ud::Metering {

MeterSyncStatus::MeterSyncStatus(ImportLog &log, Core::Database &db, const Core::Clock &clock, Core::UserContext user,
                                 int watchedFolders, QWidget *parent)
    : QWidget(parent), m_log(log), m_db(db), m_clock(clock), m_user(std::move(user)), m_folders(watchedFolders),
      m_label(new QLabel(this)), m_countLater(new QTimer(this))
{
    setObjectName(QStringLiteral("meterSyncStatus"));
    m_label->setObjectName(QStringLiteral("meterSyncStatusText"));
    auto *layout = new QHBoxLayout(this);
    // Some air before the next permanent item, in text units.
    layout->setContentsMargins(fontMetrics().averageCharWidth() * 2, 0, 0, 0);
    layout->addWidget(m_label);
    m_countLater->setSingleShot(true);
    m_countLater->setInterval(300);
    connect(m_countLater, &QTimer::timeout, this, &MeterSyncStatus::countNow);
    updateText();
    refreshCounts();
}

void MeterSyncStatus::attach(MeterSyncWorker *worker)
{
    if (!worker)
        return;
    connect(worker, &MeterSyncWorker::stateChanged, this, &MeterSyncStatus::setState, Qt::QueuedConnection);
    connect(worker, &MeterSyncWorker::progress, this, &MeterSyncStatus::setProgress, Qt::QueuedConnection);
    connect(worker, &MeterSyncWorker::fileFinished, this, &MeterSyncStatus::refreshCounts, Qt::QueuedConnection);
    setState(worker->state());
}

void MeterSyncStatus::setState(const MeterSyncState &state)
{
    const bool countsChanged = state.filesImported != m_state.filesImported || state.filesRejected != m_state.filesRejected;
    m_state = state;
    updateText();
    if (countsChanged)
        refreshCounts();
}

void MeterSyncStatus::setProgress(const QString &path, qint64 done, qint64 total)
{
    if (m_state.phase != MeterSyncState::Phase::Importing || path != m_state.currentFile)
        return;
    m_state.currentDone = done;
    m_state.currentTotal = total;
    updateText();
}

void MeterSyncStatus::setTodayCounts(const ImportCounts &counts)
{
    m_today = counts;
    m_counted = true;
    updateText();
}

void MeterSyncStatus::refreshCounts()
{
    if (!m_countLater->isActive())
        m_countLater->start();
}

void MeterSyncStatus::countNow()
{
    if (m_counting) {
        m_countAgain = true;
        return;
    }
    m_counting = true;
    // Today in the computer's time zone, as the user reads "today".
    const QDateTime now = QDateTime::fromSecsSinceEpoch(m_clock.nowSecs()).toLocalTime();
    const qint64 since = QDateTime(now.date(), QTime(0, 0)).toSecsSinceEpoch();
    ImportLog &log = m_log;
    const Core::UserContext user = m_user;
    const auto finished = [this] {
        m_counting = false;
        if (m_countAgain) {
            m_countAgain = false;
            refreshCounts();
        }
    };
    Ui::runInBackground(
        m_db, this, [&log, user, since] { return log.countsSince(user, since); },
        [this, finished](const ImportCounts &counts) {
            setTodayCounts(counts);
            finished();
        },
        [finished](const QString &) {
            // The counts stay as they were; the state itself still shows.
            finished();
        });
}

QString MeterSyncStatus::text() const
{
    return m_label->text();
}

QString MeterSyncStatus::detail() const
{
    return toolTip();
}

void MeterSyncStatus::updateText()
{
    QStringList parts;
    QString detail;
    if (m_folders <= 0) {
        parts << tr("Meter sync: off");
        detail = tr("No drop folders are set up. Add them under File › Settings › Meter sync.");
    } else {
        switch (m_state.phase) {
        case MeterSyncState::Phase::Stopped:
            parts << tr("Meter sync: stopped");
            detail = tr("The meter-sync worker is not running; files in the drop folders wait.");
            break;
        case MeterSyncState::Phase::Idle:
            parts << tr("Meter sync: watching %n folders", nullptr, m_folders);
            detail = tr("New files in the drop folders are imported as they arrive.");
            break;
        case MeterSyncState::Phase::Importing: {
            const QString name = QFileInfo(m_state.currentFile).fileName();
            if (m_state.currentTotal > 0) {
                const int percent = int(std::min<qint64>(100, m_state.currentDone * 100 / m_state.currentTotal));
                parts << tr("Meter sync: importing %1 %2%3").arg(name, QLocale().toString(percent), QLocale().percent());
            } else {
                parts << tr("Meter sync: importing %1").arg(name);
            }
            detail = tr("Importing %1.").arg(QDir::toNativeSeparators(m_state.currentFile));
            break;
        }
        }
        if (m_state.lastScanAt > 0) {
            const QDateTime scan = QDateTime::fromSecsSinceEpoch(m_state.lastScanAt).toLocalTime();
            const QDateTime now = QDateTime::fromSecsSinceEpoch(m_clock.nowSecs()).toLocalTime();
            parts << tr("last scan %1").arg(scan.date() == now.date()
                                                ? QLocale().toString(scan.time(), QLocale::ShortFormat)
                                                : QLocale().toString(scan, QLocale::ShortFormat));
        }
    }
    if (m_counted) {
        parts << (m_today.rejected > 0
                      ? tr("%Ln imported today", nullptr, int(m_today.imported)) + QStringLiteral(", ")
                            + tr("%Ln rejected", nullptr, int(m_today.rejected))
                      : tr("%Ln imported today", nullptr, int(m_today.imported)));
    }
    if (!m_state.lastError.isEmpty())
        detail += QLatin1Char('\n') + tr("Last problem: %1").arg(m_state.lastError);
    m_label->setText(parts.join(QStringLiteral(" · ")));
    setToolTip(detail);
    m_label->setAccessibleName(m_label->text());
}

void MeterSyncStatus::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        updateText();
}

} // namespace Ud::Metering
