#include <metering/genericcsvparser.h>
#include <metering/greenbuttoncsvparser.h>
#include <metering/halfhourlycsvparser.h>
#include <metering/nem12parser.h>

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Ud;
using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;
using Metering::ChannelSeries;
using Metering::ImportError;
using Metering::ParseContext;
using Metering::Quality;
using Metering::ReadingParser;
using Metering::SourceReading;

namespace {

qint64 utc(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toSecsSinceEpoch();
}

QString dataDir()
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return root + QStringLiteral("/tests/data/csv");
    return QFINDTESTDATA("../data/csv");
}

QString fixture(const char *name) { return dataDir() + QLatin1Char('/') + QLatin1String(name); }

/// What a parser handed to its sink, plus the keys the parser asked zoneOf about.
struct Result {
    QList<ChannelSeries> series;
    QStringList zoneQueries;
};

ParseContext contextFor(const QString &fileName, const QByteArray &zone, Result *result, const QString &meter = {})
{
    ParseContext context;
    context.fileName = fileName;
    context.meterKey = meter;
    context.zoneOf = [zone, result](const QString &meterKey, const QString &altKey) {
        result->zoneQueries.append(meterKey + QLatin1Char('|') + altKey);
        return QTimeZone(zone);
    };
    return context;
}

Result parseDevice(ReadingParser &parser, QIODevice &device, const QString &fileName, const QByteArray &zone,
                   const QString &meter = {})
{
    Result result;
    const ParseContext context = contextFor(fileName, zone, &result, meter);
    parser.parse(device, context, [&result](ChannelSeries &&s) { result.series.append(std::move(s)); });
    return result;
}

Result parseFile(ReadingParser &parser, const char *name, const QByteArray &zone = "UTC", const QString &meter = {})
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", name);
    return parseDevice(parser, file, file.fileName(), zone, meter);
}

Result parseText(ReadingParser &parser, const QByteArray &text, const QByteArray &zone = "UTC", const QString &meter = {})
{
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return parseDevice(parser, buffer, QStringLiteral("/srv/drop/input.csv"), zone, meter);
}

/// The error a parse of `text` throws; fails the test if it throws none.
std::optional<ImportError> errorOf(ReadingParser &parser, const QByteArray &text, const QByteArray &zone = "UTC",
                                   const QString &meter = {})
{
    try {
        parseText(parser, text, zone, meter);
    } catch (const ImportError &e) {
        return e;
    }
    return std::nullopt;
}

QList<qint64> startsOf(const ChannelSeries &s)
{
    QList<qint64> list;
    for (const SourceReading &r : s.readings)
        list.append(r.startUtc);
    return list;
}

QList<qint64> valuesOf(const ChannelSeries &s)
{
    QList<qint64> list;
    for (const SourceReading &r : s.readings)
        list.append(r.value);
    return list;
}

/// True if consecutive readings start exactly `step` seconds apart, beginning at `first`.
bool evenlySpaced(const QList<SourceReading> &readings, qint64 first, qint64 step)
{
    for (qsizetype i = 0; i < readings.size(); ++i) {
        if (readings.at(i).startUtc != first + i * step)
            return false;
    }
    return true;
}

bool evenlySpaced(const ChannelSeries &s, qint64 first, qint64 step) { return evenlySpaced(s.readings, first, step); }

} // namespace

class TestCsvFormats : public QObject
{
    Q_OBJECT

private slots:
    void keys();
    void probeClaimsExactlyItsOwnFixtures();
    void probeRejectsOtherContent();

    void genericBasic();
    void genericOptionalColumns();
    void genericDecimals_data();
    void genericDecimals();
    void genericRejects_data();
    void genericRejects();
    void genericChunksLongChannels();
    void genericInterleavedMeters();
    void refusesEndlessLine();

    void greenButtonNewYorkFallBack();
    void greenButtonNewYorkSpringForward();
    void greenButtonLondonDstDays();
    void greenButtonNetMetering();
    void greenButtonGasTherms();
    void greenButtonGasCcfDaily();
    void greenButtonUsageUnitInHeader();
    void greenButtonDailyRowsWithoutTimes();
    void greenButtonRejects_data();
    void greenButtonRejects();

    void halfHourlyOctopus();
    void halfHourlyMeterColumns();
    void halfHourlyRejects_data();
    void halfHourlyRejects();
};

void TestCsvFormats::keys()
{
    QCOMPARE(Metering::GenericCsvParser().key(), QStringLiteral("generic-csv"));
    QCOMPARE(Metering::GreenButtonCsvParser().key(), QStringLiteral("greenbutton-csv"));
    QCOMPARE(Metering::HalfHourlyCsvParser().key(), QStringLiteral("halfhourly-csv"));
    QCOMPARE(Metering::Nem12Parser().key(), QStringLiteral("nem12"));
}

