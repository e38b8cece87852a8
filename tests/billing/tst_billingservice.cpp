// BillingService on both databases: tariff assignments (ending the open one, conflicts, class
// and payment type, audit entry), permissions, a bill from stored readings equal to the
// calculator's and to the figures worked by hand, errors that name the account and tariff,
// and the rate comparison's period, ranking, saving and missing/estimated counts.

#include "../metering/meteringfixture.h"

#include <billing/billingdata.h>
#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <metering/readingstore.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

using namespace Ud;
using namespace Ud::Billing;
using Test::errorOf;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

namespace {

const QTimeZone London("Europe/London");

QByteArray tariffJson(const char *code, const char *kind, const char *classes, const char *from, const char *to,
                      const char *components)
{
    QByteArray range = QByteArray("\"effectiveFrom\": \"") + from + '"';
    if (to)
        range += QByteArray(", \"effectiveTo\": \"") + to + '"';
    return QByteArray(R"({"code": ")") + code + R"(", "name": "Test )" + code
           + R"(", "market": "GB", "currency": "GBP", "customerClasses": [)" + classes + R"(], "kind": ")" + kind
           + R"(", "versions": [{)" + range + R"(, "components": [)" + components + "]}]}";
}

const char *const FlatComponents = R"({"type": "standing_charge", "perDay": "0.55"}, {"type": "flat_rate", "perKwh": "0.2699"})";
const char *const E7Components = R"({"type": "standing_charge", "perDay": "0.50"}, {"type": "time_of_use", "seasons": [
    {"name": "all", "from": "01-01", "to": "12-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"], "bands": [
        {"name": "night", "start": "00:30", "end": "07:30", "perKwh": "0.15"},
        {"name": "day", "start": "07:30", "end": "00:30", "perKwh": "0.30"}]}]}]})";
const char *const PrepaidComponents = R"({"type": "standing_charge", "perDay": "0.40"}, {"type": "flat_rate", "perKwh": "0.28"},
    {"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10})";

struct Fixture : Test::MeteringFixture {
    explicit Fixture(Core::Database &db) : MeteringFixture(db)
    {
        billing.initialize(context);
        const auto admin = Core::UserContext::operatingSystemUser();
        billing.tariffs().importJson(admin, tariffJson("GB-FLAT", "postpaid", R"("residential")", "2024-01-01", nullptr,
                                                       FlatComponents), QStringLiteral("flat.json"));
        billing.tariffs().importJson(admin, tariffJson("GB-E7", "postpaid", R"("residential")", "2024-01-01", nullptr,
                                                       E7Components), QStringLiteral("e7.json"));
        billing.tariffs().importJson(admin, tariffJson("GB-PRE", "prepaid", R"("residential")", "2024-01-01", nullptr,
                                                       PrepaidComponents), QStringLiteral("pre.json"));
        billing.tariffs().importJson(admin, tariffJson("GB-OLD", "postpaid", R"("residential")", "2023-01-01",
                                                       "2024-12-31", FlatComponents), QStringLiteral("old.json"));
        billing.tariffs().importJson(admin, tariffJson("GB-BIZ", "postpaid", R"("commercial")", "2024-01-01", nullptr,
                                                       FlatComponents), QStringLiteral("biz.json"));
    }

    BillingService &service() { return billing.billing(); }

    /// A residential customer with an account (opened 2023-01-01) and a half-hourly meter in London.
    Accounts::Account addAccount(Accounts::PaymentType type = Accounts::PaymentType::Postpaid)
    {
        Accounts::Customer c;
        c.fullName = QStringLiteral("Ada Billing");
        c = customers().create(agent(), c);
        const auto p = accounts().addPremise(agent(), premise(QStringLiteral("1 Tariff Row"), QStringLiteral("London"),
                                                              QStringLiteral("N1 1AA"), QStringLiteral("GB"),
                                                              QStringLiteral("Europe/London")));
        const auto a = accounts().openAccount(agent(), c.id, p.id, QStringLiteral("GB"), type, QDate(2023, 1, 1));
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = QStringLiteral("SP-") + a.accountNumber;
        sp = meters().addServicePoint(agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("M-") + a.accountNumber;
        m.intervalMinutes = 30;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
        m_channel = channelOf(meters().addMeter(agent(), m));
        return a;
    }

    /// 250 Wh every half hour of the local days [from, to], but none on `gap` and estimated on `estimated`.
    void writeUsage(const QDate &from, const QDate &to, const QDate &gap = {}, const QDate &estimated = {})
    {
        QList<Reading> readings;
        for (QDate d = from; d <= to; d = d.addDays(1)) {
            if (d == gap)
                continue;
            const qint64 start = d.startOfDay(London).toSecsSinceEpoch();
            const qint64 end = d.addDays(1).startOfDay(London).toSecsSinceEpoch();
            for (qint64 t = start; t < end; t += 1800)
                readings << Reading{t, 250, d == estimated ? Quality::Estimated : Quality::Actual};
        }
        Metering::ReadingStore(database).write(m_channel, London, 30, readings, QStringLiteral("test"));
    }

    QVariant scalar(const QString &sql) { return Core::SqlQuery(database.connection(), sql).scalar(); }

    BillingModule billing;
    QString m_channel;
};

Core::UserContext billingClerk()
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("dora"), Core::Role::Supervisor};
}

} // namespace

