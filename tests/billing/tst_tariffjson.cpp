// The tariff JSON format: the example files and every component read into the model, a written
// tariff reads back equal, and each mistake is reported with its JSON path and what to write.

#include <billing/tariffjson.h>
#include <core/error.h>

#include <QFile>
#include <QTest>

using namespace Ud;
using namespace Ud::Billing;

namespace {

QString dataFile(const QString &name)
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return root + QStringLiteral("/tests/data/tariffs/") + name;
    return QFINDTESTDATA(QStringLiteral("../data/tariffs/") + name);
}

QByteArray readData(const QString &name)
{
    QFile f(dataFile(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

/// A postpaid GB tariff with one version (2025-01-01 to 2025-06-30) holding `components`.
QByteArray tariffWith(const QByteArray &components, const QByteArray &kind = "postpaid")
{
    return R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP", "customerClasses": ["residential"],
               "kind": ")" + kind + R"(", "versions": [{"effectiveFrom": "2025-01-01", "effectiveTo": "2025-06-30",
               "components": [)" + components + "]}]}";
}

/// A time-of-use component of one all-year season whose weekday-weekend-holiday schedule has `bands`.
QByteArray touWith(const QByteArray &bands)
{
    return R"({"type": "time_of_use", "seasons": [{"name": "all year", "from": "01-01", "to": "12-31",
               "days": [{"dayTypes": ["weekday", "weekend", "holiday"], "bands": [)" + bands + "]}]}]}";
}

const QByteArray TwoBands = R"({"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.12"},
                               {"name": "day", "start": "07:00", "end": "23:00", "perKwh": "0.28"})";

QString errorOf(const QByteArray &json)
{
    try {
        TariffJson::parse(json);
    } catch (const Core::Error &e) {
        if (e.kind() != Core::Error::Kind::BadInput)
            return QStringLiteral("wrong kind: ") + e.message();
        return e.message();
    }
    return QStringLiteral("no error");
}

} // namespace

class TestTariffJson : public QObject
{
    Q_OBJECT

private slots:
    void gbTimeOfUseExample()
    {
        const Tariff t = TariffJson::parse(readData(QStringLiteral("gb-tou.json")));
        QCOMPARE(t.code, QStringLiteral("GB-TOU-2025"));
        QCOMPARE(t.marketCode, QStringLiteral("GB"));
        QCOMPARE(t.currency, QStringLiteral("GBP"));
        QCOMPARE(t.classKeys(), QStringLiteral("residential commercial"));
        QCOMPARE(t.kind, TariffKind::Postpaid);
        QCOMPARE(t.versions.size(), 2);
        const TariffVersion &winter25 = t.versions.at(0);
        QCOMPARE(winter25.effectiveFrom, QDate(2025, 1, 1));
        QCOMPARE(winter25.effectiveTo, std::optional<QDate>(QDate(2025, 3, 31)));
        QCOMPARE(std::get<StandingCharge>(winter25.components.at(0)).microsPerDay, 533500);

        const TariffVersion &current = t.versions.at(1);
        QVERIFY(!current.effectiveTo);
        QCOMPARE(current.holidays.size(), 7);
        QCOMPARE(current.holidays.last(), QDate(2025, 12, 26));
        QCOMPARE(std::get<StandingCharge>(current.components.at(0)).microsPerDay, 513750);
        const auto &tou = std::get<TimeOfUse>(current.components.at(1));
        QCOMPARE(tou.seasons.size(), 2);
        const Season &winter = tou.seasons.at(0);
        QCOMPARE(winter.name, QStringLiteral("winter"));
        QCOMPARE((QList<int>{winter.fromMonth, winter.fromDay, winter.toMonth, winter.toDay}), (QList<int>{10, 1, 3, 31}));
        QCOMPARE(winter.days.at(1).dayTypes, (QList<DayType>{DayType::Weekend, DayType::Holiday}));
        const TimeBand &night = winter.days.at(0).bands.at(0);
        QCOMPARE(night.name, QStringLiteral("night"));
        QCOMPARE(night.startMinute, 23 * 60);
        QCOMPARE(night.endMinute, 7 * 60);
        QCOMPARE(night.microsPerKwh, 151200);
        QCOMPARE(winter.days.at(0).bands.at(2).microsPerKwh, 389050);   // "0.38905": sub-penny, exact
    }

    void esPrepaidExample()
    {
        const Tariff t = TariffJson::parse(readData(QStringLiteral("es-prepaid.json")));
        QCOMPARE(t.name, QStringLiteral("Prepago Básico"));
        QCOMPARE(t.kind, TariffKind::Prepaid);
        QCOMPARE(t.versions.size(), 1);
        const TariffVersion &v = t.versions.at(0);
        QCOMPARE(v.holidays.size(), 10);
        QCOMPARE(std::get<FlatRate>(v.components.at(1)).microsPerKwh, 134200);
        const auto &allowance = std::get<PrepaidAllowance>(v.components.at(2));
        QCOMPARE(allowance.dailyAllowanceWh, 2500);
        QCOMPARE(allowance.carryOverCapWh, 30000);
    }

