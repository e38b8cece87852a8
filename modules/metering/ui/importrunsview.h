#pragma once

#include "metersyncpagecontext.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;

namespace Ud::Ui {
class TableView;
}

namespace Ud::Metering {

class EmptyState;
class ImportFilesModel;
class ImportRunsModel;

/// "Runs & files" of the Meter Sync page: the import runs newest first and, below, the files of
/// the selected run with their counts; a rejected file says why and where it was moved, and
/// "Open quarantine folder" shows that folder in the file manager. With nothing imported yet
/// it says so and offers to import files.
class ImportRunsView : public QWidget
{
    Q_OBJECT
public:
    ImportRunsView(MeterSyncPageContext &context, QWidget *parent = nullptr);

    /// Loads the runs again, keeping the selected run (or selecting `runId` if given).
    void reload(const QString &runId = {});
    QString currentRunId() const;
    /// The folder holding the selected file's quarantined copy, empty if it has none.
    QString currentQuarantineFolder() const;
    void openQuarantineFolder();

    ImportRunsModel *runsModel() const { return m_runs; }
    ImportFilesModel *filesModel() const { return m_files; }
    Ui::TableView *runsTable() const { return m_runsTable; }
    Ui::TableView *filesTable() const { return m_filesTable; }
    EmptyState *emptyState() const { return m_empty; }
    /// What became of the selected file, in full (the table cuts long reasons).
    QString fileDetail() const;
    QSplitter *splitter() const { return m_splitter; }

signals:
    void importRequested();
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showRun();
    void updateFileActions();
    void updateEmptyState();

    MeterSyncPageContext &m_context;
    ImportRunsModel *m_runs;
    ImportFilesModel *m_files;
    QStackedWidget *m_stack;
    QSplitter *m_splitter;
    Ui::TableView *m_runsTable;
    Ui::TableView *m_filesTable;
    QLabel *m_runsTitle;
    QLabel *m_filesTitle;
    QLabel *m_fileDetail;
    QPushButton *m_openQuarantine;
    EmptyState *m_empty;
    bool m_sized = false;
};

} // namespace Ud::Metering
