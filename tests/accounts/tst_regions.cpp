#include "accountsfixture.h"

#include <accounts/customerhistory.h>
#include <accounts/customersearch.h>
#include <accounts/moveservice.h>
#include <accounts/registrationservice.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QTest>

using namespace Ud;
using Accounts::Customer;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

Core::UserContext fieldOfficer(const QString &region)
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000004"), QStringLiteral("fiona"), Core::Role::FieldOfficer,
            region};
}

/// Anna lives in the North, Ben in the South, Cara has accounts in both, Dan has none yet.
struct Town {
    explicit Town(AccountsFixture &f)
    {
        auto premise = [&f](const QString &line, const QString &postcode, const QString &region) {
            Accounts::Premise p = AccountsFixture::premise(line, QStringLiteral("Leeds"), postcode, QStringLiteral("GB"),
                                                           QStringLiteral("Europe/London"));
            p.region = region;
            return f.accounts().addPremise(f.agent(), p);
        };
        const auto north = premise(QStringLiteral("1 North Road"), QStringLiteral("LS1 1AA"), QStringLiteral("North"));
        const auto south = premise(QStringLiteral("9 South Street"), QStringLiteral("LS9 9ZZ"), QStringLiteral("South"));
        const auto north2 = premise(QStringLiteral("3 North Road"), QStringLiteral("LS1 1AB"), QStringLiteral("North"));
        auto customer = [&f](const QString &name, const QString &phone) {
            Customer c;
            c.fullName = name;
            c.phone = phone;
            return f.customers().create(f.agent(), c);
        };
        anna = customer(QStringLiteral("Anna North"), QStringLiteral("+44 113 496 0001"));
        ben = customer(QStringLiteral("Ben South"), QStringLiteral("+44 113 496 0002"));
        cara = customer(QStringLiteral("Cara Both"), QStringLiteral("+44 113 496 0003"));
        dan = customer(QStringLiteral("Dan Nowhere"), QStringLiteral("+44 113 496 0004"));
        const auto gb = QStringLiteral("GB");
        annaAccount = f.accounts().openAccount(f.agent(), anna.id, north.id, gb, Accounts::PaymentType::Postpaid).accountNumber;
        const auto benOpened = f.accounts().openAccount(f.agent(), ben.id, south.id, gb, Accounts::PaymentType::Postpaid);
        benAccount = benOpened.accountNumber;
        benAccountId = benOpened.id;
        f.accounts().openAccount(f.agent(), cara.id, south.id, gb, Accounts::PaymentType::Prepaid);
        f.accounts().openAccount(f.agent(), cara.id, north2.id, gb, Accounts::PaymentType::Postpaid);
    }
    Customer anna, ben, cara, dan;
    QString annaAccount, benAccount, benAccountId;
};

QStringList names(const QList<Accounts::CustomerListRow> &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out << r.fullName;
    return out;
}

QStringList names(const QList<Accounts::CustomerMatch> &matches)
{
    QStringList out;
    for (const auto &m : matches)
        out << m.name;
    out.sort();
    return out;
}
} // namespace

class TestRegions : public QObject
{
    Q_OBJECT

private slots:
    void fieldOfficerSeesOnlyTheirRegion_data() { Test::addBackendRows(); }
    void fieldOfficerSeesOnlyTheirRegion()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Town town(f);
        const auto fiona = fieldOfficer(QStringLiteral("North"));
        Accounts::CustomerSearch search(t.db());

        // The list and its count.
        QCOMPARE(names(f.customers().list(fiona, {})), (QStringList{QStringLiteral("Anna North"), QStringLiteral("Cara Both")}));
        QCOMPARE(f.customers().count(fiona), 2);
        Accounts::CustomerListQuery southOnly;
        southOnly.filter = QStringLiteral("LS9");
        QCOMPARE(names(f.customers().list(fiona, southOnly)), QStringList{QStringLiteral("Cara Both")});
        QCOMPARE(f.customers().count(fiona, QStringLiteral("Ben")), 0);
        // An agent sees everyone.
        QCOMPARE(f.customers().count(f.agent()), 4);
        QCOMPARE(names(f.customers().list(f.agent(), southOnly)),
                 (QStringList{QStringLiteral("Ben South"), QStringLiteral("Cara Both")}));

