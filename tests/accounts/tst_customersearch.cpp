// Customer search as a call-centre agent uses it, on both databases: a name in any order,
// case or accents, a Chinese name, a phone number however it is written, an email, an
// account number, a meter serial, a postcode with or without its space, one typo, and text
// that looks like SQL or full-text syntax.

#include "accountsfixture.h"

#include <accounts/customersearch.h>
#include <accounts/searchtext.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QTest>

using namespace Ud;
using Accounts::Account;
using Accounts::Customer;
using Accounts::CustomerMatch;
using Accounts::CustomerSearch;
using Accounts::Meter;
using Accounts::MeterChannel;
using Accounts::PaymentType;
using Accounts::Premise;
using Accounts::SearchText;
using Accounts::ServicePoint;
using Test::AccountsFixture;

namespace {
struct People {
    Customer maria;
    Customer mario;
    Customer zhang;
    Customer zhangLong;
    Account mariaAccount;
    Meter mariaMeter;
};

Customer person(const QString &name, const QString &email, const QString &phone)
{
    Customer c;
    c.fullName = name;
    c.email = email;
    c.phone = phone;
    return c;
}

People addPeople(AccountsFixture &f)
{
    People p;
    p.maria = f.customers().create(f.agent(), person(QStringLiteral("María López"), QStringLiteral("maria.lopez@example.es"),
                                                     QStringLiteral("+44 20 7946 0958")));
    p.mario = f.customers().create(f.agent(), person(QStringLiteral("Mario Lopez Garcia"), QStringLiteral("mario@example.com"),
                                                     QStringLiteral("+44 20 7946 0000")));
    p.zhang = f.customers().create(f.agent(), person(QStringLiteral("张伟"), QStringLiteral("zw@example.cn"),
                                                     QStringLiteral("+86 138 0013 8000")));
    p.zhangLong = f.customers().create(f.agent(), person(QStringLiteral("欧阳明"), {}, {}));
    const Premise london = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
        QStringLiteral("10 Downing Street"), QStringLiteral("London"), QStringLiteral("SW1A 2AA"), QStringLiteral("GB"),
        QStringLiteral("Europe/London")));
    const Premise madrid = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
        QStringLiteral("Calle de Alcalá 42"), QStringLiteral("Madrid"), QStringLiteral("28014"), QStringLiteral("ES"),
        QStringLiteral("Europe/Madrid")));
    p.mariaAccount = f.accounts().openAccount(f.agent(), p.maria.id, london.id, QStringLiteral("GB"), PaymentType::Postpaid);
    f.accounts().openAccount(f.agent(), p.mario.id, madrid.id, QStringLiteral("ES"), PaymentType::Postpaid);
    ServicePoint sp;
    sp.premiseId = london.id;
    sp.accountId = p.mariaAccount.id;
    sp.identifier = QStringLiteral("1200023305967");
    sp = f.meters().addServicePoint(f.agent(), sp);
    Meter m;
    m.servicePointId = sp.id;
    m.serial = QStringLiteral("E23A01234");
    m.channels << MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
    p.mariaMeter = f.meters().addMeter(f.agent(), m);
    return p;
}

QStringList namesOf(const QList<CustomerMatch> &matches)
{
    QStringList names;
    for (const CustomerMatch &m : matches)
        names << m.name;
    return names;
}
} // namespace

class TestCustomerSearch : public QObject
{
    Q_OBJECT

private slots:
    void foldRemovesAccentsAndCase()
    {
        QCOMPARE(SearchText::fold(QStringLiteral("María LÓPEZ Ñúñez Škoda")), QStringLiteral("maria lopez nunez skoda"));
        QCOMPARE(SearchText::fold(QStringLiteral("张伟")), QStringLiteral("张伟"));
        QCOMPARE(SearchText::editDistance(QStringLiteral("mraia"), QStringLiteral("maria"), 1), 1);
        QCOMPARE(SearchText::editDistance(QStringLiteral("lopes"), QStringLiteral("lopez"), 1), 1);
        QCOMPARE(SearchText::editDistance(QStringLiteral("lpoes"), QStringLiteral("lopez"), 1), 2);
    }

