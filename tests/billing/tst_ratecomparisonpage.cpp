// The "Compare tariffs" sub-page on both databases: the customer's last 12 full months billed
// under every tariff of the market and class, cheapest first with the saving against the
// current tariff in bold, how much of the year had no reading, the customer action with its
// shortcut, and the empty state for a customer without readings.

#include "../metering/meteringfixture.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <billing/ui/ratecomparisonpage.h>
#include <core/money.h>
#include <core/sqlquery.h>
#include <core/ui/loadstate.h>
#include <core/ui/pageregistry.h>
#include <metering/readingstore.h>

#include <fakecustomerview.h>

#include <QSignalSpy>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimeZone>
#include <QtTest>

using namespace Ud;
using namespace Ud::Billing;

namespace {

const QTimeZone London("Europe/London");

QByteArray flat(const char *code, const char *name, const char *perDay, const char *perKwh)
{
    return QByteArray(R"({"code": ")") + code + R"(", "name": ")" + name + R"(", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2020-01-01",
        "components": [{"type": "standing_charge", "perDay": ")" + perDay + R"("}, {"type": "flat_rate", "perKwh": ")"
           + perKwh + R"("}]}]})";
}

struct Fixture : Test::MeteringFixture {
    explicit Fixture(Core::Database &db) : MeteringFixture(db)
    {
        billing.initialize(context);
        const auto admin = Core::UserContext::operatingSystemUser();
        billing.tariffs().importJson(admin, flat("GB-DEAR", "Dear Fixed", "0.60", "0.30"), QStringLiteral("dear.json"));
        billing.tariffs().importJson(admin, flat("GB-CHEAP", "Cheap Saver", "0.40", "0.20"), QStringLiteral("cheap.json"));
    }
    ~Fixture() { QThreadPool::globalInstance()->waitForDone(); }

    /// A customer on GB-DEAR with 500 Wh every half hour of 2023, except 1 March.
    QString addCustomer()
    {
        const auto meter = addMeter(QStringLiteral("CMP-1"), QStringLiteral("Europe/London"), 30);
        Core::SqlQuery(database.connection(), QStringLiteral("UPDATE accounts SET opened_on = '2022-01-01'")).exec();
        const QString number = Core::SqlQuery(database.connection(),
                                              QStringLiteral("SELECT a.account_number FROM accounts a JOIN service_points sp "
                                                             "ON sp.account_id = a.id WHERE sp.identifier = 'SP-CMP-1'"))
                                   .scalar()
                                   .toString();
        billing.billing().assignTariff(Core::UserContext::operatingSystemUser(), number, QStringLiteral("GB-DEAR"),
                                       QDate(2022, 1, 1));
        QList<Metering::ReadingStore::Reading> readings;
        for (QDate d(2023, 1, 1); d <= QDate(2023, 12, 31); d = d.addDays(1)) {
            if (d == QDate(2023, 3, 1))
                continue;
            const qint64 start = d.startOfDay(London).toSecsSinceEpoch();
            const qint64 end = d.addDays(1).startOfDay(London).toSecsSinceEpoch();
            for (qint64 t = start; t < end; t += 1800)
                readings << Metering::ReadingStore::Reading{t, 500, Metering::Quality::Actual};
        }
        Metering::ReadingStore(database).write(channelOf(meter), London, 30, readings, QStringLiteral("test"));
        accountNumber = number;
        return Core::SqlQuery(database.connection(), QStringLiteral("SELECT customer_id FROM accounts")).scalar().toString();
    }

    BillingModule billing;
    QString accountNumber;
};

QString money(qint64 minor)
{
    return Core::Money(minor, QStringLiteral("GBP")).toString(QLocale());
}

} // namespace

class TestRateComparisonPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void rankedWithSavingAndMissingData_data() { Test::addBackendRows(); }
    void rankedWithSavingAndMissingData()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString customerId = f.addCustomer();
        Test::FakeCustomerView view(customerId);
        Ui::PageRegistry registry;
        registerRateComparisonUi(registry, f.context, f.billing, f.agent());
        const auto actions = registry.customerActions();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions[0].shortcut, QKeySequence(Qt::CTRL | Qt::Key_R));
        QVERIFY(!actions[0].needsVerifiedIdentity);
        actions[0].trigger(view);
        auto *page = qobject_cast<RateComparisonPage *>(view.subPages.value(QLatin1String(RateComparisonPage::SubPageId)).data());
        QVERIFY(page);
        QCOMPARE(view.activities(), QStringList{QStringLiteral("Tariffs compared")});
        QSignalSpy loaded(page, &RateComparisonPage::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(page->loadState()->state(), Ui::LoadState::State::Content);

        // 364 days x 24 kWh = 8,736 kWh. GB residential VAT is 5 %.
        // Cheap: 365 x 0.40 = 146.00 + 8,736 x 0.20 = 1,747.20 -> net 1,893.20, VAT 94.66, total 1,987.86.
        // Dear: 365 x 0.60 = 219.00 + 8,736 x 0.30 = 2,620.80 -> net 2,839.80, VAT 141.99, total 2,981.79.
        QCOMPARE(page->headings().size(), 1);
        // ("12 months" once the English plural forms are loaded, as the application does.)
        QVERIFY2(page->headings()[0].contains(QStringLiteral("Jan 2023 to Dec 2023, 12 month")), qPrintable(page->headings()[0]));
        QVERIFY2(page->headings()[0].endsWith(QStringLiteral(", 8,736.000 kWh used")), qPrintable(page->headings()[0]));
        QVERIFY2(page->notes()[0].contains(QStringLiteral("48 of 17,520 intervals (0.3 %) had no reading")),
                 qPrintable(page->notes()[0]));
        QTableWidget *table = page->tables().value(0);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Cheap Saver (GB-CHEAP)"));
        QCOMPARE(table->item(0, 3)->text(), money(198786));
        QCOMPARE(table->item(0, 5)->text(), QStringLiteral("%1 cheaper").arg(money(298179 - 198786)));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("Dear Fixed (GB-DEAR)"));
        QCOMPARE(table->item(1, 3)->text(), money(298179));
        QCOMPARE(table->item(1, 6)->text(), QStringLiteral("Current tariff"));
        QVERIFY(table->item(1, 1)->font().bold());
        QVERIFY(!table->item(0, 1)->font().bold());
    }

    void emptyWithoutReadings_data() { Test::addBackendRows(); }
    void emptyWithoutReadings()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        Accounts::Customer c;
        c.fullName = QStringLiteral("No Readings");
        c = f.customers().create(f.agent(), c);
        Test::FakeCustomerView view(c.id);
        auto *page = new RateComparisonPage(f.billing.billing(), t.db(), f.agent(), view);
        view.layout()->addWidget(page);
        QSignalSpy loaded(page, &RateComparisonPage::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(page->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(page->loadState()->text(), QStringLiteral("No electricity readings for this customer, so there is nothing to compare."));
    }
};

QTEST_MAIN(TestRateComparisonPage)
#include "tst_ratecomparisonpage.moc"
