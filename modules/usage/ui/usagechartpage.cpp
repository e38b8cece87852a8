#include "usagechartpage.h"

#include "toucostview.h"
#include "usagechartview.h"

#include <usage/charttablemodel.h>
#include <usage/toucost.h>

#include <core/clock.h>
#include <core/error.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Ud::Usage {

namespace {

/// What a background read hands back: the value, or the error sentence and whether it was a
/// denial (which no "Try again" mends).
template<typename T>
struct Outcome {
    std::optional<T> value;
    QString error;
    bool denied = false;
};

template<typename F>
auto catching(F work) -> Outcome<decltype(work())>
{
    try {
        return {work(), {}, false};
    } catch (const Core::Error &e) {
        return {std::nullopt, e.message(), e.kind() == Core::Error::Kind::Denied};
    }
}

QString channelText(const ChartChannel &c)
{
    if (c.kind == Accounts::ChannelKind::Export)
        return UsageChartPage::tr("%1 export (solar)").arg(c.serial);
    return UsageChartPage::tr("%1 %2").arg(c.serial, Accounts::commodityName(c.commodity));
}

} // namespace

UsageChartPage::UsageChartPage(Core::Context &context, Core::UserContext user, QString customerId, QString meterId,
                               QWidget *parent)
    : QWidget(parent), m_context(context), m_user(std::move(user)), m_customerId(std::move(customerId)),
      m_meterId(std::move(meterId)), m_bar(new Ui::MessageBar(this)), m_premiseLabel(new QLabel(this)),
      m_premise(new QComboBox(this)), m_resolutionLabel(new QLabel(this)), m_resolution(new QComboBox(this)),
      m_compareBox(new QCheckBox(this)), m_tableButton(new QPushButton(this)), m_costButton(new QPushButton(this)),
      m_pngButton(new QPushButton(this)),
      m_csvButton(new QPushButton(this)), m_metersLabel(new QLabel(this)), m_meters(new QWidget(this)),
      m_metersLayout(new QHBoxLayout(m_meters)), m_hereLabel(new QLabel(this)), m_breadcrumb(new QWidget(this)),
      m_breadcrumbLayout(new QHBoxLayout(m_breadcrumb)), m_status(new QLabel(this)), m_keys(new QLabel(this)),
      m_chart(new UsageChartView), m_table(new Ui::TableView), m_model(new ChartTableModel(this)), m_costView(new TouCostView),
      m_stack(new QStackedWidget), m_rangeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("usageChartPage"));
    m_bar->hide();
    m_premise->setObjectName(QStringLiteral("usagePremise"));
    m_premiseLabel->setBuddy(m_premise);
    m_resolution->setObjectName(QStringLiteral("usageResolution"));
    m_resolutionLabel->setBuddy(m_resolution);
    m_compareBox->setObjectName(QStringLiteral("usageCompare"));
    m_compareBox->setChecked(m_compare);
    m_tableButton->setObjectName(QStringLiteral("usageShowTable"));
    m_tableButton->setCheckable(true);
    m_costButton->setObjectName(QStringLiteral("usageShowCost"));
    m_costButton->setCheckable(true);
    m_pngButton->setObjectName(QStringLiteral("usageExportPng"));
    m_csvButton->setObjectName(QStringLiteral("usageExportCsv"));
    m_metersLayout->setContentsMargins(0, 0, 0, 0);
    m_breadcrumb->setObjectName(QStringLiteral("usageBreadcrumb"));
    m_breadcrumbLayout->setContentsMargins(0, 0, 0, 0);
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keys->setWordWrap(true);
    m_keys->setForegroundRole(QPalette::PlaceholderText);
    m_table->setObjectName(QStringLiteral("usageTable"));
    m_table->setModel(m_model);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_costView);
    m_state = new Ui::LoadState(m_stack, this);
    m_rangeTimer->setSingleShot(true);
    m_rangeTimer->setInterval(120);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_premiseLabel);
    controls->addWidget(m_premise, 1);
    controls->addWidget(m_resolutionLabel);
    controls->addWidget(m_resolution);
    controls->addWidget(m_compareBox);
    controls->addStretch();
    controls->addWidget(m_costButton);
    controls->addWidget(m_tableButton);
    controls->addWidget(m_pngButton);
    controls->addWidget(m_csvButton);
    auto *meters = new QHBoxLayout;
    meters->addWidget(m_metersLabel);
    meters->addWidget(m_meters, 1);
    auto *here = new QHBoxLayout;
    here->addWidget(m_hereLabel);
    here->addWidget(m_breadcrumb, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addLayout(controls);
    layout->addLayout(meters);
    layout->addLayout(here);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_keys);

    retranslateUi();
    m_resolution->setCurrentIndex(0);

    connect(m_premise, &QComboBox::activated, this, [this](int index) {
        selectPremise(m_premise->itemData(index).toString(), {});
        load();
    });
    connect(m_resolution, &QComboBox::activated, this, [this](int index) {
        const QVariant v = m_resolution->itemData(index);
        setResolution(v.isValid() ? std::optional<Resolution>(Resolution(v.toInt())) : std::nullopt);
    });
    connect(m_compareBox, &QCheckBox::toggled, this, &UsageChartPage::setCompareWithYearBefore);
    connect(m_tableButton, &QPushButton::toggled, this, &UsageChartPage::setTableShown);
    connect(m_costButton, &QPushButton::toggled, this, &UsageChartPage::setCostShown);
    connect(m_pngButton, &QPushButton::clicked, this, &UsageChartPage::chooseAndExportPng);
    connect(m_csvButton, &QPushButton::clicked, this, &UsageChartPage::chooseAndExportCsv);
    connect(m_chart, &UsageChartView::drillRequested, this, &UsageChartPage::drillInto);
    connect(m_chart, &UsageChartView::backRequested, this, [this] { goBack(); });
    connect(m_chart, &UsageChartView::rangeRequested, this, &UsageChartPage::onRangeRequested);
    connect(m_chart, &UsageChartView::currentPointChanged, m_status, &QLabel::setText);
    connect(m_rangeTimer, &QTimer::timeout, this, &UsageChartPage::load);
    setFocusProxy(m_chart);
    loadScope();
}

