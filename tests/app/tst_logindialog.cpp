// The sign-in dialog as a user meets it: the first run creates the administrator, a wrong
// password is said at the top and the name stays, five failures lock the account.

#include "guitestsupport.h"

#include <logindialog.h>

#include <core/error.h>
#include <core/ui/messagebar.h>

#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Ud;

class TestLoginDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void firstRunCreatesAdministrator_data() { Test::addBackendRows(); }
    void firstRunCreatesAdministrator();
    void wrongPasswordKeepsUserName_data() { Test::addBackendRows(); }
    void wrongPasswordKeepsUserName();
    void fiveFailuresLock_data() { Test::addBackendRows(); }
    void fiveFailuresLock();
    void disabledUserIsTold_data() { Test::addBackendRows(); }
    void disabledUserIsTold();

private:
    static QLineEdit *field(QWidget &dialog, const char *name)
    {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        Q_ASSERT(edit);
        return edit;
    }
    static QPushButton *primary(QWidget &dialog)
    {
        return dialog.findChild<QPushButton *>(QStringLiteral("primaryButton"));
    }
    /// Types a password and presses Sign in, then waits for the background check.
    static void trySignIn(App::LoginDialog &dialog, const QString &password)
    {
        QLineEdit *edit = field(dialog, "password");
        edit->clear();
        QTest::keyClicks(edit, password);
        QTest::mouseClick(primary(dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    }
};

void TestLoginDialog::initTestCase()
{
    Test::isolateSettings();
}

void TestLoginDialog::init()
{
    Test::isolateSettings();
}

void TestLoginDialog::firstRunCreatesAdministrator()
{
    UD_TEST_DATABASE(t);
    Test::Services services(t.db());
    App::LoginDialog dialog(services.users, t.db());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QVERIFY(dialog.isFirstRun());
    QVERIFY(field(dialog, "adminUserName")->isVisible());
    QVERIFY(field(dialog, "adminPasswordRepeat")->isVisible());
    QVERIFY(!field(dialog, "password")->isVisible());

    // A short password and a different repetition: said beside the fields, nothing created.
    field(dialog, "adminUserName")->setText(QStringLiteral("chief"));
    QTest::keyClicks(field(dialog, "adminDisplayName"), QStringLiteral("Chief Administrator"));
    QTest::keyClicks(field(dialog, "adminPassword"), QStringLiteral("short"));
    QTest::keyClicks(field(dialog, "adminPasswordRepeat"), QStringLiteral("other"));
    QTest::mouseClick(primary(dialog), Qt::LeftButton);
    QVERIFY(!dialog.isBusy());
    QVERIFY(field(dialog, "adminPassword")->accessibleDescription().contains(QLatin1String("10")));
    QVERIFY(!field(dialog, "adminPasswordRepeat")->accessibleDescription().isEmpty());
    QCOMPARE(QApplication::focusWidget(), field(dialog, "adminPassword"));
    QVERIFY(!services.users.hasUsers());

    field(dialog, "adminPassword")->clear();
    field(dialog, "adminPasswordRepeat")->clear();
    QTest::keyClicks(field(dialog, "adminPassword"), QStringLiteral("correct horse 42"));
    QVERIFY(!field(dialog, "adminPasswordRepeat")->accessibleDescription().isEmpty());
    QTest::keyClicks(field(dialog, "adminPasswordRepeat"), QStringLiteral("correct horse 42"));
    QTest::mouseClick(primary(dialog), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);

    QVERIFY(dialog.user());
    QCOMPARE(dialog.user()->userName(), QStringLiteral("chief"));
    QCOMPARE(dialog.user()->role(), Core::Role::Admin);
    const auto users = services.users.list(*dialog.user());
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().userName, QStringLiteral("chief"));
    QCOMPARE(users.first().displayName, QStringLiteral("Chief Administrator"));
    QCOMPARE(users.first().role, Core::Role::Admin);
    QVERIFY(users.first().lastSignInAt > 0);
    QCOMPARE(Core::Settings().lastUserName(), QStringLiteral("chief"));
}

