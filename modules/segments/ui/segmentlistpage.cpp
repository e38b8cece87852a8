#include "segmentlistpage.h"

#include "segmentlistmembersmodel.h"
#include "segmentlistmodel.h"

#include <core/clock.h>
#include <core/error.h>
#include <core/permissions.h>
#include <core/ui/background.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>
#include <segments/segmentservice.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>
#include <utility>

namespace Ud::Segments {

namespace {
constexpr int MaxNameLength = 80;     // SegmentService's limit, checked here as the user types
constexpr int MaxRefreshHours = 8760; // a year

/// The segment name as a file name: "Night pumps (north)" -> "night-pumps-north".
QString fileSafe(const QString &name)
{
    QString result;
    for (const QChar c : name)
        result.append(c.isLetterOrNumber() ? c.toLower() : QLatin1Char('-'));
    while (result.contains(QStringLiteral("--")))
        result.replace(QStringLiteral("--"), QStringLiteral("-"));
    result = result.mid(result.startsWith(QLatin1Char('-')) ? 1 : 0);
    if (result.endsWith(QLatin1Char('-')))
        result.chop(1);
    return result.isEmpty() ? QStringLiteral("segment") : result;
}
} // namespace

/// Written by the refresh's thread, read by the page's poll timer.
struct SegmentListPage::Progress {
    std::atomic<int> done{0};
    std::atomic<int> total{0};
    std::atomic<bool> cancel{false};
};

SegmentListPage::SegmentListPage(Core::Database &database, const Core::Clock &clock, SegmentService &service,
                                 Ui::JobTracker &jobs, Core::UserContext user,
                                 std::function<void(const QString &)> openInBuilder, QWidget *parent)
    : QWidget(parent), m_database(database), m_clock(clock), m_service(service), m_jobs(jobs), m_user(std::move(user)),
      m_openInBuilder(std::move(openInBuilder))
{
    setObjectName(QStringLiteral("segmentListPage"));
    m_messages = new Ui::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("segmentListMessages"));

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("segmentListToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_showArchived = new QCheckBox(this);
    m_showArchived->setObjectName(QStringLiteral("showArchivedSegments"));

    // The inline editors: one shows at a time, above the list, never a dialog.
    m_renameRow = new QWidget(this);
    m_renameRow->setObjectName(QStringLiteral("segmentRenameRow"));
    m_renameLabel = new QLabel(m_renameRow);
    m_renameEdit = new QLineEdit(m_renameRow);
    m_renameEdit->setObjectName(QStringLiteral("segmentRenameEdit"));
    m_renameEdit->setMaxLength(MaxNameLength * 2); // longer than allowed, so the field can say by how much
    m_renameLabel->setBuddy(m_renameEdit);
    m_renameMessage = new Ui::FieldMessage(m_renameEdit, m_renameRow);
    m_renameApply = new QPushButton(m_renameRow);
    m_renameApply->setObjectName(QStringLiteral("segmentRenameApply"));
    m_renameCancel = new QPushButton(m_renameRow);
    {
        auto *layout = new QHBoxLayout(m_renameRow);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_renameLabel);
        auto *column = new QVBoxLayout;
        column->addWidget(m_renameEdit);
        column->addWidget(m_renameMessage);
        layout->addLayout(column, 1);
        layout->addWidget(m_renameApply, 0, Qt::AlignTop);
        layout->addWidget(m_renameCancel, 0, Qt::AlignTop);
    }
    m_renameRow->hide();

