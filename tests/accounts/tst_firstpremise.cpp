// The customer's first premise (migration 0017): customers.first_premise_postcode and
// first_premise_region follow every change through the database triggers, agree with the
// lookup the segment attributes made before (the premises of the account opened first, then by
// number), and the migration fills them for the customers that existed before it.
#include "accountsfixture.h"

#include <accounts/moveservice.h>
#include <accounts/registrationservice.h>
#include <accounts/segmentcount.h>
#include <core/migrator.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QTest>
#include <QUuid>

using namespace Ud;
using Accounts::Account;
using Accounts::AccountStatus;
using Accounts::NewRegistration;
using Accounts::PaymentType;
using Accounts::Premise;
using Accounts::Registration;
using Test::AccountsFixture;

namespace {

/// The stored postcode and region of a customer ("<null>" for NULL), as one text for QCOMPARE.
QString stored(Core::Database &db, const QString &customerId)
{
    Core::SqlQuery q(db.connection(),
                     QStringLiteral("SELECT first_premise_postcode, first_premise_region FROM customers WHERE id = :id"));
    q.bind(QStringLiteral(":id"), customerId);
    auto &r = q.exec();
    if (!r.next())
        return QStringLiteral("no customer");
    const auto text = [](const QVariant &v) { return v.isNull() ? QStringLiteral("<null>") : v.toString(); };
    return text(r.value(0)) + QLatin1Char('|') + text(r.value(1));
}

/// Customers whose stored columns differ from the premises of their first account read
/// directly (the lookup the attributes made before migration 0017).
qint64 disagreeing(Core::Database &db)
{
    const QString first = QStringLiteral("(SELECT NULLIF(fp.%1, '') FROM premises fp WHERE fp.id = (SELECT fa.premise_id "
                                         "FROM accounts fa WHERE fa.customer_id = c.id ORDER BY fa.opened_on, "
                                         "fa.account_number LIMIT 1))");
    Core::SqlQuery q(db.connection(),
                     QStringLiteral("SELECT COUNT(*) FROM customers c WHERE COALESCE(c.first_premise_postcode, '~') <> "
                                    "COALESCE(%1, '~') OR COALESCE(c.first_premise_region, '~') <> COALESCE(%2, '~')")
                         .arg(first.arg(QStringLiteral("postcode")), first.arg(QStringLiteral("region"))));
    return q.scalar(0).toLongLong();
}

Premise gbPremise(const QString &line1, const QString &city, const QString &postcode, const QString &region)
{
    Premise p = AccountsFixture::premise(line1, city, postcode, QStringLiteral("GB"), QStringLiteral("Europe/London"));
    p.region = region;
    return p;
}

Registration registerAt(AccountsFixture &f, const QString &name, const Premise &premise, const QDate &start)
{
    NewRegistration r;
    r.customer.fullName = name;
    r.premise = premise;
    r.marketCode = QStringLiteral("GB");
    r.startDate = start;
    return f.module.registrations().registerCustomer(f.agent(), r);
}

} // namespace

class TestFirstPremise : public QObject
{
    Q_OBJECT

private slots:
    void followsAccountsAndPremises_data() { Test::addBackendRows(); }
    void followsAccountsAndPremises();
    void moveInGivesAnAccountlessCustomerTheirFirstPremise_data() { Test::addBackendRows(); }
    void moveInGivesAnAccountlessCustomerTheirFirstPremise();
    void migrationFillsCustomersThatExistedBefore_data() { Test::addBackendRows(); }
    void migrationFillsCustomersThatExistedBefore();
    void applianceKindsFollowAppliancesAndAccounts_data() { Test::addBackendRows(); }
    void applianceKindsFollowAppliancesAndAccounts();
};

namespace {

QString kinds(Core::Database &db, const QString &customerId)
{
    Core::SqlQuery q(db.connection(), QStringLiteral("SELECT appliance_kinds FROM customers WHERE id = :id"));
    q.bind(QStringLiteral(":id"), customerId);
    return q.scalar().toString();
}

} // namespace

