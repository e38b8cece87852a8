// The Tariffs page (tariff editor) on both databases: a new tariff typed into the form is
// published and listed; a wrong value is reported at its place on the form and nothing is
// stored; undo and redo step through edits of fields and components; a new version of a stored
// tariff ends the open one; test-calculation bills the draft on the account's real readings
// beside its current tariff; only catalog managers may test-calculate.

#include "../metering/meteringfixture.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffjson.h>
#include <billing/tariffservice.h>
#include <billing/tarifftrial.h>
#include <billing/ui/tariffcomponentbox.h>
#include <billing/ui/tariffform.h>
#include <billing/ui/tariffspage.h>
#include <core/sqlquery.h>
#include <core/ui/messagebar.h>
#include <metering/readingstore.h>

#include <QThreadPool>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTimeZone>
#include <QUndoStack>
#include <QtTest>

using namespace Ud;
using namespace Ud::Billing;
using Test::errorOf;

namespace {

const QTimeZone London("Europe/London");

const QByteArray FlatTariff = R"({"code": "GB-FLAT", "name": "Simple Flat", "market": "GB", "currency": "GBP",
    "customerClasses": ["residential"], "kind": "postpaid", "versions": [{"effectiveFrom": "2024-01-01",
    "components": [{"type": "standing_charge", "perDay": "0.50"}, {"type": "flat_rate", "perKwh": "0.30"}]}]})";

Core::UserContext manager()
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000007"), QStringLiteral("bea"), Core::Role::BusinessUser};
}

struct Fixture : Test::MeteringFixture {
    explicit Fixture(Core::Database &db) : MeteringFixture(db)
    {
        billing.initialize(context);
        billing.tariffs().importJson(Core::UserContext::operatingSystemUser(), FlatTariff, QStringLiteral("flat.json"));
    }
    /// Background work that widgets started uses the services below: it finishes first.
    ~Fixture() { QThreadPool::globalInstance()->waitForDone(); }

    /// A residential GB account on GB-FLAT with 500 Wh every half hour of January 2024.
    QString addAccount()
    {
        const auto meter = addMeter(QStringLiteral("TRY-1"), QStringLiteral("Europe/London"), 30);
        const QString number = Core::SqlQuery(database.connection(),
                                              QStringLiteral("SELECT a.account_number FROM accounts a JOIN service_points sp "
                                                             "ON sp.account_id = a.id WHERE sp.identifier = 'SP-TRY-1'"))
                                   .scalar()
                                   .toString();
        // Opened before the readings start (the fixture opens accounts on its clock's day).
        Core::SqlQuery(database.connection(), QStringLiteral("UPDATE accounts SET opened_on = '2023-01-01'")).exec();
        billing.billing().assignTariff(Core::UserContext::operatingSystemUser(), number, QStringLiteral("GB-FLAT"),
                                       QDate(2024, 1, 1));
        QList<Metering::ReadingStore::Reading> readings;
        const qint64 start = QDate(2024, 1, 1).startOfDay(London).toSecsSinceEpoch();
        const qint64 end = QDate(2024, 2, 1).startOfDay(London).toSecsSinceEpoch();
        for (qint64 t = start; t < end; t += 1800)
            readings << Metering::ReadingStore::Reading{t, 500, Metering::Quality::Actual};
        Metering::ReadingStore(database).write(channelOf(meter), London, 30, readings, QStringLiteral("test"));
        return number;
    }

    BillingModule billing;
};

std::unique_ptr<TariffsPage> openPage(Fixture &f)
{
    auto page = std::make_unique<TariffsPage>(f.billing.tariffs(), f.billing.tariffTrials(), f.database, manager());
    QSignalSpy reloaded(page.get(), &TariffsPage::reloaded);
    if (!reloaded.wait(5000))
        qFatal("the tariff list did not load");
    // The markets arrive in their own background call.
    if (!QTest::qWaitFor([&] { return page->form()->marketCombo()->count() > 0; }, 5000))
        qFatal("the markets did not load");
    return page;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QMetaObject::invokeMethod(edit, "editingFinished");
}

