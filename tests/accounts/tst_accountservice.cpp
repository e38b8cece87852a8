#include "accountsfixture.h"

#include <core/error.h>
#include <core/sqlquery.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Ud;
using Accounts::Account;
using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;
using Accounts::Customer;
using Accounts::Meter;
using Accounts::MeterChannel;
using Accounts::PaymentType;
using Accounts::Premise;
using Accounts::ServicePoint;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

Customer newCustomer(AccountsFixture &f, const QString &name)
{
    Customer c;
    c.fullName = name;
    return f.customers().create(f.agent(), c);
}

Premise londonPremise()
{
    return AccountsFixture::premise(QStringLiteral("10 Downing Street"), QStringLiteral("London"),
                                    QStringLiteral("sw1a 2aa"), QStringLiteral("gb"), QStringLiteral("Europe/London"));
}
} // namespace

class TestAccountService : public QObject
{
    Q_OBJECT

private slots:
    void accountsInThreeMarkets_data() { Test::addBackendRows(); }
    void accountsInThreeMarkets()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = newCustomer(f, QStringLiteral("Multi Market Ltd"));
        const Premise london = f.accounts().addPremise(f.agent(), londonPremise());
        QCOMPARE(london.postcode, QStringLiteral("SW1A 2AA"));
        QCOMPARE(london.country, QStringLiteral("GB"));
        const Premise berlin = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
            QStringLiteral("Unter den Linden 1"), QStringLiteral("Berlin"), QStringLiteral("10117"), QStringLiteral("DE"),
            QStringLiteral("Europe/Berlin")));
        const Premise shanghai = f.accounts().addPremise(f.agent(), AccountsFixture::premise(
            QStringLiteral("南京东路100号"), QStringLiteral("上海"), QStringLiteral("200001"), QStringLiteral("CN"),
            QStringLiteral("Asia/Shanghai")));

        const Account gb = f.accounts().openAccount(f.agent(), c.id, london.id, QStringLiteral("GB"), PaymentType::Postpaid);
        const Account de = f.accounts().openAccount(f.agent(), c.id, berlin.id, QStringLiteral("de"), PaymentType::Postpaid);
        const Account cn = f.accounts().openAccount(f.agent(), c.id, shanghai.id, QStringLiteral("CN"), PaymentType::Prepaid);
        QCOMPARE(gb.currency, QStringLiteral("GBP"));
        QCOMPARE(de.currency, QStringLiteral("EUR"));
        QCOMPARE(cn.currency, QStringLiteral("CNY"));
        QCOMPARE(de.marketCode, QStringLiteral("DE"));
        QCOMPARE(gb.openedOn, QDate(2024, 6, 15));
        QCOMPARE(gb.status, Accounts::AccountStatus::Active);

        // As stored: read back through the service equal to what was returned.
        const QList<Account> listed = f.accounts().accountsOfCustomer(f.agent(), c.id);
        QCOMPARE(listed.size(), 3);
        QCOMPARE(listed.at(0), gb);
        QCOMPARE(listed.at(1), de);
        QCOMPARE(listed.at(2), cn);
        QCOMPARE(f.accounts().findByNumber(f.agent(), cn.accountNumber.toLower()).value_or(Account()), cn);

        // VAT per market and date (DE cut VAT on gas and heat from October 2022 to March 2024).
        QCOMPARE(f.accounts().vatRateBp(f.agent(), QStringLiteral("DE"), QDate(2023, 1, 1)), 700);
        QCOMPARE(f.accounts().vatRateBp(f.agent(), QStringLiteral("DE"), QDate(2024, 6, 1)), 1900);
        QCOMPARE(f.accounts().vatRateBp(f.agent(), QStringLiteral("DE"), QDate(2022, 9, 30)), 1900);
        QCOMPARE(f.accounts().vatRateBp(f.agent(), QStringLiteral("GB"), QDate(2024, 6, 1)), 500);
        QCOMPARE(f.accounts().vatRateBp(f.agent(), QStringLiteral("CN"), QDate(2024, 6, 1)), 900);
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.accounts().vatRateBp(f.agent(), QStringLiteral("XX"), QDate(2024, 1, 1)); }),
                 QStringLiteral("There is no market XX: choose one of the markets UtilityDesk knows."));

        // The premise must lie in the market's country.
        const QString mismatch = errorOf(Error::Kind::BadInput, [&] {
            f.accounts().openAccount(f.agent(), c.id, berlin.id, QStringLiteral("GB"), PaymentType::Postpaid);
        });
        QCOMPARE(mismatch, QStringLiteral("Market GB serves GB, but the premise is in DE: choose the market of the premise's country."));
        // Business users may not open accounts.
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.accounts().openAccount(f.businessUser(), c.id, london.id, QStringLiteral("GB"), PaymentType::Postpaid);
                }).contains(QLatin1String("bob")));

        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("account.open"));
        QCOMPARE(QJsonDocument::fromJson(entry.afterJson.toUtf8()).object().value(QStringLiteral("account_number")).toString(),
                 cn.accountNumber);
    }

    void accountNumbersUniqueAndPrefixed_data() { Test::addBackendRows(); }
    void accountNumbersUniqueAndPrefixed()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = newCustomer(f, QStringLiteral("Numbered Customer"));
        const QRegularExpression format(QStringLiteral("^UD\\d{8}$"));
        QStringList numbers;
        for (int i = 0; i < 3; ++i) {
            const Account a = f.accounts().openAccount(f.agent(), c.id, {}, QStringLiteral("GB"), PaymentType::Postpaid);
            QVERIFY2(format.match(a.accountNumber).hasMatch(), qPrintable(a.accountNumber));
            numbers << a.accountNumber;
        }
        QCOMPARE(numbers, (QStringList{QStringLiteral("UD00000001"), QStringLiteral("UD00000002"), QStringLiteral("UD00000003")}));

        // Another site's prefix has its own sequence.
        Accounts::AccountService fieldOffice(f.context, QStringLiteral("FO"));
        QCOMPARE(fieldOffice.openAccount(f.agent(), c.id, {}, QStringLiteral("GB"), PaymentType::Postpaid).accountNumber,
                 QStringLiteral("FO00000001"));

        // Rows written without the sequence (an import, an older program): it continues after them.
        Core::SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM number_sequences")).exec();
        Core::SqlQuery(t.db().connection(), QStringLiteral(
            "INSERT INTO accounts (id, account_number, customer_id, market_code, payment_type, status, opened_on) "
            "VALUES (:id, 'UD00000057', :c, 'GB', 'postpaid', 'active', '2020-01-01')"))
            .bind(QStringLiteral(":id"), Core::newId())
            .bind(QStringLiteral(":c"), c.id)
            .exec();
        QCOMPARE(f.accounts().openAccount(f.agent(), c.id, {}, QStringLiteral("GB"), PaymentType::Postpaid).accountNumber,
                 QStringLiteral("UD00000058"));
    }

    void concurrentWritersGetDistinctNumbers_data() { Test::addBackendRows(); }
    void concurrentWritersGetDistinctNumbers()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = newCustomer(f, QStringLiteral("Busy Customer"));
        constexpr int Threads = 4;
        constexpr int PerThread = 8;
        QList<QStringList> numbers(Threads);
        QStringList failures;
        QMutex mutex;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < Threads; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                try {
                    for (int n = 0; n < PerThread; ++n)
                        numbers[i] << f.accounts().openAccount(f.agent(), c.id, {}, QStringLiteral("GB"),
                                                               PaymentType::Postpaid).accountNumber;
                } catch (const Error &e) {
                    QMutexLocker lock(&mutex);
                    failures << e.message() + QLatin1Char(' ') + e.detail();
                }
                t.db().releaseThreadConnection();
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QSet<QString> distinct;
        for (const QStringList &list : std::as_const(numbers))
            for (const QString &number : list)
                distinct.insert(number);
        QCOMPARE(distinct.size(), Threads * PerThread);
        QVERIFY(distinct.contains(QStringLiteral("UD00000001")));
        QVERIFY(distinct.contains(QStringLiteral("UD%1").arg(Threads * PerThread, 8, 10, QLatin1Char('0'))));
        QCOMPARE(f.accounts().accountsOfCustomer(f.agent(), c.id).size(), Threads * PerThread);
        QVERIFY(f.audit.verify().intact);
    }

    void meterWithExportChannel_data() { Test::addBackendRows(); }
    void meterWithExportChannel()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = newCustomer(f, QStringLiteral("Solar Household"));
        const Premise p = f.accounts().addPremise(f.agent(), londonPremise());
        const Account a = f.accounts().openAccount(f.agent(), c.id, p.id, QStringLiteral("GB"), PaymentType::Postpaid);

        ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Commodity::Electricity;
        sp.identifier = QStringLiteral("1200023305967");
        sp = f.meters().addServicePoint(f.agent(), sp);

        Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("e23a01234");
        m.intervalMinutes = 30;
        m.channels << MeterChannel{{}, ChannelKind::Import, ChannelUnit::WattHour}
                   << MeterChannel{{}, ChannelKind::Export, ChannelUnit::WattHour};
        const Meter made = f.meters().addMeter(f.agent(), m);
        QCOMPARE(made.serial, QStringLiteral("E23A01234"));
        QCOMPARE(made.commodity, Commodity::Electricity);
        QCOMPARE(made.installedOn, QDate(2024, 6, 15));

        const QList<Meter> ofCustomer = f.meters().metersOfCustomer(f.agent(), c.id);
        QCOMPARE(ofCustomer.size(), 1);
        QCOMPARE(ofCustomer.first(), made);
        QCOMPARE(ofCustomer.first().intervalMinutes, 30);
        QVERIFY(ofCustomer.first().hasChannel(ChannelKind::Export));
        QCOMPARE(f.meters().findBySerial(f.agent(), QStringLiteral("e23a01234"))->id, made.id);
        Core::SqlQuery channels(t.db().connection(), QStringLiteral(
            "SELECT count(*) FROM meter_channels WHERE meter_id = :m AND unit = 'Wh'"));
        channels.bind(QStringLiteral(":m"), made.id);
        QCOMPARE(channels.scalar().toInt(), 2);

        // Appliances at the premise show up for the customer.
        Accounts::Appliance pv;
        pv.premiseId = p.id;
        pv.kind = Accounts::ApplianceKind::SolarPv;
        pv.capacityW = 4200;
        const auto appliance = f.appliances().add(f.agent(), pv);
        QCOMPARE(f.appliances().ofCustomer(f.agent(), c.id), QList<Accounts::Appliance>{appliance});
        pv.capacityW = 0;
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.appliances().add(f.agent(), pv); }).startsWith(QLatin1String("Capacity")));

        // The same serial or service point cannot be added twice.
        QCOMPARE(errorOf(Error::Kind::Conflict, [&] { f.meters().addMeter(f.agent(), m); }),
                 QStringLiteral("A meter with serial E23A01234 already exists."));
        QCOMPARE(errorOf(Error::Kind::Conflict, [&] { f.meters().addServicePoint(f.agent(), sp); }),
                 QStringLiteral("Service point 1200023305967 already exists."));
    }

    void invalidMeterInputRejected_data() { Test::addBackendRows(); }
    void invalidMeterInputRejected()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Premise p = f.accounts().addPremise(f.agent(), londonPremise());
        ServicePoint gas;
        gas.premiseId = p.id;
        gas.commodity = Commodity::Gas;
        gas.identifier = QStringLiteral("7329584001");
        gas = f.meters().addServicePoint(f.agent(), gas);

        Meter m;
        m.servicePointId = gas.id;
        m.serial = QStringLiteral("G4X0001");
        m.intervalMinutes = 20;
        m.channels << MeterChannel{{}, ChannelKind::Import, ChannelUnit::WattHour};
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.meters().addMeter(f.agent(), m); }),
                 QStringLiteral("Interval must be 5, 15, 30, 60 minutes or daily (1440) (got 20)."));
        m.intervalMinutes = 1439;
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.meters().addMeter(f.agent(), m); }),
                 QStringLiteral("Interval must be 5, 15, 30, 60 minutes or daily (1440) (got 1439)."));
        m.intervalMinutes = 60;
        m.channels << MeterChannel{{}, ChannelKind::Export, ChannelUnit::WattHour};
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.meters().addMeter(f.agent(), m); })
                    .startsWith(QLatin1String("Channels: a Gas meter cannot record Export")));
        m.channels.clear();
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.meters().addMeter(f.agent(), m); }).startsWith(QLatin1String("Channels")));
        m.channels << MeterChannel{{}, ChannelKind::Import, ChannelUnit::Litre};
        QCOMPARE(f.meters().addMeter(f.agent(), m).channels.first().unit, ChannelUnit::Litre);
        Core::SqlQuery count(t.db().connection(), QStringLiteral("SELECT count(*) FROM meters"));
        QCOMPARE(count.scalar().toInt(), 1);

        // Gas and water meters often report one reading a day: stored as 1440 minutes.
        Meter daily;
        daily.servicePointId = gas.id;
        daily.serial = QStringLiteral("G4D0002");
        daily.intervalMinutes = 1440;
        daily.channels << MeterChannel{{}, ChannelKind::Import, ChannelUnit::WattHour};
        const Meter added = f.meters().addMeter(f.agent(), daily);
        QCOMPARE(added.intervalMinutes, 1440);
        Core::SqlQuery stored(t.db().connection(),
                              QStringLiteral("SELECT interval_minutes FROM meters WHERE serial = 'G4D0002'"));
        QCOMPARE(stored.scalar().toInt(), 1440);
    }

    void invalidPremiseRejected_data() { Test::addBackendRows(); }
    void invalidPremiseRejected()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Premise p = londonPremise();
        p.timeZone = QStringLiteral("Europe/Atlantis");
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] { f.accounts().addPremise(f.agent(), p); }),
                 QStringLiteral("Time zone \"Europe/Atlantis\" is not known: enter an IANA time zone such as "
                                "Europe/London or Asia/Shanghai."));
        p.timeZone = QStringLiteral("Europe/London");
        p.country = QStringLiteral("XQ");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.accounts().addPremise(f.agent(), p); }).startsWith(QLatin1String("Country \"XQ\"")));
        p.country = QStringLiteral("GB");
        p.latitude = 91.0;
        p.longitude = 0.0;
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.accounts().addPremise(f.agent(), p); }).startsWith(QLatin1String("Latitude")));
        p.latitude.reset();
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.accounts().addPremise(f.agent(), p); }).startsWith(QLatin1String("Coordinates")));
        p.longitude.reset();
        p.addressLine1 = QStringLiteral("  ");
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.accounts().addPremise(f.agent(), p); }).startsWith(QLatin1String("Address line 1")));
        Core::SqlQuery count(t.db().connection(), QStringLiteral("SELECT count(*) FROM premises"));
        QCOMPARE(count.scalar().toInt(), 0);
    }

    void closingAnAccountAndLoggingContacts_data() { Test::addBackendRows(); }
    void closingAnAccountAndLoggingContacts()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = newCustomer(f, QStringLiteral("Leaving Customer"));
        const Account a = f.accounts().openAccount(f.agent(), c.id, {}, QStringLiteral("GB"), PaymentType::Postpaid,
                                                   QDate(2020, 5, 1));
        const Account closed = f.accounts().setStatus(f.agent(), a.id, Accounts::AccountStatus::Closed);
        QCOMPARE(closed.closedOn, QDate(2024, 6, 15));
        QCOMPARE(f.accounts().account(f.agent(), a.id).status, Accounts::AccountStatus::Closed);

        Accounts::Interaction call;
        call.customerId = c.id;
        call.accountId = a.id;
        call.reason = QStringLiteral("Move out");
        call.reasonCode = QStringLiteral("move");
        call.wrapUpCode = QStringLiteral("resolved");
        call.summary = QStringLiteral("Final meter read taken");
        const auto logged = f.interactions().log(f.agent(), call);
        QCOMPARE(logged.agent, QStringLiteral("alice"));
        QCOMPARE(logged.at, AccountsFixture::Now);
        f.clock.advance(10);
        call.reason = QStringLiteral("Final bill");
        call.channel = Accounts::InteractionChannel::Email;
        f.interactions().log(f.agent(), call);
        const auto history = f.interactions().ofCustomer(f.agent(), c.id);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.first().reason, QStringLiteral("Final bill"));
        QCOMPARE(history.last(), logged);
        call.reasonCode.clear();
        QVERIFY(errorOf(Error::Kind::BadInput, [&] { f.interactions().log(f.agent(), call); }).startsWith(QLatin1String("Reason code")));
        call.reasonCode = QStringLiteral("bill");
        QVERIFY(errorOf(Error::Kind::Denied, [&] { f.interactions().log(f.businessUser(), call); }).contains(QLatin1String("bob")));
        QCOMPARE(f.interactions().countOfCustomer(f.agent(), c.id), 2);
    }
};

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
