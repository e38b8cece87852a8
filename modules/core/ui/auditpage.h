#pragma once

#include <core/auditlog.h>
#include <core/module.h>
#include <core/usercontext.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Ud::Ui {

class AuditLogModel;
class JobTracker;
class MessageBar;
class TableView;

/// The audit log page: every recorded change, newest first and loaded lazily, with the
/// record before and after the selected change, and "Verify chain", which walks the hash
/// chain off the UI thread (progress in the page and in the status bar's job list) and says
/// inline whether the log is intact or which entry was tampered with.
class AuditPage : public QWidget
{
    Q_OBJECT
public:
    AuditPage(Core::Context &context, JobTracker &jobs, const Core::UserContext &user, QWidget *parent = nullptr);

    void reload();
    /// Starts the verification (ignored while one runs).
    void verifyChain();
    bool isVerifying() const { return m_jobId != 0; }

    MessageBar *messageBar() const { return m_messages; }
    AuditLogModel *model() const { return m_model; }
    QString beforeText() const;
    QString afterText() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void showDetail();
    void updateCount();
    void pollProgress();
    void endVerification();
    void showVerification(const Core::AuditLog::Verification &result);

    struct Progress;

    Core::Context &m_context;
    JobTracker &m_jobs;
    Core::UserContext m_user;

    MessageBar *m_messages;
    QLabel *m_count;
    QProgressBar *m_progress;
    QPushButton *m_refresh;
    QPushButton *m_verify;
    AuditLogModel *m_model;
    TableView *m_table;
    QLabel *m_detailTitle;
    QLabel *m_beforeLabel;
    QPlainTextEdit *m_before;
    QLabel *m_afterLabel;
    QPlainTextEdit *m_after;
    QTimer *m_poll;

    int m_jobId = 0;
    bool m_shownBefore = false;
    std::shared_ptr<Progress> m_verifyProgress;
};

} // namespace Ud::Ui
