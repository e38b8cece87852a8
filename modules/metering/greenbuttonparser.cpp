#include "greenbuttonparser.h"

#include "espiassembler.h"
#include "espicodes.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <climits>
#include <vector>

namespace Ud::Metering {

using Espi::LocalTime;
using Espi::Location;
using Espi::RawReading;
using Espi::ReadingTypeInfo;
using Espi::Summary;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::GreenButtonParser)
};

/// Hands the reader the bytes of the source and stops at the size cap, counting what was read
/// because sequential devices (pipes, network replies) do not know their size up front.
class CappedDevice : public QIODevice
{
public:
    CappedDevice(QIODevice &source, qint64 cap) : m_source(source), m_cap(cap)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_exceeded || (QIODevice::atEnd() && m_source.atEnd()); }
    qint64 bytesAvailable() const override { return QIODevice::bytesAvailable() + m_source.bytesAvailable(); }
    bool exceeded() const { return m_exceeded; }
    qint64 cap() const { return m_cap; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_exceeded)
            return -1;
        qint64 n = m_source.read(data, maxSize);
        if (n == 0 && m_source.isSequential() && !m_source.atEnd() && m_source.waitForReadyRead(30'000))
            n = m_source.read(data, maxSize);
        if (n <= 0)
            return n;
        m_total += n;
        if (m_total > m_cap) {
            m_exceeded = true;
            return -1;
        }
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice &m_source;
    qint64 m_cap;
    qint64 m_total = 0;
    bool m_exceeded = false;
};

/// Content of the entry being read.
struct Entry {
    Location where;
    QString uuid, self, up;
    QStringList related;
    enum Kind { None, UsagePoint, MeterReading, ReadingType, IntervalBlocks, LocalTimeParameters, UsageSummary };
    Kind kind = None;
    std::optional<qint64> serviceKind;
    ReadingTypeInfo readingType;
    LocalTime localTime;
    Summary summary;
    std::vector<RawReading> readings;
    int blocks = 0;
};

QString normalizeHref(QStringView href)
{
    href = href.trimmed();
    const qsizetype scheme = href.indexOf(u"://");
    if (scheme > 0) {
        const qsizetype path = href.indexOf(u'/', scheme + 3);
        href = path < 0 ? QStringView() : href.mid(path);
    }
    while (href.endsWith(u'/'))
        href.chop(1);
    return href.toString();
}

bool isEspiNs(QStringView ns)
{
    // ESPI elements in their namespace, in none, or inheriting the feed's default Atom namespace
    return ns == Espi::espiNamespace || ns.isEmpty() || ns == Espi::atomNamespace;
}

bool isAtomNs(QStringView ns)
{
    return ns == Espi::atomNamespace || ns.isEmpty();
}

class Run
{
public:
    Run(QIODevice &device, const ParseContext &context, const ReadingSink &sink, qint64 maxBuffered,
        const CappedDevice &capped)
        : m_xml(&device), m_context(context), m_maxBuffered(maxBuffered), m_capped(capped),
          m_out(context, sink, maxBuffered)
    {
        m_path.reserve(16);
    }

    void run();

private:
    struct PathPart {
        QStringView name;
        QString ownedName;
        int index = 0; ///< shown when > 0
    };

    // --- reading ---------------------------------------------------------------------------
    QXmlStreamReader::TokenType next();
    [[noreturn]] void fail(const QString &reason) const;
    QString whereNow() const;
    void push(QStringView name, int index = 0) { m_path.push_back({name, QString(), index}); }
    void pop() { m_path.pop_back(); }
    void skipElement();
    template<typename F> void children(F &&onChild);
    bool isEspi(QStringView name) const { return m_xml.name() == name && isEspiNs(m_xml.namespaceUri()); }
    bool isAtom(QStringView name) const { return m_xml.name() == name && isAtomNs(m_xml.namespaceUri()); }
    qint64 readInteger(QStringView name, qint64 min, qint64 max);
    quint32 readHex32(QStringView name);
    QString readText(QStringView name);
    QStringView collectText(char16_t *buffer, int capacity, int *length, bool *tooLong);
    void readInterval(QStringView name, qint64 *start, qint64 *duration);

    // --- resources ---------------------------------------------------------------------------
    void readFeed();
    void readEntry();
    void readContent(Entry &entry);
    void readUsagePoint(Entry &entry);
    void readReadingType(Entry &entry);
    void readLocalTime(Entry &entry);
    void readSummary(Entry &entry, QStringView name);
    void readIntervalBlock(Entry &entry);
    void readIntervalReading(Entry &entry, int index, bool haveInterval, qint64 blockStart);
    void commit(Entry &entry);

    QXmlStreamReader m_xml;
    const ParseContext &m_context;
    const qint64 m_maxBuffered;
    const CappedDevice &m_capped;
    std::vector<PathPart> m_path;
    int m_depth = 0;
    int m_entries = 0;
    bool m_rootIsEntry = false;
    bool m_sawEspi = false;
    Espi::Assembler m_out;
};

// ---------------------------------------------------------------------------------------------
// Reading the XML

QXmlStreamReader::TokenType Run::next()
{
    const auto token = m_xml.readNext();
    switch (token) {
    case QXmlStreamReader::StartElement:
        if (++m_depth > GreenButtonParser::maxDepth)
            fail(Tr::tr("elements are nested more than %1 deep; Green Button files are far shallower")
                     .arg(GreenButtonParser::maxDepth));
        break;
    case QXmlStreamReader::EndElement:
        --m_depth;
        break;
    case QXmlStreamReader::DTD:
        fail(Tr::tr("the file has a document type declaration (<!DOCTYPE>); Green Button files have none, and "
                    "its entities could hide or replace content, so the file is not read"));
    case QXmlStreamReader::EntityReference:
        fail(Tr::tr("the entity reference &%1; cannot be resolved; expected plain text or the predefined "
                    "entities").arg(m_xml.name()));
    case QXmlStreamReader::Invalid:
        if (m_capped.exceeded())
            fail(Tr::tr("the file is larger than the import limit of %1 bytes").arg(m_capped.cap()));
        if (m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
            fail(Tr::tr("the file ends before the XML document is complete; expected the closing </feed>"));
        fail(Tr::tr("the file is not well-formed XML: %1").arg(m_xml.errorString()));
    default:
        break;
    }
    return token;
}

QString Run::whereNow() const
{
    QString path;
    for (const PathPart &part : m_path) {
        if (!path.isEmpty())
            path += u'/';
        path += part.ownedName.isEmpty() ? part.name.toString() : part.ownedName;
        if (part.index > 0)
            path += u'[' + QString::number(part.index) + u']';
    }
    if (path.isEmpty())
        return Tr::tr("line %1").arg(m_xml.lineNumber());
    return Tr::tr("line %1, %2").arg(m_xml.lineNumber()).arg(path);
}

void Run::fail(const QString &reason) const
{
    throw ImportError(m_context.fileName, whereNow(), reason);
}

void Run::skipElement()
{
    m_path.push_back({QStringView(), m_xml.name().toString(), 0});
    for (int depth = 1; depth > 0;) {
        const auto token = next();
        if (token == QXmlStreamReader::StartElement)
            ++depth;
        else if (token == QXmlStreamReader::EndElement)
            --depth;
    }
    m_path.pop_back();
}

template<typename F>
void Run::children(F &&onChild)
{
    for (;;) {
        const auto token = next();
        if (token == QXmlStreamReader::StartElement)
            onChild();
        else if (token == QXmlStreamReader::EndElement)
            return;
    }
}

QStringView Run::collectText(char16_t *buffer, int capacity, int *length, bool *tooLong)
{
    *length = 0;
    *tooLong = false;
    for (;;) {
        const auto token = next();
        if (token == QXmlStreamReader::Characters) {
            const QStringView text = m_xml.text();
            for (QChar c : text) {
                if (*length < capacity)
                    buffer[(*length)++] = c.unicode();
                else
                    *tooLong = true;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        } else if (token == QXmlStreamReader::StartElement) {
            fail(Tr::tr("expected text, found the element <%1>").arg(m_xml.name()));
        }
    }
    return QStringView(buffer, *length).trimmed();
}

qint64 Run::readInteger(QStringView name, qint64 min, qint64 max)
{
    push(name);
    char16_t buffer[40];
    int length = 0;
    bool tooLong = false;
    const QStringView text = collectText(buffer, 40, &length, &tooLong);
    qsizetype i = 0;
    bool negative = false;
    if (!text.isEmpty() && (text[0] == u'-' || text[0] == u'+')) {
        negative = text[0] == u'-';
        i = 1;
    }
    qint64 value = 0;
    bool ok = !tooLong && i < text.size() && text.size() - i <= 18;
    for (; ok && i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            ok = false;
        else
            value = value * 10 + (c - u'0');
    }
    if (!ok) {
        const QString shown = tooLong ? text.toString() + QStringLiteral("…") : text.toString();
        fail(Tr::tr("expected a whole number, found \"%1\"").arg(shown));
    }
    if (negative)
        value = -value;
    if (value < min || value > max)
        fail(Tr::tr("expected a whole number from %1 to %2, found %3").arg(min).arg(max).arg(value));
    pop();
    return value;
}

quint32 Run::readHex32(QStringView name)
{
    push(name);
    char16_t buffer[16];
    int length = 0;
    bool tooLong = false;
    const QStringView text = collectText(buffer, 16, &length, &tooLong);
    bool ok = false;
    const uint value = text.toUInt(&ok, 16);
    if (tooLong || !ok || text.size() > 8 || text.startsWith(u'+') || text.startsWith(u'-'))
        fail(Tr::tr("expected a rule of up to 8 hexadecimal digits, found \"%1\"").arg(text));
    pop();
    return quint32(value);
}

QString Run::readText(QStringView name)
{
    push(name);
    QString text;
    for (;;) {
        const auto token = next();
        if (token == QXmlStreamReader::Characters) {
            if (text.size() + m_xml.text().size() > 4096)
                fail(Tr::tr("expected at most 4096 characters of text"));
            text += m_xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        } else if (token == QXmlStreamReader::StartElement) {
            fail(Tr::tr("expected text, found the element <%1>").arg(m_xml.name()));
        }
    }
    pop();
    return text.trimmed();
}

void Run::readInterval(QStringView name, qint64 *start, qint64 *duration)
{
    push(name);
    bool haveStart = false, haveDuration = false;
    children([&] {
        if (isEspi(u"start")) {
            *start = readInteger(u"start", 0, 253'402'300'799LL); // up to 9999-12-31
            haveStart = true;
        } else if (isEspi(u"duration")) {
            *duration = readInteger(u"duration", 0, INT_MAX);
            haveDuration = true;
        } else {
            skipElement();
        }
    });
    if (!haveStart || !haveDuration)
        fail(Tr::tr("expected both <start> and <duration>"));
    pop();
}

// ---------------------------------------------------------------------------------------------
// Resources

void Run::run()
{
    for (;;) {
        const auto token = next();
        if (token == QXmlStreamReader::StartElement)
            break;
        if (token == QXmlStreamReader::EndDocument)
            fail(Tr::tr("the file is empty; expected an Atom feed"));
    }
    if (m_xml.name() == u"feed" && isAtomNs(m_xml.namespaceUri())) {
        push(u"feed");
        readFeed();
    } else if (m_xml.name() == u"entry" && isAtomNs(m_xml.namespaceUri())) {
        push(u"entry");
        m_rootIsEntry = true;
        m_out.setRootIsEntry(true);
        readEntry();
    } else {
        fail(Tr::tr("expected an Atom <feed> (namespace %1) as the document element, found <%2>")
                 .arg(Espi::atomNamespace, m_xml.qualifiedName()));
    }
    while (next() != QXmlStreamReader::EndDocument) {
        // comments and processing instructions may follow; more elements are not well formed
    }
    if (!m_sawEspi)
        fail(Tr::tr("the feed holds no Green Button data; expected entries with ESPI content (namespace %1)")
                 .arg(Espi::espiNamespace));
    m_out.finish();
}

void Run::readFeed()
{
    children([&] {
        if (isAtom(u"entry"))
            readEntry();
        else
            skipElement();
    });
}

void Run::readEntry()
{
    Entry entry;
    const bool root = m_rootIsEntry;
    entry.where = {m_xml.lineNumber(), ++m_entries, 0};
    if (!root)
        push(u"entry", m_entries);
    children([&] {
        if (isAtom(u"id")) {
            QString id = readText(u"id");
            if (id.startsWith(QLatin1String("urn:uuid:"), Qt::CaseInsensitive))
                id = id.mid(9);
            entry.uuid = id.toLower();
        } else if (isAtom(u"link")) {
            const auto attributes = m_xml.attributes();
            const QStringView rel = attributes.value(QLatin1String("rel"));
            const QString href = normalizeHref(attributes.value(QLatin1String("href")));
            if (rel == u"self")
                entry.self = href;
            else if (rel == u"up")
                entry.up = href;
            else if (rel == u"related")
                entry.related.append(href);
            skipElement();
        } else if (isAtom(u"content")) {
            push(u"content");
            readContent(entry);
            pop();
        } else {
            skipElement();
        }
    });
    commit(entry);
    if (!root)
        pop();
}

void Run::readContent(Entry &entry)
{
    children([&] {
        const QStringView name = m_xml.name();
        if (!isEspiNs(m_xml.namespaceUri())) {
            skipElement();
        } else if (name == u"IntervalBlock") {
            entry.kind = Entry::IntervalBlocks;
            readIntervalBlock(entry);
        } else if (name == u"UsagePoint") {
            entry.kind = Entry::UsagePoint;
            readUsagePoint(entry);
        } else if (name == u"MeterReading") {
            entry.kind = Entry::MeterReading;
            skipElement();
        } else if (name == u"ReadingType") {
            entry.kind = Entry::ReadingType;
            readReadingType(entry);
        } else if (name == u"LocalTimeParameters") {
            entry.kind = Entry::LocalTimeParameters;
            readLocalTime(entry);
        } else if (name == u"UsageSummary" || name == u"ElectricPowerUsageSummary") {
            entry.kind = Entry::UsageSummary;
            readSummary(entry, name == u"UsageSummary" ? QStringView(u"UsageSummary")
                                                       : QStringView(u"ElectricPowerUsageSummary"));
        } else {
            skipElement(); // other ESPI resources (quality summaries, customer data) carry no readings
        }
    });
}

void Run::readUsagePoint(Entry &entry)
{
    push(u"UsagePoint");
    children([&] {
        if (isEspi(u"ServiceCategory")) {
            push(u"ServiceCategory");
            children([&] {
                if (isEspi(u"kind"))
                    entry.serviceKind = readInteger(u"kind", 0, 65535);
                else
                    skipElement();
            });
            pop();
        } else {
            skipElement();
        }
    });
    pop();
}

void Run::readReadingType(Entry &entry)
{
    push(u"ReadingType");
    ReadingTypeInfo &rt = entry.readingType;
    struct Field {
        QStringView name;
        std::optional<qint64> ReadingTypeInfo::*member;
        qint64 min, max;
    };
    static const Field fields[] = {
        {u"accumulationBehaviour", &ReadingTypeInfo::accumulation, 0, 65535},
        {u"commodity", &ReadingTypeInfo::commodity, 0, 65535},
        {u"defaultQuality", &ReadingTypeInfo::defaultQuality, 0, 65535},
        {u"flowDirection", &ReadingTypeInfo::flow, 0, 65535},
        {u"intervalLength", &ReadingTypeInfo::intervalLength, 0, 4'294'967'295LL},
        {u"kind", &ReadingTypeInfo::kind, 0, 65535},
        {u"powerOfTenMultiplier", &ReadingTypeInfo::multiplier, -128, 127},
        {u"uom", &ReadingTypeInfo::uom, 0, 65535},
    };
    children([&] {
        if (isEspiNs(m_xml.namespaceUri())) {
            for (const Field &f : fields) {
                if (m_xml.name() == f.name) {
                    rt.*f.member = readInteger(f.name, f.min, f.max);
                    return;
                }
            }
        }
        skipElement();
    });
    pop();
}

void Run::readLocalTime(Entry &entry)
{
    push(u"LocalTimeParameters");
    bool start = false, end = false, dst = false, tz = false;
    children([&] {
        if (isEspi(u"dstStartRule")) {
            entry.localTime.startRule = readHex32(u"dstStartRule");
            start = true;
        } else if (isEspi(u"dstEndRule")) {
            entry.localTime.endRule = readHex32(u"dstEndRule");
            end = true;
        } else if (isEspi(u"dstOffset")) {
            entry.localTime.dstOffset = readInteger(u"dstOffset", -86400, 86400);
            dst = true;
        } else if (isEspi(u"tzOffset")) {
            entry.localTime.tzOffset = readInteger(u"tzOffset", -86400, 86400);
            tz = true;
        } else {
            skipElement();
        }
    });
    if (!tz)
        fail(Tr::tr("expected <tzOffset> in LocalTimeParameters"));
    if ((start || end || dst) && !(start && end && dst))
        fail(Tr::tr("expected all of <dstStartRule>, <dstEndRule> and <dstOffset>, or none"));
    pop();
}

void Run::readSummary(Entry &entry, QStringView name)
{
    push(name);
    Summary &s = entry.summary;
    s.where = entry.where;
    children([&] {
        if (isEspi(u"billingPeriod")) {
            qint64 start = 0, duration = 0;
            readInterval(u"billingPeriod", &start, &duration);
            s.start = start;
            s.duration = duration;
        } else if (isEspi(u"overallConsumptionLastPeriod")) {
            push(u"overallConsumptionLastPeriod");
            children([&] {
                if (isEspi(u"powerOfTenMultiplier"))
                    s.multiplier = readInteger(u"powerOfTenMultiplier", -128, 127);
                else if (isEspi(u"uom"))
                    s.uom = readInteger(u"uom", 0, 65535);
                else if (isEspi(u"value"))
                    s.value = readInteger(u"value", LLONG_MIN / 10, LLONG_MAX / 10);
                else if (isEspi(u"readingTypeRef"))
                    s.readingTypeRef = normalizeHref(readText(u"readingTypeRef"));
                else
                    skipElement();
            });
            pop();
        } else {
            skipElement();
        }
    });
    pop();
}

void Run::readIntervalBlock(Entry &entry)
{
    ++entry.blocks;
    push(u"IntervalBlock", entry.blocks > 1 ? entry.blocks : 0);
    if (entry.blocks == 1)
        entry.where.line = m_xml.lineNumber();
    qint64 blockStart = 0, blockDuration = 0;
    bool haveInterval = false;
    int index = 0;
    children([&] {
        if (m_xml.name() == u"IntervalReading" && isEspiNs(m_xml.namespaceUri())) {
            readIntervalReading(entry, ++index, haveInterval, blockStart);
        } else if (isEspi(u"interval")) {
            readInterval(u"interval", &blockStart, &blockDuration);
            haveInterval = true;
        } else {
            skipElement();
        }
    });
    pop();
}

void Run::readIntervalReading(Entry &entry, int index, bool haveInterval, qint64 blockStart)
{
    push(u"IntervalReading", index);
    RawReading r;
    bool haveTime = false, haveValue = false;
    std::optional<Quality> quality;
    children([&] {
        const QStringView name = m_xml.name();
        if (!isEspiNs(m_xml.namespaceUri())) {
            skipElement();
        } else if (name == u"timePeriod") {
            qint64 start = 0, duration = 0;
            readInterval(u"timePeriod", &start, &duration);
            r.start = start;
            r.duration = qint32(duration);
            haveTime = true;
        } else if (name == u"value") {
            r.value = readInteger(u"value", LLONG_MIN / 10, LLONG_MAX / 10);
            haveValue = true;
        } else if (name == u"cost") {
            readInteger(u"cost", LLONG_MIN / 10, LLONG_MAX / 10); // money is not stored, but must be valid
        } else if (name == u"ReadingQuality") {
            push(u"ReadingQuality");
            children([&] {
                if (isEspi(u"quality")) {
                    const Quality q = Espi::qualityFromCode(readInteger(u"quality", 0, 65535));
                    quality = quality ? Espi::strongerQuality(*quality, q) : q;
                } else {
                    skipElement();
                }
            });
            pop();
        } else {
            skipElement();
        }
    });
    if (!haveTime) {
        if (!haveInterval)
            fail(Tr::tr("expected a <timePeriod>, or the IntervalBlock's <interval> before its readings"));
        r.start = blockStart;
        r.duration = index - 1;
        r.flags |= Espi::implicitTimeFlag;
    }
    r.flags |= quality ? quint8(*quality) : Espi::unspecifiedQuality;
    if (!haveValue)
        r.flags |= Espi::noValueFlag;
    if (qint64(entry.readings.size()) >= m_maxBuffered)
        fail(Tr::tr("one entry holds more than %1 interval readings, more than the importer buffers")
                 .arg(m_maxBuffered));
    entry.readings.push_back(r);
    pop();
}

void Run::commit(Entry &entry)
{
    if (entry.kind == Entry::None)
        return;
    m_sawEspi = true;
    switch (entry.kind) {
    case Entry::None:
        break;
    case Entry::UsagePoint:
        if (entry.self.isEmpty())
            m_out.failAt(entry.where, Tr::tr("the UsagePoint entry has no <link rel=\"self\">; expected its href to "
                                             "link its meter readings"));
        m_out.addUsagePoint(entry.self, entry.uuid, entry.serviceKind, entry.related, entry.where);
        break;
    case Entry::MeterReading: {
        if (!entry.self.contains(u"/MeterReading"))
            m_out.failAt(entry.where, Tr::tr("the MeterReading entry has no <link rel=\"self\"> naming it; expected "
                                             ".../UsagePoint/{id}/MeterReading/{id}"));
        QString readingType;
        for (const QString &href : std::as_const(entry.related)) {
            if (href.contains(u"/ReadingType"))
                readingType = href;
        }
        if (readingType.isEmpty())
            m_out.failAt(entry.where, Tr::tr("the MeterReading has no <link rel=\"related\"> to its ReadingType"));
        m_out.addMeterReading(entry.self, readingType, entry.where);
        break;
    }
    case Entry::ReadingType:
        if (entry.self.isEmpty())
            m_out.failAt(entry.where, Tr::tr("the ReadingType entry has no <link rel=\"self\">; expected the href its "
                                             "MeterReading links to"));
        entry.readingType.where = entry.where;
        m_out.addReadingType(entry.self, entry.readingType);
        break;
    case Entry::LocalTimeParameters:
        m_out.addLocalTime(entry.self, entry.localTime);
        break;
    case Entry::UsageSummary: {
        const QString &key = entry.up.isEmpty() ? entry.self : entry.up;
        qsizetype at = key.lastIndexOf(u"/UsageSummary");
        if (at < 0)
            at = key.lastIndexOf(u"/ElectricPowerUsageSummary");
        if (at <= 0)
            m_out.failAt(entry.where, Tr::tr("the summary has no <link rel=\"up\"> to "
                                             ".../UsagePoint/{id}/UsageSummary"));
        entry.summary.usagePointKey = key.left(at);
        m_out.addSummary(entry.summary);
        break;
    }
    case Entry::IntervalBlocks: {
        QString key;
        if (entry.up.endsWith(u"/IntervalBlock"))
            key = entry.up.chopped(14);
        else if (entry.self.contains(u"/IntervalBlock"))
            key = entry.self.left(entry.self.lastIndexOf(u"/IntervalBlock"));
        entry.where.block = 1;
        if (!key.contains(u"/MeterReading/"))
            m_out.failAt(entry.where, Tr::tr("the IntervalBlock has no <link rel=\"up\"> to "
                                             ".../UsagePoint/{id}/MeterReading/{id}/IntervalBlock"));
        m_out.addIntervalBlocks(key, entry.readings, entry.where);
        break;
    }
    }
}

} // namespace

GreenButtonParser::GreenButtonParser(qint64 maxFileBytes, qint64 maxBufferedReadings)
    : m_maxFileBytes(maxFileBytes), m_maxBufferedReadings(maxBufferedReadings)
{
}

QString GreenButtonParser::key() const
{
    return QStringLiteral("greenbutton-xml");
}

QString GreenButtonParser::displayName() const
{
    return Tr::tr("Green Button XML (ESPI)");
}

bool GreenButtonParser::probe(const QByteArray &head) const
{
    QByteArray text = head;
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF")) {
        QStringDecoder decoder(head.startsWith("\xFF\xFE") ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        text = QString(decoder(head.mid(2))).toUtf8();
    }
    // Some exports put the ESPI resources in the feed's default Atom namespace, so the ESPI
    // namespace itself may be absent: an ESPI resource name in an Atom feed is enough.
    const bool espi = text.contains("http://naesb.org/espi") || text.contains("UsagePoint")
                      || text.contains("IntervalBlock") || text.contains("MeterReading")
                      || text.contains("ReadingType");
    return espi && text.contains("http://www.w3.org/2005/Atom") && text.contains("feed");
}

void GreenButtonParser::parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
{
    if (!in.isSequential() && in.size() - in.pos() > m_maxFileBytes)
        throw ImportError(context.fileName, QString(),
                          Tr::tr("the file has %1 bytes, more than the import limit of %2 bytes")
                              .arg(in.size() - in.pos()).arg(m_maxFileBytes));
    CappedDevice capped(in, m_maxFileBytes);
    Run run(capped, context, sink, m_maxBufferedReadings, capped);
    run.run();
}

} // namespace Ud::Metering
