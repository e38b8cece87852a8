#include "usagechartfixture.h"

#include <core/ui/customerview.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>
#include <core/ui/tableview.h>
#include <metering/ui/meteringuimodule.h>
#include <metering/ui/sparklinewidget.h>
#include <usage/charttablemodel.h>
#include <usage/ui/usagechartpage.h>
#include <usage/ui/usagechartview.h>
#include <usage/ui/usageuimodule.h>

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QCheckBox>
#include <QFile>
#include <QLineSeries>
#include <QMap>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ud;
using Test::UsageChartFixture;
using Usage::ChartData;
using Usage::ChartSeries;
using Usage::Resolution;
using Usage::SeriesRole;
using Usage::UsageChartPage;
using Usage::UsageChartView;

namespace {

/// A customer tab as the usage page sees it: it keeps the sub-pages it is asked to open.
class FakeCustomerView : public Ui::CustomerView
{
public:
    explicit FakeCustomerView(QString id) : m_id(std::move(id)) {}
    QString customerId() const override { return m_id; }
    QString customerName() const override { return QStringLiteral("Una Usage"); }
    QDateTime contactStartedAt() const override { return {}; }
    bool identityVerified() const override { return false; }
    QString identityVerification() const override { return {}; }
    void setIdentityVerification(const QString &) override {}
    void startNewContact() override {}
    QWidget *openSubPage(const QString &id, const QString &title, QWidget *page) override
    {
        if (QWidget *open = subPages.value(id)) {
            delete page;
            return open;
        }
        page->setParent(this);
        page->setWindowTitle(title);
        page->resize(1000, 700);
        page->show();
        subPages.insert(id, page);
        return page;
    }
    void closeSubPage(const QString &id) override { delete subPages.take(id); }
    QWidget *openSidePanel(const QString &, const QString &, QWidget *panel) override { return panel; }
    void closeSidePanel(const QString &) override {}
    void noteActivity(const QString &) override {}
    QStringList activities() const override { return {}; }
    void showMessage(const QString &, bool) override {}
    void refresh() override {}

    QMap<QString, QPointer<QWidget>> subPages;

private:
    QString m_id;
};

Core::UserContext fieldOfficer(const QString &region)
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000004"), QStringLiteral("fiona"), Core::Role::FieldOfficer,
            region};
}

qint64 utc(const QDate &day, int hour = 0)
{
    return QDateTime(day, QTime(hour, 0), UsageChartFixture::zone()).toSecsSinceEpoch();
}

/// Waits for the page's next load to finish.
bool waitForLoad(UsageChartPage &page, int before)
{
    return QTest::qWaitFor([&] { return page.loadsFinished() > before; }, 20000);
}

std::unique_ptr<UsageChartPage> openPage(UsageChartFixture &f, const Core::UserContext &user, const QString &meterId = {})
{
    auto page = std::make_unique<UsageChartPage>(f.context, user, f.customerId, meterId);
    page->resize(1000, 700);
    page->show();
    return page;
}

int seriesOf(const ChartData &data, const QString &channelId, SeriesRole role = SeriesRole::Current)
{
    for (int i = 0; i < data.series.size(); ++i)
        if (data.series.at(i).channel.channelId == channelId && data.series.at(i).role == role)
            return i;
    return -1;
}

int pointAt(const ChartSeries &s, qint64 startUtc)
{
    for (int i = 0; i < s.points.size(); ++i)
        if (s.points.at(i).point.startUtc == startUtc)
            return i;
    return -1;
}

} // namespace

class TestUsageChart : public QObject
{
    Q_OBJECT

private slots:
    void fiveYearsOfIntervalsStayUnder2000PointsAndKeepTheSpike_data() { Test::addBackendRows(); }
    void fiveYearsOfIntervalsStayUnder2000PointsAndKeepTheSpike()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        auto page = openPage(f, UsageChartFixture::agent());
        QVERIFY(waitForLoad(*page, 0));
        QCOMPARE(page->loadState()->state(), Ui::LoadState::State::Content);

