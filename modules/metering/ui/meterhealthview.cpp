#include "meterhealthview.h"

#include "emptystate.h"

#include <metering/meterhealthmodel.h>

#include <core/ui/background.h>
#include <core/ui/tableview.h>

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Ud::Metering {

MeterHealthFilter::MeterHealthFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(MeterHealthModel::RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void MeterHealthFilter::setLateOnly(bool lateOnly)
{
    if (m_lateOnly == lateOnly)
        return;
    m_lateOnly = lateOnly;
    invalidateRowsFilter();
}

void MeterHealthFilter::setSerialFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_serial == trimmed)
        return;
    m_serial = trimmed;
    invalidateRowsFilter();
}

bool MeterHealthFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, MeterHealthModel::SerialColumn, sourceParent);
    if (m_lateOnly && index.data(MeterHealthModel::StateRole).toInt() != int(MeterHealth::State::Late))
        return false;
    return m_serial.isEmpty() || index.data(Qt::DisplayRole).toString().contains(m_serial, Qt::CaseInsensitive);
}

MeterHealthView::MeterHealthView(MeterSyncPageContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("meterHealthView"));
    m_model = new MeterHealthModel(this);
    m_filter = new MeterHealthFilter(this);
    m_filter->setSourceModel(m_model);

    m_searchLabel = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("healthSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(m_search->fontMetrics().averageCharWidth() * 32);
    m_searchLabel->setBuddy(m_search);
    m_lateOnly = new QCheckBox(this);
    m_lateOnly->setObjectName(QStringLiteral("lateOnly"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("healthCount"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_searchLabel);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_lateOnly);
    bar->addStretch(1);
    bar->addWidget(m_count);

    m_table = new Ui::TableView(this);
    m_table->setObjectName(QStringLiteral("healthTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    // Late meters first, the latest first among them: what needs a look comes to the top.
    m_table->sortByColumn(MeterHealthModel::StateColumn, Qt::DescendingOrder);

    m_empty = new EmptyState(this);
    m_empty->setObjectName(QStringLiteral("healthEmpty"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSerialFilter(text);
        updateState();
    });
    connect(m_lateOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setLateOnly(on);
        updateState();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MeterHealthView::updateState);

    retranslateUi();
}

void MeterHealthView::reload()
{
    if (m_loading)
        return;
    m_loading = true;
    ImportLog &log = m_context.log;
    const Core::UserContext user = m_context.user;
    const qint64 lateAfter = m_context.lateAfterSecs;
    Ui::runInBackground(
        m_context.core.database, this, [&log, user, lateAfter] { return log.health(user, lateAfter); },
        [this](const QList<MeterHealth> &rows) {
            m_loading = false;
            m_loaded = true;
            m_error.clear();
            m_model->setRows(rows);
            if (!m_sized && !rows.isEmpty()) {
                m_table->resizeColumnsToContents();
                m_sized = true;
            }
            updateState();
            emit loaded(m_model->lateCount());
        },
        [this](const QString &error) {
            m_loading = false;
            m_loaded = true;
            m_error = error;
            updateState();
            emit failed(error);
        });
}

QString MeterHealthView::countText() const
{
    return m_count->text();
}

void MeterHealthView::updateState()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const int late = m_model->lateCount();
    QString text = shown < total ? tr("Showing %1 of %Ln meter channels", nullptr, total).arg(QLocale().toString(shown))
                                 : tr("%Ln meter channels", nullptr, total);
    text += QStringLiteral(" · ") + tr("%Ln late", nullptr, late);
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    if (selected > 0)
        text += QStringLiteral(" · ") + tr("%Ln selected", nullptr, selected);
    m_count->setText(m_loaded ? text : tr("Loading meters…"));
    if (!m_loaded)
        return;
    if (!m_error.isEmpty()) {
        m_empty->setMessage(tr("The meter health could not be loaded: %1").arg(m_error), tr("Tr&y again"),
                            [this] { reload(); });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    if (total == 0) {
        m_empty->setMessage(tr("No meters yet. Meters come from the customer records, or from imports with "
                               "“utilitydesk import --create-meters”."));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    if (shown == 0) {
        const QString serial = m_filter->serialFilter();
        const QString what = !m_filter->lateOnly() ? tr("No meter matches “%1”.").arg(serial)
                             : serial.isEmpty()    ? tr("No meter is late: every meter with readings reported in time.")
                                                   : tr("No late meter matches “%1”.").arg(serial);
        m_empty->setMessage(what, tr("Show &all meters"), [this] {
            m_search->clear();
            m_lateOnly->setChecked(false);
            m_table->setFocus(Qt::OtherFocusReason);
        });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentWidget(m_table);
}

void MeterHealthView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void MeterHealthView::retranslateUi()
{
    m_searchLabel->setText(tr("Find &serial:"));
    m_search->setPlaceholderText(tr("Part of a meter serial"));
    m_lateOnly->setText(tr("&Late only"));
    m_lateOnly->setToolTip(tr("Only meters whose last reading is older than %n days", nullptr,
                              int(m_context.lateAfterSecs / (24 * 3600))));
    m_table->setAccessibleName(tr("Meter health"));
    m_model->retranslate();
    updateState();
}

} // namespace Ud::Metering
