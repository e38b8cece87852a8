#include "metersyncpage.h"

#include "importrunsview.h"
#include "meterhealthview.h"
#include "unknownmetersview.h"

#include <core/ui/background.h>
#include <core/ui/jobtracker.h>
#include <core/ui/messagebar.h>

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <limits>

namespace Ud::Metering {

/// Written by the importing thread, read by the page's poll timer (plain atomics, not a
/// queued signal per batch).
struct MeterSyncPage::Progress {
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
    std::atomic<bool> cancel{false};
    QMutex mutex;
    QString file;
    int fileNumber = 0;
    int fileCount = 0;
};

namespace {
/// The files an import of `paths` reads and their total size, as MeterImporter lists them.
QPair<int, qint64> measure(const QStringList &paths)
{
    int files = 0;
    qint64 bytes = 0;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
            for (const QFileInfo &entry : entries) {
                if (entry.fileName().endsWith(QLatin1String(".part")) || entry.fileName().endsWith(QLatin1String(".reason")))
                    continue;
                ++files;
                bytes += entry.size();
            }
        } else {
            ++files;
            bytes += info.size();
        }
    }
    return {files, bytes};
}
} // namespace

MeterSyncPage::MeterSyncPage(MeterSyncPageContext context, QWidget *parent)
    : QWidget(parent), m_context(std::move(context))
{
    setObjectName(QStringLiteral("meterSyncPage"));
    m_messages = new Ui::MessageBar(this);

    m_import = new QPushButton(this);
    m_import->setObjectName(QStringLiteral("importFiles"));
    m_progressRow = new QWidget(this);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("importProgressText"));
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setMaximumWidth(m_progress->fontMetrics().averageCharWidth() * 32);
    m_cancel = new QPushButton(m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_cancel);
    m_progressRow->hide();
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshMeterSync"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_import);
    bar->addWidget(m_progressRow);
    bar->addStretch(1);
    bar->addWidget(m_refresh);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("meterSyncTabs"));
    m_tabs->setDocumentMode(true);
    m_runs = new ImportRunsView(m_context, m_tabs);
    m_unknown = new UnknownMetersView(m_context, m_tabs);
    m_health = new MeterHealthView(m_context, m_tabs);
    m_tabs->addTab(m_runs, QString());
    m_tabs->addTab(m_unknown, QString());
    m_tabs->addTab(m_health, QString());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &MeterSyncPage::pollProgress);
    m_showProgress = new QTimer(this);
    m_showProgress->setSingleShot(true);
    m_showProgress->setInterval(ProgressDelayMs);
    connect(m_showProgress, &QTimer::timeout, this, [this] { m_progressRow->setVisible(isImporting()); });
    m_reloadLater = new QTimer(this);
    m_reloadLater->setSingleShot(true);
    m_reloadLater->setInterval(1000);
    connect(m_reloadLater, &QTimer::timeout, this, &MeterSyncPage::reload);

    connect(m_import, &QPushButton::clicked, this, &MeterSyncPage::chooseAndImport);
    connect(m_cancel, &QPushButton::clicked, this, &MeterSyncPage::cancelImport);
    connect(m_refresh, &QPushButton::clicked, this, &MeterSyncPage::reload);
    connect(m_runs, &ImportRunsView::importRequested, this, &MeterSyncPage::chooseAndImport);
    connect(m_unknown, &UnknownMetersView::importRequested, this, &MeterSyncPage::chooseAndImport);
    connect(m_runs, &ImportRunsView::failed, m_messages, &Ui::MessageBar::showError);
    connect(m_unknown, &UnknownMetersView::failed, this, [this](const QString &error) {
        m_messages->showError(tr("The readings were not assigned: %1").arg(error));
    });
    connect(m_unknown, &UnknownMetersView::loaded, this, [this](int count) {
        m_unknownCount = count;
        updateTabTitles();
    });
    connect(m_health, &MeterHealthView::loaded, this, [this](int late) {
        m_lateCount = late;
        updateTabTitles();
    });
    connect(m_unknown, &UnknownMetersView::assigned, this, [this](const QString &key, const QString &serial, qint64 n) {
        m_messages->showMessage(Ui::MessageBar::Type::Information,
                                tr("%Ln readings queued under %1 now belong to meter %2; later files naming %1 go to it "
                                   "directly.", nullptr, int(n)).arg(key, serial));
        m_health->reload();
    });

    setFocusProxy(m_import);
    retranslateUi();
    reload();
}

MeterSyncPage::~MeterSyncPage()
{
    // An import still running stops at its next batch; its transaction rolls back.
    if (m_importProgress)
        m_importProgress->cancel = true;
    if (m_jobId != 0)
        m_context.jobs.finish(m_jobId);
}

void MeterSyncPage::reload()
{
    m_reloadLater->stop();
    m_runs->reload();
    m_unknown->reload();
    m_health->reload();
}

void MeterSyncPage::scheduleReload()
{
    if (!m_reloadLater->isActive())
        m_reloadLater->start();
}

bool MeterSyncPage::isLoading() const
{
    return m_unknown->isLoading() || m_health->isLoading();
}

void MeterSyncPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void MeterSyncPage::chooseAndImport()
{
    if (isImporting()) {
        showTab(RunsTab);
        return;
    }
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import Meter Data"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("Meter data (*.csv *.xml *.txt *.dat *.nem12);;All files (*)"));
    if (!paths.isEmpty())
        importFiles(paths);
}

