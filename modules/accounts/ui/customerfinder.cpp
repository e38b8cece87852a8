#include "customerfinder.h"

#include <accounts/accountsmodule.h>
#include <accounts/customerlistmodel.h>
#include <accounts/customermatchmodel.h>
#include <core/module.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ui/tableview.h>

#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Ud::Accounts {

CustomerFinder::CustomerFinder(AccountsModule &module, Core::UserContext user, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user))
{
    setObjectName(QStringLiteral("customerFinder"));
    m_list = new CustomerListModel(module.customers(), m_user, CustomerListModel::Loading::Background, this);
    m_matches = new CustomerMatchModel(this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    m_searchDelay->setTimerType(Qt::PreciseTimer);   // part of a 100 ms budget: not 5 % late
    connect(m_search, &QLineEdit::textChanged, this, &CustomerFinder::onTextChanged);
    connect(m_searchDelay, &QTimer::timeout, this, &CustomerFinder::runSearch);
    connect(m_search, &QLineEdit::returnPressed, this, &CustomerFinder::onReturn);

    m_matchTable = new Ui::TableView(this);
    m_matchTable->setObjectName(QStringLiteral("customerMatchTable"));
    m_matchTable->setModel(m_matches);
    m_matchTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_matchTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matchTable->horizontalHeader()->setSectionResizeMode(CustomerMatchModel::NameColumn, QHeaderView::Stretch);
    for (int column : {int(CustomerMatchModel::AccountsColumn), int(CustomerMatchModel::PostcodeColumn)})
        m_matchTable->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    m_listTable = new Ui::TableView(this);
    m_listTable->setObjectName(QStringLiteral("customerTable"));
    m_listTable->setModel(m_list);
    m_listTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_listTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView *header = m_listTable->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_list->sortColumn(), m_list->sortOrder());
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
            header->setSortIndicator(m_list->sortColumn(), m_list->sortOrder());
            return;
        }
        m_list->sort(column, order);
    });
    for (Ui::TableView *table : {m_matchTable, m_listTable}) {
        connect(table, &QAbstractItemView::activated, this,
                [this, table](const QModelIndex &index) { openRow(table, index.row()); });
        connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CustomerFinder::updateStatus);
    }

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
        if (inSearchMode() && !m_searchError.isEmpty()) {
            runSearch();
        } else if (inSearchMode()) {
            m_search->clear();
            focusSearch();
        } else {
            reload();
        }
    });
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_emptyAction, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_listTable);
    m_stack->addWidget(m_matchTable);
    m_stack->addWidget(m_emptyState);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("customerStatus"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    connect(m_list, &QAbstractItemModel::modelReset, this, [this] {
        updateStatus();
        updateView();
    });
    connect(m_list, &CustomerListModel::loadingChanged, this, &CustomerFinder::updateStatus);
    connect(m_list, &QAbstractItemModel::rowsInserted, this, &CustomerFinder::updateStatus);
    connect(m_list, &CustomerListModel::loadFailed, this, &CustomerFinder::updateView);

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("CustomerSearch"));
    m_worker = new QObject;
    m_worker->moveToThread(m_thread);
    Core::Database *db = &m_module.context().database;
    connect(m_thread, &QThread::finished, m_worker, [db] { db->releaseThreadConnection(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();

    setFocusProxy(m_search);
    retranslateUi();
}

CustomerFinder::~CustomerFinder()
{
    ++m_generation;   // a queued search need not run any more
    m_thread->quit();
    m_thread->wait();
}

bool CustomerFinder::inSearchMode() const
{
    return !m_search->text().trimmed().isEmpty();
}

void CustomerFinder::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CustomerFinder::reload()
{
    m_list->reload();
    if (inSearchMode())
        runSearch();
}

void CustomerFinder::onTextChanged()
{
    m_openSingleMatch = false;
    if (!inSearchMode()) {
        // Back to browsing: whatever is still on its way is of no use any more.
        ++m_generation;
        m_searchDelay->stop();
        m_searching = false;
        m_searchError.clear();
        m_answeredText.clear();
        m_matches->setMatches({});
        updateView();
        updateStatus();
        return;
    }
    m_searching = true;
    m_searchDelay->start();
    updateStatus();
}

void CustomerFinder::runSearch()
{
    m_searchDelay->stop();
    const QString text = m_search->text().trimmed();
    if (text.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_searching = true;
    CustomerSearch *search = &m_module.customerSearch();
    const Core::UserContext user = m_user;
    // The finder outlives every request: its destructor stops the thread first, and answers
    // still queued for it go with it.
    QMetaObject::invokeMethod(m_worker, [this, search, user, text, generation] {
        if (generation != m_generation)
            return;   // the agent typed on while this one waited
        QList<CustomerMatch> matches;
        QString error;
        try {
            matches = search->search(user, text, ResultLimit);
        } catch (const Core::Error &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, generation, text, matches, error] {
            if (error.isEmpty())
                applyMatches(generation, text, matches);
            else
                searchFailed(generation, error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CustomerFinder::searchFailed(quint64 generation, const QString &error)
{
    if (generation != m_generation)
        return;
    m_searching = false;
    m_openSingleMatch = false;
    m_searchError = error;
    updateView();
    updateStatus();
    emit resultsShown();
}

void CustomerFinder::applyMatches(quint64 generation, const QString &text, const QList<CustomerMatch> &matches)
{
    if (generation != m_generation)
        return;
    m_searching = false;
    m_searchError.clear();
    m_answeredText = text;
    m_matches->setMatches(matches);
    updateView();
    updateStatus();
    if (m_openSingleMatch) {
        m_openSingleMatch = false;
        if (matches.size() == 1)
            openRow(m_matchTable, 0);
    }
    emit resultsShown();
}

void CustomerFinder::onReturn()
{
    if (!inSearchMode()) {
        if (m_listTable->currentIndex().isValid())
            openRow(m_listTable, m_listTable->currentIndex().row());
        return;
    }
    if (m_searching) {
        // The answer is not there yet: ask at once, and open it if it is one customer.
        m_openSingleMatch = true;
        if (m_searchDelay->isActive())
            runSearch();
        return;
    }
    if (m_matchTable->currentIndex().isValid())
        openRow(m_matchTable, m_matchTable->currentIndex().row());
    else if (m_matches->rowCount() == 1)
        openRow(m_matchTable, 0);
}

void CustomerFinder::moveSelection(int delta)
{
    Ui::TableView *table = visibleTable();
    if (!table)
        return;
    const int rows = table->model()->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = table->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : (delta > 0 ? 0 : rows - 1);
    const QModelIndex index = table->model()->index(row, 0);
    table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(index);
}

void CustomerFinder::openRow(Ui::TableView *table, int row)
{
    if (table == m_matchTable) {
        if (row >= 0 && row < m_matches->rowCount())
            emit openRequested(m_matches->customerId(row), m_matches->matches().at(row).name);
    } else if (row >= 0 && row < m_list->rowCount()) {
        emit openRequested(m_list->customerId(row),
                           m_list->index(row, CustomerListModel::NameColumn).data().toString());
    }
}

Ui::TableView *CustomerFinder::visibleTable() const
{
    QWidget *current = m_stack->currentWidget();
    if (current == m_matchTable)
        return m_matchTable;
    if (current == m_listTable)
        return m_listTable;
    return nullptr;
}

bool CustomerFinder::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int page = 10;
        switch (key->key()) {
        case Qt::Key_Down: moveSelection(1); return true;
        case Qt::Key_Up: moveSelection(-1); return true;
        case Qt::Key_PageDown: moveSelection(page); return true;
        case Qt::Key_PageUp: moveSelection(-page); return true;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CustomerFinder::updateView()
{
    if (inSearchMode()) {
        // Until the first answer the list stays, so the view does not flicker per keystroke.
        if (!m_searchError.isEmpty()) {
            m_emptyText->setText(tr("Could not search: %1").arg(m_searchError));
            m_emptyAction->setText(tr("&Try again"));
            m_emptyAction->show();
            m_stack->setCurrentWidget(m_emptyState);
        } else if (m_answeredText.isEmpty()) {
            return;
        } else if (m_matches->rowCount() == 0) {
            m_emptyText->setText(tr("No customer matches “%1”. Check the spelling, or search by phone, "
                                    "account number or postcode.").arg(m_answeredText));
            m_emptyAction->setText(tr("&Clear search"));
            m_emptyAction->show();
            m_stack->setCurrentWidget(m_emptyState);
        } else {
            m_stack->setCurrentWidget(m_matchTable);
        }
        return;
    }
    if (m_list->isLoading() || !m_list->hasLoaded()) {
        if (m_stack->currentWidget() == m_matchTable)
            m_stack->setCurrentWidget(m_listTable);
        return;
    }
    if (!m_list->errorMessage().isEmpty()) {
        m_emptyText->setText(tr("Could not load: %1").arg(m_list->errorMessage()));
        m_emptyAction->setText(tr("&Try again"));
        m_emptyAction->show();
        m_stack->setCurrentWidget(m_emptyState);
    } else if (m_list->rowCount() > 0) {
        m_stack->setCurrentWidget(m_listTable);
    } else {
        m_emptyText->setText(tr("No customers yet — create demo data with “utilitydesk demo”."));
        m_emptyAction->hide();
        m_stack->setCurrentWidget(m_emptyState);
    }
}

void CustomerFinder::updateStatus()
{
    const QLocale locale;
    QString text;
    Ui::TableView *table = m_listTable;
    if (inSearchMode()) {
        table = m_matchTable;
        if (m_searching) {
            m_status->setText(tr("Searching…"));
            return;
        }
        if (!m_searchError.isEmpty()) {
            m_status->clear();
            return;
        }
        const int found = m_matches->rowCount();
        text = found >= ResultLimit ? tr("The best %n matches — type more to narrow them down", nullptr, found)
                                    : tr("%n matches", nullptr, found);
    } else {
        if (m_list->isLoading() || !m_list->hasLoaded()) {
            m_status->setText(tr("Loading customers…"));
            return;
        }
        if (!m_list->errorMessage().isEmpty()) {
            m_status->clear();
            return;
        }
        const qint64 total = m_list->totalCount();
        const int shown = m_list->rowCount();
        text = shown < total ? tr("Showing %1 of %n customers", nullptr, int(total)).arg(locale.toString(shown))
                             : tr("%n customers", nullptr, int(total));
    }
    const int selected = int(table->selectionModel()->selectedRows().size());
    if (selected > 0)
        text += QStringLiteral(" · ") + tr("%n selected", nullptr, selected);
    m_status->setText(text);
}

void CustomerFinder::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomerFinder::retranslateUi()
{
    m_search->setPlaceholderText(
        tr("Search by name, phone, customer, account or meter number, or postcode (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search customers"));
    m_listTable->setAccessibleName(tr("Customers"));
    m_matchTable->setAccessibleName(tr("Matching customers"));
    m_list->retranslate();
    m_matches->retranslate();
    updateStatus();
    updateView();
}

} // namespace Ud::Accounts