    m_intervalRow = new QWidget(this);
    m_intervalRow->setObjectName(QStringLiteral("segmentIntervalRow"));
    m_intervalLabel = new QLabel(m_intervalRow);
    m_intervalMode = new QComboBox(m_intervalRow);
    m_intervalMode->setObjectName(QStringLiteral("segmentIntervalMode"));
    m_intervalMode->addItem(QString());
    m_intervalMode->addItem(QString());
    m_intervalLabel->setBuddy(m_intervalMode);
    m_intervalHours = new QSpinBox(m_intervalRow);
    m_intervalHours->setObjectName(QStringLiteral("segmentIntervalHours"));
    m_intervalHours->setRange(1, MaxRefreshHours);
    m_intervalHours->setValue(24);
    m_intervalMessage = new Ui::FieldMessage(m_intervalHours, m_intervalRow);
    m_intervalApply = new QPushButton(m_intervalRow);
    m_intervalApply->setObjectName(QStringLiteral("segmentIntervalApply"));
    m_intervalCancel = new QPushButton(m_intervalRow);
    {
        auto *layout = new QHBoxLayout(m_intervalRow);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_intervalLabel);
        layout->addWidget(m_intervalMode, 0, Qt::AlignTop);
        auto *column = new QVBoxLayout;
        column->addWidget(m_intervalHours);
        column->addWidget(m_intervalMessage);
        layout->addLayout(column);
        layout->addWidget(m_intervalApply, 0, Qt::AlignTop);
        layout->addWidget(m_intervalCancel, 0, Qt::AlignTop);
        layout->addStretch(1);
    }
    m_intervalRow->hide();

    m_progressRow = new QWidget(this);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("segmentRefreshProgressText"));
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("segmentRefreshProgress"));
    m_progress->setMaximumWidth(m_progress->fontMetrics().averageCharWidth() * 32);
    m_cancel = new QPushButton(m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelSegmentRefresh"));
    {
        auto *layout = new QHBoxLayout(m_progressRow);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_progressLabel);
        layout->addWidget(m_progress);
        layout->addWidget(m_cancel);
        layout->addStretch(1);
    }
    m_progressRow->hide();

    // The list.
    m_model = new SegmentListModel(m_clock, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SegmentListModel::RawValueRole);
    m_proxy->setFilterRole(SegmentListModel::ArchivedRole);
    m_proxy->setFilterKeyColumn(SegmentListModel::NameColumn);
    m_proxy->setFilterFixedString(QStringLiteral("false"));
    m_view = new Ui::TableView(this);
    m_view->setObjectName(QStringLiteral("segmentListView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SegmentListModel::NameColumn, Qt::AscendingOrder);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_listLabel = new QLabel(this);
    m_listLabel->setBuddy(m_view);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("segmentListCount"));
    m_state = new Ui::LoadState(m_view, this);

    // The member preview.
    m_members = new SegmentListMembersModel(m_database, m_service, m_user, this);
    m_membersView = new Ui::TableView(this);
    m_membersView->setObjectName(QStringLiteral("segmentMembersView"));
    m_membersView->setModel(m_members);
    m_membersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTitle = new QLabel(this);
    m_previewTitle->setObjectName(QStringLiteral("segmentPreviewTitle"));
    m_previewTitle->setWordWrap(true);
    m_previewTitle->setBuddy(m_membersView);
    m_groupFilter = new QComboBox(this);
    m_groupFilter->setObjectName(QStringLiteral("segmentMemberGroup"));
    for (const MemberGroup g : {MemberGroup::All, MemberGroup::Test, MemberGroup::Control})
        m_groupFilter->addItem(QString(), int(g));
    m_groupLabel = new QLabel(this);
    m_groupLabel->setBuddy(m_groupFilter);
    m_previewState = new Ui::LoadState(m_membersView, this);

    auto *listPane = new QWidget(this);
    {
        auto *layout = new QVBoxLayout(listPane);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *header = new QHBoxLayout;
        header->addWidget(m_listLabel);
        header->addStretch(1);
        header->addWidget(m_count);
        layout->addLayout(header);
        layout->addWidget(m_state, 1);
    }
    auto *previewPane = new QWidget(this);
    {
        auto *layout = new QVBoxLayout(previewPane);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *header = new QHBoxLayout;
        header->addWidget(m_previewTitle, 1);
        header->addWidget(m_groupLabel);
        header->addWidget(m_groupFilter);
        layout->addLayout(header);
        layout->addWidget(m_previewState, 1);
    }
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("segmentListSplitter"));
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(previewPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_toolBar, 1);
    top->addWidget(m_showArchived);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(top);
    layout->addWidget(m_renameRow);
    layout->addWidget(m_intervalRow);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_splitter, 1);

    buildActions();

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &SegmentListPage::pollProgress);
    m_showProgress = new QTimer(this);
    m_showProgress->setSingleShot(true);
    m_showProgress->setInterval(ProgressDelayMs);
    connect(m_showProgress, &QTimer::timeout, this, [this] { m_progressRow->setVisible(isRefreshing()); });

    connect(m_cancel, &QPushButton::clicked, this, &SegmentListPage::cancelRefresh);
    connect(m_showArchived, &QCheckBox::toggled, this, &SegmentListPage::setShowArchived);
    connect(m_view, &QAbstractItemView::activated, this, [this] { openCurrentInBuilder(); });
    connect(m_view, &QWidget::customContextMenuRequested, this, &SegmentListPage::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!m_editingId.isEmpty() && m_editingId != currentSegmentId())
            cancelEdit();
        updateActions();
        showPreview();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SegmentListPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SegmentListPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SegmentListPage::updateCount);
    connect(m_groupFilter, &QComboBox::currentIndexChanged, this, &SegmentListPage::showPreview);
    connect(m_members, &SegmentListMembersModel::pageLoaded, this, [this] {
        const Segment *s = currentSegment();
        if (!s || s->id != m_members->segmentId())
            return;
        if (m_members->rowCount() == 0) {
            m_previewState->showEmpty(m_user.limitedToRegion()
                                          ? tr("No members of this group in your region at the last refresh.")
                                          : tr("No members of this group at the last refresh."));
        } else {
            m_previewState->showContent();
        }
        const QString group = m_groupFilter->currentIndex() == 0
                                  ? QString()
                                  : tr(" (%1 group)").arg(SegmentListMembersModel::groupName(m_members->group()).toLower());
        m_previewTitle->setText(tr("Members of “%1”%2: %3, showing %4")
                                    .arg(s->name, group, QLocale().toString(m_members->total()),
                                         QLocale().toString(m_members->rowCount())));
    });
    connect(m_members, &SegmentListMembersModel::loadFailed, this, [this](const QString &error) {
        m_previewState->showError(error, [this] { showPreview(); });
    });

    connect(m_renameEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_renameRow->isVisible())
            m_renameMessage->setMessage(checkName(m_renameEdit->text()));
    });
    connect(m_renameEdit, &QLineEdit::textEdited, this, [this] {
        // Once the field has said what is wrong, it says so until it is right.
        if (!m_renameMessage->message().isEmpty())
            m_renameMessage->setMessage(checkName(m_renameEdit->text()));
    });
    connect(m_renameEdit, &QLineEdit::returnPressed, this, &SegmentListPage::commitRename);
    connect(m_renameApply, &QPushButton::clicked, this, &SegmentListPage::commitRename);
    connect(m_renameCancel, &QPushButton::clicked, this, &SegmentListPage::cancelEdit);
    connect(m_intervalMode, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_intervalHours->setEnabled(index == 1); });
    connect(m_intervalApply, &QPushButton::clicked, this, &SegmentListPage::commitInterval);
    connect(m_intervalCancel, &QPushButton::clicked, this, &SegmentListPage::cancelEdit);
    auto *escape = new QAction(this);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_renameRow->addAction(escape);
    m_intervalRow->addAction(escape);
    connect(escape, &QAction::triggered, this, &SegmentListPage::cancelEdit);

    setTabOrder(m_view, m_groupFilter);
    setTabOrder(m_groupFilter, m_membersView);
    setFocusProxy(m_view);
    retranslateUi();
    updateActions();
    showPreview();
    reload();
}

