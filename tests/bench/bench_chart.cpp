// The usage chart from the database to a painted chart, against the raw read it stands on and
// the naive way of loading a chart series, measured in the same run (DESIGN.md, Performance).
//
//   bench_chart [--years Y] [--runs R] [--append N] [--postgresql URL]
//
// Writes Y years (default 5) of 15-minute readings of one London meter (about 175,000 import
// readings, DST days with their 92 and 100 intervals, plus solar export in June and July) into a
// fresh SQLite database (and, with --postgresql URL or UD_TEST_PG_URL, a fresh PostgreSQL one),
// then times as the median of R runs (default 7), offscreen at 1200 x 700:
//
// - chart_db_to_painted: UsageChartService::load of the whole range at interval detail (every
//   reading read, thinned to at most 2,000 points per series), drawn into a new UsageChartView
//   and the view rendered into a QImage. Target <= 100 ms.
// - chart_page_db_to_painted: the same through the real page (background read, thread hop,
//   table model and all), from showPeriod() until the page's view is rendered; and
//   chart_page_with_year_before_db_to_painted with the same period a year before overlaid.
// - chart_zoom_repaint / chart_pan_repaint: a zoom to a quarter of the range (and a pan by a
//   quarter) re-read from the store at the detail that fits, redrawn and rendered. Target <= 50 ms.
// - Baselines: chart_raw_read (ReadingStore::read of the range alone), chart_render_only (the
//   render of an already drawn view), and for N points (default 5,000) chart_append_n (a series
//   on a shown chart filled with append() point by point) against chart_replace_n (replace()
//   with the whole list).
//
// Prints `name value unit` lines; exit 1 if a target is missed or the chart is not as expected.

#include "../usage/usagechartfixture.h"

#include <core/ui/loadstate.h>
#include <usage/ui/usagechartpage.h>
#include <usage/ui/usagechartview.h>

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Ud;

