#include "toucostview.h"

#include <core/money.h>
#include <core/ui/tableview.h>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

namespace Ud::Usage {

namespace {

double major(qint64 minor, const QString &currency)
{
    return double(minor) / std::pow(10.0, Core::Money::minorDigits(currency));
}

} // namespace

TouCostView::TouCostView(QWidget *parent)
    : QWidget(parent), m_view(new QChartView(new QChart)), m_bars(new QStackedBarSeries), m_categories(new QBarCategoryAxis),
      m_amounts(new QValueAxis), m_table(new Ui::TableView), m_model(new QStandardItemModel(this)),
      m_stack(new QStackedWidget), m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("touCostView"));
    m_view->setObjectName(QStringLiteral("touCostChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFocusPolicy(Qt::StrongFocus);
    QChart *chart = m_view->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->addSeries(m_bars);
    chart->addAxis(m_categories, Qt::AlignBottom);
    chart->addAxis(m_amounts, Qt::AlignLeft);
    m_bars->attachAxis(m_categories);
    m_bars->attachAxis(m_amounts);
    m_table->setObjectName(QStringLiteral("touCostTable"));
    m_table->setModel(m_model);
    m_summary->setObjectName(QStringLiteral("touCostSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_summary);
    setFocusProxy(m_view);
}

QString TouCostView::money(qint64 minor, const QString &currency)
{
    return Core::Money(minor, currency).toString(QLocale());
}

QString TouCostView::bandName(const QString &band) const
{
    return band.isEmpty() ? tr("Energy (one rate)") : band;
}

void TouCostView::setCost(const TouCost &cost)
{
    m_cost = cost;
    fill();
}

void TouCostView::fill()
{
    const QLocale locale;
    m_bars->clear();
    const QString format = m_cost.resolution == Resolution::Day ? tr("d MMM") : tr("MMM yyyy");
    QStringList categories;
    for (const TouCostBucket &b : m_cost.buckets)
        categories << locale.toString(b.from, format);
    m_categories->clear();
    m_categories->append(categories);
    const QPalette pal = palette();
    const QColor accent = pal.color(QPalette::Highlight).toHsv();
    double high = 0;
    for (qsizetype band = 0; band < m_cost.bands.size(); ++band) {
        auto *set = new QBarSet(bandName(m_cost.bands.at(band)));
        QList<qreal> values;
        values.reserve(m_cost.buckets.size());
        for (const TouCostBucket &b : m_cost.buckets)
            values << major(b.bandMinor.value(band), m_cost.currency);
        set->append(values);
        // The accent, lighter for each further band: few colours, told apart by the legend too.
        const int hue = accent.hsvHue() < 0 ? 210 : accent.hsvHue();
        set->setColor(QColor::fromHsv((hue + int(band) * 40) % 360, std::max(60, accent.hsvSaturation() - int(band) * 30),
                                      std::min(235, accent.value() + int(band) * 20)));
        set->setBorderColor(pal.color(QPalette::Base));
        m_bars->append(set);
    }
    for (const TouCostBucket &b : m_cost.buckets)
        high = std::max(high, major(b.energyMinor(), m_cost.currency));
    m_amounts->setRange(0, high > 0 ? high * 1.08 : 1);
    m_amounts->applyNiceNumbers();
    m_amounts->setTitleText(m_cost.currency);
    m_view->chart()->setTitle(m_cost.buckets.isEmpty()
                                  ? QString()
                                  : tr("Energy cost by time of use, %1 to %2")
                                        .arg(locale.toString(m_cost.buckets.first().from, QLocale::ShortFormat),
                                             locale.toString(m_cost.buckets.last().to, QLocale::ShortFormat)));
    m_view->chart()->setBackgroundBrush(pal.color(QPalette::Base));
    m_view->chart()->setTitleBrush(pal.color(QPalette::Text));
    m_view->chart()->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_categories), static_cast<QAbstractAxis *>(m_amounts)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        QColor grid = pal.color(QPalette::Mid);
        grid.setAlpha(70);
        axis->setGridLineColor(grid);
    }

    m_model->clear();
    QStringList header{tr("From"), tr("To")};
    for (const QString &band : std::as_const(m_cost.bands))
        header << tr("%1 (kWh)").arg(bandName(band)) << bandName(band);
    header << tr("Other charges") << tr("VAT") << tr("Total");
    m_model->setHorizontalHeaderLabels(header);
    for (const TouCostBucket &b : m_cost.buckets) {
        QList<QStandardItem *> row;
        const auto cell = [](const QString &text, bool number) {
            auto *item = new QStandardItem(text);
            item->setEditable(false);
            if (number)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        row << cell(locale.toString(b.from, QLocale::ShortFormat), false) << cell(locale.toString(b.to, QLocale::ShortFormat), false);
        for (qsizetype band = 0; band < m_cost.bands.size(); ++band) {
            row << cell(locale.toString(double(b.bandWh.value(band)) / 1000.0, 'f', 3), true)
                << cell(money(b.bandMinor.value(band), m_cost.currency), true);
        }
        row << cell(money(b.otherMinor, m_cost.currency), true) << cell(money(b.vatMinor, m_cost.currency), true)
            << cell(b.priced ? money(b.totalMinor, m_cost.currency) : tr("not priced"), true);
        m_model->appendRow(row);
    }

    qint64 energy = 0, other = 0, vat = 0;
    for (const TouCostBucket &b : m_cost.buckets) {
        energy += b.energyMinor();
        other += b.otherMinor;
        vat += b.vatMinor;
    }
    QStringList parts;
    if (m_cost.accountNumber.isEmpty()) {
        parts << m_cost.notes;
    } else {
        QStringList bands;
        for (qsizetype band = 0; band < m_cost.bands.size(); ++band) {
            qint64 sum = 0;
            for (const TouCostBucket &b : m_cost.buckets)
                sum += b.bandMinor.value(band);
            bands << tr("%1 %2").arg(bandName(m_cost.bands.at(band)), money(sum, m_cost.currency));
        }
        parts << tr("Account %1, tariff %2: energy %3 (%4), other charges %5, VAT %6, in total %7.")
                     .arg(m_cost.accountNumber, m_cost.tariffCodes.isEmpty() ? tr("none") : m_cost.tariffCodes.join(QStringLiteral(", ")),
                          money(energy, m_cost.currency), bands.join(QStringLiteral(", ")), money(other, m_cost.currency),
                          money(vat, m_cost.currency), money(m_cost.totalMinor(), m_cost.currency));
        parts << m_cost.notes;
    }
    m_summary->setText(parts.join(QLatin1Char(' ')));
    m_view->setAccessibleDescription(m_summary->text());
}

QString TouCostView::summary() const
{
    return m_summary->text();
}

void TouCostView::setTableShown(bool shown)
{
    m_stack->setCurrentWidget(shown ? static_cast<QWidget *>(m_table) : static_cast<QWidget *>(m_view));
    if (shown)
        m_table->resizeColumnsToContents();
    setFocusProxy(m_stack->currentWidget());
}

void TouCostView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        fill();
    QWidget::changeEvent(event);
}

} // namespace Ud::Usage
