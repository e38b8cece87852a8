#include <metering/nem12parser.h>

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;
using Metering::ChannelSeries;
using Metering::ImportError;
using Metering::ParseContext;
using Metering::Quality;
using Metering::SourceReading;

namespace {

qint64 utc(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }

QString fixture(const char *name)
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    const QString dir = !root.isEmpty() ? root + QStringLiteral("/tests/data/csv") : QFINDTESTDATA("../data/csv");
    return dir + QLatin1Char('/') + QLatin1String(name);
}

ParseContext context(const QString &fileName)
{
    ParseContext c;
    c.fileName = fileName;
    c.zoneOf = [](const QString &, const QString &) { return QTimeZone(QByteArrayLiteral("Australia/Sydney")); };
    return c;
}

QList<ChannelSeries> parse(QIODevice &device, const QString &fileName)
{
    QList<ChannelSeries> out;
    Metering::Nem12Parser parser;
    parser.parse(device, context(fileName), [&out](ChannelSeries &&s) { out.append(std::move(s)); });
    return out;
}

QList<ChannelSeries> parseFixture(const char *name)
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", name);
    return parse(file, file.fileName());
}

std::optional<ImportError> errorOf(const QByteArray &text)
{
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    try {
        parse(buffer, QStringLiteral("nem12#0001#MDP1#RET1.csv"));
    } catch (const ImportError &e) {
        return e;
    }
    return std::nullopt;
}

/// `count` comma-separated interval values, all `value`.
QByteArray values(int count, const char *value = "1.5")
{
    QByteArrayList list;
    for (int i = 0; i < count; ++i)
        list.append(value);
    return list.join(',');
}

const QByteArray Header = "100,NEM12,202401010000,MDP1,RET1\n";
const QByteArray Stream = "200,NMI0000001,E1,1,E1,N1,SER1,kWh,30,\n";
QByteArray day(const char *date, const char *quality = "A", int count = 48)
{
    return "300," + QByteArray(date) + ',' + values(count) + ',' + quality + ",,,20240102000000,\n";
}

} // namespace

class TestNem12 : public QObject
{
    Q_OBJECT

private slots:
    void probe();
    void streamsOfTheBasicFile();
    void variableQualityFrom400Records();
    void fifteenMinutesWithoutSerial();
    void fiveMinutes();
    void chunksLongStreams();
    void rejects_data();
    void rejects();
};

void TestNem12::probe()
{
    Metering::Nem12Parser parser;
    QVERIFY(parser.probe(Header + Stream));
    QVERIFY(parser.probe("\xEF\xBB\xBF" + Header));
    QVERIFY(parser.probe("100,NEM12,2024")); // cut in the middle of the header
    QVERIFY(!parser.probe("100,NEM13,202401010000,MDP1,RET1\n"));
    QVERIFY(!parser.probe(Stream + Header));
    QVERIFY(!parser.probe("meter_id,timestamp,value,unit,quality\n"));
}

void TestNem12::streamsOfTheBasicFile()
{
    const QList<ChannelSeries> series = parseFixture("nem12-basic.csv");
    QCOMPARE(series.size(), 3); // E1, B1, Q1; K1 (kVArh into the market) is not stored

    const ChannelSeries &e1 = series.at(0);
    QCOMPARE(e1.meterKey, QStringLiteral("01009"));
    QCOMPARE(e1.altKey, QStringLiteral("NEM1201009"));
    QCOMPARE(e1.commodity, Commodity::Electricity);
    QCOMPARE(e1.kind, ChannelKind::Import);
    QCOMPARE(e1.unit, ChannelUnit::WattHour);
    QCOMPARE(e1.intervalSecs, 1800);
    QCOMPARE(e1.timeZoneHint, QStringLiteral("UTC+10:00"));
    QCOMPARE(e1.location, QStringLiteral("line 3"));
    QCOMPARE(e1.readings.size(), 96); // two days of 48
    // 1 March 2005 00:00 market time (UTC+10:00, no daylight saving) is 28 February 14:00 UTC.
    for (int i = 0; i < 96; ++i) {
        QCOMPARE(e1.readings.at(i).startUtc, utc("2005-02-28T14:00:00Z") + i * 1800);
        QCOMPARE(e1.readings.at(i).durationSecs, 1800);
    }
    for (int i = 0; i < 48; ++i) {
        QCOMPARE(e1.readings.at(i).value, 125 * (i + 1));
        QCOMPARE(e1.readings.at(i).quality, Quality::Actual);
        QCOMPARE(e1.readings.at(i).line, 3);
    }

    const ChannelSeries &b1 = series.at(1);
    QCOMPARE(b1.kind, ChannelKind::Export);
    QCOMPARE(b1.meterKey, QStringLiteral("01009"));
    QCOMPARE(b1.readings.size(), 48);
    QCOMPARE(b1.readings.at(13).value, 0);
    QCOMPARE(b1.readings.at(14).value, 640); // 0.5 + 14 × 0.01 kWh
    QCOMPARE(b1.readings.at(20).quality, Quality::Estimated); // E52
    QCOMPARE(b1.location, QStringLiteral("line 9"));

    const ChannelSeries &q1 = series.at(2);
    QCOMPARE(q1.kind, ChannelKind::Reactive);
    QCOMPARE(q1.unit, ChannelUnit::VarHour);
    QCOMPARE(q1.readings.size(), 48);
    QCOMPARE(q1.readings.at(0).value, 50);
    QCOMPARE(q1.readings.at(0).startUtc, utc("2005-02-28T14:00:00Z"));
}

