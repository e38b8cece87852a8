#include "accountsfixture.h"

#include <accounts/customerhistory.h>
#include <core/error.h>

#include <QLocale>
#include <QTest>

using namespace Ud;
using Accounts::Customer;
using Accounts::CustomerChange;
using Accounts::SensitiveField;
using Accounts::SensitiveValue;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {
Customer person(const QString &name)
{
    Customer c;
    c.fullName = name;
    c.email = QStringLiteral("old@example.com");
    c.phone = QStringLiteral("+44 20 7946 0958");
    return c;
}


QString describe(const QList<CustomerChange> &rows)
{
    QStringList lines;
    for (const CustomerChange &r : rows)
        lines << QStringLiteral("%1 | %2 (%3) | %4 | %5 | %6 -> %7")
                     .arg(r.seq).arg(r.actor, r.actorRole, r.action, r.field, r.before, r.after);
    return lines.join(QLatin1Char('\n'));
}
} // namespace

class TestCustomerHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Values are formatted in the user's locale: fix it so dates read the same everywhere.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void agentChangesShowWhoWhenBeforeAfter_data() { Test::addBackendRows(); }
    void agentChangesShowWhoWhenBeforeAfter()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = f.customers().create(f.agent(), person(QStringLiteral("Mary Smith")));
        f.clock.advance(3600);
        c.email = QStringLiteral("mary.smith@example.org");
        c.phone = QStringLiteral("+44 161 496 0000");
        f.customers().update(f.agent(), c);

        auto &history = f.module.history();
        QCOMPARE(history.count(f.agent(), c.id), 2);
        const QList<CustomerChange> rows = history.changes(f.agent(), c.id, 1);
        QCOMPARE(rows.size(), 2);
        const CustomerChange &email = rows.at(0);
        QCOMPARE(email.actor, QStringLiteral("alice"));
        QCOMPARE(email.actorRole, QStringLiteral("Agent"));
        QCOMPARE(email.at, AccountsFixture::Now + 3600);
        QCOMPARE(email.action, QStringLiteral("Changed"));
        QCOMPARE(email.field, QStringLiteral("Email"));
        QCOMPARE(email.before, QStringLiteral("old@example.com"));
        QCOMPARE(email.after, QStringLiteral("mary.smith@example.org"));
        const CustomerChange &phone = rows.at(1);
        QCOMPARE(phone.field, QStringLiteral("Phone"));
        QCOMPARE(phone.before, QStringLiteral("+44 20 7946 0958"));
        QCOMPARE(phone.after, QStringLiteral("+44 161 496 0000"));
        QCOMPARE(phone.seq, email.seq);

        // Newest first; the creation is the older entry, one row per field given.
        const QList<CustomerChange> all = history.changes(f.agent(), c.id, 10);
        QCOMPARE(all.first(), email);
        QCOMPARE(all.last().action, QStringLiteral("Created"));
        QCOMPARE(all.last().at, AccountsFixture::Now);
        bool createdEmail = false;
        for (const CustomerChange &r : all) {
            if (r.action == QLatin1String("Created") && r.field == QLatin1String("Email")) {
                createdEmail = true;
                QCOMPARE(r.before, QString());
                QCOMPARE(r.after, QStringLiteral("old@example.com"));
            }
        }
        QVERIFY2(createdEmail, qPrintable(describe(all)));
        // Pages count entries: the second page holds the creation only.
        const QList<CustomerChange> second = history.changes(f.agent(), c.id, 1, 1);
        QVERIFY(!second.isEmpty());
        for (const CustomerChange &r : second)
            QCOMPARE(r.action, QStringLiteral("Created"));
        QVERIFY(history.changes(f.agent(), c.id, 10, 2).isEmpty());
        // A business user may look at it too (ViewCustomers, not the audit log).
        QCOMPARE(history.changes(f.businessUser(), c.id, 1), rows);
    }

    void valuesAreFormattedForPeople_data() { Test::addBackendRows(); }
    void valuesAreFormattedForPeople()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = f.customers().create(f.agent(), person(QStringLiteral("Tom Baker")));
        c.customerClass = Accounts::CustomerClass::Commercial;
        c.dateOfBirth = QDate(1985, 3, 14);
        c.incomeBand = QStringLiteral("upper_middle");
        c.language = QStringLiteral("es");
        c.householdSize = 4;
        f.customers().update(f.agent(), c);
        QHash<QString, CustomerChange> byField;
        for (const CustomerChange &r : f.module.history().changes(f.agent(), c.id, 1))
            byField.insert(r.fieldKey, r);
        QCOMPARE(byField.value(QStringLiteral("class")).before, QStringLiteral("Residential"));
        QCOMPARE(byField.value(QStringLiteral("class")).after, QStringLiteral("Commercial"));
        QCOMPARE(byField.value(QStringLiteral("class")).field, QStringLiteral("Class"));
        QCOMPARE(byField.value(QStringLiteral("date_of_birth")).after, QStringLiteral("14/03/1985"));
        QCOMPARE(byField.value(QStringLiteral("date_of_birth")).before, QString());
        QCOMPARE(byField.value(QStringLiteral("income_band")).after, Accounts::incomeBandName(QStringLiteral("upper_middle")));
        QCOMPARE(byField.value(QStringLiteral("language")).before, QStringLiteral("English"));
        QCOMPARE(byField.value(QStringLiteral("language")).after, QStringLiteral("Spanish"));
        QCOMPARE(byField.value(QStringLiteral("household_size")).after, QStringLiteral("4"));

        // The customer's accounts and premises belong to the history, named by number and street.
        const auto premise = f.accounts().addPremise(
            f.agent(), AccountsFixture::premise(QStringLiteral("1 High Street"), QStringLiteral("London"),
                                                QStringLiteral("SW1A 1AA"), QStringLiteral("GB"), QStringLiteral("Europe/London")));
        const auto account = f.accounts().openAccount(f.agent(), c.id, premise.id, QStringLiteral("GB"),
                                                      Accounts::PaymentType::Postpaid, QDate(2024, 6, 1));
        f.accounts().setStatus(f.supervisor(), account.id, Accounts::AccountStatus::Suspended);
        const QList<CustomerChange> rows = f.module.history().changes(f.agent(), c.id, 1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().action, QStringLiteral("Account status changed"));
        QCOMPARE(rows.first().field, QStringLiteral("Account %1: Status").arg(account.accountNumber));
        QCOMPARE(rows.first().before, QStringLiteral("Active"));
        QCOMPARE(rows.first().after, QStringLiteral("Suspended"));
        QCOMPARE(rows.first().actor, QStringLiteral("carol"));
        QCOMPARE(rows.first().actorRole, QStringLiteral("Supervisor"));
        const QList<CustomerChange> opened = f.module.history().changes(f.agent(), c.id, 1, 1);
        QHash<QString, CustomerChange> openedByField;
        for (const CustomerChange &r : opened)
            openedByField.insert(r.fieldKey, r);
        QCOMPARE(openedByField.value(QStringLiteral("opened_on")).after, QStringLiteral("01/06/2024"));
        QCOMPARE(openedByField.value(QStringLiteral("premise_id")).after, QStringLiteral("1 High Street"));
        QVERIFY2(!openedByField.contains(QStringLiteral("customer_id")), qPrintable(describe(opened)));
        QCOMPARE(f.module.history().changes(f.agent(), c.id, 1, 2).first().action, QStringLiteral("Premise added"));
        QCOMPARE(f.module.history().count(f.agent(), c.id), 5);

        // A vulnerability flag is one row, with its consent.
        f.customers().setVulnerability(f.agent(), c.id, Accounts::VulnerabilityKind::LifeSupport, true,
                                       QStringLiteral("Oxygen concentrator"));
        const CustomerChange flag = f.module.history().changes(f.agent(), c.id, 1).first();
        QCOMPARE(flag.action, QStringLiteral("Vulnerability recorded"));
        QCOMPARE(flag.field, QStringLiteral("Vulnerability: Life support"));
        QVERIFY2(flag.after.contains(QLatin1String("Oxygen concentrator")), qPrintable(flag.after));
        QVERIFY2(flag.after.startsWith(QLatin1String("Consent given")), qPrintable(flag.after));

        // An unknown customer is named as such.
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.module.history().count(f.agent(), Core::newId()); }),
                 QStringLiteral("The customer does not exist (any more); it may have been removed."));
    }

    void revealIsItsOwnRowAndSensitiveValuesNeverShow_data() { Test::addBackendRows(); }
    void revealIsItsOwnRowAndSensitiveValuesNeverShow()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = person(QStringLiteral("Jane Doe"));
        c.nationalId = SensitiveValue::entered(QStringLiteral("AB 12 34 56 C"));
        c = f.customers().create(f.agent(), c);
        c.nationalId = SensitiveValue::entered(QStringLiteral("ZX 98 76 54 A"));
        c.bankAccount = SensitiveValue::entered(QStringLiteral("GB33 BUKB 2020 1555 5555 55"));
        f.customers().update(f.agent(), c);
        f.clock.advance(120);
        QCOMPARE(f.customers().revealSensitive(f.supervisor(), c.id, SensitiveField::NationalId),
                 QStringLiteral("ZX 98 76 54 A"));

        const QList<CustomerChange> rows = f.module.history().changes(f.agent(), c.id, 10);
        const CustomerChange &reveal = rows.first();
        QCOMPARE(reveal.action, QStringLiteral("Revealed national id"));
        QCOMPARE(reveal.field, QStringLiteral("National id"));
        QCOMPARE(reveal.actor, QStringLiteral("carol"));
        QCOMPARE(reveal.actorRole, QStringLiteral("Supervisor"));
        QCOMPARE(reveal.at, AccountsFixture::Now + 120);
        QCOMPARE(reveal.before, QString());
        QCOMPARE(reveal.after, QString());
        QVERIFY(rows.at(1).seq != reveal.seq);

        // The change of a sensitive value shows that it changed, never what to.
        QHash<QString, CustomerChange> update;
        for (const CustomerChange &r : rows) {
            if (r.actionKey == QLatin1String("customer.update"))
                update.insert(r.fieldKey, r);
        }
        QCOMPARE(update.value(QStringLiteral("national_id")).before, QStringLiteral("Recorded"));
        QCOMPARE(update.value(QStringLiteral("national_id")).after, QStringLiteral("Changed"));
        QCOMPARE(update.value(QStringLiteral("bank_account")).before, QString());
        QCOMPARE(update.value(QStringLiteral("bank_account")).after, QStringLiteral("Changed"));
        for (const CustomerChange &r : rows) {
            const QString text = r.field + r.before + r.after + r.action;
            for (const char *secret : {"AB 12", "AB12", "ZX 98", "ZX98", "BUKB", "5555"})
                QVERIFY2(!text.contains(QLatin1String(secret)), qPrintable(describe(rows)));
        }

        // An agent and a business user are denied the reveal, told why, and nothing is added.
        const qint64 entries = f.module.history().count(f.supervisor(), c.id);
        QCOMPARE(errorOf(Error::Kind::Denied, [&] { f.customers().revealSensitive(f.agent(), c.id, SensitiveField::NationalId); }),
                 QStringLiteral("alice (Agent) may not reveal a customer's national id: ask a supervisor, who may view "
                                "sensitive customer data."));
        QCOMPARE(errorOf(Error::Kind::Denied,
                         [&] { f.customers().revealSensitive(f.businessUser(), c.id, SensitiveField::BankAccount); }),
                 QStringLiteral("bob (Business user) may not reveal a customer's bank account: ask a supervisor, who may "
                                "view sensitive customer data."));
        QCOMPARE(f.module.history().count(f.supervisor(), c.id), entries);
    }
};

QTEST_GUILESS_MAIN(TestCustomerHistory)
#include "tst_customerhistory.moc"
