// The customer page's Balance section on both databases, offscreen: the balance marked below
// zero by word, icon and the style's critical colour; the account events with Acknowledge; the
// inline top-up form checking its fields, showing a blocked card's reason with the values kept,
// and on success the new balance itself; the payment button of a postpaid account disabled for
// a role that may not take payments; the empty state of a customer without accounts.

#include "ledgerfixture.h"

#include <fakecustomerview.h>

#include <accounts/ui/identitypanel.h>
#include <billing/ui/balancesection.h>
#include <billing/ui/ledgerform.h>
#include <core/money.h>
#include <core/ui/customerview.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Ud;
using namespace Ud::Billing;
using Accounts::PaymentType;

namespace {

using TestCustomerView = Test::FakeCustomerView;

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QString fieldMessages(QWidget *parent)
{
    QStringList shown;
    for (auto *m : parent->findChildren<Ui::FieldMessage *>()) {
        if (!m->message().isEmpty())
            shown << m->message();
    }
    return shown.join(QLatin1Char('|'));
}

QString money(qint64 minor, const char *currency)
{
    return Core::Money(minor, QString::fromLatin1(currency)).toString(QLocale());
}

} // namespace

class TestBalanceSection : public QObject
{
    Q_OBJECT

private slots:
    void prepaidBalanceEventsAndTopUp_data() { Test::addBackendRows(); }
    void prepaidBalanceEventsAndTopUp()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Greta Gui"), QStringLiteral("ES"), PaymentType::Prepaid);
        f.ledger().adjust(f.supervisor(), a.accountNumber, QStringLiteral("-1.37"), QStringLiteral("Estimated use"));
        f.ledger().blockCard(f.agent(), QStringLiteral("tok_gui_blocked"), QStringLiteral("Chargeback on an earlier top-up"));

