#include <accounts/marketrules.h>

#include <QTest>
#include <QTimeZone>

using Ud::Accounts::MarketRules;

class TestMarketRules : public QObject
{
    Q_OBJECT

private slots:
    void postcodes_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("canonical");   // empty when refused
        QTest::addColumn<QString>("problem");     // empty when accepted

        QTest::newRow("GB with space") << "GB" << "SW1A 1AA" << "SW1A 1AA" << "";
        QTest::newRow("GB lower, no space") << "gb" << "sw1a1aa" << "SW1A 1AA" << "";
        QTest::newRow("GB extra spaces") << "GB" << "  m1   1ae " << "M1 1AE" << "";
        QTest::newRow("GB A99") << "GB" << "B338TH" << "B33 8TH" << "";
        QTest::newRow("GB AA9") << "GB" << "cr2 6xh" << "CR2 6XH" << "";
        QTest::newRow("GB AA99") << "GB" << "DN551PT" << "DN55 1PT" << "";
        QTest::newRow("GB GIR") << "GB" << "gir 0aa" << "GIR 0AA" << "";
        QTest::newRow("GB digits") << "GB" << "12345" << ""
            << "Postcode \"12345\" is not a British postcode: enter it like SW1A 1AA, with or without the space.";
        QTest::newRow("GB inward with C") << "GB" << "SW1A 1CA" << ""
            << "Postcode \"SW1A 1CA\" is not a British postcode: enter it like SW1A 1AA, with or without the space.";
        QTest::newRow("GB empty") << "GB" << " " << ""
            << "Postcode is required: enter the British postcode, for example SW1A 1AA.";

        QTest::newRow("DE") << "DE" << "10117" << "10117" << "";
        QTest::newRow("DE spaced") << "de" << " 80 331 " << "80331" << "";
        QTest::newRow("DE four digits") << "DE" << "1011" << ""
            << "Postcode \"1011\" is not a German postcode: enter five digits, for example 10117.";
        QTest::newRow("DE letters") << "DE" << "D-10117" << ""
            << "Postcode \"D-10117\" is not a German postcode: enter five digits, for example 10117.";
        QTest::newRow("DE 00") << "DE" << "00123" << ""
            << "Postcode \"00123\" is not a German postcode: enter five digits, for example 10117.";

        QTest::newRow("ES Madrid") << "ES" << "28013" << "28013" << "";
        QTest::newRow("ES Alava 01") << "ES" << "01001" << "01001" << "";
        QTest::newRow("ES Melilla 52") << "ES" << "52001" << "52001" << "";
        QTest::newRow("ES four digits") << "ES" << "1234" << ""
            << "Postcode \"1234\" is not a Spanish postcode: enter five digits, for example 28013.";
        QTest::newRow("ES province 53") << "ES" << "53001" << ""
            << "Postcode \"53001\" is not a Spanish postcode: its first two digits are the province, from 01 to 52, "
               "for example 28013.";
        QTest::newRow("ES province 00") << "ES" << "00123" << ""
            << "Postcode \"00123\" is not a Spanish postcode: its first two digits are the province, from 01 to 52, "
               "for example 28013.";

        QTest::newRow("CN") << "CN" << "200001" << "200001" << "";
        QTest::newRow("CN five digits") << "CN" << "20000" << ""
            << "Postcode \"20000\" is not a Chinese postcode: enter six digits, for example 200001.";
        QTest::newRow("CN empty") << "CN" << "" << ""
            << "Postcode is required: enter the Chinese postcode of six digits, for example 200001.";

