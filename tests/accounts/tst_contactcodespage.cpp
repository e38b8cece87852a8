#include "accountsfixture.h"

#include <accounts/contactcodelistmodel.h>
#include <accounts/contactcodes.h>
#include <accounts/ui/contactcodespage.h>
#include <core/ui/messagebar.h>

#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Ud;
using Accounts::ContactCodeKind;
using Accounts::ContactCodesPage;
using Test::AccountsFixture;

namespace {
template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QStringList shown(QListView *list)
{
    QStringList rows;
    for (int r = 0; r < list->model()->rowCount(); ++r)
        rows << list->model()->index(r, 0).data().toString();
    return rows;
}
} // namespace

class TestContactCodesPage : public QObject
{
    Q_OBJECT

private slots:
    void changesAreSavedAndCanBeUndone_data() { Test::addBackendRows(); }
    void changesAreSavedAndCanBeUndone()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        ContactCodesPage page(f.module.contactCodes(), t.db(), f.supervisor());
        QSignalSpy reloaded(&page, &ContactCodesPage::reloaded);
        QSignalSpy finished(&page, &ContactCodesPage::changeFinished);
        page.show();
        QTRY_COMPARE(reloaded.count(), 1);
        QListView *reasons = page.view(ContactCodeKind::Reason);
        QListView *wrapUps = page.view(ContactCodeKind::WrapUp);
        QCOMPARE(shown(reasons).size(), 8);
        QCOMPARE(shown(reasons).constFirst(), QStringLiteral("Bill"));
        QCOMPARE(shown(wrapUps).constLast(), QStringLiteral("No action needed"));

        // Add: typed under the list, Enter; the new code is selected at the end.
        auto *newName = child<QLineEdit>(&page, "reasonNewName");
        QTest::keyClicks(newName, QStringLiteral("Solar panels"));
        QTest::keyClick(newName, Qt::Key_Return);
        QTRY_COMPARE(reloaded.count(), 2);
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(shown(reasons).constLast(), QStringLiteral("Solar panels"));
        QCOMPARE(page.selectedId(ContactCodeKind::Reason), page.model(ContactCodeKind::Reason)->codes().constLast().id);
        QCOMPARE(newName->text(), QString());
        QCOMPARE(page.messageBar()->text(), QStringLiteral("\"Solar panels\" added."));
        page.messageBar()->actionButton()->click();   // Undo
        QTRY_COMPARE(reloaded.count(), 3);
        QVERIFY(!shown(reasons).contains(QStringLiteral("Solar panels")));
        QCOMPARE(f.module.contactCodes().list(f.agent(), ContactCodeKind::Reason, true).size(), 8);

        // Deactivate the selected code, then Undo.
        const QString billId = page.model(ContactCodeKind::Reason)->codes().constFirst().id;
        page.select(ContactCodeKind::Reason, billId);
        auto *active = child<QPushButton>(&page, "reasonActive");
        QCOMPARE(active->text(), QStringLiteral("&Deactivate"));
        active->click();
        QTRY_COMPARE(reloaded.count(), 4);
        QCOMPARE(shown(reasons).constFirst(), QStringLiteral("Bill (inactive)"));
        QCOMPARE(active->text(), QStringLiteral("Ac&tivate"));
        QCOMPARE(f.module.contactCodes().list(f.agent(), ContactCodeKind::Reason).constFirst().code, QStringLiteral("payment"));
        page.messageBar()->actionButton()->click();
        QTRY_COMPARE(reloaded.count(), 5);
        QCOMPARE(shown(reasons).constFirst(), QStringLiteral("Bill"));

        // Move down keeps the code selected; Undo moves it back.
        child<QPushButton>(&page, "reasonDown")->click();
        QTRY_COMPARE(reloaded.count(), 6);
        QCOMPARE(shown(reasons).mid(0, 2), (QStringList{QStringLiteral("Payment"), QStringLiteral("Bill")}));
        QCOMPARE(page.selectedId(ContactCodeKind::Reason), billId);
        page.messageBar()->actionButton()->click();
        QTRY_COMPARE(reloaded.count(), 7);
        QCOMPARE(shown(reasons).mid(0, 2), (QStringList{QStringLiteral("Bill"), QStringLiteral("Payment")}));

        // Rename in place (what F2 commits), then Undo gives the translated name back.
        page.model(ContactCodeKind::Reason)->setData(page.model(ContactCodeKind::Reason)->index(0), QStringLiteral("Bills"));
        QTRY_COMPARE(reloaded.count(), 8);
        QCOMPARE(shown(reasons).constFirst(), QStringLiteral("Bills"));
        QCOMPARE(page.messageBar()->text(), QStringLiteral("\"Bill\" renamed to \"Bills\"."));
        page.messageBar()->actionButton()->click();
        QTRY_COMPARE(reloaded.count(), 9);
        QCOMPARE(shown(reasons).constFirst(), QStringLiteral("Bill"));
        QCOMPARE(f.module.contactCodes().list(f.agent(), ContactCodeKind::Reason).constFirst().label, QString());

        // A name already shown is refused, in the message bar; nothing is added.
        auto *newWrapUp = child<QLineEdit>(&page, "wrap_upNewName");
        QTest::keyClicks(newWrapUp, QStringLiteral("resolved"));
        child<QPushButton>(&page, "wrap_upAdd")->click();
        QTRY_COMPARE(reloaded.count(), 10);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(page.messageBar()->text(),
                 QStringLiteral("Name: there is already a code named \"Resolved\"; choose another name."));
        QCOMPARE(newWrapUp->text(), QStringLiteral("resolved"));
        QCOMPARE(shown(wrapUps).size(), 5);
    }

    void agentIsToldWhyNot_data() { Test::addBackendRows(); }
    void agentIsToldWhyNot()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        ContactCodesPage page(f.module.contactCodes(), t.db(), f.agent());
        QSignalSpy reloaded(&page, &ContactCodesPage::reloaded);
        QTRY_COMPARE(reloaded.count(), 1);
        auto *newName = child<QLineEdit>(&page, "reasonNewName");
        QTest::keyClicks(newName, QStringLiteral("Solar panels"));
        QTest::keyClick(newName, Qt::Key_Return);
        QTRY_COMPARE(reloaded.count(), 2);
        QVERIFY2(page.messageBar()->text().startsWith(QLatin1String("alice (")), qPrintable(page.messageBar()->text()));
        QCOMPARE(shown(page.view(ContactCodeKind::Reason)).size(), 8);
    }
};

QTEST_MAIN(TestContactCodesPage)
#include "tst_contactcodespage.moc"
