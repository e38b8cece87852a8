#include "greenbuttonwriter.h"

#include "espicodes.h"

#include <QUuid>
#include <QXmlStreamWriter>

namespace Ud::Metering {

namespace {

const QString atom = Espi::atomNamespace.toString();
const QString espi = Espi::espiNamespace.toString();
const QString base = QStringLiteral("https://utility.example.com/DataCustodian/espi/1_1/resource");

QString upHref(int u)
{
    return base + QStringLiteral("/RetailCustomer/9b6c7063/UsagePoint/") + GreenButtonWriter::usagePointId(u);
}

void link(QXmlStreamWriter &w, const QString &rel, const QString &href)
{
    w.writeStartElement(atom, QStringLiteral("link"));
    w.writeAttribute(QStringLiteral("href"), href);
    w.writeAttribute(QStringLiteral("rel"), rel);
    w.writeEndElement();
}

void number(QXmlStreamWriter &w, const QString &name, qint64 value)
{
    w.writeTextElement(espi, name, QString::number(value));
}

void interval(QXmlStreamWriter &w, const QString &name, qint64 start, qint64 duration)
{
    w.writeStartElement(espi, name);
    number(w, QStringLiteral("duration"), duration);
    number(w, QStringLiteral("start"), start);
    w.writeEndElement();
}

/// Opens an entry and its content; the caller writes the ESPI resource, then closes both.
void beginEntry(QXmlStreamWriter &w, const QString &uuid, const QString &self, const QString &up,
                const QStringList &related, const QString &title)
{
    w.writeStartElement(atom, QStringLiteral("entry"));
    w.writeTextElement(atom, QStringLiteral("id"), QStringLiteral("urn:uuid:") + uuid);
    link(w, QStringLiteral("self"), self);
    if (!up.isEmpty())
        link(w, QStringLiteral("up"), up);
    for (const QString &href : related)
        link(w, QStringLiteral("related"), href);
    w.writeTextElement(atom, QStringLiteral("title"), title);
    w.writeStartElement(atom, QStringLiteral("content"));
}

void endEntry(QXmlStreamWriter &w)
{
    w.writeEndElement(); // content
    w.writeTextElement(atom, QStringLiteral("published"), QStringLiteral("2024-01-01T00:00:00Z"));
    w.writeTextElement(atom, QStringLiteral("updated"), QStringLiteral("2024-01-01T00:00:00Z"));
    w.writeEndElement(); // entry
}

QString uuidFor(const QString &name)
{
    static const QUuid space(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}")); // RFC 4122 URL namespace
    return QUuid::createUuidV5(space, name).toString(QUuid::WithoutBraces);
}

} // namespace

qint64 GreenButtonWriter::rawValue(int usagePoint, qint64 interval)
{
    // a daily-shaped load with deterministic noise, never negative
    quint64 x = quint64(usagePoint) * 0x9E3779B97F4A7C15ull + quint64(interval) * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 29;
    return qint64(x % 900) + 100 * (interval % 96 >= 28 && interval % 96 < 88 ? 3 : 1);
}

QString GreenButtonWriter::usagePointId(int usagePoint)
{
    return QStringLiteral("%1").arg(4'000'000 + usagePoint);
}

QString GreenButtonWriter::usagePointUuid(int usagePoint)
{
    return uuidFor(QStringLiteral("usagepoint/%1").arg(usagePoint));
}

qint64 GreenButtonWriter::write(QIODevice &out, const GreenButtonFeed &feed)
{
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(feed.indent);
    w.writeStartDocument();
    w.writeNamespace(espi, QStringLiteral("espi"));
    w.writeDefaultNamespace(atom);
    w.writeStartElement(atom, QStringLiteral("feed"));
    w.writeTextElement(atom, QStringLiteral("id"), QStringLiteral("urn:uuid:") + uuidFor(QStringLiteral("feed")));
    w.writeTextElement(atom, QStringLiteral("title"), QStringLiteral("Green Button Usage Feed"));
    w.writeTextElement(atom, QStringLiteral("updated"), QStringLiteral("2024-01-01T00:00:00Z"));
    link(w, QStringLiteral("self"), base + QStringLiteral("/Batch/RetailCustomer/9b6c7063/UsagePoint"));

    const QString localTime = base + QStringLiteral("/LocalTimeParameters/1");
    if (feed.localTimeParameters) {
        beginEntry(w, uuidFor(QStringLiteral("localtime")), localTime, base + QStringLiteral("/LocalTimeParameters"),
                   {}, QStringLiteral("DST For North America"));
        w.writeStartElement(espi, QStringLiteral("LocalTimeParameters"));
        w.writeTextElement(espi, QStringLiteral("dstEndRule"), QStringLiteral("B40E2000"));
        number(w, QStringLiteral("dstOffset"), 3600);
        w.writeTextElement(espi, QStringLiteral("dstStartRule"), QStringLiteral("360E2000"));
        number(w, QStringLiteral("tzOffset"), -28800);
        w.writeEndElement();
        endEntry(w);
    }

    int serviceKind = 0, uom = 72, commodity = 1, kind = 12;
    if (feed.commodity == Accounts::Commodity::Gas) {
        serviceKind = 1;
        uom = 169;
        commodity = 7;
    } else if (feed.commodity == Accounts::Commodity::Water) {
        serviceKind = 2;
        uom = 128;
        commodity = 9;
        kind = 58;
    }
    const qint64 perDay = 86'400 / feed.intervalSecs;
    qint64 written = 0;
    for (int u = 1; u <= feed.usagePoints; ++u) {
        const QString up = upHref(u);
        const QString meterReading = up + QStringLiteral("/MeterReading/01");
        const QString readingType = base + QStringLiteral("/ReadingType/%1").arg(u);

        QStringList related{up + QStringLiteral("/MeterReading"), up + QStringLiteral("/UsageSummary")};
        if (feed.localTimeParameters)
            related.append(localTime);
        beginEntry(w, usagePointUuid(u), up, base + QStringLiteral("/RetailCustomer/9b6c7063/UsagePoint"), related,
                   QStringLiteral("Service %1").arg(u));
        w.writeStartElement(espi, QStringLiteral("UsagePoint"));
        w.writeStartElement(espi, QStringLiteral("ServiceCategory"));
        number(w, QStringLiteral("kind"), serviceKind);
        w.writeEndElement();
        w.writeEndElement();
        endEntry(w);

        beginEntry(w, uuidFor(meterReading), meterReading, up + QStringLiteral("/MeterReading"),
                   {readingType, meterReading + QStringLiteral("/IntervalBlock")}, QStringLiteral("Usage"));
        w.writeEmptyElement(espi, QStringLiteral("MeterReading"));
        endEntry(w);

        beginEntry(w, uuidFor(readingType), readingType, base + QStringLiteral("/ReadingType"), {},
                   QStringLiteral("Energy Delivered"));
        w.writeStartElement(espi, QStringLiteral("ReadingType"));
        number(w, QStringLiteral("accumulationBehaviour"), 4);
        number(w, QStringLiteral("commodity"), commodity);
        number(w, QStringLiteral("currency"), 840);
        number(w, QStringLiteral("dataQualifier"), 12);
        number(w, QStringLiteral("flowDirection"), 1);
        number(w, QStringLiteral("intervalLength"), feed.intervalSecs);
        number(w, QStringLiteral("kind"), kind);
        number(w, QStringLiteral("phase"), 769);
        number(w, QStringLiteral("powerOfTenMultiplier"), feed.powerOfTenMultiplier);
        number(w, QStringLiteral("timeAttribute"), 0);
        number(w, QStringLiteral("uom"), uom);
        w.writeEndElement();
        endEntry(w);

        qint64 total = 0;
        for (int d = 0; d < feed.days; ++d) {
            const qint64 dayStart = feed.startUtc + qint64(d) * 86'400;
            const QString block = meterReading + QStringLiteral("/IntervalBlock/%1").arg(d + 1);
            beginEntry(w, uuidFor(block), block, meterReading + QStringLiteral("/IntervalBlock"), {}, QString());
            w.writeStartElement(espi, QStringLiteral("IntervalBlock"));
            interval(w, QStringLiteral("interval"), dayStart, perDay * feed.intervalSecs);
            for (qint64 i = 0; i < perDay; ++i) {
                const qint64 index = qint64(d) * perDay + i;
                const qint64 value = rawValue(u, index);
                total += value;
                w.writeStartElement(espi, QStringLiteral("IntervalReading"));
                interval(w, QStringLiteral("timePeriod"), dayStart + i * feed.intervalSecs, feed.intervalSecs);
                number(w, QStringLiteral("value"), value);
                w.writeEndElement();
            }
            written += perDay;
            w.writeEndElement();
            endEntry(w);
        }

        if (feed.usageSummary) {
            const QString summary = up + QStringLiteral("/UsageSummary/1");
            beginEntry(w, uuidFor(summary), summary, up + QStringLiteral("/UsageSummary"), {},
                       QStringLiteral("Billing Summary"));
            w.writeStartElement(espi, QStringLiteral("UsageSummary"));
            interval(w, QStringLiteral("billingPeriod"), feed.startUtc, qint64(feed.days) * 86'400);
            w.writeStartElement(espi, QStringLiteral("overallConsumptionLastPeriod"));
            number(w, QStringLiteral("powerOfTenMultiplier"), feed.powerOfTenMultiplier);
            number(w, QStringLiteral("uom"), uom);
            number(w, QStringLiteral("value"), total);
            w.writeEndElement();
            number(w, QStringLiteral("statusTimeStamp"), feed.startUtc + qint64(feed.days) * 86'400);
            w.writeEndElement();
            endEntry(w);
        }
    }
    w.writeEndElement(); // feed
    w.writeEndDocument();
    return written;
}

} // namespace Ud::Metering
