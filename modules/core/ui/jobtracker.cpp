#include "jobtracker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>

#include <limits>

namespace Ud::Ui {

int JobTracker::start(const QString &title)
{
    Job job;
    job.id = m_nextId++;
    job.title = title;
    m_jobs.append(job);
    emit changed();
    return job.id;
}

void JobTracker::setProgress(int id, qint64 done, qint64 total)
{
    for (Job &job : m_jobs) {
        if (job.id == id) {
            if (job.done == done && job.total == total)
                return;
            job.done = done;
            job.total = total;
            emit changed();
            return;
        }
    }
}

void JobTracker::finish(int id)
{
    const auto removed = m_jobs.removeIf([id](const Job &job) { return job.id == id; });
    if (removed > 0)
        emit changed();
}

JobIndicator::JobIndicator(JobTracker &tracker, QWidget *parent)
    : QWidget(parent), m_tracker(tracker), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_delay(new QTimer(this))
{
    setObjectName(QStringLiteral("jobIndicator"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    // Wide enough to read at a glance, in text units so it scales with the font.
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    m_bar->setTextVisible(false);
    m_delay->setSingleShot(true);
    m_delay->setInterval(ShowDelayMs);
    connect(m_delay, &QTimer::timeout, this, [this] { setVisible(m_tracker.isBusy()); });
    connect(&m_tracker, &JobTracker::changed, this, &JobIndicator::refresh);
    hide();
    refresh();
}

QString JobIndicator::text() const
{
    return m_label->text();
}

int JobIndicator::value() const
{
    return m_bar->value();
}

int JobIndicator::maximum() const
{
    return m_bar->maximum();
}

void JobIndicator::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        refresh();
}

void JobIndicator::refresh()
{
    const QList<JobTracker::Job> jobs = m_tracker.jobs();
    if (jobs.isEmpty()) {
        m_delay->stop();
        hide();
        m_label->clear();
        return;
    }
    const JobTracker::Job &job = jobs.constLast();
    m_label->setText(jobs.size() == 1 ? job.title
                                      : tr("%1 (and %n more)", nullptr, int(jobs.size() - 1)).arg(job.title));
    setToolTip(m_label->text());
    if (job.total > 0) {
        // QProgressBar counts in int: scale large totals down to per-mille.
        const bool scale = job.total > std::numeric_limits<int>::max();
        m_bar->setRange(0, scale ? 1000 : int(job.total));
        m_bar->setValue(scale ? int(job.done * 1000 / job.total) : int(job.done));
    } else {
        m_bar->setRange(0, 0);
    }
    if (isHidden() && !m_delay->isActive())
        m_delay->start();
}

} // namespace Ud::Ui