void TestCsvFormats::probeClaimsExactlyItsOwnFixtures()
{
    std::vector<std::unique_ptr<ReadingParser>> parsers;
    parsers.push_back(std::make_unique<Metering::GenericCsvParser>());
    parsers.push_back(std::make_unique<Metering::GreenButtonCsvParser>());
    parsers.push_back(std::make_unique<Metering::HalfHourlyCsvParser>());
    parsers.push_back(std::make_unique<Metering::Nem12Parser>());
    const QStringList files = QDir(dataDir()).entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 13);
    for (const QString &name : files) {
        QFile file(dataDir() + QLatin1Char('/') + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(64 * 1024);
        // generic-basic.csv belongs to generic-csv, greenbutton-gas-ccf.csv to greenbutton-csv, ...
        const QString format = name.section(QLatin1Char('-'), 0, 0);
        for (const auto &parser : parsers) {
            const bool own = parser->key().section(QLatin1Char('-'), 0, 0) == format;
            if (parser->probe(head) != own)
                QFAIL(qPrintable(QStringLiteral("%1 %2 %3").arg(parser->key(), own ? QStringLiteral("does not claim")
                                                                                  : QStringLiteral("claims"), name)));
        }
        // A head cut in the middle of its last line is still recognised.
        const QByteArray cut = head.chopped(3);
        int claims = 0;
        for (const auto &parser : parsers)
            claims += parser->probe(cut) ? 1 : 0;
        QVERIFY2(claims == 1, qPrintable(name));
    }
}

void TestCsvFormats::probeRejectsOtherContent()
{
    const QList<QByteArray> others = {
        QByteArrayLiteral("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"),
        QByteArrayLiteral("date,usage\n2024-01-01,1.5\n"),
        QByteArrayLiteral("meter_id,timestamp,value,unit\nM1,2026-01-01T00:00:00Z,1,kWh\n"),
        QByteArrayLiteral("100,NEM13,200506081149,UNITEDDP,NEMMCO\n"),
        QByteArrayLiteral(""),
    };
    const Metering::GenericCsvParser generic;
    const Metering::GreenButtonCsvParser greenButton;
    const Metering::HalfHourlyCsvParser halfHourly;
    const Metering::Nem12Parser nem12;
    for (const QByteArray &head : others) {
        QVERIFY2(!generic.probe(head), head.constData());
        QVERIFY2(!greenButton.probe(head), head.constData());
        QVERIFY2(!halfHourly.probe(head), head.constData());
        QVERIFY2(!nem12.probe(head), head.constData());
    }
}

// ---- generic layout ----------------------------------------------------------------------

void TestCsvFormats::genericBasic()
{
    Metering::GenericCsvParser parser;
    const Result r = parseFile(parser, "generic-basic.csv");
    QCOMPARE(r.series.size(), 2);

    const ChannelSeries &a = r.series.at(0);
    QCOMPARE(a.meterKey, QStringLiteral("MTR-000123"));
    QCOMPARE(a.altKey, QString());
    QCOMPARE(a.commodity, Commodity::Electricity);
    QCOMPARE(a.kind, ChannelKind::Import);
    QCOMPARE(a.unit, ChannelUnit::WattHour);
    QCOMPARE(a.intervalSecs, 900);
    QCOMPARE(a.location, QStringLiteral("line 3"));
    QCOMPARE(valuesOf(a), (QList<qint64>{123456, 1, 0, -1, 0}));
    QVERIFY(evenlySpaced(a, utc("2025-12-31T23:00:00Z"), 900));
    QCOMPARE(a.readings.at(0).quality, Quality::Actual);
    QCOMPARE(a.readings.at(1).quality, Quality::Estimated);
    QCOMPARE(a.readings.at(2).quality, Quality::Missing);
    QCOMPARE(a.readings.at(0).durationSecs, 0); // not stated in the file
    QCOMPARE(a.readings.at(4).line, 7);

    const ChannelSeries &b = r.series.at(1);
    QCOMPARE(b.meterKey, QStringLiteral("MTR-000124"));
    QCOMPARE(b.location, QStringLiteral("line 9"));
    QCOMPARE(valuesOf(b), (QList<qint64>{1500000, 2}));
    QCOMPARE(startsOf(b), (QList<qint64>{utc("2025-12-31T23:00:00Z"), utc("2025-12-31T23:30:00Z")}));
    QCOMPARE(b.intervalSecs, 1800);
}