void TestNem12::variableQualityFrom400Records()
{
    const QList<ChannelSeries> series = parseFixture("nem12-basic.csv");
    const ChannelSeries &e1 = series.at(0);
    // Day two has quality V; its 400 records give intervals 1-20 A, 21-40 S14, 41-48 N.
    for (int i = 48; i < 96; ++i) {
        const SourceReading &r = e1.readings.at(i);
        const int interval = i - 48 + 1;
        QCOMPARE(r.line, 4);
        if (interval <= 20) {
            QCOMPARE(r.quality, Quality::Actual);
            QCOMPARE(r.value, 1111);
        } else if (interval <= 40) {
            QCOMPARE(r.quality, Quality::Estimated);
            QCOMPARE(r.value, 1111);
        } else {
            QCOMPARE(r.quality, Quality::Missing);
            QCOMPARE(r.value, 0);
        }
    }
}

void TestNem12::fifteenMinutesWithoutSerial()
{
    const QList<ChannelSeries> series = parseFixture("nem12-15min.csv");
    QCOMPARE(series.size(), 1);
    const ChannelSeries &s = series.at(0);
    QCOMPARE(s.meterKey, QStringLiteral("QAAAVZZZZZ")); // no meter serial: the NMI
    QCOMPARE(s.altKey, QStringLiteral("QAAAVZZZZZ"));
    QCOMPARE(s.intervalSecs, 900);
    QCOMPARE(s.readings.size(), 192);
    QCOMPARE(s.readings.at(0).startUtc, utc("2023-12-31T14:00:00Z"));
    QCOMPARE(s.readings.at(95).startUtc, utc("2024-01-01T13:45:00Z"));
    QCOMPARE(s.readings.at(96).startUtc, utc("2024-01-01T14:00:00Z"));
    QCOMPARE(s.readings.at(5).value, 105); // Wh, as stated
    QCOMPARE(s.readings.at(5).quality, Quality::Actual);
    QCOMPARE(s.readings.at(96).value, 1);   // 0.5 Wh rounds away from zero
    QCOMPARE(s.readings.at(97).value, 2);   // 1.5 Wh
    QCOMPARE(s.readings.at(97).quality, Quality::Estimated); // F14
}

void TestNem12::fiveMinutes()
{
    const QByteArray text = Header + "200,NMI0000001,E1,1,E1,N1,SER1,KWH,5,\n" + day("20240229", "A", 288) + "900\n";
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const QList<ChannelSeries> series = parse(buffer, QStringLiteral("five.csv"));
    QCOMPARE(series.size(), 1);
    QCOMPARE(series.at(0).intervalSecs, 300);
    QCOMPARE(series.at(0).readings.size(), 288);
    QCOMPARE(series.at(0).readings.at(287).startUtc, utc("2024-02-29T13:55:00Z"));
    QCOMPARE(series.at(0).readings.at(287).value, 1500);
}

void TestNem12::chunksLongStreams()
{
    // 700 days of 5-minute data: 201,600 readings, emitted in chunks of at most 65,536.
    QByteArray text = Header + "200,NMI0000001,E1,1,E1,N1,SER1,kWh,5,\n";
    QDate date(2022, 1, 1);
    for (int d = 0; d < 700; ++d, date = date.addDays(1))
        text += day(date.toString(QStringLiteral("yyyyMMdd")).toLatin1().constData(), "A", 288);
    text += "900\n";
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const QList<ChannelSeries> series = parse(buffer, QStringLiteral("long.csv"));
    QCOMPARE(series.size(), 4);
    qsizetype total = 0;
    qint64 next = utc("2021-12-31T14:00:00Z");
    for (const ChannelSeries &s : series) {
        QVERIFY(s.readings.size() <= 65536);
        QCOMPARE(s.meterKey, QStringLiteral("SER1"));
        for (const SourceReading &r : s.readings) {
            QCOMPARE(r.startUtc, next);
            next += 300;
        }
        total += s.readings.size();
    }
    QCOMPARE(total, qsizetype(700 * 288));
    QCOMPARE(series.at(1).location, QStringLiteral("line %1").arg(3 + 65536 / 288));
}