SegmentListPage::~SegmentListPage()
{
    // A refresh still going stops after the segment it is on; what was refreshed stays.
    if (m_refreshProgress)
        m_refreshProgress->cancel = true;
    if (m_jobId != 0)
        m_jobs.finish(m_jobId);
    if (m_exportJobId != 0)
        m_jobs.finish(m_exportJobId);
}

QAction *SegmentListPage::addSegmentAction(const QKeySequence &shortcut, const std::function<void()> &trigger)
{
    auto *action = new QAction(this);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        // Only while the page has focus: the same keys may mean something on another page.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    addAction(action);
    connect(action, &QAction::triggered, this, [trigger] { trigger(); });
    return action;
}

void SegmentListPage::buildActions()
{
    m_refreshAction = addSegmentAction(QKeySequence(Qt::Key_F5), [this] { refreshSelected(); });
    m_refreshAction->setObjectName(QStringLiteral("refreshSegmentAction"));
    m_refreshDueAction = addSegmentAction(QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { refreshDue(); });
    m_refreshDueAction->setObjectName(QStringLiteral("refreshDueSegmentsAction"));
    m_exportMenu = new QMenu(this);
    m_exportAll = m_exportMenu->addAction(QString(), this, [this] { chooseAndExport(MemberGroup::All); });
    m_exportTest = m_exportMenu->addAction(QString(), this, [this] { chooseAndExport(MemberGroup::Test); });
    m_exportControl = m_exportMenu->addAction(QString(), this, [this] { chooseAndExport(MemberGroup::Control); });
    m_exportAction = addSegmentAction(QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
        // The shortcut opens the group choice where the tool bar shows it.
        QWidget *button = m_toolBar->widgetForAction(m_exportAction);
        m_exportMenu->popup(button ? button->mapToGlobal(QPoint(0, button->height()))
                                   : m_view->mapToGlobal(m_view->rect().topLeft()));
    });
    m_exportAction->setObjectName(QStringLiteral("exportSegmentAction"));
    m_exportAction->setMenu(m_exportMenu);
    m_intervalAction = addSegmentAction(QKeySequence(Qt::CTRL | Qt::Key_H), [this] { startIntervalEdit(); });
    m_intervalAction->setObjectName(QStringLiteral("segmentIntervalAction"));
    m_renameAction = addSegmentAction(QKeySequence(Qt::Key_F2), [this] { startRename(); });
    m_renameAction->setObjectName(QStringLiteral("renameSegmentAction"));
    m_archiveAction = addSegmentAction(QKeySequence(QKeySequence::Delete), [this] { toggleArchived(); });
    m_archiveAction->setObjectName(QStringLiteral("archiveSegmentAction"));
    m_openAction = addSegmentAction({}, [this] { openCurrentInBuilder(); });
    m_openAction->setObjectName(QStringLiteral("openSegmentInBuilderAction"));

    m_toolBar->addAction(m_refreshAction);
    m_toolBar->addAction(m_refreshDueAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportAction);
    if (auto *button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_exportAction)))
        button->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_intervalAction);
    m_toolBar->addAction(m_renameAction);
    m_toolBar->addAction(m_archiveAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_openAction);
}

QList<QAction *> SegmentListPage::segmentActions() const
{
    return {m_refreshAction, m_refreshDueAction, m_exportAction, m_intervalAction, m_renameAction, m_archiveAction,
            m_openAction};
}

