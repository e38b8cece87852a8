#include "usagechartview.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QEvent>
#include <QKeyEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QRubberBand>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Ud::Usage {

namespace {

/// At least an hour on screen, at most a century: zooming stops there.
constexpr double MinSpan = 3600.0;
constexpr double MaxSpan = 100.0 * 366 * 86400;

bool isVolume(Accounts::ChannelUnit unit) { return unit == Accounts::ChannelUnit::Litre; }

double shown(const ChartSeries &s, qint64 value)
{
    const double v = ChartText::displayValue(value, s.channel.unit);
    // Export (fed into the grid) is drawn below the axis.
    return s.channel.kind == Accounts::ChannelKind::Export ? -v : v;
}

/// The outline of one series as an area from zero: a step of its true width per point where
/// every point is drawn, a line through the kept points where it is thinned; down to zero at
/// every gap so nothing is drawn across it. `keep` picks the points that belong to it.
template<typename Keep>
QList<QPointF> outline(const ChartSeries &s, Keep keep)
{
    QList<QPointF> out;
    out.reserve(s.points.size() * 2 + 8);
    const bool steps = !s.thinned();
    bool open = false;
    double lastEnd = 0;
    double lastY = 0;
    const auto close = [&] {
        if (open)
            out << QPointF(lastEnd, lastY) << QPointF(lastEnd, 0);
        open = false;
    };
    for (qsizetype i = 0; i < s.points.size(); ++i) {
        const ChartPoint &p = s.points.at(i);
        if (!keep(i)) {
            close();
            continue;
        }
        const bool joined = !p.runStart && open;
        const double y = shown(s, p.point.value);
        if (!joined) {
            close();
            const double start = steps ? double(p.point.startUtc) : double(p.spanStartUtc);
            out << QPointF(start, 0) << QPointF(start, y);
            open = true;
        }
        if (steps)
            out << QPointF(double(p.point.startUtc), y) << QPointF(double(p.point.endUtc), y);
        else
            out << QPointF(double(p.point.startUtc), y); // a kept point sits at its own instant
        lastEnd = steps ? double(p.point.endUtc) : double(p.spanEndUtc);
        lastY = y;
    }
    close();
    return out;
}

/// The runs of a dense series as lines through its points (a kept point at its own instant, a
/// point of its own width at its middle); nothing joins one run to the next.
QList<QList<QPointF>> lineRuns(const ChartSeries &s)
{
    QList<QList<QPointF>> out;
    for (const ChartPoint &p : s.points) {
        if (p.runStart || out.isEmpty())
            out.append(QList<QPointF>());
        const double x = s.thinned() ? double(p.point.startUtc) : (double(p.point.startUtc) + double(p.point.endUtc)) / 2;
        out.last().append(QPointF(x, shown(s, p.point.value)));
    }
    return out;
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

/// The accent for the n-th channel: the palette's highlight, its hue turned for the others, so
/// the colours follow the theme and stay few.
QColor channelColour(const QPalette &palette, int n)
{
    QColor c = palette.color(QPalette::Highlight).toHsv();
    if (n == 0)
        return c;
    const int hue = c.hsvHue() < 0 ? 210 : c.hsvHue();
    return QColor::fromHsv((hue + n * 137) % 360, std::max(90, c.hsvSaturation()), std::min(220, std::max(120, c.value())));
}

QString seriesName(const ChartSeries &s)
{
    const QString what = s.channel.kind == Accounts::ChannelKind::Export
                             ? UsageChartView::tr("%1 export (solar), %2").arg(s.channel.serial, ChartText::unitSymbol(s.channel.unit))
                             : UsageChartView::tr("%1 %2, %3").arg(s.channel.serial, Accounts::commodityName(s.channel.commodity),
                                                                  ChartText::unitSymbol(s.channel.unit));
    return s.role == SeriesRole::YearBefore ? UsageChartView::tr("%1, a year before").arg(what) : what;
}

} // namespace

UsageChartView::UsageChartView(QWidget *parent) : QChartView(new QChart, parent)
{
    setObjectName(QStringLiteral("usageChartView"));
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setBackgroundRoundness(0);

    m_timeAxis = new QCategoryAxis(chart());
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart()->addAxis(m_timeAxis, Qt::AlignBottom);
    m_energyAxis = new QValueAxis(chart());
    m_energyAxis->setLabelFormat(QStringLiteral("%.1f"));
    chart()->addAxis(m_energyAxis, Qt::AlignLeft);
    m_volumeAxis = new QValueAxis(chart());
    m_volumeAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(m_volumeAxis, Qt::AlignRight);
    m_volumeAxis->setVisible(false);

    m_gaps = new QAreaSeries(chart());
    m_gaps->setUpperSeries(new QLineSeries(m_gaps));
    m_gaps->setLowerSeries(new QLineSeries(m_gaps));
    m_gaps->setPen(Qt::NoPen);
    m_cursor = new QScatterSeries(chart());
    m_cursor->setMarkerShape(QScatterSeries::MarkerShapeCircle);

    m_band = new QRubberBand(QRubberBand::Rectangle, this);
    applyPalette();
    connect(m_timeAxis, &QValueAxis::rangeChanged, this, [this] { updateTicks(); });
}

void UsageChartView::setData(const ChartData &data, std::optional<std::pair<qint64, qint64>> visible)
{
    m_data = data;
    rebuild();
    fill();
    const auto [from, to] = visible.value_or(fullRange());
    setTimeRange(double(from), double(to), false);
    // The keyboard cursor stays near where it was, on the first series with points.
    int series = -1;
    for (int i = 0; i < m_data.series.size() && series < 0; ++i)
        if (m_data.series.at(i).role == SeriesRole::Current && !m_data.series.at(i).points.isEmpty())
            series = i;
    if (series < 0) {
        setCurrentPoint(-1, -1);
        return;
    }
    const auto [vFrom, vTo] = visibleRange();
    const QList<ChartPoint> &points = m_data.series.at(series).points;
    int index = 0;
    while (index + 1 < points.size() && points.at(index).point.endUtc <= vFrom)
        ++index;
    Q_UNUSED(vTo)
    setCurrentPoint(series, index);
}

std::pair<qint64, qint64> UsageChartView::fullRange() const
{
    if (!m_data.request.from.isValid() || !m_data.zone.isValid())
        return {0, 86400};
    return {m_data.request.from.startOfDay(m_data.zone).toSecsSinceEpoch(),
            m_data.request.to.addDays(1).startOfDay(m_data.zone).toSecsSinceEpoch()};
}

std::pair<qint64, qint64> UsageChartView::visibleRange() const
{
    return {qint64(std::llround(m_timeAxis->min())), qint64(std::llround(m_timeAxis->max()))};
}

QValueAxis *UsageChartView::axisFor(Accounts::ChannelUnit unit) const
{
    // Energy on the left; volume on the left too when there is no energy to show.
    bool energy = false;
    for (const ChartSeries &s : m_data.series)
        energy = energy || !isVolume(s.channel.unit);
    return isVolume(unit) && energy ? m_volumeAxis : m_energyAxis;
}

void UsageChartView::rebuild()
{
    QList<QString> structure;
    for (const ChartSeries &s : m_data.series)
        structure << s.channel.channelId + QLatin1Char('/') + QString::number(int(s.role));
    if (structure == m_structure && !m_drawn.isEmpty())
        return;
    m_structure = structure;
    for (const Drawn &d : std::as_const(m_drawn)) {
        QList<QAbstractSeries *> all{d.area, d.estimated};
        for (QLineSeries *l : d.lines)
            all << l;
        for (QAbstractSeries *a : all) {
            if (!a)
                continue;
            chart()->removeSeries(a);
            delete a;
        }
    }
    m_drawn.clear();
    if (chart()->series().contains(m_gaps))
        chart()->removeSeries(m_gaps);
    if (chart()->series().contains(m_cursor))
        chart()->removeSeries(m_cursor);

    const auto attach = [this](QAbstractSeries *s, QValueAxis *y) {
        chart()->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(y);
    };
    attach(m_gaps, m_energyAxis);
    m_drawn.resize(m_data.series.size());
    QHash<QString, int> colourOf;
    // The year before goes behind this period, estimated hatching on top of both.
    for (const SeriesRole role : {SeriesRole::YearBefore, SeriesRole::Current}) {
        for (int i = 0; i < m_data.series.size(); ++i) {
            const ChartSeries &s = m_data.series.at(i);
            if (s.role != role)
                continue;
            auto *area = new QAreaSeries(chart());
            area->setUpperSeries(new QLineSeries(area));
            area->setLowerSeries(new QLineSeries(area));
            area->setName(seriesName(s));
            area->setPen(Qt::NoPen);
            attach(area, axisFor(s.channel.unit));
            m_drawn[i].area = area;
            if (!colourOf.contains(s.channel.meterId))
                colourOf.insert(s.channel.meterId, int(colourOf.size()));
        }
    }
    bool estimatedInLegend = false;
    for (int i = 0; i < m_data.series.size(); ++i) {
        const ChartSeries &s = m_data.series.at(i);
        if (s.role != SeriesRole::Current)
            continue;
        auto *estimated = new QAreaSeries(chart());
        estimated->setUpperSeries(new QLineSeries(estimated));
        estimated->setLowerSeries(new QLineSeries(estimated));
        estimated->setName(tr("Estimated readings"));
        estimated->setPen(Qt::NoPen);
        attach(estimated, axisFor(s.channel.unit));
        // One legend entry says what the hatching means, whatever the number of meters.
        const auto markers = chart()->legend()->markers(estimated);
        for (QLegendMarker *m : markers)
            m->setVisible(!estimatedInLegend);
        estimatedInLegend = true;
        m_drawn[i].estimated = estimated;
    }
    attach(m_cursor, m_energyAxis);
    for (QLegendMarker *m : chart()->legend()->markers(m_cursor))
        m->setVisible(false);
    m_gaps->setName(tr("No readings"));
    bool volume = false;
    for (const ChartSeries &s : m_data.series)
        volume = volume || axisFor(s.channel.unit) == m_volumeAxis;
    m_volumeAxis->setVisible(volume);
    for (int i = 0; i < m_data.series.size(); ++i)
        if (m_drawn.at(i).area)
            m_drawn.at(i).area->setProperty("udColour", colourOf.value(m_data.series.at(i).channel.meterId));
    applyPalette();
}

void UsageChartView::fill()
{
    double lowEnergy = 0, highEnergy = 0, lowVolume = 0, highVolume = 0;
    for (int i = 0; i < m_data.series.size(); ++i) {
        const ChartSeries &s = m_data.series.at(i);
        Drawn &d = m_drawn[i];
        int runs = 0;
        for (const ChartPoint &p : s.points)
            runs += p.runStart ? 1 : 0;
        d.asLines = s.points.size() > MaxAreaPoints && runs <= MaxLineRuns;
        const QList<QList<QPointF>> lines = d.asLines ? lineRuns(s) : QList<QList<QPointF>>();
        while (d.lines.size() < lines.size()) {
            auto *line = new QLineSeries(chart());
            chart()->addSeries(line);
            line->attachAxis(m_timeAxis);
            line->attachAxis(axisFor(s.channel.unit));
            for (QLegendMarker *m : chart()->legend()->markers(line))
                m->setVisible(false);
            d.lines.append(line);
        }
        for (qsizetype k = 0; k < d.lines.size(); ++k)
            d.lines.at(k)->replace(k < lines.size() ? lines.at(k) : QList<QPointF>());
        const QList<QPointF> upper = d.asLines ? QList<QPointF>() : outline(s, [](qsizetype) { return true; });
        // replace() with the whole list: one change signal, one re-layout.
        d.area->upperSeries()->replace(upper);
        const double a = upper.isEmpty() ? 0 : upper.first().x();
        const double b = upper.isEmpty() ? 0 : upper.last().x();
        d.area->lowerSeries()->replace(upper.isEmpty() ? QList<QPointF>() : QList<QPointF>{{a, 0}, {b, 0}});
        double &low = isVolume(s.channel.unit) && axisFor(s.channel.unit) == m_volumeAxis ? lowVolume : lowEnergy;
        double &high = isVolume(s.channel.unit) && axisFor(s.channel.unit) == m_volumeAxis ? highVolume : highEnergy;
        for (const QPointF &p : upper) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        for (const QList<QPointF> &line : lines) {
            for (const QPointF &p : line) {
                low = std::min(low, p.y());
                high = std::max(high, p.y());
            }
        }
        if (d.estimated) {
            const QList<QPointF> est =
                outline(s, [&s](qsizetype k) { return s.points.at(k).spanEstimated > 0; });
            d.estimated->upperSeries()->replace(est);
            d.estimated->lowerSeries()->replace(
                est.isEmpty() ? QList<QPointF>() : QList<QPointF>{{est.first().x(), 0}, {est.last().x(), 0}});
        }
    }
    const auto niceRange = [](QValueAxis *axis, double low, double high) {
        if (high <= 0 && low >= 0)
            high = 1;
        axis->setRange(low < 0 ? low * 1.08 : 0, high > 0 ? high * 1.08 : 0);
        axis->applyNiceNumbers();
    };
    niceRange(m_energyAxis, lowEnergy, highEnergy);
    niceRange(m_volumeAxis, lowVolume, highVolume);
    QString energyUnit;
    QString volumeUnit;
    for (const ChartSeries &s : m_data.series) {
        QString &unit = axisFor(s.channel.unit) == m_volumeAxis ? volumeUnit : energyUnit;
        if (unit.isEmpty())
            unit = ChartText::unitSymbol(s.channel.unit);
    }
    m_energyAxis->setTitleText(energyUnit.isEmpty() ? ChartText::unitSymbol(Accounts::ChannelUnit::WattHour) : energyUnit);
    m_volumeAxis->setTitleText(volumeUnit);

    // Stretches of this period without readings, between the first and last point.
    QList<QPointF> gaps;
    const double top = m_energyAxis->max();
    for (const ChartSeries &s : m_data.series) {
        if (s.role != SeriesRole::Current || axisFor(s.channel.unit) != m_energyAxis)
            continue;
        for (qsizetype i = 1; i < s.points.size(); ++i) {
            if (!s.points.at(i).runStart)
                continue;
            const double from = double(s.points.at(i - 1).spanEndUtc);
            const double to = double(s.points.at(i).spanStartUtc);
            gaps << QPointF(from, 0) << QPointF(from, top) << QPointF(to, top) << QPointF(to, 0);
        }
        break; // one series says it; the others would hatch the same days over each other
    }
    m_gaps->upperSeries()->replace(gaps);
    m_gaps->lowerSeries()->replace(gaps.isEmpty() ? QList<QPointF>()
                                                  : QList<QPointF>{{gaps.first().x(), 0}, {gaps.last().x(), 0}});
    const bool anyGap = !gaps.isEmpty();
    for (QLegendMarker *m : chart()->legend()->markers(m_gaps))
        m->setVisible(anyGap);
    chart()->setTitle(m_data.premiseAddress);
    applyPalette();
}

bool UsageChartView::drawnAsLines(int series) const
{
    return series >= 0 && series < m_drawn.size() && m_drawn.at(series).asLines;
}

QList<QPointF> UsageChartView::drawnPoints(int series) const
{
    if (series < 0 || series >= m_drawn.size())
        return {};
    const Drawn &d = m_drawn.at(series);
    if (!d.asLines)
        return d.area->upperSeries()->points();
    QList<QPointF> out;
    for (const QLineSeries *line : d.lines)
        out << line->points();
    return out;
}

void UsageChartView::applyPalette()
{
    const QPalette pal = palette();
    chart()->setBackgroundBrush(pal.color(QPalette::Base));
    chart()->setPlotAreaBackgroundVisible(false);
    chart()->setTitleBrush(pal.color(QPalette::Text));
    chart()->legend()->setLabelColor(pal.color(QPalette::Text));
    const QColor grid = withAlpha(pal.color(QPalette::Mid), 70);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_energyAxis),
                                static_cast<QAbstractAxis *>(m_volumeAxis)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
    m_volumeAxis->setGridLineVisible(false);
    m_gaps->setBrush(QBrush(withAlpha(pal.color(QPalette::Mid), 110), Qt::Dense6Pattern));
    for (int i = 0; i < m_drawn.size() && i < m_data.series.size(); ++i) {
        const ChartSeries &s = m_data.series.at(i);
        const Drawn &d = m_drawn.at(i);
        if (!d.area)
            continue;
        const QColor accent = channelColour(pal, d.area->property("udColour").toInt());
        if (s.role == SeriesRole::YearBefore)
            d.area->setBrush(withAlpha(pal.color(QPalette::Mid), 150));
        else if (s.channel.kind == Accounts::ChannelKind::Export)
            d.area->setBrush(withAlpha(accent.lighter(140), 190));
        else
            d.area->setBrush(withAlpha(accent, 190));
        if (d.estimated)
            d.estimated->setBrush(QBrush(pal.color(QPalette::Text), Qt::BDiagPattern));
        // A cosmetic one-pixel pen: the raster engine's fast path for long polylines.
        QPen pen(d.area->brush().color());
        pen.setWidth(0);
        pen.setCosmetic(true);
        pen.setColor(withAlpha(pen.color(), 255));
        for (QLineSeries *line : d.lines)
            line->setPen(pen);
    }
    const QFontMetrics fm = fontMetrics();
    m_cursor->setMarkerSize(fm.height() * 0.6);
    m_cursor->setColor(pal.color(QPalette::Text));
    m_cursor->setBorderColor(pal.color(QPalette::Base));
}

