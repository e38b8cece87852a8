#include "customerspage.h"

#include "customerdetailpanel.h"

#include <accounts/accountsmodule.h>
#include <accounts/customerlistmodel.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Ud::Accounts {

CustomersPage::CustomersPage(AccountsModule &module, Core::UserContext user, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user))
{
    setObjectName(QStringLiteral("customersPage"));
    m_model = new CustomerListModel(module.customers(), m_user, CustomerListModel::Loading::Background, this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &CustomersPage::applySearch);
    // Enter searches at once; if that leaves exactly one customer, it opens.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_openSingleMatch = true;
        applySearch();
        if (!m_model->isLoading())
            openSingleMatch();
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &CustomersPage::focusSearch);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("customerTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    header->setStretchLastSection(true);
    header->setSectionResizeMode(CustomerListModel::NameColumn, QHeaderView::Stretch);
    // Codes are short and fixed in shape: size them to what they hold (and to their header,
    // which is longer in Spanish) rather than clip "Customer number".
    for (int column : {int(CustomerListModel::NumberColumn), int(CustomerListModel::ClassColumn),
                       int(CustomerListModel::PostcodeColumn), int(CustomerListModel::MarketColumn)})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // Sorting happens in the database; a click on a column it cannot sort by puts the
    // indicator back where the list really is sorted.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder order) {
        if (!CustomerListModel::isSortable(column)) {
            const QSignalBlocker block(header);
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
            return;
        }
        m_model->sort(column, order);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &) { openCurrent(); });

    m_copyAction = new QAction(this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyAction, &QAction::triggered, this, &CustomersPage::copySelection);
    m_openAction = new QAction(this);
    connect(m_openAction, &QAction::triggered, this, &CustomersPage::openCurrent);
    m_table->addAction(m_openAction);
    m_table->addAction(m_copyAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_emptyState = new QWidget(this);
    m_emptyState->setObjectName(QStringLiteral("customerEmptyState"));
    m_emptyText = new QLabel(m_emptyState);
    m_emptyText->setObjectName(QStringLiteral("customerEmptyText"));
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyAction = new QPushButton(m_emptyState);
    m_emptyAction->setObjectName(QStringLiteral("customerEmptyAction"));
    connect(m_emptyAction, &QPushButton::clicked, this, [this] {
        if (!m_model->errorMessage().isEmpty()) {
            reload();
        } else {
            m_search->clear();
            m_searchDelay->stop();
            applySearch();
            focusSearch();
        }
    });
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_emptyAction, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("customerStatus"));

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_search);
    listLayout->addWidget(m_stack, 1);
    listLayout->addWidget(m_status);

    m_detail = new CustomerDetailPanel(module, m_user, this);
    m_detail->hide();
    connect(m_detail, &CustomerDetailPanel::closeRequested, this, [this] {
        m_detail->hide();
        m_table->setFocus();
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("customersSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(listSide);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateStatus();
        updateEmptyState();
    });
    connect(m_model, &CustomerListModel::reloaded, this, &CustomersPage::openSingleMatch);
    connect(m_model, &CustomerListModel::loadingChanged, this, &CustomersPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CustomersPage::updateStatus);
    connect(m_model, &CustomerListModel::loadFailed, this, &CustomersPage::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CustomersPage::updateStatus);

    setFocusProxy(m_search);
    retranslateUi();
}

void CustomersPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CustomersPage::applySearch()
{
    m_model->setFilter(m_search->text());
    updateStatus();
}

void CustomersPage::openSingleMatch()
{
    if (!m_openSingleMatch)
        return;
    m_openSingleMatch = false;
    if (m_model->rowCount() == 1) {
        m_table->setCurrentIndex(m_model->index(0, 0));
        openCurrent();
    }
}

void CustomersPage::reload()
{
    m_model->reload();
}

void CustomersPage::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        openCustomer(m_model->customerId(current.row()));
}

void CustomersPage::openCustomer(const QString &customerId)
{
    if (customerId.isEmpty())
        return;
    m_detail->showCustomer(customerId);
    m_detail->show();
}

void CustomersPage::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_table->currentIndex();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows)) {
        QStringList cells;
        for (int column = 0; column < m_model->columnCount(); ++column) {
            // Tabs and line breaks inside a value would shift the columns when pasted.
            QString cell = m_model->index(index.row(), column).data().toString();
            cell.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
            cells << cell;
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void CustomersPage::updateStatus()
{
    if (m_model->isLoading() || !m_model->hasLoaded()) {
        m_status->setText(m_model->filter().isEmpty() ? tr("Loading customers…") : tr("Searching…"));
        return;
    }
    if (!m_model->errorMessage().isEmpty()) {
        m_status->clear();
        return;
    }
    const qint64 total = m_model->totalCount();
    const int shown = m_model->rowCount();
    QString text = shown < total ? tr("Showing %1 of %n customers", nullptr, int(total)).arg(QLocale().toString(shown))
                                 : tr("%n customers", nullptr, int(total));
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    if (selected > 0)
        text += QStringLiteral(" · ") + tr("%n selected", nullptr, selected);
    m_status->setText(text);
}

void CustomersPage::updateEmptyState()
{
    // While an answer is on its way the previous view stays, so the table does not flicker.
    if (m_model->isLoading() || !m_model->hasLoaded())
        return;
    const QString error = m_model->errorMessage();
    if (!error.isEmpty()) {
        m_emptyText->setText(tr("Could not load: %1").arg(error));
        m_emptyAction->setText(tr("&Try again"));
        m_emptyAction->show();
        m_stack->setCurrentWidget(m_emptyState);
        return;
    }
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    if (m_model->filter().isEmpty()) {
        m_emptyText->setText(tr("No customers yet — create demo data with “utilitydesk demo”."));
        m_emptyAction->hide();
    } else {
        m_emptyText->setText(tr("No customer matches “%1”.").arg(m_model->filter()));
        m_emptyAction->setText(tr("&Clear search"));
        m_emptyAction->show();
    }
    m_stack->setCurrentWidget(m_emptyState);
}

void CustomersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomersPage::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search by name, customer or account number, phone or postcode (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search customers"));
    m_table->setAccessibleName(tr("Customers"));
    m_copyAction->setText(tr("&Copy rows"));
    m_openAction->setText(tr("&Open details"));
    m_model->retranslate();
    updateStatus();
    updateEmptyState();
}

} // namespace Ud::Accounts
