// The cost view by time-of-use band on both databases: the band split of each day as the bill
// calculation prices it, worked by hand for an Economy 7 tariff on the 25-hour autumn day; the
// months of a longer period; days without a tariff said so; the region rule; and the page's
// stacked bars and table showing those figures.
#include "usagechartfixture.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <core/ui/tableview.h>
#include <usage/toucost.h>
#include <usage/ui/toucostview.h>
#include <usage/ui/usagechartpage.h>

#include <QThreadPool>
#include <QBarSet>
#include <QStackedBarSeries>
#include <QTest>

using namespace Ud;
using Test::UsageChartFixture;
using Usage::TouCost;
using Usage::TouCostService;

namespace {

const char *const E7 = R"({"code": "GB-E7", "name": "Economy 7", "market": "GB", "currency": "GBP",
    "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2024-01-01", "components": [
    {"type": "standing_charge", "perDay": "0.50"}, {"type": "time_of_use", "seasons": [
    {"name": "all", "from": "01-01", "to": "12-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"], "bands": [
        {"name": "night", "start": "00:30", "end": "07:30", "perKwh": "0.15"},
        {"name": "day", "start": "07:30", "end": "00:30", "perKwh": "0.30"}]}]}]}]}]})";

struct Fixture : UsageChartFixture {
    explicit Fixture(Core::Database &db, const QString &region = {}) : UsageChartFixture(db, region)
    {
        billing.initialize(context);
        const auto admin = Core::UserContext::operatingSystemUser();
        billing.tariffs().importJson(admin, QByteArray(E7), QStringLiteral("e7.json"));
        billing.billing().assignTariff(admin, accountNumber, QStringLiteral("GB-E7"), QDate(2024, 1, 1));
    }
    /// Background work that widgets started uses the services below: it finishes first.
    ~Fixture() { QThreadPool::globalInstance()->waitForDone(); }
    TouCost cost(const QDate &from, const QDate &to, const Core::UserContext &user = agent())
    {
        return TouCostService(database, cipher).cost(user, customerId, premiseId, from, to);
    }
    Billing::BillingModule billing;
};

/// The fixture's reading at a local quarter-hour slot of `day`.
qint64 reading(const QDate &day, int slot) { return 100 + (slot * 7 + day.day()) % 200; }

/// Wh of `day` in the night band (local 00:30 to 07:30) and the day band, by the clock.
std::pair<qint64, qint64> bandsOf(const QDate &day)
{
    const QTimeZone zone = UsageChartFixture::zone();
    const qint64 start = day.startOfDay(zone).toSecsSinceEpoch();
    const int n = Metering::ReadingStore::slotsInDay(day, zone, 15);
    qint64 night = 0, dayWh = 0;
    for (int slot = 0; slot < n; ++slot) {
        const QTime t = QDateTime::fromSecsSinceEpoch(start + slot * 900, zone).time();
        (t >= QTime(0, 30) && t < QTime(7, 30) ? night : dayWh) += reading(day, slot);
    }
    return {night, dayWh};
}

/// Pence for `wh` at `microsPerKwh`, half away from zero.
qint64 pence(qint64 wh, qint64 microsPerKwh)
{
    const qint64 micros = wh * microsPerKwh / 1000; // exact here: the prices are whole 10,000ths
    return (micros + 5000) / 10000;
}

} // namespace

