// The administrator's pages through their widgets: adding a user with the form, disabling
// with Undo, a field officer's region (shown, set when adding, changed with Undo), resetting a password, and the audit log with its chain verification, including
// a row tampered with behind the program's back.

#include "guitestsupport.h"

#include <core/error.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/ui/adminuimodule.h>
#include <core/ui/auditlogmodel.h>
#include <core/ui/auditpage.h>
#include <core/ui/jobtracker.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>
#include <core/ui/userspage.h>
#include <core/ui/userstablemodel.h>

#include <QComboBox>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Ud;

class TestAdminPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesRegisteredWithPermissions();
    void addUserWithTheForm_data() { Test::addBackendRows(); }
    void addUserWithTheForm();
    void disableThenUndo_data() { Test::addBackendRows(); }
    void disableThenUndo();
    void regionColumn_data() { Test::addBackendRows(); }
    void regionColumn();
    void regionFieldOnlyForFieldOfficers_data() { Test::addBackendRows(); }
    void regionFieldOnlyForFieldOfficers();
    void addFieldOfficerWithRegion_data() { Test::addBackendRows(); }
    void addFieldOfficerWithRegion();
    void changeRegionThenUndo_data() { Test::addBackendRows(); }
    void changeRegionThenUndo();
    void changeRegionErrors_data() { Test::addBackendRows(); }
    void changeRegionErrors();
    void resetPassword_data() { Test::addBackendRows(); }
    void resetPassword();
    void auditLogNewestFirstWithDetail_data() { Test::addBackendRows(); }
    void auditLogNewestFirstWithDetail();
    void auditLogLoadsLazily_data() { Test::addBackendRows(); }
    void auditLogLoadsLazily();
    void verifyReportsIntactThenTampering_data() { Test::addBackendRows(); }
    void verifyReportsIntactThenTampering();

private:
    static QLineEdit *field(QWidget &page, const char *name)
    {
        auto *edit = page.findChild<QLineEdit *>(QLatin1String(name));
        Q_ASSERT(edit);
        return edit;
    }
    static QPushButton *button(QWidget &page, const char *name)
    {
        auto *b = page.findChild<QPushButton *>(QLatin1String(name));
        Q_ASSERT(b);
        return b;
    }
    static QString statusOf(Ui::UsersPage &page, const QString &userName)
    {
        const int row = page.model()->rowOf(userName);
        return row < 0 ? QString() : page.model()->index(row, Ui::UsersTableModel::Status).data().toString();
    }
    static QString regionOf(Ui::UsersPage &page, const QString &userName)
    {
        const int row = page.model()->rowOf(userName);
        return row < 0 ? QStringLiteral("(not listed)")
                       : page.model()->index(row, Ui::UsersTableModel::Region).data().toString();
    }
    static QComboBox *roleBox(QWidget &page)
    {
        auto *box = page.findChild<QComboBox *>(QStringLiteral("newRole"));
        Q_ASSERT(box);
        return box;
    }
    static Core::UserService::User stored(Test::Services &s, const QString &userName)
    {
        const auto users = s.users.list(Core::UserContext::operatingSystemUser());
        for (const auto &u : users) {
            if (u.userName == userName)
                return u;
        }
        return {};
    }
};

void TestAdminPages::initTestCase()
{
    Test::isolateSettings();
}

void TestAdminPages::pagesRegisteredWithPermissions()
{
    Test::TestDatabase t(QStringLiteral("sqlite"));
    Test::Services services(t.db());
    Ui::JobTracker jobs;
    Ui::AdminUiModule module(services.context, jobs);
    Ui::PageRegistry registry;
    module.initialize(registry, Core::UserContext::operatingSystemUser());
    const QList<Ui::Page> pages = registry.pages();
    QCOMPARE(pages.size(), 2);
    QCOMPARE(pages.at(0).id, QStringLiteral("users"));
    QCOMPARE(pages.at(0).permission, Core::Permission::ManageUsers);
    QCOMPARE(pages.at(0).title(), QStringLiteral("Users"));
    QCOMPARE(pages.at(1).id, QStringLiteral("audit"));
    QCOMPARE(pages.at(1).permission, Core::Permission::ViewAuditLog);
    QCOMPARE(pages.at(1).title(), QStringLiteral("Audit log"));
    QVERIFY(pages.at(0).order < pages.at(1).order);
}