void UsageChartPage::retranslateUi()
{
    m_premiseLabel->setText(tr("&Premise:"));
    m_resolutionLabel->setText(tr("&Detail:"));
    const int current = m_resolution->currentIndex();
    m_resolution->clear();
    m_resolution->addItem(tr("Finest that fits"));
    m_resolution->addItem(tr("Intervals"), int(Resolution::Interval));
    m_resolution->addItem(tr("Days"), int(Resolution::Day));
    m_resolution->addItem(tr("Months"), int(Resolution::Month));
    m_resolution->addItem(tr("Years"), int(Resolution::Year));
    m_resolution->setCurrentIndex(std::max(0, current));
    m_compareBox->setText(tr("&Compare with a year before"));
    m_tableButton->setText(tr("Show as &table"));
    m_costButton->setText(tr("C&ost by time of use"));
    m_pngButton->setText(tr("Export P&NG…"));
    m_csvButton->setText(tr("Export C&SV…"));
    m_metersLabel->setText(tr("Meters:"));
    m_hereLabel->setText(tr("Showing:"));
    m_keys->setText(tr("Click a bar or press Enter to see it in more detail; Backspace or Alt+Left goes back. "
                       "Wheel, + and − zoom; drag across the chart to zoom to a span; Shift+wheel or Shift+arrows "
                       "move in time; 0 shows the whole period."));
    m_chart->setAccessibleName(tr("Usage chart"));
    m_table->setAccessibleName(tr("Usage as a table"));
    if (!m_levels.isEmpty())
        showBreadcrumb();
}

const ChartPremise *UsageChartPage::premise() const
{
    return m_scope.premise(m_premiseId);
}

