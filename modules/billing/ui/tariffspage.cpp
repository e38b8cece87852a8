#include "tariffspage.h"

#include "tariffcomponentbox.h"
#include "tariffform.h"

#include <billing/billlinetext.h>
#include <billing/tariffjson.h>
#include <billing/tariffservice.h>
#include <core/error.h>
#include <core/money.h>
#include <core/ui/background.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Ud::Billing {

namespace {

enum Column { CodeColumn, NameColumn, MarketColumn, KindColumn, FromColumn, ColumnCount };
constexpr int MarketRole = Qt::UserRole + 1;

QString kindName(TariffKind kind)
{
    return kind == TariffKind::Prepaid ? TariffsPage::tr("Prepaid") : TariffsPage::tr("Postpaid");
}

QString rangeText(const TariffVersion &v)
{
    const QString from = QLocale().toString(v.effectiveFrom, QLocale::ShortFormat);
    if (!v.effectiveTo)
        return TariffsPage::tr("from %1, no end").arg(from);
    return TariffsPage::tr("%1 to %2").arg(from, QLocale().toString(*v.effectiveTo, QLocale::ShortFormat));
}

QString money(qint64 minor, const QString &currency)
{
    return Core::Money(minor, currency).toString(QLocale());
}

} // namespace

TariffsPage::TariffsPage(TariffService &tariffs, TariffTrialService &trials, Core::Database &db, Core::UserContext user,
                         QWidget *parent)
    : QWidget(parent), m_tariffs(tariffs), m_trials(trials), m_db(db), m_user(std::move(user))
{
    auto *layout = new QVBoxLayout(this);
    m_messages = new Ui::MessageBar(this);
    layout->addWidget(m_messages);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter, 1);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setClearButtonEnabled(true);
    leftLayout->addWidget(m_filter);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_list = new QTableView(left);
    m_list->setModel(m_proxy);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(CodeColumn, Qt::AscendingOrder);
    m_list->setWordWrap(false);
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton(left);
    m_newVersion = new QPushButton(left);
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_newVersion);
    leftLayout->addLayout(listButtons);
    auto *fileButtons = new QHBoxLayout;
    m_open = new QPushButton(left);
    m_save = new QPushButton(left);
    fileButtons->addWidget(m_open);
    fileButtons->addWidget(m_save);
    leftLayout->addLayout(fileButtons);

    auto *scroll = new QScrollArea(splitter);
    m_scroll = scroll;
    scroll->setWidgetResizable(true);
    auto *right = new QWidget(scroll);
    scroll->setWidget(right);
    auto *rightLayout = new QVBoxLayout(right);
    m_storedTitle = new QLabel(right);
    m_stored = new QLabel(right);
    m_stored->setWordWrap(true);
    m_stored->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_storedTitle);
    rightLayout->addWidget(m_stored);
    m_draftTitle = new QLabel(right);
    rightLayout->addWidget(m_draftTitle);
    m_form = new TariffForm(right);
    rightLayout->addWidget(m_form);

    m_trialTitle = new QLabel(right);
    rightLayout->addWidget(m_trialTitle);
    auto *trialForm = new QFormLayout;
    m_trialAccountLabel = new QLabel(right);
    m_trialAccount = new QLineEdit(right);
    m_trialAccountLabel->setBuddy(m_trialAccount);
    trialForm->addRow(m_trialAccountLabel, m_trialAccount);
    m_trialPeriodLabel = new QLabel(right);
    auto *periodRow = new QHBoxLayout;
    m_trialFrom = new QDateEdit(right);
    m_trialTo = new QDateEdit(right);
    for (QDateEdit *edit : {m_trialFrom, m_trialTo}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        periodRow->addWidget(edit);
    }
    const QDate thisMonth(QDate::currentDate().year(), QDate::currentDate().month(), 1);
    m_trialFrom->setDate(thisMonth.addMonths(-1));
    m_trialTo->setDate(thisMonth.addDays(-1));
    m_test = new QPushButton(right);
    periodRow->addWidget(m_test);
    periodRow->addStretch();
    m_trialPeriodLabel->setBuddy(m_trialFrom);
    trialForm->addRow(m_trialPeriodLabel, periodRow);
    rightLayout->addLayout(trialForm);
    m_trialLines = new QTableWidget(0, 5, right);
    m_trialLines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_trialLines->verticalHeader()->hide();
    m_trialLines->horizontalHeader()->setStretchLastSection(true);
    m_trialLines->hide();
    rightLayout->addWidget(m_trialLines);
    m_trialSummary = new QLabel(right);
    m_trialSummary->setWordWrap(true);
    m_trialSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_trialSummary);

    auto *publishRow = new QHBoxLayout;
    publishRow->addStretch();
    m_publish = new QPushButton(right);
    publishRow->addWidget(m_publish);
    rightLayout->addLayout(publishRow);
    rightLayout->addStretch();
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_undo = m_form->undoStack()->createUndoAction(this, tr("Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_form->undoStack()->createRedoAction(this, tr("Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_publishAction = new QAction(this);
    m_publishAction->setShortcut(QKeySequence::Save);
    for (QAction *action : {m_undo, m_redo, m_publishAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TariffsPage::showSelected);
    connect(m_new, &QPushButton::clicked, this, &TariffsPage::newTariff);
    connect(m_newVersion, &QPushButton::clicked, this, &TariffsPage::newVersion);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Tariff File"), {}, tr("Tariff files (*.json)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save Draft as File"),
            (m_form->codeEdit()->text().isEmpty() ? tr("tariff") : m_form->codeEdit()->text()) + QStringLiteral(".json"),
            tr("Tariff files (*.json)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    connect(m_test, &QPushButton::clicked, this, &TariffsPage::testCalculate);
    connect(m_trialAccount, &QLineEdit::editingFinished, this, [this] {
        if (m_trialAccount->isModified()) {
            m_trialAccount->setModified(false);
            suggestTrialPeriod();
        }
    });
    connect(m_trialAccount, &QLineEdit::returnPressed, this, &TariffsPage::testCalculate);
    connect(m_publish, &QPushButton::clicked, this, &TariffsPage::publish);
    connect(m_publishAction, &QAction::triggered, this, &TariffsPage::publish);
    connect(m_form, &TariffForm::edited, this, &TariffsPage::updateActions);

    retranslateUi();
    setDraftActive(false, true);
    m_stored->setText(tr("Loading tariffs…"));
    Ui::runInBackground(
        m_db, this, [&tariffs = m_tariffs, user = m_user] { return tariffs.markets(user); },
        [this](const QList<Accounts::Market> &markets) { m_form->setMarkets(markets); },
        [this](const QString &error) { m_messages->showError(error); });
    reload();
}

TariffsPage::~TariffsPage()
{
    Ui::disconnectChildren(this);
}

void TariffsPage::reload(const QString &selectMarket, const QString &selectCode)
{
    Ui::runInBackground(
        m_db, this, [&tariffs = m_tariffs, user = m_user] { return tariffs.list(user); },
        [this, selectMarket, selectCode](const QList<TariffListRow> &rows) {
            m_model->removeRows(0, m_model->rowCount());
            for (const TariffListRow &row : rows) {
                QList<QStandardItem *> items;
                items << new QStandardItem(row.code) << new QStandardItem(row.name) << new QStandardItem(row.marketCode)
                      << new QStandardItem(kindName(row.kind))
                      << new QStandardItem(row.currentFrom.isValid() ? QLocale().toString(row.currentFrom, QLocale::ShortFormat)
                                                                     : tr("none in force"));
                items.first()->setData(row.marketCode, MarketRole);
                m_model->appendRow(items);
            }
            if (rows.isEmpty())
                m_stored->setText(tr("No tariffs yet. Choose New tariff, or Open file… to start from a tariff file."));
            else if (!m_selected)
                m_stored->setText(tr("Choose a tariff to see its versions."));
            for (int r = 0; r < m_proxy->rowCount(); ++r) {
                const QModelIndex index = m_proxy->index(r, CodeColumn);
                if (index.data().toString() == selectCode && index.data(MarketRole).toString() == selectMarket)
                    m_list->setCurrentIndex(index);
            }
            emit reloaded();
        },
        [this](const QString &error) { m_messages->showError(error); });
}

void TariffsPage::showSelected()
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return;
    const QModelIndex code = index.siblingAtColumn(CodeColumn);
    const QString market = code.data(MarketRole).toString();
    const QString tariffCode = code.data().toString();
    Ui::runInBackground(
        m_db, this, [&tariffs = m_tariffs, user = m_user, market, tariffCode] { return tariffs.get(user, market, tariffCode); },
        [this](const Tariff &tariff) { showTariff(tariff); },
        [this](const QString &error) { m_messages->showError(error); });
}

void TariffsPage::showTariff(const Tariff &tariff)
{
    m_selected = tariff;
    QStringList lines;
    for (const TariffVersion &v : tariff.versions) {
        QStringList components;
        for (const Component &c : v.components)
            components.append(TariffComponentBox::typeName(componentKey(c)));
        lines.append(tr("%1: %2").arg(rangeText(v), components.join(QStringLiteral(", "))));
    }
    m_storedTitle->setText(tr("<b>%1</b> (%2, %3): stored versions").arg(tariff.name.toHtmlEscaped(), tariff.code.toHtmlEscaped(),
                                                                          tariff.marketCode));
    m_stored->setText(lines.join(QLatin1Char('\n')));
    if (!m_draftActive || m_form->undoStack()->count() == 0) {
        // Show the latest version, read-only, until a new version is started.
        const QJsonObject document = TariffJson::toJson(tariff);
        m_form->setDocument(document, int(tariff.versions.size()) - 1);
        setDraftActive(false, false);
    }
    updateActions();
    emit tariffShown();
}

void TariffsPage::newTariff()
{
    m_selected.reset();
    m_list->clearSelection();
    m_storedTitle->setText(tr("<b>New tariff</b>"));
    m_stored->setText(tr("Nothing is stored until you publish."));
    const QJsonArray components{QJsonObject{{QStringLiteral("type"), QStringLiteral("standing_charge")}},
                                QJsonObject{{QStringLiteral("type"), QStringLiteral("flat_rate")}}};
    const QJsonObject version{{QStringLiteral("effectiveFrom"), QDate::currentDate().addDays(1).toString(Qt::ISODate)},
                              {QStringLiteral("components"), components}};
    QJsonObject document;
    document.insert(QStringLiteral("market"), m_form->marketCombo()->currentData().toString());
    document.insert(QStringLiteral("customerClasses"), QJsonArray{QStringLiteral("residential")});
    document.insert(QStringLiteral("kind"), QStringLiteral("postpaid"));
    document.insert(QStringLiteral("versions"), QJsonArray{version});
    m_form->setDocument(document);
    setDraftActive(true, true);
    m_form->codeEdit()->setFocus();
}

void TariffsPage::newVersion()
{
    if (!m_selected || m_selected->versions.isEmpty())
        return;
    // The latest version's prices, from tomorrow (or the day after the latest version starts,
    // if that is later): the usual "new prices from" step.
    const TariffVersion &latest = m_selected->versions.last();
    QDate from = QDate::currentDate().addDays(1);
    if (latest.effectiveFrom >= from)
        from = latest.effectiveFrom.addDays(1);
    QJsonObject document = TariffJson::toJson(*m_selected);
    QJsonArray versions = document.value(QStringLiteral("versions")).toArray();
    QJsonObject draft = versions.last().toObject();
    draft.insert(QStringLiteral("effectiveFrom"), from.toString(Qt::ISODate));
    draft.remove(QStringLiteral("effectiveTo"));
    document.insert(QStringLiteral("versions"), QJsonArray{draft});
    m_form->setDocument(document);
    setDraftActive(true, false);
    m_form->fromEdit()->setFocus();
    m_messages->showInformation(tr("New version of %1 from %2: change its prices, test them, then publish. "
                                   "The version in force now ends the day before.")
                                    .arg(m_selected->code, QLocale().toString(from, QLocale::ShortFormat)));
}

void TariffsPage::setDraftActive(bool active, bool identityEditable)
{
    m_draftActive = active;
    m_form->setEnabled(active);
    m_form->setIdentityEditable(active && identityEditable);
    m_draftTitle->setText(active ? tr("<b>Draft</b> (not stored until published)") : tr("<b>Latest version</b> (read-only)"));
    updateActions();
}

void TariffsPage::updateActions()
{
    m_newVersion->setEnabled(!m_busy && m_selected.has_value());
    m_publish->setEnabled(!m_busy && m_draftActive);
    m_publishAction->setEnabled(!m_busy && m_draftActive);
    m_test->setEnabled(!m_busy);
    m_save->setEnabled(m_draftActive || m_selected.has_value());
}

std::optional<Tariff> TariffsPage::validDraft()
{
    try {
        return TariffJson::fromJson(m_form->document());
    } catch (const Core::Error &e) {
        m_messages->showError(m_form->locationText(e.message()));
        return std::nullopt;
    }
}

void TariffsPage::publish()
{
    if (!m_draftActive || m_busy)
        return;
    const std::optional<Tariff> draft = validDraft();
    if (!draft) {
        emit published(false);
        return;
    }
    m_busy = true;
    updateActions();
    const QByteArray json = TariffJson::write(*draft);
    Ui::runInBackground(
        m_db, this, [&tariffs = m_tariffs, user = m_user, json, source = tr("tariff editor")] {
            return tariffs.importJson(user, json, source);
        },
        [this](const TariffImport &result) {
            m_busy = false;
            if (!result.changed) {
                m_messages->showInformation(tr("%1 already has exactly this version; nothing was changed.").arg(result.tariff.code));
            } else {
                QStringList ended;
                for (const TariffVersion &v : result.ended)
                    ended.append(rangeText(v));
                m_messages->showInformation(
                    ended.isEmpty() ? tr("Published %1 (%2).").arg(result.tariff.code, result.tariff.marketCode)
                                    : tr("Published %1 (%2); the version %3 now ends the day before the new one.")
                                          .arg(result.tariff.code, result.tariff.marketCode, ended.join(QStringLiteral(", "))));
            }
            m_form->undoStack()->clear();
            setDraftActive(false, false);
            showTariff(result.tariff);
            reload(result.tariff.marketCode, result.tariff.code);
            emit published(true);
        },
        [this](const QString &error) {
            m_busy = false;
            updateActions();
            m_messages->showError(m_form->locationText(error));
            emit published(false);
        });
}

void TariffsPage::suggestTrialPeriod()
{
    const QString account = m_trialAccount->text().trimmed();
    if (account.isEmpty())
        return;
    Ui::runInBackground(
        m_db, this, [&trials = m_trials, user = m_user, account] { return trials.lastFullMonth(user, account); },
        [this](const std::optional<std::pair<QDate, QDate>> &period) {
            if (!period)
                return;
            m_trialFrom->setDate(period->first);
            m_trialTo->setDate(period->second);
        },
        [this](const QString &error) { m_messages->showError(error); });
}

void TariffsPage::testCalculate()
{
    if (m_busy)
        return;
    const std::optional<Tariff> draft = validDraft();
    if (!draft) {
        emit tested(false);
        return;
    }
    const QString account = m_trialAccount->text().trimmed();
    if (account.isEmpty()) {
        m_messages->showError(tr("Test against account: enter an account number whose data the draft is billed for."));
        m_trialAccount->setFocus();
        emit tested(false);
        return;
    }
    m_busy = true;
    updateActions();
    m_trialSummary->setText(tr("Calculating…"));
    const QDate from = m_trialFrom->date();
    const QDate to = m_trialTo->date();
    Ui::runInBackground(
        m_db, this, [&trials = m_trials, user = m_user, draft = *draft, account, from, to] {
            return trials.run(user, draft, account, from, to);
        },
        [this](const TariffTrial &trial) {
            m_busy = false;
            updateActions();
            const BillResult &bill = trial.draft;
            m_trialLines->setRowCount(0);
            for (const BillLine &line : bill.lines) {
                const int row = m_trialLines->rowCount();
                m_trialLines->insertRow(row);
                QString text = BillLineText::description(line);
                if (line.estimatedWh > 0)
                    text = tr("%1 (estimated: %2)").arg(text, BillLineText::kwh(line.estimatedWh));
                const QStringList cells{text,
                                        line.from == line.to ? QLocale().toString(line.from, QLocale::ShortFormat)
                                                             : tr("%1 to %2").arg(QLocale().toString(line.from, QLocale::ShortFormat),
                                                                                  QLocale().toString(line.to, QLocale::ShortFormat)),
                                        BillLineText::quantity(line), BillLineText::unitPrice(line, bill.currency),
                                        money(line.amountMinor, bill.currency)};
                for (int c = 0; c < cells.size(); ++c) {
                    auto *item = new QTableWidgetItem(cells.at(c));
                    if (c >= 2)
                        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    m_trialLines->setItem(row, c, item);
                }
            }
            m_trialLines->resizeColumnsToContents();
            m_trialLines->setVisible(!bill.lines.isEmpty());
            QStringList summary;
            summary.append(tr("<b>%1</b> for account %2 (%3), %4 used: net %5, VAT %6, <b>total %7</b>.")
                               .arg(m_form->nameEdit()->text().toHtmlEscaped(), trial.account.accountNumber,
                                    trial.account.customerName.toHtmlEscaped(), BillLineText::kwh(bill.consumptionWh),
                                    money(bill.netMinor, bill.currency), money(bill.vatMinor, bill.currency),
                                    money(bill.totalMinor, bill.currency)));
            if (trial.current) {
                const qint64 difference = bill.totalMinor - trial.current->totalMinor;
                const QString delta = difference == 0 ? tr("the same")
                                      : difference < 0 ? tr("%1 less").arg(money(-difference, bill.currency))
                                                       : tr("%1 more").arg(money(difference, bill.currency));
                summary.append(tr("On the current tariff %1 the same period costs %2: this draft is %3.")
                                   .arg(trial.currentName.toHtmlEscaped(), money(trial.current->totalMinor, bill.currency), delta));
            } else {
                summary.append(tr("The account has no tariff covering the whole period to compare with."));
            }
            if (bill.missingIntervals > 0)
                summary.append(tr("%1 of %2 intervals have no reading and are billed as nothing.")
                                   .arg(bill.missingIntervals)
                                   .arg(bill.expectedIntervals));
            if (bill.estimatedWh > 0)
                summary.append(tr("%1 of the use comes from estimated readings.").arg(BillLineText::kwh(bill.estimatedWh)));
            m_trialSummary->setText(summary.join(QStringLiteral("<br>")));
            // The result is under the form: bring it into view.
            m_scroll->widget()->adjustSize();
            m_scroll->ensureWidgetVisible(m_trialSummary);
            emit tested(true);
        },
        [this](const QString &error) {
            m_busy = false;
            updateActions();
            m_trialSummary->clear();
            m_trialLines->hide();
            m_messages->showError(error);
            emit tested(false);
        });
}

bool TariffsPage::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_messages->showError(tr("%1: cannot be read (%2).").arg(QFileInfo(path).fileName(), file.errorString()));
        return false;
    }
    try {
        const Tariff tariff = TariffJson::parse(file.readAll());
        m_selected.reset();
        m_list->clearSelection();
        m_storedTitle->setText(tr("<b>%1</b> from %2").arg(tariff.code.toHtmlEscaped(), QFileInfo(path).fileName().toHtmlEscaped()));
        m_stored->setText(tariff.versions.size() > 1
                              ? tr("The file has %n version(s); the draft shows the last one.", nullptr, int(tariff.versions.size()))
                              : tr("Nothing is stored until you publish."));
        m_form->setDocument(TariffJson::toJson(tariff), int(tariff.versions.size()) - 1);
        setDraftActive(true, true);
        return true;
    } catch (const Core::Error &e) {
        m_messages->showError(tr("%1: %2").arg(QFileInfo(path).fileName(), e.message()));
        return false;
    }
}