void UsageChartView::setTimeRange(double from, double to, bool request)
{
    if (to - from < MinSpan) {
        const double mid = (from + to) / 2;
        from = mid - MinSpan / 2;
        to = mid + MinSpan / 2;
    }
    if (to - from > MaxSpan)
        to = from + MaxSpan;
    m_timeAxis->setRange(from, to);
    updateTicks();
    if (request)
        emit rangeRequested(qint64(std::llround(from)), qint64(std::llround(to)));
}

void UsageChartView::updateTicks()
{
    const QTimeZone zone = m_data.zone.isValid() ? m_data.zone : QTimeZone::utc();
    const double min = m_timeAxis->min();
    const double max = m_timeAxis->max();
    const double span = max - min;
    const QStringList old = m_timeAxis->categoriesLabels();
    for (const QString &label : old)
        m_timeAxis->remove(label);
    m_timeAxis->setStartValue(min);
    if (span <= 0)
        return;
    // The step in local calendar units that gives at most about eight labels.
    enum class Unit { Hour, Day, Month, Year };
    struct Step {
        Unit unit;
        int count;
    };
    static const Step steps[] = {{Unit::Hour, 1},  {Unit::Hour, 3},  {Unit::Hour, 6},   {Unit::Hour, 12},
                                 {Unit::Day, 1},   {Unit::Day, 2},   {Unit::Day, 7},    {Unit::Month, 1},
                                 {Unit::Month, 3}, {Unit::Month, 6}, {Unit::Year, 1},   {Unit::Year, 2},
                                 {Unit::Year, 5},  {Unit::Year, 10}, {Unit::Year, 25}};
    const auto approx = [](const Step &s) {
        switch (s.unit) {
        case Unit::Hour: return 3600.0 * s.count;
        case Unit::Day: return 86400.0 * s.count;
        case Unit::Month: return 30.44 * 86400.0 * s.count;
        case Unit::Year: return 365.25 * 86400.0 * s.count;
        }
        return 86400.0;
    };
    Step step = steps[std::size(steps) - 1];
    for (const Step &s : steps) {
        if (span / approx(s) <= 8) {
            step = s;
            break;
        }
    }
    const QLocale locale;
    const QDateTime first = QDateTime::fromSecsSinceEpoch(qint64(std::floor(min)), zone);
    const bool manyDays = span > 86400.0 * 1.5;
    QList<std::pair<qint64, QString>> ticks;
    if (step.unit == Unit::Hour) {
        // Real hours: a 25-hour day has 25 of them, its repeated hour told apart by the zone's name.
        qint64 t = first.date().startOfDay(zone).toSecsSinceEpoch();
        const qint64 stepSecs = 3600LL * step.count;
        while (t < min)
            t += stepSecs;
        for (; t <= max; t += stepSecs) {
            const QDateTime at = QDateTime::fromSecsSinceEpoch(t, zone);
            const QDate d = at.date();
            const bool dstDay = zone.offsetFromUtc(d.startOfDay(zone)) != zone.offsetFromUtc(d.addDays(1).startOfDay(zone));
            QString label = locale.toString(at.time(), QLocale::ShortFormat);
            if (dstDay)
                label += QLatin1Char(' ') + at.timeZoneAbbreviation();
            if (manyDays)
                label = locale.toString(d, tr("d MMM")) + QLatin1Char(' ') + label;
            ticks.append({t, label});
        }
    } else {
        QDate d = first.date();
        if (step.unit == Unit::Month || step.unit == Unit::Year)
            d = QDate(d.year(), step.unit == Unit::Year ? 1 : d.month(), 1);
        if (step.unit == Unit::Year)
            d = QDate(d.year() - d.year() % step.count, 1, 1);
        for (int guard = 0; guard < 400; ++guard) {
            const qint64 t = d.startOfDay(zone).toSecsSinceEpoch();
            if (t > max)
                break;
            if (t >= min) {
                QString label;
                switch (step.unit) {
                case Unit::Day: label = locale.toString(d, tr("d MMM")); break;
                case Unit::Month: label = locale.toString(d, tr("MMM yyyy")); break;
                default: label = QString::number(d.year()); break;
                }
                ticks.append({t, label});
            }
            switch (step.unit) {
            case Unit::Day: d = d.addDays(step.count); break;
            case Unit::Month: d = d.addMonths(step.count); break;
            default: d = d.addYears(step.count); break;
            }
        }
    }
    for (const auto &[t, label] : std::as_const(ticks))
        m_timeAxis->append(label, double(t));
}