void UsageChartPage::loadScope()
{
    const quint64 generation = ++m_generation;
    m_state->showLoading();
    Core::Context *context = &m_context;
    const Core::UserContext user = m_user;
    const QString customerId = m_customerId;
    Ui::runInBackground(
        m_context.database, this,
        [context, user, customerId] {
            return catching([&] { return UsageChartService(context->database, context->cipher).scope(user, customerId); });
        },
        [this, generation](const Outcome<ChartScope> &outcome) {
            if (generation != m_generation)
                return;
            if (!outcome.value) {
                m_bar->showError(outcome.error);
                if (outcome.denied)
                    m_state->showEmpty(outcome.error);
                else
                    m_state->showError(outcome.error, [this] { loadScope(); });
                ++m_loadsFinished;
                emit loaded();
                return;
            }
            m_scope = *outcome.value;
            showScope();
        },
        [this, generation](const QString &error) {
            if (generation != m_generation)
                return;
            m_state->showError(error, [this] { loadScope(); });
            ++m_loadsFinished;
            emit loaded();
        });
}

void UsageChartPage::showScope()
{
    m_premise->clear();
    for (const ChartPremise &p : m_scope.premises)
        m_premise->addItem(p.address.isEmpty() ? tr("Meters on no premise of the customer") : p.address, p.premiseId);
    m_premise->setEnabled(m_scope.premises.size() > 1);
    if (!m_meterId.isEmpty() && m_scope.metersOutsideRegion.contains(m_meterId)) {
        const QString text = tr("This meter is at a premise outside your region %1, so its usage is not shown.")
                                 .arg(m_user.region());
        m_bar->showError(text);
        m_state->showEmpty(text);
        ++m_loadsFinished;
        emit loaded();
        return;
    }
    if (m_scope.premises.isEmpty()) {
        m_state->showEmpty(m_scope.metersOutsideRegion.isEmpty()
                               ? tr("The customer has no meters yet.")
                               : tr("The customer's meters are all outside your region %1.").arg(m_user.region()));
        ++m_loadsFinished;
        emit loaded();
        return;
    }
    const ChartPremise *start = m_meterId.isEmpty() ? nullptr : m_scope.premiseOfMeter(m_meterId);
    selectPremise(start ? start->premiseId : m_scope.premises.first().premiseId, m_meterId);
    load();
}

void UsageChartPage::showMeter(const QString &meterId)
{
    m_meterId = meterId;
    if (m_scope.customerId.isEmpty())
        return; // the scope is still loading and will pick the meter up
    showScope();
}

void UsageChartPage::selectPremise(const QString &premiseId, const QString &meterId)
{
    m_premiseId = premiseId;
    m_premise->setCurrentIndex(std::max(0, m_premise->findData(premiseId)));
    qDeleteAll(m_channelBoxes);
    m_channelBoxes.clear();
    const ChartPremise *p = premise();
    if (!p)
        return;
    for (const ChartChannel &c : p->channels) {
        auto *box = new QCheckBox(channelText(c), m_meters);
        box->setObjectName(QStringLiteral("usageChannel"));
        box->setProperty("channelId", c.channelId);
        // A meter's sparkline opens that meter alone; the customer's page, every meter there.
        box->setChecked(meterId.isEmpty() || c.meterId == meterId);
        connect(box, &QCheckBox::toggled, this, [this] { load(); });
        m_metersLayout->addWidget(box);
        m_channelBoxes.append(box);
    }
    resetLevels();
}

void UsageChartPage::resetLevels()
{
    m_levels.clear();
    const ChartPremise *p = premise();
    QDate last = p ? p->lastDay() : QDate();
    QDate first = p ? p->firstDay() : QDate();
    if (!last.isValid()) {
        // Nothing read yet: the last twelve months, which say so.
        last = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), p ? p->zone : QTimeZone::utc()).date();
        first = last;
    }
    // The years of the readings, then the twelve months up to the last one.
    m_levels.append({QDate(first.year(), 1, 1), QDate(last.year(), 12, 31), Resolution::Year, std::nullopt});
    const QDate monthStart = QDate(last.year(), last.month(), 1).addMonths(-11);
    m_levels.append({monthStart, QDate(last.year(), last.month(), last.daysInMonth()), Resolution::Month, std::nullopt});
}

QStringList UsageChartPage::checkedChannels() const
{
    QStringList ids;
    for (const QCheckBox *box : m_channelBoxes)
        if (box->isChecked())
            ids << box->property("channelId").toString();
    return ids;
}