QAction *SegmentListPage::exportGroupAction(MemberGroup group) const
{
    switch (group) {
    case MemberGroup::All: return m_exportAll;
    case MemberGroup::Test: return m_exportTest;
    case MemberGroup::Control: return m_exportControl;
    }
    return nullptr;
}

void SegmentListPage::setBuilderShortcut(const QKeySequence &shortcut)
{
    m_hasBuilder = true;
    m_builderShortcut = shortcut;
    if (m_loaded && m_model->rowCount() == 0)
        showEmptyState();
}

void SegmentListPage::setSaveFileChooser(std::function<QString(const QString &)> chooser)
{
    m_chooseFile = std::move(chooser);
}

bool SegmentListPage::canManage() const
{
    return m_user.can(Core::Permission::ManageSegments);
}

QString SegmentListPage::manageReason() const
{
    return tr("You may not %1; ask an administrator for a role that may.")
        .arg(Core::permissionDisplayName(Core::Permission::ManageSegments));
}

// --- loading ------------------------------------------------------------------------------

void SegmentListPage::reload()
{
    const quint64 generation = ++m_generation;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    const QString selected = currentSegmentId();
    // Archived ones too: "Show archived" then only filters, and a new name is checked against all.
    Ui::runInBackground(
        m_database, this, [service, user] { return service->list(user, true); },
        [this, generation, selected](const QList<Segment> &segments) {
            if (generation == m_generation)
                showSegments(segments, selected);
        },
        [this, generation](const QString &error) {
            if (generation == m_generation)
                m_state->showError(error, [this] { reload(); });
        });
}

void SegmentListPage::showSegments(const QList<Segment> &segments, const QString &select)
{
    const QStringList selected = selectedSegmentIds();
    m_model->setSegments(segments);
    m_loaded = true;
    if (m_proxy->rowCount() == 0) {
        showEmptyState();
    } else {
        m_state->showContent();
        m_view->resizeColumnsToContents();
        QString current = select;
        if (current.isEmpty() || !selectSegment(current))
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        // Keep a multiple selection across the reload after a refresh.
        for (const QString &id : selected) {
            const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOf(id), 0));
            if (index.isValid())
                m_view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    updateActions();
    updateCount();
    showPreview();
    emit listLoaded();
}

void SegmentListPage::showEmptyState()
{
    const bool builder = m_openInBuilder && m_hasBuilder && canManage();
    if (m_model->rowCount() > 0) {
        // Everything there is is archived.
        m_state->showEmpty(tr("Every saved segment is archived. Tick “Show archived” to see them."), tr("Show &archived"),
                           [this] { m_showArchived->setChecked(true); });
    } else if (builder) {
        const QString text = m_builderShortcut.isEmpty()
                                 ? tr("No saved segments yet — build one in the segment builder.")
                                 : tr("No saved segments yet — build one in the segment builder (%1).")
                                       .arg(m_builderShortcut.toString(QKeySequence::NativeText));
        m_state->showEmpty(text, tr("&Open the Segment Builder"), [this] { m_openInBuilder(QString()); });
    } else if (canManage()) {
        m_state->showEmpty(tr("No saved segments yet — build one in the segment builder."));
    } else {
        m_state->showEmpty(tr("No saved segments yet. Someone who may %1 can build them in the segment builder.")
                               .arg(Core::permissionDisplayName(Core::Permission::ManageSegments)));
    }
}

void SegmentListPage::setShowArchived(bool show)
{
    if (m_showArchived->isChecked() != show) {
        m_showArchived->setChecked(show); // comes back here through toggled
        return;
    }
    const QString current = currentSegmentId();
    m_proxy->setFilterFixedString(show ? QString() : QStringLiteral("false"));
    if (!m_loaded)
        return;
    if (m_proxy->rowCount() == 0) {
        showEmptyState();
    } else {
        m_state->showContent();
        if (current.isEmpty() || !selectSegment(current))
            m_view->setCurrentIndex(m_proxy->index(0, 0));
    }
    updateActions();
    showPreview();
}

bool SegmentListPage::selectSegment(const QString &segmentId)
{
    const int row = m_model->rowOf(segmentId);
    const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

QStringList SegmentListPage::selectedSegmentIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &row : std::as_const(rows))
        ids << row.data(SegmentListModel::IdRole).toString();
    if (ids.isEmpty() && !currentSegmentId().isEmpty())
        ids << currentSegmentId();
    return ids;
}

QString SegmentListPage::currentSegmentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(SegmentListModel::IdRole).toString() : QString();
}

const Segment *SegmentListPage::currentSegment() const
{
    const QString id = currentSegmentId();
    return id.isEmpty() ? nullptr : m_model->segmentAt(m_model->rowOf(id));
}

void SegmentListPage::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    m_count->setText(selected > 0 ? tr("%n segment(s), %1 selected", nullptr, shown).arg(QLocale().toString(selected))
                                  : tr("%n segment(s)", nullptr, shown));
}