        // Search by name, phone, account number and postcode.
        QCOMPARE(names(search.search(fiona, QStringLiteral("Anna"))), QStringList{QStringLiteral("Anna North")});
        QVERIFY(search.search(fiona, QStringLiteral("Ben South")).isEmpty());
        QCOMPARE(names(search.search(f.agent(), QStringLiteral("Ben South"))), QStringList{QStringLiteral("Ben South")});
        QVERIFY(search.search(fiona, QStringLiteral("0113 496 0002")).isEmpty());
        QCOMPARE(names(search.search(fiona, QStringLiteral("0113 496 0003"))), QStringList{QStringLiteral("Cara Both")});
        QVERIFY(search.search(fiona, town.benAccount).isEmpty());
        QCOMPARE(names(search.search(fiona, town.annaAccount)), QStringList{QStringLiteral("Anna North")});
        QCOMPARE(names(search.search(fiona, QStringLiteral("LS9 9ZZ"))), QStringList{QStringLiteral("Cara Both")});
        QCOMPARE(names(search.search(f.agent(), QStringLiteral("LS9 9ZZ"))),
                 (QStringList{QStringLiteral("Ben South"), QStringLiteral("Cara Both")}));
        QVERIFY(search.search(fiona, QStringLiteral("Dan")).isEmpty());

