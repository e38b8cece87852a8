#include "accountsfixture.h"

#include <accounts/contactcodes.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Ud;
using Accounts::Customer;
using Accounts::Interaction;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

Interaction billCall(const QString &customerId)
{
    Interaction call;
    call.customerId = customerId;
    call.reasonCode = QStringLiteral("bill");
    call.wrapUpCode = QStringLiteral("follow_up");
    call.summary = QStringLiteral("Explained the estimated reading");
    call.durationSeconds = 312;
    call.identityCheck = QStringLiteral("date of birth, security answer");
    return call;
}
} // namespace

/// The contact log's codes, duration and identity check (the older fields are covered in
/// tst_accountservice).
class TestInteractionService : public QObject
{
    Q_OBJECT

private slots:
    void codesDurationAndIdentityAreStoredAndReadBack_data() { Test::addBackendRows(); }
    void codesDurationAndIdentityAreStoredAndReadBack()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c;
        c.fullName = QStringLiteral("Grace Hopper");
        c = f.customers().create(f.agent(), c);

        const Interaction logged = f.interactions().log(f.agent(), billCall(c.id));
        // No reason in words given: the reason code's name stands in for it.
        QCOMPARE(logged.reason, QStringLiteral("Bill"));
        const QList<Interaction> history = f.interactions().ofCustomer(f.agent(), c.id);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first(), logged);
        QCOMPARE(history.first().reasonCode, QStringLiteral("bill"));
        QCOMPARE(history.first().wrapUpCode, QStringLiteral("follow_up"));
        QCOMPARE(history.first().durationSeconds, 312);
        QCOMPARE(history.first().identityCheck, QStringLiteral("date of birth, security answer"));

        Core::SqlQuery row(t.db().connection(), QStringLiteral(
            "SELECT reason_code, wrap_up_code, duration_seconds, identity_check, reason FROM interactions"));
        row.exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("bill"));
        QCOMPARE(row.value(1).toString(), QStringLiteral("follow_up"));
        QCOMPARE(row.value(2).toInt(), 312);
        QCOMPARE(row.value(3).toString(), QStringLiteral("date of birth, security answer"));
        QCOMPARE(row.value(4).toString(), QStringLiteral("Bill"));

        const auto entry = f.audit.list(f.supervisor(), 1).constFirst();
        QCOMPARE(entry.action, QStringLiteral("interaction.create"));
        const QJsonObject after = QJsonDocument::fromJson(entry.afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("reason_code")).toString(), QStringLiteral("bill"));
        QCOMPARE(after.value(QStringLiteral("wrap_up_code")).toString(), QStringLiteral("follow_up"));
        QCOMPARE(after.value(QStringLiteral("duration_seconds")).toInt(), 312);
        QCOMPARE(after.value(QStringLiteral("identity_check")).toString(), QStringLiteral("date of birth, security answer"));

        // A reason in words is kept as typed.
        Interaction worded = billCall(c.id);
        worded.reason = QStringLiteral("Bill higher than last winter");
        f.clock.advance(60);
        QCOMPARE(f.interactions().log(f.agent(), worded).reason, QStringLiteral("Bill higher than last winter"));
    }

    void badCodesAndDurationsAreRefusedNamingTheField_data() { Test::addBackendRows(); }
    void badCodesAndDurationsAreRefusedNamingTheField()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c;
        c.fullName = QStringLiteral("Ada Lovelace");
        c = f.customers().create(f.agent(), c);
        auto logError = [&](const Interaction &call) {
            return errorOf(Error::Kind::BadInput, [&] { f.interactions().log(f.agent(), call); });
        };

        Interaction call = billCall(c.id);
        call.reasonCode.clear();
        QCOMPARE(logError(call), QStringLiteral("Reason code is required: choose why the customer got in touch."));
        call = billCall(c.id);
        call.wrapUpCode = QStringLiteral("  ");
        QCOMPARE(logError(call), QStringLiteral("Wrap-up code is required: choose how the contact ended."));
        call = billCall(c.id);
        call.reasonCode = QStringLiteral("resolved"); // a wrap-up code is not a reason
        QCOMPARE(logError(call), QStringLiteral("Reason code \"resolved\" is not an active reason: choose one from the list."));
        call = billCall(c.id);
        call.wrapUpCode = QStringLiteral("teleported");
        QVERIFY(logError(call).startsWith(QLatin1String("Wrap-up code \"teleported\" is not an active")));
        call = billCall(c.id);
        call.durationSeconds = -1;
        QCOMPARE(logError(call), QStringLiteral("Duration must be between 0 and 24 hours."));
        call.durationSeconds = 24 * 60 * 60 + 1;
        QCOMPARE(logError(call), QStringLiteral("Duration must be between 0 and 24 hours."));
        call.durationSeconds = 24 * 60 * 60;
        QCOMPARE(f.interactions().log(f.agent(), call).durationSeconds, 24 * 60 * 60);
        QCOMPARE(f.interactions().countOfCustomer(f.agent(), c.id), 1);
    }

    void contactsLoggedBeforeCodesStillRead_data() { Test::addBackendRows(); }
    void contactsLoggedBeforeCodesStillRead()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c;
        c.fullName = QStringLiteral("Old Caller");
        c = f.customers().create(f.agent(), c);
        // A row as the program wrote it before migration 0007 (no code columns named).
        Core::SqlQuery(t.db().connection(), QStringLiteral(
            "INSERT INTO interactions (id, customer_id, at, channel, direction, reason, summary, notes, agent) "
            "VALUES (:id, :c, 1700000000, 'phone', 'inbound', 'Bill query', '', '', 'alice')"))
            .bind(QStringLiteral(":id"), Core::newId())
            .bind(QStringLiteral(":c"), c.id)
            .exec();
        const QList<Interaction> history = f.interactions().ofCustomer(f.agent(), c.id);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().reason, QStringLiteral("Bill query"));
        QCOMPARE(history.first().reasonCode, QString());
        QCOMPARE(history.first().wrapUpCode, QString());
        QCOMPARE(history.first().durationSeconds, 0);
        QCOMPARE(history.first().identityCheck, QString());
    }
};

QTEST_GUILESS_MAIN(TestInteractionService)
#include "tst_interactionservice.moc"