void TestAdminPages::addUserWithTheForm()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    Ui::UsersPage page(s.context, Test::Services::contextOf(admin));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.model()->rowCount(), 1);

    // Mistakes are said beside the fields and nothing is stored.
    QTest::keyClicks(field(page, "newUserName"), QStringLiteral("b"));
    QTest::keyClicks(field(page, "newPassword"), QStringLiteral("short"));
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QVERIFY(!field(page, "newUserName")->accessibleDescription().isEmpty());
    QVERIFY(!field(page, "newPassword")->accessibleDescription().isEmpty());
    QVERIFY(!field(page, "newPasswordRepeat")->accessibleDescription().isEmpty());
    QCOMPARE(QApplication::focusWidget(), field(page, "newUserName"));
    QCOMPARE(s.users.list(Test::Services::contextOf(admin)).size(), 1);

    QTest::keyClicks(field(page, "newUserName"), QStringLiteral("ob"));
    QTest::keyClicks(field(page, "newDisplayName"), QStringLiteral("Bob Li"));
    auto *role = page.findChild<QComboBox *>(QStringLiteral("newRole"));
    role->setCurrentIndex(role->findData(QStringLiteral("supervisor")));
    QTest::keyClicks(field(page, "newPassword"), QStringLiteral(" and longer"));
    QTest::keyClicks(field(page, "newPasswordRepeat"), QStringLiteral("short and longer"));
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(QStringLiteral("bob")) >= 0, 20000);

    QCOMPARE(page.selectedUserName(), QStringLiteral("bob"));
    QCOMPARE(statusOf(page, QStringLiteral("bob")), QStringLiteral("Active"));
    const int row = page.model()->rowOf(QStringLiteral("bob"));
    QCOMPARE(page.model()->index(row, Ui::UsersTableModel::Role).data().toString(), QStringLiteral("Supervisor"));
    QCOMPARE(page.model()->index(row, Ui::UsersTableModel::LastSignIn).data().toString(), QStringLiteral("Never"));
    const auto bob = stored(s, QStringLiteral("bob"));
    QCOMPARE(bob.displayName, QStringLiteral("Bob Li"));
    QCOMPARE(bob.role, Core::Role::Supervisor);
    QVERIFY(field(page, "newUserName")->text().isEmpty());
    QVERIFY(field(page, "newPassword")->text().isEmpty());
    // The new user can sign in with the password typed.
    QCOMPARE(s.users.signIn(QStringLiteral("bob"), QStringLiteral("short and longer")).role(), Core::Role::Supervisor);

    // A taken name: the service's sentence at the top, every value kept.
    QTest::keyClicks(field(page, "newUserName"), QStringLiteral("bob"));
    QTest::keyClicks(field(page, "newPassword"), QStringLiteral("another password"));
    QTest::keyClicks(field(page, "newPasswordRepeat"), QStringLiteral("another password"));
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.messageBar()->isVisible(), 20000);
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Error);
    QVERIFY2(page.messageBar()->text().contains(QLatin1String("\"bob\"")), qPrintable(page.messageBar()->text()));
    QCOMPARE(field(page, "newUserName")->text(), QStringLiteral("bob"));
    QCOMPARE(field(page, "newPassword")->text(), QStringLiteral("another password"));
    QCOMPARE(s.users.list(Test::Services::contextOf(admin)).size(), 2);
}