void UsageChartView::zoomBy(double factor, std::optional<double> centreUtc)
{
    if (factor <= 0)
        return;
    const double min = m_timeAxis->min();
    const double max = m_timeAxis->max();
    const double centre = centreUtc.value_or((min + max) / 2);
    setTimeRange(centre - (centre - min) / factor, centre + (max - centre) / factor, true);
}

void UsageChartView::panBy(double fraction)
{
    const double min = m_timeAxis->min();
    const double max = m_timeAxis->max();
    const double d = (max - min) * fraction;
    setTimeRange(min + d, max + d, true);
}

void UsageChartView::zoomToRange(qint64 fromUtc, qint64 toUtc)
{
    if (toUtc <= fromUtc)
        return;
    setTimeRange(double(fromUtc), double(toUtc), true);
}

QAreaSeries *UsageChartView::areaOf(int series) const
{
    return series >= 0 && series < m_drawn.size() ? m_drawn.at(series).area : nullptr;
}

QAreaSeries *UsageChartView::estimatedOf(int series) const
{
    return series >= 0 && series < m_drawn.size() ? m_drawn.at(series).estimated : nullptr;
}

std::pair<int, int> UsageChartView::pointAt(double x) const
{
    std::pair<int, int> nearest{-1, -1};
    double best = 0;
    for (int i = 0; i < m_data.series.size(); ++i) {
        const ChartSeries &s = m_data.series.at(i);
        if (s.role != SeriesRole::Current || s.points.isEmpty())
            continue;
        // The first point whose stretch ends after x.
        const auto it = std::upper_bound(s.points.cbegin(), s.points.cend(), x,
                                         [](double v, const ChartPoint &p) { return v < double(p.spanEndUtc); });
        for (auto c : {it, it == s.points.cbegin() ? it : it - 1}) {
            if (c == s.points.cend())
                continue;
            if (x >= double(c->spanStartUtc) && x < double(c->spanEndUtc))
                return {i, int(c - s.points.cbegin())};
            const double d = std::min(std::abs(x - double(c->spanStartUtc)), std::abs(x - double(c->spanEndUtc)));
            if (nearest.first < 0 || d < best) {
                best = d;
                nearest = {i, int(c - s.points.cbegin())};
            }
        }
    }
    // Near a point (within a hundredth of the width shown) counts; farther is empty space.
    return best <= (m_timeAxis->max() - m_timeAxis->min()) / 100 ? nearest : std::pair<int, int>{-1, -1};
}