void TestNem12::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("reason");
    const QByteArray end = "900\n";
    QTest::newRow("no 100") << QByteArray(Stream + day("20240101") + end) << QStringLiteral("line 1")
                            << QStringLiteral("starts with a 100 header record");
    QTest::newRow("NEM13") << QByteArray("100,NEM13,202401010000,MDP1,RET1\n") << QStringLiteral("line 1")
                           << QStringLiteral("NEM13 file");
    QTest::newRow("second 100") << QByteArray(Header + Header) << QStringLiteral("line 2")
                                << QStringLiteral("only one 100 header record");
    QTest::newRow("300 before 200") << QByteArray(Header + day("20240101") + end) << QStringLiteral("line 2")
                                    << QStringLiteral("must follow a 200 data stream record");
    QTest::newRow("47 values") << QByteArray(Header + Stream + day("20240101") + day("20240102", "A", 47) + end)
                               << QStringLiteral("line 4")
                               << QStringLiteral("has 48 interval values, then QualityMethod, ReasonCode, "
                                                 "ReasonDescription, UpdateDateTime and MSATSLoadDateTime; found 47");
    QTest::newRow("96 values for 30 minutes") << QByteArray(Header + Stream + day("20240101", "A", 96) + end)
                                              << QStringLiteral("line 3") << QStringLiteral("found 96 values");
    QTest::newRow("truncated") << QByteArray(Header + Stream + day("20240101") + day("20240102"))
                               << QStringLiteral("line 4") << QStringLiteral("without the 900 end record");
    QTest::newRow("empty") << QByteArray("\n") << QString() << QStringLiteral("The file is empty");
    QTest::newRow("after 900") << QByteArray(Header + Stream + day("20240101") + end + day("20240102"))
                               << QStringLiteral("line 5") << QStringLiteral("Nothing may follow the 900");
    QTest::newRow("400 without V") << QByteArray(Header + Stream + day("20240101") + "400,1,48,A,,\n" + end)
                                   << QStringLiteral("line 4") << QStringLiteral("quality is V");
    QTest::newRow("V not covered") << QByteArray(Header + Stream + day("20240101", "V") + "400,1,40,A,,\n" + end)
                                   << QStringLiteral("line 3") << QStringLiteral("intervals 41 to 48");
    QTest::newRow("400 overlap") << QByteArray(Header + Stream + day("20240101", "V") + "400,1,40,A,,\n400,40,48,E52,,\n"
                                               + end)
                                 << QStringLiteral("line 5") << QStringLiteral("Interval 40 already has a quality");
    QTest::newRow("400 range") << QByteArray(Header + Stream + day("20240101", "V") + "400,1,49,A,,\n" + end)
                               << QStringLiteral("line 4") << QStringLiteral("within 1 to 48");
    QTest::newRow("bad date") << QByteArray(Header + Stream + day("20240230") + end) << QStringLiteral("line 3")
                              << QStringLiteral("\"20240230\" is not a date in the form YYYYMMDD");
    QTest::newRow("bad quality") << QByteArray(Header + Stream + day("20240101", "X") + end) << QStringLiteral("line 3")
                                 << QStringLiteral("quality method \"X\" is not known");
    QTest::newRow("bad value") << QByteArray(Header + Stream + "300,20240101,1,2,3,4,1.2.3," + values(43) + ",A,,,,\n" + end)
                               << QStringLiteral("line 3") << QStringLiteral("Interval value 5 (\"1.2.3\")");
    QTest::newRow("unit of E1") << QByteArray(Header + "200,NMI0000001,E1,1,E1,N1,SER1,kVArh,30,\n" + end)
                                << QStringLiteral("line 2") << QStringLiteral("expected kWh, Wh or MWh");
    QTest::newRow("interval 60") << QByteArray(Header + "200,NMI0000001,E1,1,E1,N1,SER1,kWh,60,\n" + end)
                                 << QStringLiteral("line 2") << QStringLiteral("not 5, 15 or 30 minutes");
    QTest::newRow("200 fields") << QByteArray(Header + "200,NMI0000001,E1,1,E1,N1,SER1,kWh\n" + end)
                                << QStringLiteral("line 2") << QStringLiteral("found 8");
    QTest::newRow("unknown record") << QByteArray(Header + "250,NMI0000001,11\n" + end) << QStringLiteral("line 2")
                                    << QStringLiteral("\"250\" is not a NEM12 record indicator");
    QTest::newRow("nothing stored") << QByteArray(Header + "200,NMI0000001,K1,1,K1,N1,SER1,kVArh,30,\n"
                                                  + day("20240101") + end)
                                    << QString() << QStringLiteral("no data stream the product stores");
}

void TestNem12::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, reason);
    const std::optional<ImportError> e = errorOf(text);
    QVERIFY(e.has_value());
    QCOMPARE(e->file(), QStringLiteral("nem12#0001#MDP1#RET1.csv"));
    QCOMPARE(e->where(), where);
    QVERIFY2(e->reason().contains(reason), qPrintable(e->reason()));
}

QTEST_GUILESS_MAIN(TestNem12)
#include "tst_nem12.moc"