void TestCsvFormats::genericOptionalColumns()
{
    // BOM, CRLF, reordered and quoted columns, channel, interval_minutes and commodity.
    Metering::GenericCsvParser parser;
    const Result r = parseFile(parser, "generic-options.csv");
    QCOMPARE(r.series.size(), 6);

    const ChannelSeries &imp = r.series.at(0);
    QCOMPARE(imp.meterKey, QStringLiteral("SOLAR, ROOF 1"));
    QCOMPARE(imp.kind, ChannelKind::Import);
    QCOMPARE(valuesOf(imp), (QList<qint64>{1250, 1000}));
    QCOMPARE(imp.intervalSecs, 1800);
    QCOMPARE(imp.readings.at(0).durationSecs, 1800);
    QCOMPARE(startsOf(imp), (QList<qint64>{utc("2026-03-29T00:00:00Z"), utc("2026-03-29T00:30:00Z")}));

    const ChannelSeries &exp = r.series.at(1);
    QCOMPARE(exp.kind, ChannelKind::Export);
    QCOMPARE(exp.unit, ChannelUnit::WattHour);
    QCOMPARE(valuesOf(exp), (QList<qint64>{750, 2})); // 1.5 Wh rounds away from zero
    QCOMPARE(exp.readings.at(1).quality, Quality::Estimated);

    const ChannelSeries &reactive = r.series.at(2);
    QCOMPARE(reactive.kind, ChannelKind::Reactive);
    QCOMPARE(reactive.unit, ChannelUnit::VarHour);
    QCOMPARE(valuesOf(reactive), (QList<qint64>{100, 20}));

    const ChannelSeries &gasVolume = r.series.at(3);
    QCOMPARE(gasVolume.meterKey, QStringLiteral("GAS-9"));
    QCOMPARE(gasVolume.commodity, Commodity::Gas);
    QCOMPARE(gasVolume.unit, ChannelUnit::Litre);
    QCOMPARE(valuesOf(gasVolume), (QList<qint64>{1500, 28})); // 1.5 m³; 1 ft³ = 28.316846592 L
    QCOMPARE(gasVolume.readings.at(0).startUtc, utc("2026-03-29T00:00:00Z"));
    QCOMPARE(gasVolume.intervalSecs, 3600);

    const ChannelSeries &gasEnergy = r.series.at(4);
    QCOMPARE(gasEnergy.meterKey, QStringLiteral("GAS-10"));
    QCOMPARE(gasEnergy.commodity, Commodity::Gas);
    QCOMPARE(gasEnergy.unit, ChannelUnit::WattHour);
    QCOMPARE(valuesOf(gasEnergy), (QList<qint64>{58614})); // 2 therms = 58,614.214 Wh

    const ChannelSeries &water = r.series.at(5);
    QCOMPARE(water.commodity, Commodity::Water);
    QCOMPARE(water.unit, ChannelUnit::Litre);
    QCOMPARE(valuesOf(water), (QList<qint64>{13, 1500})); // 12.5 L rounds up
    QCOMPARE(water.readings.at(0).startUtc, utc("2026-03-29T05:00:00Z"));
    QCOMPARE(water.intervalSecs, 86400);
}

void TestCsvFormats::genericDecimals_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("unit");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("half a Wh rounds up") << QByteArray("0.0005") << QByteArray("kWh") << qint64(1);
    QTest::newRow("just under half") << QByteArray("0.00049999") << QByteArray("kWh") << qint64(0);
    QTest::newRow("negative half away from zero") << QByteArray("-0.0005") << QByteArray("kWh") << qint64(-1);
    QTest::newRow("negative 1.5") << QByteArray("-0.0015") << QByteArray("kWh") << qint64(-2);
    QTest::newRow("1234.5 Wh") << QByteArray("1.2345") << QByteArray("kWh") << qint64(1235);
    QTest::newRow("Wh half") << QByteArray("2.5") << QByteArray("Wh") << qint64(3);
    QTest::newRow("MWh") << QByteArray("0.1") << QByteArray("MWh") << qint64(100000);
    QTest::newRow("integer kWh") << QByteArray("42") << QByteArray("kWh") << qint64(42000);
    QTest::newRow("plus sign") << QByteArray("+1") << QByteArray("kWh") << qint64(1000);
    QTest::newRow("leading point") << QByteArray(".5") << QByteArray("kWh") << qint64(500);
    QTest::newRow("trailing point") << QByteArray("5.") << QByteArray("kWh") << qint64(5000);
    QTest::newRow("large") << QByteArray("123456789.123456") << QByteArray("kWh") << qint64(123456789123);
    QTest::newRow("long fraction") << QByteArray("0.00049999999999999999999") << QByteArray("kWh") << qint64(0);
    QTest::newRow("long fraction up") << QByteArray("0.000500000000000000000001") << QByteArray("kWh") << qint64(1);
    QTest::newRow("ft3") << QByteArray("100") << QByteArray("ft3") << qint64(2832);
    QTest::newRow("therm") << QByteArray("1") << QByteArray("therm") << qint64(29307);
    QTest::newRow("kvarh") << QByteArray("0.0125") << QByteArray("kvarh") << qint64(13);
    QTest::newRow("largest Wh") << QByteArray("9223372036854775807") << QByteArray("Wh")
                                << qint64(9223372036854775807LL);
}

void TestCsvFormats::genericDecimals()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, unit);
    QFETCH(qint64, expected);
    Metering::GenericCsvParser parser;
    const Result r = parseText(parser, "meter_id,timestamp,value,unit,quality\nM1,2026-01-01T00:00:00Z," + value + ','
                                           + unit + ",A\n");
    QCOMPARE(r.series.size(), 1);
    QCOMPARE(r.series.at(0).readings.at(0).value, expected);
}