void TestAdminPages::disableThenUndo()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    s.addUser(QStringLiteral("bob"), Core::Role::Agent, QStringLiteral("a long password"));
    Ui::UsersPage page(s.context, Test::Services::contextOf(admin));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    // One's own account cannot be disabled from here.
    QVERIFY(page.selectUser(QStringLiteral("chief")));
    QVERIFY(!button(page, "disableUser")->isEnabled());

    QVERIFY(page.selectUser(QStringLiteral("bob")));
    QVERIFY(button(page, "disableUser")->isEnabled());
    QVERIFY(!button(page, "enableUser")->isEnabled());
    QTest::mouseClick(button(page, "disableUser"), Qt::LeftButton);
    QCOMPARE(statusOf(page, QStringLiteral("bob")), QStringLiteral("Disabled"));
    QVERIFY(stored(s, QStringLiteral("bob")).disabled);
    QVERIFY(page.messageBar()->isVisible());
    QVERIFY(page.messageBar()->text().contains(QLatin1String("bob")));
    QVERIFY(page.messageBar()->actionButton()->isVisible());
    QVERIFY(button(page, "enableUser")->isEnabled());

    // Undo, instead of "are you sure?".
    QTest::mouseClick(page.messageBar()->actionButton(), Qt::LeftButton);
    QCOMPARE(statusOf(page, QStringLiteral("bob")), QStringLiteral("Active"));
    QVERIFY(!stored(s, QStringLiteral("bob")).disabled);
    QCOMPARE(page.selectedUserName(), QStringLiteral("bob"));

    // Both changes are in the audit log.
    const auto entries = s.audit.list(Test::Services::contextOf(admin), 2);
    QCOMPARE(entries.at(0).action, QStringLiteral("user.enable"));
    QCOMPARE(entries.at(1).action, QStringLiteral("user.disable"));
    QCOMPARE(entries.at(0).actor, QStringLiteral("chief"));
}

void TestAdminPages::regionColumn()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    s.users.createUser(chief, QStringLiteral("olga"), QStringLiteral("Olga"), Core::Role::FieldOfficer,
                       QStringLiteral("a long password"), QStringLiteral("North"));
    s.users.createUser(chief, QStringLiteral("amir"), QStringLiteral("Amir"), Core::Role::FieldOfficer,
                       QStringLiteral("a long password"), QStringLiteral("East"));
    s.addUser(QStringLiteral("bob"), Core::Role::Agent, QStringLiteral("a long password"));
    Ui::UsersPage page(s.context, chief);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto *table = page.findChild<QTableView *>(QStringLiteral("usersTable"));
    QAbstractItemModel *view = table->model();
    QCOMPARE(view->headerData(Ui::UsersTableModel::Region, Qt::Horizontal).toString(), QStringLiteral("Region"));
    QCOMPARE(view->headerData(Ui::UsersTableModel::Role + 1, Qt::Horizontal).toString(), QStringLiteral("Region"));
    QCOMPARE(regionOf(page, QStringLiteral("olga")), QStringLiteral("North"));
    QCOMPARE(regionOf(page, QStringLiteral("amir")), QStringLiteral("East"));
    QCOMPARE(regionOf(page, QStringLiteral("bob")), QString());

    // Sorted by region as the other columns are: users without one first, then East, North.
    table->sortByColumn(Ui::UsersTableModel::Region, Qt::AscendingOrder);
    QCOMPARE(view->index(2, Ui::UsersTableModel::UserName).data().toString(), QStringLiteral("amir"));
    QCOMPARE(view->index(3, Ui::UsersTableModel::UserName).data().toString(), QStringLiteral("olga"));
    table->sortByColumn(Ui::UsersTableModel::Region, Qt::DescendingOrder);
    QCOMPARE(view->index(0, Ui::UsersTableModel::UserName).data().toString(), QStringLiteral("olga"));
    QCOMPARE(view->index(0, Ui::UsersTableModel::Region).data().toString(), QStringLiteral("North"));
}

