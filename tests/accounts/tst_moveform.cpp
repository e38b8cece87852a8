#include "accountsfixture.h"

#include <accounts/moveservice.h>
#include <accounts/registrationservice.h>
#include <accounts/ui/accountsuimodule.h>
#include <accounts/ui/moveform.h>
#include <core/ui/customerview.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace Ud;
using Accounts::AccountStatus;
using Accounts::MoveForm;
using Accounts::NewRegistration;
using Accounts::Registration;
using Test::AccountsFixture;

namespace {
/// A customer tab as the sub-page sees it: records what the form asks of it, and deletes a
/// closed sub-page as the real one does.
class FakeCustomerView : public Ui::CustomerView
{
public:
    FakeCustomerView(QString id, QString name) : m_id(std::move(id)), m_name(std::move(name)) {}

    QString customerId() const override { return m_id; }
    QString customerName() const override { return m_name; }
    QDateTime contactStartedAt() const override { return {}; }
    bool identityVerified() const override { return !m_how.isEmpty(); }
    QString identityVerification() const override { return m_how; }
    void setIdentityVerification(const QString &how) override { m_how = how; }
    void startNewContact() override { m_activities.clear(); }
    QWidget *openSubPage(const QString &id, const QString &title, QWidget *page) override
    {
        delete subPages.value(id);
        page->setParent(this);
        page->setWindowTitle(title);
        page->show();
        subPages.insert(id, page);
        return page;
    }
    void closeSubPage(const QString &id) override
    {
        closed << id;
        delete subPages.take(id);
    }
    QWidget *openSidePanel(const QString &, const QString &, QWidget *panel) override { return panel; }
    void closeSidePanel(const QString &) override {}
    void noteActivity(const QString &text) override { m_activities << text; }
    QStringList activities() const override { return m_activities; }
    void showMessage(const QString &text, bool) override { messages << text; }
    void refresh() override { ++refreshes; }

    QMap<QString, QPointer<QWidget>> subPages;
    QStringList closed;
    QStringList messages;
    int refreshes = 0;

private:
    QString m_id;
    QString m_name;
    QString m_how;
    QStringList m_activities;
};

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

Registration registerAt(AccountsFixture &f, const QString &name, const QString &line1, const QString &city,
                        const QString &postcode)
{
    NewRegistration r;
    r.customer.fullName = name;
    r.premise.addressLine1 = line1;
    r.premise.city = city;
    r.premise.postcode = postcode;
    r.marketCode = QStringLiteral("GB");
    r.startDate = QDate(2024, 6, 1);
    return f.module.registrations().registerCustomer(f.agent(), r);
}

/// The "Move home…" action as the customer page would trigger it, opening the form.
MoveForm *openMoveForm(AccountsFixture &f, FakeCustomerView &view)
{
    Ui::PageRegistry registry;
    Accounts::AccountsUiModule ui(f.module);
    ui.initialize(registry, AccountsFixture::agent());
    for (const Ui::CustomerAction &action : registry.customerActions()) {
        if (action.id != QLatin1String("move_home"))
            continue;
        if (action.text() != QStringLiteral("&Move home…") || !action.needsVerifiedIdentity
            || action.permission != Core::Permission::EditCustomers)
            qFatal("the move action is not registered as agreed");
        action.trigger(view);
    }
    auto *form = qobject_cast<MoveForm *>(view.subPages.value(MoveForm::pageId()).data());
    if (!form)
        qFatal("the move action opened no MoveForm");
    return form;
}
} // namespace

class TestMoveForm : public QObject
{
    Q_OBJECT

private slots:
    void moveToAnAddressOnRecord_data() { Test::addBackendRows(); }
    void moveToAnAddressOnRecord()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Registration alice = registerAt(f, QStringLiteral("Alice Walker"), QStringLiteral("10 Downing Street"),
                                              QStringLiteral("London"), QStringLiteral("SW1A 2AA"));
        const Registration bob = registerAt(f, QStringLiteral("Bob Stone"), QStringLiteral("1 Piccadilly"),
                                            QStringLiteral("Manchester"), QStringLiteral("M1 1AE"));
        f.module.moves().moveOut(f.agent(), bob.account.id, QDate(2024, 6, 10));