void SegmentListPage::updateActions()
{
    const Segment *s = currentSegment();
    const bool manage = canManage();
    const bool busy = isRefreshing();
    const auto set = [](QAction *action, bool enabled, const QString &why, const QString &what) {
        action->setEnabled(enabled);
        QString tip = enabled ? what : why;
        if (!action->shortcut().isEmpty())
            tip = tr("%1 (%2)").arg(tip, action->shortcut().toString(QKeySequence::NativeText));
        action->setToolTip(tip);
    };
    const QString pick = tr("Select a segment first.");
    bool anyActive = false;
    const QStringList ids = selectedSegmentIds();
    for (const QString &id : ids) {
        const Segment *row = m_model->segmentAt(m_model->rowOf(id));
        anyActive = anyActive || (row && !row->archived);
    }
    set(m_refreshAction, manage && anyActive && !busy,
        !manage ? manageReason() : busy ? tr("A refresh is running; wait for it or cancel it.")
                                 : ids.isEmpty() ? pick : tr("Archived segments are not refreshed; restore it first."),
        tr("Compute the members of the selected segments again, one after another"));
    set(m_refreshDueAction, manage && !busy, !manage ? manageReason() : tr("A refresh is running; wait for it or cancel it."),
        tr("Refresh every segment whose refresh interval has passed"));
    set(m_exportAction, s != nullptr && !isExporting(),
        s ? tr("An export is running; wait for it to finish.") : pick,
        tr("Write the members of the segment to a CSV file: all, the test group or the control group"));
    const bool change = manage && s != nullptr;
    const QString changeWhy = !manage ? manageReason() : pick;
    set(m_intervalAction, change && !s->archived, s && s->archived ? tr("Restore the segment first.") : changeWhy,
        tr("Refresh the segment on a schedule every so many hours, or only on demand"));
    set(m_renameAction, change, changeWhy, tr("Give the segment another name; segments that refer to it follow"));
    m_archiveAction->setText(s && s->archived ? tr("Re&store") : tr("&Archive"));
    set(m_archiveAction, change, changeWhy,
        s && s->archived ? tr("List the segment again and let it be refreshed and used in rules")
                         : tr("Hide the segment: it is no longer refreshed or usable in other segments' rules"));
    set(m_openAction, change && m_openInBuilder != nullptr && !s->archived,
        !manage ? manageReason() : s && s->archived ? tr("Restore the segment first.") : pick,
        tr("Edit the segment's rule in the segment builder (Enter)"));
}