    void namesInAnyOrderCaseAndAccents_data() { Test::addBackendRows(); }
    void namesInAnyOrderCaseAndAccents()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());
        for (const QString &text : {QStringLiteral("lópez maría"), QStringLiteral("maria lopez"), QStringLiteral("MARÍA"),
                                    QStringLiteral("López María")}) {
            const auto found = search.search(f.agent(), text);
            QVERIFY2(!found.isEmpty(), qPrintable(text));
            QCOMPARE(found.first().customerId, p.maria.id);
            QCOMPARE(found.first().name, QStringLiteral("María López"));
            QCOMPARE(found.first().matched, CustomerMatch::Field::Name);
            QVERIFY(!found.first().typo);
        }
        // "lopez" is in both names; the closer one (the whole name) first.
        const auto both = search.search(f.agent(), QStringLiteral("lopez"));
        QCOMPARE(namesOf(both), (QStringList{QStringLiteral("María López"), QStringLiteral("Mario Lopez Garcia")}));
        QCOMPARE(both.first().accountNumbers, QStringList{p.mariaAccount.accountNumber});
        QCOMPARE(both.first().postcode, QStringLiteral("SW1A 2AA"));
        QVERIFY(both.first().score > both.last().score);
    }

    void abbreviationsInBusinessNames_data() { Test::addBackendRows(); }
    void abbreviationsInBusinessNames()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        f.customers().create(f.agent(), person(QStringLiteral("Comercial Márquez S.L."), {}, {}));
        f.customers().create(f.agent(), person(QStringLiteral("Comercial Márquez S.A."), {}, {}));
        f.customers().create(f.agent(), person(QStringLiteral("Márquez Hermanos"), {}, {}));
        CustomerSearch search(t.db());
        // "S.L." is checked on the names found, not looked up in the index: still only the S.L.
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("marquez s.l."))),
                 QStringList{QStringLiteral("Comercial Márquez S.L.")});
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("S.A. comercial"))),
                 QStringList{QStringLiteral("Comercial Márquez S.A.")});
        QCOMPARE(search.search(f.agent(), QStringLiteral("Márquez")).size(), 3);
    }

    void chineseNames_data() { Test::addBackendRows(); }
    void chineseNames()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("张伟"))), QStringList{QStringLiteral("张伟")});
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("欧阳明"))), QStringList{QStringLiteral("欧阳明")});
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("欧阳"))), QStringList{QStringLiteral("欧阳明")});
        QVERIFY(search.search(f.agent(), QStringLiteral("王芳")).isEmpty());
    }

    void phoneInAnyFormat_data() { Test::addBackendRows(); }
    void phoneInAnyFormat()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());
        for (const QString &text : {QStringLiteral("+44 20 7946 0958"), QStringLiteral("020 7946 0958"),
                                    QStringLiteral("02079460958"), QStringLiteral("0044 20 7946 0958"),
                                    QStringLiteral("(020) 7946-0958")}) {
            const auto found = search.search(f.agent(), text);
            QVERIFY2(found.size() == 1, qPrintable(text + QLatin1Char(' ') + namesOf(found).join(QLatin1Char(','))));
            QCOMPARE(found.first().customerId, p.maria.id);
            QCOMPARE(found.first().matched, CustomerMatch::Field::Phone);
            QCOMPARE(found.first().score, 1.0);
        }
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("138 0013 8000"))), QStringList{QStringLiteral("张伟")});
        QVERIFY(search.search(f.agent(), QStringLiteral("020 7946 1111")).isEmpty());
    }

    void emailAccountSerialAndPostcode_data() { Test::addBackendRows(); }
    void emailAccountSerialAndPostcode()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());

        const auto byEmail = search.search(f.agent(), QStringLiteral("maria.lopez@example.es"));
        QCOMPARE(namesOf(byEmail), QStringList{QStringLiteral("María López")});
        QCOMPARE(byEmail.first().matched, CustomerMatch::Field::Email);

        const QString number = p.mariaAccount.accountNumber;
        for (const QString &text : {number, number.toLower()}) {
            const auto found = search.search(f.agent(), text);
            QCOMPARE(namesOf(found), QStringList{QStringLiteral("María López")});
            QCOMPARE(found.first().matched, CustomerMatch::Field::AccountNumber);
            QCOMPARE(found.first().score, 1.0);
        }
        const auto byPrefix = search.search(f.agent(), number.left(number.size() - 1));
        QVERIFY(namesOf(byPrefix).contains(QStringLiteral("María López")));
        QVERIFY(byPrefix.first().score < 1.0);

        for (const QString &text : {QStringLiteral("E23A01234"), QStringLiteral("e23a01234")}) {
            const auto found = search.search(f.agent(), text);
            QCOMPARE(namesOf(found), QStringList{QStringLiteral("María López")});
            QCOMPARE(found.first().matched, CustomerMatch::Field::MeterSerial);
        }

        for (const QString &text : {QStringLiteral("SW1A 2AA"), QStringLiteral("sw1a2aa"), QStringLiteral("SW1A2AA")}) {
            const auto found = search.search(f.agent(), text);
            QVERIFY2(!found.isEmpty(), qPrintable(text));
            QCOMPARE(found.first().name, QStringLiteral("María López"));
            QCOMPARE(found.first().matched, CustomerMatch::Field::Postcode);
        }
        const auto byStreet = search.search(f.agent(), QStringLiteral("downing street"));
        QCOMPARE(namesOf(byStreet), QStringList{QStringLiteral("María López")});
        QCOMPARE(byStreet.first().matched, CustomerMatch::Field::Address);
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("alcala"))), QStringList{QStringLiteral("Mario Lopez Garcia")});
    }

    void oneTypoTolerated_data() { Test::addBackendRows(); }
    void oneTypoTolerated()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());
        const auto swapped = search.search(f.agent(), QStringLiteral("Mraia Lopez"));
        QVERIFY(!swapped.isEmpty());
        QCOMPARE(swapped.first().customerId, p.maria.id);
        QVERIFY(swapped.first().typo);
        QCOMPARE(namesOf(swapped), QStringList{QStringLiteral("María López")});

        const auto wrongLetter = search.search(f.agent(), QStringLiteral("Lopes"));
        QCOMPARE(namesOf(wrongLetter), (QStringList{QStringLiteral("María López"), QStringLiteral("Mario Lopez Garcia")}));
        QVERIFY(wrongLetter.first().typo);
        // Two typos are not one.
        QVERIFY(search.search(f.agent(), QStringLiteral("Mraia Lopes")).isEmpty());
    }

    void hostileTextIsSearchedAsText_data() { Test::addBackendRows(); }
    void hostileTextIsSearchedAsText()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        addPeople(f);
        CustomerSearch search(t.db());
        for (const QString &text : {QStringLiteral("\""), QStringLiteral("*"), QStringLiteral("NEAR("),
                                    QStringLiteral("--"), QStringLiteral("'; DROP TABLE customers; --"),
                                    QStringLiteral("lopez\" OR \"a"), QStringLiteral("lop*"), QStringLiteral("NEAR(maria lopez)"),
                                    QStringLiteral("{name} : maria"), QStringLiteral("maria AND NOT lopez"),
                                    QStringLiteral("100%"), QStringLiteral("a_b\\c")}) {
            const auto found = search.search(f.agent(), text);
            QVERIFY2(found.isEmpty(), qPrintable(text + QStringLiteral(" found ") + namesOf(found).join(QLatin1Char(','))));
        }
        // Quotes inside a name are matched literally.
        f.customers().create(f.agent(), person(QStringLiteral("Seán O'Brien"), {}, {}));
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("o'brien"))), QStringList{QStringLiteral("Seán O'Brien")});
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM customers")).scalar().toInt(), 5);
    }

    void indexFollowsChanges_data() { Test::addBackendRows(); }
    void indexFollowsChanges()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const People p = addPeople(f);
        CustomerSearch search(t.db());
        Customer renamed = f.customers().get(f.agent(), p.maria.id);
        renamed.fullName = QStringLiteral("Begoña Martínez");
        f.customers().update(f.agent(), renamed);
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("begona martinez"))), QStringList{QStringLiteral("Begoña Martínez")});
        // The old name is gone; her email still says maria.lopez.
        const auto old = search.search(f.agent(), QStringLiteral("maria lopez"));
        QCOMPARE(namesOf(old), QStringList{QStringLiteral("Begoña Martínez")});
        QCOMPARE(old.first().matched, CustomerMatch::Field::Email);
        renamed = f.customers().get(f.agent(), p.maria.id);
        renamed.email = QStringLiteral("begona@example.es");
        f.customers().update(f.agent(), renamed);
        // Now only one typo away is Mario Lopez Garcia.
        const auto typo = search.search(f.agent(), QStringLiteral("maria lopez"));
        QCOMPARE(namesOf(typo), QStringList{QStringLiteral("Mario Lopez Garcia")});
        QVERIFY(typo.first().typo);

        Premise moved = f.accounts().premise(f.agent(), p.mariaAccount.premiseId);
        moved.addressLine1 = QStringLiteral("221B Baker Street");
        moved.postcode = QStringLiteral("NW1 6XE");
        f.accounts().updatePremise(f.agent(), moved);
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("baker street"))), QStringList{QStringLiteral("Begoña Martínez")});
        QCOMPARE(namesOf(search.search(f.agent(), QStringLiteral("nw16xe"))), QStringList{QStringLiteral("Begoña Martínez")});
        QVERIFY(search.search(f.agent(), QStringLiteral("downing")).isEmpty());

        f.customers().remove(f.agent(), p.zhangLong.id);
        QVERIFY(search.search(f.agent(), QStringLiteral("欧阳明")).isEmpty());
    }

    void permissionsAndLimits_data() { Test::addBackendRows(); }
    void permissionsAndLimits()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        addPeople(f);
        CustomerSearch search(t.db());
        QCOMPARE(search.search(f.businessUser(), QStringLiteral("lopez")).size(), 2);
        QCOMPARE(search.search(f.agent(), QStringLiteral("lopez"), 1).size(), 1);
        QVERIFY(search.search(f.agent(), QStringLiteral("   ")).isEmpty());
        // Every role of the matrix may view customers; a role outside it may not.
        const Core::UserContext nobody(QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("eve"),
                                       Core::Role(99));
        try {
            search.search(nobody, QStringLiteral("lopez"));
            QFAIL("no error");
        } catch (const Core::Error &e) {
            QCOMPARE(e.kind(), Core::Error::Kind::Denied);
            QVERIFY2(e.message().startsWith(QStringLiteral("eve (")) && e.message().endsWith(QStringLiteral(") may not view customers.")),
                     qPrintable(e.message()));
        }
        try {
            search.search(f.agent(), QStringLiteral("lopez"), 0);
            QFAIL("no error");
        } catch (const Core::Error &e) {
            QCOMPARE(e.kind(), Core::Error::Kind::BadInput);
            QCOMPARE(e.message(), QStringLiteral("The number of search results must be from 1 to 1000, not 0."));
        }
    }
};

QTEST_GUILESS_MAIN(TestCustomerSearch)
#include "tst_customersearch.moc"
