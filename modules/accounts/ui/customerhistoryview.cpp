#include "customerhistoryview.h"

#include <accounts/accountsmodule.h>
#include <accounts/customerhistory.h>
#include <accounts/customerhistorymodel.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Ud::Accounts {

CustomerHistoryView::CustomerHistoryView(AccountsModule &module, const Core::UserContext &user,
                                         const QString &customerId, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(user), m_customerId(customerId),
      m_model(new CustomerHistoryModel(this)), m_messages(new Ui::MessageBar(this)), m_count(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_table(new Ui::TableView(m_stack)), m_empty(new QLabel(m_stack))
{
    setObjectName(QStringLiteral("customerHistoryView"));
    m_table->setObjectName(QStringLiteral("customerHistoryTable"));
    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_empty->setObjectName(QStringLiteral("customerHistoryEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_count);
    layout->addWidget(m_stack, 1);

    connect(m_model, &CustomerHistoryModel::fetchRequested, this, &CustomerHistoryView::fetch);
    connect(m_model, &CustomerHistoryModel::rowsInserted, this, &CustomerHistoryView::updateState);
    connect(m_model, &CustomerHistoryModel::reloaded, this, [this] {
        updateState();
        m_table->resizeColumnsToContents();
    });
    connect(m_model, &CustomerHistoryModel::loadFailed, this, [this](const QString &message) {
        updateState();
        m_messages->showMessage(Ui::MessageBar::Type::Error, tr("The change history could not be loaded: %1").arg(message),
                                tr("T&ry again"), [this] { reload(); });
    });
    retranslateUi();
    reload();
}

void CustomerHistoryView::reload()
{
    m_messages->dismiss();
    m_model->reload();
    updateState();
}

void CustomerHistoryView::fetch(quint64 generation, int offset, int limit)
{
    struct Page {
        QList<CustomerChange> rows;
        qint64 total = 0;
    };
    CustomerHistory &history = m_module.history();
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    QPointer<CustomerHistoryModel> model = m_model;
    Ui::runInBackground(
        m_module.context().database, this,
        [&history, user, id, offset, limit] {
            Page page;
            page.total = history.count(user, id);
            page.rows = history.changes(user, id, limit, offset);
            return page;
        },
        [model, generation, offset](const Page &page) {
            if (model)
                model->addPage(generation, offset, page.rows, page.total);
        },
        [model, generation](const QString &error) {
            if (model)
                model->pageFailed(generation, error);
        });
}

void CustomerHistoryView::updateState()
{
    const bool empty = m_model->hasLoaded() && m_model->rowCount() == 0;
    if (!m_model->hasLoaded())
        m_empty->setText(tr("Loading the change history…"));
    else if (!m_model->errorMessage().isEmpty() && m_model->rowCount() == 0)
        m_empty->setText(tr("The change history could not be loaded."));
    else
        m_empty->setText(tr("No changes recorded yet"));
    m_stack->setCurrentWidget(!m_model->hasLoaded() || empty ? static_cast<QWidget *>(m_empty) : m_table);
    m_count->setText(m_model->hasLoaded() && m_model->errorMessage().isEmpty()
                         ? tr("%n change(s) recorded", nullptr, int(m_model->totalEntries()))
                         : QString());
}

void CustomerHistoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomerHistoryView::retranslateUi()
{
    m_model->retranslate();
    updateState();
}

} // namespace Ud::Accounts