void SegmentListPage::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    menu.addAction(m_refreshAction);
    menu.addAction(m_refreshDueAction);
    menu.addSeparator();
    QMenu *exportMenu = menu.addMenu(m_exportAction->text());
    exportMenu->setEnabled(m_exportAction->isEnabled());
    exportMenu->addActions({m_exportAll, m_exportTest, m_exportControl});
    menu.addSeparator();
    menu.addAction(m_intervalAction);
    menu.addAction(m_renameAction);
    menu.addAction(m_archiveAction);
    menu.addSeparator();
    menu.addAction(m_openAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

// --- the member preview -------------------------------------------------------------------

void SegmentListPage::showPreview()
{
    const Segment *s = currentSegment();
    const auto group = MemberGroup(m_groupFilter->currentData().toInt());
    if (!s) {
        m_previewKey.clear();
        m_members->show({}, group);
        m_previewTitle->setText(tr("Members"));
        m_previewState->showEmpty(m_loaded && m_proxy->rowCount() > 0 ? tr("Select a segment to see its members.")
                                                                      : tr("No segment to show members of."));
        return;
    }
    if (!s->refreshedAt) {
        // members() would compute them now; that is a refresh, the user's choice to make.
        m_previewKey.clear();
        m_members->show({}, group);
        m_previewTitle->setText(tr("Members of “%1”").arg(s->name));
        if (canManage() && !s->archived) {
            m_previewState->showEmpty(tr("“%1” was never refreshed, so it has no stored members yet.").arg(s->name),
                                      tr("&Refresh now"), [this] { refreshSelected(); });
        } else {
            m_previewState->showEmpty(tr("“%1” was never refreshed, so it has no stored members yet.").arg(s->name));
        }
        return;
    }
    // The same members as shown (a list reload after a rename or an export): nothing to read.
    const QString key = QStringLiteral("%1/%2/%3").arg(s->id, memberGroupKey(group)).arg(*s->refreshedAt);
    if (key == m_previewKey && m_previewState->state() == Ui::LoadState::State::Content)
        return;
    m_previewKey = key;
    m_previewTitle->setText(tr("Members of “%1”").arg(s->name));
    m_previewState->showLoading();
    m_members->show(s->id, group);
}

// --- refresh ------------------------------------------------------------------------------

bool SegmentListPage::refreshSelected()
{
    if (isRefreshing() || !canManage())
        return false;
    QStringList ids;
    const QStringList selected = selectedSegmentIds();
    for (const QString &id : selected) {
        const Segment *s = m_model->segmentAt(m_model->rowOf(id));
        if (s && !s->archived)
            ids << id;
    }
    if (ids.isEmpty())
        return false;
    startRefresh(ids, false);
    return true;
}

bool SegmentListPage::refreshDue()
{
    if (isRefreshing() || !canManage())
        return false;
    startRefresh({}, true);
    return true;
}

void SegmentListPage::startRefresh(const QStringList &segmentIds, bool due)
{
    struct Outcome {
        QList<RefreshResult> results;
        int total = 0;
        bool cancelled = false;
    };
    m_messages->dismiss();
    auto progress = std::make_shared<Progress>();
    progress->total = int(segmentIds.size());
    m_refreshProgress = progress;
    QString title;
    if (due) {
        title = tr("Refreshing the segments due");
    } else if (segmentIds.size() == 1) {
        const Segment *s = m_model->segmentAt(m_model->rowOf(segmentIds.constFirst()));
        title = tr("Refreshing “%1”").arg(s ? s->name : QString());
    } else {
        title = tr("Refreshing %n segment(s)", nullptr, int(segmentIds.size()));
    }
    m_jobId = m_jobs.start(title);
    m_progress->setRange(0, 0);
    m_progressLabel->setText(title + QStringLiteral("…"));
    m_cancel->setEnabled(true);
    m_showProgress->start();
    m_poll->start();
    updateActions();

    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_database, this,
        [service, user, segmentIds, due, progress] {
            Outcome outcome;
            if (due) {
                outcome.results = service->refreshDue(
                    user,
                    [progress](int done, int total) {
                        progress->total = total;
                        progress->done = done;
                    },
                    [progress] { return progress->cancel.load(); });
                outcome.total = progress->total;
                outcome.cancelled = progress->cancel && outcome.results.size() < outcome.total;
                return outcome;
            }
            outcome.total = int(segmentIds.size());
            for (const QString &id : segmentIds) {
                if (progress->cancel) {
                    outcome.cancelled = true;
                    break;
                }
                try {
                    outcome.results << service->refresh(user, id);
                } catch (const Core::Error &e) {
                    // One failure leaves the others to go on, as refreshDue does.
                    RefreshResult failed;
                    failed.segmentId = id;
                    failed.error = e.message();
                    outcome.results << failed;
                }
                progress->done = int(outcome.results.size());
            }
            return outcome;
        },
        [this, due](const Outcome &outcome) {
            endRefresh();
            QStringList failures;
            int refreshed = 0;
            for (const RefreshResult &r : outcome.results) {
                if (!r.error.isEmpty()) {
                    const Segment *s = m_model->segmentAt(m_model->rowOf(r.segmentId));
                    const QString name = !r.name.isEmpty() ? r.name : s ? s->name : r.segmentId;
                    failures << tr("“%1” could not be refreshed: %2").arg(name, r.error);
                } else {
                    ++refreshed;
                }
            }
            if (outcome.cancelled) {
                m_messages->showMessage(Ui::MessageBar::Type::Information,
                                        tr("The refresh was cancelled after %1 of %n segment(s); the segments refreshed "
                                           "keep their new members.", nullptr, outcome.total)
                                            .arg(QLocale().toString(refreshed)));
            } else if (!failures.isEmpty()) {
                m_messages->showMessage(Ui::MessageBar::Type::Warning, failures.join(QLatin1Char(' ')));
            } else if (due && outcome.results.isEmpty()) {
                m_messages->showInformation(tr("No segment was due for a refresh: every refresh interval is still running."));
            } else if (due) {
                m_messages->showInformation(tr("%n segment(s) due were refreshed.", nullptr, refreshed));
            }
            reload();
            emit refreshFinished();
        },
        [this](const QString &error) {
            endRefresh();
            m_messages->showError(tr("The refresh stopped: %1 The segments refreshed before keep their new members.").arg(error));
            reload();
            emit refreshFinished();
        });
}

void SegmentListPage::cancelRefresh()
{
    if (!m_refreshProgress)
        return;
    m_refreshProgress->cancel = true;
    m_cancel->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling after the segment being refreshed…"));
}

void SegmentListPage::pollProgress()
{
    if (!m_refreshProgress)
        return;
    const int total = m_refreshProgress->total.load();
    const int done = std::min(m_refreshProgress->done.load(), total);
    if (total > 1) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        if (!m_refreshProgress->cancel) {
            m_progressLabel->setText(tr("Refreshing segment %1 of %2…")
                                         .arg(QLocale().toString(std::min(done + 1, total)), QLocale().toString(total)));
        }
    }
    m_jobs.setProgress(m_jobId, done, total > 1 ? total : 0);
}

void SegmentListPage::endRefresh()
{
    m_poll->stop();
    m_showProgress->stop();
    m_jobs.finish(m_jobId);
    m_jobId = 0;
    m_refreshProgress.reset();
    m_progressRow->hide();
    updateActions();
}

// --- export -------------------------------------------------------------------------------

