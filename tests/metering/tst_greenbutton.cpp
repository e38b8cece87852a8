#include <metering/espicodes.h>
#include <metering/greenbuttonparser.h>
#include <metering/greenbuttonwriter.h>

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace Ud::Metering;
using Ud::Accounts::ChannelKind;
using Ud::Accounts::ChannelUnit;
using Ud::Accounts::Commodity;

namespace {

QString dataPath(const QString &name)
{
    const QByteArray root = qgetenv("UD_SOURCE_DIR");
    const QString base = root.isEmpty() ? QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/../..")
                                        : QString::fromLocal8Bit(root);
    return base + QStringLiteral("/tests/data/greenbutton/") + name;
}

QByteArray fixture(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

/// A pipe-like device that hands out a few bytes per read, so tokens straddle reads.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(QByteArray data, qint64 step = 7) : m_data(std::move(data)), m_step(step)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(qMin(maxSize, m_step), qint64(m_data.size()) - m_pos);
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_pos = 0;
};

QList<ChannelSeries> parseDevice(QIODevice &device, const QString &name, GreenButtonParser parser = GreenButtonParser())
{
    ParseContext context;
    context.fileName = name;
    context.zoneOf = [](const QString &, const QString &) { return QTimeZone::utc(); };
    QList<ChannelSeries> out;
    parser.parse(device, context, [&](ChannelSeries &&s) { out.append(std::move(s)); });
    return out;
}

QList<ChannelSeries> parseBytes(const QByteArray &bytes, const QString &name = QStringLiteral("feed.xml"),
                                GreenButtonParser parser = GreenButtonParser())
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return parseDevice(buffer, name, parser);
}

QList<ChannelSeries> parseFixture(const QString &name)
{
    return parseBytes(fixture(name), name);
}

/// The message of the ImportError the bytes cause, or "" if they parse.
QString rejection(const QByteArray &bytes, const QString &name, GreenButtonParser parser = GreenButtonParser())
{
    try {
        parseBytes(bytes, name, parser);
    } catch (const ImportError &e) {
        return e.message();
    }
    return {};
}

QList<qint64> values(const ChannelSeries &s)
{
    QList<SourceReading> sorted = s.readings;
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.startUtc < b.startUtc; });
    QList<qint64> out;
    for (const SourceReading &r : sorted)
        out.append(r.value);
    return out;
}

const ChannelSeries *find(const QList<ChannelSeries> &all, const QString &meterKey, ChannelKind kind)
{
    for (const ChannelSeries &s : all) {
        if (s.meterKey == meterKey && s.kind == kind)
            return &s;
    }
    return nullptr;
}

QByteArray replaced(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    if (!bytes.contains(from))
        qFatal("fixture lacks %s", from.constData());
    return bytes.replace(from, to);
}

} // namespace

class TestGreenButton : public QObject
{
    Q_OBJECT

private slots:
    void namesTheFormat()
    {
        GreenButtonParser parser;
        QCOMPARE(parser.key(), QStringLiteral("greenbutton-xml"));
        QCOMPARE(parser.displayName(), QStringLiteral("Green Button XML (ESPI)"));
    }

    void probeClaimsEspiFeedsOnly()
    {
        GreenButtonParser parser;
        QVERIFY(parser.probe(fixture(QStringLiteral("electric_15min_pacific.xml")).left(4096)));
        QVERIFY(parser.probe(fixture(QStringLiteral("gas_therm.xml")).left(600)));
        QVERIFY(!parser.probe("100,NEM12,200405011135,MDA1,Ret1\n200,NCDE0000001,E1E2,1,E1,N1,01009,kWh,30,\n"));
        QVERIFY(!parser.probe("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title>"));
        QVERIFY(!parser.probe("DATE,START TIME,END TIME,USAGE,UNITS\n2024-01-01,00:00,00:14,0.45,kWh\n"));
    }