void UsageChartView::setCurrentPoint(int series, int index)
{
    const bool valid = series >= 0 && series < m_data.series.size() && index >= 0
                       && index < m_data.series.at(series).points.size();
    m_currentSeries = valid ? series : -1;
    m_currentIndex = valid ? index : -1;
    updateCursor();
    emit currentPointChanged(valid ? describe(series, index) : QString());
}

void UsageChartView::updateCursor()
{
    if (m_currentSeries < 0) {
        m_cursor->clear();
        return;
    }
    const ChartSeries &s = m_data.series.at(m_currentSeries);
    const ChartPoint &p = s.points.at(m_currentIndex);
    QValueAxis *y = axisFor(s.channel.unit);
    const auto attached = m_cursor->attachedAxes();
    if (!attached.contains(y)) {
        for (QAbstractAxis *a : attached)
            if (a != m_timeAxis)
                m_cursor->detachAxis(a);
        m_cursor->attachAxis(y);
    }
    const double x = s.thinned() ? double(p.point.startUtc) : (double(p.point.startUtc) + double(p.point.endUtc)) / 2;
    m_cursor->replace(QList<QPointF>{{x, shown(s, p.point.value)}});
}

QString UsageChartView::describe(int series, int index) const
{
    if (series < 0 || series >= m_data.series.size() || index < 0 || index >= m_data.series.at(series).points.size())
        return {};
    const ChartSeries &s = m_data.series.at(series);
    const ChartPoint &p = s.points.at(index);
    const QLocale locale;
    const QTimeZone zone = m_data.zone;
    const QDateTime start = QDateTime::fromSecsSinceEpoch(p.point.startUtc, zone);
    const QDateTime end = QDateTime::fromSecsSinceEpoch(p.point.endUtc, zone);
    QString when;
    switch (m_data.resolution) {
    case Resolution::Year: when = QString::number(start.date().year()); break;
    case Resolution::Month: when = locale.toString(start.date(), tr("MMMM yyyy")); break;
    case Resolution::Day: {
        when = locale.toString(start.date(), QLocale::LongFormat);
        const qint64 hours = (p.point.endUtc - p.point.startUtc) / 3600;
        if (hours != 24)
            when += QLatin1Char(' ') + tr("(a day of %n hours)", nullptr, int(hours));
        break;
    }
    case Resolution::Interval:
        when = tr("%1 %2 – %3").arg(locale.toString(start.date(), QLocale::ShortFormat),
                                    locale.toString(start.time(), QLocale::ShortFormat) + QLatin1Char(' ') + start.timeZoneAbbreviation(),
                                    locale.toString(end.time(), QLocale::ShortFormat) + QLatin1Char(' ') + end.timeZoneAbbreviation());
        break;
    }
    const int decimals = s.channel.unit == Accounts::ChannelUnit::Litre ? 0 : 3;
    QString text = tr("%1: %2 %3 (%4)")
                       .arg(when, locale.toString(ChartText::displayValue(p.point.value, s.channel.unit), 'f', decimals),
                            ChartText::unitSymbol(s.channel.unit), seriesName(s));
    if (p.point.missing() > 0)
        text += QStringLiteral(", ") + tr("%n intervals without readings", nullptr, p.point.missing());
    if (p.point.estimated > 0)
        text += QStringLiteral(", ") + tr("%n estimated", nullptr, p.point.estimated);
    else if (p.spanEstimated > 0)
        text += QStringLiteral(", ") + tr("%n estimated readings near it", nullptr, p.spanEstimated);
    if (s.thinned())
        text += QStringLiteral(", ") + tr("one of %n points kept for drawing", nullptr, int(s.sourcePoints));
    return text;
}

