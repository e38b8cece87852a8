#include "accountsfixture.h"

#include <accounts/moveservice.h>
#include <accounts/registrationservice.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace Ud;
using Accounts::Account;
using Accounts::AccountStatus;
using Accounts::Commodity;
using Accounts::MoveOutcome;
using Accounts::NewRegistration;
using Accounts::PaymentType;
using Accounts::Premise;
using Accounts::Registration;
using Accounts::ServicePoint;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

qint64 auditCount(AccountsFixture &f)
{
    return f.audit.count(f.supervisor());
}

// Who is billed for each service point of the premise: identifier -> account id (empty if free).
QMap<QString, QString> billing(AccountsFixture &f, const QString &premiseId)
{
    QMap<QString, QString> map;
    for (const ServicePoint &sp : f.meters().servicePointsOfPremise(f.agent(), premiseId))
        map.insert(sp.identifier, sp.accountId);
    return map;
}

/// Alice at 10 Downing Street since 1 June with electricity and gas billed to her account; a
/// vacant flat in Manchester with one free electricity point; Bob supplied in Leeds.
struct Street {
    explicit Street(AccountsFixture &f) : f(f)
    {
        NewRegistration r;
        r.customer.fullName = QStringLiteral("Alice Walker");
        r.premise.addressLine1 = QStringLiteral("10 Downing Street");
        r.premise.city = QStringLiteral("London");
        r.premise.postcode = QStringLiteral("SW1A 2AA");
        r.marketCode = QStringLiteral("GB");
        r.startDate = QDate(2024, 6, 1);
        alice = f.module.registrations().registerCustomer(f.agent(), r);
        addPoint(alice.premise.id, alice.account.id, Commodity::Electricity, QStringLiteral("1012345678901"));
        addPoint(alice.premise.id, alice.account.id, Commodity::Gas, QStringLiteral("7654321"));

        vacant = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
            QStringLiteral("Flat 3, 1 Piccadilly"), QStringLiteral("Manchester"), QStringLiteral("M1 1AE"),
            QStringLiteral("GB"), QStringLiteral("Europe/London")));
        addPoint(vacant.id, {}, Commodity::Electricity, QStringLiteral("1098765432109"));

        r.customer.fullName = QStringLiteral("Bob Stone");
        r.premise.addressLine1 = QStringLiteral("2 Park Row");
        r.premise.city = QStringLiteral("Leeds");
        r.premise.postcode = QStringLiteral("LS1 5HD");
        bob = f.module.registrations().registerCustomer(f.agent(), r);
    }

    void addPoint(const QString &premiseId, const QString &accountId, Commodity commodity, const QString &identifier)
    {
        ServicePoint sp;
        sp.premiseId = premiseId;
        sp.accountId = accountId;
        sp.commodity = commodity;
        sp.identifier = identifier;
        f.meters().addServicePoint(f.agent(), sp);
    }

    AccountsFixture &f;
    Registration alice;
    Registration bob;
    Premise vacant;
};

QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}
} // namespace

class TestMove : public QObject
{
    Q_OBJECT

private slots:
    void moveClosesOpensAndHandsOverServicePoints_data() { Test::addBackendRows(); }
    void moveClosesOpensAndHandsOverServicePoints()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        QStringList topics;
        QObject::connect(&f.events, &Core::EventBus::published, &f.events,
                         [&topics](const QString &topic, const QVariantMap &) { topics << topic; });

        const MoveOutcome moved = f.module.moves().move(f.agent(), s.alice.account.id, QDate(2024, 6, 20), s.vacant,
                                                        QDate(2024, 6, 20), PaymentType::Prepaid);

        const Account old = f.accounts().account(f.agent(), s.alice.account.id);
        QCOMPARE(old.status, AccountStatus::Closed);
        QCOMPARE(old.closedOn, QDate(2024, 6, 20));
        QCOMPARE(old.finalReadingOn, QDate(2024, 6, 20));
        QCOMPARE(moved.closed, old);
        QCOMPARE(moved.released.size(), 2);