        TestCustomerView view(f.customerId);
        auto *section = new BalanceSection(f.ledger(), t.db(), f.agent(), view);
        view.layout()->addWidget(section);
        view.show();
        QSignalSpy loaded(section, &BalanceSection::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(section->loadState()->state(), Ui::LoadState::State::Content);

        auto *amount = child<QLabel>(section, "balanceAmount");
        QCOMPARE(amount->text(), money(-137, "EUR"));
        QCOMPARE(child<QLabel>(section, "balanceState")->text(), QStringLiteral("below zero"));
        // Marked by colour as well, taken from the style rather than the plain text colour.
        QVERIFY(amount->palette().color(QPalette::WindowText) != section->palette().color(QPalette::WindowText));
        // Saturday 15 June: no disconnection at weekends, from Monday 10:00 in Madrid.
        QCOMPARE(child<QLabel>(section, "balanceDisconnection")->text(),
                 QStringLiteral("not now (supply is not disconnected at weekends); from %1 local time")
                     .arg(QLocale().toString(QDateTime(QDate(2024, 6, 17), QTime(10, 0), QTimeZone("Europe/Madrid")),
                                             QLocale::ShortFormat)));
        QCOMPARE(child<QTableWidget>(section, "balanceEntries")->rowCount(), 1);
        QCOMPARE(child<QTableWidget>(section, "balanceEntries")->item(0, 2)->text(), money(-137, "EUR"));
        QCOMPARE(child<QTableWidget>(section, "balanceEntries")->item(0, 2)->textAlignment(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        // The adjustment crossed the thresholds: one event for "below zero".
        QCOMPARE(child<QLabel>(section, "accountEventText")->text().contains(
                     QStringLiteral("Balance of %1 fell below %2 (now %3).").arg(a.accountNumber, money(0, "EUR"), money(-137, "EUR"))),
                 true);

        // Top up: the form opens inline with the focus in the amount.
        child<QPushButton>(section, "topUpButton")->click();
        LedgerForm *form = section->form(a.id);
        QVERIFY(form);
        QCOMPARE(QApplication::focusWidget(), form->amountEdit());
        QVERIFY(!child<QPushButton>(section, "topUpButton")->isEnabled());
        form->submit();   // nothing typed
        QCOMPARE(fieldMessages(form), QStringLiteral("Enter the amount, such as %1.|Enter the payment provider's token of the "
                                                     "customer's card.").arg(money(2000, "EUR")));
        QCOMPARE(QApplication::focusWidget(), form->amountEdit());
        form->amountEdit()->setText(QStringLiteral("20"));
        form->secretEdit()->setText(QStringLiteral("tok_gui_blocked"));
        QSignalSpy finished(form, &LedgerForm::finished);
        form->submit();
        QVERIFY(finished.wait(10000));
        QCOMPARE(form->messageBar()->text(), QStringLiteral("The card is blocked (Chargeback on an earlier top-up); nothing was "
                                                            "taken. Ask the customer for another card."));
        QCOMPARE(form->amountEdit()->text(), QStringLiteral("20"));   // kept
        QCOMPARE(f.count(QStringLiteral("ledger_entries")), qint64(1));

        form->secretEdit()->setText(QStringLiteral("tok_gui_good"));
        loaded.clear();
        form->submit();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(child<QLabel>(section, "balanceAmount")->text(), money(1863, "EUR"));
        QVERIFY(section->findChildren<QLabel *>(QStringLiteral("balanceState")).isEmpty());
        QCOMPARE(view.activities(), QStringList{QStringLiteral("Topped up %1 by card").arg(money(2000, "EUR"))});
        QVERIFY(!section->form(a.id));
        QCOMPARE(QApplication::focusWidget(), child<QPushButton>(section, "topUpButton"));

        // Acknowledge takes the event off the list.
        loaded.clear();
        child<QPushButton>(section, "acknowledgeEvent")->click();
        QVERIFY(loaded.wait(10000));
        QVERIFY(section->findChild<QLabel *>(QStringLiteral("accountEventsEmpty")));
        QCOMPARE(f.ledger().events(f.agent(), f.customerId, true).at(0).acknowledgedBy, QStringLiteral("alice"));
    }

    void postpaidAndEmpty_data() { Test::addBackendRows(); }
    void identityPanelAsksTheLastPayment_data() { Test::addBackendRows(); }
    void identityPanelAsksTheLastPayment();

    void postpaidAndEmpty()
    {
        UD_TEST_DATABASE(t);
        Test::LedgerFixture f(t.db());
        const auto a = f.openAccount(QStringLiteral("Otto Owes"), QStringLiteral("GB"), PaymentType::Postpaid);
        f.ledger().postBill(a.id, QStringLiteral("b1"), 4200, QDate(2024, 4, 1), QDate(2024, 4, 15));
        {
            TestCustomerView view(f.customerId);
            auto *section = new BalanceSection(f.ledger(), t.db(), f.businessUser(), view);
            view.layout()->addWidget(section);
            QSignalSpy loaded(section, &BalanceSection::loaded);
            QVERIFY(loaded.wait(10000));
            auto *aged = child<QTableWidget>(section, "agedDebt");
            QCOMPARE(aged->item(0, 3)->text(), money(4200, "GBP"));   // 61 days past due on 15 June
            QCOMPARE(aged->item(0, 5)->text(), money(4200, "GBP"));
            QCOMPARE(child<QLabel>(section, "balanceState")->text(), QStringLiteral("owed"));
            auto *pay = child<QPushButton>(section, "recordPaymentButton");
            QVERIFY(!pay->isEnabled());
            QCOMPARE(pay->toolTip(), QStringLiteral("Your role may not take payments or top-ups."));
        }
        {
            TestCustomerView view(f.customerId);
            auto *section = new BalanceSection(f.ledger(), t.db(), f.agent(), view);
            view.layout()->addWidget(section);
            QSignalSpy loaded(section, &BalanceSection::loaded);
            QVERIFY(loaded.wait(10000));
            section->openForm(a.id);
            LedgerForm *form = section->form(a.id);
            QCOMPARE(form->mode(), LedgerForm::Mode::Payment);
            form->amountEdit()->setText(QStringLiteral("42"));
            form->methodCombo()->setCurrentIndex(form->methodCombo()->findData(QStringLiteral("cash")));
            form->referenceEdit()->setText(QStringLiteral("Counter 3"));
            loaded.clear();
            form->submit();
            QVERIFY(loaded.wait(10000));
            QCOMPARE(child<QLabel>(section, "balanceAmount")->text(), money(0, "GBP"));
            QCOMPARE(child<QTableWidget>(section, "balanceEntries")->item(0, 1)->text(), QStringLiteral("Payment (Cash)"));
        }

        Accounts::Customer nobody;
        nobody.fullName = QStringLiteral("No Accounts");
        nobody = f.customers().create(f.agent(), nobody);
        TestCustomerView view(nobody.id);
        auto *section = new BalanceSection(f.ledger(), t.db(), f.agent(), view);
        view.layout()->addWidget(section);
        QSignalSpy loaded(section, &BalanceSection::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(section->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(section->loadState()->text(), QStringLiteral("No accounts yet, so no balance."));
    }
};

// Kept here, not in tests/accounts, because the factor is billing's.
void TestBalanceSection::identityPanelAsksTheLastPayment()
{
    UD_TEST_DATABASE(t);
    Test::LedgerFixture f(t.db());
    const auto a = f.openAccount(QStringLiteral("Ivo Identity"), QStringLiteral("GB"), PaymentType::Postpaid);
    f.ledger().recordPayment(f.agent(), a.accountNumber, QStringLiteral("42.50"), QStringLiteral("cash"), QString());

    TestCustomerView view(f.customerId);
    view.show();
    auto *panel = new Accounts::IdentityPanel(f.module.identity(), t.db(), f.agent(), view);
    view.layout()->addWidget(panel);
    QSignalSpy loaded(panel, &Accounts::IdentityPanel::loaded);
    QVERIFY(loaded.wait(10000));
    QLineEdit *amount = panel->factorEdit(QStringLiteral("last_payment"));
    QVERIFY(amount);
    QCOMPARE(QApplication::focusWidget(), amount);   // nothing else on record to ask first
    QString labelText;
    for (const QLabel *label : panel->findChildren<QLabel *>()) {
        if (label->buddy() == amount)
            labelText = label->text();
    }
    QCOMPARE(labelText, QStringLiteral("Last payment amount:"));

    QSignalSpy finished(panel, &Accounts::IdentityPanel::checkFinished);
    amount->setText(QStringLiteral("40"));
    panel->verify();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.takeFirst().first().toBool(), false);
    QCOMPARE(panel->factorText(QStringLiteral("last_payment")), QString::fromUtf8("✗ Does not match"));
    QCOMPARE(amount->text(), QString());   // never left on screen

    amount->setText(QStringLiteral("42.50"));
    QTest::keyClick(amount, Qt::Key_Return);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.takeFirst().first().toBool(), true);
    QCOMPARE(panel->factorText(QStringLiteral("last_payment")), QString::fromUtf8("✓ Matches"));
}

QTEST_MAIN(TestBalanceSection)
#include "tst_balancesection.moc"
