#include "accountsfixture.h"

#include <accounts/contactcodes.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Ud;
using Accounts::ContactCode;
using Accounts::ContactCodeKind;
using Accounts::ContactCodeService;
using Accounts::Interaction;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

QStringList codes(const QList<ContactCode> &list)
{
    QStringList keys;
    for (const ContactCode &c : list)
        keys << c.code;
    return keys;
}

QStringList names(const QList<ContactCode> &list)
{
    QStringList shown;
    for (const ContactCode &c : list)
        shown << c.displayName();
    return shown;
}

QJsonObject parse(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}
} // namespace

class TestContactCodes : public QObject
{
    Q_OBJECT

private slots:
    void shippedListsInOrder_data() { Test::addBackendRows(); }
    void shippedListsInOrder()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const auto reasons = f.module.contactCodes().list(f.agent(), ContactCodeKind::Reason);
        QCOMPARE(codes(reasons), (QStringList{QStringLiteral("bill"), QStringLiteral("payment"), QStringLiteral("usage"),
                                             QStringLiteral("outage"), QStringLiteral("move"), QStringLiteral("program"),
                                             QStringLiteral("complaint"), QStringLiteral("other")}));
        QCOMPARE(names(reasons).at(4), QStringLiteral("Moving home"));
        for (const ContactCode &c : reasons) {
            QVERIFY(c.active);
            QVERIFY(c.label.isEmpty());
            QVERIFY(c.isShipped());
        }
        const auto wrapUps = f.module.contactCodes().list(f.agent(), ContactCodeKind::WrapUp);
        QCOMPARE(names(wrapUps), (QStringList{QStringLiteral("Resolved"), QStringLiteral("Follow-up needed"),
                                             QStringLiteral("Escalated"), QStringLiteral("Callback booked"),
                                             QStringLiteral("No action needed")}));
        QCOMPARE(codes(wrapUps), Accounts::shippedContactCodes(ContactCodeKind::WrapUp));
    }

    void addRenameDeactivateMove_data() { Test::addBackendRows(); }
    void addRenameDeactivateMove()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        ContactCodeService &service = f.module.contactCodes();
        const auto admin = f.supervisor();
        QSignalSpy changed(&f.events, &Core::EventBus::published);

        const ContactCode fault = service.add(admin, ContactCodeKind::Reason, QStringLiteral("  Smart-meter   fault! "));
        QCOMPARE(fault.code, QStringLiteral("smart_meter_fault"));
        QCOMPARE(fault.label, QStringLiteral("Smart-meter fault!"));
        QVERIFY(fault.active);
        QCOMPARE(codes(service.list(admin, ContactCodeKind::Reason)).constLast(), QStringLiteral("smart_meter_fault"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toString(), QStringLiteral("contact_code.changed"));
        // A key already taken gets a number; labels without Latin letters still get a key.
        QCOMPARE(service.add(admin, ContactCodeKind::Reason, QStringLiteral("Smart meter fault (gas)")).code,
                 QStringLiteral("smart_meter_fault_gas"));
        QCOMPARE(service.add(admin, ContactCodeKind::Reason, QStringLiteral("智能电表故障")).code, QStringLiteral("custom"));
        QCOMPARE(service.add(admin, ContactCodeKind::Reason, QStringLiteral("电费")).code, QStringLiteral("custom_2"));
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { service.add(admin, ContactCodeKind::Reason, QStringLiteral("bill")); }),
                 QStringLiteral("Name: there is already a code named \"Bill\"; choose another name."));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { service.add(admin, ContactCodeKind::WrapUp, QStringLiteral(" ")); })
                    .startsWith(QLatin1String("Name is required")));

        const ContactCode renamed = service.rename(admin, fault.id, QStringLiteral("Meter fault"));
        QCOMPARE(renamed.label, QStringLiteral("Meter fault"));
        QCOMPARE(renamed.code, QStringLiteral("smart_meter_fault"));   // the key stays
        const ContactCode bill = service.list(admin, ContactCodeKind::Reason).constFirst();
        QCOMPARE(service.rename(admin, bill.id, QStringLiteral("Bill query")).displayName(), QStringLiteral("Bill query"));
        // A shipped code renamed to nothing shows its translated name again.
        QCOMPARE(service.rename(admin, bill.id, QString()).displayName(), QStringLiteral("Bill"));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { service.rename(admin, fault.id, QString()); })
                    .startsWith(QLatin1String("Name is required")));

        const ContactCode payment = service.list(admin, ContactCodeKind::Reason).at(1);
        QVERIFY(!service.setActive(admin, payment.id, false).active);
        QVERIFY(!codes(service.list(admin, ContactCodeKind::Reason)).contains(QStringLiteral("payment")));
        QVERIFY(codes(service.list(admin, ContactCodeKind::Reason, true)).contains(QStringLiteral("payment")));

        // Moving over an inactive neighbour: the full list is the one reordered.
        service.move(admin, bill.id, ContactCodeService::Direction::Down);
        QCOMPARE(codes(service.list(admin, ContactCodeKind::Reason, true)).mid(0, 3),
                 (QStringList{QStringLiteral("payment"), QStringLiteral("bill"), QStringLiteral("usage")}));
        service.move(admin, payment.id, ContactCodeService::Direction::Up); // already first: nothing changes
        service.move(admin, bill.id, ContactCodeService::Direction::Up);
        QCOMPARE(codes(service.list(admin, ContactCodeKind::Reason, true)).mid(0, 3),
                 (QStringList{QStringLiteral("bill"), QStringLiteral("payment"), QStringLiteral("usage")}));

        const auto entries = f.audit.list(admin, 3);
        QCOMPARE(entries.at(0).action, QStringLiteral("contact_code.move"));
        QCOMPARE(entries.at(2).action, QStringLiteral("contact_code.deactivate"));
        QCOMPARE(entries.at(2).entityId, payment.id);
        QCOMPARE(parse(entries.at(2).afterJson).value(QStringLiteral("active")).toBool(), false);

        // An unused added code can be removed (Undo of add); a shipped one cannot.
        service.remove(admin, renamed.id);
        QVERIFY(!codes(service.list(admin, ContactCodeKind::Reason, true)).contains(QStringLiteral("smart_meter_fault")));
        QVERIFY(errorOf(Error::Kind::Conflict, [&] { service.remove(admin, bill.id); }).contains(QLatin1String("deactivate")));
    }

    void deactivatedCodeRefusedForNewContactsButOldOnesRead_data() { Test::addBackendRows(); }
    void deactivatedCodeRefusedForNewContactsButOldOnesRead()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        ContactCodeService &service = f.module.contactCodes();
        Accounts::Customer c;
        c.fullName = QStringLiteral("Mary Moves");
        c = f.customers().create(f.agent(), c);
        const ContactCode boiler = service.add(f.supervisor(), ContactCodeKind::Reason, QStringLiteral("Boiler grant"));
        Interaction call;
        call.customerId = c.id;
        call.reasonCode = boiler.code;
        call.wrapUpCode = QStringLiteral("resolved");
        f.interactions().log(f.agent(), call);

        service.setActive(f.supervisor(), boiler.id, false);
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.interactions().log(f.agent(), call); }),
                 QStringLiteral("Reason code \"boiler_grant\" is not an active reason: choose one from the list."));
        QCOMPARE(errorOf(Error::Kind::Conflict, [&] { service.remove(f.supervisor(), boiler.id); }),
                 QStringLiteral("\"Boiler grant\" is used by logged contacts and cannot be removed: deactivate it instead."));
        const auto history = f.interactions().ofCustomer(f.agent(), c.id);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().reasonCode, QStringLiteral("boiler_grant"));
        QCOMPARE(history.first().reason, QStringLiteral("Boiler grant"));

        const ContactCode resolved = service.list(f.agent(), ContactCodeKind::WrapUp).constFirst();
        service.setActive(f.supervisor(), resolved.id, false);
        call.reasonCode = QStringLiteral("bill");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.interactions().log(f.agent(), call); })
                    .startsWith(QLatin1String("Wrap-up code \"resolved\" is not an active wrap-up code")));
        service.setActive(f.supervisor(), resolved.id, true);
        QCOMPARE(f.interactions().log(f.agent(), call).wrapUpCode, QStringLiteral("resolved"));
    }

    void agentMayReadButNotChange_data() { Test::addBackendRows(); }
    void agentMayReadButNotChange()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        ContactCodeService &service = f.module.contactCodes();
        const ContactCode bill = service.list(f.agent(), ContactCodeKind::Reason).constFirst();
        const QString denied = errorOf(Error::Kind::Denied, [&] { service.add(f.agent(), ContactCodeKind::Reason, QStringLiteral("Solar")); });
        QVERIFY2(denied.contains(QLatin1String("alice")), qPrintable(denied));
        QVERIFY(errorOf(Error::Kind::Denied, [&] { service.rename(f.agent(), bill.id, QStringLiteral("Bills")); }).contains(QLatin1String("alice")));
        QVERIFY(errorOf(Error::Kind::Denied, [&] { service.setActive(f.agent(), bill.id, false); }).contains(QLatin1String("alice")));
        QVERIFY(errorOf(Error::Kind::Denied, [&] { service.move(f.agent(), bill.id, ContactCodeService::Direction::Down); }).contains(QLatin1String("alice")));
        QCOMPARE(service.list(f.agent(), ContactCodeKind::Reason, true).size(), 8);
        QCOMPARE(service.list(f.agent(), ContactCodeKind::Reason).constFirst(), bill);
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { service.rename(f.supervisor(), QStringLiteral("nope"), QStringLiteral("X")); }),
                 QStringLiteral("The contact code does not exist (any more); it may have been removed."));
    }
};

QTEST_GUILESS_MAIN(TestContactCodes)
#include "tst_contactcodes.moc"