// Migration 0019: customers.appliance_kinds, which "has appliance" reads, follows the
// appliances at the premises of the customer's accounts through the triggers.
void TestFirstPremise::applianceKindsFollowAppliancesAndAccounts()
{
    UD_TEST_DATABASE(t);
    AccountsFixture f(t.db());
    Accounts::AccountService &accounts = f.accounts();
    const Accounts::SegmentCount &segments = f.module.segmentCount();
    const QString solar = QStringLiteral("has appliance \"solar_pv\"");
    const QString heatPump = QStringLiteral("has appliance \"heat_pump\"");

    const Registration alice = registerAt(f, QStringLiteral("Alice Walker"),
                                          gbPremise(QStringLiteral("10 Downing Street"), QStringLiteral("London"),
                                                    QStringLiteral("SW1A 2AA"), QStringLiteral("south")),
                                          QDate(2024, 6, 1));
    const Registration bob = registerAt(f, QStringLiteral("Bob Marley"),
                                        gbPremise(QStringLiteral("2 Park Row"), QStringLiteral("Leeds"),
                                                  QStringLiteral("LS1 5HD"), QStringLiteral("north")),
                                        QDate(2024, 6, 1));
    QCOMPARE(kinds(t.db(), alice.customer.id), QString());
    QCOMPARE(segments.count(f.supervisor(), solar), 0);

    // An appliance at Alice's premises.
    Accounts::Appliance panels;
    panels.premiseId = alice.premise.id;
    panels.kind = Accounts::ApplianceKind::SolarPv;
    panels = f.appliances().add(f.agent(), panels);
    QCOMPARE(kinds(t.db(), alice.customer.id), QStringLiteral(",solar_pv,"));
    QCOMPARE(segments.count(f.supervisor(), solar), 1);

    // A second account at Bob's premises with a heat pump there: Alice has both kinds.
    Accounts::Appliance pump;
    pump.premiseId = bob.premise.id;
    pump.kind = Accounts::ApplianceKind::HeatPump;
    pump = f.appliances().add(f.agent(), pump);
    QCOMPARE(kinds(t.db(), bob.customer.id), QStringLiteral(",heat_pump,"));
    accounts.openAccount(f.agent(), alice.customer.id, bob.premise.id, QStringLiteral("GB"), PaymentType::Prepaid,
                         QDate(2024, 6, 10));
    QCOMPARE(kinds(t.db(), alice.customer.id), QStringLiteral(",heat_pump,solar_pv,"));
    QCOMPARE(segments.count(f.supervisor(), heatPump), 2);
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("not has appliance \"heat_pump\"")), 0);

    // The panels taken away: only the heat pump is left for Alice, nothing changes for Bob.
    f.appliances().remove(f.agent(), panels.id);
    QCOMPARE(kinds(t.db(), alice.customer.id), QStringLiteral(",heat_pump,"));
    QCOMPARE(kinds(t.db(), bob.customer.id), QStringLiteral(",heat_pump,"));
    QCOMPARE(segments.count(f.supervisor(), solar), 0);
}

