#pragma once

#include "metersyncpagecontext.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace Ud::Ui {
class MessageBar;
}

namespace Ud::Metering {

class ImportRunsView;
class MeterHealthView;
class UnknownMetersView;

/// The Meter Sync page: what was imported (runs and their files, rejected ones with the reason
/// and the quarantine folder), the readings of unknown meters waiting to be assigned, and the
/// health of every meter, as tabs inside the page. "Import files…" (Ctrl+I, also in the File
/// menu) imports on a worker thread with a progress bar after half a second and Cancel,
/// listed in the status bar's jobs; when it ends the new run is selected and the views show
/// the new rows. Problems appear in a message bar at the top, never in a pop-up.
class MeterSyncPage : public QWidget
{
    Q_OBJECT
public:
    enum Tab { RunsTab, UnknownMetersTab, HealthTab };
    /// The progress row appears only after the import has run this long.
    static constexpr int ProgressDelayMs = 500;

    MeterSyncPage(MeterSyncPageContext context, QWidget *parent = nullptr);
    ~MeterSyncPage() override;

    /// Asks for files and imports them.
    void chooseAndImport();
    /// Imports files and folders (a folder: its files) off the UI thread. False if an import
    /// is already running or nothing was given.
    bool importFiles(const QStringList &paths);
    void cancelImport();
    bool isImporting() const { return m_jobId != 0; }

    /// Loads every view again (after an import, an assignment, or a file the worker imported).
    void reload();
    /// Reloads a moment later, so a burst of files from the worker reloads once.
    void scheduleReload();
    bool isLoading() const;

    void showTab(Tab tab);
    QTabWidget *tabs() const { return m_tabs; }
    ImportRunsView *runsView() const { return m_runs; }
    UnknownMetersView *unknownMetersView() const { return m_unknown; }
    MeterHealthView *healthView() const { return m_health; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *importButton() const { return m_import; }

signals:
    /// An import from the page ended; `runId` is its run (empty if it failed before starting).
    void importFinished(const QString &runId);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Progress;

    void retranslateUi();
    void updateTabTitles();
    void pollProgress();
    void endImport();
    void reportImport(const ImportSummary &summary);

    MeterSyncPageContext m_context;
    Ui::MessageBar *m_messages;
    QPushButton *m_import;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QWidget *m_progressRow;
    QPushButton *m_refresh;
    QTabWidget *m_tabs;
    ImportRunsView *m_runs;
    UnknownMetersView *m_unknown;
    MeterHealthView *m_health;
    QTimer *m_poll;
    QTimer *m_showProgress;
    QTimer *m_reloadLater;

    int m_jobId = 0;
    int m_unknownCount = 0;
    int m_lateCount = 0;
    bool m_shownBefore = false;
    std::shared_ptr<Progress> m_importProgress;
};

} // namespace Ud::Metering