void UsageChartPage::load()
{
    if (m_levels.isEmpty() || !premise())
        return;
    m_rangeTimer->stop();
    const quint64 generation = ++m_generation;
    const Level level = m_levels.last();
    ChartRequest request;
    request.premiseId = m_premiseId;
    request.channelIds = checkedChannels();
    request.from = level.from;
    request.to = level.to;
    request.resolution = level.resolution;
    request.compareWithYearBefore = m_compare;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    m_status->setText(tr("Loading…"));
    Core::Context *context = &m_context;
    const Core::UserContext user = m_user;
    const QString customerId = m_customerId;
    Ui::runInBackground(
        m_context.database, this,
        [context, user, customerId, request] {
            return catching(
                [&] { return UsageChartService(context->database, context->cipher).load(user, customerId, request); });
        },
        [this, generation](const Outcome<ChartData> &outcome) {
            if (generation != m_generation)
                return;
            if (outcome.value) {
                display(*outcome.value);
            } else {
                m_bar->showError(outcome.error);
                if (outcome.denied)
                    m_state->showEmpty(outcome.error);
                else
                    m_state->showError(outcome.error, [this] { load(); });
                m_status->clear();
            }
            ++m_loadsFinished;
            emit loaded();
        },
        [this, generation](const QString &error) {
            if (generation != m_generation)
                return;
            m_state->showError(error, [this] { load(); });
            m_status->clear();
            ++m_loadsFinished;
            emit loaded();
        });
}

void UsageChartPage::display(const ChartData &data)
{
    m_data = data;
    const Level &level = m_levels.last();
    m_chart->setData(data, level.visible);
    m_model->setData(data);
    if (m_stack->currentWidget() == m_table)
        m_table->resizeColumnsToContents();
    if (m_costShown)
        loadCost();
    const int index = m_resolution->findData(level.resolution ? QVariant(int(*level.resolution)) : QVariant());
    m_resolution->setCurrentIndex(std::max(0, index));
    showBreadcrumb();
    m_chart->chart()->setTitle(tr("Use at %1: %2").arg(data.premiseAddress.isEmpty() ? tr("meters on no premise")
                                                                                      : data.premiseAddress,
                                                        levelLabel(level, data.resolution)));
    const bool noChannels = data.request.channelIds.isEmpty();
    const bool hasAny = premise() && std::any_of(premise()->channels.cbegin(), premise()->channels.cend(),
                                                 [](const ChartChannel &c) { return c.hasReadings(); });
    if (noChannels) {
        m_state->showEmpty(premise() && premise()->channels.isEmpty() ? tr("No meter at this premise records use.")
                                                                      : tr("No meter chosen: tick a meter above."));
    } else if (!hasAny) {
        m_state->showEmpty(tr("No readings for these meters yet. Readings appear here once they are imported."));
    } else if (data.isEmpty()) {
        const QLocale locale;
        m_state->showEmpty(tr("No readings from %1 to %2.")
                               .arg(locale.toString(level.from, QLocale::ShortFormat),
                                    locale.toString(level.to, QLocale::ShortFormat)),
                           m_levels.size() > 1 ? tr("&Back") : QString(), [this] { goBack(); });
    } else {
        m_state->showContent();
    }
    qsizetype shown = 0, source = 0;
    for (const ChartSeries &s : data.series) {
        shown += s.points.size();
        source += s.sourcePoints;
    }
    if (m_status->text() == tr("Loading…") || m_status->text().isEmpty()) {
        const auto [series, point] = m_chart->currentPoint();
        m_status->setText(series >= 0 ? m_chart->describe(series, point) : QString());
    }
    if (shown < source)
        m_chart->setToolTip(tr("%1 of %2 points drawn; the highest and lowest of every stretch are kept.")
                                .arg(QLocale().toString(shown), QLocale().toString(source)));
    else
        m_chart->setToolTip({});
}