    void tieredDemandAndPackage()
    {
        const Tariff tiered = TariffJson::parse(tariffWith(R"(
            {"type": "standing_charge", "perDay": "0.40"},
            {"type": "tiered_blocks", "period": "annual", "blocks": [
                {"upToKwh": 100, "perKwh": "0.10"}, {"upToKwh": 250.5, "perKwh": "0.125"}, {"perKwh": "0.15"}]},
            {"type": "demand_charge", "perKw": "8.5"})"));
        const TariffVersion &v = tiered.versions.at(0);
        const auto &blocks = std::get<TieredBlocks>(v.components.at(1));
        QCOMPARE(blocks.period, BlockPeriod::Annual);
        QCOMPARE(blocks.blocks, (QList<Block>{{100000, 100000}, {250500, 125000}, {std::nullopt, 150000}}));
        QCOMPARE(std::get<DemandCharge>(v.components.at(2)).microsPerKw, 8500000);

        const Tariff package = TariffJson::parse(tariffWith(touWith(TwoBands) + R"(,
            {"type": "package", "includedKwhPerMonth": 200, "peakPerKwh": "0.31", "offPeakPerKwh": "0.155",
             "offPeakBands": ["night"]})"));
        const auto &p = std::get<Package>(package.versions.at(0).components.at(1));
        QCOMPARE(p.includedWhPerMonth, 200000);
        QCOMPARE(p.peakMicrosPerKwh, 310000);
        QCOMPARE(p.offPeakMicrosPerKwh, 155000);
        QCOMPARE(p.offPeakBands, QStringList{QStringLiteral("night")});
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("gb-tou") << readData(QStringLiteral("gb-tou.json"));
        QTest::newRow("es-prepaid") << readData(QStringLiteral("es-prepaid.json"));
        QTest::newRow("tiered") << tariffWith(R"({"type": "tiered_blocks", "period": "monthly", "blocks": [
                {"upToKwh": 0.5, "perKwh": "0"}, {"perKwh": "1.000001"}]}, {"type": "demand_charge", "perKw": "12"})");
        QTest::newRow("package") << tariffWith(touWith(TwoBands) + R"(, {"type": "package", "includedKwhPerMonth": 75.25,
                "peakPerKwh": "0.31", "offPeakPerKwh": "0.155", "offPeakBands": ["night", "day"]})");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, json);
        const Tariff read = TariffJson::parse(json);
        const QByteArray written = TariffJson::write(read);
        const Tariff again = TariffJson::parse(written);
        QCOMPARE(again.code, read.code);
        QCOMPARE(again.customerClasses, read.customerClasses);
        QCOMPARE(again.versions, read.versions);
        QCOMPARE(TariffJson::write(again), written);
    }

    void formats()
    {
        QCOMPARE(TariffJson::formatMicros(245670), QStringLiteral("0.24567"));
        QCOMPARE(TariffJson::formatMicros(8500000), QStringLiteral("8.50"));
        QCOMPARE(TariffJson::formatMicros(1), QStringLiteral("0.000001"));
        QCOMPARE(TariffJson::formatMinute(1440), QStringLiteral("24:00"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QString bands = QStringLiteral("versions[0].components[0].seasons[0].days[0].bands");
        QTest::newRow("tou gap")
            << tariffWith(touWith(R"({"name": "night", "start": "00:00", "end": "07:00", "perKwh": "0.12"},
                                     {"name": "day", "start": "08:00", "end": "24:00", "perKwh": "0.28"})"))
            << bands + QStringLiteral(": 07:00 to 08:00 is in no band; every half hour of the day needs exactly one band.");
        QTest::newRow("tou overlap")
            << tariffWith(touWith(R"({"name": "night", "start": "23:00", "end": "07:30", "perKwh": "0.12"},
                                     {"name": "day", "start": "07:00", "end": "23:00", "perKwh": "0.28"})"))
            << bands + QStringLiteral("[1]: 07:00 to 07:30 is also in bands[0] (\"night\"); every half hour of the day "
                                      "needs exactly one band.");
        QTest::newRow("tou overlap up to midnight")
            << tariffWith(touWith(R"({"name": "all", "start": "00:00", "end": "24:00", "perKwh": "0.12"},
                                     {"name": "late", "start": "22:00", "end": "24:00", "perKwh": "0.28"})"))
            << bands + QStringLiteral("[1]: 22:00 to 24:00 is also in bands[0] (\"all\"); every half hour of the day "
                                      "needs exactly one band.");
        QTest::newRow("off boundary")
            << tariffWith(touWith(R"({"name": "night", "start": "23:00", "end": "07:00", "perKwh": "0.12"},
                                     {"name": "day", "start": "07:15", "end": "23:00", "perKwh": "0.28"})"))
            << bands + QStringLiteral("[1].start: \"07:15\" is not on a half-hour boundary; use 07:00 or 07:30.");
        QTest::newRow("not a time")
            << tariffWith(touWith(R"({"name": "night", "start": "7am", "end": "07:00", "perKwh": "0.12"})"))
            << bands + QStringLiteral("[0].start: expected a time written HH:MM from 00:00 to 23:30, not \"7am\".");
        QTest::newRow("season gap")
            << tariffWith(R"({"type": "time_of_use", "seasons": [
                   {"name": "winter", "from": "01-01", "to": "03-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"],
                    "bands": [{"name": "all", "start": "00:00", "end": "24:00", "perKwh": "0.2"}]}]},
                   {"name": "summer", "from": "05-01", "to": "12-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"],
                    "bands": [{"name": "all", "start": "00:00", "end": "24:00", "perKwh": "0.2"}]}]}]})")
            << QStringLiteral("versions[0].components[0].seasons: 04-01 to 04-30 is in no season; the seasons must cover "
                              "every day of the year exactly once.");
        QTest::newRow("season overlap")
            << tariffWith(R"({"type": "time_of_use", "seasons": [
                   {"name": "winter", "from": "10-01", "to": "03-31", "days": [{"dayTypes": ["weekday", "weekend", "holiday"],
                    "bands": [{"name": "all", "start": "00:00", "end": "24:00", "perKwh": "0.2"}]}]},
                   {"name": "summer", "from": "03-15", "to": "09-30", "days": [{"dayTypes": ["weekday", "weekend", "holiday"],
                    "bands": [{"name": "all", "start": "00:00", "end": "24:00", "perKwh": "0.2"}]}]}]})")
            << QStringLiteral("versions[0].components[0].seasons[1]: 03-15 to 03-31 is also in seasons[0] (\"winter\"); "
                              "the seasons must cover every day of the year exactly once.");
        QTest::newRow("day type missing")
            << tariffWith(R"({"type": "time_of_use", "seasons": [{"name": "all", "from": "01-01", "to": "12-31",
                   "days": [{"dayTypes": ["weekday", "weekend"], "bands": [{"name": "all", "start": "00:00", "end": "24:00",
                   "perKwh": "0.2"}]}]}]})")
            << QStringLiteral("versions[0].components[0].seasons[0].days: no schedule for holiday; give weekday, weekend "
                              "and holiday one schedule each.");
        QTest::newRow("negative rate") << tariffWith(R"({"type": "flat_rate", "perKwh": "-0.10"})")
                                       << QStringLiteral("versions[0].components[0].perKwh: \"-0.10\" is negative; enter a "
                                                         "price of 0 or more.");
        QTest::newRow("price as number")
            << tariffWith(R"({"type": "flat_rate", "perKwh": 0.245})")
            << QStringLiteral("versions[0].components[0].perKwh: expected a price as decimal text such as \"0.2450\", not "
                              "the number 0.245; write prices in quotes so that they are read exactly.");
        QTest::newRow("seven decimals") << tariffWith(R"({"type": "flat_rate", "perKwh": "0.1234567"})")
                                        << QStringLiteral("versions[0].components[0].perKwh: \"0.1234567\" has more than 6 "
                                                          "decimals; prices are kept to a millionth of the currency unit.");
        QTest::newRow("unknown component")
            << tariffWith(R"({"type": "capacity", "perKw": "1"})")
            << QStringLiteral("versions[0].components[0].type: \"capacity\" is not a component; use one of "
                              "standing_charge, flat_rate, tiered_blocks, time_of_use, demand_charge, package, "
                              "prepaid_allowance.");
        QTest::newRow("unknown key") << tariffWith(R"({"type": "flat_rate", "perkwh": "0.2"})")
                                     << QStringLiteral("versions[0].components[0].perkwh: not a known key here; use type, "
                                                       "perKwh.");
        QTest::newRow("two energy prices")
            << tariffWith(R"({"type": "flat_rate", "perKwh": "0.2"}, {"type": "tiered_blocks", "period": "monthly",
                             "blocks": [{"perKwh": "0.2"}]})")
            << QStringLiteral("versions[0].components[1]: tiered_blocks and components[0] (flat_rate) would both price "
                              "every kWh; a version has one of flat_rate, tiered_blocks and time_of_use.");
        QTest::newRow("second standing charge")
            << tariffWith(R"({"type": "standing_charge", "perDay": "0.2"}, {"type": "standing_charge", "perDay": "0.3"})")
            << QStringLiteral("versions[0].components[1]: a second standing_charge (the first is components[0]); a "
                              "version has at most one component of each type.");
        QTest::newRow("blocks out of order")
            << tariffWith(R"({"type": "tiered_blocks", "period": "monthly", "blocks": [{"upToKwh": 150, "perKwh": "0.1"},
                             {"upToKwh": 100, "perKwh": "0.2"}, {"perKwh": "0.3"}]})")
            << QStringLiteral("versions[0].components[0].blocks[1].upToKwh: 100 is not above the block before (150 kWh); "
                              "blocks go up in order.");
        QTest::newRow("bad period")
            << tariffWith(R"({"type": "tiered_blocks", "period": "weekly", "blocks": [{"perKwh": "0.3"}]})")
            << QStringLiteral("versions[0].components[0].period: expected monthly or annual, not \"weekly\".");
        QTest::newRow("allowance on postpaid")
            << tariffWith(R"({"type": "prepaid_allowance", "dailyAllowanceKwh": 2, "carryOverCapKwh": 10})")
            << QStringLiteral("versions[0].components[0]: prepaid_allowance is for prepaid tariffs; set \"kind\": "
                              "\"prepaid\" or remove this component.");
        QTest::newRow("negative allowance")
            << tariffWith(R"({"type": "prepaid_allowance", "dailyAllowanceKwh": -2, "carryOverCapKwh": 10})", "prepaid")
            << QStringLiteral("versions[0].components[0].dailyAllowanceKwh: -2 is negative; enter 0 kWh or more.");
        QTest::newRow("package band unknown")
            << tariffWith(touWith(TwoBands) + R"(, {"type": "package", "includedKwhPerMonth": 200, "peakPerKwh": "0.31",
                             "offPeakPerKwh": "0.155", "offPeakBands": ["overnight"]})")
            << QStringLiteral("versions[0].components[1].offPeakBands[0]: \"overnight\" is no band of this version's "
                              "time_of_use; use one of day, night.");
        QTest::newRow("package without time of use")
            << tariffWith(R"({"type": "package", "includedKwhPerMonth": 200, "peakPerKwh": "0.31",
                             "offPeakPerKwh": "0.155", "offPeakBands": ["night"]})")
            << QStringLiteral("versions[0].components[0].offPeakBands: a package needs a time_of_use component in the "
                              "same version to tell off-peak from peak.");
        QTest::newRow("overlapping versions")
            << QByteArray(R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP",
                   "customerClasses": ["residential"], "kind": "postpaid", "versions": [
                   {"effectiveFrom": "2025-01-01", "effectiveTo": "2025-06-30", "components": [{"type": "flat_rate", "perKwh": "0.2"}]},
                   {"effectiveFrom": "2025-06-01", "components": [{"type": "flat_rate", "perKwh": "0.3"}]}]})")
            << QStringLiteral("versions[1]: from 2025-06-01 with no end overlaps versions[0] (2025-01-01 to 2025-06-30); "
                              "versions must not share a day.");
        QTest::newRow("end before start")
            << QByteArray(R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP",
                   "customerClasses": ["residential"], "kind": "postpaid", "versions": [
                   {"effectiveFrom": "2025-01-01", "effectiveTo": "2024-12-31", "components": [{"type": "flat_rate", "perKwh": "0.2"}]}]})")
            << QStringLiteral("versions[0].effectiveTo: 2024-12-31 is before effectiveFrom 2025-01-01; a version ends on "
                              "or after the day it starts.");
        QTest::newRow("bad date")
            << QByteArray(R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP",
                   "customerClasses": ["residential"], "kind": "postpaid", "versions": [
                   {"effectiveFrom": "2025-02-30", "components": [{"type": "flat_rate", "perKwh": "0.2"}]}]})")
            << QStringLiteral("versions[0].effectiveFrom: expected a date written YYYY-MM-DD, not \"2025-02-30\".");
        QTest::newRow("unknown class")
            << QByteArray(R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP",
                   "customerClasses": ["household"], "kind": "postpaid", "versions": [
                   {"effectiveFrom": "2025-01-01", "components": [{"type": "flat_rate", "perKwh": "0.2"}]}]})")
            << QStringLiteral("customerClasses[0]: expected one of residential, commercial, industrial, agricultural, "
                              "not \"household\".");
        QTest::newRow("missing kind")
            << QByteArray(R"({"code": "T1", "name": "Test", "market": "GB", "currency": "GBP",
                   "customerClasses": ["residential"], "versions": []})")
            << QStringLiteral("kind: missing; expected postpaid or prepaid.");
        QTest::newRow("not json") << QByteArray("{\n  \"code\": \"T1\",\n  oops\n}")
                                  << QStringLiteral("line 3: not valid JSON (unterminated object).");
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QCOMPARE(errorOf(json), message);
    }
};

QTEST_GUILESS_MAIN(TestTariffJson)
#include "tst_tariffjson.moc"
