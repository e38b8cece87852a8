#include "unknownmetersview.h"

#include "emptystate.h"

#include <metering/meterdirectory.h>
#include <metering/meteringformat.h>
#include <metering/unknownmetersmodel.h>

#include <core/ui/background.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>

#include <QCompleter>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Ud::Metering {

UnknownMetersView::UnknownMetersView(MeterSyncPageContext &context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("unknownMetersView"));
    m_model = new UnknownMetersModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(UnknownMetersModel::RawValueRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_serials = new QStringListModel(this);

    m_content = new QWidget(this);
    m_intro = new QLabel(m_content);
    m_intro->setWordWrap(true);
    m_table = new Ui::TableView(m_content);
    m_table->setObjectName(QStringLiteral("unknownMetersTable"));
    m_table->setModel(m_sorted);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    // The most recently received first, as the queue lists them.
    m_table->sortByColumn(UnknownMetersModel::ReceivedColumn, Qt::DescendingOrder);
    m_table->installEventFilter(this);
    m_intro->setBuddy(m_table);

    m_meterLabel = new QLabel(m_content);
    m_meter = new QLineEdit(m_content);
    m_meter->setObjectName(QStringLiteral("assignMeter"));
    m_meter->setClearButtonEnabled(true);
    m_meter->installEventFilter(this);
    m_meterLabel->setBuddy(m_meter);
    m_completer = new QCompleter(m_serials, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_meter->setCompleter(m_completer);
    m_meterMessage = new Ui::FieldMessage(m_meter, m_content);
    m_assign = new QPushButton(m_content);
    m_assign->setObjectName(QStringLiteral("assignQueued"));

    auto *form = new QGridLayout;
    form->addWidget(m_meterLabel, 0, 0);
    form->addWidget(m_meter, 0, 1);
    form->addWidget(m_assign, 0, 2);
    form->addWidget(m_meterMessage, 1, 1, 1, 2);
    form->setColumnStretch(1, 1);
    // Wide enough for any serial or NMI, measured in text so it scales with the font.
    m_meter->setMinimumWidth(m_meter->fontMetrics().averageCharWidth() * 24);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_intro);
    contentLayout->addWidget(m_table, 1);
    contentLayout->addLayout(form);

    m_empty = new EmptyState(this);
    m_empty->setObjectName(QStringLiteral("unknownMetersEmpty"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_content);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_assign, &QPushButton::clicked, this, &UnknownMetersView::assignSelected);
    connect(m_meter, &QLineEdit::returnPressed, this, &UnknownMetersView::assignSelected);
    connect(m_meter, &QLineEdit::textChanged, this, [this] {
        // A shown problem goes as soon as it is fixed; new ones wait until the field is left.
        if (!m_meterMessage->message().isEmpty() && meterProblem().isEmpty())
            m_meterMessage->setMessage({});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &UnknownMetersView::updateState);

    retranslateUi();
}

void UnknownMetersView::reload()
{
    if (m_loading)
        return;
    m_loading = true;
    ImportLog &log = m_context.log;
    const Core::UserContext user = m_context.user;
    struct Loaded {
        QList<ReviewQueue::Entry> entries;
        QStringList serials;
    };
    Ui::runInBackground(
        m_context.core.database, this,
        [&log, user] { return Loaded{log.unknownMeters(user), log.meterSerials(user)}; },
        [this](const Loaded &result) {
            m_loading = false;
            m_loaded = true;
            m_error.clear();
            const QString keep = m_table->currentIndex().data(UnknownMetersModel::MeterKeyRole).toString();
            m_model->setEntries(result.entries);
            m_serials->setStringList(result.serials);
            int row = 0;
            for (int r = 0; r < m_sorted->rowCount(); ++r) {
                if (m_sorted->index(r, 0).data(UnknownMetersModel::MeterKeyRole).toString() == keep)
                    row = r;
            }
            if (m_sorted->rowCount() > 0) {
                m_table->selectionModel()->setCurrentIndex(m_sorted->index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                                        | QItemSelectionModel::Rows);
                m_table->resizeColumnsToContents();
            }
            updateState();
            emit loaded(m_model->rowCount());
        },
        [this](const QString &error) {
            m_loading = false;
            m_loaded = true;
            m_error = error;
            updateState();
            emit loaded(m_model->rowCount());
        });
}

QString UnknownMetersView::meterProblem() const
{
    const QString serial = MeterDirectory::normalizedKey(m_meter->text());
    if (serial.isEmpty())
        return tr("Enter the serial of the meter these readings belong to.");
    if (!m_serials->stringList().contains(serial))
        return tr("There is no meter %1. Pick a serial from the list.").arg(serial);
    return {};
}

QString UnknownMetersView::meterMessage() const
{
    return m_meterMessage->message();
}

bool UnknownMetersView::assignSelected()
{
    if (m_assigning)
        return false;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return false;
    const QString problem = meterProblem();
    m_meterMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_meter->setFocus(Qt::OtherFocusReason);
        return false;
    }
    const QString key = current.data(UnknownMetersModel::MeterKeyRole).toString();
    const QString serial = MeterDirectory::normalizedKey(m_meter->text());
    m_assigning = true;
    updateState();
    const ImporterFactory factory = m_context.importer;
    const Core::UserContext user = m_context.user;
    Ui::runInBackground(
        m_context.core.database, this,
        [factory, user, key, serial] { return factory()->assignQueued(user, key, serial); },
        [this, key, serial](qint64 readings) {
            m_assigning = false;
            m_meter->clear();
            emit assigned(key, serial, readings);
            reload();
        },
        [this](const QString &error) {
            m_assigning = false;
            updateState();
            emit failed(error);
        });
    return true;
}