QString UsageChartPage::levelLabel(const Level &level, Resolution shownAs) const
{
    const QLocale locale;
    const bool wholeYear = level.from == QDate(level.from.year(), 1, 1) && level.to == QDate(level.from.year(), 12, 31);
    const bool wholeMonth = level.from.day() == 1 && level.to == QDate(level.from.year(), level.from.month(), level.from.daysInMonth());
    const QString range = tr("%1 to %2").arg(locale.toString(level.from, QLocale::ShortFormat),
                                             locale.toString(level.to, QLocale::ShortFormat));
    if (!level.resolution)
        return level.from == level.to ? locale.toString(level.from, QLocale::LongFormat) : range;
    switch (shownAs) {
    case Resolution::Year: return tr("All years");
    case Resolution::Month:
        if (wholeYear)
            return QString::number(level.from.year());
        return tr("%1 to %2").arg(locale.toString(level.from, tr("MMM yyyy")), locale.toString(level.to, tr("MMM yyyy")));
    case Resolution::Day:
        if (wholeMonth)
            return locale.toString(level.from, tr("MMMM yyyy"));
        return range;
    case Resolution::Interval:
        return level.from == level.to ? locale.toString(level.from, QLocale::LongFormat) : range;
    }
    return range;
}

void UsageChartPage::showBreadcrumb()
{
    while (QLayoutItem *item = m_breadcrumbLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_levels.size(); ++i) {
        const Level &level = m_levels.at(i);
        const Resolution shownAs = level.resolution.value_or(m_data.resolution);
        if (i > 0) {
            auto *sep = new QLabel(QStringLiteral("›"), m_breadcrumb);
            sep->setAccessibleName(QString());
            m_breadcrumbLayout->addWidget(sep);
        }
        auto *step = new QToolButton(m_breadcrumb);
        step->setObjectName(QStringLiteral("usageBreadcrumbStep"));
        step->setText(levelLabel(level, shownAs));
        step->setAutoRaise(true);
        const bool last = i + 1 == m_levels.size();
        step->setEnabled(!last);
        if (last) {
            QFont bold = step->font();
            bold.setBold(true);
            step->setFont(bold);
        } else {
            step->setToolTip(tr("Back to %1").arg(step->text()));
            connect(step, &QToolButton::clicked, this, [this, i] { goToLevel(i); });
        }
        m_breadcrumbLayout->addWidget(step);
    }
    m_breadcrumbLayout->addStretch();
}

QString UsageChartPage::breadcrumbText() const
{
    QStringList parts;
    for (const QToolButton *b : m_breadcrumb->findChildren<QToolButton *>(QStringLiteral("usageBreadcrumbStep")))
        parts << b->text();
    return parts.join(QStringLiteral(" › "));
}

void UsageChartPage::drillInto(int series, int index)
{
    if (series < 0 || series >= m_data.series.size() || index < 0 || index >= m_data.series.at(series).points.size())
        return;
    const DrillDown d = SeriesBuilder::drillInto(m_data.series.at(series).points.at(index).point, m_data.resolution, m_data.zone);
    const Level &current = m_levels.last();
    if (m_data.resolution == Resolution::Interval && d.from == current.from && d.to == current.to)
        return; // already the finest there is
    m_levels.append({d.from, d.to, d.resolution, std::nullopt});
    load();
}

bool UsageChartPage::goBack()
{
    if (m_levels.size() <= 1)
        return false;
    m_levels.removeLast();
    load();
    return true;
}

void UsageChartPage::goToLevel(int depth)
{
    if (depth < 0 || depth + 1 >= m_levels.size())
        return;
    m_levels.resize(depth + 1);
    load();
    m_chart->setFocus();
}

void UsageChartPage::setResolution(std::optional<Resolution> resolution)
{
    if (m_levels.isEmpty())
        return;
    m_levels.last().resolution = resolution;
    load();
}

void UsageChartPage::setCompareWithYearBefore(bool compare)
{
    if (compare == m_compare)
        return;
    m_compare = compare;
    m_compareBox->setChecked(compare);
    load();
}

void UsageChartPage::setChannels(const QStringList &channelIds)
{
    for (QCheckBox *box : std::as_const(m_channelBoxes)) {
        const QSignalBlocker block(box);
        box->setChecked(channelIds.contains(box->property("channelId").toString()));
    }
    load();
}

void UsageChartPage::showPeriod(const QDate &from, const QDate &to, std::optional<Resolution> resolution)
{
    m_levels.append({from, to, resolution, std::nullopt});
    load();
}