        // One customer: theirs opens, another region's is denied with a sentence.
        QCOMPARE(f.customers().get(fiona, town.cara.id).fullName, QStringLiteral("Cara Both"));
        const QString outside = QStringLiteral("Customer %1 is outside your region North.").arg(town.ben.customerNumber);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().get(fiona, town.ben.id); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().findByNumber(fiona, town.ben.customerNumber); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().get(fiona, town.dan.id); }),
                 QStringLiteral("Customer %1 is outside your region North.").arg(town.dan.customerNumber));
        Customer changed = town.ben;
        changed.email = QStringLiteral("ben@example.com");
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().update(fiona, changed); }), outside);
        QCOMPARE(f.customers().get(f.agent(), town.ben.id).email, QString());
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.accounts().accountsOfCustomer(fiona, town.ben.id); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.accounts().premisesOfCustomer(fiona, town.ben.id); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.accounts().findByNumber(fiona, town.benAccount); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.interactions().ofCustomer(fiona, town.ben.id); }), outside);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.module.history().changes(fiona, town.ben.id, 10); }), outside);
        QCOMPARE(f.accounts().accountsOfCustomer(fiona, town.cara.id).size(), 2);
        QVERIFY(!f.module.history().changes(fiona, town.anna.id, 10).isEmpty());
        Accounts::Interaction visit;
        visit.customerId = town.ben.id;
        visit.reason = QStringLiteral("Meter read");
        visit.reasonCode = QStringLiteral("usage");
        visit.wrapUpCode = QStringLiteral("resolved");
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.interactions().log(fiona, visit); }), outside);
        visit.customerId = town.anna.id;
        QCOMPARE(f.interactions().log(fiona, visit).agent, QStringLiteral("fiona"));

        // Another region's officer sees the other half.
        QCOMPARE(names(f.customers().list(fieldOfficer(QStringLiteral("South")), {})),
                 (QStringList{QStringLiteral("Ben South"), QStringLiteral("Cara Both")}));
    }

    void movesAndDuplicatesKeepToTheRegion_data() { Test::addBackendRows(); }
    void movesAndDuplicatesKeepToTheRegion()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Town town(f);
        const auto fiona = fieldOfficer(QStringLiteral("North"));
        const QDate day(2024, 6, 10);

        // Ben lives in the South: moving him out is refused, and nothing changes.
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.module.moves().moveOut(fiona, town.benAccountId, day); }),
                 QStringLiteral("Customer %1 is outside your region North.").arg(town.ben.customerNumber));
        QCOMPARE(f.accounts().account(f.agent(), town.benAccountId).status, Accounts::AccountStatus::Active);

        // The address search offers only North addresses.
        const auto premises = f.module.moves().findPremises(fiona, QStringLiteral("Road"));
        QCOMPARE(premises.size(), 2);
        for (const auto &match : premises)
            QCOMPARE(match.premise.region, QStringLiteral("North"));
        QVERIFY(f.module.moves().findPremises(fiona, QStringLiteral("South Street")).isEmpty());
        QCOMPARE(f.module.moves().findPremises(f.agent(), QStringLiteral("South Street")).size(), 1);

        // Registering someone with Ben's phone warns an agent, but does not show Ben to Fiona.
        Accounts::NewRegistration r;
        r.customer.fullName = QStringLiteral("Benjamin South");
        r.customer.phone = QStringLiteral("0113 496 0002");
        r.marketCode = QStringLiteral("GB");
        QCOMPARE(f.module.registrations().findDuplicates(f.agent(), r).size(), 1);
        QVERIFY(f.module.registrations().findDuplicates(fiona, r).isEmpty());
        r.customer.phone = QStringLiteral("0113 496 0001");
        QCOMPARE(f.module.registrations().findDuplicates(fiona, r).size(), 1);
    }

    void fieldOfficerWithoutRegionSeesNoCustomers_data() { Test::addBackendRows(); }
    void fieldOfficerWithoutRegionSeesNoCustomers()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Town town(f);
        // A premise without a region must not make its customers everyone's.
        const auto blank = f.accounts().addPremise(
            f.agent(), AccountsFixture::premise(QStringLiteral("5 Lane"), QStringLiteral("Leeds"), QStringLiteral("LS5 5AA"),
                                                QStringLiteral("GB"), QStringLiteral("Europe/London")));
        f.accounts().openAccount(f.agent(), town.dan.id, blank.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid);
        const auto nobody = fieldOfficer(QString());
        QVERIFY(f.customers().list(nobody, {}).isEmpty());
        QCOMPARE(f.customers().count(nobody), 0);
        QVERIFY(Accounts::CustomerSearch(t.db()).search(nobody, QStringLiteral("Dan")).isEmpty());
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().get(nobody, town.dan.id); }),
                 QStringLiteral("Customer %1 is outside your region: you have no region yet, so you see no customers. "
                                "Ask an administrator to set your region.").arg(town.dan.customerNumber));
    }

    void userRegionIsStoredAndSignedInWith_data() { Test::addBackendRows(); }
    void userRegionIsStoredAndSignedInWith()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Town town(f);
        const auto admin = Core::UserContext::operatingSystemUser();
        const auto created = f.users.createUser(admin, QStringLiteral("fiona"), QStringLiteral("Fiona Field"),
                                                Core::Role::FieldOfficer, QStringLiteral("long enough password"),
                                                QStringLiteral("  North "));
        QCOMPARE(created.region, QStringLiteral("North"));
        Core::SqlQuery stored(t.db().connection(), QStringLiteral("SELECT region FROM users WHERE username = 'fiona'"));
        QCOMPARE(stored.scalar().toString(), QStringLiteral("North"));

        const Core::UserContext signedIn = f.users.signIn(QStringLiteral("fiona"), QStringLiteral("long enough password"));
        QCOMPARE(signedIn.region(), QStringLiteral("North"));
        QCOMPARE(f.customers().count(signedIn), 2);

        f.users.setRegion(admin, QStringLiteral("fiona"), QStringLiteral("South"));
        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("user.region"));
        QVERIFY2(entry.beforeJson.contains(QLatin1String("North")) && entry.afterJson.contains(QLatin1String("South")),
                 qPrintable(entry.beforeJson + entry.afterJson));
        const auto again = f.users.signIn(QStringLiteral("fiona"), QStringLiteral("long enough password"));
        QCOMPARE(again.region(), QStringLiteral("South"));
        QCOMPARE(names(f.customers().list(again, {})), (QStringList{QStringLiteral("Ben South"), QStringLiteral("Cara Both")}));
        QCOMPARE(f.users.list(admin).first().region, QStringLiteral("South"));

        QVERIFY(errorOf(Error::Kind::Denied,
                        [&] { f.users.setRegion(f.agent(), QStringLiteral("fiona"), QStringLiteral("North")); })
                    .contains(QLatin1String("alice")));
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.users.setRegion(admin, QStringLiteral("nobody"), QString()); }),
                 QStringLiteral("There is no user named \"nobody\"."));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.users.setRegion(admin, QStringLiteral("fiona"), QString(101, QLatin1Char('x'))); })
                    .startsWith(QLatin1String("The region is too long")));
    }
};

QTEST_GUILESS_MAIN(TestRegions)
#include "tst_regions.moc"
