#include "accountsfixture.h"

#include <accounts/identityservice.h>
#include <accounts/registrationservice.h>
#include <accounts/ui/registrationwizard.h>
#include <core/sqlquery.h>
#include <core/ui/messagebar.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QThreadPool>
#include <QTest>

using namespace Ud;
using Accounts::NewRegistration;
using Accounts::RegistrationWizard;
using Test::AccountsFixture;

namespace {
template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

QString fieldMessage(QWidget *wizard, const char *field)
{
    auto *message = child<Ui::FieldMessage>(wizard, QString::fromLatin1(field) + QStringLiteral("Message"));
    return message->isVisible() ? message->message() : QString();
}

// Types into the field that has the focus, which must be `expected`: the test walks the form
// the way an agent does, by keyboard.
void typeInto(QWidget *wizard, const char *expected, const QString &text)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus && focus->objectName() == QLatin1String(expected),
             qPrintable(QStringLiteral("focus is on %1, not %2")
                            .arg(focus ? focus->objectName() : QStringLiteral("nothing"), QLatin1String(expected))));
    QTest::keyClicks(focus, text);
    Q_UNUSED(wizard);
}

void tab(QWidget *wizard, int times = 1)
{
    for (int i = 0; i < times; ++i)
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : wizard, Qt::Key_Tab);
}

// A button's mnemonic clicks it the way Qt does, animated: the click lands once the button
// comes up again.
void alt(QWidget *wizard, Qt::Key key)
{
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : wizard, key, Qt::AltModifier);
    const bool released = QTest::qWaitFor([wizard] {
        for (QPushButton *button : wizard->findChildren<QPushButton *>()) {
            if (button->isDown())
                return false;
        }
        return true;
    });
    QVERIFY(released);
}

struct Shown {
    explicit Shown(AccountsFixture &f) : wizard(f.module, AccountsFixture::agent())
    {
        wizard.resize(900, 700);
        wizard.show();
        wizard.activateWindow();
        if (!QTest::qWaitForWindowActive(&wizard))
            qWarning("wizard window did not become active");
    }
    RegistrationWizard wizard;
};
} // namespace

class TestRegistrationWizard : public QObject
{
    Q_OBJECT

private slots:
    void registerByKeyboard_data() { Test::addBackendRows(); }
    void registerByKeyboard()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Shown s(f);
        RegistrationWizard *w = &s.wizard;
        auto *market = child<QComboBox>(w, QStringLiteral("market"));
        QTRY_COMPARE(market->count(), 4);
        QCOMPARE(child<QLabel>(w, QStringLiteral("registrationStep"))->text(), QStringLiteral("Step 1 of 4: Customer"));