void TestCsvFormats::genericRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("reason");
    const QByteArray h = "meter_id,timestamp,value,unit,quality\n";
    const QByteArray ok = "M1,2026-01-01T00:00:00Z,1,kWh,A\n";
    QTest::newRow("unknown column") << QByteArray("meter_id,timestamp,value,unit,quality,tariff\n" + ok)
                                    << QStringLiteral("line 1") << QStringLiteral("unknown column \"tariff\"");
    QTest::newRow("missing column") << QByteArray("# data\nmeter_id,timestamp,value,unit\n") << QStringLiteral("line 2")
                                    << QStringLiteral("lacks the column quality");
    QTest::newRow("duplicate column") << QByteArray("meter_id,timestamp,value,unit,quality,unit\n")
                                      << QStringLiteral("line 1") << QStringLiteral("names the column unit twice");
    QTest::newRow("no header") << QByteArray("# only a comment\n\n") << QString() << QStringLiteral("no header line");
    QTest::newRow("column count") << QByteArray(h + ok + "M1,2026-01-01T00:15:00Z,1,kWh,A,extra\n")
                                  << QStringLiteral("line 3") << QStringLiteral("Expected 5 fields as in the header, found 6");
    QTest::newRow("timestamp without offset") << QByteArray(h + ok + "M1,2026-01-01T00:15:00,1,kWh,A\n")
                                              << QStringLiteral("line 3, column timestamp")
                                              << QStringLiteral("such as 2026-03-29T01:00:00+01:00");
    QTest::newRow("impossible date") << QByteArray(h + "M1,2026-02-30T00:00:00Z,1,kWh,A\n")
                                     << QStringLiteral("line 2, column timestamp")
                                     << QStringLiteral("\"2026-02-30T00:00:00Z\" is not a date and time");
    QTest::newRow("bad number") << QByteArray(h + ok + ok + "M1,2026-01-01T00:15:00Z,12a,kWh,A\n")
                                << QStringLiteral("line 4, column value") << QStringLiteral("\"12a\" is not a decimal number");
    QTest::newRow("decimal comma") << QByteArray(h + "M1,2026-01-01T00:15:00Z,\"1,5\",kWh,A\n")
                                   << QStringLiteral("line 2, column value") << QStringLiteral("\"1,5\" is not a decimal");
    QTest::newRow("exponent") << QByteArray(h + "M1,2026-01-01T00:15:00Z,1e3,kWh,A\n")
                              << QStringLiteral("line 2, column value") << QStringLiteral("not a decimal number");
    QTest::newRow("too large") << QByteArray(h + "M1,2026-01-01T00:15:00Z,9223372036854775.808,kWh,A\n")
                               << QStringLiteral("line 2, column value") << QStringLiteral("too large");
    QTest::newRow("unknown unit") << QByteArray(h + "M1,2026-01-01T00:15:00Z,1,kW,A\n")
                                  << QStringLiteral("line 2, column unit")
                                  << QStringLiteral("\"kW\" is not known; expected one of Wh, kWh, MWh, varh, kvarh, L, "
                                                    "m3, ft3, therm");
    QTest::newRow("bad quality") << QByteArray(h + "M1,2026-01-01T00:15:00Z,1,kWh,X\n")
                                 << QStringLiteral("line 2, column quality")
                                 << QStringLiteral("expected A (actual), E (estimated) or M (missing)");
    QTest::newRow("empty value") << QByteArray(h + "M1,2026-01-01T00:15:00Z,,kWh,E\n")
                                 << QStringLiteral("line 2, column value") << QStringLiteral("only a reading with quality M");
    QTest::newRow("empty meter") << QByteArray(h + ",2026-01-01T00:15:00Z,1,kWh,A\n")
                                 << QStringLiteral("line 2, column meter_id") << QStringLiteral("meter id is empty");
    QTest::newRow("reactive unit on import") << QByteArray("meter_id,timestamp,value,unit,quality,channel\n"
                                                           "M1,2026-01-01T00:15:00Z,1,kvarh,A,import\n")
                                             << QStringLiteral("line 2, column unit")
                                             << QStringLiteral("its channel must be reactive");
    QTest::newRow("energy unit on reactive") << QByteArray("meter_id,timestamp,value,unit,quality,channel\n"
                                                           "M1,2026-01-01T00:15:00Z,1,kWh,A,reactive\n")
                                             << QStringLiteral("line 2, column unit")
                                             << QStringLiteral("reactive channel is measured in varh or kvarh");
    QTest::newRow("unknown channel") << QByteArray("meter_id,timestamp,value,unit,quality,channel\n"
                                                   "M1,2026-01-01T00:15:00Z,1,kWh,A,solar\n")
                                     << QStringLiteral("line 2, column channel")
                                     << QStringLiteral("expected import, export or reactive");
    QTest::newRow("water in kWh") << QByteArray("meter_id,timestamp,value,unit,quality,commodity\n"
                                                "M1,2026-01-01T00:15:00Z,1,kWh,A,water\n")
                                  << QStringLiteral("line 2, column unit") << QStringLiteral("not a water unit");
    QTest::newRow("gas export") << QByteArray("meter_id,timestamp,value,unit,quality,channel\n"
                                              "M1,2026-01-01T00:15:00Z,1,m3,A,export\n")
                                << QStringLiteral("line 2, column channel") << QStringLiteral("only an import channel");
    QTest::newRow("interval zero") << QByteArray("meter_id,timestamp,value,unit,quality,interval_minutes\n"
                                                 "M1,2026-01-01T00:15:00Z,1,kWh,A,0\n")
                                   << QStringLiteral("line 2, column interval_minutes")
                                   << QStringLiteral("whole minutes from 1 to 1440");
    QTest::newRow("unterminated quote") << QByteArray(h + ok + "\"M1,2026-01-01T00:15:00Z,1,kWh,A\n")
                                        << QStringLiteral("line 3") << QStringLiteral("quoted field is not closed");
}