void TestLoginDialog::wrongPasswordKeepsUserName()
{
    UD_TEST_DATABASE(t);
    Test::Services services(t.db());
    services.addUser(QStringLiteral("anna"), Core::Role::Agent, QStringLiteral("anna's password"));
    Core::Settings().setLastUserName(QStringLiteral("anna"));

    App::LoginDialog dialog(services.users, t.db());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.isFirstRun());
    QCOMPARE(field(dialog, "userName")->text(), QStringLiteral("anna"));
    QVERIFY(!dialog.messageBar()->isVisible());

    trySignIn(dialog, QStringLiteral("not the password"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.messageBar()->isVisible());
    QCOMPARE(dialog.messageBar()->type(), Ui::MessageBar::Type::Error);
    QVERIFY2(dialog.messageBar()->text().contains(QLatin1String("\"anna\"")), qPrintable(dialog.messageBar()->text()));
    QCOMPARE(field(dialog, "userName")->text(), QStringLiteral("anna"));
    QVERIFY(field(dialog, "password")->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), field(dialog, "password"));

    trySignIn(dialog, QStringLiteral("anna's password"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user()->userName(), QStringLiteral("anna"));
    QCOMPARE(dialog.user()->role(), Core::Role::Agent);
}

void TestLoginDialog::fiveFailuresLock()
{
    UD_TEST_DATABASE(t);
    Test::Services services(t.db());
    services.addUser(QStringLiteral("anna"), Core::Role::Agent, QStringLiteral("anna's password"));

    App::LoginDialog dialog(services.users, t.db());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(field(dialog, "userName"), QStringLiteral("anna"));

    QString wrongPasswordMessage;
    for (int attempt = 1; attempt <= Core::UserService::MaxFailedAttempts; ++attempt) {
        trySignIn(dialog, QStringLiteral("guess %1").arg(attempt));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        if (attempt == 1)
            wrongPasswordMessage = dialog.messageBar()->text();
    }
    // The fifth failure locks: the message changes and names the user.
    const QString locked = dialog.messageBar()->text();
    QVERIFY2(locked != wrongPasswordMessage, qPrintable(locked));
    QVERIFY2(locked.contains(QLatin1String("\"anna\"")), qPrintable(locked));

    // Even the right password is refused while locked, with the same explanation.
    trySignIn(dialog, QStringLiteral("anna's password"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.messageBar()->text(), locked);
    QCOMPARE(field(dialog, "userName")->text(), QStringLiteral("anna"));
    const auto users = services.users.list(Core::UserContext::operatingSystemUser());
    QCOMPARE(users.size(), 1);
    QVERIFY(users.first().lockedUntil > services.clock.nowSecs());

    // Fifteen minutes later the right password works again.
    services.clock.advance(Core::UserService::LockoutSeconds + 1);
    trySignIn(dialog, QStringLiteral("anna's password"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestLoginDialog::disabledUserIsTold()
{
    UD_TEST_DATABASE(t);
    Test::Services services(t.db());
    services.addUser(QStringLiteral("anna"), Core::Role::Agent, QStringLiteral("anna's password"));
    services.users.setDisabled(Core::UserContext::operatingSystemUser(), QStringLiteral("anna"), true);
    Core::Settings().setLastUserName(QStringLiteral("anna"));

    App::LoginDialog dialog(services.users, t.db());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    trySignIn(dialog, QStringLiteral("anna's password"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QString expected;
    try {
        services.users.signIn(QStringLiteral("anna"), QStringLiteral("anna's password"));
    } catch (const Core::Error &e) {
        expected = e.message();
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(dialog.messageBar()->text(), expected);
    QVERIFY(expected.contains(QLatin1String("\"anna\"")));
}

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
