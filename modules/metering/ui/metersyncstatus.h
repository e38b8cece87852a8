#pragma once

#include <metering/importlog.h>
#include <metering/metersyncworker.h>

#include <core/usercontext.h>

#include <QWidget>

class QLabel;
class QTimer;

namespace Ud::Core {
class Clock;
class Database;
} // namespace Ud::Core

namespace Ud::Metering {

/// The meter-sync state in the status bar, in words (colour is never the only signal):
/// "Meter sync: off", "stopped", "watching 2 folders" or "importing day.csv 45 %", with the
/// time of the last scan and the files imported and rejected today. It follows the worker's
/// queued stateChanged/progress signals; today's counts come from the import log (off the UI
/// thread), so files imported from the page or the command line count too.
class MeterSyncStatus : public QWidget
{
    Q_OBJECT
public:
    /// `watchedFolders` 0 means meter sync is not set up (no drop folders).
    MeterSyncStatus(ImportLog &log, Core::Database &db, const Core::Clock &clock, Core::UserContext user,
                    int watchedFolders, QWidget *parent = nullptr);

    /// Follows `worker` (on any thread) through queued connections.
    void attach(MeterSyncWorker *worker);

    void setState(const Ud::Metering::MeterSyncState &state);
    void setProgress(const QString &path, qint64 done, qint64 total);
    void setTodayCounts(const ImportCounts &counts);
    /// Counts today's files again, a moment later (a burst of files counts once).
    void refreshCounts();

    QString text() const;
    QString detail() const;
    bool isCounting() const { return m_counting; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateText();
    void countNow();

    ImportLog &m_log;
    Core::Database &m_db;
    const Core::Clock &m_clock;
    Core::UserContext m_user;
    int m_folders;
    MeterSyncState m_state;
    ImportCounts m_today;
    bool m_counted = false;
    bool m_counting = false;
    bool m_countAgain = false;
    QLabel *m_label;
    QTimer *m_countLater;
};

} // namespace Ud::Metering