void TestCsvFormats::genericRejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, reason);
    Metering::GenericCsvParser parser;
    const std::optional<ImportError> e = errorOf(parser, text);
    QVERIFY(e.has_value());
    QCOMPARE(e->file(), QStringLiteral("/srv/drop/input.csv"));
    QCOMPARE(e->where(), where);
    QVERIFY2(e->reason().contains(reason), qPrintable(e->reason()));
    QVERIFY2(e->message().startsWith(QStringLiteral("/srv/drop/input.csv")), qPrintable(e->message()));
}

void TestCsvFormats::genericChunksLongChannels()
{
    const int count = 150000;
    QByteArray text = "meter_id,timestamp,value,unit,quality\n";
    const qint64 first = utc("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; ++i) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(first + qint64(i) * 900, QTimeZone::utc());
        text += "MTR-1," + t.toString(Qt::ISODate).toLatin1() + ',' + QByteArray::number(i) + ",Wh,A\n";
    }
    Metering::GenericCsvParser parser;
    const Result r = parseText(parser, text);
    QCOMPARE(r.series.size(), 3);
    QCOMPARE(r.series.at(0).readings.size(), 65536);
    QCOMPARE(r.series.at(1).readings.size(), 65536);
    QCOMPARE(r.series.at(2).readings.size(), count - 2 * 65536);
    QCOMPARE(r.series.at(1).location, QStringLiteral("line 65538"));
    QCOMPARE(r.series.at(2).location, QStringLiteral("line 131074"));
    qint64 next = 0;
    for (const ChannelSeries &s : r.series) {
        QCOMPARE(s.meterKey, QStringLiteral("MTR-1"));
        QCOMPARE(s.intervalSecs, 900);
        for (const SourceReading &reading : s.readings) {
            QCOMPARE(reading.value, next);
            QCOMPARE(reading.startUtc, first + next * 900);
            ++next;
        }
    }
    QCOMPARE(next, qint64(count));
}

void TestCsvFormats::genericInterleavedMeters()
{
    // Twelve meters, one line each in turn: more than the parser keeps open at once, so series
    // are emitted early; every series still holds one meter's consecutive readings.
    QByteArray text = "meter_id,timestamp,value,unit,quality\n";
    const qint64 first = utc("2026-01-01T00:00:00Z");
    for (int step = 0; step < 10; ++step) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(first + step * 1800, QTimeZone::utc());
        for (int m = 0; m < 12; ++m)
            text += "M" + QByteArray::number(m) + ',' + t.toString(Qt::ISODate).toLatin1() + ','
                    + QByteArray::number(m * 100 + step) + ",Wh,A\n";
    }
    Metering::GenericCsvParser parser;
    const Result r = parseText(parser, text);
    QMap<QString, QList<qint64>> perMeter;
    for (const ChannelSeries &s : r.series) {
        const int m = s.meterKey.mid(1).toInt();
        for (const SourceReading &reading : s.readings) {
            QCOMPARE(reading.value / 100, m);
            perMeter[s.meterKey].append(reading.value % 100);
        }
    }
    QCOMPARE(perMeter.size(), 12);
    for (const QList<qint64> &steps : std::as_const(perMeter))
        QCOMPARE(steps, (QList<qint64>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

void TestCsvFormats::refusesEndlessLine()
{
    const QByteArray text = "meter_id,timestamp,value,unit,quality\n" + QByteArray(20 * 1024 * 1024, 'x');
    Metering::GenericCsvParser parser;
    const std::optional<ImportError> e = errorOf(parser, text);
    QVERIFY(e.has_value());
    QCOMPARE(e->where(), QStringLiteral("line 2"));
    QVERIFY2(e->reason().contains(QStringLiteral("longer than 16 MiB")), qPrintable(e->reason()));
}

// ---- Green Button CSV --------------------------------------------------------------------

void TestCsvFormats::greenButtonNewYorkFallBack()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-newyork-fallback.csv", "America/New_York");
    QCOMPARE(r.zoneQueries, QStringList{QStringLiteral("CONED-77|1234567890")});
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("CONED-77"));
    QCOMPARE(s.altKey, QStringLiteral("1234567890"));
    QCOMPARE(s.commodity, Commodity::Electricity);
    QCOMPARE(s.unit, ChannelUnit::WattHour);
    // 25 hours: 00:00 EDT is 04:00 UTC; 01:00 appears twice, first EDT (05:00Z) then EST (06:00Z).
    QCOMPARE(s.readings.size(), 25);
    QVERIFY(evenlySpaced(s, utc("2024-11-03T04:00:00Z"), 3600));
    QCOMPARE(s.readings.at(1).startUtc, utc("2024-11-03T05:00:00Z"));
    QCOMPARE(s.readings.at(2).startUtc, utc("2024-11-03T06:00:00Z"));
    QCOMPARE(s.readings.at(24).startUtc, utc("2024-11-04T04:00:00Z"));
    QCOMPARE(s.readings.at(2).line, 10);
    QCOMPARE(s.intervalSecs, 3600);
    for (const SourceReading &reading : s.readings)
        QCOMPARE(reading.durationSecs, 3600); // END TIME 01:59 is the hour's last minute
    QCOMPARE(s.readings.at(0).value, 250);
    QCOMPARE(s.readings.at(24).value, 6250);
    QCOMPARE(s.readings.at(4).quality, Quality::Estimated); // NOTES says "Estimated"
    QCOMPARE(s.readings.at(3).quality, Quality::Actual);
    QCOMPARE(s.location, QStringLiteral("line 8"));
}