        // The five years at the finest detail that fits: days, one point each (1,827 days
        // less the one without readings).
        int before = page->loadsFinished();
        page->showPeriod(UsageChartFixture::First, UsageChartFixture::Last, std::nullopt);
        QVERIFY(waitForLoad(*page, before));
        int s = seriesOf(page->chartData(), f.importChannel);
        QCOMPARE(page->chartData().resolution, Resolution::Day);
        QCOMPARE(page->chartData().series.at(s).points.size(), 1826);

        // Every interval of the five years, asked for: thinned to at most 2,000 points.
        before = page->loadsFinished();
        page->setResolution(Resolution::Interval);
        QVERIFY(waitForLoad(*page, before));
        const ChartData &data = page->chartData();
        s = seriesOf(data, f.importChannel);
        const ChartSeries &imports = data.series.at(s);
        QCOMPARE(imports.sourcePoints, f.importReadings);
        QVERIFY(imports.points.size() <= 2000);
        QVERIFY(imports.points.size() > 1900);
        // The one-interval spike survives, at its own instant, and is drawn at 100 kWh.
        const qint64 spikeAt = utc(UsageChartFixture::SpikeDay) + UsageChartFixture::SpikeSlot * 900;
        const int spike = pointAt(imports, spikeAt);
        QVERIFY(spike >= 0);
        QCOMPARE(imports.points.at(spike).point.value, UsageChartFixture::Spike);
        // Five years of quarter-hours are drawn as a line through the kept points.
        QVERIFY(page->chartView()->drawnAsLines(s));
        const QList<QPointF> drawn = page->chartView()->drawnPoints(s);
        QVERIFY(drawn.contains(QPointF(double(spikeAt), 100.0)));
        // The drawn outline holds the kept points and the corners of its runs, nothing more.
        int runs = 0;
        for (const auto &p : imports.points)
            runs += p.runStart ? 1 : 0;
        QCOMPARE(runs, 2); // the day without readings splits the five years
        QCOMPARE(drawn.size(), imports.points.size());
        // The four estimated quarter-hours fell between kept points or on one: their stretch
        // is hatched, and the counts of the stretches add up to them.
        int estimated = 0;
        for (const auto &p : imports.points)
            estimated += p.spanEstimated;
        QCOMPARE(estimated, 4);
        const QList<QPointF> hatched = page->chartView()->estimatedOf(s)->upperSeries()->points();
        QVERIFY(!hatched.isEmpty());
        const double estimatedAt = double(utc(UsageChartFixture::EstimatedDay) + 20 * 900);
        QVERIFY(hatched.first().x() <= estimatedAt);
        QVERIFY(hatched.last().x() >= estimatedAt + 4 * 900);
        // The export channel is drawn below the axis.
        const int e = seriesOf(data, f.exportChannel);
        QVERIFY(e >= 0);
        const QList<QPointF> below = page->chartView()->drawnPoints(e);
        QVERIFY(std::any_of(below.cbegin(), below.cend(), [](const QPointF &p) { return p.y() < 0; }));
        QVERIFY(std::none_of(below.cbegin(), below.cend(), [](const QPointF &p) { return p.y() > 0; }));
    }

    void drillsFromYearsToMonthsToDaysToIntervals_data() { Test::addBackendRows(); }
    void drillsFromYearsToMonthsToDaysToIntervals()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        auto page = openPage(f, UsageChartFixture::agent());
        QVERIFY(waitForLoad(*page, 0));
        // It opens on the twelve months to the last reading, under all years.
        QCOMPARE(page->chartData().resolution, Resolution::Month);
        QCOMPARE(page->breadcrumbText(), QStringLiteral("All years › 2024"));

        int before = page->loadsFinished();
        page->goToLevel(0);
        QVERIFY(waitForLoad(*page, before));
        int s = seriesOf(page->chartData(), f.importChannel);
        QCOMPARE(page->chartData().resolution, Resolution::Year);
        QCOMPARE(page->chartData().series.at(s).points.size(), 5);
        QCOMPARE(page->breadcrumbText(), QStringLiteral("All years"));

        // A click on the bar of 2022 gives its months.
        before = page->loadsFinished();
        UsageChartView *chart = page->chartView();
        const QPointF mid2022 = chart->chart()->mapToPosition(QPointF(double(utc(QDate(2022, 7, 1))), 1.0),
                                                              chart->areaOf(s));
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->mapFromScene(mid2022));
        QVERIFY(waitForLoad(*page, before));
        s = seriesOf(page->chartData(), f.importChannel);
        QCOMPARE(page->chartData().resolution, Resolution::Month);
        QCOMPARE(page->chartData().request.from, QDate(2022, 1, 1));
        QCOMPARE(page->chartData().request.to, QDate(2022, 12, 31));
        QCOMPARE(page->chartData().series.at(s).points.size(), 12);
        QCOMPARE(page->breadcrumbText(), QStringLiteral("All years › 2022"));

        // Backspace goes back; then into 2024, and by keyboard into October: its days.
        before = page->loadsFinished();
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Backspace);
        QVERIFY(waitForLoad(*page, before));
        QCOMPARE(page->chartData().resolution, Resolution::Year);
        before = page->loadsFinished();
        page->drillInto(seriesOf(page->chartData(), f.importChannel), 4);
        QVERIFY(waitForLoad(*page, before));
        QCOMPARE(page->breadcrumbText(), QStringLiteral("All years › 2024"));
        s = seriesOf(page->chartData(), f.importChannel);
        chart->setCurrentPoint(s, 0);
        for (int i = 0; i < 9; ++i)
            QTest::keyClick(chart, Qt::Key_Right);
        QCOMPARE(chart->currentPoint(), std::make_pair(s, 9));
        before = page->loadsFinished();
        QTest::keyClick(chart, Qt::Key_Return);
        QVERIFY(waitForLoad(*page, before));
        const ChartData &october = page->chartData();
        s = seriesOf(october, f.importChannel);
        QCOMPARE(october.resolution, Resolution::Day);
        QCOMPARE(october.series.at(s).points.size(), 31);
        QCOMPARE(page->breadcrumbText(), QStringLiteral("All years › 2024 › ")
                                             + QLocale().toString(QDate(2024, 10, 1), QStringLiteral("MMMM yyyy")));

        // 27 October 2024 lasted 25 hours, and its bar is 25 hours wide on the time axis.
        const int autumn = pointAt(october.series.at(s), utc(QDate(2024, 10, 27)));
        QVERIFY(autumn >= 0);
        const auto &day = october.series.at(s).points.at(autumn).point;
        QCOMPARE(day.endUtc - day.startUtc, 25 * 3600);
        QCOMPARE(day.expected, 100);
        const QList<QPointF> bars = chart->areaOf(s)->upperSeries()->points();
        const double y = Usage::ChartText::displayValue(day.value, Accounts::ChannelUnit::WattHour);
        QVERIFY(bars.contains(QPointF(double(day.startUtc), y)));
        QVERIFY(bars.contains(QPointF(double(day.endUtc), y)));
        const auto spring = october.series.at(s).points.at(autumn - 1).point; // 26 October: 24 hours
        QCOMPARE(spring.endUtc - spring.startUtc, 24 * 3600);

        // And into that day: its 100 quarter-hours, 01:00 twice.
        before = page->loadsFinished();
        page->drillInto(s, autumn);
        QVERIFY(waitForLoad(*page, before));
        s = seriesOf(page->chartData(), f.importChannel);
        QCOMPARE(page->chartData().resolution, Resolution::Interval);
        QCOMPARE(page->chartData().series.at(s).points.size(), 100);
        QCOMPARE(page->levels().size(), 4);
        // Beside it 27 October 2023, 24 hours, by the clock: its 96 quarter-hours from local
        // midnight, and under one of the two 01:00 hours nothing (a gap, not a zero).
        const int before2023 = seriesOf(page->chartData(), f.importChannel, SeriesRole::YearBefore);
        const ChartSeries &lastYear = page->chartData().series.at(before2023);
        QCOMPARE(lastYear.points.size(), 96);
        QCOMPARE(lastYear.points.first().point.startUtc, utc(QDate(2024, 10, 27)));
        QCOMPARE(lastYear.points.first().point.value, 100 + 27);
        QCOMPARE(lastYear.points.at(8).point.startUtc, utc(QDate(2024, 10, 27)) + 3 * 3600); // 02:00 GMT
        QCOMPARE(lastYear.points.at(8).point.value, 100 + (8 * 7 + 27) % 200);
        QList<int> gaps;
        for (int i = 1; i < lastYear.points.size(); ++i)
            if (lastYear.points.at(i).runStart)
                gaps << i;
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(lastYear.points.at(gaps.first()).point.startUtc - lastYear.points.at(gaps.first() - 1).point.endUtc, 3600);
        const auto ticks = chart->timeAxis()->categoriesLabels();
        QVERIFY2(ticks.filter(QStringLiteral("GMT")).size() >= 1 && ticks.filter(QStringLiteral("BST")).size() >= 1,
                 qPrintable(ticks.join(QLatin1Char('|'))));

        // Alt+Left goes back a level.
        before = page->loadsFinished();
        QTest::keyClick(chart, Qt::Key_Left, Qt::AltModifier);
        QVERIFY(waitForLoad(*page, before));
        QCOMPARE(page->chartData().resolution, Resolution::Day);
        QCOMPARE(page->levels().size(), 3);
    }

    void zoomReadsTheStoreAgainAtTheDetailThatFits_data() { Test::addBackendRows(); }
    void zoomReadsTheStoreAgainAtTheDetailThatFits()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        auto page = openPage(f, UsageChartFixture::agent());
        QVERIFY(waitForLoad(*page, 0));
        QCOMPARE(page->chartData().resolution, Resolution::Month);
        // Zoom to two days: intervals, read again, not twelve month bars stretched.
        int before = page->loadsFinished();
        const qint64 from = utc(QDate(2024, 3, 30));
        const qint64 to = utc(QDate(2024, 4, 1));
        page->chartView()->zoomToRange(from, to);
        QVERIFY(waitForLoad(*page, before));
        const ChartData &data = page->chartData();
        const int s = seriesOf(data, f.importChannel);
        QCOMPARE(data.resolution, Resolution::Interval);
        QCOMPARE(data.series.at(s).points.size(), 96 + 92); // 31 March has 23 hours
        QCOMPARE(page->chartView()->visibleRange(), std::make_pair(from, to));
        // "+" zooms in once more and "0" shows the level's whole period.
        before = page->loadsFinished();
        page->chartView()->setFocus();
        QTest::keyClick(page->chartView(), Qt::Key_Plus);
        QVERIFY(waitForLoad(*page, before));
        const auto [a, b] = page->chartView()->visibleRange();
        QCOMPARE(b - a, (to - from) / 2);
        QCOMPARE(page->chartData().resolution, Resolution::Interval);
    }

    void estimatedReadingsAreHatchedAndGapsStayGaps_data() { Test::addBackendRows(); }
    void estimatedReadingsAreHatchedAndGapsStayGaps()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        auto page = openPage(f, UsageChartFixture::agent());
        QVERIFY(waitForLoad(*page, 0));
        int before = page->loadsFinished();
        page->showPeriod(UsageChartFixture::EstimatedDay, UsageChartFixture::EstimatedDay, Resolution::Interval);
        QVERIFY(waitForLoad(*page, before));
        int s = seriesOf(page->chartData(), f.importChannel);
        QVERIFY(!page->chartData().series.at(s).thinned());
        // Exactly the four estimated quarter-hours, 05:00 to 06:00, hatched at their 0.05 kWh.
        const double start = double(utc(UsageChartFixture::EstimatedDay, 5));
        const double end = double(utc(UsageChartFixture::EstimatedDay, 6));
        const QList<QPointF> hatched = page->chartView()->estimatedOf(s)->upperSeries()->points();
        QCOMPARE(hatched.first(), QPointF(start, 0));
        QCOMPARE(hatched.last(), QPointF(end, 0));
        for (const QPointF &p : hatched) {
            QVERIFY(p.x() >= start && p.x() <= end);
            QVERIFY(p.y() == 0 || qFuzzyCompare(p.y(), 0.05));
        }
        QVERIFY(page->chartView()->describe(s, 20).contains(QLatin1String("estimated")));
        QCOMPARE(page->chartView()->estimatedOf(s)->name(), QStringLiteral("Estimated readings"));

        // May 2021 by day: 5 May has no readings: no bar, no zero, a "No readings" band.
        before = page->loadsFinished();
        page->showPeriod(QDate(2021, 5, 1), QDate(2021, 5, 31), Resolution::Day);
        QVERIFY(waitForLoad(*page, before));
        s = seriesOf(page->chartData(), f.importChannel);
        const ChartSeries &may = page->chartData().series.at(s);
        QCOMPARE(may.points.size(), 30);
        QCOMPARE(may.points.at(4).point.startUtc, utc(QDate(2021, 5, 6)));
        QVERIFY(may.points.at(4).runStart);
        const double gapFrom = double(utc(QDate(2021, 5, 5)));
        const double gapTo = double(utc(QDate(2021, 5, 6)));
        const QList<QPointF> bars = page->chartView()->areaOf(s)->upperSeries()->points();
        for (const QPointF &p : bars)
            QVERIFY(!(p.x() > gapFrom && p.x() < gapTo));
        // The outline comes down to the axis on both sides of the gap: the area has no height there.
        const qsizetype down = bars.indexOf(QPointF(gapFrom, 0));
        QVERIFY(down > 0);
        QCOMPARE(bars.at(down + 1), QPointF(gapTo, 0));
        QVERIFY(bars.at(down + 2).y() > 0);
        const QList<QPointF> band = page->chartView()->gapsArea()->upperSeries()->points();
        QCOMPARE(band.size(), 4);
        QCOMPARE(band.first().x(), gapFrom);
        QCOMPARE(band.last().x(), gapTo);
        QVERIFY(band.at(1).y() > 0);
    }

    void csvAndTableHoldThePointsShown_data() { Test::addBackendRows(); }
    void csvAndTableHoldThePointsShown()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        auto page = openPage(f, UsageChartFixture::agent());
        QVERIFY(waitForLoad(*page, 0));
        int before = page->loadsFinished();
        page->showPeriod(QDate(2024, 10, 27), QDate(2024, 10, 28), Resolution::Day);
        QVERIFY(waitForLoad(*page, before));
        const ChartData &data = page->chartData();
        // Import this year, and the year before; no export in October.
        QCOMPARE(data.pointCount(), 4);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("usage.csv"));
        QVERIFY(page->exportCsv(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0), QStringLiteral("series,meter,channel,unit,start,end,value,readings,expected,estimated"));
        // 27 October 2024: 100 quarter-hours of 100 + (slot * 7 + 27) % 200.
        qint64 total = 0;
        for (int slot = 0; slot < 100; ++slot)
            total += 100 + (slot * 7 + 27) % 200;
        QCOMPARE(lines.at(1), QStringLiteral("current,U-1,import,kWh,2024-10-27T00:00:00+01:00,2024-10-28T00:00:00+00:00,%1,100,100,0")
                                  .arg(QString::number(double(total) / 1000.0, 'f', 3)));
        // The year before at its own dates: 27 October 2023 was a 24-hour day.
        QVERIFY2(lines.at(3).startsWith(QLatin1String("year_before,U-1,import,kWh,2023-10-27T00:00:00+01:00,2023-10-28T00:00:00+01:00,")),
                 qPrintable(lines.at(3)));
        QVERIFY(lines.at(3).endsWith(QLatin1String(",96,96,0")));

        // "Show as table": the same points, one row each.
        page->setTableShown(true);
        QVERIFY(page->tableView()->isVisible());
        QCOMPARE(page->tableView()->model()->rowCount(), int(data.pointCount()));
        const QAbstractItemModel *model = page->tableView()->model();
        QCOMPARE(model->index(0, Usage::ChartTableModel::ValueColumn).data().toString(),
                 QLocale().toString(double(total) / 1000.0, 'f', 3));
        QCOMPARE(model->index(0, Usage::ChartTableModel::ReadingsColumn).data().toString(), QStringLiteral("100 of 100"));
        QCOMPARE(model->index(2, Usage::ChartTableModel::SeriesColumn).data().toString(),
                 QStringLiteral("U-1 Electricity, a year before"));

        // PNG: the chart as drawn.
        const QString png = dir.filePath(QStringLiteral("usage.png"));
        QVERIFY(page->exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), page->chartView()->size() * page->chartView()->devicePixelRatio());
        // A directory that does not exist: said in the page's bar.
        QVERIFY(!page->exportCsv(dir.filePath(QStringLiteral("missing/usage.csv"))));
        QVERIFY(page->messageBar()->text().contains(QLatin1String("missing")));
    }

    void aFieldOfficerOutsideThePremisesRegionIsDenied_data() { Test::addBackendRows(); }
    void aFieldOfficerOutsideThePremisesRegionIsDenied()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db(), QStringLiteral("North"));
        auto denied = openPage(f, fieldOfficer(QStringLiteral("South")), f.meterId);
        QVERIFY(waitForLoad(*denied, 0));
        QCOMPARE(denied->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(denied->loadState()->text(), QStringLiteral("Customer %1 is outside your region South.").arg(f.customerNumber));
        QVERIFY(denied->chartData().series.isEmpty());
        // The service says so too, for a direct request.
        Usage::ChartRequest request;
        request.premiseId = f.premiseId;
        request.channelIds = {f.importChannel};
        request.from = QDate(2024, 1, 1);
        request.to = QDate(2024, 1, 31);
        QCOMPARE(Test::errorOf(Core::Error::Kind::Denied,
                               [&] {
                                   Usage::UsageChartService(tdb.db(), f.cipher)
                                       .load(fieldOfficer(QStringLiteral("South")), f.customerId, request);
                               }),
                 QStringLiteral("Customer %1 is outside your region South.").arg(f.customerNumber));

        // The officer of the premise's region sees the chart.
        auto allowed = openPage(f, fieldOfficer(QStringLiteral("North")), f.meterId);
        QVERIFY(waitForLoad(*allowed, 0));
        QCOMPARE(allowed->loadState()->state(), Ui::LoadState::State::Content);
        QVERIFY(allowed->chartData().pointCount() > 0);
    }

    void aSecondPremiseOutsideTheRegionIsDenied_data() { Test::addBackendRows(); }
    void aSecondPremiseOutsideTheRegionIsDenied()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db(), QStringLiteral("North"));
        // The same customer also has a meter at a premise in the South.
        Accounts::Premise p = f.premise(QStringLiteral("9 Far Road"), QStringLiteral("Away"), QStringLiteral("ZZ9 9ZZ"),
                                        QStringLiteral("GB"), QStringLiteral("Europe/London"));
        p.region = QStringLiteral("South");
        p = f.accounts().addPremise(f.agent(), p);
        const auto a = f.accounts().openAccount(f.agent(), f.customerId, p.id, QStringLiteral("GB"),
                                                Accounts::PaymentType::Postpaid);
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.identifier = QStringLiteral("SP-FAR");
        sp = f.meters().addServicePoint(f.agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("FAR-1");
        m.intervalMinutes = 30;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
        m = f.meters().addMeter(f.agent(), m);

        auto page = openPage(f, fieldOfficer(QStringLiteral("North")), m.id);
        QVERIFY(waitForLoad(*page, 0));
        QCOMPARE(page->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(page->loadState()->text(),
                 QStringLiteral("This meter is at a premise outside your region North, so its usage is not shown."));
        QCOMPARE(page->scope().premises.size(), 1);
        Usage::ChartRequest request;
        request.premiseId = p.id;
        request.channelIds = {m.channels.first().id};
        request.from = QDate(2024, 1, 1);
        request.to = QDate(2024, 1, 31);
        QCOMPARE(Test::errorOf(Core::Error::Kind::Denied,
                               [&] {
                                   Usage::UsageChartService(tdb.db(), f.cipher)
                                       .load(fieldOfficer(QStringLiteral("North")), f.customerId, request);
                               }),
                 QStringLiteral("The premise 9 Far Road, Away ZZ9 9ZZ of customer %1 is outside your region North.")
                     .arg(f.customerNumber));
    }

    void aMeterWithoutReadingsSaysSo_data() { Test::addBackendRows(); }
    void aMeterWithoutReadingsSaysSo()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db(), {}, false);
        UsageChartPage page(f.context, f.agent(), f.customerId, f.meterId);
        page.show();
        QVERIFY(waitForLoad(page, 0));
        QCOMPARE(page.loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(page.loadState()->text(),
                 QStringLiteral("No readings for these meters yet. Readings appear here once they are imported."));
    }

    void theCustomerPageOpensItByShortcutAndFromTheSparkline_data() { Test::addBackendRows(); }
    void theCustomerPageOpensItByShortcutAndFromTheSparkline()
    {
        UD_TEST_DATABASE(tdb);
        UsageChartFixture f(tdb.db());
        Ui::PageRegistry registry;
        Ui::JobTracker jobs;
        Metering::MeteringUiModule metering(f.context, jobs, {});
        Usage::UsageUiModule usage(f.context);
        metering.initialize(registry, UsageChartFixture::agent());
        usage.initialize(registry, UsageChartFixture::agent());

        const auto actions = registry.customerActions();
        const auto action = std::find_if(actions.cbegin(), actions.cend(),
                                         [](const Ui::CustomerAction &a) { return a.id == QLatin1String("usage"); });
        QVERIFY(action != actions.cend());
        QCOMPARE(action->shortcut, QKeySequence(Qt::CTRL | Qt::Key_U));
        QCOMPARE(action->text(), QStringLiteral("&Usage"));
        QVERIFY(!action->needsVerifiedIdentity);
        for (const auto &other : actions)
            QVERIFY(other.id == action->id || other.shortcut != action->shortcut);

        FakeCustomerView view(f.customerId);
        view.resize(1000, 700);
        view.show();
        action->trigger(view);
        auto *page = qobject_cast<UsageChartPage *>(view.subPages.value(QStringLiteral("usage")).data());
        QVERIFY(page);
        QVERIFY(waitForLoad(*page, 0));
        // The customer's premise with every meter channel there.
        QCOMPARE(page->chartData().request.channelIds, (QStringList{f.importChannel, f.exportChannel}));

        // The premises section's sparkline opens the page for its meter: Enter on it.
        const auto sections = registry.customerSections();
        const auto premises = std::find_if(sections.cbegin(), sections.cend(), [](const Ui::CustomerSection &s) {
            return s.id == QLatin1String("premises_meters");
        });
        QVERIFY(premises != sections.cend());
        QWidget *section = premises->create(view, &view);
        section->show();
        Metering::SparklineWidget *spark = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            spark = section->findChild<Metering::SparklineWidget *>(QStringLiteral("usageSparkline"));
            return spark != nullptr;
        }, 10000));
        QVERIFY(spark->isActivatable());
        QCOMPARE(spark->focusPolicy(), Qt::StrongFocus);
        view.closeSubPage(QStringLiteral("usage"));
        spark->setFocus();
        QTest::keyClick(spark, Qt::Key_Return);
        page = qobject_cast<UsageChartPage *>(view.subPages.value(QStringLiteral("usage")).data());
        QVERIFY(page);
        QVERIFY(waitForLoad(*page, 0));
        QCOMPARE(page->chartData().request.channelIds, (QStringList{f.importChannel, f.exportChannel}));
        QCOMPARE(page->loadState()->state(), Ui::LoadState::State::Content);
        // Unticking the export channel leaves the import alone.
        const auto boxes = page->findChildren<QCheckBox *>(QStringLiteral("usageChannel"));
        QCOMPARE(boxes.size(), 2);
        const int before = page->loadsFinished();
        boxes.at(1)->setChecked(false);
        QVERIFY(waitForLoad(*page, before));
        QCOMPARE(page->chartData().request.channelIds, QStringList{f.importChannel});
    }
};

QTEST_MAIN(TestUsageChart)
#include "tst_usagechart.moc"
