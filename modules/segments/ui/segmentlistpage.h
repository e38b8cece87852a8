#pragma once

#include <core/usercontext.h>
#include <segments/segment.h>

#include <QKeySequence>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTimer;
class QToolBar;

namespace Ud::Core {
class Clock;
class Database;
}
namespace Ud::Ui {
class FieldMessage;
class JobTracker;
class LoadState;
class MessageBar;
class TableView;
}

namespace Ud::Segments {

class SegmentListMembersModel;
class SegmentListModel;
class SegmentService;

/// The "Saved segments" page (ViewCustomers): the saved segments with their version, member
/// and control counts, when and by whom they were last refreshed and their refresh interval,
/// and below, the first members of the selected segment (more as the list scrolls) with a
/// group filter. Actions, on the tool bar, in the context menu and with shortcuts: Refresh now
/// (the selected segments one after another, as a job with progress and Cancel), Refresh due,
/// Export members to CSV (all, test or control; written off the UI thread to a file that only
/// appears once complete), Set refresh interval, Rename (inline, checked as typed), Archive /
/// Restore (with Undo; "Show archived" lists archived ones) and Open in builder (Enter).
/// Actions that change segments need ManageSegments and are disabled with the reason for
/// others. Every service call runs in the background; its errors show in the message bar.
class SegmentListPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ProgressDelayMs = 500;

    /// The services must outlive the page. `openInBuilder` gets a segment id, or an empty id
    /// for a new segment; leave it empty where there is no builder.
    SegmentListPage(Core::Database &database, const Core::Clock &clock, SegmentService &service, Ui::JobTracker &jobs,
                    Core::UserContext user, std::function<void(const QString &segmentId)> openInBuilder,
                    QWidget *parent = nullptr);
    ~SegmentListPage() override;

    /// Says that the user can open the segment builder, with its shortcut (Ctrl+G): the empty
    /// state then offers it. Without a call the empty state only names the builder.
    void setBuilderShortcut(const QKeySequence &shortcut);
    /// Replaces the save-file dialog of the export (tests): gets the suggested path, returns
    /// the chosen one or an empty string for Cancel.
    void setSaveFileChooser(std::function<QString(const QString &suggestedPath)> chooser);

    void reload();
    /// Selects the segment's row (if listed) and makes it current.
    bool selectSegment(const QString &segmentId);
    /// The ids of the selected segments in view order (the current one if none is selected).
    QStringList selectedSegmentIds() const;
    QString currentSegmentId() const;

    /// Refreshes the selected segments one after another; false if a refresh runs or none is selected.
    bool refreshSelected();
    /// Refreshes every segment whose interval has passed; false if a refresh runs.
    bool refreshDue();
    /// Stops after the segment being refreshed.
    void cancelRefresh();
    bool isRefreshing() const { return m_jobId != 0; }

    /// Asks for a file and exports the current segment's members of `group`.
    void chooseAndExport(MemberGroup group);
    /// Exports the current segment's members of `group` to `path` in the background; false if
    /// no segment is current or an export runs.
    bool exportMembers(const QString &path, MemberGroup group);
    bool isExporting() const { return m_exportJobId != 0; }

    /// Shows the inline rename field for the current segment.
    void startRename();
    /// Checks the name and renames; false if the name is not acceptable (the field says why).
    bool commitRename();
    void cancelEdit();
    /// Shows the inline refresh interval editor for the current segment.
    void startIntervalEdit();
    /// Stores the interval in the editor (none, or N hours).
    bool commitInterval();
    /// Archives the current segment, or restores it if it is archived.
    void toggleArchived();
    void setShowArchived(bool show);
    void openCurrentInBuilder();