bool MeterSyncPage::importFiles(const QStringList &paths)
{
    if (isImporting() || paths.isEmpty())
        return false;
    m_messages->dismiss();
    const auto [files, bytes] = measure(paths);
    auto progress = std::make_shared<Progress>();
    progress->total = bytes;
    progress->fileCount = files;
    m_importProgress = progress;
    m_jobId = m_context.jobs.start(tr("Importing meter data"));
    m_context.jobs.setProgress(m_jobId, 0, bytes);
    m_import->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progressLabel->setText(tr("Importing…"));
    m_showProgress->start();
    m_poll->start();
    showTab(RunsTab);

    const ImporterFactory factory = m_context.importer;
    const Core::UserContext user = m_context.user;
    ImportOptions options;
    options.quarantineDir = m_context.quarantineDir;
    options.source = QStringLiteral("gui");
    Ui::runInBackground(
        m_context.core.database, this,
        [factory, user, paths, options, progress] {
            // Bytes of the files already finished, so the bar runs over the whole import.
            QString current;
            qint64 finished = 0;
            qint64 currentTotal = 0;
            return factory()->importPaths(user, paths, options,
                                          [&, progress](const QString &path, qint64 done, qint64 total) {
                                              if (path != current) {
                                                  finished += currentTotal;
                                                  current = path;
                                                  QMutexLocker lock(&progress->mutex);
                                                  progress->file = QFileInfo(path).fileName();
                                                  ++progress->fileNumber;
                                              }
                                              currentTotal = total;
                                              progress->done = finished + done;
                                              return !progress->cancel.load();
                                          });
        },
        [this](const ImportSummary &summary) {
            endImport();
            m_runs->reload(summary.runId);
            m_unknown->reload();
            m_health->reload();
            reportImport(summary);
            emit importFinished(summary.runId);
        },
        [this](const QString &error) {
            endImport();
            reload();
            m_messages->showError(tr("The files were not imported: %1").arg(error));
            emit importFinished({});
        });
    return true;
}

void MeterSyncPage::cancelImport()
{
    if (!m_importProgress)
        return;
    m_importProgress->cancel = true;
    m_cancel->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling…"));
}

void MeterSyncPage::pollProgress()
{
    if (!m_importProgress)
        return;
    const qint64 total = m_importProgress->total.load();
    const qint64 done = std::min(m_importProgress->done.load(), total);
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    if (!m_importProgress->cancel) {
        QMutexLocker lock(&m_importProgress->mutex);
        if (!m_importProgress->file.isEmpty()) {
            m_progressLabel->setText(tr("Importing %1 (file %2 of %3)…")
                                         .arg(m_importProgress->file)
                                         .arg(m_importProgress->fileNumber)
                                         .arg(m_importProgress->fileCount));
        }
    }
    m_context.jobs.setProgress(m_jobId, done, total);
}

void MeterSyncPage::endImport()
{
    m_poll->stop();
    m_showProgress->stop();
    m_context.jobs.finish(m_jobId);
    m_jobId = 0;
    m_importProgress.reset();
    m_progressRow->hide();
    m_import->setEnabled(true);
}

void MeterSyncPage::reportImport(const ImportSummary &summary)
{
    // Imported files show as the new rows; only what needs a decision gets a message.
    const int rejected = summary.rejected();
    const bool cancelled = !summary.files.isEmpty()
                           && summary.files.constLast().status == FileResult::Status::Cancelled;
    if (cancelled) {
        m_messages->showMessage(Ui::MessageBar::Type::Information,
                                tr("The import was cancelled. Files finished before were kept; nothing of %1 was "
                                   "stored.").arg(QFileInfo(summary.files.constLast().path).fileName()));
    } else if (rejected > 0) {
        m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                tr("%Ln of %1 files were rejected. Each says why below and was moved to the quarantine "
                                   "folder.", nullptr, rejected).arg(summary.files.size()));
    } else if (summary.unknown() > 0) {
        m_messages->showMessage(Ui::MessageBar::Type::Information,
                                tr("%Ln readings are for meters the database does not know. They wait under Unknown "
                                   "meters until you assign them.", nullptr, int(summary.unknown())),
                                tr("&Review unknown meters"), [this] { showTab(UnknownMetersTab); });
    }
}

void MeterSyncPage::updateTabTitles()
{
    m_tabs->setTabText(RunsTab, tr("&Runs and files"));
    m_tabs->setTabText(UnknownMetersTab, m_unknownCount > 0 ? tr("U&nknown meters (%1)").arg(m_unknownCount)
                                                            : tr("U&nknown meters"));
    m_tabs->setTabText(HealthTab, m_lateCount > 0 ? tr("Meter &health (%Ln late)", nullptr, m_lateCount)
                                                  : tr("Meter &health"));
}

void MeterSyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the page shows what the worker and the command line imported meanwhile.
    if (m_shownBefore && !event->spontaneous() && !isImporting())
        reload();
    m_shownBefore = true;
}

void MeterSyncPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void MeterSyncPage::retranslateUi()
{
    m_import->setText(tr("&Import files…"));
    m_import->setToolTip(tr("Import meter-data files (Ctrl+I)"));
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setToolTip(tr("Stop after the current batch; the file being read is not stored"));
    m_refresh->setText(tr("Re&fresh"));
    m_refresh->setToolTip(tr("Load what was imported meanwhile"));
    updateTabTitles();
}

} // namespace Ud::Metering
