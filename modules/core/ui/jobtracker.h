#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;

namespace Ud::Ui {

/// Background work the user should know about (verifying the audit log, imports, bill runs),
/// listed in the main window's status bar. Pages report start, progress and finish; the
/// tracker lives in the GUI thread and its methods must be called there (a worker reports
/// through its page, which polls or receives queued signals).
class JobTracker : public QObject
{
    Q_OBJECT
public:
    struct Job {
        int id = 0;
        QString title;
        qint64 done = 0;
        qint64 total = 0;   ///< 0 while the total is unknown (indeterminate progress)
    };

    using QObject::QObject;

    /// Returns the id to report progress and completion with.
    int start(const QString &title);
    void setProgress(int id, qint64 done, qint64 total);
    void finish(int id);

    /// Running jobs, oldest first.
    QList<Job> jobs() const { return m_jobs; }
    bool isBusy() const { return !m_jobs.isEmpty(); }

signals:
    void changed();

private:
    QList<Job> m_jobs;
    int m_nextId = 1;
};

/// The status-bar view of a JobTracker: the newest job's title and a progress bar
/// (determinate when the total is known). It appears only after the work has run for half a
/// second, so quick jobs do not make the status bar flicker.
class JobIndicator : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ShowDelayMs = 500;

    explicit JobIndicator(JobTracker &tracker, QWidget *parent = nullptr);

    QString text() const;
    int value() const;
    int maximum() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    JobTracker &m_tracker;
    QLabel *m_label;
    QProgressBar *m_bar;
    QTimer *m_delay;
};

} // namespace Ud::Ui