/// Fills a new tariff's standing charge and flat rate (the boxes a new tariff starts with).
void fillNewTariff(TariffsPage &page, const QString &code, const QString &perDay, const QString &perKwh)
{
    page.newTariff();
    type(page.form()->codeEdit(), code);
    type(page.form()->nameEdit(), QStringLiteral("Green Saver"));
    page.form()->marketCombo()->setCurrentIndex(page.form()->marketCombo()->findData(QStringLiteral("GB")));
    const auto boxes = page.form()->components();
    QCOMPARE(boxes.size(), 2);
    type(boxes[0]->field(QStringLiteral("perDay")), perDay);
    type(boxes[1]->field(QStringLiteral("perKwh")), perKwh);
}

} // namespace

class TestTariffsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void publishNewTariff_data() { Test::addBackendRows(); }
    void publishNewTariff()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        auto page = openPage(f);
        QCOMPARE(page->tariffList()->model()->rowCount(), 1);
        fillNewTariff(*page, QStringLiteral("GB-GREEN"), QStringLiteral("0.45"), QStringLiteral("0,2599"));
        QSignalSpy published(page.get(), &TariffsPage::published);
        QSignalSpy reloaded(page.get(), &TariffsPage::reloaded);
        page->publishButton()->click();
        QVERIFY(published.wait(5000));
        QCOMPARE(published.first().first().toBool(), true);
        QCOMPARE(page->messageBar()->text(), QStringLiteral("Published GB-GREEN (GB)."));
        QVERIFY(reloaded.count() > 0 || reloaded.wait(5000));
        QCOMPARE(page->tariffList()->model()->rowCount(), 2);

        const Tariff stored = f.billing.tariffs().get(manager(), QStringLiteral("GB"), QStringLiteral("GB-GREEN"));
        QCOMPARE(stored.name, QStringLiteral("Green Saver"));
        QCOMPARE(stored.versions.size(), 1);
        QCOMPARE(stored.versions[0].effectiveFrom, QDate::currentDate().addDays(1));
        // "0,2599" typed with a decimal comma is 25.99p per kWh.
        QCOMPARE(stored.versions[0].components.size(), 2);
        QCOMPARE(std::get<FlatRate>(stored.versions[0].components[1]).microsPerKwh, 259900);
        QCOMPARE(std::get<StandingCharge>(stored.versions[0].components[0]).microsPerDay, 450000);
        QCOMPARE(Core::SqlQuery(t.db().connection(),
                                QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'tariff.create' AND actor = 'bea'"))
                     .scalar()
                     .toInt(),
                 1);
    }

    void wrongValueNamesItsPlace_data() { Test::addBackendRows(); }
    void wrongValueNamesItsPlace()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        auto page = openPage(f);
        fillNewTariff(*page, QStringLiteral("GB-BAD"), QStringLiteral("0.45"), QStringLiteral("-0.10"));
        QSignalSpy published(page.get(), &TariffsPage::published);
        page->publish();
        QCOMPARE(published.count(), 1);
        QCOMPARE(published.first().first().toBool(), false);
        QCOMPARE(page->messageBar()->text(), QStringLiteral("Flat rate (perKwh): \"-0.10\" is negative; enter a price of 0 or more."));

        // A time-of-use band off the half-hour grid names its table row.
        type(page->form()->components()[1]->field(QStringLiteral("perKwh")), QStringLiteral("0.20"));
        page->form()->components()[1]->removeButton()->click();
        TariffComponentBox *tou = page->form()->addComponent(QStringLiteral("time_of_use"));
        QVERIFY(tou);
        QTableWidget *table = tou->table();
        const QStringList row1{QStringLiteral("all"), QStringLiteral("01-01"), QStringLiteral("12-31")};
        for (int r = 0; r < 2; ++r) {
            table->insertRow(r);
            for (int c = 0; c < 3; ++c)
                table->setItem(r, c, new QTableWidgetItem(row1[c]));
            for (int c = 3; c < 6; ++c) {
                auto *check = new QTableWidgetItem;
                check->setCheckState(Qt::Checked);
                table->setItem(r, c, check);
            }
        }
        const QStringList bands[2] = {{QStringLiteral("night"), QStringLiteral("00:00"), QStringLiteral("07:00"), QStringLiteral("0.15")},
                                      {QStringLiteral("day"), QStringLiteral("07:15"), QStringLiteral("24:00"), QStringLiteral("0.30")}};
        for (int r = 0; r < 2; ++r) {
            for (int c = 0; c < 4; ++c)
                table->setItem(r, 6 + c, new QTableWidgetItem(bands[r][c]));
        }
        page->publish();
        QCOMPARE(published.count(), 2);
        QVERIFY2(page->messageBar()->text().startsWith(QStringLiteral("Time of use, row 2 (start): \"07:15\" is not on a half-hour boundary")),
                 qPrintable(page->messageBar()->text()));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM tariffs")).scalar().toInt(), 1);
    }

    void undoAndRedo_data() { Test::addBackendRows(); }
    void undoAndRedo()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        auto page = openPage(f);
        page->newTariff();
        TariffForm *form = page->form();
        const QJsonObject start = form->document();
        type(form->nameEdit(), QStringLiteral("Night Owl"));
        QVERIFY(form->addComponent(QStringLiteral("demand_charge")));
        type(form->components().last()->field(QStringLiteral("perKw")), QStringLiteral("8.50"));
        QCOMPARE(form->components().size(), 3);
        const QJsonObject end = form->document();

        form->undoStack()->undo();
        QCOMPARE(form->components().last()->field(QStringLiteral("perKw"))->text(), QString());
        form->undoStack()->undo();
        QCOMPARE(form->components().size(), 2);
        form->undoStack()->undo();
        QCOMPARE(form->nameEdit()->text(), QString());
        QCOMPARE(form->document(), start);
        QVERIFY(!form->undoStack()->canUndo());

        for (int i = 0; i < 3; ++i)
            form->undoStack()->redo();
        QCOMPARE(form->document(), end);
        QCOMPARE(form->components().last()->field(QStringLiteral("perKw"))->text(), QStringLiteral("8.50"));
    }

    void newVersionEndsTheOpenOne_data() { Test::addBackendRows(); }
    void newVersionEndsTheOpenOne()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        auto page = openPage(f);
        QSignalSpy shown(page.get(), &TariffsPage::tariffShown);
        page->tariffList()->setCurrentIndex(page->tariffList()->model()->index(0, 0));
        QVERIFY(shown.wait(5000));
        QVERIFY(!page->form()->isEnabled());
        QVERIFY(page->storedVersions()->text().contains(QStringLiteral("Standing charge, Flat rate")));

        page->newVersion();
        QVERIFY(page->form()->isEnabled());
        QVERIFY(page->form()->codeEdit()->isReadOnly());
        const QDate from(2030, 4, 1);
        page->form()->fromEdit()->setDate(from);
        QMetaObject::invokeMethod(page->form()->fromEdit(), "editingFinished");
        type(page->form()->components()[1]->field(QStringLiteral("perKwh")), QStringLiteral("0.3333"));
        QSignalSpy published(page.get(), &TariffsPage::published);
        QSignalSpy reloaded(page.get(), &TariffsPage::reloaded);
        page->publish();
        QVERIFY(published.wait(5000));
        QCOMPARE(published.first().first().toBool(), true);
        QVERIFY(reloaded.count() > 0 || reloaded.wait(5000));
        QVERIFY2(page->messageBar()->text().contains(QStringLiteral("now ends the day before")), qPrintable(page->messageBar()->text()));

        const Tariff stored = f.billing.tariffs().get(manager(), QStringLiteral("GB"), QStringLiteral("GB-FLAT"));
        QCOMPARE(stored.versions.size(), 2);
        QCOMPARE(stored.versions[0].effectiveTo, std::optional<QDate>(from.addDays(-1)));
        QCOMPARE(stored.versions[1].effectiveFrom, from);
        QCOMPARE(std::get<FlatRate>(stored.versions[1].components[1]).microsPerKwh, 333300);
    }

    void testCalculateAgainstRealData_data() { Test::addBackendRows(); }
    void testCalculateAgainstRealData()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString account = f.addAccount();
        auto page = openPage(f);
        fillNewTariff(*page, QStringLiteral("GB-CHEAP"), QStringLiteral("0.40"), QStringLiteral("0.20"));
        type(page->trialAccountEdit(), account);
        // The period follows the account's last full month of readings: January 2024.
        QTRY_COMPARE(page->trialFromEdit()->date(), QDate(2024, 1, 1));
        QCOMPARE(page->trialToEdit()->date(), QDate(2024, 1, 31));

        QSignalSpy tested(page.get(), &TariffsPage::tested);
        page->testCalculate();
        QVERIFY(tested.wait(5000));
        QVERIFY2(tested.first().first().toBool(), qPrintable(page->messageBar()->text()));
        // 31 days x 48 x 0.5 kWh = 744 kWh: 744 x 0.20 = 148.80, 31 x 0.40 = 12.40, net 161.20,
        // VAT 5 % (GB residential) 8.06, total 169.26. On GB-FLAT: 223.20 + 15.50 = 238.70 net,
        // VAT 11.94 (11.935 rounded half away from zero), total 250.64.
        QTableWidget *lines = page->trialLines();
        QStringList shown;
        for (int r = 0; r < lines->rowCount(); ++r)
            shown << lines->item(r, 0)->text() + QLatin1Char('=') + lines->item(r, 4)->text();
        QCOMPARE(shown.join(QStringLiteral("; ")), QString::fromUtf8("Standing charge=£12.40; Energy=£148.80; VAT 5 %=£8.06"));
        QCOMPARE(lines->item(1, 2)->text(), QStringLiteral("744.000 kWh"));
        QCOMPARE(lines->item(1, 3)->text(), QStringLiteral("0.20 GBP/kWh"));
        const QString summary = page->trialSummary()->text();
        QVERIFY2(summary.contains(QString::fromUtf8("<b>total £169.26</b>")), qPrintable(summary));
        QVERIFY2(summary.contains(QString::fromUtf8("On the current tariff Simple Flat the same period costs £250.64: this draft is £81.38 less.")),
                 qPrintable(summary));
        // Nothing was stored.
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM tariffs")).scalar().toInt(), 1);
    }

    void testCalculateNeedsCatalogRights_data() { Test::addBackendRows(); }
    void testCalculateNeedsCatalogRights()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString account = f.addAccount();
        const Tariff draft = TariffJson::parse(FlatTariff);
        const QString denied = errorOf(Core::Error::Kind::Denied, [&] {
            f.billing.tariffTrials().run(f.agent(), draft, account, QDate(2024, 1, 1), QDate(2024, 1, 31));
        });
        QVERIFY2(!denied.startsWith(QStringLiteral("no error")) && !denied.startsWith(QStringLiteral("wrong kind")),
                 qPrintable(denied));
        Tariff spanish = draft;
        spanish.marketCode = QStringLiteral("ES");
        QCOMPARE(errorOf(Core::Error::Kind::BadInput,
                         [&] { f.billing.tariffTrials().run(manager(), spanish, account, QDate(2024, 1, 1), QDate(2024, 1, 31)); }),
                 QStringLiteral("Account %1 is in market GB; this tariff is for ES. Choose an account of market ES.").arg(account));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput,
                         [&] { f.billing.tariffTrials().run(manager(), draft, account, QDate(2024, 1, 31), QDate(2024, 1, 1)); }),
                 QStringLiteral("To: 2024-01-01 is before the first day 2024-01-31; enter a later day."));
    }
};

QTEST_MAIN(TestTariffsPage)
#include "tst_tariffspage.moc"
