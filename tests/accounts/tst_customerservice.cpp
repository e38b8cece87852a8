#include "accountsfixture.h"

#include <accounts/phonenumbers.h>
#include <core/error.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Ud;
using Accounts::Customer;
using Accounts::CustomerClass;
using Accounts::SensitiveValue;
using Accounts::VulnerabilityKind;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {
Customer zhangWei()
{
    Customer c;
    c.customerClass = CustomerClass::Residential;
    c.fullName = QStringLiteral("张伟");
    c.familyName = QStringLiteral("张");
    c.givenName = QStringLiteral("伟");
    c.language = QStringLiteral("zh_CN");
    c.email = QStringLiteral("zhang.wei@example.cn");
    c.phone = QStringLiteral("138 0013 8000");
    c.incomeBand = QStringLiteral("middle");
    c.creditBand = QStringLiteral("good");
    c.householdSize = 3;
    c.dateOfBirth = QDate(1985, 3, 14);
    return c;
}

Customer simpleCustomer(const QString &name)
{
    Customer c;
    c.fullName = name;
    return c;
}

QJsonObject parse(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

// Runs `call`, expects Error of `kind`, returns its message.
} // namespace

class TestCustomerService : public QObject
{
    Q_OBJECT

private slots:
    void createChineseCustomerReadsBackEqual_data() { Test::addBackendRows(); }
    void createChineseCustomerReadsBackEqual()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        QSignalSpy created(&f.events, &Core::EventBus::published);
        const Customer made = f.customers().create(f.agent(), zhangWei(), QStringLiteral("CN"));
        QVERIFY(made.customerNumber.startsWith(QLatin1String("UDC")));
        QCOMPARE(made.customerNumber, QStringLiteral("UDC00000001"));
        QCOMPARE(made.phone, QStringLiteral("+8613800138000"));
        QCOMPARE(created.count(), 1);
        QCOMPARE(created.at(0).at(0).toString(), QStringLiteral("customer.created"));

        Accounts::Premise p = AccountsFixture::premise(QStringLiteral("建国路88号"), QStringLiteral("北京"),
                                                       QStringLiteral("100022"), QStringLiteral("CN"),
                                                       QStringLiteral("Asia/Shanghai"));
        p.region = QStringLiteral("朝阳区");
        p.latitude = 39.9087;
        p.longitude = 116.4605;
        const Accounts::Premise premise = f.accounts().addPremise(f.agent(), p);
        f.accounts().openAccount(f.agent(), made.id, premise.id, QStringLiteral("CN"), Accounts::PaymentType::Prepaid);

        const Customer back = f.customers().get(f.agent(), made.id);
        QCOMPARE(back.fullName, QStringLiteral("张伟"));
        QCOMPARE(back.familyName, QStringLiteral("张"));
        QCOMPARE(back.givenName, QStringLiteral("伟"));
        QCOMPARE(back.language, QStringLiteral("zh_CN"));
        QCOMPARE(back.email, made.email);
        QCOMPARE(back.phone, QStringLiteral("+8613800138000"));
        QCOMPARE(back.incomeBand, QStringLiteral("middle"));
        QCOMPARE(back.creditBand, QStringLiteral("good"));
        QCOMPARE(back.householdSize, std::optional<int>(3));
        QCOMPARE(back.dateOfBirth, QDate(1985, 3, 14));
        QCOMPARE(back.customerClass, CustomerClass::Residential);
        QCOMPARE(back.createdAt, AccountsFixture::Now);

        const QList<Accounts::Premise> premises = f.accounts().premisesOfCustomer(f.agent(), made.id);
        QCOMPARE(premises.size(), 1);
        QCOMPARE(premises.first(), premise);
        QCOMPARE(premises.first().addressLine1, QStringLiteral("建国路88号"));
        QCOMPARE(premises.first().region, QStringLiteral("朝阳区"));

        // The stored text itself, as another program would read it.
        Core::SqlQuery raw(t.db().connection(), QStringLiteral("SELECT full_name FROM customers WHERE customer_number = :n"));
        raw.bind(QStringLiteral(":n"), made.customerNumber);
        QCOMPARE(raw.scalar().toString(), QStringLiteral("张伟"));

        // Found by number; the second customer gets the next number.
        QCOMPARE(f.customers().findByNumber(f.agent(), QStringLiteral("UDC00000001"))->id, made.id);
        QCOMPARE(f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Ann Lee"))).customerNumber,
                 QStringLiteral("UDC00000002"));
    }

    void updateWritesAuditBeforeAfter_data() { Test::addBackendRows(); }
    void updateWritesAuditBeforeAfter()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Mary Smith")));
        f.clock.advance(60);
        c.fullName = QStringLiteral("Mary Jones");
        c.householdSize = 2;
        const Customer updated = f.customers().update(f.agent(), c);
        QCOMPARE(updated.fullName, QStringLiteral("Mary Jones"));
        QCOMPARE(updated.updatedAt, AccountsFixture::Now + 60);

        const auto entries = f.audit.list(f.supervisor(), 1);
        QCOMPARE(entries.size(), 1);
        const auto &e = entries.first();
        QCOMPARE(e.action, QStringLiteral("customer.update"));
        QCOMPARE(e.actor, QStringLiteral("alice"));
        QCOMPARE(e.entityId, c.id);
        QCOMPARE(e.at, AccountsFixture::Now + 60);
        const QJsonObject before = parse(e.beforeJson);
        const QJsonObject after = parse(e.afterJson);
        QCOMPARE(before.value(QStringLiteral("full_name")).toString(), QStringLiteral("Mary Smith"));
        QCOMPARE(after.value(QStringLiteral("full_name")).toString(), QStringLiteral("Mary Jones"));
        QVERIFY(before.value(QStringLiteral("household_size")).isNull());
        QCOMPARE(after.value(QStringLiteral("household_size")).toInt(), 2);
        // Only what changed is in the entry.
        QVERIFY(!after.contains(QStringLiteral("customer_number")));
        QVERIFY(f.audit.verify().intact);

        // Saving a stale copy is refused rather than overwriting the newer change.
        Customer stale = c;
        stale.fullName = QStringLiteral("Mary Brown");
        QVERIFY(errorOf(Error::Kind::Conflict, [&] { f.customers().update(f.agent(), stale); })
                    .contains(c.customerNumber));
        QCOMPARE(f.customers().get(f.agent(), c.id).fullName, QStringLiteral("Mary Jones"));
    }

    void agentMayEditBusinessUserMayNot_data() { Test::addBackendRows(); }
    void agentMayEditBusinessUserMayNot()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Tom Baker")));
        c.email = QStringLiteral("tom@example.com");
        c = f.customers().update(f.agent(), c);
        QCOMPARE(c.email, QStringLiteral("tom@example.com"));

        // A business user may look but not change.
        QCOMPARE(f.customers().get(f.businessUser(), c.id).fullName, QStringLiteral("Tom Baker"));
        Customer changed = c;
        changed.fullName = QStringLiteral("Thomas Baker");
        const QString message = errorOf(Error::Kind::Denied, [&] { f.customers().update(f.businessUser(), changed); });
        QVERIFY2(message.contains(QLatin1String("bob")), qPrintable(message));
        QVERIFY2(errorOf(Error::Kind::Denied, [&] { f.customers().create(f.businessUser(), changed); }).contains(QLatin1String("bob")),
                 "create must be denied too");
        QCOMPARE(f.customers().get(f.agent(), c.id).fullName, QStringLiteral("Tom Baker"));
        QCOMPARE(f.customers().count(f.agent()), 1);
    }

    void nationalIdEncryptedAndFoundByBlindIndex_data() { Test::addBackendRows(); }
    void nationalIdEncryptedAndFoundByBlindIndex()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = simpleCustomer(QStringLiteral("Jane Doe"));
        c.nationalId = SensitiveValue::entered(QStringLiteral("AB 12 34 56 C"));
        c.bankAccount = SensitiveValue::entered(QStringLiteral("GB33 BUKB 2020 1555 5555 55"));
        // An agent may record it but gets no plaintext back.
        const Customer made = f.customers().create(f.agent(), c);
        QVERIFY(made.nationalId.stored);
        QVERIFY(!made.nationalId.plaintext);
        f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Other Person")));

        Core::SqlQuery raw(t.db().connection(), QStringLiteral(
            "SELECT national_id_enc, national_id_idx, bank_account_enc FROM customers WHERE id = :id"));
        raw.bind(QStringLiteral(":id"), made.id).exec();
        QVERIFY(raw.next());
        const QByteArray stored = raw.value(0).toByteArray();
        QVERIFY(stored.size() > 12 + 16);
        QVERIFY(!stored.contains("AB 12 34 56 C"));
        QVERIFY(!stored.contains("AB123456C"));
        QVERIFY(!raw.value(1).toString().isEmpty());
        QVERIFY(!raw.value(2).toByteArray().contains("BUKB"));

        // Found whatever the spacing, dashes or case; not found for another number.
        for (const QString &typed : {QStringLiteral("ab123456c"), QStringLiteral("AB-12-34-56-C"), QStringLiteral(" AB 123456 C ")}) {
            const QList<Customer> found = f.customers().findByNationalId(f.agent(), typed);
            QCOMPARE(found.size(), 1);
            QCOMPARE(found.first().id, made.id);
        }
        QVERIFY(f.customers().findByNationalId(f.agent(), QStringLiteral("AB123457C")).isEmpty());

        // Nobody gets the value with the record, only that one is on record.
        for (const auto &user : {f.supervisor(), f.agent()}) {
            const Customer read = f.customers().get(user, made.id);
            QVERIFY(read.nationalId.stored && read.bankAccount.stored);
            QVERIFY(!read.nationalId.plaintext && !read.bankAccount.plaintext);
            QCOMPARE(read.nationalId.masked(), QStringLiteral("••••"));
        }
        // A supervisor reveals it, one field at a time, each reveal audited without the value.
        const qint64 entriesBefore = f.audit.count(f.supervisor());
        QCOMPARE(f.customers().revealSensitive(f.supervisor(), made.id, Accounts::SensitiveField::NationalId),
                 QStringLiteral("AB 12 34 56 C"));
        QCOMPARE(f.audit.count(f.supervisor()), entriesBefore + 1);
        const auto reveal = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(reveal.action, QStringLiteral("customer.reveal"));
        QCOMPARE(reveal.entity, QStringLiteral("customer"));
        QCOMPARE(reveal.entityId, made.id);
        QCOMPARE(reveal.actor, QStringLiteral("carol"));
        QCOMPARE(parse(reveal.afterJson), QJsonObject({{QStringLiteral("field"), QStringLiteral("national_id")}}));
        QCOMPARE(f.customers().revealSensitive(f.supervisor(), made.id, Accounts::SensitiveField::BankAccount),
                 QStringLiteral("GB33 BUKB 2020 1555 5555 55"));
        QCOMPARE(parse(f.audit.list(f.supervisor(), 1).first().afterJson).value(QStringLiteral("field")).toString(),
                 QStringLiteral("bank_account"));
        // An agent is told why not, and nothing is audited.
        const qint64 entriesAfterReveals = f.audit.count(f.supervisor());
        QCOMPARE(errorOf(Error::Kind::Denied,
                         [&] { f.customers().revealSensitive(f.agent(), made.id, Accounts::SensitiveField::NationalId); }),
                 QStringLiteral("alice (Agent) may not reveal a customer's national id: ask a supervisor, who may view "
                                "sensitive customer data."));
        QCOMPARE(f.audit.count(f.supervisor()), entriesAfterReveals);

        // Saving the record read back keeps the value; a new value is logged as "changed" only.
        const Customer byAgent = f.customers().get(f.agent(), made.id);
        f.customers().update(f.agent(), byAgent);
        QCOMPARE(f.customers().revealSensitive(f.supervisor(), made.id, Accounts::SensitiveField::NationalId),
                 QStringLiteral("AB 12 34 56 C"));
        Customer replaced = f.customers().get(f.agent(), made.id);
        replaced.nationalId = SensitiveValue::entered(QStringLiteral("ZX 98 76 54 A"));
        f.customers().update(f.agent(), replaced);
        const auto entries = f.audit.list(f.supervisor(), 1);
        QCOMPARE(parse(entries.first().afterJson).value(QStringLiteral("national_id")).toString(), QStringLiteral("changed"));
        QCOMPARE(f.customers().findByNationalId(f.agent(), QStringLiteral("zx987654a")).size(), 1);
        QVERIFY(f.customers().findByNationalId(f.agent(), QStringLiteral("AB123456C")).isEmpty());
        // Nothing on record: nothing to reveal, and the message says so.
        const Customer plain = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("No Numbers")));
        QCOMPARE(errorOf(Error::Kind::NotFound,
                         [&] { f.customers().revealSensitive(f.supervisor(), plain.id, Accounts::SensitiveField::BankAccount); }),
                 QStringLiteral("Customer %1 has no bank account on record.").arg(plain.customerNumber));

        // No audit entry holds a plaintext value.
        Core::SqlQuery audit(t.db().connection(), QStringLiteral("SELECT before_json, after_json FROM audit_log"));
        audit.exec();
        int entriesSeen = 0;
        while (audit.next()) {
            ++entriesSeen;
            const QString text = audit.value(0).toString() + audit.value(1).toString();
            QVERIFY2(!text.contains(QLatin1String("AB 12")) && !text.contains(QLatin1String("ZX 98"))
                         && !text.contains(QLatin1String("BUKB")), qPrintable(text));
        }
        QVERIFY(entriesSeen >= 4);
    }

    void validationNamesTheField_data() { Test::addBackendRows(); }
    void validationNamesTheField()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = simpleCustomer(QStringLiteral("Sam Green"));
        c.householdSize = 25;
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }),
                 QStringLiteral("Household size must be between 1 and 20."));
        c.householdSize = 0;
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }),
                 QStringLiteral("Household size must be between 1 and 20."));
        c.householdSize.reset();
        c.email = QStringLiteral("sam.example.com");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }).startsWith(QLatin1String("Email")));
        c.email.clear();
        c.dateOfBirth = QDate(2030, 1, 1);
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }).startsWith(QLatin1String("Date of birth")));
        c.dateOfBirth = QDate();
        c.nationalId = SensitiveValue::entered(QStringLiteral("1<2"));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }).startsWith(QLatin1String("National id")));
        c.nationalId = {};
        c.incomeBand = QStringLiteral("rich");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }).startsWith(QLatin1String("Income band")));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), simpleCustomer(QStringLiteral("   "))); })
                    .startsWith(QLatin1String("Full name")));
        // Nothing was half-written.
        QCOMPARE(f.customers().count(f.agent()), 0);
        Core::SqlQuery audit(t.db().connection(), QStringLiteral("SELECT count(*) FROM audit_log"));
        QCOMPARE(audit.scalar().toInt(), 0);
    }

    void phoneNormalisedToE164_data() { Test::addBackendRows(); }
    void phoneNormalisedToE164()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = simpleCustomer(QStringLiteral("Oliver Twist"));
        c.phone = QStringLiteral("020 7946 0958");
        const Customer made = f.customers().create(f.agent(), c, QStringLiteral("GB"));
        QCOMPARE(made.phone, QStringLiteral("+442079460958"));
        QCOMPARE(Accounts::PhoneNumbers::formatInternational(made.phone), QStringLiteral("+44 20 7946 0958"));
        Core::SqlQuery raw(t.db().connection(), QStringLiteral("SELECT phone FROM customers WHERE id = :id"));
        raw.bind(QStringLiteral(":id"), made.id);
        QCOMPARE(raw.scalar().toString(), QStringLiteral("+442079460958"));

        // Invalid numbers are refused, naming the field and the number.
        c.phone = QStringLiteral("12345");
        const QString invalid = errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c, QStringLiteral("GB")); });
        QVERIFY2(invalid.startsWith(QLatin1String("Phone number \"12345\"")), qPrintable(invalid));
        // Without a country, a national number cannot be read.
        c.phone = QStringLiteral("020 7946 0958");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.customers().create(f.agent(), c); }).contains(QLatin1String("country code")));

        // On update the country comes from the customer's account market.
        Customer german = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Hans Müller")));
        const auto premise = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
            QStringLiteral("Hauptstraße 1"), QStringLiteral("Berlin"), QStringLiteral("10115"), QStringLiteral("DE"),
            QStringLiteral("Europe/Berlin")));
        f.accounts().openAccount(f.agent(), german.id, premise.id, QStringLiteral("DE"), Accounts::PaymentType::Postpaid);
        german.phone = QStringLiteral("030 901820");
        QCOMPARE(f.customers().update(f.agent(), german).phone, QStringLiteral("+4930901820"));
    }

    void vulnerabilitiesWithConsent_data() { Test::addBackendRows(); }
    void vulnerabilitiesWithConsent()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = simpleCustomer(QStringLiteral("Edith Crawley"));
        Accounts::Vulnerability elderly;
        elderly.kind = VulnerabilityKind::ElderlyAlone;
        elderly.consentGiven = true;
        c.vulnerabilities << elderly;
        const Customer made = f.customers().create(f.agent(), c);

        f.clock.advance(3600);
        const auto lifeSupport = f.customers().setVulnerability(f.agent(), made.id, VulnerabilityKind::LifeSupport, true,
                                                                QStringLiteral("Home oxygen concentrator"));
        QCOMPARE(lifeSupport.consentAt, AccountsFixture::Now + 3600);
        f.clock.advance(60);
        f.customers().setVulnerability(f.agent(), made.id, VulnerabilityKind::LanguageSupport, false);

        const Customer back = f.customers().get(f.agent(), made.id);
        QCOMPARE(back.vulnerabilities.size(), 3);
        QCOMPARE(back.vulnerabilities.at(0).kind, VulnerabilityKind::ElderlyAlone);
        QVERIFY(back.vulnerabilities.at(0).consentGiven);
        QCOMPARE(back.vulnerabilities.at(0).consentAt, AccountsFixture::Now);
        QCOMPARE(back.vulnerabilities.at(1).kind, VulnerabilityKind::LifeSupport);
        QCOMPARE(back.vulnerabilities.at(1).notes, QStringLiteral("Home oxygen concentrator"));
        QCOMPARE(back.vulnerabilities.at(2).kind, VulnerabilityKind::LanguageSupport);
        QVERIFY(!back.vulnerabilities.at(2).consentGiven);
        QCOMPARE(back.vulnerabilities.at(2).consentAt, 0);

        Core::SqlQuery raw(t.db().connection(), QStringLiteral(
            "SELECT consent_given, consent_at FROM customer_vulnerabilities WHERE customer_id = :c AND kind = 'life_support'"));
        raw.bind(QStringLiteral(":c"), made.id).exec();
        QVERIFY(raw.next());
        QVERIFY(raw.value(0).toBool() || raw.value(0).toString() == QLatin1String("t"));
        QCOMPARE(raw.value(1).toLongLong(), AccountsFixture::Now + 3600);

        const auto entry = f.audit.list(f.supervisor(), 2).at(1);
        QCOMPARE(entry.action, QStringLiteral("customer.vulnerability_set"));
        QCOMPARE(parse(entry.afterJson).value(QStringLiteral("kind")).toString(), QStringLiteral("life_support"));
        QVERIFY(parse(entry.afterJson).value(QStringLiteral("consent_given")).toBool());

        // Withdrawing consent clears its time; removing the flag is audited; a business user may not.
        f.customers().setVulnerability(f.agent(), made.id, VulnerabilityKind::LifeSupport, false, QStringLiteral("Consent withdrawn"));
        QCOMPARE(f.customers().get(f.agent(), made.id).vulnerabilities.at(1).consentAt, 0);
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.customers().removeVulnerability(f.businessUser(), made.id, VulnerabilityKind::LifeSupport);
                }).contains(QLatin1String("bob")));
        f.customers().removeVulnerability(f.agent(), made.id, VulnerabilityKind::LifeSupport);
        QCOMPARE(f.customers().get(f.agent(), made.id).vulnerabilities.size(), 2);
        QCOMPARE(f.audit.list(f.supervisor(), 1).first().action, QStringLiteral("customer.vulnerability_remove"));
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] {
                     f.customers().removeVulnerability(f.agent(), made.id, VulnerabilityKind::LifeSupport);
                 }), QStringLiteral("Customer %1 has no \"Life support\" flag to remove.").arg(made.customerNumber));
    }

    void removeRefusesCustomerWithAccounts_data() { Test::addBackendRows(); }
    void removeRefusesCustomerWithAccounts()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer withAccount = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Kept Customer")));
        f.accounts().openAccount(f.agent(), withAccount.id, {}, QStringLiteral("GB"), Accounts::PaymentType::Postpaid);
        QVERIFY(errorOf(Error::Kind::Conflict, [&] { f.customers().remove(f.agent(), withAccount.id); })
                    .contains(withAccount.customerNumber));
        const Customer plain = f.customers().create(f.agent(), simpleCustomer(QStringLiteral("Gone Customer")));
        f.customers().remove(f.agent(), plain.id);
        QCOMPARE(f.customers().count(f.agent()), 1);
        QCOMPARE(f.audit.list(f.supervisor(), 1).first().action, QStringLiteral("customer.delete"));
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.customers().get(f.agent(), plain.id); }),
                 QStringLiteral("The customer does not exist (any more); it may have been removed."));
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.customers().get(f.agent(), QStringLiteral("not-an-id")); }),
                 QStringLiteral("The customer does not exist (any more); it may have been removed."));
    }
};

QTEST_GUILESS_MAIN(TestCustomerService)
#include "tst_customerservice.moc"