        FakeCustomerView view(alice.customer.id, alice.customer.fullName);
        view.show();
        MoveForm *form = openMoveForm(f, view);
        QTRY_VERIFY(form->isLoaded());
        auto *account = child<QComboBox>(form, "leavingAccount");
        QCOMPARE(account->count(), 1);
        QCOMPARE(account->currentText(), QStringLiteral("%1, 10 Downing Street, London SW1A 2AA").arg(alice.account.accountNumber));
        auto *finalDate = child<QDateEdit>(form, "finalReadingDate");
        QCOMPARE(finalDate->minimumDate(), QDate(2024, 6, 1));
        QCOMPARE(finalDate->maximumDate(), QDate(2024, 7, 15));
        finalDate->setDate(QDate(2024, 6, 20));
        child<QDateEdit>(form, "startDate")->setDate(QDate(2024, 6, 21));

        // Save without a destination: the search field is named, and gets the focus.
        auto *save = child<QPushButton>(form, "saveMove");
        QTest::mouseClick(save, Qt::LeftButton);
        auto *resultsMessage = child<Ui::FieldMessage>(form, "premiseResultsMessage");
        QVERIFY(resultsMessage->isVisible());
        QCOMPARE(resultsMessage->message(),
                 QStringLiteral("Choose the address the customer moves to: search for it by street, town or postcode, "
                                "or enter a new address."));
        auto *search = child<QLineEdit>(form, "premiseSearch");
        QCOMPARE(QApplication::focusWidget(), search);