void TestAdminPages::regionFieldOnlyForFieldOfficers()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    s.users.createUser(Test::Services::contextOf(admin), QStringLiteral("olga"), QString(), Core::Role::FieldOfficer,
                       QStringLiteral("a long password"), QStringLiteral("North"));
    s.addUser(QStringLiteral("bob"), Core::Role::Agent, QStringLiteral("a long password"));
    Ui::UsersPage page(s.context, Test::Services::contextOf(admin));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    // An agent, the form's first role, has no region to enter; the field says why.
    QLineEdit *region = field(page, "newRegion");
    QCOMPARE(roleBox(page)->currentData().toString(), QStringLiteral("agent"));
    QVERIFY(!region->isEnabled());
    QVERIFY2(region->placeholderText().contains(QLatin1String("field officers")), qPrintable(region->placeholderText()));
    QVERIFY(region->toolTip().contains(QLatin1String("Other roles")));

    roleBox(page)->setCurrentIndex(roleBox(page)->findData(QStringLiteral("field_officer")));
    QVERIFY(region->isEnabled());
    QTest::keyClicks(region, QStringLiteral("North"));
    // Back to an agent: the region typed is dropped, not stored for someone who cannot use it.
    roleBox(page)->setCurrentIndex(roleBox(page)->findData(QStringLiteral("agent")));
    QVERIFY(!region->isEnabled());
    QVERIFY(region->text().isEmpty());
    QVERIFY(region->accessibleDescription().isEmpty());

    // The selected user's region can be changed for a field officer only.
    QVERIFY(page.selectUser(QStringLiteral("bob")));
    QVERIFY(!field(page, "userRegion")->isEnabled());
    QVERIFY(!button(page, "changeRegion")->isEnabled());
    QVERIFY(page.selectUser(QStringLiteral("olga")));
    QVERIFY(field(page, "userRegion")->isEnabled());
    QCOMPARE(field(page, "userRegion")->text(), QStringLiteral("North"));
}

void TestAdminPages::addFieldOfficerWithRegion()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    Ui::UsersPage page(s.context, Test::Services::contextOf(admin));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QLineEdit *region = field(page, "newRegion");

    roleBox(page)->setCurrentIndex(roleBox(page)->findData(QStringLiteral("field_officer")));
    // Without a region a field officer sees nobody: said beside the field, before adding.
    QVERIFY2(region->accessibleDescription().contains(QLatin1String("no customers")),
             qPrintable(region->accessibleDescription()));

    // A region longer than any premises' region: said once the user leaves the field.
    const QString tooLong(101, QLatin1Char('x'));
    region->setFocus(Qt::OtherFocusReason);
    QTest::keyClicks(region, tooLong);
    QVERIFY(!region->accessibleDescription().contains(QLatin1String("too long")));
    field(page, "newPassword")->setFocus(Qt::TabFocusReason);
    QCOMPARE(region->accessibleDescription(), Core::UserService::regionProblem(tooLong));
    QVERIFY(region->accessibleDescription().contains(QLatin1String("region is too long")));
    // Adding is refused, with the keyboard sent to the region.
    QTest::keyClicks(field(page, "newUserName"), QStringLiteral("olga"));
    QTest::keyClicks(field(page, "newPassword"), QStringLiteral("a long password"));
    QTest::keyClicks(field(page, "newPasswordRepeat"), QStringLiteral("a long password"));
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), region);
    QCOMPARE(s.users.list(Test::Services::contextOf(admin)).size(), 1);

    // Fixed, the message goes as the field is corrected, and the officer is stored in the region.
    region->clear();
    QTest::keyClicks(region, QStringLiteral("  North   Shore "));
    QVERIFY(region->accessibleDescription().isEmpty());
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(QStringLiteral("olga")) >= 0, 20000);
    QCOMPARE(regionOf(page, QStringLiteral("olga")), QStringLiteral("North Shore"));
    const auto olga = stored(s, QStringLiteral("olga"));
    QCOMPARE(olga.role, Core::Role::FieldOfficer);
    QCOMPARE(olga.region, QStringLiteral("North Shore"));
    QCOMPARE(s.users.signIn(QStringLiteral("olga"), QStringLiteral("a long password")).region(), QStringLiteral("North Shore"));
    QVERIFY(region->text().isEmpty());

    // Without a region: warned, not blocked.
    QTest::keyClicks(field(page, "newUserName"), QStringLiteral("petra"));
    QTest::keyClicks(field(page, "newPassword"), QStringLiteral("a long password"));
    QTest::keyClicks(field(page, "newPasswordRepeat"), QStringLiteral("a long password"));
    QTest::mouseClick(button(page, "addUser"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(QStringLiteral("petra")) >= 0, 20000);
    QCOMPARE(stored(s, QStringLiteral("petra")).role, Core::Role::FieldOfficer);
    QCOMPARE(stored(s, QStringLiteral("petra")).region, QString());
    QCOMPARE(regionOf(page, QStringLiteral("petra")), QString());
    QVERIFY(region->accessibleDescription().contains(QLatin1String("no customers")));
}