void UsageChartPage::onRangeRequested(qint64 fromUtc, qint64 toUtc)
{
    if (m_levels.isEmpty() || !m_data.zone.isValid())
        return;
    // Re-read the days in view at the resolution that fits them, not the old points stretched.
    Level &level = m_levels.last();
    level.visible = std::pair<qint64, qint64>{fromUtc, toUtc};
    level.from = QDateTime::fromSecsSinceEpoch(fromUtc, m_data.zone).date();
    level.to = QDateTime::fromSecsSinceEpoch(std::max(fromUtc, toUtc - 1), m_data.zone).date();
    level.resolution = std::nullopt;
    m_rangeTimer->start();
}

void UsageChartPage::setTableShown(bool shown)
{
    const QSignalBlocker block(m_tableButton);
    m_tableButton->setChecked(shown);
    m_tableShown = shown;
    showCurrentView();
}

void UsageChartPage::setCostShown(bool shown)
{
    const QSignalBlocker block(m_costButton);
    m_costButton->setChecked(shown);
    if (shown == m_costShown)
        return;
    m_costShown = shown;
    showCurrentView();
    if (shown)
        loadCost();
}

void UsageChartPage::showCurrentView()
{
    QWidget *current = m_chart;
    if (m_costShown) {
        current = m_costView;
        m_costView->setTableShown(m_tableShown);
    } else if (m_tableShown) {
        current = m_table;
        // Sized when shown (from the first rows, as Qt measures), not on every load of the chart.
        m_table->resizeColumnsToContents();
    }
    m_stack->setCurrentWidget(current);
    m_pngButton->setEnabled(!m_costShown);
    m_csvButton->setEnabled(!m_costShown);
    setFocusProxy(current);
}

void UsageChartPage::loadCost()
{
    if (m_levels.isEmpty() || !premise())
        return;
    const quint64 generation = ++m_costGeneration;
    const Level level = m_levels.last();
    m_status->setText(tr("Working out the cost…"));
    Core::Context *context = &m_context;
    const Core::UserContext user = m_user;
    const QString customerId = m_customerId;
    const QString premiseId = m_premiseId;
    Ui::runInBackground(
        m_context.database, this,
        [context, user, customerId, premiseId, level] {
            return catching([&] {
                return TouCostService(context->database, context->cipher).cost(user, customerId, premiseId, level.from, level.to);
            });
        },
        [this, generation](const Outcome<TouCost> &outcome) {
            if (generation != m_costGeneration)
                return;
            if (outcome.value)
                m_costView->setCost(*outcome.value);
            else
                m_bar->showError(outcome.error);
            m_status->setText(m_costView->summary());
            ++m_costLoadsFinished;
        },
        [this, generation](const QString &error) {
            if (generation != m_costGeneration)
                return;
            m_bar->showError(error);
            ++m_costLoadsFinished;
        });
}

bool UsageChartPage::exportPng(const QString &path)
{
    const QPixmap picture = m_chart->grab();
    if (picture.isNull() || !picture.save(path, "PNG")) {
        m_bar->showError(tr("Could not write the picture to %1: check that the folder exists and you may write there.")
                             .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

bool UsageChartPage::exportCsv(const QString &path)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(ChartText::csv(m_data).toUtf8());
        if (file.commit())
            return true;
    }
    m_bar->showError(tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    return false;
}

QString UsageChartPage::suggestedFileName(const QString &suffix) const
{
    return QStringLiteral("usage-%1-%2-%3.%4")
        .arg(m_scope.customerNumber, m_data.request.from.toString(Qt::ISODate), m_data.request.to.toString(Qt::ISODate),
             suffix);
}

void UsageChartPage::chooseAndExportPng()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the chart as a picture"), suggestedFileName(QStringLiteral("png")),
                                                      tr("PNG pictures (*.png)"));
    if (!path.isEmpty() && exportPng(path))
        m_bar->showInformation(tr("The chart is saved in %1.").arg(QDir::toNativeSeparators(path)));
}

void UsageChartPage::chooseAndExportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the points shown as CSV"),
                                                      suggestedFileName(QStringLiteral("csv")), tr("CSV files (*.csv)"));
    if (!path.isEmpty() && exportCsv(path))
        m_bar->showInformation(tr("The points shown are saved in %1.").arg(QDir::toNativeSeparators(path)));
}

void UsageChartPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace Ud::Usage
