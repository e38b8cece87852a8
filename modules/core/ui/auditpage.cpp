#include "auditpage.h"

#include "auditlogmodel.h"
#include "background.h"
#include "jobtracker.h"
#include "messagebar.h"
#include "tableview.h"

#include <QEvent>
#include <QShowEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <limits>

namespace Ud::Ui {

/// Written by the verifying thread, read by the page's poll timer: plain atomics instead of
/// one queued signal per entry, which would flood the event loop on a long log.
struct AuditPage::Progress {
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
};

namespace {
QString prettyJson(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isNull() ? text : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

QPlainTextEdit *jsonView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}
} // namespace

AuditPage::AuditPage(Core::Context &context, JobTracker &jobs, const Core::UserContext &user, QWidget *parent)
    : QWidget(parent), m_context(context), m_jobs(jobs), m_user(user)
{
    setObjectName(QStringLiteral("auditPage"));
    m_messages = new MessageBar(this);
    m_count = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(m_progress->fontMetrics().averageCharWidth() * 24);
    m_progress->hide();
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshAudit"));
    m_verify = new QPushButton(this);
    m_verify->setObjectName(QStringLiteral("verifyAudit"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count);
    bar->addStretch(1);
    bar->addWidget(m_progress);
    bar->addWidget(m_refresh);
    bar->addWidget(m_verify);

    m_model = new AuditLogModel(context.audit, user, this);
    m_table = new TableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *detail = new QWidget(this);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_beforeLabel = new QLabel(detail);
    m_before = jsonView(detail);
    m_before->setObjectName(QStringLiteral("auditBefore"));
    m_afterLabel = new QLabel(detail);
    m_after = jsonView(detail);
    m_after->setObjectName(QStringLiteral("auditAfter"));
    m_beforeLabel->setBuddy(m_before);
    m_afterLabel->setBuddy(m_after);
    auto *detailLayout = new QGridLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailTitle, 0, 0, 1, 2);
    detailLayout->addWidget(m_beforeLabel, 1, 0);
    detailLayout->addWidget(m_afterLabel, 1, 1);
    detailLayout->addWidget(m_before, 2, 0);
    detailLayout->addWidget(m_after, 2, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &AuditPage::pollProgress);
    connect(m_refresh, &QPushButton::clicked, this, &AuditPage::reload);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(m_model, &AuditLogModel::loadFailed, this, [this](const QString &message) {
        m_messages->showMessage(MessageBar::Type::Error, tr("The audit log could not be loaded: %1").arg(message),
                                tr("Tr&y again"), [this] { reload(); });
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditPage::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showDetail);

    retranslateUi();
    reload();
    m_table->resizeColumnsToContents();
}

void AuditPage::reload()
{
    m_model->reload();
    // A reset model drops the selection model's connections to rows, not to us.
    if (m_model->rowCount() > 0)
        m_table->selectionModel()->setCurrentIndex(m_model->index(0, 0),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateCount();
    showDetail();
}

void AuditPage::updateCount()
{
    const qint64 total = m_model->totalCount();
    if (total == 0) {
        m_count->setText(tr("The audit log has no entries yet."));
        return;
    }
    m_count->setText(tr("%Ln entries (%1 loaded)", nullptr, int(total)).arg(QLocale().toString(m_model->rowCount())));
}

QString AuditPage::beforeText() const
{
    return m_before->toPlainText();
}

QString AuditPage::afterText() const
{
    return m_after->toPlainText();
}

void AuditPage::showDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detailTitle->setText(tr("Select an entry to see the record before and after the change."));
        m_before->clear();
        m_after->clear();
        return;
    }
    const Core::AuditLog::Entry &e = m_model->entry(current.row());
    m_detailTitle->setText(tr("Entry %1: %2 by %3 (%4)")
                               .arg(QLocale().toString(e.seq), e.action, e.actor, AuditLogModel::roleText(e.actorRole)));
    m_before->setPlainText(prettyJson(e.beforeJson));
    m_after->setPlainText(prettyJson(e.afterJson));
}

void AuditPage::verifyChain()
{
    if (isVerifying())
        return;
    m_messages->dismiss();
    auto progress = std::make_shared<Progress>();
    m_verifyProgress = progress;
    m_jobId = m_jobs.start(tr("Verifying the audit log"));
    m_verify->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_poll->start();
    Core::AuditLog &audit = m_context.audit;
    runInBackground(
        m_context.database, this,
        [&audit, progress] {
            return audit.verify([progress](qint64 done, qint64 total) {
                progress->total.store(total, std::memory_order_relaxed);
                progress->done.store(done, std::memory_order_relaxed);
            });
        },
        [this](const Core::AuditLog::Verification &result) {
            endVerification();
            showVerification(result);
        },
        [this](const QString &error) {
            endVerification();
            m_messages->showError(tr("The audit log could not be verified: %1").arg(error));
        });
}

void AuditPage::pollProgress()
{
    if (!m_verifyProgress)
        return;
    const qint64 total = m_verifyProgress->total.load(std::memory_order_relaxed);
    const qint64 done = m_verifyProgress->done.load(std::memory_order_relaxed);
    if (total > 0) {
        const bool scale = total > std::numeric_limits<int>::max();
        m_progress->setRange(0, scale ? 1000 : int(total));
        m_progress->setValue(scale ? int(done * 1000 / total) : int(done));
    }
    m_jobs.setProgress(m_jobId, done, total);
}

void AuditPage::endVerification()
{
    m_poll->stop();
    m_jobs.finish(m_jobId);
    m_jobId = 0;
    m_verifyProgress.reset();
    m_progress->hide();
    m_verify->setEnabled(true);
}

void AuditPage::showVerification(const Core::AuditLog::Verification &result)
{
    if (result.intact) {
        m_messages->showMessage(MessageBar::Type::Information,
                                tr("The audit log is intact (%Ln entries checked).", nullptr, int(result.checked)));
    } else {
        m_messages->showMessage(MessageBar::Type::Error,
                                result.reason.isEmpty()
                                    ? tr("Entry %1 of the audit log has been changed or removed.")
                                          .arg(QLocale().toString(result.firstBadSeq))
                                    : result.reason);
    }
}

void AuditPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the page shows what changed meanwhile (other pages write audit entries).
    if (m_shownBefore && !event->spontaneous())
        reload();
    m_shownBefore = true;
}

void AuditPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void AuditPage::retranslateUi()
{
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Load the newest entries"));
    m_verify->setText(tr("V&erify chain"));
    m_verify->setToolTip(tr("Check that no entry has been changed, removed or reordered"));
    m_beforeLabel->setText(tr("&Before the change:"));
    m_afterLabel->setText(tr("&After the change:"));
    m_before->setPlaceholderText(tr("Nothing before: the record was created."));
    m_after->setPlaceholderText(tr("Nothing after: the record was removed, or the action changed no record."));
    m_model->retranslate();
    updateCount();
    showDetail();
}

} // namespace Ud::Ui