void SegmentListPage::chooseAndExport(MemberGroup group)
{
    const Segment *s = currentSegment();
    if (!s) {
        m_messages->showInformation(tr("Select the segment to export first."));
        return;
    }
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString suggested =
        QDir(folder).filePath(QStringLiteral("%1-%2.csv").arg(fileSafe(s->name), memberGroupKey(group)));
    const QString path = m_chooseFile ? m_chooseFile(suggested)
                                      : QFileDialog::getSaveFileName(this, tr("Export Segment Members"), suggested,
                                                                     tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportMembers(path, group);
}

bool SegmentListPage::exportMembers(const QString &path, MemberGroup group)
{
    const Segment *s = currentSegment();
    if (!s || isExporting())
        return false;
    m_messages->dismiss();
    const QString segmentId = s->id;
    const QString name = s->name;
    m_exportJobId = m_jobs.start(tr("Exporting “%1”").arg(name));
    updateActions();
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_database, this,
        [service, user, segmentId, path, group, name] {
            // Written beside the target and renamed into place at the end: a file of that
            // name appears only complete, and a failed export leaves none (or the old one).
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                throw Core::Error(Core::Error::Kind::BadInput,
                                  tr("Could not write the file %1: %2. Choose a folder you may write to.")
                                      .arg(QDir::toNativeSeparators(path), file.errorString()));
            }
            const qint64 rows = service->exportCsv(user, segmentId, file, group);
            if (!file.commit()) {
                throw Core::Error(Core::Error::Kind::BadInput,
                                  tr("Could not finish the file %1: %2. Check the free space and try again.")
                                      .arg(QDir::toNativeSeparators(path), file.errorString()));
            }
            return rows;
        },
        [this, path, group, name](qint64 rows) {
            m_jobs.finish(m_exportJobId);
            m_exportJobId = 0;
            updateActions();
            const QString which = group == MemberGroup::All
                                      ? tr("%n member(s)", nullptr, int(rows))
                                      : group == MemberGroup::Test ? tr("%n test group member(s)", nullptr, int(rows))
                                                                   : tr("%n control group member(s)", nullptr, int(rows));
            m_messages->showInformation(tr("Exported %1 of “%2” to %3").arg(which, name, QDir::toNativeSeparators(path)));
            // An export of a segment never refreshed has just computed its members.
            reload();
            emit exportFinished(path, rows);
        },
        [this, name](const QString &error) {
            m_jobs.finish(m_exportJobId);
            m_exportJobId = 0;
            updateActions();
            m_messages->showError(tr("“%1” was not exported: %2").arg(name, error));
            emit exportFinished({}, 0);
        });
    return true;
}

// --- rename, interval, archive ------------------------------------------------------------

QString SegmentListPage::checkName(const QString &name) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter a name for the segment, 1 to %1 characters.").arg(MaxNameLength);
    if (trimmed.size() > MaxNameLength) {
        return tr("The name has %1 characters; shorten it to at most %2.")
            .arg(QLocale().toString(trimmed.size()), QLocale().toString(MaxNameLength));
    }
    for (const Segment &s : m_model->segments()) {
        if (s.id != m_editingId && s.name.compare(trimmed, Qt::CaseInsensitive) == 0) {
            return s.archived ? tr("An archived segment is called “%1”; choose another name.").arg(s.name)
                              : tr("A segment called “%1” already exists; choose another name.").arg(s.name);
        }
    }
    return {};
}

void SegmentListPage::startRename()
{
    const Segment *s = currentSegment();
    if (!s || !m_renameAction->isEnabled())
        return;
    cancelEdit();
    m_editingId = s->id;
    m_renameLabel->setText(tr("New &name for “%1”:").arg(s->name));
    m_renameEdit->setText(s->name);
    m_renameMessage->setMessage({});
    m_renameRow->show();
    m_renameEdit->selectAll();
    m_renameEdit->setFocus();
}

bool SegmentListPage::commitRename()
{
    if (m_editingId.isEmpty() || !m_renameRow->isVisible())
        return false;
    const QString problem = checkName(m_renameEdit->text());
    m_renameMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_renameEdit->setFocus();
        return false;
    }
    const QString id = m_editingId;
    const QString name = m_renameEdit->text().trimmed();
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    m_renameApply->setEnabled(false);
    applyChange(
        [service, user, id, name] { return service->rename(user, id, name); },
        [this](const Segment &) {
            m_renameApply->setEnabled(true);
            cancelEdit();
            m_view->setFocus();
        },
        [this](const QString &error) {
            // The typed name stays; the reason shows beside it and at the top of the page.
            m_renameApply->setEnabled(true);
            m_renameMessage->setMessage(error);
            m_messages->showError(tr("The segment was not renamed: %1").arg(error));
            m_renameEdit->setFocus();
        });
    return true;
}

void SegmentListPage::cancelEdit()
{
    m_editingId.clear();
    m_renameRow->hide();
    m_intervalRow->hide();
    m_renameMessage->setMessage({});
    m_intervalMessage->setMessage({});
}

