#include "tablesection.h"

#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/loadstate.h>
#include <core/ui/tableview.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Ud::Accounts {

TableSection::TableSection(Core::Database &db, Ui::CustomerView &view, Spec spec, QWidget *parent)
    : QWidget(parent), m_db(db), m_spec(std::move(spec))
{
    auto *content = new QWidget;
    m_table = new Ui::TableView(content);
    m_model = new QStandardItemModel(this);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // As tall as its rows: the Overview scrolls, not each section.
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_note = new QLabel(content);
    m_note->hide();
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(m_note);

    m_state = new Ui::LoadState(content, this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_state);
    connect(&view, &Ui::CustomerView::refreshed, this, &TableSection::reload);
    reload();
}

void TableSection::reload()
{
    const quint64 generation = ++m_generation;
    // A reload keeps the rows shown until the new ones are there.
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    Ui::runInBackground(
        m_db, this, m_spec.load,
        [this, generation](const SectionRows &rows) {
            if (generation == m_generation)
                display(rows);
        },
        [this, generation](const QString &error) {
            if (generation == m_generation)
                m_state->showError(error, [this] { reload(); });
        });
}

void TableSection::display(const SectionRows &rows)
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels(m_spec.headers());
    for (const QStringList &cells : rows.rows) {
        QList<QStandardItem *> items;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            auto *item = new QStandardItem(cells.at(c));
            if (m_spec.rightAligned.contains(int(c)))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            items << item;
        }
        m_model->appendRow(items);
    }
    m_note->setText(rows.note);
    m_note->setVisible(!rows.note.isEmpty());
    if (rows.rows.isEmpty())
        m_state->showEmpty(m_spec.emptyText());
    else
        m_state->showContent();
    m_table->updateGeometry();
}

void TableSection::changeEvent(QEvent *event)
{
    // Rows are formatted in the user's language when loaded: load them again.
    if (event->type() == QEvent::LanguageChange)
        reload();
    QWidget::changeEvent(event);
}

} // namespace Ud::Accounts