void TestCsvFormats::greenButtonNewYorkSpringForward()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-newyork-springforward.csv", "America/New_York");
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("55414114")); // no meter number: the account number
    QCOMPARE(s.altKey, QString());
    // 23 hours: 12:00 AM EST is 05:00 UTC; 1:00 AM is followed by 3:00 AM EDT, one hour later.
    QCOMPARE(s.readings.size(), 23);
    QVERIFY(evenlySpaced(s, utc("2024-03-10T05:00:00Z"), 3600));
    QCOMPARE(s.readings.at(2).startUtc, utc("2024-03-10T07:00:00Z"));
    QCOMPARE(s.readings.at(22).startUtc, utc("2024-03-11T03:00:00Z")); // 11:00 PM EDT
    QCOMPARE(s.readings.at(22).value, 522);
    QCOMPARE(s.intervalSecs, 3600);
}

void TestCsvFormats::greenButtonLondonDstDays()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-london-dst.csv", "Europe/London");
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("LDN-1"));
    QCOMPARE(s.readings.size(), 46 + 50);
    QCOMPARE(s.intervalSecs, 1800);

    // 29 March 2026: 00:00 and 00:30 GMT, then 02:00 BST (01:00 UTC): 46 half hours, 23 hours.
    const QList<SourceReading> spring = s.readings.mid(0, 46);
    QVERIFY(evenlySpaced(spring, utc("2026-03-29T00:00:00Z"), 1800));
    QCOMPARE(spring.at(2).startUtc, utc("2026-03-29T01:00:00Z"));
    QCOMPARE(spring.at(45).startUtc, utc("2026-03-29T22:30:00Z"));
    QCOMPARE(spring.at(0).value, 100);
    QCOMPARE(spring.at(45).value, 145);

    // 25 October 2026: 00:00 BST is 23:00 UTC the day before; 01:00 and 01:30 come twice: 50
    // half hours, 25 hours.
    const QList<SourceReading> autumn = s.readings.mid(46);
    QVERIFY(evenlySpaced(autumn, utc("2026-10-24T23:00:00Z"), 1800));
    QCOMPARE(autumn.at(2).startUtc, utc("2026-10-25T00:00:00Z")); // 01:00 BST
    QCOMPARE(autumn.at(4).startUtc, utc("2026-10-25T01:00:00Z")); // 01:00 GMT
    QCOMPARE(autumn.at(49).startUtc, utc("2026-10-25T23:30:00Z"));
    QCOMPARE(autumn.at(4).value, 204);
    for (const SourceReading &reading : s.readings)
        QCOMPARE(reading.durationSecs, 1800);
}

void TestCsvFormats::greenButtonNetMetering()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-netmetering.csv", "America/Los_Angeles");
    QCOMPARE(r.zoneQueries, QStringList{QStringLiteral("SA-998|1234567890")});
    QCOMPARE(r.series.size(), 2);
    const ChannelSeries &imp = r.series.at(0);
    const ChannelSeries &exp = r.series.at(1);
    QCOMPARE(imp.meterKey, QStringLiteral("SA-998"));
    QCOMPARE(exp.meterKey, QStringLiteral("SA-998"));
    QCOMPARE(imp.kind, ChannelKind::Import);
    QCOMPARE(exp.kind, ChannelKind::Export);
    QCOMPARE(valuesOf(imp), (QList<qint64>{300, 100, 0, 0}));
    QCOMPARE(valuesOf(exp), (QList<qint64>{0, 50, 200, 0}));
    QCOMPARE(imp.readings.at(3).quality, Quality::Missing);
    QCOMPARE(exp.readings.at(3).quality, Quality::Missing);
    QCOMPARE(exp.readings.at(2).quality, Quality::Actual);
    QVERIFY(evenlySpaced(imp, utc("2024-07-01T19:00:00Z"), 900)); // 12:00 PDT
    QVERIFY(evenlySpaced(exp, utc("2024-07-01T19:00:00Z"), 900));
    QCOMPARE(imp.intervalSecs, 900);
}

void TestCsvFormats::greenButtonGasTherms()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-gas-therms.csv", "America/New_York");
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("9988776655"));
    QCOMPARE(s.commodity, Commodity::Gas);
    QCOMPARE(s.unit, ChannelUnit::WattHour);
    QCOMPARE(valuesOf(s), (QList<qint64>{29893, 59786, 14654})); // therms × 29,307.107 Wh
    QCOMPARE(startsOf(s), (QList<qint64>{utc("2024-11-02T04:00:00Z"), utc("2024-11-03T04:00:00Z"),
                                         utc("2024-11-04T05:00:00Z")}));
    QCOMPARE(s.readings.at(0).durationSecs, 86400);
    QCOMPARE(s.readings.at(1).durationSecs, 90000); // the 25-hour day
    QCOMPARE(s.readings.at(2).quality, Quality::Estimated);
    QCOMPARE(s.intervalSecs, 86400);
}