double UsageChartView::xAt(const QPoint &pos) const
{
    // The gaps series is always there, on the time axis: it maps a position to a time.
    return chart()->mapToValue(mapToScene(pos), m_gaps).x();
}

void UsageChartView::keyPressEvent(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool alt = event->modifiers() & Qt::AltModifier;
    const int key = event->key();
    const auto move = [this](int to) {
        if (m_currentSeries < 0)
            return;
        const int n = int(m_data.series.at(m_currentSeries).points.size());
        setCurrentPoint(m_currentSeries, std::clamp(to, 0, n - 1));
        // Keep the current point on screen.
        const ChartPoint &p = m_data.series.at(m_currentSeries).points.at(m_currentIndex);
        const double min = m_timeAxis->min(), max = m_timeAxis->max();
        if (double(p.spanEndUtc) > max)
            setTimeRange(min + double(p.spanEndUtc) - max, double(p.spanEndUtc), true);
        else if (double(p.spanStartUtc) < min)
            setTimeRange(double(p.spanStartUtc), max - (min - double(p.spanStartUtc)), true);
    };
    if ((key == Qt::Key_Left && alt) || (key == Qt::Key_Backspace && event->modifiers() == Qt::NoModifier)) {
        emit backRequested();
    } else if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_currentSeries >= 0) {
        emit drillRequested(m_currentSeries, m_currentIndex);
    } else if ((key == Qt::Key_Left || key == Qt::Key_Right) && shift) {
        panBy(key == Qt::Key_Left ? -0.25 : 0.25);
    } else if (key == Qt::Key_Left && event->modifiers() == Qt::NoModifier) {
        move(m_currentIndex - 1);
    } else if (key == Qt::Key_Right && event->modifiers() == Qt::NoModifier) {
        move(m_currentIndex + 1);
    } else if (key == Qt::Key_Home) {
        move(0);
    } else if (key == Qt::Key_End && m_currentSeries >= 0) {
        move(int(m_data.series.at(m_currentSeries).points.size()) - 1);
    } else if (key == Qt::Key_Plus || key == Qt::Key_Equal) {
        zoomBy(2.0);
    } else if (key == Qt::Key_Minus) {
        zoomBy(0.5);
    } else if (key == Qt::Key_0) {
        const auto [from, to] = fullRange();
        setTimeRange(double(from), double(to), true);
    } else {
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void UsageChartView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (delta.isNull()) {
        event->ignore();
        return;
    }
    const bool pan = (event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y());
    const int steps = (std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y());
    if (pan)
        panBy(-double(steps) / 120.0 * 0.1);
    else
        zoomBy(std::pow(1.25, double(steps) / 120.0), xAt(event->position().toPoint()));
    event->accept();
}

