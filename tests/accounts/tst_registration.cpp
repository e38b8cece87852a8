#include "accountsfixture.h"

#include <accounts/registrationservice.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Ud;
using Accounts::Account;
using Accounts::Customer;
using Accounts::DuplicateCandidate;
using Accounts::DuplicateRule;
using Accounts::NewRegistration;
using Accounts::PaymentType;
using Accounts::Premise;
using Accounts::Registration;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

qint64 rows(Core::Database &db, const char *table)
{
    return Core::SqlQuery(db.connection(), QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
        .scalar()
        .toLongLong();
}

struct Counts {
    qint64 customers, premises, accounts, audit;
    friend bool operator==(const Counts &, const Counts &) = default;
};
Counts counts(Core::Database &db)
{
    return {rows(db, "customers"), rows(db, "premises"), rows(db, "accounts"), rows(db, "audit_log")};
}

NewRegistration london()
{
    NewRegistration r;
    r.customer.fullName = QStringLiteral("  Alice   Walker ");
    r.customer.phone = QStringLiteral("020 7946 0958");
    r.customer.email = QStringLiteral("alice@example.com");
    r.customer.dateOfBirth = QDate(1980, 3, 1);
    r.premise.addressLine1 = QStringLiteral("10 Downing Street");
    r.premise.city = QStringLiteral("London");
    r.premise.postcode = QStringLiteral("sw1a2aa");
    r.marketCode = QStringLiteral("gb");
    r.paymentType = PaymentType::Prepaid;
    r.startDate = QDate(2024, 6, 20);
    return r;
}

NewRegistration madrid(const QString &name, const QString &phone)
{
    NewRegistration r;
    r.customer.fullName = name;
    r.customer.phone = phone;
    r.customer.language = QStringLiteral("es");
    r.premise.addressLine1 = QStringLiteral("Calle Mayor 5");
    r.premise.city = QStringLiteral("Madrid");
    r.premise.postcode = QStringLiteral("28013");
    r.marketCode = QStringLiteral("ES");
    return r;
}

QJsonObject after(const Core::AuditLog::Entry &entry)
{
    return QJsonDocument::fromJson(entry.afterJson.toUtf8()).object();
}
} // namespace

class TestRegistration : public QObject
{
    Q_OBJECT

private slots:
    void storesCustomerPremiseAndAccount_data() { Test::addBackendRows(); }
    void storesCustomerPremiseAndAccount()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        QStringList topics;
        QObject::connect(&f.events, &Core::EventBus::published, &f.events,
                         [&topics](const QString &topic, const QVariantMap &) { topics << topic; });

        const Registration done = f.module.registrations().registerCustomer(f.agent(), london());