        const QList<Account> accounts = f.accounts().accountsOfCustomer(f.agent(), s.alice.customer.id);
        QCOMPARE(accounts.size(), 2);
        const Account fresh = accounts.at(1);
        QCOMPARE(fresh, moved.opened);
        QCOMPARE(fresh.premiseId, s.vacant.id);
        QCOMPARE(fresh.status, AccountStatus::Active);
        QCOMPARE(fresh.openedOn, QDate(2024, 6, 20));
        QCOMPARE(fresh.marketCode, QStringLiteral("GB"));
        QCOMPARE(fresh.paymentType, PaymentType::Prepaid);
        QVERIFY(!fresh.finalReadingOn.isValid());

        // The old home's points are free for the next occupant; the new home's are billed to her.
        QCOMPARE(billing(f, s.alice.premise.id),
                 (QMap<QString, QString>{{QStringLiteral("1012345678901"), QString()}, {QStringLiteral("7654321"), QString()}}));
        QCOMPARE(billing(f, s.vacant.id), (QMap<QString, QString>{{QStringLiteral("1098765432109"), fresh.id}}));

        const auto entries = f.audit.list(f.supervisor(), 3);
        QCOMPARE(entries.at(2).action, QStringLiteral("account.move_out"));
        QCOMPARE(json(entries.at(2).afterJson).value(QStringLiteral("final_reading_on")).toString(), QStringLiteral("2024-06-20"));
        QCOMPARE(json(entries.at(2).afterJson).value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
        QCOMPARE(json(entries.at(2).afterJson).value(QStringLiteral("released_service_points")).toArray().size(), 2);
        QCOMPARE(entries.at(1).action, QStringLiteral("account.open"));
        QCOMPARE(entries.at(0).action, QStringLiteral("account.move_in"));
        QCOMPARE(json(entries.at(0).afterJson).value(QStringLiteral("attached_service_points")).toArray(),
                 QJsonArray({QStringLiteral("1098765432109")}));
        QCOMPARE(topics, QStringList({QStringLiteral("account.updated"), QStringLiteral("customer.updated"),
                                      QStringLiteral("account.opened")}));

        // The next occupant moves in on the day of the final reading and takes both points.
        const MoveOutcome next = f.module.moves().moveIn(f.agent(), s.bob.customer.id, s.alice.premise.id,
                                                         QStringLiteral("GB"), PaymentType::Postpaid, QDate(2024, 6, 20));
        QCOMPARE(next.attached.size(), 2);
        QCOMPARE(billing(f, s.alice.premise.id),
                 (QMap<QString, QString>{{QStringLiteral("1012345678901"), next.opened.id},
                                         {QStringLiteral("7654321"), next.opened.id}}));
    }

