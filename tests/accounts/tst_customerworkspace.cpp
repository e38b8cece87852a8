#include "accountsfixture.h"

#include <accounts/accountssettings.h>
#include <accounts/customermatchmodel.h>
#include <accounts/ui/accountsuimodule.h>
#include <accounts/ui/customerfinder.h>
#include <accounts/ui/customerheader.h>
#include <accounts/ui/customerspage.h>
#include <accounts/ui/customertab.h>
#include <core/transaction.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>
#include <core/ui/tableview.h>
#include <metering/readingstore.h>
#include <metering/ui/meteringuimodule.h>
#include <metering/ui/premisessection.h>
#include <metering/ui/sparklinewidget.h>

#include <QApplication>
#include <QClipboard>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QThreadPool>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

#include <memory>

using namespace Ud;
using Accounts::CustomerMatchModel;
using Accounts::CustomersPage;
using Accounts::CustomerTab;
using Test::AccountsFixture;

namespace {

template<typename T>
T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

/// The page as the application builds it: the accounts and metering modules' sections and
/// actions in one registry, for one signed-in user.
struct Workspace {
    // Sections and searches still on their way use the services: let them finish before
    // the test's database goes.
    ~Workspace()
    {
        page.reset();
        QThreadPool::globalInstance()->waitForDone();
    }

    enum class Tabs { Fresh, Restored };

    Workspace(AccountsFixture &f, const Core::UserContext &user, std::function<void(Ui::PageRegistry &)> extra = {},
              Tabs tabs = Tabs::Fresh)
        : accountsUi(f.module), meteringUi(f.context, jobs, {})
    {
        // Only the test of restoring wants the customers an earlier page left open.
        if (tabs == Tabs::Fresh)
            Accounts::AccountsSettings::setOpenCustomerTabs({});
        accountsUi.initialize(registry, user);
        meteringUi.initialize(registry, user);
        if (extra)
            extra(registry);
        page = std::make_unique<CustomersPage>(f.module, user, &registry);
        page->resize(1024, 768);
        page->show();
    }

    QLineEdit *search() const { return child<QLineEdit>(page.get(), "customerSearch"); }
    Ui::TableView *matches() const { return child<Ui::TableView>(page.get(), "customerMatchTable"); }
    QStringList shownNames() const
    {
        QStringList names;
        for (int row = 0; row < matches()->model()->rowCount(); ++row)
            names << matches()->model()->index(row, CustomerMatchModel::NameColumn).data().toString();
        return names;
    }
    /// Types `text` into the empty search box and waits until its answer is shown.
    bool type(const QString &text)
    {
        search()->clear();
        search()->setFocus();
        QTest::keyClicks(search(), text);
        return QTest::qWaitFor([this] { return !page->finder()->isSearching(); }, 5000);
    }

    Ui::PageRegistry registry;
    Ui::JobTracker jobs;
    Accounts::AccountsUiModule accountsUi;
    Metering::MeteringUiModule meteringUi;
    std::unique_ptr<CustomersPage> page;
};

struct People {
    Accounts::Customer maria;          ///< Maria Lopez, +44 20 7946 0958, account, premise in London, meter
    Accounts::Customer mariaGarcia;    ///< Maria Lopez Garcia
    Accounts::Customer konstantin;     ///< Konstantinopoulos, no account
    Accounts::Account account;
    Accounts::Meter meter;
};

People fill(AccountsFixture &f)
{
    const auto user = AccountsFixture::agent();
    People p;
    Accounts::Customer c;
    c.fullName = QStringLiteral("Maria Lopez");
    c.phone = QStringLiteral("020 7946 0958");
    c.email = QStringLiteral("maria@example.com");
    p.maria = f.customers().create(user, c, QStringLiteral("GB"));
    c = {};
    c.fullName = QStringLiteral("Maria Lopez Garcia");
    p.mariaGarcia = f.customers().create(user, c);
    c = {};
    c.fullName = QStringLiteral("Eleni Konstantinopoulos");
    p.konstantin = f.customers().create(user, c);
    f.customers().setVulnerability(user, p.maria.id, Accounts::VulnerabilityKind::MedicalEquipment, true);

    const auto premise = f.accounts().addPremise(user, AccountsFixture::premise(
        QStringLiteral("1 High Street"), QStringLiteral("London"), QStringLiteral("SW1A 1AA"), QStringLiteral("GB"),
        QStringLiteral("Europe/London")));
    p.account = f.accounts().openAccount(user, p.maria.id, premise.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid,
                                         QDate(2023, 4, 1));
    Accounts::ServicePoint sp;
    sp.premiseId = premise.id;
    sp.accountId = p.account.id;
    sp.identifier = QStringLiteral("1200012345678");
    sp = f.meters().addServicePoint(user, sp);
    Accounts::Meter m;
    m.servicePointId = sp.id;
    m.serial = QStringLiteral("E17UK0001");
    m.intervalMinutes = 60;
    m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
    p.meter = f.meters().addMeter(user, m);

    // 1 to 10 June 2024 but the 5th, 24 hours of 500 Wh: 12 kWh a day, 108 kWh in all.
    const QTimeZone london("Europe/London");
    QList<Metering::ReadingStore::Reading> readings;
    for (int day = 1; day <= 10; ++day) {
        if (day == 5)
            continue;
        const qint64 start = QDate(2024, 6, day).startOfDay(london).toSecsSinceEpoch();
        for (int hour = 0; hour < 24; ++hour)
            readings.append({start + hour * 3600, 500, Metering::Quality::Actual});
    }
    Metering::ReadingStore(f.database).write(p.meter.channels.first().id, london, 60, readings, QStringLiteral("test"));
    return p;
}

Ui::LoadState *stateOf(QGroupBox *section)
{
    return section ? section->findChild<Ui::LoadState *>() : nullptr;
}

} // namespace

class TestCustomerWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        // Let the previous test's tabs finish going (they save the open customers) first.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")).clear();
    }

    void typingShowsRankedMatches_data() { Test::addBackendRows(); }
    void typingShowsRankedMatches()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        QVERIFY(w.type(QStringLiteral("maria lopez")));
        QVERIFY(w.matches()->isVisible());
        // The exact name first, then the longer one; both matched on the name.
        QCOMPARE(w.shownNames(), (QStringList{QStringLiteral("Maria Lopez"), QStringLiteral("Maria Lopez Garcia")}));
        const auto *model = w.matches()->model();
        QCOMPARE(model->index(0, CustomerMatchModel::AccountsColumn).data().toString(), p.account.accountNumber);
        QCOMPARE(model->index(0, CustomerMatchModel::PostcodeColumn).data().toString(), QStringLiteral("SW1A 1AA"));
        QCOMPARE(model->index(0, CustomerMatchModel::MatchedColumn).data().toString(), QStringLiteral("Name"));
        QCOMPARE(child<QLabel>(w.page.get(), "customerStatus")->text(), QStringLiteral("2 matches"));

        // One typo still finds the name, and says so.
        QVERIFY(w.type(QStringLiteral("konstantinopuolos")));
        QCOMPARE(w.shownNames(), QStringList{QStringLiteral("Eleni Konstantinopoulos")});
        QCOMPARE(model->index(0, CustomerMatchModel::MatchedColumn).data().toString(), QStringLiteral("Name (typo)"));

        // The account number finds its customer.
        QVERIFY(w.type(p.account.accountNumber));
        QCOMPARE(w.shownNames(), QStringList{QStringLiteral("Maria Lopez")});
        QCOMPARE(model->index(0, CustomerMatchModel::MatchedColumn).data().toString(), QStringLiteral("Account number"));
    }

    void downAndEnterOpenTheCustomer_data() { Test::addBackendRows(); }
    void downAndEnterOpenTheCustomer()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        QVERIFY(QTest::qWaitForWindowActive(w.page.get()));
        QVERIFY(w.type(QStringLiteral("maria")));
        QCOMPARE(w.shownNames().size(), 2);
        // Enter with two matches and none chosen opens nothing.
        QTest::keyClick(w.search(), Qt::Key_Return);
        QVERIFY(!w.page->currentCustomerTab());
        QTest::keyClick(w.search(), Qt::Key_Down);
        QCOMPARE(w.matches()->currentIndex().row(), 0);
        QTest::keyClick(w.search(), Qt::Key_Return);
        CustomerTab *tab = w.page->currentCustomerTab();
        QVERIFY(tab);
        QCOMPARE(tab->customerId(), p.maria.id);
        QCOMPARE(tab->objectName(), QStringLiteral("customerTab"));
        QTRY_VERIFY(tab->isLoaded());
        QCOMPARE(tab->customerName(), QStringLiteral("Maria Lopez"));
        QCOMPARE(w.page->tabs()->tabText(w.page->tabs()->currentIndex()), QStringLiteral("Maria Lopez"));
        const QString header = tab->header()->plainText();
        for (const QString &expected :
             {QStringLiteral("Maria Lopez"), QStringLiteral("Account ") + p.account.accountNumber,
              QStringLiteral("Customer ") + p.maria.customerNumber, QStringLiteral("1 High Street, London SW1A 1AA"),
              QStringLiteral("Residential · English · +44 20 7946 0958 · maria@example.com"),
              QStringLiteral("Medical equipment"), QStringLiteral("Identity not verified")})
            QVERIFY2(header.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + header));

        // One click copies the account number.
        QApplication::clipboard()->clear();
        QToolButton *copy = nullptr;
        for (auto *button : tab->header()->findChildren<QToolButton *>(QStringLiteral("copyAccountNumber")))
            copy = button;
        QVERIFY(copy);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), p.account.accountNumber);

        // Down and Down again pick the second match; opening the first again only brings it forward.
        w.page->focusSearch();
        QTest::keyClick(w.search(), Qt::Key_Down);
        QTest::keyClick(w.search(), Qt::Key_Down);
        QTest::keyClick(w.search(), Qt::Key_Return);
        QCOMPARE(w.page->currentCustomerTab()->customerId(), p.mariaGarcia.id);
        QCOMPARE(w.page->customerTabs().size(), 2);
        w.page->openCustomer(p.maria.id);
        QCOMPARE(w.page->customerTabs().size(), 2);
        QCOMPARE(w.page->currentCustomerTab(), tab);
    }

    void phoneInAnotherFormatFindsTheSameCustomer_data() { Test::addBackendRows(); }
    void phoneInAnotherFormatFindsTheSameCustomer()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        for (const QString &typed : {QStringLiteral("+44 20 7946 0958"), QStringLiteral("020 7946 0958"),
                                     QStringLiteral("0044 (0)20-7946-0958"), QStringLiteral("02079460958")}) {
            QVERIFY(w.type(typed));
            QVERIFY2(w.matches()->model()->rowCount() >= 1, qPrintable(typed));
            QCOMPARE(w.matches()->model()->index(0, 0).data(CustomerMatchModel::IdRole).toString(), p.maria.id);
            QCOMPARE(w.matches()->model()->index(0, CustomerMatchModel::MatchedColumn).data().toString(),
                     QStringLiteral("Phone"));
        }
        // Exactly one match: Enter opens it.
        QTest::keyClick(w.search(), Qt::Key_Return);
        QVERIFY(w.page->currentCustomerTab());
        QCOMPARE(w.page->currentCustomerTab()->customerId(), p.maria.id);
    }

    void shortcutsCloseAndCycleTabsAndTabsComeBack_data() { Test::addBackendRows(); }
    void shortcutsCloseAndCycleTabsAndTabsComeBack()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        {
            Workspace w(f, AccountsFixture::agent());
            QVERIFY(QTest::qWaitForWindowActive(w.page.get()));
            QTabWidget *tabs = w.page->tabs();
            QCOMPARE(tabs->objectName(), QStringLiteral("customerTabs"));
            QCOMPARE(tabs->tabText(0), QStringLiteral("Find"));
            w.page->openCustomer(p.maria.id);
            w.page->openCustomer(p.konstantin.id);
            w.page->openCustomer(p.mariaGarcia.id);
            QCOMPARE(tabs->count(), 4);
            QCOMPARE(Accounts::AccountsSettings::openCustomerTabs(),
                     (QStringList{p.maria.id, p.konstantin.id, p.mariaGarcia.id}));
            QTRY_VERIFY(w.page->currentCustomerTab()->isLoaded());

            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
            QCOMPARE(tabs->currentIndex(), 0);   // wraps round to Find
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
            QCOMPARE(w.page->currentCustomerTab()->customerId(), p.maria.id);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
            QCOMPARE(tabs->currentIndex(), 0);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
            QCOMPARE(w.page->currentCustomerTab()->customerId(), p.mariaGarcia.id);

            QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
            QCOMPARE(tabs->count(), 3);
            QVERIFY(!w.page->customerTab(p.mariaGarcia.id));
            QCOMPARE(Accounts::AccountsSettings::openCustomerTabs(), (QStringList{p.maria.id, p.konstantin.id}));
            // Ctrl+W on Find closes nothing; Ctrl+F goes to Find from a customer.
            w.page->openCustomer(p.maria.id);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
            QCOMPARE(tabs->currentIndex(), 0);
            QVERIFY(w.search()->hasFocus());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
            QCOMPARE(tabs->count(), 3);
        }
        // The next start opens the same customers, on the Find tab.
        Workspace again(f, AccountsFixture::agent(), {}, Workspace::Tabs::Restored);
        QCOMPARE(again.page->tabs()->count(), 3);
        QCOMPARE(again.page->tabs()->currentIndex(), 0);
        QCOMPARE(again.page->customerTabs().at(0)->customerId(), p.maria.id);
        QCOMPARE(again.page->customerTabs().at(1)->customerId(), p.konstantin.id);
        QTRY_COMPARE(again.page->tabs()->tabText(2), QStringLiteral("Eleni Konstantinopoulos"));
        // Their sections load once a tab is first shown, not all at start-up.
        CustomerTab *restored = again.page->customerTabs().at(0);
        QVERIFY(!restored->section(QStringLiteral("accounts")));
        again.page->tabs()->setCurrentWidget(restored);
        QVERIFY(restored->section(QStringLiteral("accounts")));
        QTRY_COMPARE(stateOf(restored->section(QStringLiteral("accounts")))->state(), Ui::LoadState::State::Content);
    }

    void actionNeedingIdentityWaitsForVerification_data() { Test::addBackendRows(); }
    void actionNeedingIdentityWaitsForVerification()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        int triggered = 0;
        Workspace w(f, AccountsFixture::agent(), [&triggered](Ui::PageRegistry &registry) {
            Ui::CustomerAction move;
            move.id = QStringLiteral("test_move");
            move.text = [] { return QStringLiteral("&Move home"); };
            move.shortcut = QKeySequence(Qt::CTRL | Qt::Key_M);
            move.needsVerifiedIdentity = true;
            move.trigger = [&triggered](Ui::CustomerView &view) {
                ++triggered;
                view.noteActivity(QStringLiteral("Moved to 5 Low Road"));
            };
            registry.addCustomerAction(move);
        });
        QVERIFY(QTest::qWaitForWindowActive(w.page.get()));
        CustomerTab *tab = w.page->openCustomer(p.maria.id);
        QCOMPARE(tab->contactStartedAt(), QDateTime::fromSecsSinceEpoch(AccountsFixture::Now, QTimeZone::utc()));
        QPushButton *button = tab->actionButton(QStringLiteral("test_move"));
        QVERIFY(button);
        QCOMPARE(button->objectName(), QStringLiteral("customerAction_test_move"));
        QCOMPARE(button->text(), QStringLiteral("&Move home"));
        QVERIFY(button->isVisible());
        QVERIFY(!button->isEnabled());
        QCOMPARE(button->toolTip(), QStringLiteral("Verify the caller's identity first."));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(triggered, 0);

        QSignalSpy identity(tab, &Ui::CustomerView::identityChanged);
        tab->setIdentityVerification(QStringLiteral("date of birth, security answer"));
        QCOMPARE(identity.size(), 1);
        QVERIFY(tab->identityVerified());
        QVERIFY(button->isEnabled());
        QVERIFY(tab->header()->plainText().contains(
            QLatin1String("Identity verified: date of birth, security answer")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(triggered, 1);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(triggered, 2);
        QCOMPARE(tab->activities().size(), 2);

        // After the wrap-up a new contact starts unverified, with a fresh clock and no activities.
        f.clock.advance(600);
        tab->startNewContact();
        QCOMPARE(identity.size(), 2);
        QVERIFY(!tab->identityVerified());
        QVERIFY(!button->isEnabled());
        QVERIFY(tab->activities().isEmpty());
        QCOMPARE(tab->contactStartedAt(), QDateTime::fromSecsSinceEpoch(AccountsFixture::Now + 600, QTimeZone::utc()));
        QVERIFY(tab->header()->plainText().contains(QLatin1String("Identity not verified")));
    }

    void sectionsAppearInOrderAndFillIn_data() { Test::addBackendRows(); }
    void sectionsAppearInOrderAndFillIn()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        CustomerTab *tab = w.page->openCustomer(p.maria.id);
        QCOMPARE(tab->subTabs()->tabText(0), QStringLiteral("Overview"));
        QStringList titles;
        for (auto *frame : tab->subTabs()->widget(0)->findChildren<QGroupBox *>())
            titles << frame->title();
        QCOMPARE(titles, (QStringList{QStringLiteral("Accounts"), QStringLiteral("Premises and meters"),
                                      QStringLiteral("Appliances"), QStringLiteral("Change history"),
                                      QStringLiteral("Contact history")}));
        for (const char *id : {"accounts", "premises_meters", "appliances", "contact_history"})
            QTRY_VERIFY2(stateOf(tab->section(QString::fromLatin1(id)))->state() != Ui::LoadState::State::Loading, id);

        auto *accounts = tab->section(QStringLiteral("accounts"))->findChild<Ui::TableView *>();
        QCOMPARE(stateOf(tab->section(QStringLiteral("accounts")))->state(), Ui::LoadState::State::Content);
        QCOMPARE(accounts->model()->rowCount(), 1);
        QCOMPARE(accounts->model()->index(0, 0).data().toString(), p.account.accountNumber);
        QCOMPARE(accounts->model()->index(0, 1).data().toString(), QStringLiteral("Active"));
        QCOMPARE(accounts->model()->index(0, 2).data().toString(), QStringLiteral("Postpaid"));
        QCOMPARE(accounts->model()->index(0, 3).data().toString(), QStringLiteral("GB (GBP)"));
        QCOMPARE(accounts->model()->index(0, 4).data().toString(), QLocale().toString(QDate(2023, 4, 1), QLocale::ShortFormat));
        for (int c = 0; c < accounts->model()->columnCount(); ++c)
            QVERIFY(!accounts->model()->headerData(c, Qt::Horizontal).toString().contains(QLatin1String("Balance")));

        QCOMPARE(stateOf(tab->section(QStringLiteral("appliances")))->text(), QStringLiteral("No appliances recorded."));

        QGroupBox *premises = tab->section(QStringLiteral("premises_meters"));
        QCOMPARE(stateOf(premises)->state(), Ui::LoadState::State::Content);
        QCOMPARE(child<QLabel>(premises, "premiseAddress")->text(),
                 QStringLiteral("1 High Street, London SW1A 1AA (time zone Europe/London)"));
        QCOMPARE(child<QLabel>(premises, "meterSerial")->text(), QStringLiteral("E17UK0001"));
        // The clock stands at 15 June, but the meter's last reading is from 10 June: the 30 local
        // days to then, dated, rather than days of nothing up to yesterday. 9 days of 12 kWh.
        QCOMPARE(child<QLabel>(premises, "usageLabel")->text(),
                 QStringLiteral("%1 kWh in the 30 days to %2 · 21 days without readings")
                     .arg(QLocale().toString(108.0, 'f', 1), QLocale().toString(QDate(2024, 6, 10), QLocale::ShortFormat)));
        auto *spark = child<Metering::SparklineWidget>(premises, "usageSparkline");
        QCOMPARE(spark->series().dayCount(), 30);
        QCOMPARE(spark->series().runs().size(), 2);   // 1-4 June and 6-10 June, not joined across the 5th
        QVERIFY(spark->toolTip().contains(QLatin1String("E17UK0001")));
    }

    void contactHistoryListsALoggedContact_data() { Test::addBackendRows(); }
    void contactHistoryListsALoggedContact()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        CustomerTab *tab = w.page->openCustomer(p.maria.id);
        Ui::LoadState *history = stateOf(tab->section(QStringLiteral("contact_history")));
        QTRY_COMPARE(history->state(), Ui::LoadState::State::Empty);
        QCOMPARE(history->text(), QStringLiteral("No contacts yet."));

        // Logged elsewhere (the wrap-up, another agent): the open tab hears of it and reloads.
        QSignalSpy refreshed(tab, &Ui::CustomerView::refreshed);
        Accounts::Interaction call;
        call.customerId = p.maria.id;
        call.reason = QStringLiteral("Bill query");
        call.reasonCode = QStringLiteral("bill");
        call.wrapUpCode = QStringLiteral("resolved");
        call.summary = QStringLiteral("Explained the estimated reading");
        f.interactions().log(AccountsFixture::agent(), call);
        QTRY_COMPARE(refreshed.size(), 1);
        QTRY_COMPARE(history->state(), Ui::LoadState::State::Content);
        const auto *model = history->findChild<Ui::TableView *>()->model();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data().toString(),
                 QLocale().toString(QDateTime::fromSecsSinceEpoch(AccountsFixture::Now).toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("Phone"));
        QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("Inbound"));
        QCOMPARE(model->index(0, 3).data().toString(), QStringLiteral("Bill query"));
        QCOMPARE(model->index(0, 4).data().toString(), QStringLiteral("Explained the estimated reading"));
        QCOMPARE(model->index(0, 5).data().toString(), QStringLiteral("alice"));

        // A change to the customer reloads the header.
        Accounts::Customer changed = f.customers().get(AccountsFixture::agent(), p.maria.id);
        changed.fullName = QStringLiteral("Maria Lopez-Smith");
        f.customers().update(AccountsFixture::agent(), changed);
        QTRY_COMPARE(tab->customerName(), QStringLiteral("Maria Lopez-Smith"));
        QTRY_COMPARE(w.page->tabs()->tabText(w.page->tabs()->indexOf(tab)), QStringLiteral("Maria Lopez-Smith"));
    }

    void agentAndBusinessUserSeeDifferentActions_data() { Test::addBackendRows(); }
    void agentAndBusinessUserSeeDifferentActions()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        const auto addEdit = [](Ui::PageRegistry &registry) {
            Ui::CustomerAction edit;
            edit.id = QStringLiteral("test_edit");
            edit.text = [] { return QStringLiteral("&Edit profile"); };
            edit.permission = Core::Permission::EditCustomers;
            edit.trigger = [](Ui::CustomerView &view) { view.showMessage(QStringLiteral("editing")); };
            registry.addCustomerAction(edit);
        };
        {
            Workspace agent(f, AccountsFixture::agent(), addEdit);
            CustomerTab *tab = agent.page->openCustomer(p.maria.id);
            QPushButton *edit = tab->actionButton(QStringLiteral("test_edit"));
            QVERIFY(edit && edit->isEnabled());
            QTest::mouseClick(edit, Qt::LeftButton);
            QCOMPARE(tab->messageBar()->text(), QStringLiteral("editing"));
            QVERIFY(child<QWidget>(tab, "customerActionBar")->isVisible());
        }
        Workspace business(f, AccountsFixture::businessUser(), addEdit);
        CustomerTab *tab = business.page->openCustomer(p.maria.id);
        QVERIFY(!tab->actionButton(QStringLiteral("test_edit")));
        // Of the registered actions only reading the profile is left for them.
        QStringList shown;
        for (auto *button : child<QWidget>(tab, "customerActionBar")->findChildren<QPushButton *>())
            shown << button->objectName();
        QCOMPARE(shown, QStringList{QStringLiteral("customerAction_view_profile")});
        // Reading is the same for both.
        QTRY_VERIFY(tab->isLoaded());
        QVERIFY(tab->header()->plainText().contains(p.account.accountNumber));
    }

    void subPagesAndSidePanelsOpenOnce_data() { Test::addBackendRows(); }
    void subPagesAndSidePanelsOpenOnce()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = fill(f);
        Workspace w(f, AccountsFixture::agent());
        CustomerTab *tab = w.page->openCustomer(p.maria.id);
        auto *bills = new QLabel(QStringLiteral("bills"));
        QCOMPARE(tab->openSubPage(QStringLiteral("bills"), QStringLiteral("Bills"), bills), bills);
        QPointer<QLabel> again = new QLabel(QStringLiteral("again"));
        QCOMPARE(tab->openSubPage(QStringLiteral("bills"), QStringLiteral("Bills"), again), bills);
        QVERIFY(!again);
        QCOMPARE(tab->subTabs()->count(), 2);
        QCOMPARE(tab->subTabs()->currentWidget(), bills);
        tab->closeSubPage(QStringLiteral("bills"));
        QCOMPARE(tab->subTabs()->count(), 1);

        auto *sidePanels = child<QTabWidget>(tab, "customerSidePanels");
        QVERIFY(!sidePanels->isVisible());
        auto *wrapUp = new QLabel(QStringLiteral("wrap-up"));
        tab->openSidePanel(QStringLiteral("wrap_up"), QStringLiteral("Wrap-up"), wrapUp);
        QVERIFY(sidePanels->isVisible());
        // Beside the record, which stays on screen.
        QVERIFY(tab->subTabs()->isVisible());
        QCOMPARE(sidePanels->tabText(0), QStringLiteral("Wrap-up"));
        tab->closeSidePanel(QStringLiteral("wrap_up"));
        QVERIFY(!sidePanels->isVisible());

        tab->showMessage(QStringLiteral("Could not save"), true);
        QCOMPARE(tab->messageBar()->type(), Ui::MessageBar::Type::Error);
        QVERIFY(tab->messageBar()->isVisible());
    }
};

QTEST_MAIN(TestCustomerWorkspace)
#include "tst_customerworkspace.moc"
