#include "distributionview.h"

#include <core/ui/background.h>
#include <core/ui/tableview.h>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Ud::Segments {

namespace {
const Rules::Period ChartPeriod{12, Rules::Period::Unit::Months};

QString number(const Rules::Decimal &value, bool whole)
{
    const QLocale locale;
    if (whole)
        return locale.toString(value.micros / Rules::Decimal::Scale);
    const QString text = value.toText(); // exact: "12.5"
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    const int decimals = text.endsWith(QLatin1String(".0")) ? 0 : int(text.size() - dot - 1);
    return locale.toString(double(value.micros) / double(Rules::Decimal::Scale), 'f', decimals);
}
} // namespace

DistributionView::DistributionView(QThreadPool *pool, Core::Database &database, const SegmentQuery &query, Core::UserContext user,
                                   const Rules::AttributeRegistry &registry, QWidget *parent)
    : QWidget(parent), m_pool(pool), m_database(database), m_query(query), m_user(std::move(user)), m_registry(registry),
      m_attributeLabel(new QLabel(this)), m_attribute(new QComboBox(this)), m_asTable(new QCheckBox(this)),
      m_status(new QLabel(this)), m_stack(new QStackedWidget(this)), m_chart(new QChartView(new QChart)),
      m_bars(new QBarSeries), m_categories(new QBarCategoryAxis), m_counts(new QValueAxis), m_table(new Ui::TableView),
      m_tableModel(new QStandardItemModel(this))
{
    m_attribute->setObjectName(QStringLiteral("distributionAttribute"));
    m_asTable->setObjectName(QStringLiteral("distributionAsTable"));
    m_chart->setObjectName(QStringLiteral("distributionChart"));
    m_table->setObjectName(QStringLiteral("distributionTable"));
    m_status->setObjectName(QStringLiteral("distributionStatus"));
    m_attributeLabel->setBuddy(m_attribute);
    for (const Rules::AttributeDefinition &a : registry.attributes())
        if (a.sql && a.type != Rules::AttributeType::Date)
            m_attribute->addItem(a.name, a.name);
    const int classIndex = m_attribute->findData(QStringLiteral("class"));
    if (classIndex >= 0)
        m_attribute->setCurrentIndex(classIndex);

    QChart *chart = m_chart->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->addSeries(m_bars);
    chart->addAxis(m_categories, Qt::AlignBottom);
    chart->addAxis(m_counts, Qt::AlignLeft);
    m_bars->attachAxis(m_categories);
    m_bars->attachAxis(m_counts);
    m_counts->setLabelFormat(QStringLiteral("%d"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setFocusPolicy(Qt::StrongFocus);
    m_table->setModel(m_tableModel);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_table);

    auto *top = new QHBoxLayout;
    top->addWidget(m_attributeLabel);
    top->addWidget(m_attribute, 1);
    top->addWidget(m_asTable);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    connect(m_attribute, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_asTable, &QCheckBox::toggled, this, [this](bool on) { m_stack->setCurrentIndex(on ? 1 : 0); });
    retranslateUi();
}

DistributionView::~DistributionView()
{
    if (m_cancel)
        m_cancel->cancel();
}

QString DistributionView::attribute() const
{
    return m_attribute->currentData().toString();
}

void DistributionView::setAttribute(const QString &attribute)
{
    const int at = m_attribute->findData(attribute);
    if (at >= 0)
        m_attribute->setCurrentIndex(at);
}

void DistributionView::setDefinition(const SegmentDefinition &definition)
{
    m_definition = definition;
    reload();
}

void DistributionView::clear()
{
    m_definition.reset();
    if (m_cancel)
        m_cancel->cancel();
    ++m_generation;
    m_loading = false;
    show({});
}

void DistributionView::reload()
{
    if (!m_definition || attribute().isEmpty())
        return;
    if (m_cancel)
        m_cancel->cancel();
    m_cancel = Core::QueryCancel::create();
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_status->setText(tr("Counting…"));
    const Rules::AttributeDefinition *a = m_registry.attribute(attribute());
    const std::optional<Rules::Period> period = a && a->takesPeriod ? std::optional(ChartPeriod) : std::nullopt;
    const SegmentQuery *query = &m_query;
    const Core::UserContext user = m_user;
    const SegmentDefinition definition = *m_definition;
    const QString name = attribute();
    const std::shared_ptr<Core::QueryCancel> cancel = m_cancel;
    Ui::runInBackground(
        m_pool, m_database, this,
        [query, user, definition, name, period, cancel] {
            return query->distribution(user, definition, name, period, SegmentQuery::DefaultBins, cancel.get());
        },
        [this, generation](const Distribution &d) {
            if (generation != m_generation)
                return;
            m_loading = false;
            show(d);
            emit loaded();
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_loading = false;
            show({});
            m_status->setText(tr("Could not chart the attribute: %1").arg(message));
        });
}

QString DistributionView::label(const DistributionBin &bin) const
{
    switch (bin.kind) {
    case DistributionBin::Kind::Value: return bin.value;
    case DistributionBin::Kind::Other: return tr("Other");
    case DistributionBin::Kind::Range: {
        const bool whole = m_distribution.type == Rules::AttributeType::Integer;
        if (whole) {
            const Rules::Decimal last{bin.to.micros - Rules::Decimal::Scale};
            return last == bin.from ? number(bin.from, true) : tr("%1–%2").arg(number(bin.from, true), number(last, true));
        }
        return tr("%1 to under %2").arg(number(bin.from, false), number(bin.to, false));
    }
    }
    return {};
}

QStringList DistributionView::categories() const
{
    return m_categories->categories();
}

void DistributionView::show(const Distribution &distribution)
{
    m_distribution = distribution;
    const QLocale locale;
    m_bars->clear();
    m_categories->clear();
    m_tableModel->clear();
    m_tableModel->setHorizontalHeaderLabels({tr("Value"), tr("Members")});
    QStringList labels;
    QList<qreal> values;
    qint64 high = 0;
    auto add = [&](const QString &text, qint64 count) {
        labels << text;
        values << qreal(count);
        high = std::max(high, count);
        auto *value = new QStandardItem(locale.toString(count));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_tableModel->appendRow({new QStandardItem(text), value});
    };
    for (const DistributionBin &bin : distribution.bins)
        add(label(bin), bin.count);
    if (distribution.unknown > 0)
        add(tr("Unknown"), distribution.unknown);
    if (!labels.isEmpty()) {
        auto *set = new QBarSet(tr("Members"));
        set->append(values);
        const QPalette pal = palette();
        set->setColor(pal.color(QPalette::Highlight));
        set->setBorderColor(pal.color(QPalette::Base));
        m_bars->append(set);
        m_categories->append(labels);
    }
    // Bars start at zero; the axis says what is counted.
    m_counts->setRange(0, high > 0 ? double(high) * 1.08 : 1.0);
    m_counts->applyNiceNumbers();
    m_counts->setTitleText(tr("Members"));
    m_categories->setTitleText(distribution.attribute);
    QChart *chart = m_chart->chart();
    chart->setTitle(distribution.attribute.isEmpty() ? QString() : tr("Members by %1, today").arg(distribution.attribute));
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_categories), static_cast<QAbstractAxis *>(m_counts)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setGridLineColor(pal.color(QPalette::Midlight));
    }
    m_status->setText(distribution.attribute.isEmpty()
                          ? QString()
                          : tr("%Ln member(s) charted.", nullptr, int(qMin<qint64>(distribution.members, std::numeric_limits<int>::max()))));
}

void DistributionView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        show(m_distribution);
    QWidget::changeEvent(event);
}

void DistributionView::retranslateUi()
{
    m_attributeLabel->setText(tr("C&hart attribute:"));
    m_asTable->setText(tr("Show as ta&ble"));
}

} // namespace Ud::Segments