namespace {

template<typename F>
double medianMs(int runs, F work)
{
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}

/// Renders the view as the screen would show it (pending layout first); returns the pixels
/// that differ from its background, so an empty picture is noticed.
qint64 paint(QWidget &view, QImage &image)
{
    QCoreApplication::processEvents();
    image.fill(Qt::transparent);
    QPainter p(&image);
    view.render(&p);
    p.end();
    const QRgb background = image.pixel(1, 1);
    qint64 inked = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            inked += image.pixel(x, y) != background ? 1 : 0;
    return inked;
}

struct Figures {
    double raw = 0, dbToPainted = 0, page = 0, pageCompared = 0, zoom = 0, pan = 0, renderOnly = 0;
    qsizetype drawn = 0, source = 0;
    bool ok = true;
};

Figures measure(Core::Database &db, int years, int runs)
{
    Figures out;
    Test::UsageChartFixture f(db);
    const QTimeZone zone = Test::UsageChartFixture::zone();
    const QDate from = Test::UsageChartFixture::First;
    const QDate to = years >= 5 ? Test::UsageChartFixture::Last : from.addYears(years).addDays(-1);
    const qint64 fromUtc = from.startOfDay(zone).toSecsSinceEpoch();
    const qint64 toUtc = to.addDays(1).startOfDay(zone).toSecsSinceEpoch();
    const auto user = Test::UsageChartFixture::agent();

    qsizetype rawCount = 0;
    out.raw = medianMs(runs, [&] { rawCount = Metering::ReadingStore(db).read(f.importChannel, zone, fromUtc, toUtc).size(); });

    Usage::ChartRequest request;
    request.premiseId = f.premiseId;
    request.channelIds = {f.importChannel, f.exportChannel};
    request.from = from;
    request.to = to;
    request.resolution = Usage::Resolution::Interval;
    Usage::UsageChartService service(db, f.cipher);
    QImage image(QSize(1200, 700), QImage::Format_ARGB32_Premultiplied);

    qint64 inked = 0;
    out.dbToPainted = medianMs(runs, [&] {
        const Usage::ChartData data = service.load(user, f.customerId, request);
        Usage::UsageChartView view;
        view.resize(1200, 700);
        view.show();
        view.setData(data);
        inked = paint(view, image);
        out.source = data.series.at(0).sourcePoints;
        out.drawn = 0;
        for (const auto &s : data.series)
            out.drawn = std::max(out.drawn, s.points.size());
    });
    out.ok = out.ok && inked > 1000 && rawCount == out.source && out.drawn <= 2000;

    // Zoom and pan on one view, as the page does it: read the days in view at the detail that
    // fits, draw them, render.
    Usage::UsageChartView view;
    view.resize(1200, 700);
    view.show();
    view.setData(service.load(user, f.customerId, request));
    paint(view, image);
    out.renderOnly = medianMs(runs, [&] { paint(view, image); });
    const auto reread = [&](qint64 a, qint64 b) {
        Usage::ChartRequest r = request;
        r.from = QDateTime::fromSecsSinceEpoch(a, zone).date();
        r.to = QDateTime::fromSecsSinceEpoch(b - 1, zone).date();
        r.resolution.reset();
        view.setData(service.load(user, f.customerId, r), std::pair<qint64, qint64>{a, b});
        return paint(view, image);
    };
    QObject context;
    QObject::connect(&view, &Usage::UsageChartView::rangeRequested, &context, reread);
    const qint64 quarter = (toUtc - fromUtc) / 4;
    const auto full = std::pair<qint64, qint64>{fromUtc, toUtc};
    const Usage::ChartData whole = view.data();
    std::vector<double> zooms;
    for (int r = 0; r < runs; ++r) {
        view.setData(whole, full); // untimed: back to the whole range
        paint(view, image);
        QElapsedTimer t;
        t.start();
        view.zoomToRange(fromUtc + quarter, fromUtc + 2 * quarter);
        zooms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(zooms.begin(), zooms.end());
    out.zoom = zooms.at(zooms.size() / 2);
    out.ok = out.ok && view.data().resolution != Usage::Resolution::Interval;
    out.pan = medianMs(runs, [&] { view.panBy(0.25); });

    // The page: background read, thread hop, breadcrumb and table included.
    Usage::UsageChartPage page(f.context, user, f.customerId);
    page.resize(1200, 800);
    page.show();
    out.ok = out.ok && QTest::qWaitFor([&] { return page.loadsFinished() > 0; }, 20000);
    const auto pageRun = [&] {
        const int before = page.loadsFinished();
        page.showPeriod(from, to, Usage::Resolution::Interval);
        out.ok = out.ok && QTest::qWaitFor([&] { return page.loadsFinished() > before; }, 20000);
        paint(*page.chartView(), image);
    };
    out.pageCompared = medianMs(runs, pageRun);
    page.setCompareWithYearBefore(false);
    out.ok = out.ok && QTest::qWaitFor([&] { return page.chartData().series.size() == 2; }, 20000);
    out.page = medianMs(runs, pageRun);
    out.ok = out.ok && page.loadState()->state() == Ui::LoadState::State::Content;
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int years = 5;
    int runs = 7;
    int appendN = 5000;
    QString pgUrl = qEnvironmentVariable("UD_TEST_PG_URL");
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--years"))
            years = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--append"))
            appendN = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--postgresql"))
            pgUrl = args.at(++i);
    }
    if (years <= 0 || years > 5 || runs <= 0 || appendN <= 0) {
        std::fprintf(stderr, "usage: bench_chart [--years 1..5] [--runs R] [--append N] [--postgresql URL]\n");
        return 2;
    }
    bool ok = true;
    const auto report = [&](const char *backend, const Figures &m) {
        std::printf("chart_%s_readings %lld readings\n", backend, static_cast<long long>(m.source));
        std::printf("chart_%s_drawn_points %lld points\n", backend, static_cast<long long>(m.drawn));
        std::printf("chart_%s_raw_read_ms %.1f ms\n", backend, m.raw);
        std::printf("chart_%s_db_to_painted_ms %.1f ms\n", backend, m.dbToPainted);
        std::printf("chart_%s_page_db_to_painted_ms %.1f ms\n", backend, m.page);
        std::printf("chart_%s_page_with_year_before_db_to_painted_ms %.1f ms\n", backend, m.pageCompared);
        std::printf("chart_%s_render_only_ms %.1f ms\n", backend, m.renderOnly);
        std::printf("chart_%s_zoom_repaint_ms %.1f ms\n", backend, m.zoom);
        std::printf("chart_%s_pan_repaint_ms %.1f ms\n", backend, m.pan);
        if (!m.ok) {
            std::fprintf(stderr, "bench_chart: %s: the chart is not as expected\n", backend);
            ok = false;
        }
        if (m.dbToPainted > 100 || m.zoom > 50 || m.pan > 50) {
            std::fprintf(stderr, "bench_chart: %s: a target is missed (<= 100 ms to paint, <= 50 ms zoom or pan)\n", backend);
            ok = false;
        }
    };
    {
        Test::TestDatabase tdb(QStringLiteral("sqlite"));
        report("sqlite", measure(tdb.db(), years, runs));
    }
    if (!pgUrl.isEmpty()) {
        qputenv("UD_TEST_PG_URL", pgUrl.toUtf8());
        Test::TestDatabase tdb(QStringLiteral("postgresql"));
        report("postgresql", measure(tdb.db(), years, runs));
    }

    // The naive path for a small n: point by point on a shown chart, against one replace().
    QList<QPointF> points;
    points.reserve(appendN);
    for (int i = 0; i < appendN; ++i)
        points.append(QPointF(i, (i * 37) % 300));
    const auto timed = [&](bool append) {
        QChartView view;
        view.resize(1200, 700);
        view.show();
        auto *series = new QLineSeries;
        view.chart()->addSeries(series);
        view.chart()->createDefaultAxes();
        static_cast<QValueAxis *>(view.chart()->axes(Qt::Horizontal).first())->setRange(0, appendN);
        static_cast<QValueAxis *>(view.chart()->axes(Qt::Vertical).first())->setRange(0, 300);
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        if (append) {
            for (const QPointF &p : std::as_const(points))
                series->append(p);
        } else {
            series->replace(points);
        }
        QCoreApplication::processEvents();
        return double(t.nsecsElapsed()) / 1e6;
    };
    const double appendMs = timed(true);
    const double replaceMs = timed(false);
    std::printf("chart_append_%d_ms %.1f ms\n", appendN, appendMs);
    std::printf("chart_replace_%d_ms %.1f ms\n", appendN, replaceMs);
    return ok ? 0 : 1;
}