void TestCsvFormats::greenButtonGasCcfDaily()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-gas-ccf.csv", "America/New_York");
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("4455"));
    QCOMPARE(s.commodity, Commodity::Gas);
    QCOMPARE(s.unit, ChannelUnit::Litre);
    QCOMPARE(valuesOf(s), (QList<qint64>{4248, 5663, 2832393})); // CCF × 2,831.6846592 L
    QCOMPARE(startsOf(s), (QList<qint64>{utc("2024-03-09T05:00:00Z"), utc("2024-03-10T05:00:00Z"),
                                         utc("2024-03-11T04:00:00Z")}));
    QCOMPARE(s.readings.at(1).durationSecs, 82800); // the 23-hour day
    QCOMPARE(s.intervalSecs, 86400);
}

void TestCsvFormats::greenButtonUsageUnitInHeader()
{
    Metering::GreenButtonCsvParser parser;
    const Result r = parseFile(parser, "greenbutton-usage-kwh.csv", "America/Chicago", QStringLiteral("CLI-METER"));
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("CLI-METER"));
    QCOMPARE(valuesOf(s), (QList<qint64>{250, 500, 1125}));
    QCOMPARE(startsOf(s), (QList<qint64>{utc("2024-01-15T06:00:00Z"), utc("2024-01-15T06:15:00Z"),
                                         utc("2024-01-16T05:45:00Z")}));
    QCOMPARE(s.readings.at(2).durationSecs, 900); // 23:45 to 00:00
}

void TestCsvFormats::greenButtonDailyRowsWithoutTimes()
{
    // Meters that are read once a day leave START TIME and END TIME empty.
    Metering::GreenButtonCsvParser parser;
    const Result r = parseText(parser,
                               "Name,JANE DOE\nAccount Number,1234567890\nMeter Number,M-9\n\n"
                               "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n"
                               "Electric usage,2024-11-02,,,10.4,kWh,$2.61,\n"
                               "Electric usage,2024-11-03,,,9.6,kWh,$2.40,\"This read was estimated\"\n",
                               "America/New_York");
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(valuesOf(s), (QList<qint64>{10400, 9600}));
    QCOMPARE(startsOf(s), (QList<qint64>{utc("2024-11-02T04:00:00Z"), utc("2024-11-03T04:00:00Z")}));
    QCOMPARE(s.readings.at(1).durationSecs, 90000);
    QCOMPARE(s.readings.at(0).quality, Quality::Actual);
    QCOMPARE(s.readings.at(1).quality, Quality::Estimated);
}

void TestCsvFormats::greenButtonRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("meter");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("reason");
    const QByteArray pre = "Name,A B\nMeter Number,M-1\n\nTYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n";
    QTest::newRow("no meter") << QByteArray("TYPE,DATE,START TIME,END TIME,USAGE (kWh)\n"
                                            "Electric usage,2024-01-15,00:00,00:15,0.25\n")
                              << QString() << QString() << QStringLiteral("does not say which meter");
    QTest::newRow("no header") << QByteArray("Name,A B\nAccount Number,1\n") << QString() << QString()
                               << QStringLiteral("No Green Button header line");
    QTest::newRow("no unit") << QByteArray("Meter Number,M-1\nTYPE,DATE,START TIME,END TIME,USAGE\n") << QString()
                             << QStringLiteral("line 2") << QStringLiteral("gives no unit");
    QTest::newRow("spring-forward gap")
        << QByteArray(pre + "Electric usage,2024-03-10,01:00,01:59,1,kWh,,\nElectric usage,2024-03-10,02:00,02:59,1,kWh,,\n")
        << QString() << QStringLiteral("line 6")
        << QStringLiteral("local time 2024-03-10 02:00 does not exist in America/New_York");
    QTest::newRow("third repeat")
        << QByteArray(pre + "Electric usage,2024-11-03,01:00,01:59,1,kWh,,\n"
                            "Electric usage,2024-11-03,01:00,01:59,1,kWh,,\n"
                            "Electric usage,2024-11-03,01:00,01:59,1,kWh,,\n")
        << QString() << QStringLiteral("line 7") << QStringLiteral("appears a third time");
    QTest::newRow("bad date") << QByteArray(pre + "Electric usage,2024-13-01,00:00,00:14,1,kWh,,\n") << QString()
                              << QStringLiteral("line 5, column DATE") << QStringLiteral("expected YYYY-MM-DD or M/D/YYYY");
    QTest::newRow("bad time") << QByteArray(pre + "Electric usage,2024-01-01,25:00,00:14,1,kWh,,\n") << QString()
                              << QStringLiteral("line 5, column START TIME") << QStringLiteral("not a time of day");
    QTest::newRow("bad unit") << QByteArray(pre + "Electric usage,2024-01-01,00:00,00:14,1,kW,,\n") << QString()
                              << QStringLiteral("line 5, column UNITS")
                              << QStringLiteral("\"kW\" is not known; expected one of kWh, Wh, MWh, therms, CCF");
    QTest::newRow("bad number") << QByteArray(pre + "Electric usage,2024-01-01,00:00,00:14,one,kWh,,\n") << QString()
                                << QStringLiteral("line 5, column USAGE") << QStringLiteral("\"one\" is not a number");
    QTest::newRow("column count") << QByteArray(pre + "Electric usage,2024-01-01,00:00,00:14,1,kWh\n") << QString()
                                  << QStringLiteral("line 5") << QStringLiteral("Expected 8 fields as in the header, found 6");
    QTest::newRow("electricity in therms") << QByteArray(pre + "Electric usage,2024-01-01,00:00,00:14,1,therms,,\n")
                                           << QString() << QStringLiteral("line 5")
                                           << QStringLiteral("does not measure electricity usage");
}