        // As stored, read back through the services the customer page uses.
        const Customer customer = f.customers().get(f.agent(), done.customer.id);
        QCOMPARE(customer.fullName, QStringLiteral("Alice Walker"));
        QCOMPARE(customer.phone, QStringLiteral("+442079460958"));
        QCOMPARE(customer.email, QStringLiteral("alice@example.com"));
        QCOMPARE(customer.dateOfBirth, QDate(1980, 3, 1));
        QCOMPARE(customer.customerNumber, QStringLiteral("UDC00000001"));
        const QList<Account> accounts = f.accounts().accountsOfCustomer(f.agent(), customer.id);
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first(), done.account);
        QCOMPARE(accounts.first().accountNumber, QStringLiteral("UD00000001"));
        QCOMPARE(accounts.first().marketCode, QStringLiteral("GB"));
        QCOMPARE(accounts.first().currency, QStringLiteral("GBP"));
        QCOMPARE(accounts.first().paymentType, PaymentType::Prepaid);
        QCOMPARE(accounts.first().openedOn, QDate(2024, 6, 20));
        const Premise premise = f.accounts().premise(f.agent(), accounts.first().premiseId);
        QCOMPARE(premise.postcode, QStringLiteral("SW1A 2AA"));
        QCOMPARE(premise.country, QStringLiteral("GB"));
        QCOMPARE(premise.timeZone, QStringLiteral("Europe/London"));
        QCOMPARE(premise.singleLineAddress(), QStringLiteral("10 Downing Street, London SW1A 2AA"));
        QCOMPARE(premise, done.premise);

        // One entry per record as the services write them, and one for the registration.
        const auto entries = f.audit.list(f.supervisor(), 10);
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries.at(3).action, QStringLiteral("customer.create"));
        QCOMPARE(entries.at(2).action, QStringLiteral("premise.create"));
        QCOMPARE(entries.at(1).action, QStringLiteral("account.open"));
        QCOMPARE(entries.at(0).action, QStringLiteral("customer.register"));
        QCOMPARE(entries.at(0).actor, QStringLiteral("alice"));
        QCOMPARE(entries.at(0).entityId, customer.id);
        QCOMPARE(after(entries.at(0)).value(QStringLiteral("account_number")).toString(), QStringLiteral("UD00000001"));
        QCOMPARE(after(entries.at(0)).value(QStringLiteral("premise_id")).toString(), premise.id);
        QCOMPARE(after(entries.at(3)).value(QStringLiteral("phone")).toString(), QStringLiteral("+442079460958"));
        QCOMPARE(topics, QStringList({QStringLiteral("customer.created"), QStringLiteral("account.opened")}));
    }

    void canaryIslandsGetTheirZone_data() { Test::addBackendRows(); }
    void canaryIslandsGetTheirZone()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        NewRegistration r = madrid(QStringLiteral("Pedro Pérez"), QStringLiteral("922 12 34 56"));
        r.premise.postcode = QStringLiteral("38 001");
        r.premise.city = QStringLiteral("Santa Cruz de Tenerife");
        const Registration done = f.module.registrations().registerCustomer(f.agent(), r);
        QCOMPARE(done.premise.timeZone, QStringLiteral("Atlantic/Canary"));
        QCOMPARE(done.premise.postcode, QStringLiteral("38001"));
        QCOMPARE(done.customer.phone, QStringLiteral("+34922123456"));
        QCOMPARE(done.account.currency, QStringLiteral("EUR"));
        // A zone the agent chose is kept.
        r.customer.fullName = QStringLiteral("Lucía Pérez");
        r.premise.timeZone = QStringLiteral("Europe/Madrid");
        QCOMPARE(f.module.registrations().registerCustomer(f.agent(), r).premise.timeZone, QStringLiteral("Europe/Madrid"));
    }

    void badInputStoresNothingAndNamesTheField_data() { Test::addBackendRows(); }
    void badInputStoresNothingAndNamesTheField()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        auto &registrations = f.module.registrations();
        const Counts before = counts(t.db());

        NewRegistration r = madrid(QStringLiteral("Ana Ruiz"), QStringLiteral("912 345 678"));
        r.premise.postcode = QStringLiteral("1234");
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); }),
                 QStringLiteral("Postcode \"1234\" is not a Spanish postcode: enter five digits, for example 28013."));
        QCOMPARE(counts(t.db()), before);

        r = madrid(QStringLiteral("Ana Ruiz"), QStringLiteral("0207"));
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); }),
                 QStringLiteral("Phone number \"0207\" is not a valid number in Spain: check the digits, for example "
                                "912 345 678, or enter it with its country code."));
        r = madrid(QStringLiteral(" "), QString());
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); }),
                 QStringLiteral("Full name is required: enter the customer's name as they write it."));
        r = madrid(QStringLiteral("Ana Ruiz"), QString());
        r.marketCode = QStringLiteral("FR");
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); }),
                 QStringLiteral("Market \"FR\" is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN."));
        r = madrid(QStringLiteral("Ana Ruiz"), QString());
        r.startDate = QDate(2024, 7, 16);   // 31 days ahead
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); })
                    .startsWith(QLatin1String("Start date must lie between")));
        r.startDate = QDate(2024, 7, 15);
        r.premise.timeZone = QStringLiteral("Europe/Atlantis");
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { registrations.registerCustomer(f.agent(), r); }),
                 QStringLiteral("Time zone \"Europe/Atlantis\" is not known: enter an IANA time zone such as "
                                "Europe/London or Asia/Shanghai."));
        QCOMPARE(counts(t.db()), before);

        // The form asks the same rules field by field, and gets every problem at once.
        r = madrid(QString(), QStringLiteral("12"));
        r.premise.country = QStringLiteral("ES");
        r.premise.postcode = QStringLiteral("99999");
        r.customer.email = QStringLiteral("ana@");
        const auto problems = Accounts::RegistrationService::problems(r, registrations.today());
        QList<Accounts::RegistrationService::Field> fields;
        for (const auto &p : problems)
            fields << p.field;
        using Field = Accounts::RegistrationService::Field;
        QCOMPARE(fields, QList<Field>({Field::FullName, Field::Phone, Field::Email, Field::Postcode}));
        QCOMPARE(Accounts::RegistrationService::problem(Field::Email, r, registrations.today()),
                 QStringLiteral("Email \"ana@\" is not an address: enter it like name@example.com."));
        QCOMPARE(Accounts::RegistrationService::problem(Field::City, r, registrations.today()), QString());
    }

    void failureHalfWayStoresNothing_data() { Test::addBackendRows(); }
    void failureHalfWayStoresNothing()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        auto &registrations = f.module.registrations();
        registrations.registerCustomer(f.agent(), london());
        // The account number sequence hands out a number already taken (as after restoring an
        // old copy of the sequences): the customer and the premise are written before the
        // account insert fails, and must go with it.
        Core::SqlQuery(t.db().connection(), QStringLiteral("UPDATE number_sequences SET last_value = 0 WHERE name = 'accounts:UD'"))
            .exec();
        const Counts before = counts(t.db());
        QStringList topics;
        QObject::connect(&f.events, &Core::EventBus::published, &f.events,
                         [&topics](const QString &topic, const QVariantMap &) { topics << topic; });

        NewRegistration r = madrid(QStringLiteral("Ana Ruiz"), QStringLiteral("912 345 678"));
        QCOMPARE(errorOf(Error::Kind::Database, [&] { registrations.registerCustomer(f.agent(), r); }).isEmpty(), false);
        QCOMPARE(counts(t.db()), before);
        QVERIFY(registrations.findDuplicates(f.agent(), r).isEmpty());
        QCOMPARE(topics, QStringList());
        QCOMPARE(f.customers().count(f.agent(), QStringLiteral("Ana Ruiz")), 0);
        QVERIFY(f.audit.verify().intact);
    }

    void onlyEditorsRegister_data() { Test::addBackendRows(); }
    void onlyEditorsRegister()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.module.registrations().registerCustomer(f.businessUser(), london());
                }).contains(QLatin1String("bob")));
        QCOMPARE(rows(t.db(), "customers"), 0);
    }

    void duplicates_data() { Test::addBackendRows(); }
    void duplicates()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        auto &registrations = f.module.registrations();
        const Registration maria = registrations.registerCustomer(
            f.agent(), madrid(QStringLiteral("María López"), QStringLiteral("+34 912 345 678")));
        registrations.registerCustomer(f.agent(), madrid(QStringLiteral("Juan García"), QStringLiteral("913 000 111")));
        const Registration alice = registrations.registerCustomer(f.agent(), london());

        // The same phone typed another way, another name.
        QList<DuplicateCandidate> found = registrations.findDuplicates(
            f.agent(), madrid(QStringLiteral("M. Lopez-Ortiz"), QStringLiteral("91 234 56 78")));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().customerId, maria.customer.id);
        QCOMPARE(found.first().customerNumber, maria.customer.customerNumber);
        QCOMPARE(found.first().fullName, QStringLiteral("María López"));
        QCOMPARE(found.first().address, QStringLiteral("Calle Mayor 5, Madrid 28013"));
        QCOMPARE(found.first().matched, QList<DuplicateRule>({DuplicateRule::SamePhone}));

        // The same name in other case, accents and spacing, at the same address written otherwise.
        NewRegistration sameName = madrid(QStringLiteral("maria   LOPEZ"), QString());
        sameName.premise.addressLine1 = QStringLiteral("calle mayor, 5");
        sameName.premise.postcode = QStringLiteral("28 013");
        found = registrations.findDuplicates(f.agent(), sameName);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().customerId, maria.customer.id);
        QCOMPARE(found.first().matched, QList<DuplicateRule>({DuplicateRule::SameNameAndAddress}));

        // Both rules at once: one candidate naming both.
        sameName.customer.phone = QStringLiteral("912345678");
        found = registrations.findDuplicates(f.agent(), sameName);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().matched,
                 QList<DuplicateRule>({DuplicateRule::SameNameAndAddress, DuplicateRule::SamePhone}));

        // British postcodes stored canonical match however they are typed.
        NewRegistration aliceAgain = london();
        aliceAgain.customer.phone.clear();
        aliceAgain.customer.fullName = QStringLiteral("ALICE WALKER");
        aliceAgain.premise.postcode = QStringLiteral("SW1A 2AA");
        found = registrations.findDuplicates(f.agent(), aliceAgain);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().customerId, alice.customer.id);

        // Same name elsewhere, or another name at the same address: no candidate.
        NewRegistration elsewhere = madrid(QStringLiteral("María López"), QString());
        elsewhere.premise.addressLine1 = QStringLiteral("Calle Mayor 7");
        QVERIFY(registrations.findDuplicates(f.agent(), elsewhere).isEmpty());
        elsewhere = madrid(QStringLiteral("María López"), QString());
        elsewhere.premise.postcode = QStringLiteral("28014");
        QVERIFY(registrations.findDuplicates(f.agent(), elsewhere).isEmpty());
        QVERIFY(registrations.findDuplicates(f.agent(), madrid(QStringLiteral("Lucía Gómez"), QString())).isEmpty());
        // Reading a phone needs the market's country: the same digits in Germany are another number.
        NewRegistration german = madrid(QStringLiteral("Someone"), QStringLiteral("912 345 678"));
        german.marketCode = QStringLiteral("DE");
        QVERIFY(registrations.findDuplicates(f.agent(), german).isEmpty());
    }

    void registeringAnywayIsRecorded_data() { Test::addBackendRows(); }
    void registeringAnywayIsRecorded()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        auto &registrations = f.module.registrations();
        const Registration first = registrations.registerCustomer(f.agent(), london());
        NewRegistration again = london();
        const auto candidates = registrations.findDuplicates(f.agent(), again);
        QCOMPARE(candidates.size(), 1);
        QCOMPARE(candidates.first().matched,
                 QList<DuplicateRule>({DuplicateRule::SameNameAndAddress, DuplicateRule::SamePhone}));
        again.acknowledgedDuplicates << candidates.first().customerId;
        const Registration second = registrations.registerCustomer(f.agent(), again);
        QVERIFY(second.customer.id != first.customer.id);
        QCOMPARE(second.customer.customerNumber, QStringLiteral("UDC00000002"));
        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("customer.register"));
        QCOMPARE(after(entry).value(QStringLiteral("duplicates_acknowledged")).toArray(),
                 QJsonArray({first.customer.id}));
        // The second premise is a premise of its own: the two are now both candidates.
        QCOMPARE(registrations.findDuplicates(f.agent(), london()).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