        QTest::newRow("no rules") << "FR" << " 75001 " << "75001" << "";
    }
    void postcodes()
    {
        QFETCH(QString, country);
        QFETCH(QString, typed);
        QFETCH(QString, canonical);
        QFETCH(QString, problem);
        const MarketRules::Check check = MarketRules::postcode(country, typed);
        QCOMPARE(check.problem, problem);
        QCOMPARE(check.value, canonical);
        QCOMPARE(check.ok(), problem.isEmpty());
    }

    void phones_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("problem");

        QTest::newRow("GB national") << "GB" << "020 7946 0958" << "+442079460958" << "";
        QTest::newRow("GB mobile dashes") << "GB" << "07911-123456" << "+447911123456" << "";
        QTest::newRow("GB international") << "GB" << "+44 (0)20 7946 0958" << "+442079460958" << "";
        QTest::newRow("DE national") << "DE" << "030 12345678" << "+493012345678" << "";
        QTest::newRow("ES national") << "ES" << "912 345 678" << "+34912345678" << "";
        QTest::newRow("ES mobile") << "ES" << "612 34 56 78" << "+34612345678" << "";
        QTest::newRow("CN mobile") << "CN" << "138 0013 8000" << "+8613800138000" << "";
        QTest::newRow("CN Beijing") << "CN" << "010 6552 9988" << "+861065529988" << "";
        // A number with its country code is read as such whatever the market.
        QTest::newRow("DE market, GB number") << "DE" << "+44 20 7946 0958" << "+442079460958" << "";
        QTest::newRow("empty") << "GB" << "  " << "" << "";
        QTest::newRow("GB too short") << "GB" << "0207" << ""
            << "Phone number \"0207\" is not a valid number in the United Kingdom: check the digits, for example "
               "020 7946 0958, or enter it with its country code.";
        QTest::newRow("ES letters") << "ES" << "call me" << ""
            << "Phone number \"call me\" is not a valid number in Spain: check the digits, for example 912 345 678, "
               "or enter it with its country code.";
        QTest::newRow("CN too long") << "CN" << "138 0013 8000 12" << ""
            << "Phone number \"138 0013 8000 12\" is not a valid number in China: check the digits, for example "
               "010 6552 9988, or enter it with its country code.";
        QTest::newRow("no country") << "" << "020 7946 0958" << ""
            << "Phone number \"020 7946 0958\" has no country code: enter it with one, for example +44 20 7946 0958.";
    }
    void phones()
    {
        QFETCH(QString, country);
        QFETCH(QString, typed);
        QFETCH(QString, e164);
        QFETCH(QString, problem);
        const MarketRules::Check check = MarketRules::phone(country, typed);
        QCOMPARE(check.problem, problem);
        QCOMPARE(check.value, e164);
    }

    void examplesAreValid()
    {
        // The examples the messages give must themselves pass, or the agent is misled.
        for (const QString &country : MarketRules::countries()) {
            QVERIFY2(MarketRules::postcode(country, MarketRules::postcodeExample(country)).ok(), qPrintable(country));
            QVERIFY2(MarketRules::phone(country, MarketRules::phoneExample(country)).ok(), qPrintable(country));
        }
        QCOMPARE(MarketRules::countries(), QStringList({QStringLiteral("GB"), QStringLiteral("DE"), QStringLiteral("ES"),
                                                        QStringLiteral("CN")}));
        QVERIFY(!MarketRules::hasRules(QStringLiteral("FR")));
        QCOMPARE(MarketRules::defaultLanguage(QStringLiteral("CN")), QStringLiteral("zh_CN"));
        QCOMPARE(MarketRules::defaultLanguage(QStringLiteral("es")), QStringLiteral("es"));
        QCOMPARE(MarketRules::defaultLanguage(QStringLiteral("FR")), QString());
        QVERIFY(MarketRules::hasRules(QStringLiteral("es")));
    }

    void timeZones_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("postcode");
        QTest::addColumn<QString>("zone");
        QTest::newRow("GB") << "GB" << "SW1A 1AA" << "Europe/London";
        QTest::newRow("DE") << "DE" << "10117" << "Europe/Berlin";
        QTest::newRow("DE Büsingen") << "DE" << "78266" << "Europe/Busingen";
        QTest::newRow("ES Madrid") << "ES" << "28013" << "Europe/Madrid";
        QTest::newRow("ES without postcode") << "ES" << "" << "Europe/Madrid";
        QTest::newRow("ES Las Palmas") << "ES" << "35001" << "Atlantic/Canary";
        QTest::newRow("ES Tenerife") << "es" << "38 001" << "Atlantic/Canary";
        QTest::newRow("ES Ceuta") << "ES" << "51001" << "Africa/Ceuta";
        QTest::newRow("CN") << "CN" << "830000" << "Asia/Shanghai";
        QTest::newRow("no rules") << "FR" << "75001" << "";
    }
    void timeZones()
    {
        QFETCH(QString, country);
        QFETCH(QString, postcode);
        QFETCH(QString, zone);
        const QString found = MarketRules::defaultTimeZone(country, postcode);
        QCOMPARE(found, zone);
        if (!zone.isEmpty())
            QVERIFY2(QTimeZone::isTimeZoneIdAvailable(found.toUtf8()), qPrintable(found));
    }

    void canaryIslandsAreAnHourBehindMadrid()
    {
        // What the zone is for: local days and time-of-use bands on Tenerife start an hour later.
        const QDateTime noonUtc(QDate(2024, 1, 15), QTime(12, 0), Qt::UTC);
        const QTimeZone canary(MarketRules::defaultTimeZone(QStringLiteral("ES"), QStringLiteral("38001")).toUtf8());
        const QTimeZone madrid(MarketRules::defaultTimeZone(QStringLiteral("ES"), QStringLiteral("28013")).toUtf8());
        QCOMPARE(canary.offsetFromUtc(noonUtc), 0);
        QCOMPARE(madrid.offsetFromUtc(noonUtc), 3600);
    }
};

QTEST_GUILESS_MAIN(TestMarketRules)
#include "tst_marketrules.moc"
