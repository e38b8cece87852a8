#include "importrunsview.h"

#include "emptystate.h"

#include <metering/importfilesmodel.h>
#include <metering/importrunsmodel.h>
#include <metering/meteringformat.h>
#include <metering/meterimporter.h>

#include <core/ui/tableview.h>

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Ud::Metering {

ImportRunsView::ImportRunsView(MeterSyncPageContext &context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("importRunsView"));
    m_runs = new ImportRunsModel(context.log, context.user, this);
    m_files = new ImportFilesModel(context.log, context.user, this);

    m_runsTitle = new QLabel(this);
    m_runsTable = new Ui::TableView(this);
    m_runsTable->setObjectName(QStringLiteral("runsTable"));
    m_runsTable->setModel(m_runs);
    m_runsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runsTitle->setBuddy(m_runsTable);

    m_filesTitle = new QLabel(this);
    m_filesTitle->setWordWrap(true);
    m_openQuarantine = new QPushButton(this);
    m_openQuarantine->setObjectName(QStringLiteral("openQuarantine"));
    m_filesTable = new Ui::TableView(this);
    m_filesTable->setObjectName(QStringLiteral("filesTable"));
    m_filesTable->setModel(m_files);
    m_filesTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_filesTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_filesTitle->setBuddy(m_filesTable);
    m_fileDetail = new QLabel(this);
    m_fileDetail->setObjectName(QStringLiteral("fileDetail"));
    m_fileDetail->setWordWrap(true);
    m_fileDetail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *runsSide = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runsSide);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->addWidget(m_runsTitle);
    runsLayout->addWidget(m_runsTable, 1);

    auto *filesSide = new QWidget(this);
    auto *filesBar = new QHBoxLayout;
    filesBar->addWidget(m_filesTitle, 1);
    filesBar->addWidget(m_openQuarantine);
    auto *filesLayout = new QVBoxLayout(filesSide);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->addLayout(filesBar);
    filesLayout->addWidget(m_filesTable, 1);
    filesLayout->addWidget(m_fileDetail);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("runsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(runsSide);
    m_splitter->addWidget(filesSide);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    m_empty = new EmptyState(this);
    m_empty->setObjectName(QStringLiteral("runsEmpty"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Rows arrive newest first and the database sorts them: the header shows that order and
    // does not re-sort what is only partly loaded.
    m_runsTable->horizontalHeader()->setSortIndicatorShown(true);
    m_runsTable->horizontalHeader()->setSortIndicator(ImportRunsModel::StartedColumn, Qt::DescendingOrder);
    m_runsTable->horizontalHeader()->setSectionsClickable(false);
    m_filesTable->horizontalHeader()->setSectionsClickable(false);

    connect(m_runsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ImportRunsView::showRun);
    connect(m_filesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ImportRunsView::updateFileActions);
    connect(m_files, &QAbstractItemModel::modelReset, this, &ImportRunsView::updateFileActions);
    connect(m_openQuarantine, &QPushButton::clicked, this, &ImportRunsView::openQuarantineFolder);
    connect(m_runs, &ImportRunsModel::loadFailed, this, &ImportRunsView::failed);
    connect(m_files, &ImportFilesModel::loadFailed, this, &ImportRunsView::failed);
    // A double click or Enter on a rejected file opens its quarantine folder.
    connect(m_filesTable, &QAbstractItemView::activated, this, [this] {
        if (!currentQuarantineFolder().isEmpty())
            openQuarantineFolder();
    });

    retranslateUi();
}

void ImportRunsView::reload(const QString &runId)
{
    const QString keep = runId.isEmpty() ? currentRunId() : runId;
    m_runs->reload();
    int row = keep.isEmpty() ? -1 : m_runs->rowOf(keep);
    if (row < 0 && m_runs->rowCount() > 0)
        row = 0;
    if (row >= 0) {
        m_runsTable->selectionModel()->setCurrentIndex(m_runs->index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                                   | QItemSelectionModel::Rows);
    }
    showRun();
    updateEmptyState();
    if (!m_sized && m_runs->rowCount() > 0) {
        m_runsTable->resizeColumnsToContents();
        m_filesTable->resizeColumnsToContents();
        m_sized = true;
    }
}

QString ImportRunsView::currentRunId() const
{
    const QModelIndex current = m_runsTable->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ImportRunsModel::IdRole).toString() : QString();
}

QString ImportRunsView::currentQuarantineFolder() const
{
    const QModelIndex current = m_filesTable->selectionModel()->currentIndex();
    const QString path = current.isValid() ? current.data(ImportFilesModel::QuarantinePathRole).toString() : QString();
    return path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
}

void ImportRunsView::openQuarantineFolder()
{
    const QString folder = currentQuarantineFolder();
    if (folder.isEmpty())
        return;
    if (!QFileInfo(folder).isDir()) {
        emit failed(tr("The quarantine folder %1 no longer exists; the file may have been moved or deleted.")
                        .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        emit failed(tr("No file manager could open %1.").arg(QDir::toNativeSeparators(folder)));
}

void ImportRunsView::showRun()
{
    const QModelIndex current = m_runsTable->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_files->setRun({});
        m_filesTitle->setText(tr("Files of every run, newest first:"));
        return;
    }
    const ImportRunEntry &run = m_runs->run(current.row());
    m_files->setRun(run.id);
    m_filesTitle->setText(tr("Fi&les of the run started %1 by %2 (%Ln files):", nullptr, int(m_files->totalCount()))
                              .arg(Format::dateTime(run.startedAt), run.actor));
    if (m_files->rowCount() > 0)
        m_filesTable->selectionModel()->setCurrentIndex(m_files->index(0, 0), QItemSelectionModel::ClearAndSelect
                                                                                  | QItemSelectionModel::Rows);
}

QString ImportRunsView::fileDetail() const
{
    return m_fileDetail->text();
}

void ImportRunsView::updateFileActions()
{
    const QModelIndex current = m_filesTable->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_fileDetail->setText(m_files->rowCount() > 0 ? tr("Select a file to see what became of it.") : QString());
    } else {
        const ImportFileEntry &f = m_files->file(current.row());
        const QString name = QDir::toNativeSeparators(f.path);
        switch (f.status) {
        case FileResult::Status::Imported:
            m_fileDetail->setText(
                tr("%1 was imported: %Ln readings, %2 new, %3 changed, %4 estimated by validation.", nullptr,
                   int(f.readings))
                    .arg(name, Format::number(f.inserted), Format::number(f.updated), Format::number(f.estimated))
                + (f.unknown > 0 ? QLatin1Char(' ')
                                       + tr("%Ln readings are for meters the database does not know; they wait under "
                                            "Unknown meters.", nullptr, int(f.unknown))
                                 : QString()));
            break;
        case FileResult::Status::Rejected:
            m_fileDetail->setText(f.quarantinePath.isEmpty()
                                      ? tr("Rejected: %1").arg(f.message)
                                      : tr("Rejected: %1 The file was moved to %2, with the reason beside it in %2.reason.")
                                            .arg(f.message, QDir::toNativeSeparators(f.quarantinePath)));
            break;
        case FileResult::Status::Cancelled:
            m_fileDetail->setText(f.message);
            break;
        }
    }
    const QString folder = currentQuarantineFolder();
    m_openQuarantine->setEnabled(!folder.isEmpty());
    m_openQuarantine->setToolTip(folder.isEmpty()
                                     ? tr("Select a rejected file to open the folder it was moved to")
                                     : tr("Open %1 in the file manager").arg(QDir::toNativeSeparators(folder)));
}

void ImportRunsView::updateEmptyState()
{
    m_runsTitle->setText(tr("Import r&uns, newest first (%Ln in all):", nullptr, int(m_runs->totalCount())));
    if (!m_runs->errorMessage().isEmpty()) {
        m_empty->setMessage(tr("The import log could not be loaded: %1").arg(m_runs->errorMessage()), tr("Tr&y again"),
                            [this] { reload(); });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    if (m_runs->rowCount() == 0) {
        m_empty->setMessage(tr("Nothing has been imported yet. Import meter-data files now, or add a drop folder "
                               "under File › Settings › Meter sync so files are imported as they arrive."),
                            tr("&Import files…"), [this] { emit importRequested(); });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentWidget(m_splitter);
}

void ImportRunsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void ImportRunsView::retranslateUi()
{
    m_openQuarantine->setText(tr("&Open quarantine folder"));
    m_runsTable->setAccessibleName(tr("Import runs"));
    m_filesTable->setAccessibleName(tr("Files of the selected run"));
    m_runs->retranslate();
    m_files->retranslate();
    updateFileActions();
    if (m_runs->hasLoaded()) {
        showRun();
        updateEmptyState();
    }
}

} // namespace Ud::Metering