        typeInto(w, "fullName", QStringLiteral("Alice Walker"));
        tab(w, 3);
        typeInto(w, "phone", QStringLiteral("0207"));
        tab(w);
        // Left the field: the problem shows beside it, in the words of the service.
        QCOMPARE(fieldMessage(w, "phone"),
                 QStringLiteral("Phone number \"0207\" is not a valid number in the United Kingdom: check the digits, "
                                "for example 020 7946 0958, or enter it with its country code."));
        QCOMPARE(fieldMessage(w, "fullName"), QString());
        // Next stays and sends the agent back to the bad field.
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::CustomerPage);
        QCOMPARE(QApplication::focusWidget(), child<QWidget>(w, QStringLiteral("phone")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
        typeInto(w, "phone", QStringLiteral("020 7946 0958"));
        QCOMPARE(fieldMessage(w, "phone"), QString());
        tab(w);
        typeInto(w, "email", QStringLiteral("alice@example.com"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::PremisePage);

        // The market is chosen by its mnemonic and by typing its name.
        alt(w, Qt::Key_M);
        QCOMPARE(QApplication::focusWidget(), market);
        QTest::keyClicks(market, QStringLiteral("Great"));
        QCOMPARE(market->currentData().toString(), QStringLiteral("GB"));
        tab(w);
        typeInto(w, "addressLine1", QStringLiteral("10 Downing Street"));
        tab(w, 2);
        typeInto(w, "city", QStringLiteral("London"));
        tab(w);
        typeInto(w, "postcode", QStringLiteral("sw1a2aa"));
        tab(w);
        // The postcode takes its canonical form, and the time zone the market's.
        QCOMPARE(child<QLineEdit>(w, QStringLiteral("postcode"))->text(), QStringLiteral("SW1A 2AA"));
        QCOMPARE(child<QLineEdit>(w, QStringLiteral("timeZone"))->text(), QStringLiteral("Europe/London"));
        QCOMPARE(fieldMessage(w, "postcode"), QString());
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::AccountPage);
        QCOMPARE(QApplication::focusWidget(), child<QWidget>(w, QStringLiteral("paymentType")));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Prep"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::ReviewPage);
        QCOMPARE(child<QLabel>(w, QStringLiteral("registrationStep"))->text(), QStringLiteral("Step 4 of 4: Review"));
        auto *registerButton = child<QPushButton>(w, QStringLiteral("registerButton"));
        QTRY_VERIFY(registerButton->isEnabled());
        QCOMPARE(registerButton->text(), QStringLiteral("&Register"));
        QVERIFY(!child<QWidget>(w, QStringLiteral("duplicateWarning"))->isVisible());
        QVERIFY(child<QWidget>(w, QStringLiteral("reviewPage"))->findChildren<QLabel *>().size() > 10);

        QSignalSpy registered(w, &RegistrationWizard::registered);
        alt(w, Qt::Key_R);
        QTRY_COMPARE(registered.size(), 1);
        const QString id = registered.first().first().toString();
        const auto customer = f.customers().get(f.agent(), id);
        QCOMPARE(customer.fullName, QStringLiteral("Alice Walker"));
        QCOMPARE(customer.phone, QStringLiteral("+442079460958"));
        QCOMPARE(customer.email, QStringLiteral("alice@example.com"));
        QCOMPARE(customer.language, QStringLiteral("en"));
        QVERIFY(customer.dateOfBirth.isNull());
        const auto accounts = f.accounts().accountsOfCustomer(f.agent(), id);
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().paymentType, Accounts::PaymentType::Prepaid);
        QCOMPARE(accounts.first().openedOn, QDate(2024, 6, 15));
        const auto premise = f.accounts().premise(f.agent(), accounts.first().premiseId);
        QCOMPARE(premise.singleLineAddress(), QStringLiteral("10 Downing Street, London SW1A 2AA"));
        QCOMPARE(premise.timeZone, QStringLiteral("Europe/London"));
        auto *messages = child<Ui::MessageBar>(w, QStringLiteral("registrationMessages"));
        QCOMPARE(messages->text(), QStringLiteral("Alice Walker is registered as customer %1, with account %2.")
                                       .arg(customer.customerNumber, accounts.first().accountNumber));
        // Once stored, the same form cannot store it twice.
        QVERIFY(!registerButton->isEnabled());
    }

    void dateOfBirthIsTypedOverNotGiven_data() { Test::addBackendRows(); }
    void dateOfBirthIsTypedOverNotGiven()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Shown s(f);
        // The markets load in the background; the database must outlive that.
        QTRY_COMPARE(child<QComboBox>(&s.wizard, QStringLiteral("market"))->count(), 4);
        auto *birth = child<QDateEdit>(&s.wizard, QStringLiteral("dateOfBirth"));
        QCOMPARE(birth->text(), QStringLiteral("Not given"));
        birth->setFocus();
        // Digits only: the date edit moves to the next section by itself. The locale's short
        // format decides the order of day, month and year.
        const QDate date(1975, 3, 14);
        QString digits;
        for (const QDateTimeEdit::Section section : {birth->sectionAt(0), birth->sectionAt(1), birth->sectionAt(2)}) {
            if (section == QDateTimeEdit::DaySection)
                digits += QStringLiteral("14");
            else if (section == QDateTimeEdit::MonthSection)
                digits += QStringLiteral("03");
            else
                digits += QStringLiteral("1975");
        }
        QTest::keyClicks(birth, digits);
        QVERIFY2(birth->date() == date, qPrintable(birth->displayFormat() + QLatin1Char(' ') + birth->text()));
        QCOMPARE(s.wizard.registration().customer.dateOfBirth, date);
        QThreadPool::globalInstance()->waitForDone();
    }

    void securityAnswerSetWithTheRegistration_data() { Test::addBackendRows(); }
    void securityAnswerSetWithTheRegistration()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Shown s(f);
        RegistrationWizard *w = &s.wizard;
        QTRY_COMPARE(child<QComboBox>(w, QStringLiteral("market"))->count(), 4);
        typeInto(w, "fullName", QStringLiteral("Dan Brewer"));
        // The question alone is not enough: Next says the answer is needed, beside it.
        alt(w, Qt::Key_Q);
        typeInto(w, "securityQuestion", QStringLiteral("Mother's maiden name?"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::CustomerPage);
        QCOMPARE(fieldMessage(w, "securityAnswer"),
                 QStringLiteral("Security answer is required: enter the customer's answer, at least 2 characters."));
        QCOMPARE(fieldMessage(w, "securityQuestion"), QString());
        typeInto(w, "securityAnswer", QStringLiteral("Hartley"));
        QCOMPARE(fieldMessage(w, "securityAnswer"), QString());
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::PremisePage);
        typeInto(w, "addressLine1", QStringLiteral("3 Mill Lane"));
        tab(w, 2);
        typeInto(w, "city", QStringLiteral("York"));
        tab(w);
        typeInto(w, "postcode", QStringLiteral("YO1 7HH"));
        auto *market = child<QComboBox>(w, QStringLiteral("market"));
        market->setCurrentIndex(market->findData(QStringLiteral("GB")));
        alt(w, Qt::Key_N);
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::ReviewPage);
        // The review names the question and says an answer is recorded, never what it is.
        QStringList review;
        for (QLabel *label : child<QWidget>(w, QStringLiteral("reviewPage"))->findChildren<QLabel *>())
            review << label->text();
        QVERIFY2(review.contains(QStringLiteral("Mother's maiden name?")), qPrintable(review.join(QLatin1Char('|'))));
        QVERIFY(review.contains(QStringLiteral("Recorded")));
        QVERIFY(!review.join(QLatin1Char('|')).contains(QLatin1String("Hartley"), Qt::CaseInsensitive));
        auto *registerButton = child<QPushButton>(w, QStringLiteral("registerButton"));
        QTRY_VERIFY(registerButton->isEnabled());
        QSignalSpy registered(w, &RegistrationWizard::registered);
        alt(w, Qt::Key_R);
        QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 10000);
        const QString id = registered.first().first().toString();
        QCOMPARE(f.module.identity().onRecord(f.agent(), id).securityQuestion, QStringLiteral("Mother's maiden name?"));
        Accounts::IdentityAnswers given;
        given.securityAnswer = QStringLiteral("HARTLEY");
        QVERIFY(f.module.identity().check(f.agent(), id, given).verified);
        QCOMPARE(child<QLineEdit>(w, QStringLiteral("securityAnswer"))->text(), QString());
        QCOMPARE(child<Ui::MessageBar>(w, QStringLiteral("registrationMessages"))->type(), Ui::MessageBar::Type::Information);
        const auto entries = f.audit.list(f.supervisor(), 3);
        QCOMPARE(entries.at(1).action, QStringLiteral("customer.security_answer_set"));
        QVERIFY(!entries.at(1).afterJson.contains(QLatin1String("artley")));
    }

    void duplicateWarningOpensTheExistingCustomer_data() { Test::addBackendRows(); }
    void duplicateWarningOpensTheExistingCustomer()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        NewRegistration existing;
        existing.customer.fullName = QStringLiteral("María López");
        existing.customer.phone = QStringLiteral("+34 912 345 678");
        existing.premise.addressLine1 = QStringLiteral("Calle Mayor 5");
        existing.premise.city = QStringLiteral("Madrid");
        existing.premise.postcode = QStringLiteral("28013");
        existing.marketCode = QStringLiteral("ES");
        const auto maria = f.module.registrations().registerCustomer(f.agent(), existing);

        Shown s(f);
        RegistrationWizard *w = &s.wizard;
        auto *market = child<QComboBox>(w, QStringLiteral("market"));
        QTRY_COMPARE(market->count(), 4);
        typeInto(w, "fullName", QStringLiteral("Maria Lopez Ortiz"));
        tab(w, 3);
        // Read in Spain once the market is Spain: valid there, not in Britain.
        typeInto(w, "phone", QStringLiteral("91 234 56 78"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::CustomerPage);
        market->setCurrentIndex(market->findData(QStringLiteral("ES")));
        QCOMPARE(fieldMessage(w, "phone"), QString());
        QCOMPARE(child<QComboBox>(w, QStringLiteral("language"))->currentData().toString(), QStringLiteral("es"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::PremisePage);
        typeInto(w, "addressLine1", QStringLiteral("Calle Mayor 7"));
        tab(w, 2);
        typeInto(w, "city", QStringLiteral("Madrid"));
        tab(w);
        typeInto(w, "postcode", QStringLiteral("1234"));
        tab(w);
        QCOMPARE(fieldMessage(w, "postcode"),
                 QStringLiteral("Postcode \"1234\" is not a Spanish postcode: enter five digits, for example 28013."));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::PremisePage);
        QCOMPARE(QApplication::focusWidget(), child<QWidget>(w, QStringLiteral("postcode")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
        typeInto(w, "postcode", QStringLiteral("35001"));
        tab(w);
        QCOMPARE(child<QLineEdit>(w, QStringLiteral("timeZone"))->text(), QStringLiteral("Atlantic/Canary"));
        alt(w, Qt::Key_N);
        QCOMPARE(w->currentPage(), RegistrationWizard::AccountPage);

        // The warning names the existing customer; its button asks to open them.
        auto *warning = child<QWidget>(w, QStringLiteral("duplicateWarning"));
        QTRY_VERIFY(warning->isVisible());
        const QString number = maria.customer.customerNumber;
        // The check runs again in the background as fields change: wait for its last answer.
        const QString openName = QStringLiteral("openDuplicate_") + number;
        QTRY_VERIFY(w->findChild<QPushButton *>(openName) && w->findChild<QPushButton *>(openName)->isVisible());
        auto *open = child<QPushButton>(w, openName);
        QCOMPARE(open->text(), QStringLiteral("Open %1").arg(number));
        bool named = false;
        for (QLabel *label : warning->findChildren<QLabel *>())
            named = named || label->text() == QStringLiteral("María López (%1), Calle Mayor 5, Madrid 28013: same phone number").arg(number);
        QVERIFY(named);
        QSignalSpy openRequested(w, &RegistrationWizard::openCustomerRequested);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(openRequested.size(), 1);
        QCOMPARE(openRequested.first().first().toString(), maria.customer.id);

        // The agent may still register: the button says so and the audit keeps the warning.
        alt(w, Qt::Key_N);
        auto *registerButton = child<QPushButton>(w, QStringLiteral("registerButton"));
        QTRY_VERIFY(registerButton->isEnabled());
        QCOMPARE(registerButton->text(), QStringLiteral("Register &anyway"));
        QSignalSpy registered(w, &RegistrationWizard::registered);
        alt(w, Qt::Key_A);
        QTRY_COMPARE(registered.size(), 1);
        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("customer.register"));
        QCOMPARE(QJsonDocument::fromJson(entry.afterJson.toUtf8()).object().value(QStringLiteral("duplicates_acknowledged")).toArray(),
                 QJsonArray({maria.customer.id}));
        const auto premises = f.accounts().premisesOfCustomer(f.agent(), registered.first().first().toString());
        QCOMPARE(premises.size(), 1);
        QCOMPARE(premises.first().timeZone, QStringLiteral("Atlantic/Canary"));
    }

    void failedRegistrationKeepsEveryValue_data() { Test::addBackendRows(); }
    void failedRegistrationKeepsEveryValue()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        NewRegistration first;
        first.customer.fullName = QStringLiteral("Bob Stone");
        first.premise.addressLine1 = QStringLiteral("2 Park Row");
        first.premise.city = QStringLiteral("Leeds");
        first.premise.postcode = QStringLiteral("LS1 5HD");
        first.marketCode = QStringLiteral("GB");
        f.module.registrations().registerCustomer(f.agent(), first);
        // The next account number is taken: the registration fails in the database.
        Core::SqlQuery(t.db().connection(), QStringLiteral("UPDATE number_sequences SET last_value = 0 WHERE name = 'accounts:UD'"))
            .exec();

        Shown s(f);
        RegistrationWizard *w = &s.wizard;
        QTRY_COMPARE(child<QComboBox>(w, QStringLiteral("market"))->count(), 4);
        child<QComboBox>(w, QStringLiteral("market"))->setCurrentIndex(
            child<QComboBox>(w, QStringLiteral("market"))->findData(QStringLiteral("GB")));
        typeInto(w, "fullName", QStringLiteral("Carol King"));
        alt(w, Qt::Key_N);
        typeInto(w, "addressLine1", QStringLiteral("1 Piccadilly"));
        tab(w, 2);
        typeInto(w, "city", QStringLiteral("Manchester"));
        tab(w);
        typeInto(w, "postcode", QStringLiteral("M1 1AE"));
        alt(w, Qt::Key_N);
        alt(w, Qt::Key_N);
        auto *registerButton = child<QPushButton>(w, QStringLiteral("registerButton"));
        QTRY_VERIFY(registerButton->isEnabled());
        QSignalSpy registered(w, &RegistrationWizard::registered);
        QTest::mouseClick(registerButton, Qt::LeftButton);
        auto *messages = child<Ui::MessageBar>(w, QStringLiteral("registrationMessages"));
        QTRY_VERIFY(messages->isVisible());
        QCOMPARE(messages->type(), Ui::MessageBar::Type::Error);
        QVERIFY(messages->text().startsWith(QLatin1String("The customer was not registered: ")));
        QCOMPARE(registered.size(), 0);
        QCOMPARE(f.customers().count(f.agent(), QStringLiteral("Carol")), 0);
        // Every value stays, and the agent can try again.
        QCOMPARE(w->registration().customer.fullName, QStringLiteral("Carol King"));
        QCOMPARE(w->registration().premise.postcode, QStringLiteral("M1 1AE"));
        QCOMPARE(w->currentPage(), RegistrationWizard::ReviewPage);
        QVERIFY(registerButton->isEnabled());
        Core::SqlQuery(t.db().connection(), QStringLiteral("UPDATE number_sequences SET last_value = 1 WHERE name = 'accounts:UD'"))
            .exec();
        QTest::mouseClick(registerButton, Qt::LeftButton);
        QTRY_COMPARE(registered.size(), 1);
        QCOMPARE(f.customers().count(f.agent(), QStringLiteral("Carol")), 1);
    }
};

QTEST_MAIN(TestRegistrationWizard)
#include "tst_registrationwizard.moc"