void UsageChartView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton || !chart()->plotArea().contains(mapToScene(event->pos()))) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_pressAt = event->pos();
    event->accept();
}

void UsageChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QRectF plot = chart()->plotArea();
    if (m_pressed) {
        // A span dragged across the plot: only its width matters, time is the one zoomed axis.
        const int left = std::min(m_pressAt.x(), event->pos().x());
        const int right = std::max(m_pressAt.x(), event->pos().x());
        const QRect band(left, mapFromScene(plot.topLeft()).y(), right - left,
                         mapFromScene(plot.bottomLeft()).y() - mapFromScene(plot.topLeft()).y());
        m_band->setGeometry(band);
        m_band->setVisible(right - left >= QFontMetrics(font()).averageCharWidth());
    } else if (plot.contains(mapToScene(event->pos()))) {
        const auto [series, index] = pointAt(xAt(event->pos()));
        if (series >= 0)
            QToolTip::showText(event->globalPosition().toPoint(), describe(series, index), this);
        else
            QToolTip::hideText();
    }
    QChartView::mouseMoveEvent(event);
}

void UsageChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed || event->button() != Qt::LeftButton) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    const bool dragged = m_band->isVisible();
    m_band->hide();
    if (dragged) {
        const double a = xAt(QPoint(std::min(m_pressAt.x(), event->pos().x()), m_pressAt.y()));
        const double b = xAt(QPoint(std::max(m_pressAt.x(), event->pos().x()), m_pressAt.y()));
        zoomToRange(qint64(std::llround(a)), qint64(std::llround(b)));
    } else {
        const auto [series, index] = pointAt(xAt(event->pos()));
        if (series >= 0) {
            setCurrentPoint(series, index);
            emit drillRequested(series, index);
        }
    }
    event->accept();
}

void UsageChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    if (event->type() == QEvent::LanguageChange) {
        for (int i = 0; i < m_drawn.size() && i < m_data.series.size(); ++i) {
            if (m_drawn.at(i).area)
                m_drawn.at(i).area->setName(seriesName(m_data.series.at(i)));
            if (m_drawn.at(i).estimated)
                m_drawn.at(i).estimated->setName(tr("Estimated readings"));
        }
        m_gaps->setName(tr("No readings"));
        updateTicks();
    }
    QChartView::changeEvent(event);
}

} // namespace Ud::Usage