void SegmentListPage::startIntervalEdit()
{
    const Segment *s = currentSegment();
    if (!s || !m_intervalAction->isEnabled())
        return;
    cancelEdit();
    m_editingId = s->id;
    m_intervalLabel->setText(tr("Refresh “%1” &when:").arg(s->name));
    m_intervalMode->setCurrentIndex(s->refreshHours ? 1 : 0);
    m_intervalHours->setValue(s->refreshHours.value_or(24));
    m_intervalHours->setEnabled(s->refreshHours.has_value());
    m_intervalRow->show();
    m_intervalMode->setFocus();
}

bool SegmentListPage::commitInterval()
{
    if (m_editingId.isEmpty() || !m_intervalRow->isVisible())
        return false;
    const QString id = m_editingId;
    const std::optional<int> hours = m_intervalMode->currentIndex() == 1 ? std::optional<int>(m_intervalHours->value())
                                                                         : std::nullopt;
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    m_intervalApply->setEnabled(false);
    applyChange(
        [service, user, id, hours] { return service->setRefreshInterval(user, id, hours); },
        [this](const Segment &) {
            m_intervalApply->setEnabled(true);
            cancelEdit();
            m_view->setFocus();
        },
        [this](const QString &error) {
            m_intervalApply->setEnabled(true);
            m_intervalMessage->setMessage(error);
            m_messages->showError(tr("The refresh interval was not changed: %1").arg(error));
        });
    return true;
}

void SegmentListPage::toggleArchived()
{
    const Segment *s = currentSegment();
    if (!s || !m_archiveAction->isEnabled())
        return;
    const QString id = s->id;
    const QString name = s->name;
    const bool archive = !s->archived;
    SegmentService *service = &m_service;
    const Core::UserContext user = m_user;
    m_messages->dismiss();
    applyChange(
        [service, user, id, archive] { return service->setArchived(user, id, archive); },
        [this, id, name, archive](const Segment &) {
            if (!archive)
                return;
            // Undo rather than "Are you sure?".
            m_messages->showMessage(
                Ui::MessageBar::Type::Information,
                m_showArchived->isChecked() ? tr("“%1” is archived.").arg(name)
                                            : tr("“%1” is archived; tick “Show archived” to see it.").arg(name),
                tr("&Undo"), [this, id] {
                    SegmentService *service = &m_service;
                    const Core::UserContext user = m_user;
                    applyChange(
                        [service, user, id] { return service->setArchived(user, id, false); },
                        [this, id](const Segment &) { selectSegment(id); },
                        [this](const QString &error) {
                            m_messages->showError(tr("The segment was not restored: %1").arg(error));
                        });
                });
        },
        [this, archive](const QString &error) {
            m_messages->showError(archive ? tr("The segment was not archived: %1").arg(error)
                                          : tr("The segment was not restored: %1").arg(error));
        });
}

void SegmentListPage::applyChange(const std::function<Segment()> &work, const std::function<void(const Segment &)> &done,
                                  const std::function<void(const QString &)> &failed)
{
    Ui::runInBackground(
        m_database, this, [work] { return work(); },
        [this, done](const Segment &segment) {
            // A rename gives referring segments a version; archiving changes the filter: the
            // whole list is read again rather than patched.
            if (done)
                done(segment);
            reload();
            emit changeFinished();
        },
        [this, failed](const QString &error) {
            if (failed)
                failed(error);
            emit changeFinished();
        });
}

void SegmentListPage::openCurrentInBuilder()
{
    const Segment *s = currentSegment();
    if (s && m_openAction->isEnabled())
        m_openInBuilder(s->id);
}

// --- language -----------------------------------------------------------------------------

void SegmentListPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void SegmentListPage::retranslateUi()
{
    m_refreshAction->setText(tr("&Refresh Now"));
    m_refreshDueAction->setText(tr("Refresh &Due"));
    m_exportAction->setText(tr("&Export Members"));
    m_exportAll->setText(tr("&All Members to CSV…"));
    m_exportTest->setText(tr("&Test Group to CSV…"));
    m_exportControl->setText(tr("&Control Group to CSV…"));
    m_intervalAction->setText(tr("Refresh &Interval…"));
    m_renameAction->setText(tr("Re&name…"));
    m_openAction->setText(tr("&Open in Builder"));
    m_showArchived->setText(tr("Show arc&hived"));
    m_renameApply->setText(tr("&Rename"));
    m_renameCancel->setText(tr("Cancel"));
    m_intervalMode->setItemText(0, tr("On demand only"));
    m_intervalMode->setItemText(1, tr("Every"));
    m_intervalHours->setSuffix(tr(" hours"));
    m_intervalApply->setText(tr("&Set"));
    m_intervalCancel->setText(tr("Cancel"));
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setToolTip(tr("Stop after the segment being refreshed; the segments refreshed keep their new members"));
    m_listLabel->setText(tr("Saved &segments:"));
    m_groupLabel->setText(tr("&Group:"));
    for (int i = 0; i < m_groupFilter->count(); ++i)
        m_groupFilter->setItemText(i, SegmentListMembersModel::groupName(MemberGroup(m_groupFilter->itemData(i).toInt())));
    updateActions();
    updateCount();
    if (m_loaded && m_proxy->rowCount() == 0)
        showEmptyState();
}

} // namespace Ud::Segments