bool TariffsPage::saveFile(const QString &path)
{
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(m_form->document()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        m_messages->showError(tr("%1: cannot be written (%2).").arg(QFileInfo(path).fileName(), file.errorString()));
        return false;
    }
    m_messages->showInformation(tr("Saved the draft as %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void TariffsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TariffsPage::retranslateUi()
{
    m_filter->setPlaceholderText(tr("Filter tariffs"));
    m_model->setHorizontalHeaderLabels({tr("Code"), tr("Name"), tr("Market"), tr("Kind"), tr("In force since")});
    m_new->setText(tr("&New tariff"));
    m_newVersion->setText(tr("New &version"));
    m_open->setText(tr("&Open file…"));
    m_save->setText(tr("&Save as file…"));
    m_trialTitle->setText(tr("<b>Test against real data</b>"));
    m_trialAccountLabel->setText(tr("&Account:"));
    m_trialAccount->setPlaceholderText(tr("Account number; the period follows its last full month of readings"));
    m_trialPeriodLabel->setText(tr("&Period:"));
    m_test->setText(tr("&Test"));
    m_trialLines->setHorizontalHeaderLabels({tr("Line"), tr("Days"), tr("Quantity"), tr("Unit price"), tr("Amount")});
    m_publish->setText(tr("&Publish"));
    m_publish->setToolTip(tr("Store the draft as a new version (%1)").arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    m_publishAction->setText(tr("Publish"));
}

} // namespace Ud::Billing