class TestBillingService : public QObject
{
    Q_OBJECT

private slots:
    void assignments_data() { Test::addBackendRows(); }
    void assignments()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const auto a = f.addAccount();
        const TariffAssignment first = f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-FLAT"),
                                                                QDate(2024, 2, 1));
        QCOMPARE(first.tariffCode, QStringLiteral("GB-FLAT"));
        f.service().assignTariff(billingClerk(), a.id, QStringLiteral("GB-E7"), QDate(2024, 6, 1));
        const auto spans = f.service().assignments(f.agent(), a.accountNumber);
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans[0].tariffCode, QStringLiteral("GB-FLAT"));
        QCOMPARE(spans[0].from, QDate(2024, 2, 1));
        QCOMPARE(spans[0].to, std::optional<QDate>(QDate(2024, 5, 31)));
        QCOMPARE(spans[1].tariffCode, QStringLiteral("GB-E7"));
        QCOMPARE(spans[1].to, std::optional<QDate>());

        // The stored rows and the audit entry of the change.
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM account_tariffs")).toInt(), 2);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'account.tariff'")).toInt(), 2);
        const QJsonObject after = QJsonDocument::fromJson(
            f.scalar(QStringLiteral("SELECT after_json FROM audit_log WHERE action = 'account.tariff' ORDER BY seq DESC"))
                .toString().toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("tariff_code")).toString(), QStringLiteral("GB-E7"));
        QCOMPARE(after.value(QStringLiteral("ended")).toObject().value(QStringLiteral("effective_to")).toString(),
                 QStringLiteral("2024-05-31"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'account.tariff' ORDER BY seq DESC"))
                     .toString(), QStringLiteral("dora"));

        // Assigning what it is already on changes nothing.
        f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-E7"), QDate(2024, 7, 1));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'account.tariff'")).toInt(), 2);

        QCOMPARE(errorOf(Core::Error::Kind::Conflict, [&] {
                     f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-FLAT"), QDate(2024, 5, 1));
                 }),
                 QStringLiteral("From: account %1 is on the tariff GB-FLAT until 2024-05-31; choose a day after that.")
                     .arg(a.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-BIZ"), QDate(2024, 8, 1));
                 }),
                 QStringLiteral("Tariff: GB-BIZ is not for Residential customers; choose a tariff of their class."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-PRE"), QDate(2024, 8, 1));
                 }),
                 QStringLiteral("Tariff: GB-PRE is a prepaid tariff and account %1 is postpaid; choose a postpaid tariff.")
                     .arg(a.accountNumber));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-OLD"), QDate(2025, 2, 1));
                 }),
                 QStringLiteral("From: the tariff GB-OLD has no prices on 2025-02-01; choose a day one of its versions covers."));
        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] {
                     f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("ES-X"), QDate(2024, 8, 1));
                 }),
                 QStringLiteral("Tariff: there is no tariff ES-X in the market GB of account %1.").arg(a.accountNumber));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM account_tariffs")).toInt(), 2);
    }

    void permissions_data() { Test::addBackendRows(); }
    void permissions()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const auto a = f.addAccount();
        // Agents and business users may look at bills but not assign tariffs.
        const QString denied = errorOf(Core::Error::Kind::Denied, [&] {
            f.service().assignTariff(f.agent(), a.accountNumber, QStringLiteral("GB-FLAT"), QDate(2024, 2, 1));
        });
        QVERIFY2(!denied.startsWith(QLatin1String("wrong kind")) && denied != QLatin1String("no error"), qPrintable(denied));
        QCOMPARE(errorOf(Core::Error::Kind::Denied, [&] {
                     f.service().assignTariff(f.businessUser(), a.accountNumber, QStringLiteral("GB-FLAT"), QDate(2024, 2, 1));
                 }).isEmpty(), false);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM account_tariffs")).toInt(), 0);
        f.writeUsage(QDate(2024, 8, 1), QDate(2024, 8, 2));
        const BillResult bill = f.service().bill(f.agent(), a.accountNumber, QDate(2024, 8, 1), QDate(2024, 8, 2),
                                                 QStringLiteral("GB-FLAT"));
        QCOMPARE(bill.consumptionWh, 24000);
    }

    void billMatchesCalculator_data() { Test::addBackendRows(); }
    void billMatchesCalculator()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const auto a = f.addAccount();
        f.writeUsage(QDate(2024, 7, 25), QDate(2024, 9, 5));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.service().bill(f.agent(), a.accountNumber, QDate(2024, 8, 1), QDate(2024, 8, 31));
                 }),
                 QStringLiteral("Account %1 has no tariff on 2024-08-01: assign it one, or name a tariff to bill it under.")
                     .arg(a.accountNumber));
        f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-FLAT"), QDate(2024, 2, 1));

        const BillResult bill = f.service().bill(f.agent(), a.accountNumber, QDate(2024, 8, 1), QDate(2024, 8, 31));
        // By hand: 31 days x 0.55 = 17.05; 31 x 48 x 250 Wh = 372 kWh x 0.2699 = 100.4028 -> 100.40;
        // net 117.45; VAT 5 % (GB households) 5.8725 -> 5.87; total 123.32.
        QCOMPARE(bill.tariffCode, QStringLiteral("GB-FLAT"));
        QCOMPARE(bill.lines.size(), 3);
        QCOMPARE(bill.lines[0].amountMinor, 1705);
        QCOMPARE(bill.lines[1].quantity, 372000);
        QCOMPARE(bill.lines[1].amountMinor, 10040);
        QCOMPARE(bill.lines[2].kind, LineKind::Vat);
        QCOMPARE(bill.lines[2].unitPrice, 500);
        QCOMPARE(bill.lines[2].amountMinor, 587);
        QCOMPARE(bill.netMinor, 11745);
        QCOMPARE(bill.totalMinor, 12332);
        QCOMPARE(bill.expectedIntervals, 31 * 48);
        QCOMPARE(bill.missingIntervals, 0);

        // The same from the calculator over what BillingData reads.
        BillResult direct;
        {
            Core::Transaction tx(t.db(), Core::Transaction::Mode::Read);
            BillingData data(t.db());
            const BillingAccount account = data.account(a.id);
            QCOMPARE(account.accountNumber, a.accountNumber);
            QCOMPARE(account.zone.id(), QByteArray("Europe/London"));
            const auto tariff = data.tariffOn(a.id, QDate(2024, 8, 1));
            QVERIFY(tariff);
            direct = BillCalculator::calculate(*tariff, data.taxes(QStringLiteral("GB"), Accounts::CustomerClass::Residential),
                                               data.usage(account, QDate(2024, 8, 1), QDate(2024, 8, 31)),
                                               QDate(2024, 8, 1), QDate(2024, 8, 31));
            tx.commit();
        }
        QCOMPARE(direct.lines, bill.lines);
        QCOMPARE(direct.totalMinor, bill.totalMinor);

        // A named tariff instead; commercial customers pay 20 % VAT and the Climate Change Levy.
        const BillResult e7 = f.service().bill(f.agent(), a.id, QDate(2024, 8, 1), QDate(2024, 8, 31), QStringLiteral("GB-E7"));
        QCOMPARE(e7.tariffCode, QStringLiteral("GB-E7"));
        QCOMPARE(e7.lines.size(), 4);
        QCOMPARE(e7.lines[1].label, QStringLiteral("night"));
        QCOMPARE(e7.lines[1].quantity, 31 * 14 * 250);
        {
            Core::Transaction tx(t.db(), Core::Transaction::Mode::Read);
            const TaxSchedule business = BillingData(t.db()).taxes(QStringLiteral("GB"), Accounts::CustomerClass::Commercial);
            QCOMPARE(business.vatRateOn(QDate(2024, 8, 1)), 2000);
            QCOMPARE(business.vatRateOn(QDate(2009, 6, 1)), 1500);
            QCOMPARE(business.levies.size(), 2);
            QCOMPARE(business.levies[0].code, QStringLiteral("CCL"));
            QCOMPARE(business.levies[0].rate, 7750);
            const TaxSchedule es = BillingData(t.db()).taxes(QStringLiteral("ES"), Accounts::CustomerClass::Residential);
            QCOMPARE(es.vatRateOn(QDate(2024, 8, 1)), 2100);
            QCOMPARE(es.levies.last().rateMicroBp, 511269632);
            QCOMPARE(es.levies.last().basis, LevyBasis::PercentOfEnergy);
            const TaxSchedule de = BillingData(t.db()).taxes(QStringLiteral("DE"), Accounts::CustomerClass::Residential);
            QCOMPARE(de.vatRateOn(QDate(2023, 1, 1)), 1900);
            const TaxSchedule cn = BillingData(t.db()).taxes(QStringLiteral("CN"), Accounts::CustomerClass::Residential);
            QCOMPARE(cn.vatRateOn(QDate(2024, 1, 1)), 1300);
            tx.commit();
        }

        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] {
                     f.service().bill(f.agent(), QStringLiteral("UD99999999"), QDate(2024, 8, 1), QDate(2024, 8, 31));
                 }),
                 QStringLiteral("There is no account UD99999999."));
        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] {
                     f.service().bill(f.agent(), a.accountNumber, QDate(2024, 8, 1), QDate(2024, 8, 31), QStringLiteral("NOPE"));
                 }),
                 QStringLiteral("Tariff: there is no tariff NOPE in the market GB of account %1.").arg(a.accountNumber));
        f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-E7"), QDate(2024, 8, 20));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.service().bill(f.agent(), a.accountNumber, QDate(2024, 8, 1), QDate(2024, 8, 31));
                 }),
                 QStringLiteral("Account %1 changes to the tariff GB-E7 on 2024-08-20, inside the period; bill up to "
                                "2024-08-19 and from 2024-08-20 separately.")
                     .arg(a.accountNumber));
    }

    void comparison_data() { Test::addBackendRows(); }
    void comparison()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const auto a = f.addAccount();
        f.service().assignTariff(billingClerk(), a.accountNumber, QStringLiteral("GB-FLAT"), QDate(2024, 2, 1));
        // A year and a half of readings ending 2025-07-10: the last full month is June 2025.
        f.writeUsage(QDate(2024, 1, 15), QDate(2025, 7, 10), QDate(2024, 12, 25), QDate(2025, 1, 10));
        const QString customerNumber = f.scalar(QStringLiteral("SELECT customer_number FROM customers")).toString();

        const RateComparison r = f.service().compareRates(f.agent(), customerNumber);
        QCOMPARE(r.customerName, QStringLiteral("Ada Billing"));
        QCOMPARE(r.accounts.size(), 1);
        const AccountComparison &c = r.accounts.first();
        QCOMPARE(c.from, QDate(2024, 7, 1));
        QCOMPARE(c.to, QDate(2025, 6, 30));
        QCOMPARE(c.months, 12);
        QCOMPARE(c.currentTariffCode, QStringLiteral("GB-FLAT"));
        // 365 days, Christmas Day missing, 10 January estimated.
        QCOMPARE(c.expectedIntervals, 365 * 48);
        QCOMPARE(c.missingIntervals, 48);
        QCOMPARE(c.estimatedIntervals, 48);
        QCOMPARE(c.consumptionWh, 364 * 12000);
        QCOMPARE(c.estimatedWh, 12000);
        // GB-OLD ends 2024-12-31 and cannot price the year; GB-BIZ is for businesses.
        QCOMPARE(c.skipped, QStringList{QStringLiteral("GB-OLD: The tariff GB-OLD has no prices for 2025-01-01: none of "
                                                       "its versions covers that day.")});
        QCOMPARE(c.options.size(), 3);
        // Per day: prepaid 0.40 + 10 kWh x 0.28 = 3.20; E7 0.50 + 3.5 x 0.15 + 8.5 x 0.30 = 3.575; flat 0.55 + 12 x 0.2699.
        QCOMPARE(c.options[0].tariffCode, QStringLiteral("GB-PRE"));
        QCOMPARE(c.options[1].tariffCode, QStringLiteral("GB-E7"));
        QCOMPARE(c.options[2].tariffCode, QStringLiteral("GB-FLAT"));
        QVERIFY(c.options[2].current);
        // Flat by hand: 365 x 0.55 = 200.75; 4368 kWh x 0.2699 = 1178.9232 -> 1178.92; net 1379.67;
        // VAT 5 % 68.9835 -> 68.98; total 1448.65.
        QCOMPARE(c.options[2].totalMinor, 144865);
        QCOMPARE(c.options[2].savingMinor, 0);
        // Prepaid: the allowance covers 2 kWh a day (4 on 26 December, after the unused Christmas Day).
        QCOMPARE(c.options[0].allowanceWh, 364 * 2000 + 2000);
        QCOMPARE(c.options[0].savingMinor, 144865 - c.options[0].totalMinor);
        QVERIFY(c.options[0].savingMinor > 0);
        QVERIFY(c.options[0].totalMinor < c.options[1].totalMinor);

        // Each option is the calculator's bill of the same year.
        {
            Core::Transaction tx(t.db(), Core::Transaction::Mode::Read);
            BillingData data(t.db());
            const BillingAccount account = data.account(a.id);
            const auto tariffs = data.tariffsFor(QStringLiteral("GB"), Accounts::CustomerClass::Residential);
            QCOMPARE(tariffs.size(), 4);
            for (const Tariff &tariff : tariffs) {
                if (tariff.code != QLatin1String("GB-E7"))
                    continue;
                const BillResult e7 = BillCalculator::calculate(
                    tariff, data.taxes(QStringLiteral("GB"), Accounts::CustomerClass::Residential),
                    data.usage(account, c.from, c.to), c.from, c.to);
                QCOMPARE(c.options[1].totalMinor, e7.totalMinor);
                QCOMPARE(c.options[1].savingMinor, 144865 - e7.totalMinor);
            }
            tx.commit();
        }

        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] { f.service().compareRates(f.agent(), QStringLiteral("UDC0000")); }),
                 QStringLiteral("There is no customer UDC0000."));
    }
};

QTEST_GUILESS_MAIN(TestBillingService)
#include "tst_billingservice.moc"