    void readsFifteenMinuteElectricityWithQualityAndSummary()
    {
        const auto all = parseFixture(QStringLiteral("electric_15min_pacific.xml"));
        QCOMPARE(all.size(), 1);
        const ChannelSeries &s = all.first();
        QCOMPARE(s.meterKey, QStringLiteral("01"));
        QCOMPARE(s.altKey, QStringLiteral("97eaebad-1214-4a8e-a36f-a1f6f2e0b8c4"));
        QCOMPARE(s.commodity, Commodity::Electricity);
        QCOMPARE(s.kind, ChannelKind::Import);
        QCOMPARE(s.unit, ChannelUnit::WattHour);
        QCOMPARE(s.intervalSecs, 900);
        QVERIFY(!s.cumulative);
        QCOMPARE(s.timeZoneHint, QStringLiteral("America/Los_Angeles"));
        QVERIFY2(s.location.contains(QStringLiteral("feed/entry[5]/content/IntervalBlock")), qPrintable(s.location));

        const QList<SourceReading> expected{
            {1710057600, 900, 450, Quality::Actual, 0},
            {1710058500, 900, 512, Quality::Estimated, 0},  // 8 estimated using reference day
            {1710059400, 900, 498, Quality::Edited, 0},     // 7 manually edited
            {1710060300, 900, 0, Quality::Missing, 0},      // no <value>
            {1710061200, 900, 530, Quality::Estimated, 0},  // 17 validated + 9 interpolated
            {1710064800, 900, 600, Quality::Actual, 0},     // no timePeriod: block start + 0 * 900
            {1710065700, 900, 610, Quality::Actual, 0},     // block start + 1 * 900
        };
        QCOMPARE(s.readings, expected);
        QCOMPARE(s.periodTotals, (QList<PeriodTotal>{{1709280000, 2678400, 412'000}})); // 412 kWh
    }

    void readsHourlyNetMeteringInMilliwattHoursRoundingHalfAwayFromZero()
    {
        const auto all = parseFixture(QStringLiteral("electric_60min_prefixed.xml"));
        QCOMPARE(all.size(), 1);
        const ChannelSeries &s = all.first();
        QCOMPARE(s.meterKey, QStringLiteral("SAID5550123"));
        QCOMPARE(s.kind, ChannelKind::Import); // flowDirection 4, net
        QCOMPARE(s.intervalSecs, 3600);
        QCOMPARE(s.timeZoneHint, QString());   // the feed has no LocalTimeParameters
        // powerOfTenMultiplier -3: 1234.567, 1.5, -1.5, -1.499, 2.5, -2.5 Wh
        QCOMPARE(values(s), (QList<qint64>{1235, 2, -2, -1, 3, -3}));
    }

    void sameReadingsWhateverTheNamespacePrefixes_data()
    {
        QTest::addColumn<QByteArray>("document");
        const QByteArray original = fixture(QStringLiteral("electric_60min_prefixed.xml"));
        QByteArray ns0 = original;
        ns0.replace("espi:", "ns1:").replace("xmlns:espi", "xmlns:ns1").replace("atom:", "ns0:").replace("xmlns:atom", "xmlns:ns0");
        QByteArray atomDefault = original;
        atomDefault.replace("atom:", "").replace("xmlns:atom", "xmlns");
        QByteArray espiDefault = atomDefault;
        espiDefault.replace("espi:", "").replace(" xmlns:espi=\"http://naesb.org/espi\"", "");
        QByteArray perResource = atomDefault;
        perResource.replace(" xmlns:espi=\"http://naesb.org/espi\"", "")
            .replace("<espi:UsagePoint>", "<UsagePoint xmlns=\"http://naesb.org/espi\">")
            .replace("<espi:ReadingType>", "<ReadingType xmlns=\"http://naesb.org/espi\">")
            .replace("<espi:MeterReading>", "<MeterReading xmlns=\"http://naesb.org/espi\">")
            .replace("<espi:IntervalBlock>", "<IntervalBlock xmlns=\"http://naesb.org/espi\">")
            .replace("espi:", "");
        QTest::newRow("ns0: and ns1:") << ns0;
        QTest::newRow("Atom default, espi:") << atomDefault;
        QTest::newRow("ESPI without namespace of its own") << espiDefault;
        QTest::newRow("ESPI default namespace per resource") << perResource;
    }

    void sameReadingsWhateverTheNamespacePrefixes()
    {
        QFETCH(QByteArray, document);
        const auto all = parseBytes(document);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().meterKey, QStringLiteral("SAID5550123"));
        QCOMPARE(values(all.first()), (QList<qint64>{1235, 2, -2, -1, 3, -3}));
    }

    void readsGasInThermsAsWattHours()
    {
        const auto all = parseFixture(QStringLiteral("gas_therm.xml"));
        QCOMPARE(all.size(), 1);
        const ChannelSeries &s = all.first();
        QCOMPARE(s.meterKey, QStringLiteral("GAS-0042"));
        QCOMPARE(s.commodity, Commodity::Gas);
        QCOMPARE(s.unit, ChannelUnit::WattHour);
        QCOMPARE(s.intervalSecs, 86400);
        // therm = 29,307.107 Wh; values in hundredths of a therm (100, 250, 333)
        QCOMPARE(values(s), (QList<qint64>{29'307, 73'268, 97'593}));
        QCOMPARE(s.periodTotals, (QList<PeriodTotal>{{1704096000, 259200, 205'150}})); // 7 therms
    }

    void readsGasInHundredsOfCubicFeetArrivingBeforeItsReadingType()
    {
        const auto all = parseFixture(QStringLiteral("gas_ft3.xml"));
        QCOMPARE(all.size(), 1);
        const ChannelSeries &s = all.first();
        QCOMPARE(s.meterKey, QStringLiteral("7"));
        QCOMPARE(s.altKey, QStringLiteral("c0ffee00-1111-4222-8333-444455556666"));
        QCOMPARE(s.commodity, Commodity::Gas);
        QCOMPARE(s.unit, ChannelUnit::Litre);
        // 300 ft³ = 8,495.05 L; 100 ft³ = 2,831.68 L; 1,200 ft³ = 33,980.22 L
        QCOMPARE(values(s), (QList<qint64>{8'495, 2'832, 0, 33'980}));
    }

    void bufferedReadingsAreCapped()
    {
        const QString message = rejection(fixture(QStringLiteral("gas_ft3.xml")), QStringLiteral("gas_ft3.xml"),
                                          GreenButtonParser(GreenButtonParser::defaultMaxFileBytes, 3));
        QVERIFY2(message.contains(QStringLiteral("more than 3 interval readings")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("feed/entry[1]/content/IntervalBlock")), qPrintable(message));
    }

    void readsDeliveredAndReceivedChannelsFromShuffledEntries()
    {
        const auto all = parseFixture(QStringLiteral("net_metering.xml"));
        const ChannelSeries *delivered = find(all, QStringLiteral("1"), ChannelKind::Import);
        const ChannelSeries *received = find(all, QStringLiteral("1"), ChannelKind::Export);
        QVERIFY(delivered && received);
        QCOMPARE(all.size(), 2);
        QCOMPARE(delivered->altKey, QStringLiteral("1d7a4f3e-8c2b-4e6f-9a1d-2b3c4d5e6f70"));
        QCOMPARE(values(*delivered), (QList<qint64>{300, 250, 100, 0}));
        QCOMPARE(values(*received), (QList<qint64>{0, 50, 200, 350}));
        QCOMPARE(received->readings.first().startUtc, qint64(1717268400 + 2 * 900)); // order kept as in the file
    }

    void readsCumulativeRegisterValuesInKilowattHours()
    {
        const auto all = parseFixture(QStringLiteral("cumulative.xml"));
        QCOMPARE(all.size(), 1);
        QVERIFY(all.first().cumulative);
        QCOMPARE(values(all.first()), (QList<qint64>{12'345'000, 12'346'000, 12'348'000})); // powerOfTenMultiplier 3
        QCOMPARE(all.first().timeZoneHint, QStringLiteral("UTC-07:00")); // tzOffset -25200, DST disabled
    }

    void accumulationBehaviours_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<bool>("cumulative");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("1 bulkQuantity") << QByteArray("1") << true << true;
        QTest::newRow("3 cumulative") << QByteArray("3") << true << true;
        QTest::newRow("4 deltaData") << QByteArray("4") << false << true;
        QTest::newRow("12 instantaneous") << QByteArray("12") << false << false;
    }

    void accumulationBehaviours()
    {
        QFETCH(QByteArray, code);
        QFETCH(bool, cumulative);
        QFETCH(bool, accepted);
        const QByteArray doc = replaced(fixture(QStringLiteral("cumulative.xml")),
                                        "<espi:accumulationBehaviour>9<", "<espi:accumulationBehaviour>" + code + "<");
        if (!accepted) {
            const QString message = rejection(doc, QStringLiteral("cumulative.xml"));
            QVERIFY2(message.contains(QStringLiteral("accumulationBehaviour %1").arg(QString::fromLatin1(code))),
                     qPrintable(message));
            return;
        }
        const auto all = parseBytes(doc);
        QCOMPARE(all.first().cumulative, cumulative);
    }

    void readsBatchFeedWithTwoUsagePoints()
    {
        const auto all = parseFixture(QStringLiteral("batch_two_usage_points.xml"));
        QCOMPARE(all.size(), 2);
        const ChannelSeries *electric = find(all, QStringLiteral("1"), ChannelKind::Import);
        const ChannelSeries *water = find(all, QStringLiteral("2"), ChannelKind::Import);
        QVERIFY(electric && water);
        QCOMPARE(electric->commodity, Commodity::Electricity);
        QCOMPARE(electric->altKey, QStringLiteral("11111111-2222-4333-8444-555555555501"));
        QCOMPARE(values(*electric), (QList<qint64>{4000, 5000}));
        QCOMPARE(electric->timeZoneHint, QStringLiteral("America/New_York"));
        QCOMPARE(electric->periodTotals, (QList<PeriodTotal>{{1704171600, 7200, 9000}})); // ElectricPowerUsageSummary
        QCOMPARE(water->commodity, Commodity::Water);
        QCOMPARE(water->unit, ChannelUnit::Litre);
        QCOMPARE(values(*water), (QList<qint64>{379, 208})); // 100 and 55 US gallons
        QVERIFY(water->periodTotals.isEmpty());
    }

    void readsTheSameFromAPipeThatDeliversSevenBytesAtATime()
    {
        const QByteArray bytes = fixture(QStringLiteral("electric_15min_pacific.xml"));
        TrickleDevice pipe(bytes);
        const auto trickled = parseDevice(pipe, QStringLiteral("pipe"));
        const auto whole = parseBytes(bytes);
        QCOMPARE(trickled.size(), 1);
        QCOMPARE(trickled.first().readings, whole.first().readings);
        QCOMPARE(trickled.first().periodTotals, whole.first().periodTotals);
    }

    void decodesDstRulesToZones()
    {
        // US rules: second Sunday of March and first Sunday of November, 02:00
        QCOMPARE(Espi::timeZoneFor(-28800, 3600, 0x360E2000, 0xB40E2000, 2023, 2025),
                 QStringLiteral("America/Los_Angeles"));
        QCOMPARE(Espi::timeZoneFor(-21600, 3600, 0x360E2000, 0xB40E2000, 2024, 2024), QStringLiteral("America/Chicago"));
        // EU rules: last Sunday of March 02:00 CET, last Sunday of October 03:00 CEST
        const QString central = Espi::timeZoneFor(3600, 3600, 0x3E0E2000, 0xAE0E3000, 2024, 2024);
        QVERIFY(!central.isEmpty());
        const QTimeZone zone(central.toLatin1());
        const QTimeZone paris("Europe/Paris");
        for (qint64 t : {qint64(1711846799), qint64(1711846800), qint64(1729990799), qint64(1729990800)}) {
            const QDateTime at = QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc());
            QCOMPARE(zone.offsetFromUtc(at), paris.offsetFromUtc(at));
        }
        // US rules do not fit Europe, nor do third-Sunday rules fit anything at -08:00
        QCOMPARE(Espi::timeZoneFor(3600, 3600, 0x360E2000, 0xB40E2000, 2024, 2024), QString());
        QCOMPARE(Espi::timeZoneFor(-28800, 3600, 0x380E2000, 0xB40E2000, 2024, 2024), QString());
        QCOMPARE(Espi::timeZoneFor(-28800, 0, 0xFFFFFFFF, 0xFFFFFFFF, 2024, 2024), QStringLiteral("UTC-08:00"));
    }

    void decodesTheStandardsDstExample()
    {
        // REQ.21: "DST starts on third Friday in March at 1:45 AM": seconds 2700, hours 1, weekday 5, operator 4, month 3
        const quint32 rule = (3u << 28) | (4u << 25) | (5u << 17) | (1u << 12) | 2700u;
        const auto decoded = Espi::decodeDstRule(rule);
        QVERIFY(decoded);
        const auto at = Espi::dstTransitionUtc(*decoded, 2024, 0);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(*at, QTimeZone::utc()),
                 QDateTime(QDate(2024, 3, 15), QTime(1, 45), QTimeZone::utc()));
    }

    void convertsUnitsExactly()
    {
        Espi::Scale::Problem problem;
        qint64 out = 0;
        const auto therm = Espi::Scale::make(169, 0, &problem);
        QVERIFY(therm && therm->convert(1, &out));
        QCOMPARE(out, qint64(29'307));
        QVERIFY(therm->convert(9, &out));
        QCOMPARE(out, qint64(263'764)); // 9 x 29,307.107 = 263,763.963
        const auto gallons = Espi::Scale::make(128, 3, &problem);
        QVERIFY(gallons && gallons->convert(1, &out));
        QCOMPARE(out, qint64(3'785)); // 1,000 US gal = 3,785.411784 L
        const auto cubicMetres = Espi::Scale::make(42, -3, &problem);
        QVERIFY(cubicMetres && cubicMetres->convert(1'234'567, &out));
        QCOMPARE(out, qint64(1'234'567)); // m³ in thousandths = litres
        const auto kwh = Espi::Scale::make(72, 3, &problem);
        QVERIFY(kwh && !kwh->convert(qint64(1) << 50, &out)); // outside Int48
        QVERIFY(!Espi::Scale::make(38, 0, &problem));
        QCOMPARE(problem, Espi::Scale::Problem::Power);
    }

    void summaryWithoutIntervalsComesAsASeriesOfItsOwn()
    {
        QByteArray doc = fixture(QStringLiteral("gas_therm.xml"));
        const qsizetype from = doc.indexOf("<ns0:entry><ns0:id>urn:uuid:a1b2c3d4-0000-4000-8000-000000000004");
        const qsizetype to = doc.indexOf("</ns0:entry>", from) + qsizetype(strlen("</ns0:entry>"));
        QVERIFY(from > 0 && to > from);
        doc.remove(from, to - from);
        const auto all = parseBytes(doc);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().meterKey, QStringLiteral("GAS-0042"));
        QVERIFY(all.first().readings.isEmpty());
        QCOMPARE(all.first().unit, ChannelUnit::WattHour);
        QCOMPARE(all.first().periodTotals, (QList<PeriodTotal>{{1704096000, 259200, 205'150}}));
    }

    // --- rejections ----------------------------------------------------------------------------

    void rejectsUsagePointsThatShareAnId()
    {
        const QByteArray doc = replaced(fixture(QStringLiteral("batch_two_usage_points.xml")), "Subscription/31/UsagePoint/2",
                                        "Subscription/32/UsagePoint/1");
        const QString message = rejection(doc, QStringLiteral("batch.xml"));
        QVERIFY2(message.contains(QStringLiteral("have the same id 1")), qPrintable(message));
    }


    void rejectsDocumentTypeDeclarationsWithExternalEntities()
    {
        const QString message = rejection(fixture(QStringLiteral("dtd_external_entity.xml")),
                                          QStringLiteral("dtd_external_entity.xml"));
        QVERIFY2(message.startsWith(QStringLiteral("dtd_external_entity.xml, line 4")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("document type declaration")), qPrintable(message));
    }

    void rejectsEntityBombsAtOnce()
    {
        QElapsedTimer timer;
        timer.start();
        const QString message = rejection(fixture(QStringLiteral("entity_bomb.xml")), QStringLiteral("entity_bomb.xml"));
        QVERIFY2(message.contains(QStringLiteral("document type declaration")), qPrintable(message));
        QVERIFY(timer.elapsed() < 2000);
    }

    void rejectsUndeclaredEntityReferences()
    {
        const QByteArray doc = replaced(fixture(QStringLiteral("electric_15min_pacific.xml")), "<value>512</value>",
                                        "<value>&reading;</value>");
        const QString message = rejection(doc, QStringLiteral("entity.xml"));
        QVERIFY2(message.contains(QStringLiteral("not well-formed")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("reading")), qPrintable(message));
    }

    void rejectsDeepNesting()
    {
        QByteArray doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content>";
        for (int i = 0; i < 100; ++i)
            doc += "<extension>";
        for (int i = 0; i < 100; ++i)
            doc += "</extension>";
        doc += "</content></entry></feed>";
        const QString message = rejection(doc, QStringLiteral("deep.xml"));
        QVERIFY2(message.contains(QStringLiteral("nested more than 64 deep")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("feed/entry[1]/content/extension")), qPrintable(message));
    }

    void rejectsFilesOverTheSizeCapUpFront()
    {
        const QByteArray bytes = fixture(QStringLiteral("electric_15min_pacific.xml"));
        const QString message = rejection(bytes, QStringLiteral("big.xml"), GreenButtonParser(1000));
        QVERIFY2(message.startsWith(QStringLiteral("big.xml: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("%1 bytes, more than the import limit of 1000 bytes").arg(bytes.size())),
                 qPrintable(message));
    }

    void rejectsStreamsOverTheSizeCapWhileReading()
    {
        TrickleDevice pipe(fixture(QStringLiteral("electric_15min_pacific.xml")), 512);
        try {
            parseDevice(pipe, QStringLiteral("pipe.xml"), GreenButtonParser(3000));
            QFAIL("a stream over the cap was read");
        } catch (const ImportError &e) {
            QVERIFY2(e.reason().contains(QStringLiteral("larger than the import limit of 3000 bytes")),
                     qPrintable(e.message()));
        }
    }

    void rejectsUnknownUnits()
    {
        const QString message = rejection(fixture(QStringLiteral("unknown_uom.xml")), QStringLiteral("unknown_uom.xml"));
        QVERIFY2(message.startsWith(QStringLiteral("unknown_uom.xml, line 29, feed/entry[4]: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("unit of measure 999 is not an energy or volume unit")), qPrintable(message));
    }

    void rejectsPowerUnits()
    {
        const QString message = rejection(fixture(QStringLiteral("power_uom.xml")), QStringLiteral("power_uom.xml"));
        QVERIFY2(message.contains(QStringLiteral("unit of measure 38 (W) is a power")), qPrintable(message));
    }

    void rejectsBlocksWhoseReadingTypeIsMissing()
    {
        const QString message = rejection(fixture(QStringLiteral("missing_readingtype.xml")),
                                          QStringLiteral("missing_readingtype.xml"));
        QVERIFY2(message.contains(QStringLiteral("feed/entry[3]/content/IntervalBlock")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("ReadingType/99, which the file does not contain")), qPrintable(message));
    }

    void rejectsNonNumericValuesNamingTheElement()
    {
        const QString message = rejection(fixture(QStringLiteral("bad_value.xml")), QStringLiteral("bad_value.xml"));
        QCOMPARE(message, QStringLiteral("bad_value.xml, line 24, feed/entry[3]/content/IntervalBlock/IntervalReading[5]/value: "
                                         "expected a whole number, found \"12a\""));
    }

    void rejectsDecimalValues()
    {
        const QByteArray doc = replaced(fixture(QStringLiteral("gas_therm.xml")), "<ns1:value>250<", "<ns1:value>2.5<");
        const QString message = rejection(doc, QStringLiteral("gas_therm.xml"));
        QVERIFY2(message.contains(QStringLiteral("IntervalReading[2]/value: expected a whole number, found \"2.5\"")),
                 qPrintable(message));
    }

    void rejectsServiceKindsOtherThanElectricityGasAndWater()
    {
        const QByteArray doc = replaced(fixture(QStringLiteral("electric_15min_pacific.xml")), "<kind>0</kind>", "<kind>3</kind>");
        const QString message = rejection(doc, QStringLiteral("time.xml"));
        QVERIFY2(message.contains(QStringLiteral("feed/entry[1]")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("ServiceCategory kind is 3")), qPrintable(message));
    }

    void rejectsFlowDirectionsThatAreNoChannel()
    {
        const QByteArray doc = replaced(fixture(QStringLiteral("electric_15min_pacific.xml")),
                                        "<flowDirection>1</flowDirection>", "<flowDirection>20</flowDirection>");
        const QString message = rejection(doc, QStringLiteral("total.xml"));
        QVERIFY2(message.contains(QStringLiteral("flowDirection 20 is not a consumption channel")), qPrintable(message));
    }

    void rejectsFeedsWithoutEspiContent()
    {
        const QString message = rejection("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>News</title>"
                                          "<content type=\"text\">hello</content></entry></feed>",
                                          QStringLiteral("news.xml"));
        QVERIFY2(message.contains(QStringLiteral("holds no Green Button data")), qPrintable(message));
    }

    void rejectsTruncatedFiles()
    {
        const QByteArray bytes = fixture(QStringLiteral("electric_15min_pacific.xml"));
        const QString message = rejection(bytes.left(bytes.size() / 2), QStringLiteral("cut.xml"));
        QVERIFY2(message.contains(QStringLiteral("ends before the XML document is complete")), qPrintable(message));
    }

    // --- writer and chunking -------------------------------------------------------------------

    void writerRoundTripsThroughTheParser()
    {
        GreenButtonFeed feed;
        feed.usagePoints = 3;
        feed.days = 2;
        feed.intervalSecs = 900;
        feed.indent = true;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(GreenButtonWriter::write(buffer, feed), qint64(3 * 2 * 96));
        const auto all = parseBytes(buffer.data());
        QCOMPARE(all.size(), 3);
        for (int u = 1; u <= 3; ++u) {
            const ChannelSeries *s = find(all, GreenButtonWriter::usagePointId(u), ChannelKind::Import);
            QVERIFY(s);
            QCOMPARE(s->altKey, GreenButtonWriter::usagePointUuid(u));
            QCOMPARE(s->timeZoneHint, QStringLiteral("America/Los_Angeles"));
            QCOMPARE(s->readings.size(), 192);
            qint64 total = 0;
            for (const SourceReading &r : s->readings) {
                const qint64 interval = (r.startUtc - feed.startUtc) / 900;
                QCOMPARE(r.value, GreenButtonWriter::rawValue(u, interval));
                QCOMPARE(r.durationSecs, 900);
                total += r.value;
            }
            QCOMPARE(s->periodTotals, (QList<PeriodTotal>{{feed.startUtc, 2 * 86400, total}}));
        }
    }

    void writerWritesGasAndWaterInTheirUnits()
    {
        for (const Commodity commodity : {Commodity::Gas, Commodity::Water}) {
            GreenButtonFeed feed;
            feed.commodity = commodity;
            feed.intervalSecs = 3600;
            feed.powerOfTenMultiplier = -2;
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            GreenButtonWriter::write(buffer, feed);
            const auto all = parseBytes(buffer.data());
            QCOMPARE(all.size(), 1);
            QCOMPARE(all.first().commodity, commodity);
            QCOMPARE(all.first().unit, commodity == Commodity::Gas ? ChannelUnit::WattHour : ChannelUnit::Litre);
            Espi::Scale::Problem problem;
            const auto scale = Espi::Scale::make(commodity == Commodity::Gas ? 169 : 128, -2, &problem);
            qint64 expected = 0;
            QVERIFY(scale->convert(GreenButtonWriter::rawValue(1, 0), &expected));
            QCOMPARE(all.first().readings.first().value, expected);
        }
    }

    void longChannelsArriveInChunksWithTheSameKey()
    {
        GreenButtonFeed feed;
        feed.days = 50;
        feed.intervalSecs = 60; // 72,000 readings
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(GreenButtonWriter::write(buffer, feed), qint64(72'000));
        const auto all = parseBytes(buffer.data());
        QVERIFY(all.size() >= 2);
        qint64 count = 0;
        for (const ChannelSeries &s : all) {
            QCOMPARE(s.meterKey, GreenButtonWriter::usagePointId(1));
            QCOMPARE(s.kind, ChannelKind::Import);
            QVERIFY(s.readings.size() <= GreenButtonParser::chunkReadings);
            count += s.readings.size();
        }
        QCOMPARE(count, qint64(72'000));
        QCOMPARE(all.first().readings.size(), GreenButtonParser::chunkReadings);
        QVERIFY(all.first().periodTotals.isEmpty());
        QCOMPARE(all.last().periodTotals.size(), 1);
        const SourceReading &last = all.last().readings.last();
        QCOMPARE(last.value, GreenButtonWriter::rawValue(1, 71'999));
        QCOMPARE(last.startUtc, feed.startUtc + 71'999 * 60);
    }
};

QTEST_GUILESS_MAIN(TestGreenButton)
#include "tst_greenbutton.moc"