void TestAdminPages::changeRegionThenUndo()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    const auto olga = s.users.createUser(chief, QStringLiteral("olga"), QString(), Core::Role::FieldOfficer,
                                         QStringLiteral("a long password"), QStringLiteral("North"));
    Ui::UsersPage page(s.context, chief);
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));

    // By keyboard: select the officer, F2 goes to their region, Enter changes it.
    QVERIFY(page.selectUser(QStringLiteral("olga")));
    auto *table = page.findChild<QTableView *>(QStringLiteral("usersTable"));
    table->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(table, Qt::Key_F2);
    QLineEdit *region = field(page, "userRegion");
    QCOMPARE(QApplication::focusWidget(), region);
    QCOMPARE(region->selectedText(), QStringLiteral("North"));
    QTest::keyClicks(region, QStringLiteral("South"));
    QTest::keyClick(region, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(regionOf(page, QStringLiteral("olga")), QStringLiteral("South"), 20000);
    QCOMPARE(stored(s, QStringLiteral("olga")).region, QStringLiteral("South"));
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Information);
    QVERIFY2(page.messageBar()->text().contains(QLatin1String("South")), qPrintable(page.messageBar()->text()));
    QVERIFY(page.messageBar()->actionButton()->isVisible());
    QCOMPARE(page.selectedUserName(), QStringLiteral("olga"));
    QCOMPARE(region->text(), QStringLiteral("South"));
    QCOMPARE(QApplication::focusWidget(), table);

    auto changed = s.audit.list(chief, 1).first();
    QCOMPARE(changed.action, QStringLiteral("user.region"));
    QCOMPARE(changed.actor, QStringLiteral("chief"));
    QCOMPARE(changed.entityId, olga.id);
    QVERIFY2(changed.beforeJson.contains(QLatin1String("\"North\"")), qPrintable(changed.beforeJson));
    QVERIFY2(changed.afterJson.contains(QLatin1String("\"South\"")), qPrintable(changed.afterJson));
    // The officer's next sign-in carries the new region.
    QCOMPARE(s.users.signIn(QStringLiteral("olga"), QStringLiteral("a long password")).region(), QStringLiteral("South"));

    // Undo puts the previous region back, audited as well.
    QTest::mouseClick(page.messageBar()->actionButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(regionOf(page, QStringLiteral("olga")), QStringLiteral("North"), 20000);
    QCOMPARE(stored(s, QStringLiteral("olga")).region, QStringLiteral("North"));
    QCOMPARE(region->text(), QStringLiteral("North"));
    QVERIFY(!page.messageBar()->actionButton()->isVisible());
    const auto undone = s.audit.list(chief, 1).first();
    QCOMPARE(undone.action, QStringLiteral("user.region"));
    QVERIFY(undone.seq > changed.seq);
    QVERIFY2(undone.beforeJson.contains(QLatin1String("\"South\"")), qPrintable(undone.beforeJson));
    QVERIFY2(undone.afterJson.contains(QLatin1String("\"North\"")), qPrintable(undone.afterJson));

    // Emptied, the officer has no region and the bar says what that means.
    region->clear();
    QTest::mouseClick(button(page, "changeRegion"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stored(s, QStringLiteral("olga")).region, QString(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(regionOf(page, QStringLiteral("olga")), QString(), 20000);
    QVERIFY2(page.messageBar()->text().contains(QLatin1String("no customers")), qPrintable(page.messageBar()->text()));
}

void TestAdminPages::changeRegionErrors()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    s.users.createUser(chief, QStringLiteral("olga"), QString(), Core::Role::FieldOfficer,
                       QStringLiteral("a long password"), QStringLiteral("North"));
    Ui::UsersPage page(s.context, chief);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.selectUser(QStringLiteral("olga")));
    const qint64 audited = s.audit.count(chief);

    // Too long: said beside the field, nothing stored.
    QLineEdit *region = field(page, "userRegion");
    region->clear();
    const QString tooLong(101, QLatin1Char('y'));
    QTest::keyClicks(region, tooLong);
    QTest::mouseClick(button(page, "changeRegion"), Qt::LeftButton);
    QCOMPARE(region->accessibleDescription(), Core::UserService::regionProblem(tooLong));
    QVERIFY(!page.messageBar()->isVisible());
    QCOMPARE(stored(s, QStringLiteral("olga")).region, QStringLiteral("North"));
    QCOMPARE(s.audit.count(chief), audited);

    // The user went away meanwhile: the service's sentence in the message bar, the value kept.
    Core::SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM users WHERE username = :name"))
        .bind(QStringLiteral(":name"), QStringLiteral("olga"))
        .exec();
    region->clear();
    QTest::keyClicks(region, QStringLiteral("South"));
    QVERIFY(region->accessibleDescription().isEmpty());
    QTest::mouseClick(button(page, "changeRegion"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.messageBar()->isVisible(), 20000);
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Error);
    QVERIFY2(page.messageBar()->text().contains(QLatin1String("\"olga\"")), qPrintable(page.messageBar()->text()));
    QCOMPARE(region->text(), QStringLiteral("South"));
    QCOMPARE(s.audit.count(chief), audited);
}

void TestAdminPages::resetPassword()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    s.addUser(QStringLiteral("bob"), Core::Role::Agent, QStringLiteral("a long password"));
    // Lock bob out first: a reset lifts the lock.
    for (int i = 0; i < Core::UserService::MaxFailedAttempts; ++i) {
        try {
            s.users.signIn(QStringLiteral("bob"), QStringLiteral("wrong"));
        } catch (const Core::Error &) {
        }
    }
    Ui::UsersPage page(s.context, Test::Services::contextOf(admin));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(statusOf(page, QStringLiteral("bob")).startsWith(QLatin1String("Locked until ")));

    QVERIFY(page.selectUser(QStringLiteral("bob")));
    QTest::keyClicks(field(page, "resetPassword"), QStringLiteral("a new password"));
    QTest::keyClicks(field(page, "resetPasswordRepeat"), QStringLiteral("a new pasword"));
    QTest::mouseClick(button(page, "resetUserPassword"), Qt::LeftButton);
    QVERIFY(!field(page, "resetPasswordRepeat")->accessibleDescription().isEmpty());

    field(page, "resetPasswordRepeat")->clear();
    QTest::keyClicks(field(page, "resetPasswordRepeat"), QStringLiteral("a new password"));
    QTest::mouseClick(button(page, "resetUserPassword"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.messageBar()->isVisible(), 20000);
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Information);
    QVERIFY(page.messageBar()->text().contains(QLatin1String("bob")));
    QCOMPARE(statusOf(page, QStringLiteral("bob")), QStringLiteral("Active"));
    QVERIFY(field(page, "resetPassword")->text().isEmpty());
    QCOMPARE(s.users.signIn(QStringLiteral("bob"), QStringLiteral("a new password")).userName(), QStringLiteral("bob"));
}