        QTest::keyClicks(search, QStringLiteral("piccadilly"));
        auto *results = child<QListWidget>(form, "premiseResults");
        QTRY_COMPARE(results->count(), 1);
        QCOMPARE(results->item(0)->text(), QStringLiteral("1 Piccadilly, Manchester M1 1AE (vacant)"));
        results->setCurrentRow(0);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(view.closed, QStringList({MoveForm::pageId()}));
        QVERIFY(view.subPages.value(MoveForm::pageId()).isNull());
        QCOMPARE(view.refreshes, 1);
        QCOMPARE(view.activities().size(), 1);
        const auto accounts = f.accounts().accountsOfCustomer(f.agent(), alice.customer.id);
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(view.activities().first(),
                 QStringLiteral("Moved from 10 Downing Street, London SW1A 2AA to 1 Piccadilly, Manchester M1 1AE: final "
                                "reading %1, new account %2 from %3")
                     .arg(QLocale().toString(QDate(2024, 6, 20), QLocale::ShortFormat), accounts.at(1).accountNumber,
                          QLocale().toString(QDate(2024, 6, 21), QLocale::ShortFormat)));
        QCOMPARE(accounts.at(0).status, AccountStatus::Closed);
        QCOMPARE(accounts.at(0).finalReadingOn, QDate(2024, 6, 20));
        QCOMPARE(accounts.at(1).premiseId, bob.premise.id);
        QCOMPARE(accounts.at(1).openedOn, QDate(2024, 6, 21));
    }

    void occupiedAddressAndFailedSaveKeepTheForm_data() { Test::addBackendRows(); }
    void occupiedAddressAndFailedSaveKeepTheForm()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Registration alice = registerAt(f, QStringLiteral("Alice Walker"), QStringLiteral("10 Downing Street"),
                                              QStringLiteral("London"), QStringLiteral("SW1A 2AA"));
        const Registration bob = registerAt(f, QStringLiteral("Bob Stone"), QStringLiteral("2 Park Row"),
                                            QStringLiteral("Leeds"), QStringLiteral("LS1 5HD"));
        const Registration carol = registerAt(f, QStringLiteral("Carol King"), QStringLiteral("3 Park Row"),
                                              QStringLiteral("Leeds"), QStringLiteral("LS1 5HD"));
        f.module.moves().moveOut(f.agent(), carol.account.id, QDate(2024, 6, 10));

        FakeCustomerView view(alice.customer.id, alice.customer.fullName);
        view.show();
        MoveForm *form = openMoveForm(f, view);
        QTRY_VERIFY(form->isLoaded());
        auto *search = child<QLineEdit>(form, "premiseSearch");
        QTest::keyClicks(search, QStringLiteral("ls15hd"));
        auto *results = child<QListWidget>(form, "premiseResults");
        QTRY_COMPARE(results->count(), 2);
        QCOMPARE(results->item(0)->text(),
                 QStringLiteral("2 Park Row, Leeds LS1 5HD (supplied to account %1)").arg(bob.account.accountNumber));
        // Choosing the occupied address says so at once, naming the account, and Move is refused.
        results->setCurrentRow(0);
        auto *resultsMessage = child<Ui::FieldMessage>(form, "premiseResultsMessage");
        const QString occupied = QStringLiteral("2 Park Row, Leeds LS1 5HD is still supplied to account %1: that account "
                                                "must move out (with its final reading) before anyone moves in.")
                                     .arg(bob.account.accountNumber);
        QCOMPARE(resultsMessage->message(), occupied);
        QVERIFY(resultsMessage->isVisible());
        QTest::mouseClick(child<QPushButton>(form, "saveMove"), Qt::LeftButton);
        QCOMPARE(QApplication::focusWidget(), results);
        QCOMPARE(f.accounts().account(f.agent(), alice.account.id).status, AccountStatus::Active);

        // The vacant one is taken by someone else before the agent saves: the service refuses,
        // the message bar says why, and the form keeps everything.
        results->setCurrentRow(1);
        QCOMPARE(resultsMessage->message(), QString());
        f.module.moves().moveIn(f.agent(), bob.customer.id, carol.premise.id, QStringLiteral("GB"),
                                Accounts::PaymentType::Postpaid, QDate(2024, 6, 12));
        QTest::mouseClick(child<QPushButton>(form, "saveMove"), Qt::LeftButton);
        auto *messages = child<Ui::MessageBar>(form, "moveMessages");
        QTRY_VERIFY(messages->isVisible());
        QCOMPARE(messages->type(), Ui::MessageBar::Type::Error);
        QVERIFY(messages->text().startsWith(QLatin1String("The move was not saved: 3 Park Row, Leeds LS1 5HD is still supplied to account")));
        QVERIFY(view.closed.isEmpty());
        QCOMPARE(view.refreshes, 0);
        QCOMPARE(search->text(), QStringLiteral("ls15hd"));
        QCOMPARE(results->currentRow(), 1);
        QCOMPARE(f.accounts().account(f.agent(), alice.account.id).status, AccountStatus::Active);
    }

    void moveToANewAddress_data() { Test::addBackendRows(); }
    void moveToANewAddress()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Registration alice = registerAt(f, QStringLiteral("Alice Walker"), QStringLiteral("10 Downing Street"),
                                              QStringLiteral("London"), QStringLiteral("SW1A 2AA"));
        FakeCustomerView view(alice.customer.id, alice.customer.fullName);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        MoveForm *form = openMoveForm(f, view);
        QTRY_VERIFY(form->isLoaded());
        child<QRadioButton>(form, "destinationNew")->click();
        auto *market = child<QComboBox>(form, "moveMarket");
        QCOMPARE(market->currentData().toString(), QStringLiteral("GB"));
        market->setCurrentIndex(market->findData(QStringLiteral("DE")));
        auto *line1 = child<QLineEdit>(form, "moveAddressLine1");
        line1->setFocus();
        QTest::keyClicks(line1, QStringLiteral("Unter den Linden 1"));
        QTest::keyClick(line1, Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("moveCity"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Berlin"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1011"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        auto *postcodeMessage = child<Ui::FieldMessage>(form, "movePostcodeMessage");
        QVERIFY(postcodeMessage->isVisible());
        QCOMPARE(postcodeMessage->message(),
                 QStringLiteral("Postcode \"1011\" is not a German postcode: enter five digits, for example 10117."));
        QCOMPARE(child<QLineEdit>(form, "moveTimeZone")->text(), QStringLiteral("Europe/Berlin"));
        QTest::mouseClick(child<QPushButton>(form, "saveMove"), Qt::LeftButton);
        auto *postcode = child<QLineEdit>(form, "movePostcode");
        QCOMPARE(QApplication::focusWidget(), postcode);
        postcode->selectAll();
        QTest::keyClicks(postcode, QStringLiteral("10117"));
        QVERIFY(!postcodeMessage->isVisible());
        QTest::mouseClick(child<QPushButton>(form, "saveMove"), Qt::LeftButton);
        QTRY_COMPARE(view.closed.size(), 1);
        const auto premises = f.accounts().premisesOfCustomer(f.agent(), alice.customer.id);
        QCOMPARE(premises.size(), 2);
        QVERIFY(std::any_of(premises.cbegin(), premises.cend(), [](const Accounts::Premise &p) {
            return p.singleLineAddress() == QStringLiteral("Unter den Linden 1, Berlin 10117") && p.country == QStringLiteral("DE")
                   && p.timeZone == QStringLiteral("Europe/Berlin");
        }));
        const auto accounts = f.accounts().accountsOfCustomer(f.agent(), alice.customer.id);
        QCOMPARE(accounts.at(1).marketCode, QStringLiteral("DE"));
    }
};

QTEST_MAIN(TestMoveForm)
#include "tst_moveform.moc"