void TestFirstPremise::followsAccountsAndPremises()
{
    UD_TEST_DATABASE(t);
    AccountsFixture f(t.db());
    Accounts::AccountService &accounts = f.accounts();
    const Accounts::SegmentCount &segments = f.module.segmentCount();

    // Opening the first account (registration) gives the customer its premise.
    const Registration alice = registerAt(f, QStringLiteral("Alice Walker"),
                                          gbPremise(QStringLiteral("10 Downing Street"), QStringLiteral("London"),
                                                    QStringLiteral("SW1A 2AA"), QStringLiteral("south")),
                                          QDate(2024, 6, 1));
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("SW1A 2AA|south"));
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("region = \"south\"")), 1);
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("postcode = \"SW1A 2AA\"")), 1);

    // An account opened earlier at another premise becomes the first one.
    const Premise leeds = accounts.addPremise(f.agent(), gbPremise(QStringLiteral("2 Park Row"), QStringLiteral("Leeds"),
                                                                   QStringLiteral("LS1 5HD"), QStringLiteral("north")));
    const Account earlier = accounts.openAccount(f.agent(), alice.customer.id, leeds.id, QStringLiteral("GB"),
                                                 PaymentType::Postpaid, QDate(2024, 5, 1));
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 5HD|north"));
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("region = \"south\"")), 0);
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("region = \"north\"")), 1);

    // A later account does not.
    const Premise york = accounts.addPremise(f.agent(), gbPremise(QStringLiteral("1 Stonegate"), QStringLiteral("York"),
                                                                  QStringLiteral("YO1 8AS"), QStringLiteral("east")));
    accounts.openAccount(f.agent(), alice.customer.id, york.id, QStringLiteral("GB"), PaymentType::Prepaid,
                         QDate(2024, 6, 10));
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 5HD|north"));

    // Editing the first premise's region and postcode; an edit of another field keeps them.
    Premise edited = accounts.premise(f.agent(), leeds.id);
    edited.region = QStringLiteral("west");
    accounts.updatePremise(f.agent(), edited);
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 5HD|west"));
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("region = \"west\"")), 1);
    edited = accounts.premise(f.agent(), leeds.id);
    edited.postcode = QStringLiteral("LS1 4AP");
    edited.addressLine2 = QStringLiteral("Floor 2");
    accounts.updatePremise(f.agent(), edited);
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 4AP|west"));
    // A region cleared is unknown, as before.
    edited = accounts.premise(f.agent(), leeds.id);
    edited.region.clear();
    accounts.updatePremise(f.agent(), edited);
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 4AP|<null>"));
    // (an unknown region is neither equal nor unequal to anything)
    QCOMPARE(segments.count(f.supervisor(), QStringLiteral("region != \"west\"")), 0);
    QCOMPARE(disagreeing(t.db()), 0);

    // Closing the first account keeps it the first (every status counts).
    accounts.setStatus(f.agent(), earlier.id, AccountStatus::Closed, QDate(2024, 6, 12));
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 4AP|<null>"));

    // Giving the account a later opening date, then deleting it, falls back to London.
    {
        Core::SqlQuery q(t.db().connection(), QStringLiteral("UPDATE accounts SET opened_on = '2024-06-05' WHERE id = :id"));
        q.bind(QStringLiteral(":id"), earlier.id).exec();
    }
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("SW1A 2AA|south"));
    {
        Core::SqlQuery q(t.db().connection(), QStringLiteral("UPDATE accounts SET opened_on = '2024-05-01' WHERE id = :id"));
        q.bind(QStringLiteral(":id"), earlier.id).exec();
    }
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("LS1 4AP|<null>"));
    {
        Core::SqlQuery q(t.db().connection(), QStringLiteral("DELETE FROM accounts WHERE id = :id"));
        q.bind(QStringLiteral(":id"), earlier.id).exec();
    }
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("SW1A 2AA|south"));

    // An account handed to another customer recomputes both.
    const Registration bob = registerAt(f, QStringLiteral("Bob Stone"),
                                        gbPremise(QStringLiteral("5 Deansgate"), QStringLiteral("Manchester"),
                                                  QStringLiteral("M3 2BW"), QStringLiteral("north")),
                                        QDate(2024, 6, 2));
    QCOMPARE(stored(t.db(), bob.customer.id), QStringLiteral("M3 2BW|north"));
    {
        Core::SqlQuery q(t.db().connection(), QStringLiteral("UPDATE accounts SET customer_id = :to WHERE id = :id"));
        q.bind(QStringLiteral(":to"), bob.customer.id).bind(QStringLiteral(":id"), alice.account.id).exec();
    }
    QCOMPARE(stored(t.db(), bob.customer.id), QStringLiteral("SW1A 2AA|south"));
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("YO1 8AS|east"));

    // A move closes the old account and opens one at the new premise: the first account (the
    // one Alice now holds in York) stays the first.
    const Accounts::MoveOutcome moved = f.module.moves().move(
        f.agent(), accounts.accountsOfCustomer(f.agent(), alice.customer.id).constFirst().id, QDate(2024, 6, 14),
        gbPremise(QStringLiteral("3 Queen Street"), QStringLiteral("Cardiff"), QStringLiteral("CF10 2BU"),
                  QStringLiteral("wales")),
        QDate(2024, 6, 14), PaymentType::Postpaid);
    QVERIFY(!moved.opened.id.isEmpty());
    QCOMPARE(stored(t.db(), alice.customer.id), QStringLiteral("YO1 8AS|east"));
    QCOMPARE(disagreeing(t.db()), 0);
}