void TestAdminPages::auditLogNewestFirstWithDetail()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    s.users.createUser(chief, QStringLiteral("bob"), QStringLiteral("Bob Li"), Core::Role::Agent, QStringLiteral("a long password"));
    s.users.setDisabled(chief, QStringLiteral("bob"), true);

    Ui::JobTracker jobs;
    Ui::AuditPage page(s.context, jobs, chief);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    Ui::AuditLogModel *model = page.model();
    QCOMPARE(model->totalCount(), s.audit.count(chief));
    QCOMPARE(qint64(model->rowCount()), model->totalCount());
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->entry(row - 1).seq > model->entry(row).seq);
    QCOMPARE(model->index(0, Ui::AuditLogModel::Action).data().toString(), QStringLiteral("user.disable"));
    QCOMPARE(model->index(0, Ui::AuditLogModel::User).data().toString(), QStringLiteral("chief"));
    QCOMPARE(model->index(0, Ui::AuditLogModel::Role).data().toString(), QStringLiteral("Administrator"));

    // The newest entry is selected and its before/after shown.
    QVERIFY(page.beforeText().contains(QLatin1String("\"disabled\": false")));
    QVERIFY(page.afterText().contains(QLatin1String("\"disabled\": true")));
    // The creation of bob: nothing before, the new user after.
    auto *table = page.findChild<QTableView *>(QStringLiteral("auditTable"));
    table->selectionModel()->setCurrentIndex(model->index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(model->index(1, Ui::AuditLogModel::Action).data().toString(), QStringLiteral("user.create"));
    QVERIFY(page.beforeText().isEmpty());
    QVERIFY(page.afterText().contains(QLatin1String("\"bob\"")));
}

