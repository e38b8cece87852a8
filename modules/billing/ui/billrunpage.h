#pragma once

#include <billing/bill.h>
#include <core/usercontext.h>

#include <QWidget>

#include <memory>

class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class FieldMessage;
class JobTracker;
class LoadState;
class MessageBar;
class TableView;
}

namespace Ud::Billing {

class BillRun;
class BillRunFailuresModel;
class BillRunsModel;

/// The "Bill run" page (RunBilling): choose a period (the last calendar month by default) and
/// bill every active postpaid account for it on a worker thread, with a progress bar after
/// half a second, Cancel (stops after the current batch; what was billed stays) and the run
/// listed in the status bar's jobs. Below, the latest runs with their counts, and the accounts
/// the selected run could not bill with the reason. Outcomes show in a message bar.
class BillRunPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ProgressDelayMs = 500;

    BillRunPage(Core::Context &context, Ui::JobTracker &jobs, BillRun &billRun, Core::UserContext user,
                QWidget *parent = nullptr);
    ~BillRunPage() override;

    /// Starts a run for the period in the date fields; false if one is running or the period is bad.
    bool startRun();
    void cancelRun();
    bool isRunning() const { return m_jobId != 0; }
    void reload();

    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    Ui::TableView *runsView() const { return m_runsView; }
    Ui::TableView *failuresView() const { return m_failuresView; }
    BillRunsModel *runsModel() const { return m_runs; }
    BillRunFailuresModel *failuresModel() const { return m_failures; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    Ui::LoadState *loadState() const { return m_state; }

signals:
    /// A run started from the page ended (finished, cancelled or failed).
    void runFinished(const QString &runId);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Progress;

    void retranslateUi();
    void pollProgress();
    void endRun();
    void showRuns(const QList<BillRunRecord> &runs, const QString &select);
    void loadFailures();
    bool checkPeriod();

    Core::Context &m_context;
    Ui::JobTracker &m_jobs;
    BillRun &m_billRun;
    Core::UserContext m_user;
    Ui::MessageBar *m_messages;
    QLabel *m_fromLabel;
    QLabel *m_toLabel;
    QDateEdit *m_from;
    QDateEdit *m_to;
    Ui::FieldMessage *m_toMessage;
    QPushButton *m_run;
    QWidget *m_progressRow;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_runsLabel;
    Ui::LoadState *m_state;
    Ui::TableView *m_runsView;
    BillRunsModel *m_runs;
    QLabel *m_failuresLabel;
    Ui::TableView *m_failuresView;
    BillRunFailuresModel *m_failures;
    QTimer *m_poll;
    QTimer *m_showProgress;
    int m_jobId = 0;
    quint64 m_generation = 0;
    std::shared_ptr<Progress> m_runProgress;
};

} // namespace Ud::Billing