void TestFirstPremise::moveInGivesAnAccountlessCustomerTheirFirstPremise()
{
    UD_TEST_DATABASE(t);
    AccountsFixture f(t.db());
    Accounts::Customer c;
    c.fullName = QStringLiteral("Carla Reyes");
    const Accounts::Customer carla = f.customers().create(f.agent(), c);
    QCOMPARE(stored(t.db(), carla.id), QStringLiteral("<null>|<null>"));
    QCOMPARE(f.module.segmentCount().count(f.supervisor(), QStringLiteral("region != \"north\"")), 0);

    const Premise flat = f.accounts().addPremise(
        f.agent(), gbPremise(QStringLiteral("Flat 3, 1 Piccadilly"), QStringLiteral("Manchester"), QStringLiteral("M1 1AE"),
                             QStringLiteral("north")));
    f.module.moves().moveIn(f.agent(), carla.id, flat.id, QStringLiteral("GB"), PaymentType::Prepaid, QDate(2024, 6, 15));
    QCOMPARE(stored(t.db(), carla.id), QStringLiteral("M1 1AE|north"));
    QCOMPARE(f.module.segmentCount().count(f.supervisor(), QStringLiteral("region = \"north\" and postcode = \"M1 1AE\"")), 1);
    QCOMPARE(disagreeing(t.db()), 0);
}

