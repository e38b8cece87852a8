#include "billrunpage.h"

#include <billing/billrun.h>
#include <billing/billrunsmodel.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>

#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>

namespace Ud::Billing {

/// Written by the run's thread, read by the page's poll timer.
struct BillRunPage::Progress {
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
    std::atomic<bool> cancel{false};
};

namespace {
Ui::TableView *table(QAbstractItemModel *model, QWidget *parent, const QString &name, int sortColumn)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(BillRunsModel::RawValueRole);
    auto *view = new Ui::TableView(parent);
    view->setObjectName(name);
    view->setModel(proxy);
    view->setSortingEnabled(sortColumn >= 0);
    if (sortColumn >= 0)
        view->sortByColumn(sortColumn, Qt::DescendingOrder);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}
} // namespace

BillRunPage::BillRunPage(Core::Context &context, Ui::JobTracker &jobs, BillRun &billRun, Core::UserContext user,
                         QWidget *parent)
    : QWidget(parent), m_context(context), m_jobs(jobs), m_billRun(billRun), m_user(std::move(user))
{
    setObjectName(QStringLiteral("billRunPage"));
    m_messages = new Ui::MessageBar(this);

    // The last calendar month: what a monthly run bills.
    const QDate firstOfMonth = QDate::currentDate().addDays(1 - QDate::currentDate().day());
    m_from = new QDateEdit(firstOfMonth.addMonths(-1), this);
    m_from->setObjectName(QStringLiteral("billRunFrom"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(firstOfMonth.addDays(-1), this);
    m_to->setObjectName(QStringLiteral("billRunTo"));
    m_to->setCalendarPopup(true);
    m_fromLabel = new QLabel(this);
    m_fromLabel->setBuddy(m_from);
    m_toLabel = new QLabel(this);
    m_toLabel->setBuddy(m_to);
    m_toMessage = new Ui::FieldMessage(m_to, this);
    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("startBillRun"));
    m_run->setDefault(true);

    m_progressRow = new QWidget(this);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("billRunProgressText"));
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("billRunProgress"));
    m_progress->setMaximumWidth(m_progress->fontMetrics().averageCharWidth() * 32);
    m_cancel = new QPushButton(m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelBillRun"));
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_cancel);
    progressLayout->addStretch(1);
    m_progressRow->hide();

    auto *form = new QFormLayout;
    form->addRow(m_fromLabel, m_from);
    auto *toColumn = new QVBoxLayout;
    toColumn->addWidget(m_to);
    toColumn->addWidget(m_toMessage);
    form->addRow(m_toLabel, toColumn);
    auto *bar = new QHBoxLayout;
    bar->addLayout(form);
    bar->addWidget(m_run, 0, Qt::AlignBottom);
    bar->addStretch(1);

    m_runs = new BillRunsModel(this);
    m_runsView = table(m_runs, this, QStringLiteral("billRunsView"), BillRunsModel::StartedColumn);
    m_runsLabel = new QLabel(this);
    m_runsLabel->setBuddy(m_runsView);
    m_state = new Ui::LoadState(m_runsView, this);
    m_failures = new BillRunFailuresModel(this);
    m_failuresView = table(m_failures, this, QStringLiteral("billRunFailuresView"), -1);
    m_failuresLabel = new QLabel(this);
    m_failuresLabel->setBuddy(m_failuresView);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(bar);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_runsLabel);
    layout->addWidget(m_state, 2);
    layout->addWidget(m_failuresLabel);
    layout->addWidget(m_failuresView, 1);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_run);
    setTabOrder(m_run, m_cancel);
    setTabOrder(m_cancel, m_runsView);
    setTabOrder(m_runsView, m_failuresView);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &BillRunPage::pollProgress);
    m_showProgress = new QTimer(this);
    m_showProgress->setSingleShot(true);
    m_showProgress->setInterval(ProgressDelayMs);
    connect(m_showProgress, &QTimer::timeout, this, [this] { m_progressRow->setVisible(isRunning()); });

    connect(m_run, &QPushButton::clicked, this, &BillRunPage::startRun);
    connect(m_cancel, &QPushButton::clicked, this, &BillRunPage::cancelRun);
    connect(m_from, &QDateEdit::editingFinished, this, &BillRunPage::checkPeriod);
    connect(m_to, &QDateEdit::editingFinished, this, &BillRunPage::checkPeriod);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &BillRunPage::loadFailures);

    setFocusProxy(m_from);
    retranslateUi();
    reload();
}

BillRunPage::~BillRunPage()
{
    // A run still going stops after its current batch; the batches committed stay.
    if (m_runProgress)
        m_runProgress->cancel = true;
    if (m_jobId != 0)
        m_jobs.finish(m_jobId);
}

bool BillRunPage::checkPeriod()
{
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    if (to < from) {
        m_toMessage->setMessage(tr("Enter a day on or after %1.").arg(QLocale().toString(from, QLocale::ShortFormat)));
        return false;
    }
    if (from.daysTo(to) >= 366) {
        m_toMessage->setMessage(tr("A bill run covers at most 366 days; enter an earlier day."));
        return false;
    }
    m_toMessage->setMessage({});
    return true;
}

