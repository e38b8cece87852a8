// `utilitydesk bill`, `rate-compare` and `tariff assign` through the real binary, on both
// databases: the bill's CSV exactly (lines, totals, estimated kWh, missing intervals), a bill
// under a named tariff, the ranked comparison as text and CSV, and the exit codes and messages
// of mistakes, each naming the field.

#include "clirun.h"

#include "../metering/meteringfixture.h"

#include <billing/billingmodule.h>
#include <billing/tariffservice.h>
#include <core/sqlquery.h>
#include <metering/readingstore.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

namespace {

using Test::Run;
using Test::utilitydesk;

const QTimeZone London("Europe/London");

QByteArray tariffJson(const char *code, const char *kind, const char *classes, const char *components)
{
    return QByteArray(R"({"code": ")") + code + R"(", "name": "Test )" + code
           + R"(", "market": "GB", "currency": "GBP", "customerClasses": [)" + classes + R"(], "kind": ")" + kind
           + R"(", "versions": [{"effectiveFrom": "2024-01-01", "components": [)" + components + "]}]}";
}

/// A London household (account opened 2023-01-01) with a half-hourly meter, 250 Wh every half
/// hour of [from, to] except none on `gap` and estimated readings on `estimated`, and three
/// residential tariffs and a business one.
struct Setup {
    QString accountNumber;
    QString customerNumber;

    Setup(Core::Database &db, const QDate &from, const QDate &to, const QDate &gap, const QDate &estimated)
    {
        Test::MeteringFixture f(db);
        Billing::BillingModule billing;
        billing.initialize(f.context);
        const auto admin = Core::UserContext::operatingSystemUser();
        billing.tariffs().importJson(admin, tariffJson("GB-FLAT", "postpaid", R"("residential")",
            R"({"type": "standing_charge", "perDay": "0.55"}, {"type": "flat_rate", "perKwh": "0.2699"})"), QStringLiteral("a"));
        billing.tariffs().importJson(admin, tariffJson("GB-E7", "postpaid", R"("residential")",
            R"({"type": "standing_charge", "perDay": "0.50"}, {"type": "time_of_use", "seasons": [{"name": "all",
                "from": "01-01", "to": "12-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"], "bands": [
                {"name": "night", "start": "00:30", "end": "07:30", "perKwh": "0.15"},
                {"name": "day", "start": "07:30", "end": "00:30", "perKwh": "0.30"}]}]}]})"), QStringLiteral("b"));
        billing.tariffs().importJson(admin, tariffJson("GB-PRE", "prepaid", R"("residential")",
            R"({"type": "standing_charge", "perDay": "0.40"}, {"type": "flat_rate", "perKwh": "0.28"},
                {"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10})"), QStringLiteral("c"));
        billing.tariffs().importJson(admin, tariffJson("GB-BIZ", "postpaid", R"("commercial")",
            R"({"type": "flat_rate", "perKwh": "0.20"})"), QStringLiteral("d"));

        Accounts::Customer c;
        c.fullName = QStringLiteral("Ada Billing");
        c = f.customers().create(f.agent(), c);
        customerNumber = c.customerNumber;
        const auto p = f.accounts().addPremise(f.agent(), f.premise(QStringLiteral("1 Tariff Row"), QStringLiteral("London"),
                                                                    QStringLiteral("N1 1AA"), QStringLiteral("GB"),
                                                                    QStringLiteral("Europe/London")));
        const auto a = f.accounts().openAccount(f.agent(), c.id, p.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid,
                                                QDate(2023, 1, 1));
        accountNumber = a.accountNumber;
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = QStringLiteral("SP-1");
        sp = f.meters().addServicePoint(f.agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("M-1");
        m.intervalMinutes = 30;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
        const QString channel = f.channelOf(f.meters().addMeter(f.agent(), m));
        QList<Reading> readings;
        for (QDate d = from; d <= to; d = d.addDays(1)) {
            if (d == gap)
                continue;
            const qint64 start = d.startOfDay(London).toSecsSinceEpoch();
            const qint64 end = d.addDays(1).startOfDay(London).toSecsSinceEpoch();
            for (qint64 t = start; t < end; t += 1800)
                readings << Reading{t, 250, d == estimated ? Quality::Estimated : Quality::Actual};
        }
        Metering::ReadingStore(db).write(channel, London, 30, readings, QStringLiteral("test"));
    }
};

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '));
}

} // namespace

class TestBillCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void billCsv_data() { Test::addBackendRows(); }
    void billCsv()
    {
        UD_TEST_DATABASE(t);
        const Setup s(t.db(), QDate(2024, 7, 25), QDate(2024, 9, 5), QDate(2024, 8, 10), QDate(2024, 8, 11));
        t.close();

        const Run assign = utilitydesk(t.url(), QStringList{QStringLiteral("tariff"), QStringLiteral("assign"), s.accountNumber,
                                                            QStringLiteral("GB-FLAT"), QStringLiteral("--from"),
                                                            QStringLiteral("2024-02-01")});
        QCOMPARE(assign.err, QString());
        QCOMPARE(assign.code, 0);
        QCOMPARE(assign.out, QStringLiteral("Account %1 is on the tariff GB-FLAT from 2024-02-01.\n").arg(s.accountNumber));

        const Run bill = utilitydesk(t.url(), QStringList{QStringLiteral("bill"), s.accountNumber} + words("--from 2024-08-01 --to 2024-08-31"));
        QCOMPARE(bill.err, QString());
        QCOMPARE(bill.code, 0);
        // 30 days of 12 kWh (10 August has no readings) = 360 kWh x 0.2699 = 97.164 -> 97.16;
        // 31 days x 0.55 = 17.05; net 114.21; VAT 5 % 5.7105 -> 5.71; total 119.92.
        QCOMPARE(bill.out, QStringLiteral(
            "kind,label,from,to,quantity,unit,unit_price,amount,estimated_kwh\n"
            "tariff,GB-FLAT,2024-08-01,2024-08-31,,,,,\n"
            "standing,,2024-08-01,2024-08-31,31,days,0.55,17.05,0.000\n"
            "energy,,2024-08-01,2024-08-31,360.000,kWh,0.2699,97.16,12.000\n"
            "vat,,2024-08-01,2024-08-31,114.21,GBP,5%,5.71,0.000\n"
            "net,,2024-08-01,2024-08-31,,GBP,,114.21,\n"
            "vat_total,,2024-08-01,2024-08-31,,GBP,,5.71,\n"
            "total,,2024-08-01,2024-08-31,,GBP,,119.92,\n"
            "consumption,,2024-08-01,2024-08-31,360.000,kWh,,,12.000\n"
            "estimated,12.000 kWh of 360.000 kWh from estimated or edited readings,2024-08-01,2024-08-31,12.000,kWh,,,12.000\n"
            "missing,\"48 of 1488 intervals without a reading, billed as nothing\",2024-08-01,2024-08-31,48,intervals,,,\n"));

        const Run e7 = utilitydesk(t.url(), QStringList{QStringLiteral("bill"), s.accountNumber}
                                                 + words("--from 2024-09-01 --to 2024-09-02 --tariff GB-E7"));
        QCOMPARE(e7.code, 0);
        // 2 days: night 14 half hours x 250 Wh = 3.5 kWh a day x 0.15 = 1.05; day 17 kWh x 0.30 = 5.10;
        // standing 2 x 0.50 = 1.00; net 7.15; VAT 5 % 0.3575 -> 0.36; total 7.51.
        QVERIFY2(e7.out.contains(QStringLiteral("\ntariff,GB-E7,")), qPrintable(e7.out));
        QVERIFY2(e7.out.contains(QStringLiteral("\nenergy,night,2024-09-01,2024-09-02,7.000,kWh,0.15,1.05,0.000\n")), qPrintable(e7.out));
        QVERIFY2(e7.out.contains(QStringLiteral("\nenergy,day,2024-09-01,2024-09-02,17.000,kWh,0.30,5.10,0.000\n")), qPrintable(e7.out));
        QVERIFY2(e7.out.contains(QStringLiteral("\ntotal,,2024-09-01,2024-09-02,,GBP,,7.51,\n")), qPrintable(e7.out));
    }

    void mistakes_data() { Test::addBackendRows(); }
    void mistakes()
    {
        UD_TEST_DATABASE(t);
        const Setup s(t.db(), QDate(2024, 8, 1), QDate(2024, 8, 3), {}, {});
        t.close();
        const QStringList bill{QStringLiteral("bill"), s.accountNumber};

        Run r = utilitydesk(t.url(), bill + words("--to 2024-08-31"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--from is required: write --from 2025-01-01.")), qPrintable(r.err));
        r = utilitydesk(t.url(), bill + words("--from 2024-08-01 --to 2024-13-01"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--to must be a date written YYYY-MM-DD, not \"2024-13-01\".")), qPrintable(r.err));
        r = utilitydesk(t.url(), bill + words("--from 2024-08-05 --to 2024-08-01 --tariff GB-FLAT"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("To: 2024-08-01 is before the first day 2024-08-05")), qPrintable(r.err));
        r = utilitydesk(t.url(), bill + words("--from 2024-08-01 --to 2024-08-03"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Account %1 has no tariff on 2024-08-01").arg(s.accountNumber)), qPrintable(r.err));
        r = utilitydesk(t.url(), bill + words("--from 2024-08-01 --to 2024-08-03 --tariff NOPE"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Tariff: there is no tariff NOPE in the market GB of account %1.").arg(s.accountNumber)),
                 qPrintable(r.err));
        r = utilitydesk(t.url(), words("bill UD-NOBODY --from 2024-08-01 --to 2024-08-03"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("There is no account UD-NOBODY.")), qPrintable(r.err));
        r = utilitydesk(t.url(), words("bill"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Write: utilitydesk bill ACCOUNT --from DATE --to DATE")), qPrintable(r.err));

        const QStringList assign{QStringLiteral("tariff"), QStringLiteral("assign"), s.accountNumber};
        r = utilitydesk(t.url(), assign + words("GB-BIZ --from 2024-08-01"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Tariff: GB-BIZ is not for Residential customers")), qPrintable(r.err));
        r = utilitydesk(t.url(), assign + words("GB-FLAT"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--from is required")), qPrintable(r.err));
        r = utilitydesk(t.url(), assign + words("GB-FLAT --from 1.8.2024"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--from must be a date written YYYY-MM-DD, not \"1.8.2024\".")), qPrintable(r.err));
        QCOMPARE(utilitydesk(t.url(), assign + words("GB-FLAT --from 2024-08-01")).code, 0);
        r = utilitydesk(t.url(), assign + words("GB-E7 --from 2024-08-01"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("From: account %1 is on the tariff GB-FLAT from 2024-08-01").arg(s.accountNumber)),
                 qPrintable(r.err));
        r = utilitydesk(t.url(), assign + words("GB-E7 --from 2024-09-01"));
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("Ended the tariff GB-FLAT of account %1 on 2024-08-31.\n"
                                       "Account %1 is on the tariff GB-E7 from 2024-09-01.\n")
                            .arg(s.accountNumber));

        r = utilitydesk(t.url(), words("rate-compare NOBODY"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("There is no customer NOBODY.")), qPrintable(r.err));
    }

    void rateCompare_data() { Test::addBackendRows(); }
    void rateCompare()
    {
        UD_TEST_DATABASE(t);
        const Setup s(t.db(), QDate(2024, 6, 20), QDate(2025, 7, 3), QDate(2024, 12, 25), QDate(2025, 1, 10));
        t.close();
        QCOMPARE(utilitydesk(t.url(), QStringList{QStringLiteral("tariff"), QStringLiteral("assign"), s.accountNumber,
                                                  QStringLiteral("GB-FLAT"), QStringLiteral("--from"), QStringLiteral("2024-02-01")})
                     .code,
                 0);

        const Run csv = utilitydesk(t.url(), QStringList{QStringLiteral("rate-compare"), s.customerNumber, QStringLiteral("--csv")});
        QCOMPARE(csv.err, QString());
        QCOMPARE(csv.code, 0);
        const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QStringLiteral("account,from,to,months,rank,tariff,name,kind,current,net,vat,total,saving,"
                                          "allowance_kwh,over_allowance_kwh,consumption_kwh,estimated_kwh,"
                                          "missing_intervals,expected_intervals"));
        // Flat by hand: 365 x 0.55 = 200.75; 4368 kWh x 0.2699 = 1178.92; net 1379.67; VAT 68.98; 1448.65.
        const QString tail = QStringLiteral(",4368.000,12.000,48,17520");
        QVERIFY2(lines[1].startsWith(s.accountNumber + QStringLiteral(",2024-07-01,2025-06-30,12,1,GB-PRE,Test GB-PRE,prepaid,no,")),
                 qPrintable(lines[1]));
        QVERIFY2(lines[1].endsWith(QStringLiteral(",730.000,3638.000") + tail), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(s.accountNumber + QStringLiteral(",2024-07-01,2025-06-30,12,2,GB-E7,")), qPrintable(lines[2]));
        QCOMPARE(lines[3], s.accountNumber + QStringLiteral(",2024-07-01,2025-06-30,12,3,GB-FLAT,Test GB-FLAT,postpaid,yes,"
                                                            "1379.67,68.98,1448.65,0.00,0.000,0.000") + tail);

        const Run text = utilitydesk(t.url(), QStringList{QStringLiteral("rate-compare"), s.customerNumber});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains(QStringLiteral("Rate comparison for Ada Billing (%1)").arg(s.customerNumber)), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("2024-07-01 to 2025-06-30 (months compared: 12): 4368.000 kWh")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("Estimated: 12.000 kWh from 48 estimated or edited intervals.")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("Missing: 48 of 17520 intervals have no reading")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QRegularExpression(QStringLiteral("\\n  1     GB-PRE +1222\\.87 +225\\.78  prepaid, allowance 730\\.000 kWh\\n"
                                                                     "  2     GB-E7 +1366\\.89 +81\\.76\\n"
                                                                     "  3     GB-FLAT +1448\\.65 +0\\.00  current tariff\\n"))),
                 qPrintable(text.out));
    }
};

QTEST_GUILESS_MAIN(TestBillCli)
#include "tst_billcli.moc"