void TestFirstPremise::migrationFillsCustomersThatExistedBefore()
{
    QFETCH(QString, backend);
    if (!Test::backendAvailable(backend))
        QSKIP("PostgreSQL tests need UD_TEST_PG_URL (the test command sets it)");
    Test::TestDatabase t(backend, /*migrate=*/false);
    Core::Database &db = t.db();
    const QSqlDatabase c = db.connection();

    // The schema as version 16 left it, applied as the migrator applies it.
    Core::Migrator migrator(db);
    {
        Core::Transaction tx(db);
        Core::SqlQuery::run(c, QStringLiteral("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                                              "NULL, applied_at BIGINT NOT NULL)"));
        for (const Core::Migrator::Migration &m : migrator.available()) {
            if (m.version > 16)
                break;
            for (const QString &statement : Core::Migrator::splitStatements(m.sql))
                Core::SqlQuery::run(c, statement);
            Core::SqlQuery record(c, QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, 0)"));
            record.bind(QStringLiteral(":v"), m.version).bind(QStringLiteral(":n"), m.name).exec();
        }
        tx.commit();
    }
    QCOMPARE(migrator.currentVersion(), 16);

    const auto id = [] { return QUuid::createUuid().toString(QUuid::WithoutBraces); };
    const auto customer = [&](const QString &number) {
        const QString cid = id();
        Core::SqlQuery q(c, QStringLiteral("INSERT INTO customers (id, customer_number, class, full_name, created_at, updated_at) "
                                           "VALUES (:id, :n, 'residential', :n, 0, 0)"));
        q.bind(QStringLiteral(":id"), cid).bind(QStringLiteral(":n"), number).exec();
        return cid;
    };
    const auto premise = [&](const QString &postcode, const QString &region) {
        const QString pid = id();
        Core::SqlQuery q(c, QStringLiteral("INSERT INTO premises (id, address_line1, postcode, region, country, time_zone) "
                                           "VALUES (:id, 'A street', :p, :r, 'GB', 'Europe/London')"));
        q.bind(QStringLiteral(":id"), pid).bind(QStringLiteral(":p"), postcode).bind(QStringLiteral(":r"), region).exec();
        return pid;
    };
    const auto account = [&](const QString &number, const QString &cid, const QVariant &pid, const QString &opened,
                             const QString &status) {
        Core::SqlQuery q(c, QStringLiteral("INSERT INTO accounts (id, account_number, customer_id, premise_id, market_code, "
                                           "payment_type, status, opened_on) VALUES (:id, :n, :c, :p, 'GB', 'postpaid', :s, :o)"));
        q.bind(QStringLiteral(":id"), id()).bind(QStringLiteral(":n"), number).bind(QStringLiteral(":c"), cid);
        q.bind(QStringLiteral(":p"), pid).bind(QStringLiteral(":s"), status).bind(QStringLiteral(":o"), opened).exec();
    };
    const QString london = premise(QStringLiteral("SW1A 2AA"), QStringLiteral("south"));
    const QString leeds = premise(QStringLiteral("LS1 5HD"), QStringLiteral("north"));
    const QString blank = premise(QStringLiteral(""), QStringLiteral(""));

    // Two accounts: the earlier-opened one counts, closed or not.
    const QString two = customer(QStringLiteral("C1"));
    account(QStringLiteral("A2"), two, london, QStringLiteral("2024-03-01"), QStringLiteral("active"));
    account(QStringLiteral("A1"), two, leeds, QStringLiteral("2024-01-01"), QStringLiteral("closed"));
    // Same opening day: the lower account number.
    const QString tie = customer(QStringLiteral("C2"));
    account(QStringLiteral("B2"), tie, leeds, QStringLiteral("2024-02-01"), QStringLiteral("active"));
    account(QStringLiteral("B1"), tie, london, QStringLiteral("2024-02-01"), QStringLiteral("active"));
    // The first account without a premise, or at one with blank fields: unknown.
    const QString none = customer(QStringLiteral("C3"));
    account(QStringLiteral("D1"), none, QVariant(), QStringLiteral("2023-01-01"), QStringLiteral("pending"));
    account(QStringLiteral("D2"), none, london, QStringLiteral("2024-01-01"), QStringLiteral("active"));
    const QString empty = customer(QStringLiteral("C4"));
    account(QStringLiteral("E1"), empty, blank, QStringLiteral("2024-01-01"), QStringLiteral("active"));
    const QString noAccount = customer(QStringLiteral("C5"));

    QCOMPARE(migrator.migrate(), int(migrator.available().size()) - 16);
    QCOMPARE(stored(db, two), QStringLiteral("LS1 5HD|north"));
    QCOMPARE(stored(db, tie), QStringLiteral("SW1A 2AA|south"));
    QCOMPARE(stored(db, none), QStringLiteral("<null>|<null>"));
    QCOMPARE(stored(db, empty), QStringLiteral("<null>|<null>"));
    QCOMPARE(stored(db, noAccount), QStringLiteral("<null>|<null>"));
    QCOMPARE(disagreeing(db), 0);

    // The triggers run from then on: the premise-less account's first premise set.
    {
        Core::SqlQuery q(c, QStringLiteral("UPDATE accounts SET premise_id = :p WHERE account_number = 'D1'"));
        q.bind(QStringLiteral(":p"), leeds).exec();
    }
    QCOMPARE(stored(db, none), QStringLiteral("LS1 5HD|north"));
    QCOMPARE(disagreeing(db), 0);
}

QTEST_GUILESS_MAIN(TestFirstPremise)
#include "tst_firstpremise.moc"