    Ui::MessageBar *messageBar() const { return m_messages; }
    Ui::LoadState *loadState() const { return m_state; }
    Ui::TableView *view() const { return m_view; }
    SegmentListModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLabel *countLabel() const { return m_count; }
    QCheckBox *showArchivedBox() const { return m_showArchived; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *refreshDueAction() const { return m_refreshDueAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *exportGroupAction(MemberGroup group) const;
    QAction *intervalAction() const { return m_intervalAction; }
    QAction *renameAction() const { return m_renameAction; }
    QAction *archiveAction() const { return m_archiveAction; }
    QAction *openAction() const { return m_openAction; }
    /// The tool bar's and context menu's actions, in order.
    QList<QAction *> segmentActions() const;
    QWidget *renameRow() const { return m_renameRow; }
    QLineEdit *renameEdit() const { return m_renameEdit; }
    Ui::FieldMessage *renameMessage() const { return m_renameMessage; }
    QWidget *intervalRow() const { return m_intervalRow; }
    QComboBox *intervalMode() const { return m_intervalMode; }
    QSpinBox *intervalHours() const { return m_intervalHours; }
    Ui::FieldMessage *intervalMessage() const { return m_intervalMessage; }
    QWidget *progressRow() const { return m_progressRow; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }
    Ui::LoadState *previewState() const { return m_previewState; }
    Ui::TableView *membersView() const { return m_membersView; }
    SegmentListMembersModel *membersModel() const { return m_members; }
    QComboBox *groupFilter() const { return m_groupFilter; }
    QLabel *previewTitle() const { return m_previewTitle; }

signals:
    /// The list was (re)loaded and shown.
    void listLoaded();
    /// A refresh started from the page ended (finished, cancelled or failed).
    void refreshFinished();
    /// An export ended: the file and the rows written, or an empty path if it failed.
    void exportFinished(const QString &path, qint64 rows);
    /// A rename, interval change, archive or restore ended (successfully or not).
    void changeFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Progress;

    QAction *addSegmentAction(const QKeySequence &shortcut, const std::function<void()> &trigger);
    void buildActions();
    void showSegments(const QList<Segment> &segments, const QString &select);
    void showEmptyState();
    void updateActions();
    void updateCount();
    void showPreview();
    void showContextMenu(const QPoint &pos);
    void startRefresh(const QStringList &segmentIds, bool due);
    void pollProgress();
    void endRefresh();
    void applyChange(const std::function<Segment()> &work, const std::function<void(const Segment &)> &done,
                     const std::function<void(const QString &)> &failed);
    QString checkName(const QString &name) const;
    const Segment *currentSegment() const;
    bool canManage() const;
    QString manageReason() const;
    void retranslateUi();

    Core::Database &m_database;
    const Core::Clock &m_clock;
    SegmentService &m_service;
    Ui::JobTracker &m_jobs;
    Core::UserContext m_user;
    std::function<void(const QString &)> m_openInBuilder;
    bool m_hasBuilder = false;
    QKeySequence m_builderShortcut;
    std::function<QString(const QString &)> m_chooseFile;

    Ui::MessageBar *m_messages;
    QToolBar *m_toolBar;
    QAction *m_refreshAction = nullptr;
    QAction *m_refreshDueAction = nullptr;
    QAction *m_exportAction = nullptr;
    QMenu *m_exportMenu = nullptr;
    QAction *m_exportAll = nullptr;
    QAction *m_exportTest = nullptr;
    QAction *m_exportControl = nullptr;
    QAction *m_intervalAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_archiveAction = nullptr;
    QAction *m_openAction = nullptr;
    QCheckBox *m_showArchived;

    QWidget *m_renameRow;
    QLabel *m_renameLabel;
    QLineEdit *m_renameEdit;
    Ui::FieldMessage *m_renameMessage;
    QPushButton *m_renameApply;
    QPushButton *m_renameCancel;
    QWidget *m_intervalRow;
    QLabel *m_intervalLabel;
    QComboBox *m_intervalMode;
    QSpinBox *m_intervalHours;
    Ui::FieldMessage *m_intervalMessage;
    QPushButton *m_intervalApply;
    QPushButton *m_intervalCancel;
    QString m_editingId;

    QWidget *m_progressRow;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancel;

    QSplitter *m_splitter;
    QLabel *m_listLabel;
    QLabel *m_count;
    Ui::LoadState *m_state;
    Ui::TableView *m_view;
    SegmentListModel *m_model;
    QSortFilterProxyModel *m_proxy;

    QLabel *m_previewTitle;
    QLabel *m_groupLabel;
    QComboBox *m_groupFilter;
    Ui::LoadState *m_previewState;
    Ui::TableView *m_membersView;
    SegmentListMembersModel *m_members;
    QString m_previewKey; ///< segment, group and refresh time of the members shown

    QTimer *m_poll;
    QTimer *m_showProgress;
    int m_jobId = 0;
    int m_exportJobId = 0;
    bool m_loaded = false;
    quint64 m_generation = 0;
    std::shared_ptr<Progress> m_refreshProgress;
};

} // namespace Ud::Segments