class TestTouCost : public QObject
{
    Q_OBJECT

private slots:
    void daysSplitByBand_data() { Test::addBackendRows(); }
    void daysSplitByBand()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        const TouCost c = f.cost(QDate(2024, 10, 27), QDate(2024, 10, 28));
        QCOMPARE(c.resolution, Usage::Resolution::Day);
        QCOMPARE(c.accountNumber, f.accountNumber);
        QCOMPARE(c.currency, QStringLiteral("GBP"));
        QCOMPARE(c.tariffCodes, QStringList{QStringLiteral("GB-E7")});
        QCOMPARE(c.bands, (QStringList{QStringLiteral("night"), QStringLiteral("day")}));
        QCOMPARE(c.buckets.size(), 2);
        QVERIFY(c.notes.isEmpty());
        for (int i = 0; i < 2; ++i) {
            const QDate day = QDate(2024, 10, 27).addDays(i);
            const auto [night, dayWh] = bandsOf(day);
            const Usage::TouCostBucket &b = c.buckets.at(i);
            QCOMPARE(b.from, day);
            QCOMPARE(b.to, day);
            QCOMPARE(b.bandWh, (QList<qint64>{night, dayWh}));
            QCOMPARE(b.bandMinor, (QList<qint64>{pence(night, 150000), pence(dayWh, 300000)}));
            QCOMPARE(b.otherMinor, 50); // the day's standing charge
            QVERIFY(b.priced);
            QCOMPARE(b.totalMinor, b.energyMinor() + b.otherMinor + b.vatMinor);
        }
    }

    void longPeriodsByMonthAndDaysWithoutTariff_data() { Test::addBackendRows(); }
    void longPeriodsByMonthAndDaysWithoutTariff()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        const TouCost c = f.cost(QDate(2023, 12, 15), QDate(2024, 2, 29));
        QCOMPARE(c.resolution, Usage::Resolution::Month);
        QCOMPARE(c.buckets.size(), 3);
        QCOMPARE(c.buckets.at(0).from, QDate(2023, 12, 15));
        QCOMPARE(c.buckets.at(0).to, QDate(2023, 12, 31));
        QVERIFY(!c.buckets.at(0).priced);
        QCOMPARE(c.buckets.at(0).energyMinor(), 0);
        QCOMPARE(c.notes, QStringList{QStringLiteral("Account %1 has no tariff from 2023-12-15 to 2023-12-31, so those "
                                                     "days have no cost.").arg(f.accountNumber)});
        // February 2024 by hand: every day's bands, priced over the month.
        qint64 night = 0, dayWh = 0;
        for (QDate d(2024, 2, 1); d <= QDate(2024, 2, 29); d = d.addDays(1)) {
            night += bandsOf(d).first;
            dayWh += bandsOf(d).second;
        }
        const Usage::TouCostBucket &feb = c.buckets.at(2);
        QCOMPARE(feb.from, QDate(2024, 2, 1));
        QCOMPARE(feb.to, QDate(2024, 2, 29));
        QCOMPARE(feb.bandWh, (QList<qint64>{night, dayWh}));
        QCOMPARE(feb.bandMinor, (QList<qint64>{pence(night, 150000), pence(dayWh, 300000)}));
        QCOMPARE(feb.otherMinor, 29 * 50);
        // The same as the bill of February.
        const Billing::BillResult bill =
            f.billing.billing().bill(f.agent(), f.accountNumber, QDate(2024, 2, 1), QDate(2024, 2, 29));
        QCOMPARE(feb.totalMinor, bill.totalMinor);
    }

    void theRegionRuleApplies_data() { Test::addBackendRows(); }
    void theRegionRuleApplies()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db(), QStringLiteral("North"));
        const Core::UserContext south{QStringLiteral("00000000-0000-4000-8000-000000000004"), QStringLiteral("fiona"),
                                      Core::Role::FieldOfficer, QStringLiteral("South")};
        QCOMPARE(Test::errorOf(Core::Error::Kind::Denied, [&] { f.cost(QDate(2024, 10, 1), QDate(2024, 10, 2), south); }),
                 QStringLiteral("Customer %1 is outside your region South.").arg(f.customerNumber));
    }

    void thePageShowsStackedBandsAndATable_data() { Test::addBackendRows(); }
    void thePageShowsStackedBandsAndATable()
    {
        UD_TEST_DATABASE(tdb);
        Fixture f(tdb.db());
        Usage::UsageChartPage page(f.context, f.agent(), f.customerId);
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitFor([&] { return page.loadsFinished() > 0; }, 20000));
        int before = page.loadsFinished();
        page.showPeriod(QDate(2024, 10, 27), QDate(2024, 10, 28), Usage::Resolution::Interval);
        QVERIFY(QTest::qWaitFor([&] { return page.loadsFinished() > before; }, 20000));
        const int costs = page.costLoadsFinished();
        page.setCostShown(true);
        QVERIFY(QTest::qWaitFor([&] { return page.costLoadsFinished() > costs; }, 20000));
        Usage::TouCostView *view = page.costView();
        QVERIFY(view->isVisible());
        QCOMPARE(view->bars()->count(), 2);
        QCOMPARE(view->bars()->barSets().at(0)->label(), QStringLiteral("night"));
        const auto [night, dayWh] = bandsOf(QDate(2024, 10, 27));
        QCOMPARE(view->bars()->barSets().at(0)->at(0), double(pence(night, 150000)) / 100.0);
        QCOMPARE(view->bars()->barSets().at(1)->at(0), double(pence(dayWh, 300000)) / 100.0);
        QVERIFY(view->summary().contains(QLatin1String("GB-E7")));
        const qint64 nights = pence(night, 150000) + pence(bandsOf(QDate(2024, 10, 28)).first, 150000);
        QVERIFY2(view->summary().contains(QStringLiteral("night ") + Usage::TouCostView::money(nights, QStringLiteral("GBP"))),
                 qPrintable(view->summary()));
        // As a table: one row per day.
        page.setTableShown(true);
        QVERIFY(view->tableView()->isVisible());
        QCOMPARE(view->tableView()->model()->rowCount(), 2);
        // Drilling back up reprices the new period.
        const int again = page.costLoadsFinished();
        before = page.loadsFinished();
        QVERIFY(page.goBack());
        QVERIFY(QTest::qWaitFor([&] { return page.costLoadsFinished() > again; }, 20000));
        QCOMPARE(view->cost().resolution, Usage::Resolution::Month);
    }
};

QTEST_MAIN(TestTouCost)
#include "tst_toucost.moc"