void TestAdminPages::auditLogLoadsLazily()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    {
        Core::Transaction tx(t.db());
        for (int i = 0; i < 450; ++i)
            s.audit.record(chief, QStringLiteral("test.entry"), QStringLiteral("test"), QString::number(i), {},
                           QJsonObject{{QStringLiteral("n"), i}});
        tx.commit();
    }
    Ui::JobTracker jobs;
    Ui::AuditPage page(s.context, jobs, chief);
    Ui::AuditLogModel *model = page.model();
    const qint64 total = s.audit.count(chief);
    QCOMPARE(model->totalCount(), total);
    QCOMPARE(model->rowCount(), Ui::AuditLogModel::PageSize);
    QCOMPARE(model->index(0, Ui::AuditLogModel::Record).data().toString(), QStringLiteral("test 449"));
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 2 * Ui::AuditLogModel::PageSize);
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(qint64(model->rowCount()), total);
    // The last row loaded is the oldest entry.
    QCOMPARE(model->entry(model->rowCount() - 1).seq, s.audit.list(chief, 1, int(total) - 1).first().seq);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->entry(row - 1).seq > model->entry(row).seq);
}

void TestAdminPages::verifyReportsIntactThenTampering()
{
    UD_TEST_DATABASE(t);
    Test::Services s(t.db());
    const auto admin = s.addUser(QStringLiteral("chief"), Core::Role::Admin, QStringLiteral("a long password"));
    const auto chief = Test::Services::contextOf(admin);
    for (const char *name : {"bob", "carla", "dmitri"})
        s.users.createUser(chief, QLatin1String(name), QString(), Core::Role::Agent, QStringLiteral("a long password"));
    const qint64 total = s.audit.count(chief);

    Ui::JobTracker jobs;
    Ui::AuditPage page(s.context, jobs, chief);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTest::mouseClick(button(page, "verifyAudit"), Qt::LeftButton);
    QVERIFY(page.isVerifying());
    QCOMPARE(jobs.jobs().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isVerifying(), 20000);
    QVERIFY(!jobs.isBusy());
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Information);
    QCOMPARE(page.messageBar()->text(), QStringLiteral("The audit log is intact (%1 entries checked).").arg(total));

    // Someone edits an entry with SQL, outside the program.
    const qint64 tampered = page.model()->entry(2).seq;
    Core::SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET after_json = :json WHERE seq = :seq"))
        .bind(QStringLiteral(":json"), QStringLiteral("{\"role\":\"admin\"}"))
        .bind(QStringLiteral(":seq"), tampered)
        .exec();
    QTest::mouseClick(button(page, "verifyAudit"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isVerifying(), 20000);
    QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Error);
    QVERIFY2(page.messageBar()->text().startsWith(QStringLiteral("Entry %1 ").arg(tampered)),
             qPrintable(page.messageBar()->text()));
}

QTEST_MAIN(TestAdminPages)
#include "tst_adminpages.moc"