void TestCsvFormats::greenButtonRejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, meter);
    QFETCH(QString, where);
    QFETCH(QString, reason);
    Metering::GreenButtonCsvParser parser;
    const std::optional<ImportError> e = errorOf(parser, text, "America/New_York", meter);
    QVERIFY(e.has_value());
    QCOMPARE(e->where(), where);
    QVERIFY2(e->reason().contains(reason), qPrintable(e->reason()));
}

// ---- supplier half-hourly CSV ------------------------------------------------------------

void TestCsvFormats::halfHourlyOctopus()
{
    Metering::HalfHourlyCsvParser parser;
    const Result named = parseFile(parser, "halfhourly-octopus.csv");
    QCOMPARE(named.series.size(), 1);
    QCOMPARE(named.series.at(0).meterKey, QStringLiteral("halfhourly-octopus")); // the file's stem

    const Result r = parseFile(parser, "halfhourly-octopus.csv", "UTC", QStringLiteral("E-123"));
    QCOMPARE(r.series.size(), 1);
    const ChannelSeries &s = r.series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("E-123"));
    QCOMPARE(s.commodity, Commodity::Electricity);
    QCOMPARE(s.kind, ChannelKind::Import);
    QCOMPARE(valuesOf(s), (QList<qint64>{153, 201, 187, 1}));
    // Across the change to BST: 00:30+00:00 to 02:00+01:00 is half an hour.
    QVERIFY(evenlySpaced(s, utc("2024-03-31T00:00:00Z"), 1800));
    for (const SourceReading &reading : s.readings)
        QCOMPARE(reading.durationSecs, 1800);
    QCOMPARE(s.intervalSecs, 1800);
    QCOMPARE(s.readings.at(0).quality, Quality::Actual);
    QCOMPARE(s.location, QStringLiteral("line 2"));
}

void TestCsvFormats::halfHourlyMeterColumns()
{
    Metering::HalfHourlyCsvParser parser;
    const Result r = parseFile(parser, "halfhourly-mpan.csv", "UTC", QStringLiteral("IGNORED"));
    QCOMPARE(r.series.size(), 2);
    QCOMPARE(r.series.at(0).meterKey, QStringLiteral("21L4387654"));
    QCOMPARE(r.series.at(0).altKey, QStringLiteral("1200012345678"));
    QCOMPARE(valuesOf(r.series.at(0)), (QList<qint64>{500, 250}));
    QCOMPARE(r.series.at(1).meterKey, QStringLiteral("1900098765432")); // no serial: the MPAN
    QCOMPARE(r.series.at(1).altKey, QString());
    QCOMPARE(valuesOf(r.series.at(1)), (QList<qint64>{1000}));
    QCOMPARE(r.series.at(1).readings.at(0).line, 4);
}

void TestCsvFormats::halfHourlyRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("reason");
    const QByteArray h = "Consumption (kWh), Start, End\n";
    QTest::newRow("end before start") << QByteArray(h + "0.1, 2024-01-01T00:30:00Z, 2024-01-01T00:00:00Z\n")
                                      << QStringLiteral("line 2, column End") << QStringLiteral("is not after the start");
    QTest::newRow("no offset") << QByteArray(h + "0.1, 2024-01-01T00:00:00Z, 2024-01-01T00:30:00Z\n"
                                                 "0.1, 2024-01-01 00:30, 2024-01-01T01:00:00Z\n")
                               << QStringLiteral("line 3, column Start")
                               << QStringLiteral("such as 2024-03-31T01:30:00+01:00");
    QTest::newRow("bad number") << QByteArray(h + "n/a, 2024-01-01T00:00:00Z, 2024-01-01T00:30:00Z\n")
                                << QStringLiteral("line 2, column Consumption") << QStringLiteral("\"n/a\" is not a number");
    QTest::newRow("unknown unit") << QByteArray("Consumption (kW), Start, End\n") << QStringLiteral("line 1")
                                  << QStringLiteral("\"kw\" is not known; expected kWh, Wh or m3");
    QTest::newRow("column count") << QByteArray(h + "0.1, 2024-01-01T00:00:00Z\n") << QStringLiteral("line 2")
                                  << QStringLiteral("Expected 3 fields as in the header, found 2");
    QTest::newRow("no header") << QByteArray("Usage,From,To\n") << QStringLiteral("line 1")
                               << QStringLiteral("lacks a Consumption, Start or End column");
}

void TestCsvFormats::halfHourlyRejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, reason);
    Metering::HalfHourlyCsvParser parser;
    const std::optional<ImportError> e = errorOf(parser, text, "UTC", QStringLiteral("M"));
    QVERIFY(e.has_value());
    QCOMPARE(e->where(), where);
    QVERIFY2(e->reason().contains(reason), qPrintable(e->reason()));
}

QTEST_GUILESS_MAIN(TestCsvFormats)
#include "tst_csvformats.moc"
