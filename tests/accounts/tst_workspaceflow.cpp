// One call, end to end, as an agent takes it at the keyboard: find the caller, open them,
// verify who they are, change their email, wrap the contact up. Then the same customer as a
// business user sees it. The page is the application's: the accounts and metering modules
// fill the registry, every service call runs in the background as in the application.

#include "accountsfixture.h"

#include <accounts/customermatchmodel.h>
#include <accounts/identityservice.h>
#include <accounts/ui/accountsuimodule.h>
#include <accounts/ui/customerfinder.h>
#include <accounts/ui/customerheader.h>
#include <accounts/ui/customerhistorysection.h>
#include <accounts/ui/customerprofileeditor.h>
#include <accounts/ui/customerspage.h>
#include <accounts/ui/customertab.h>
#include <accounts/ui/identitypanel.h>
#include <accounts/ui/wrapuppanel.h>
#include <core/sqlquery.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/pageregistry.h>
#include <core/ui/tableview.h>
#include <metering/ui/meteringuimodule.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Ud;
using Accounts::CustomerMatchModel;
using Accounts::CustomerTab;
using Test::AccountsFixture;

namespace {

constexpr int Patience = 10000;   // ms: background work on a busy machine

template<typename T>
T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

/// The customers page as the application builds it for one signed-in user.
struct Workspace {
    Workspace(AccountsFixture &f, const Core::UserContext &user) : accountsUi(f.module), meteringUi(f.context, jobs, {})
    {
        accountsUi.initialize(registry, user);
        meteringUi.initialize(registry, user);
        page = std::make_unique<Accounts::CustomersPage>(f.module, user, &registry);
        page->resize(1024, 768);
        page->show();
    }
    // What is still loading uses the services: let it finish before the database goes.
    ~Workspace()
    {
        page.reset();
        QThreadPool::globalInstance()->waitForDone();
    }

    Ui::PageRegistry registry;
    Ui::JobTracker jobs;
    Accounts::AccountsUiModule accountsUi;
    Metering::MeteringUiModule meteringUi;
    std::unique_ptr<Accounts::CustomersPage> page;
};

QWidget *focused()
{
    return QApplication::focusWidget();
}

// Ctrl+<key> to whatever has the keyboard focus, as the agent presses it.
void ctrl(Qt::Key key)
{
    QWidget *target = focused();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key, Qt::ControlModifier);
}

Ui::LoadState *stateOf(QGroupBox *section)
{
    return section ? section->findChild<Ui::LoadState *>() : nullptr;
}

struct Caller {
    Accounts::Customer customer;
    QDate dateOfBirth{1975, 3, 14};
    QString answer = QStringLiteral("St Mary's");
};

Caller fill(AccountsFixture &f)
{
    const auto agent = AccountsFixture::agent();
    Caller caller;
    Accounts::Customer c;
    c.fullName = QStringLiteral("María Fernández");
    c.email = QStringLiteral("maria.f@example.com");
    c.phone = QStringLiteral("020 7946 0123");
    c.dateOfBirth = caller.dateOfBirth;
    c.nationalId = Accounts::SensitiveValue::entered(QStringLiteral("QQ 12 34 56 C"));
    caller.customer = f.customers().create(agent, c, QStringLiteral("GB"));
    f.module.identity().setSecurityAnswer(agent, caller.customer.id, QStringLiteral("Name of your first school?"),
                                          caller.answer);
    c = {};
    c.fullName = QStringLiteral("María Fernández Ortega");
    f.customers().create(agent, c);
    c = {};
    c.fullName = QStringLiteral("Pedro Ortega");
    f.customers().create(agent, c);
    return caller;
}

} // namespace

class TestWorkspaceFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Dates are typed in this locale's short form.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    void init() { QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")).clear(); }

    void agentTakesACallAtTheKeyboard_data() { Test::addBackendRows(); }
    void agentTakesACallAtTheKeyboard()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Caller caller = fill(f);
        const QString id = caller.customer.id;
        // The wrap-up times the call by the wall clock from when the tab opened (by the
        // services' clock): both agree, the call began 90 seconds ago.
        const qint64 callStarted = QDateTime::currentSecsSinceEpoch() - 90;
        f.clock.set(callStarted);

        Workspace w(f, AccountsFixture::agent());
        QVERIFY(QTest::qWaitForWindowActive(w.page.get()));

        // The caller gives their name the other way round; the agent types it without accents.
        // Ctrl+F: find a customer.
        auto *search = child<QLineEdit>(w.page.get(), "customerSearch");
        ctrl(Qt::Key_F);
        QCOMPARE(focused(), search);
        QTest::keyClicks(search, QStringLiteral("fernandez maria"));
        auto *matches = child<Ui::TableView>(w.page.get(), "customerMatchTable");
        QTRY_VERIFY_WITH_TIMEOUT(!w.page->finder()->isSearching() && matches->model()->rowCount() == 2, Patience);
        QCOMPARE(matches->model()->index(0, CustomerMatchModel::NameColumn).data().toString(),
                 QStringLiteral("María Fernández"));
        QCOMPARE(matches->model()->index(1, CustomerMatchModel::NameColumn).data().toString(),
                 QStringLiteral("María Fernández Ortega"));
        QCOMPARE(matches->model()->index(0, CustomerMatchModel::MatchedColumn).data().toString(), QStringLiteral("Name"));

        // Down picks the best match, Enter opens it in its own tab.
        QTest::keyClick(search, Qt::Key_Down);
        QTest::keyClick(search, Qt::Key_Return);
        CustomerTab *tab = w.page->currentCustomerTab();
        QVERIFY(tab);
        QCOMPARE(tab->customerId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLoaded(), Patience);
        QVERIFY(tab->header()->plainText().contains(QStringLiteral("María Fernández")));
        QVERIFY(tab->header()->plainText().contains(QLatin1String("Identity not verified")));
        QCOMPARE(w.page->tabs()->tabText(w.page->tabs()->currentIndex()), QStringLiteral("María Fernández"));

        // Nothing is changed for an unverified caller: Edit profile waits, and so does Ctrl+E.
        QPushButton *edit = tab->actionButton(QStringLiteral("edit_profile"));
        QVERIFY(edit);
        QVERIFY(edit->isVisible());
        QVERIFY(!edit->isEnabled());
        QCOMPARE(edit->toolTip(), QStringLiteral("Verify the caller's identity first."));
        ctrl(Qt::Key_E);
        QCOMPARE(tab->subTabs()->count(), 1);

        // Ctrl+K: the identity panel beside the record, the date of birth field ready for typing.
        ctrl(Qt::Key_K);
        auto *identity = tab->findChild<Accounts::IdentityPanel *>(QStringLiteral("identityPanel"));
        QVERIFY(identity);
        QVERIFY(identity->isVisible());
        QVERIFY(tab->subTabs()->isVisible());
        auto *date = child<QDateEdit>(identity, "identityDateOfBirth");
        auto *answer = child<QLineEdit>(identity, "identitySecurityAnswer");
        QTRY_COMPARE_WITH_TIMEOUT(focused(), date, Patience);
        QCOMPARE(child<QLabel>(identity, "identitySecurityQuestion")->text(), QStringLiteral("Name of your first school?"));
        QCOMPARE(date->text(), QStringLiteral("Not asked"));
        // Typed over "Not asked" as the caller says it, day first in this locale.
        QTest::keyClicks(date, QStringLiteral("14031975"));
        QCOMPARE(date->date(), caller.dateOfBirth);
        QTest::keyClick(date, Qt::Key_Tab);
        QCOMPARE(focused(), answer);
        QTest::keyClicks(answer, QStringLiteral("st marys"));
        QTest::keyClick(answer, Qt::Key_Return);
        // Loosely typed, the answer still differs ("marys" for "mary's"): not verified, and said so.
        QTRY_COMPARE_WITH_TIMEOUT(identity->factorText(QStringLiteral("security_answer")),
                                  QStringLiteral("✗ Does not match"), Patience);
        QVERIFY(!tab->identityVerified());
        QVERIFY(!edit->isEnabled());
        // The answer field keeps the keyboard focus, emptied for another try.
        QCOMPARE(focused(), answer);
        QCOMPARE(answer->text(), QString());
        QTest::keyClicks(answer, QStringLiteral("ST MARY'S"));
        QTest::keyClick(answer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(tab->identityVerified(), Patience);
        QVERIFY2(tab->header()->plainText().contains(
                     QLatin1String("Identity verified: date of birth, security answer")),
                 qPrintable(tab->header()->plainText()));
        QVERIFY(edit->isEnabled());
        QCOMPARE(answer->text(), QString());

        // Ctrl+E now opens the profile as a sub-tab of the customer.
        QCOMPARE(focused(), answer);
        ctrl(Qt::Key_E);
        auto *editor = qobject_cast<Accounts::CustomerProfileEditor *>(tab->subTabs()->currentWidget());
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), Patience);
        auto *email = child<QLineEdit>(editor, "profileEmail");
        QCOMPARE(email->text(), QStringLiteral("maria.f@example.com"));
        // Alt+E, the label's mnemonic, goes to the email field.
        QTest::keyClick(focused(), Qt::Key_E, Qt::AltModifier);
        QCOMPARE(focused(), email);
        QTest::keyClick(email, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(email, QStringLiteral("maria.fernandez@example.org"));
        ctrl(Qt::Key_S);
        QTRY_COMPARE_WITH_TIMEOUT(f.customers().get(AccountsFixture::agent(), id).email,
                                  QStringLiteral("maria.fernandez@example.org"), Patience);
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isBusy(), Patience);
        QCOMPARE(email->text(), QStringLiteral("maria.fernandez@example.org"));

        // The Change history on the overview names the field, before and after, and the agent.
        auto *history = qobject_cast<Accounts::CustomerHistorySection *>(
            child<QGroupBox>(tab, "customerSection_change_history")->findChild<Accounts::CustomerHistorySection *>());
        QVERIFY(history);
        const QString expectedChange =
            QStringLiteral("alice: Changed Email: maria.f@example.com → maria.fernandez@example.org");
        QTRY_VERIFY2_WITH_TIMEOUT(!history->lines().isEmpty() && history->lines().first().endsWith(expectedChange),
                                  qPrintable(history->lines().join(QLatin1Char('\n'))), Patience);
        // The header follows the stored customer.
        QTRY_VERIFY_WITH_TIMEOUT(tab->header()->plainText().contains(QLatin1String("maria.fernandez@example.org")), Patience);

        // Ctrl+L: the wrap-up, with what this contact did already in its summary.
        ctrl(Qt::Key_L);
        auto *wrapUp = tab->findChild<Accounts::WrapUpPanel *>(QStringLiteral("wrapUpPanel"));
        QVERIFY(wrapUp);
        auto *reason = child<QComboBox>(wrapUp, "wrapUpReason");
        auto *wrapUpCode = child<QComboBox>(wrapUp, "wrapUpCode");
        QTRY_COMPARE_WITH_TIMEOUT(focused(), reason, Patience);
        QCOMPARE(child<QLineEdit>(wrapUp, "wrapUpSummary")->text(),
                 QStringLiteral("Identity verified by date of birth, security answer; Profile changed: email"));
        QCOMPARE(child<QLabel>(wrapUp, "wrapUpIdentity")->text(),
                 QStringLiteral("Verified by date of birth, security answer"));
        // The record stays readable beside it.
        QVERIFY(tab->subTabs()->isVisible());
        // Codes are chosen by typing their first letters; Tab goes on to the next field.
        QTest::keyClicks(reason, QStringLiteral("Oth"));
        QCOMPARE(reason->currentData().toString(), QStringLiteral("other"));
        QTest::keyClick(reason, Qt::Key_Tab);
        QCOMPARE(focused(), wrapUpCode);
        QTest::keyClicks(wrapUpCode, QStringLiteral("Res"));
        QCOMPARE(wrapUpCode->currentData().toString(), QStringLiteral("resolved"));
        QSignalSpy logged(wrapUp, &Accounts::WrapUpPanel::logged);
        QTest::keyClick(wrapUpCode, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(logged.count(), 1, Patience);

        // The contact history on the overview lists it; the stored contact has the codes,
        // the call's length and how identity was verified.
        Ui::LoadState *contacts = stateOf(tab->section(QStringLiteral("contact_history")));
        QVERIFY(contacts);
        QTRY_COMPARE_WITH_TIMEOUT(contacts->state(), Ui::LoadState::State::Content, Patience);
        const auto *rows = contacts->findChild<Ui::TableView *>()->model();
        QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 1, Patience);
        QCOMPARE(rows->index(0, 3).data().toString(), QStringLiteral("Other"));
        QCOMPARE(rows->index(0, 4).data().toString(),
                 QStringLiteral("Identity verified by date of birth, security answer; Profile changed: email"));
        QCOMPARE(rows->index(0, 5).data().toString(), QStringLiteral("alice"));
        const QList<Accounts::Interaction> stored = f.interactions().ofCustomer(AccountsFixture::agent(), id);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().reasonCode, QStringLiteral("other"));
        QCOMPARE(stored.first().wrapUpCode, QStringLiteral("resolved"));
        QCOMPARE(stored.first().identityCheck, QStringLiteral("date of birth, security answer"));
        QCOMPARE(stored.first().channel, Accounts::InteractionChannel::Phone);
        QVERIFY2(stored.first().durationSeconds >= 90 && stored.first().durationSeconds < 90 + 60,
                 qPrintable(QString::number(stored.first().durationSeconds)));
        // The next contact starts unverified: Edit profile waits again.
        QTRY_VERIFY_WITH_TIMEOUT(!tab->findChild<Accounts::WrapUpPanel *>(), Patience);
        QVERIFY(!tab->identityVerified());
        QVERIFY(!edit->isEnabled());
        QVERIFY(tab->header()->plainText().contains(QLatin1String("Identity not verified")));
    }

    void businessUserReadsTheSameCustomer_data() { Test::addBackendRows(); }
    void businessUserReadsTheSameCustomer()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Caller caller = fill(f);
        Workspace w(f, AccountsFixture::businessUser());
        QVERIFY(QTest::qWaitForWindowActive(w.page.get()));
        auto *search = child<QLineEdit>(w.page.get(), "customerSearch");
        ctrl(Qt::Key_F);
        QTest::keyClicks(search, QStringLiteral("fernandez maria"));
        auto *matches = child<Ui::TableView>(w.page.get(), "customerMatchTable");
        QTRY_VERIFY_WITH_TIMEOUT(!w.page->finder()->isSearching() && matches->model()->rowCount() == 2, Patience);
        QTest::keyClick(search, Qt::Key_Down);
        QTest::keyClick(search, Qt::Key_Return);
        CustomerTab *tab = w.page->currentCustomerTab();
        QVERIFY(tab);
        QCOMPARE(tab->customerId(), caller.customer.id);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLoaded(), Patience);
        QVERIFY(tab->header()->plainText().contains(QStringLiteral("María Fernández")));

        // No Edit profile, no identity check or wrap-up (a business user takes no calls);
        // the profile opens read-only, without waiting for a verified caller.
        QVERIFY(!tab->actionButton(QStringLiteral("edit_profile")));
        QVERIFY(!tab->actionButton(QStringLiteral("verify_identity")));
        QVERIFY(!tab->actionButton(QStringLiteral("log_contact")));
        QPushButton *profile = tab->actionButton(QStringLiteral("view_profile"));
        QVERIFY(profile);
        QCOMPARE(profile->text(), QStringLiteral("&Profile"));
        QVERIFY(profile->isEnabled());
        ctrl(Qt::Key_E);
        auto *editor = qobject_cast<Accounts::CustomerProfileEditor *>(tab->subTabs()->currentWidget());
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), Patience);
        // The national id is on record and masked; it cannot be revealed or replaced.
        QCOMPARE(child<QLabel>(editor, "profileNationalId")->text(), QStringLiteral("••••"));
        QVERIFY(!child<QPushButton>(editor, "profileRevealNationalId")->isEnabled());
        QVERIFY(!child<QLineEdit>(editor, "profileNationalIdNew")->isVisible());
        QCOMPARE(child<QLabel>(editor, "profileSecurityAnswer")->text(), QStringLiteral("Recorded"));
        QVERIFY(child<QLineEdit>(editor, "profileEmail")->isReadOnly());
        QVERIFY(!child<QPushButton>(editor, "profileSave")->isEnabled());
        for (auto *label : editor->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(QLatin1String("QQ 12")), qPrintable(label->objectName()));
    }
};

QTEST_MAIN(TestWorkspaceFlow)
#include "tst_workspaceflow.moc"