    void moveToANewAddress_data() { Test::addBackendRows(); }
    void moveToANewAddress()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        Premise to;
        to.addressLine1 = QStringLiteral("5 Calle Mayor");
        to.city = QStringLiteral("Santa Cruz de Tenerife");
        to.postcode = QStringLiteral("38 001");
        to.country = QStringLiteral("ES");
        // Moving abroad: the new account is in the new country's market, and people overlap
        // between homes (the new supply starts before the old one ends).
        const MoveOutcome moved = f.module.moves().move(f.agent(), s.alice.account.id, QDate(2024, 6, 30), to,
                                                        QDate(2024, 6, 25), PaymentType::Postpaid);
        QCOMPARE(moved.premise.postcode, QStringLiteral("38001"));
        QCOMPARE(moved.premise.timeZone, QStringLiteral("Atlantic/Canary"));
        QCOMPARE(f.accounts().premise(f.agent(), moved.opened.premiseId), moved.premise);
        QCOMPARE(moved.opened.marketCode, QStringLiteral("ES"));
        QCOMPARE(moved.opened.currency, QStringLiteral("EUR"));
        QCOMPARE(moved.opened.openedOn, QDate(2024, 6, 25));
        QVERIFY(moved.attached.isEmpty());
        QCOMPARE(f.accounts().account(f.agent(), s.alice.account.id).finalReadingOn, QDate(2024, 6, 30));
        const auto entries = f.audit.list(f.supervisor(), 4);
        QCOMPARE(entries.at(2).action, QStringLiteral("premise.create"));
    }

    void occupiedPremiseIsRefusedAndNothingChanges_data() { Test::addBackendRows(); }
    void occupiedPremiseIsRefusedAndNothingChanges()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        const qint64 entries = auditCount(f);
        const QString refused = errorOf(Error::Kind::Conflict, [&] {
            f.module.moves().move(f.agent(), s.alice.account.id, QDate(2024, 6, 20), s.bob.premise, QDate(2024, 6, 20),
                                  PaymentType::Postpaid);
        });
        QCOMPARE(refused, QStringLiteral("2 Park Row, Leeds LS1 5HD is still supplied to account %1: that account must "
                                         "move out (with its final reading) before anyone moves in.")
                              .arg(s.bob.account.accountNumber));
        // The move-out that ran first is undone with it.
        const Account old = f.accounts().account(f.agent(), s.alice.account.id);
        QCOMPARE(old.status, AccountStatus::Active);
        QVERIFY(!old.closedOn.isValid());
        QVERIFY(!old.finalReadingOn.isValid());
        QCOMPARE(billing(f, s.alice.premise.id),
                 (QMap<QString, QString>{{QStringLiteral("1012345678901"), s.alice.account.id},
                                         {QStringLiteral("7654321"), s.alice.account.id}}));
        QCOMPARE(f.accounts().accountsOfCustomer(f.agent(), s.alice.customer.id).size(), 1);
        QCOMPARE(auditCount(f), entries);

        // A bad new address undoes the move-out too, and names the field.
        Premise to;
        to.addressLine1 = QStringLiteral("Hauptstraße 1");
        to.city = QStringLiteral("Berlin");
        to.postcode = QStringLiteral("1011");
        to.country = QStringLiteral("DE");
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] {
                     f.module.moves().move(f.agent(), s.alice.account.id, QDate(2024, 6, 20), to, QDate(2024, 6, 20),
                                           PaymentType::Postpaid);
                 }),
                 QStringLiteral("Postcode \"1011\" is not a German postcode: enter five digits, for example 10117."));
        QCOMPARE(f.accounts().account(f.agent(), s.alice.account.id).status, AccountStatus::Active);
        QCOMPARE(auditCount(f), entries);
        // Moving in alone is refused the same way.
        QVERIFY(errorOf(Error::Kind::Conflict, [&] {
                    f.module.moves().moveIn(f.agent(), s.alice.customer.id, s.bob.premise.id, QStringLiteral("GB"),
                                            PaymentType::Postpaid, {});
                }).contains(s.bob.account.accountNumber));
    }

    void datesFollowTheMeterReadings_data() { Test::addBackendRows(); }
    void datesFollowTheMeterReadings()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        auto &moves = f.module.moves();
        const QString number = s.alice.account.accountNumber;
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { moves.moveOut(f.agent(), s.alice.account.id, QDate(2024, 5, 31)); }),
                 QStringLiteral("Final reading date must not be before account %1 was opened (%2).")
                     .arg(number, QLocale().toString(QDate(2024, 6, 1), QLocale::ShortFormat)));
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { moves.moveOut(f.agent(), s.alice.account.id, QDate(2024, 7, 16)); }),
                 QStringLiteral("Final reading date must be at most 30 days from today: enter %1 or an earlier day.")
                     .arg(QLocale().toString(QDate(2024, 7, 15), QLocale::ShortFormat)));
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { moves.moveOut(f.agent(), s.alice.account.id, QDate()); }),
                 QStringLiteral("Final reading date is required: enter the day of the last meter reading at the address "
                                "being left."));
        QCOMPARE(f.accounts().account(f.agent(), s.alice.account.id).status, AccountStatus::Active);

        // On the opening day is fine; a closed account cannot move out again.
        moves.moveOut(f.agent(), s.alice.account.id, QDate(2024, 6, 1));
        QCOMPARE(errorOf(Error::Kind::Conflict, [&] { moves.moveOut(f.agent(), s.alice.account.id, QDate(2024, 6, 2)); }),
                 QStringLiteral("Account %1 is already closed (on %2): its customer has moved out of it already.")
                     .arg(number, QLocale().toString(QDate(2024, 6, 1), QLocale::ShortFormat)));

        // Nobody is billed at the premise before the previous occupant's final reading.
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] {
                     moves.moveIn(f.agent(), s.bob.customer.id, s.alice.premise.id, QStringLiteral("GB"),
                                  PaymentType::Postpaid, QDate(2024, 5, 31));
                 }),
                 QStringLiteral("Start date must not be before the previous occupant's final reading on %1: enter that "
                                "day or a later one.").arg(QLocale().toString(QDate(2024, 6, 1), QLocale::ShortFormat)));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] {
                    moves.moveIn(f.agent(), s.bob.customer.id, s.alice.premise.id, QStringLiteral("GB"),
                                 PaymentType::Postpaid, QDate(2024, 7, 16));
                }).startsWith(QLatin1String("Start date must lie between")));
        // The market must serve the premise's country.
        QVERIFY(errorOf(Error::Kind::BadInput, [&] {
                    moves.moveIn(f.agent(), s.bob.customer.id, s.alice.premise.id, QStringLiteral("DE"),
                                 PaymentType::Postpaid, {});
                }).startsWith(QLatin1String("Market DE serves DE")));
        // Moving back in to the premise one left is refused as a move (choose where they go).
        Premise same;
        same.id = s.bob.premise.id;
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] {
                     moves.move(f.agent(), s.bob.account.id, QDate(2024, 6, 15), same, {}, PaymentType::Postpaid);
                 }),
                 QStringLiteral("The customer is moving out of that address: choose the address they move to."));
        // Moving in without a date starts today.
        const MoveOutcome in = moves.moveIn(f.agent(), s.bob.customer.id, s.alice.premise.id, QStringLiteral("GB"),
                                            PaymentType::Postpaid, {});
        QCOMPARE(in.opened.openedOn, QDate(2024, 6, 15));
    }

    void onlyEditorsMove_data() { Test::addBackendRows(); }
    void onlyEditorsMove()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.module.moves().moveOut(f.businessUser(), s.alice.account.id, QDate(2024, 6, 15));
                }).contains(QLatin1String("bob")));
        QCOMPARE(f.accounts().account(f.agent(), s.alice.account.id).status, AccountStatus::Active);
    }

    void premisesAreFoundByAddress_data() { Test::addBackendRows(); }
    void premisesAreFoundByAddress()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Street s(f);
        auto &moves = f.module.moves();
        auto found = moves.findPremises(f.agent(), QStringLiteral("piccadilly manchester"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().premise.id, s.vacant.id);
        QCOMPARE(found.first().occupiedBy, QString());
        found = moves.findPremises(f.agent(), QStringLiteral("ls15hd"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().premise.singleLineAddress(), QStringLiteral("2 Park Row, Leeds LS1 5HD"));
        QCOMPARE(found.first().occupiedBy, s.bob.account.accountNumber);
        QCOMPARE(moves.findPremises(f.agent(), QStringLiteral("sw1a")).size(), 1);
        QVERIFY(moves.findPremises(f.agent(), QStringLiteral("100%")).isEmpty());
        QVERIFY(moves.findPremises(f.agent(), QStringLiteral("  ")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMove)
#include "tst_move.moc"
