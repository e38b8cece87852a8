// Money as it appears on bills: integer minor units, explicit rounding, locale formatting.

#include <core/error.h>
#include <core/money.h>

#include <QTest>

using Ud::Core::Money;

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void vatRoundsHalfAwayFromZero_data();
    void vatRoundsHalfAwayFromZero();
    void refusesMixedCurrencies();
    void formatsInTheUsersLocale();
    void parsesWhatUsersType_data();
    void parsesWhatUsersType();
    void rejectsBadAmountsNamingTheField();
};

void TestMoney::vatRoundsHalfAwayFromZero_data()
{
    QTest::addColumn<qint64>("net");
    QTest::addColumn<int>("rateBp");
    QTest::addColumn<qint64>("vat");
    QTest::newRow("GB 5% of £10.10") << qint64(1010) << 500 << qint64(51);     // 50.5 -> 51
    QTest::newRow("GB 5% of £10.09") << qint64(1009) << 500 << qint64(50);     // 50.45 -> 50
    QTest::newRow("DE 19% of 1.00 EUR") << qint64(100) << 1900 << qint64(19);
    QTest::newRow("DE 19% of 0.50 EUR") << qint64(50) << 1900 << qint64(10);   // 9.5 -> 10
    QTest::newRow("credit rounds symmetrically") << qint64(-50) << 1900 << qint64(-10);
    QTest::newRow("CN 9% of 333.33") << qint64(33333) << 900 << qint64(3000);  // 2999.97 -> 3000
    QTest::newRow("zero rate") << qint64(12345) << 0 << qint64(0);
}

void TestMoney::vatRoundsHalfAwayFromZero()
{
    QFETCH(qint64, net);
    QFETCH(int, rateBp);
    QFETCH(qint64, vat);
    QCOMPARE(Money(net, QStringLiteral("GBP")).percentOf(rateBp).minorUnits(), vat);
}

void TestMoney::refusesMixedCurrencies()
{
    const Money a(100, QStringLiteral("GBP"));
    QCOMPARE((a + Money(250, QStringLiteral("GBP"))).minorUnits(), 350);
    QVERIFY_THROWS_EXCEPTION(Ud::Core::Error, a + Money(1, QStringLiteral("EUR")));
}

void TestMoney::formatsInTheUsersLocale()
{
    QCOMPARE(Money(123456, QStringLiteral("GBP")).toString(QLocale(QLocale::English, QLocale::UnitedKingdom)),
             QStringLiteral("£1,234.56"));
    QCOMPARE(Money(-5, QStringLiteral("GBP")).toString(QLocale(QLocale::English, QLocale::UnitedKingdom)),
             QStringLiteral("-£0.05"));
    const QString de = Money(123456, QStringLiteral("EUR")).toString(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(de.contains(QStringLiteral("1.234,56")), qPrintable(de));
    // A foreign currency shows its ISO code rather than the locale's own symbol.
    const QString cny = Money(100, QStringLiteral("CNY")).toString(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY2(cny.startsWith(QStringLiteral("CNY")) && cny.endsWith(QStringLiteral("1.00")), qPrintable(cny));
    QCOMPARE(Money(500, QStringLiteral("JPY")).toString(QLocale(QLocale::Japanese, QLocale::Japan)), QStringLiteral("￥500"));
}

void TestMoney::parsesWhatUsersType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("plain") << QStringLiteral("12") << QStringLiteral("en_GB") << qint64(1200);
    QTest::newRow("one decimal") << QStringLiteral("12.5") << QStringLiteral("en_GB") << qint64(1250);
    QTest::newRow("grouped") << QStringLiteral("1,234.56") << QStringLiteral("en_GB") << qint64(123456);
    QTest::newRow("german") << QStringLiteral("1.234,56") << QStringLiteral("de_DE") << qint64(123456);
    QTest::newRow("negative") << QStringLiteral("-0.05") << QStringLiteral("en_GB") << qint64(-5);
}

void TestMoney::parsesWhatUsersType()
{
    QFETCH(QString, text);
    QFETCH(QString, locale);
    QFETCH(qint64, minor);
    QCOMPARE(Money::parse(text, QStringLiteral("EUR"), QLocale(locale), QStringLiteral("Amount")).minorUnits(), minor);
}

void TestMoney::rejectsBadAmountsNamingTheField()
{
    for (const QString &text : {QStringLiteral("12.345"), QStringLiteral("abc"), QStringLiteral(""), QStringLiteral("1.2.3")}) {
        try {
            Money::parse(text, QStringLiteral("GBP"), QLocale(QStringLiteral("en_GB")), QStringLiteral("Top-up amount"));
            QFAIL(qPrintable(QStringLiteral("accepted ") + text));
        } catch (const Ud::Core::Error &e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("Top-up amount")), qPrintable(e.message()));
        }
    }
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