void UnknownMetersView::updateState()
{
    m_assign->setEnabled(!m_assigning && m_table->selectionModel()->currentIndex().isValid());
    m_assign->setText(m_assigning ? tr("Assigning…") : tr("&Assign"));
    if (!m_loaded)
        return;
    if (!m_error.isEmpty()) {
        m_empty->setMessage(tr("The unknown meters could not be loaded: %1").arg(m_error), tr("Tr&y again"),
                            [this] { reload(); });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    if (m_model->rowCount() == 0) {
        m_empty->setMessage(tr("No unknown meters: every reading imported so far found its meter. Readings for a "
                               "meter the database does not know wait here until you assign them."),
                            tr("&Import files…"), [this] { emit importRequested(); });
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid()) {
        m_meterLabel->setText(tr("&Meter for %1:").arg(current.data(UnknownMetersModel::MeterKeyRole).toString()));
    } else {
        m_meterLabel->setText(tr("&Meter:"));
    }
    m_intro->setText(tr("%Ln readings wait for their meter. Select a meter name from the files, enter the serial of "
                        "the meter it is, and assign:", nullptr, int(m_model->totalReadings())));
    m_stack->setCurrentWidget(m_content);
}

bool UnknownMetersView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            // Enter on a row assigns it; with no meter typed yet it goes to the meter field.
            if (m_meter->text().trimmed().isEmpty()) {
                m_meterMessage->setMessage(meterProblem());
                m_meter->setFocus(Qt::OtherFocusReason);
            } else {
                assignSelected();
            }
            return true;
        }
    }
    if (watched == m_meter && event->type() == QEvent::FocusOut && !m_meter->text().trimmed().isEmpty())
        m_meterMessage->setMessage(meterProblem());
    return QWidget::eventFilter(watched, event);
}

void UnknownMetersView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void UnknownMetersView::retranslateUi()
{
    m_table->setAccessibleName(tr("Unknown meters"));
    m_meter->setPlaceholderText(tr("Type part of a meter serial and pick it from the list"));
    m_assign->setToolTip(tr("Move the selected readings to this meter (Enter on the row)"));
    m_model->retranslate();
    updateState();
}

} // namespace Ud::Metering
