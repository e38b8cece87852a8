#include "accountsfixture.h"

#include <accounts/accountssettings.h>
#include <accounts/customerlistmodel.h>
#include <accounts/ui/accountsuimodule.h>
#include <accounts/ui/customerheader.h>
#include <accounts/ui/customerspage.h>
#include <accounts/ui/customertab.h>
#include <accounts/ui/registrationwizard.h>
#include <core/transaction.h>
#include <core/ui/pageregistry.h>

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTest>
#include <QTranslator>

using namespace Ud;
using Accounts::CustomersPage;
using Accounts::CustomerListModel;
using Test::AccountsFixture;

namespace {
// `count` customers "Customer NNN"; every 10th is "Zhang Wei NNN". The first Zhang has a
// premise, an account, a meter, solar PV, a life-support flag, a national id and a logged call.
void fill(AccountsFixture &f, int count)
{
    const auto user = AccountsFixture::agent();
    Core::Transaction tx(f.database);
    for (int i = 0; i < count; ++i) {
        Accounts::Customer c;
        c.fullName = (i % 10 == 0 ? QStringLiteral("Zhang Wei %1") : QStringLiteral("Customer %1")).arg(i, 3, 10, QLatin1Char('0'));
        if (i == 0)
            c.nationalId = Accounts::SensitiveValue::entered(QStringLiteral("310101198503140011"));
        c = f.customers().create(user, c);
        if (i != 0)
            continue;
        const auto premise = f.accounts().addPremise(user, AccountsFixture::premise(
            QStringLiteral("南京东路100号"), QStringLiteral("上海"), QStringLiteral("200001"), QStringLiteral("CN"),
            QStringLiteral("Asia/Shanghai")));
        const auto account = f.accounts().openAccount(user, c.id, premise.id, QStringLiteral("CN"), Accounts::PaymentType::Prepaid);
        Accounts::ServicePoint sp;
        sp.premiseId = premise.id;
        sp.accountId = account.id;
        sp.identifier = QStringLiteral("CN-SH-000001");
        sp = f.meters().addServicePoint(user, sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("SH15M0001");
        m.intervalMinutes = 15;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour}
                   << Accounts::MeterChannel{{}, Accounts::ChannelKind::Export, Accounts::ChannelUnit::WattHour};
        f.meters().addMeter(user, m);
        Accounts::Appliance pv;
        pv.premiseId = premise.id;
        pv.kind = Accounts::ApplianceKind::SolarPv;
        pv.capacityW = 5000;
        f.appliances().add(user, pv);
        f.customers().setVulnerability(user, c.id, Accounts::VulnerabilityKind::LifeSupport, true);
        Accounts::Interaction call;
        call.customerId = c.id;
        call.reason = QStringLiteral("Outage report");
        call.reasonCode = QStringLiteral("outage");
        call.wrapUpCode = QStringLiteral("resolved");
        f.interactions().log(user, call);
    }
    tx.commit();
}

// Stands in for a loaded Spanish catalogue: a few strings of the accounts module.
class SpanishStub : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (!QByteArray(context).startsWith("Ud::Accounts::"))
            return {};
        const QByteArray text(source);
        if (text == "Name")
            return QStringLiteral("Nombre");
        if (text == "%n customers")
            return QStringLiteral("%n clientes");
        if (text == "Residential")
            return QStringLiteral("Residencial");
        if (text.startsWith("Search by name"))
            return QStringLiteral("Buscar clientes");
        return {};
    }
};

// Declared after the fixture: the customer tabs' loads still on their way use the services,
// so they finish before the test's database goes.
struct WaitForWorkers {
    ~WaitForWorkers() { QThreadPool::globalInstance()->waitForDone(); }
};

template<typename T>
T *child(QWidget *page, const char *name)
{
    T *found = page->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}
} // namespace

class TestCustomersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The page saves and restores its open customers: keep that out of the user's settings.
        QStandardPaths::setTestModeEnabled(true);
    }
    void init()
    {
        // Tabs of the previous test's page are deleted later and save the open customers as
        // they go: let that happen before the settings are emptied, or the next page reopens them.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")).clear();
    }

    void emptyDatabaseSaysNothingYet_data() { Test::addBackendRows(); }
    void emptyDatabaseSaysNothingYet()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        auto *empty = child<QWidget>(&page, "customerEmptyState");
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(!child<QTableView>(&page, "customerTable")->isVisible());
        QCOMPARE(child<QLabel>(&page, "customerEmptyText")->text(),
                 QStringLiteral("No customers yet — create demo data with “utilitydesk demo”."));
        QCOMPARE(child<QLabel>(&page, "customerStatus")->text(), QStringLiteral("0 customers"));
    }

    void typingSearches_data() { Test::addBackendRows(); }
    void typingSearches()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 250);
        WaitForWorkers wait;
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        auto *table = child<QTableView>(&page, "customerTable");
        auto *matches = child<QTableView>(&page, "customerMatchTable");
        auto *status = child<QLabel>(&page, "customerStatus");
        QTRY_COMPARE(table->model()->rowCount(), 200);
        QVERIFY(table->isVisible());
        QCOMPARE(status->text(), QStringLiteral("Showing 200 of 250 customers"));

        auto *search = child<QLineEdit>(&page, "customerSearch");
        QTest::keyClicks(search, QStringLiteral("zhang"));
        // Nothing is searched per key; after the short pause the ranked matches replace the list.
        QCOMPARE(status->text(), QStringLiteral("Searching…"));
        QVERIFY(table->isVisible());
        QTRY_VERIFY(matches->isVisible());
        // 25 customers are called Zhang; the best 20 are shown.
        QCOMPARE(matches->model()->rowCount(), 20);
        QCOMPARE(status->text(), QStringLiteral("The best 20 matches — type more to narrow them down"));
        for (int row = 0; row < 20; ++row)
            QVERIFY(matches->model()->index(row, 0).data().toString().startsWith(QLatin1String("Zhang Wei")));

        QTest::keyClicks(search, QStringLiteral("zzz"));
        QTRY_VERIFY(child<QWidget>(&page, "customerEmptyState")->isVisible());
        QCOMPARE(child<QLabel>(&page, "customerEmptyText")->text(),
                 QStringLiteral("No customer matches “zhangzzz”. Check the spelling, or search by phone, account "
                                "number or postcode."));
        QCOMPARE(status->text(), QStringLiteral("0 matches"));
        // The empty state's action clears the search and the list is back.
        QTest::mouseClick(child<QWidget>(&page, "customerEmptyAction"), Qt::LeftButton);
        QCOMPARE(search->text(), QString());
        QTRY_VERIFY(table->isVisible());
        QCOMPARE(table->model()->rowCount(), 200);
        QCOMPARE(status->text(), QStringLiteral("Showing 200 of 250 customers"));
    }

    void enterOpensTheCustomerTab_data() { Test::addBackendRows(); }
    void enterOpensTheCustomerTab()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 20);
        WaitForWorkers wait;
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        auto *table = child<QTableView>(&page, "customerTable");
        QTRY_COMPARE(table->model()->rowCount(), 20);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(table->model()->rowCount() - 2, 0)); // "Zhang Wei 000"
        QCOMPARE(table->currentIndex().data(CustomerListModel::CustomerNumberRole).toString(), QStringLiteral("UDC00000001"));
        QTest::keyClick(table, Qt::Key_Return);
        Accounts::CustomerTab *tab = page.currentCustomerTab();
        QVERIFY(tab);
        QCOMPARE(page.tabs()->tabText(page.tabs()->currentIndex()), QStringLiteral("Zhang Wei 000"));
        QTRY_VERIFY(tab->isLoaded());
        const QString text = tab->header()->plainText();
        for (const QString &expected : {QStringLiteral("Zhang Wei 000"), QStringLiteral("Customer UDC00000001"),
                                        QStringLiteral("Account UD00000001"), QStringLiteral("南京东路100号, 上海 200001"),
                                        QStringLiteral("Life support"), QStringLiteral("Identity not verified")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + text));
        // The header shows no sensitive data to anyone; that is the profile's to reveal.
        QVERIFY(!text.contains(QLatin1String("310101198503140011")));
    }

    void copiesRowsAsTabSeparatedText_data() { Test::addBackendRows(); }
    void copiesRowsAsTabSeparatedText()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 5);
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = child<QTableView>(&page, "customerTable");
        QTRY_COMPARE(table->model()->rowCount(), 5);
        table->setFocus();
        table->selectRow(0);
        table->selectionModel()->select(table->model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(child<QLabel>(&page, "customerStatus")->text(), QStringLiteral("5 customers · 2 selected"));
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QApplication::clipboard()->clear();
        QTest::keySequence(table, QKeySequence::Copy);
        const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).split(QLatin1Char('\t')).at(1), QStringLiteral("Name"));
        QCOMPARE(lines.at(1).split(QLatin1Char('\t')).size(), 7);
        QCOMPARE(lines.at(1).split(QLatin1Char('\t')).at(0), QStringLiteral("UDC00000002"));
        QCOMPARE(lines.at(1).split(QLatin1Char('\t')).at(1), QStringLiteral("Customer 001"));
        QCOMPARE(lines.at(2).split(QLatin1Char('\t')).at(1), QStringLiteral("Customer 002"));
    }

    void ctrlFFocusesSearch_data() { Test::addBackendRows(); }
    void ctrlFFocusesSearch()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 3);
        WaitForWorkers wait;
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *table = child<QTableView>(&page, "customerTable");
        auto *search = child<QLineEdit>(&page, "customerSearch");
        QTRY_COMPARE(table->model()->rowCount(), 3);
        search->setText(QStringLiteral("Customer"));
        table->setFocus();
        QVERIFY(table->hasFocus());
        QTest::keySequence(table, QKeySequence::Find);
        QVERIFY(search->hasFocus());
        QCOMPARE(search->selectedText(), QStringLiteral("Customer"));
        // Enter in the search box with exactly one match opens that customer.
        search->setText(QStringLiteral("Zhang"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(page.currentCustomerTab());
        QTRY_COMPARE(page.currentCustomerTab()->customerName(), QStringLiteral("Zhang Wei 000"));
    }

    void headerSortsInTheDatabase_data() { Test::addBackendRows(); }
    void headerSortsInTheDatabase()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 12);
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        auto *table = child<QTableView>(&page, "customerTable");
        QHeaderView *header = table->horizontalHeader();
        QTRY_COMPARE(table->model()->index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Customer 001"));
        header->setSortIndicator(CustomerListModel::NameColumn, Qt::DescendingOrder);
        QTRY_COMPARE(table->model()->index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 010"));
        // A column that cannot be sorted leaves order and indicator as they were.
        header->setSortIndicator(CustomerListModel::CityColumn, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(CustomerListModel::NameColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QVERIFY(!page.model()->isLoading());
        QCOMPARE(table->model()->index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 010"));
    }

    void followsALanguageSwitch_data() { Test::addBackendRows(); }
    void followsALanguageSwitch()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f, 4);
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        auto *table = child<QTableView>(&page, "customerTable");
        auto *status = child<QLabel>(&page, "customerStatus");
        QTRY_COMPARE(status->text(), QStringLiteral("4 customers"));
        SpanishStub spanish;
        QVERIFY(QCoreApplication::installTranslator(&spanish));   // posts LanguageChange to every widget
        QTRY_COMPARE(status->text(), QStringLiteral("4 clientes"));
        QCOMPARE(child<QLineEdit>(&page, "customerSearch")->placeholderText(), QStringLiteral("Buscar clientes"));
        QCOMPARE(table->model()->headerData(CustomerListModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Nombre"));
        QCOMPARE(table->model()->index(0, CustomerListModel::ClassColumn).data().toString(), QStringLiteral("Residencial"));
        QCoreApplication::removeTranslator(&spanish);
        QTRY_COMPARE(status->text(), QStringLiteral("4 customers"));
    }

    void newCustomerOpensTheRegistrationInItsOwnTab_data() { Test::addBackendRows(); }
    void newCustomerOpensTheRegistrationInItsOwnTab()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        WaitForWorkers wait;
        Accounts::AccountsSettings::setOpenCustomerTabs({});
        CustomersPage page(f.module, AccountsFixture::agent());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::ControlModifier);
        Accounts::RegistrationWizard *wizard = page.registration();
        QVERIFY(wizard);
        QCOMPARE(page.tabs()->currentWidget(), wizard);
        QCOMPARE(page.tabs()->tabText(1), QStringLiteral("New customer"));
        auto *name = child<QLineEdit>(wizard, "fullName");
        name->setText(QStringLiteral("Lucía Fernández"));

        // Closing the tab (Ctrl+W, tested with customer tabs in tst_customerworkspace) puts the
        // registration aside; Ctrl+N brings it back with what was typed.
        page.closeCurrentCustomer();
        QCOMPARE(page.tabs()->count(), 1);
        QCOMPARE(page.newCustomer(), wizard);
        QCOMPARE(page.tabs()->count(), 2);
        QCOMPARE(child<QLineEdit>(wizard, "fullName")->text(), QStringLiteral("Lucía Fernández"));

        // Cancel discards it: the next registration starts empty.
        QTest::mouseClick(child<QPushButton>(wizard, "cancelButton"), Qt::LeftButton);
        QCOMPARE(page.tabs()->count(), 1);
        QVERIFY(!page.registration());
        QVERIFY(child<QLineEdit>(page.newCustomer(), "fullName")->text().isEmpty());

        // Someone who may not edit customers cannot register one.
        CustomersPage readOnly(f.module, AccountsFixture::businessUser());
        const int tabsBefore = readOnly.tabs()->count();
        QVERIFY(!readOnly.newCustomer());
        QVERIFY(!readOnly.registration());
        QCOMPARE(readOnly.tabs()->count(), tabsBefore);
        QVERIFY(!readOnly.findChild<Accounts::RegistrationWizard *>());
    }

    void registersThePage()
    {
        Test::installTestMasterKey();
        Accounts::AccountsModule module(QStringLiteral("UD"));
        Accounts::AccountsUiModule ui(module);
        Ui::PageRegistry pages;
        ui.initialize(pages, AccountsFixture::agent());
        // The customers page first; the contact handling registers its page after it.
        QCOMPARE(pages.pages().size(), 2);
        QCOMPARE(pages.pages().at(1).id, QStringLiteral("contact_codes"));
        const Ui::Page page = pages.pages().first();
        QCOMPARE(page.id, QStringLiteral("customers"));
        QCOMPARE(page.order, 10);
        QCOMPARE(page.title(), QStringLiteral("Customers"));
        QCOMPARE(page.icon, QStringLiteral(":/icons/customers.svg"));
        QCOMPARE(page.permission, Core::Permission::ViewCustomers);
        QVERIFY(page.shortcut.isEmpty());
        QCOMPARE(page.actions.size(), 3);
        QCOMPARE(page.actions.at(0).text(), QStringLiteral("&Find Customer\tCtrl+F"));
        QCOMPARE(page.actions.at(1).text(), QStringLiteral("&New Customer…\tCtrl+N"));
        QCOMPARE(page.actions.at(2).text(), QStringLiteral("&Close Customer Tab\tCtrl+W"));
        QStringList sections;
        for (const Ui::CustomerSection &section : pages.customerSections())
            sections << section.id;
        QCOMPARE(sections, (QStringList{QStringLiteral("accounts"), QStringLiteral("appliances"),
                                        QStringLiteral("change_history"), QStringLiteral("contact_history")}));
        QCOMPARE(ui.pages(), &pages);

        // A business user may not register customers, so the menu does not offer it.
        Ui::PageRegistry readOnly;
        ui.initialize(readOnly, AccountsFixture::businessUser());
        QCOMPARE(readOnly.pages().first().actions.size(), 2);
    }
};

QTEST_MAIN(TestCustomersPage)
#include "tst_customerspage.moc"