bool BillRunPage::startRun()
{
    if (isRunning())
        return false;
    if (!checkPeriod()) {
        m_to->setFocus();
        return false;
    }
    m_messages->dismiss();
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    auto progress = std::make_shared<Progress>();
    m_runProgress = progress;
    m_jobId = m_jobs.start(tr("Bill run %1 to %2").arg(QLocale().toString(from, QLocale::ShortFormat),
                                                      QLocale().toString(to, QLocale::ShortFormat)));
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Finding the accounts to bill…"));
    m_showProgress->start();
    m_poll->start();

    BillRun *billRun = &m_billRun;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_context.database, this,
        [billRun, user, from, to, progress] {
            return billRun->run(user, from, to, [progress](qint64 done, qint64 total) {
                progress->total = total;
                progress->done = done;
                return !progress->cancel.load();
            });
        },
        [this](const BillRunRecord &run) {
            endRun();
            reload();
            const QString counts = tr("%1 billed, %2 already billed, %3 not billed.")
                                       .arg(QLocale().toString(run.billed), QLocale().toString(run.skipped),
                                            QLocale().toString(run.failed));
            if (run.status == BillRunStatus::Cancelled) {
                m_messages->showMessage(Ui::MessageBar::Type::Information,
                                        tr("The bill run was cancelled; the bills issued so far stay. Run the period "
                                           "again to bill the rest. %1").arg(counts));
            } else if (run.failed > 0) {
                m_messages->showMessage(Ui::MessageBar::Type::Warning,
                                        tr("The bill run finished: %1 The accounts not billed are listed with the "
                                           "reason below.").arg(counts));
            } else {
                m_messages->showInformation(tr("The bill run finished: %1").arg(counts));
            }
            emit runFinished(run.id);
        },
        [this](const QString &error) {
            endRun();
            reload();
            m_messages->showError(tr("The bill run stopped: %1 The bills issued before stay; run the period again to "
                                     "continue.").arg(error));
            emit runFinished({});
        });
    return true;
}

void BillRunPage::cancelRun()
{
    if (!m_runProgress)
        return;
    m_runProgress->cancel = true;
    m_cancel->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling after the current batch…"));
}

void BillRunPage::pollProgress()
{
    if (!m_runProgress)
        return;
    const qint64 total = m_runProgress->total.load();
    const qint64 done = std::min(m_runProgress->done.load(), total);
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(done * 1000 / total));
        if (!m_runProgress->cancel)
            m_progressLabel->setText(tr("Billing account %1 of %2…").arg(QLocale().toString(done), QLocale().toString(total)));
    }
    m_jobs.setProgress(m_jobId, done, total);
}

void BillRunPage::endRun()
{
    m_poll->stop();
    m_showProgress->stop();
    m_jobs.finish(m_jobId);
    m_jobId = 0;
    m_runProgress.reset();
    m_progressRow->hide();
    m_run->setEnabled(true);
}

void BillRunPage::reload()
{
    const quint64 generation = ++m_generation;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    BillRun *billRun = &m_billRun;
    const Core::UserContext user = m_user;
    QString selected;
    if (const QModelIndex current = m_runsView->currentIndex(); current.isValid())
        selected = current.data(BillRunsModel::IdRole).toString();
    Ui::runInBackground(
        m_context.database, this, [billRun, user] { return billRun->recent(user, 50); },
        [this, generation, selected](const QList<BillRunRecord> &runs) {
            if (generation == m_generation)
                showRuns(runs, selected);
        },
        [this, generation](const QString &error) {
            if (generation == m_generation)
                m_state->showError(error, [this] { reload(); });
        });
}

void BillRunPage::showRuns(const QList<BillRunRecord> &runs, const QString &select)
{
    m_runs->setRuns(runs);
    if (runs.isEmpty()) {
        m_state->showEmpty(tr("No bill runs yet. Choose a period above and run it."), tr("&Run bills"),
                           [this] { startRun(); });
        m_failures->setFailures({});
        return;
    }
    m_state->showContent();
    m_runsView->resizeColumnsToContents();
    // The run asked for, else the newest, so its failures show.
    QString id = select.isEmpty() ? runs.constFirst().id : select;
    auto *proxy = m_runsView->model();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (index.data(BillRunsModel::IdRole).toString() == id) {
            m_runsView->setCurrentIndex(index);
            break;
        }
    }
    loadFailures();
}

void BillRunPage::loadFailures()
{
    const QModelIndex current = m_runsView->currentIndex();
    if (!current.isValid()) {
        m_failures->setFailures({});
        return;
    }
    const QString runId = current.data(BillRunsModel::IdRole).toString();
    BillRun *billRun = &m_billRun;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_context.database, this, [billRun, user, runId] { return billRun->failures(user, runId); },
        [this, runId](const QList<BillRunFailure> &failures) {
            const QModelIndex now = m_runsView->currentIndex();
            if (now.isValid() && now.data(BillRunsModel::IdRole).toString() == runId) {
                m_failures->setFailures(failures);
                m_failuresView->resizeColumnToContents(BillRunFailuresModel::AccountColumn);
            }
        },
        [this](const QString &error) { m_messages->showError(tr("The failed accounts could not be loaded: %1").arg(error)); });
}

void BillRunPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void BillRunPage::retranslateUi()
{
    m_fromLabel->setText(tr("&From:"));
    m_toLabel->setText(tr("&To:"));
    m_run->setText(tr("&Run bills"));
    m_run->setToolTip(tr("Bill every active postpaid account with a tariff for these days; accounts already billed "
                         "for them are skipped"));
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setToolTip(tr("Stop after the current batch; the bills issued so far stay"));
    m_runsLabel->setText(tr("&Latest runs:"));
    m_failuresLabel->setText(tr("Accounts the selected run could not &bill:"));
}

} // namespace Ud::Billing
