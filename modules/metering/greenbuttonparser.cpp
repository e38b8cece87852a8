#include "greenbuttonparser.h"

#include "espicodes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QStringDecoder>
#include <QTimeZone>
#include <QXmlStreamReader>

#include <climits>
#include <memory>
#include <vector>

namespace Ud::Metering {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

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

/// Where something is in the file, kept small and formatted only for messages.
struct Location {
    qint64 line = 0;
    int entry = 0;
    int block = 0; ///< 1-based IntervalBlock in the entry's content; 0: the entry itself
};

/// One IntervalReading as read, before its ReadingType is known.
struct RawReading {
    qint64 start = 0;
    qint64 value = 0;
    qint32 duration = 0; ///< with implicitTime: the reading's position in its block
    quint8 flags = 0;
};
constexpr quint8 qualityMask = 0x07;      ///< a Quality value, or unspecifiedQuality
constexpr quint8 unspecifiedQuality = 0x07;
constexpr quint8 noValueFlag = 0x08;
constexpr quint8 implicitTimeFlag = 0x10;

struct ReadingTypeInfo {
    std::optional<qint64> accumulation, commodity, flow, uom, multiplier, kind, defaultQuality, intervalLength;
    Location where;
    bool sameAs(const ReadingTypeInfo &o) const
    {
        return accumulation == o.accumulation && commodity == o.commodity && flow == o.flow && uom == o.uom
            && multiplier == o.multiplier && kind == o.kind && defaultQuality == o.defaultQuality
            && intervalLength == o.intervalLength;
    }
};

struct LocalTime {
    qint64 tzOffset = 0;
    qint64 dstOffset = 0;
    quint32 startRule = 0xFFFFFFFFu;
    quint32 endRule = 0xFFFFFFFFu;
};

struct UsagePointInfo {
    QString key;
    QString id;   ///< last segment of the self href: the meterKey
    QString uuid; ///< from atom:id: the altKey
    std::optional<qint64> serviceKind;
    QString localTimeHref;
    Location where;
    qint64 firstStart = LLONG_MAX;
    qint64 lastStart = LLONG_MIN;
};

struct Summary {
    QString usagePointKey;
    QString readingTypeRef;
    std::optional<qint64> start, duration, uom, multiplier, value;
    Location where;
};

struct Channel {
    QString key;           ///< the MeterReading's href
    QString usagePointKey;
    int order = 0;
    bool haveMeterReading = false;
    QString readingTypeHref;
    bool hasBlocks = false;
    Location firstBlock;

    bool resolved = false;
    UsagePointInfo *usagePoint = nullptr;
    std::optional<Espi::Scale> scale;
    Quality defaultQuality = Quality::Actual;
    qint32 intervalSecs = 0;
    bool cumulative = false;
    ChannelKind kind = ChannelKind::Import;
    Commodity commodity = Commodity::Electricity;

    QList<SourceReading> readings; ///< the chunk being filled
    Location chunkWhere;
    std::vector<RawReading> pending;
    Location pendingWhere;
    QList<PeriodTotal> totals;
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

/// The last `segments` path segments ("UsagePoint/01"), the fallback key when feeds spell the
/// same resource with different prefixes.
QString tailOf(const QString &key, int segments)
{
    qsizetype at = key.size();
    for (int i = 0; i < segments; ++i) {
        at = key.lastIndexOf(u'/', at - 1);
        if (at < 0)
            return key;
    }
    return key.mid(at + 1);
}

QString lastSegment(const QString &key)
{
    return key.mid(key.lastIndexOf(u'/') + 1);
}

/// A map of resources by href that also finds a resource by its tail when that is unique.
template<typename T>
class HrefMap
{
public:
    explicit HrefMap(int tailSegments) : m_tailSegments(tailSegments) {}
    T *find(const QString &key)
    {
        auto it = m_items.find(key);
        if (it != m_items.end())
            return it->get();
        const auto tail = m_tails.constFind(tailOf(key, m_tailSegments));
        if (tail == m_tails.constEnd() || tail->isEmpty())
            return nullptr;
        return m_items.value(*tail).get();
    }
    T *insert(const QString &key)
    {
        auto &slot = m_items[key];
        if (!slot) {
            slot = std::make_shared<T>();
            const QString tail = tailOf(key, m_tailSegments);
            const auto existing = m_tails.constFind(tail);
            m_tails.insert(tail, existing == m_tails.constEnd() ? key : QString());
        }
        return slot.get();
    }
    qsizetype size() const { return m_items.size(); }
    T *only() { return m_items.size() == 1 ? m_items.begin()->get() : nullptr; }

private:
    int m_tailSegments;
    QHash<QString, std::shared_ptr<T>> m_items;
    QHash<QString, QString> m_tails;
};

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
        : m_xml(&device), m_context(context), m_sink(sink), m_maxBuffered(maxBuffered), m_capped(capped)
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
    [[noreturn]] void failAt(const Location &where, const QString &reason) const;
    QString whereNow() const;
    QString format(const Location &where) const;
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

    // --- channels ----------------------------------------------------------------------------
    Channel *channel(const QString &key);
    void tryResolve(Channel &ch);
    void resolve(Channel &ch, UsagePointInfo &up, const ReadingTypeInfo &rt);
    void append(Channel &ch, const RawReading *begin, const RawReading *end, const Location &where);
    void emitChunk(Channel &ch, bool last);
    QString hintFor(const UsagePointInfo &up, const QList<PeriodTotal> &totals);
    void finish();
    void attachSummary(const Summary &summary);

    QXmlStreamReader m_xml;
    const ParseContext &m_context;
    const ReadingSink &m_sink;
    const qint64 m_maxBuffered;
    const CappedDevice &m_capped;
    std::vector<PathPart> m_path;
    int m_depth = 0;
    int m_entries = 0;
    bool m_rootIsEntry = false;
    bool m_sawEspi = false;

    HrefMap<UsagePointInfo> m_usagePoints{2};
    HrefMap<ReadingTypeInfo> m_readingTypes{2};
    HrefMap<LocalTime> m_localTimes{2};
    HrefMap<Channel> m_channels{4};
    std::vector<Channel *> m_channelOrder;
    std::vector<Summary> m_summaries;
    qint64 m_pendingTotal = 0;
    qint64 m_unflushed = 0;
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

QString Run::format(const Location &where) const
{
    if (where.entry == 0)
        return Tr::tr("line %1").arg(where.line);
    const QString entry = m_rootIsEntry ? QStringLiteral("entry") : QStringLiteral("feed/entry[%1]").arg(where.entry);
    if (where.block == 0)
        return Tr::tr("line %1, %2").arg(where.line).arg(entry);
    const QString block = where.block > 1 ? QStringLiteral("IntervalBlock[%1]").arg(where.block)
                                          : QStringLiteral("IntervalBlock");
    return Tr::tr("line %1, %2/content/%3").arg(where.line).arg(entry, block);
}

void Run::fail(const QString &reason) const
{
    throw ImportError(m_context.fileName, whereNow(), reason);
}

void Run::failAt(const Location &where, const QString &reason) const
{
    throw ImportError(m_context.fileName, format(where), reason);
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
        readEntry();
    } else {
        fail(Tr::tr("expected an Atom <feed> (namespace %1) as the document element, found <%2>")
                 .arg(Espi::atomNamespace, m_xml.qualifiedName()));
    }
    while (next() != QXmlStreamReader::EndDocument) {
        // comments and processing instructions may follow; more elements are not well formed
    }
    finish();
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
        r.flags |= implicitTimeFlag;
    }
    r.flags |= quality ? quint8(*quality) : unspecifiedQuality;
    if (!haveValue)
        r.flags |= noValueFlag;
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
    case Entry::UsagePoint: {
        if (entry.self.isEmpty())
            failAt(entry.where, Tr::tr("the UsagePoint entry has no <link rel=\"self\">; expected its href to link "
                                       "its meter readings"));
        if (entry.serviceKind && !Espi::commodityFromServiceKind(*entry.serviceKind))
            failAt(entry.where, Tr::tr("the usage point's ServiceCategory kind is %1; expected 0 (electricity), "
                                       "1 (gas) or 2 (water)").arg(*entry.serviceKind));
        const bool known = m_usagePoints.find(entry.self) != nullptr;
        UsagePointInfo *up = m_usagePoints.insert(entry.self);
        if (known && up->serviceKind != entry.serviceKind)
            failAt(entry.where, Tr::tr("the usage point %1 is described twice, differently").arg(entry.self));
        up->key = entry.self;
        up->id = lastSegment(entry.self);
        up->uuid = entry.uuid;
        up->serviceKind = entry.serviceKind;
        up->where = entry.where;
        for (const QString &href : std::as_const(entry.related)) {
            if (href.contains(u"/LocalTimeParameters"))
                up->localTimeHref = href;
        }
        for (Channel *ch : m_channelOrder) {
            if (!ch->resolved && m_usagePoints.find(ch->usagePointKey) == up)
                tryResolve(*ch);
        }
        break;
    }
    case Entry::MeterReading: {
        if (entry.self.isEmpty() || !entry.self.contains(u"/MeterReading"))
            failAt(entry.where, Tr::tr("the MeterReading entry has no <link rel=\"self\"> naming it; expected "
                                       ".../UsagePoint/{id}/MeterReading/{id}"));
        QString readingType;
        for (const QString &href : std::as_const(entry.related)) {
            if (href.contains(u"/ReadingType"))
                readingType = href;
        }
        if (readingType.isEmpty())
            failAt(entry.where, Tr::tr("the MeterReading has no <link rel=\"related\"> to its ReadingType"));
        Channel *ch = channel(entry.self);
        if (ch->haveMeterReading && ch->readingTypeHref != readingType)
            failAt(entry.where, Tr::tr("the MeterReading %1 is described twice, differently").arg(entry.self));
        ch->haveMeterReading = true;
        ch->readingTypeHref = readingType;
        tryResolve(*ch);
        break;
    }
    case Entry::ReadingType: {
        if (entry.self.isEmpty())
            failAt(entry.where, Tr::tr("the ReadingType entry has no <link rel=\"self\">; expected the href its "
                                       "MeterReading links to"));
        const bool known = m_readingTypes.find(entry.self) != nullptr;
        ReadingTypeInfo *rt = m_readingTypes.insert(entry.self);
        if (known && !rt->sameAs(entry.readingType))
            failAt(entry.where, Tr::tr("the ReadingType %1 is described twice, differently").arg(entry.self));
        *rt = entry.readingType;
        rt->where = entry.where;
        for (Channel *ch : m_channelOrder) {
            if (!ch->resolved && ch->haveMeterReading && m_readingTypes.find(ch->readingTypeHref) == rt)
                tryResolve(*ch);
        }
        break;
    }
    case Entry::LocalTimeParameters:
        *m_localTimes.insert(entry.self) = entry.localTime;
        break;
    case Entry::UsageSummary: {
        QString key = entry.up.isEmpty() ? entry.self : entry.up;
        const qsizetype at = key.lastIndexOf(u"/UsageSummary") >= 0 ? key.lastIndexOf(u"/UsageSummary")
                                                                    : key.lastIndexOf(u"/ElectricPowerUsageSummary");
        if (at <= 0)
            failAt(entry.where, Tr::tr("the summary has no <link rel=\"up\"> to .../UsagePoint/{id}/UsageSummary"));
        entry.summary.usagePointKey = key.left(at);
        m_summaries.push_back(entry.summary);
        break;
    }
    case Entry::IntervalBlocks: {
        QString key;
        if (entry.up.endsWith(u"/IntervalBlock"))
            key = entry.up.chopped(14);
        else if (entry.self.contains(u"/IntervalBlock"))
            key = entry.self.left(entry.self.lastIndexOf(u"/IntervalBlock"));
        if (!key.contains(u"/MeterReading/"))
            failAt(entry.where, Tr::tr("the IntervalBlock has no <link rel=\"up\"> to "
                                       ".../UsagePoint/{id}/MeterReading/{id}/IntervalBlock"));
        entry.where.block = 1;
        Channel *ch = channel(key);
        if (!ch->hasBlocks) {
            ch->hasBlocks = true;
            ch->firstBlock = entry.where;
            tryResolve(*ch);
        }
        if (entry.readings.empty())
            break;
        if (ch->resolved) {
            append(*ch, entry.readings.data(), entry.readings.data() + entry.readings.size(), entry.where);
        } else {
            m_pendingTotal += qint64(entry.readings.size());
            if (m_pendingTotal > m_maxBuffered)
                failAt(entry.where, Tr::tr("more than %1 interval readings come before the MeterReading, ReadingType "
                                           "or UsagePoint they belong to; expected those entries earlier")
                                        .arg(m_maxBuffered));
            if (ch->pending.empty())
                ch->pendingWhere = entry.where;
            ch->pending.insert(ch->pending.end(), entry.readings.begin(), entry.readings.end());
        }
        break;
    }
    }
}

// ---------------------------------------------------------------------------------------------
// Channels

Channel *Run::channel(const QString &key)
{
    Channel *ch = m_channels.find(key);
    if (ch)
        return ch;
    ch = m_channels.insert(key);
    ch->key = key;
    ch->usagePointKey = key.left(key.lastIndexOf(u"/MeterReading"));
    ch->order = int(m_channelOrder.size());
    m_channelOrder.push_back(ch);
    return ch;
}

void Run::tryResolve(Channel &ch)
{
    if (ch.resolved || !ch.hasBlocks || !ch.haveMeterReading)
        return;
    UsagePointInfo *up = m_usagePoints.find(ch.usagePointKey);
    const ReadingTypeInfo *rt = m_readingTypes.find(ch.readingTypeHref);
    if (!up || !rt)
        return;
    resolve(ch, *up, *rt);
}

void Run::resolve(Channel &ch, UsagePointInfo &up, const ReadingTypeInfo &rt)
{
    const Location &at = rt.where;
    if (!rt.uom)
        failAt(at, Tr::tr("the ReadingType has no <uom>; expected the unit of its readings"));
    Espi::Scale::Problem problem = Espi::Scale::Problem::None;
    ch.scale = Espi::Scale::make(*rt.uom, rt.multiplier.value_or(0), &problem);
    const QString symbol = Espi::uomSymbol(*rt.uom);
    const QString unitName = symbol.isEmpty() ? QString::number(*rt.uom)
                                              : QStringLiteral("%1 (%2)").arg(*rt.uom).arg(symbol);
    switch (problem) {
    case Espi::Scale::Problem::None:
        break;
    case Espi::Scale::Problem::Power:
        failAt(at, Tr::tr("the unit of measure %1 is a power or flow rate; expected energy or volume "
                          "(Wh, VArh, therm, Btu, m³, ft³, L, gallons)").arg(unitName));
    case Espi::Scale::Problem::NotEnergyOrVolume:
        failAt(at, Tr::tr("the unit of measure %1 is not an energy or volume unit; expected Wh (72), VArh (73), "
                          "therm (169), Btu (132), m³ (42), ft³ (119), L (134) or US gallons (128)").arg(unitName));
    case Espi::Scale::Problem::Multiplier:
        failAt(at, Tr::tr("the powerOfTenMultiplier %1 is outside -12 to 12").arg(rt.multiplier.value_or(0)));
    }
    if (rt.kind && *rt.kind != 0 && *rt.kind != 12 && *rt.kind != 58)
        failAt(at, Tr::tr("the ReadingType kind %1 is not energy (12) or volume (58)").arg(*rt.kind));

    const auto accumulation = Espi::accumulationFromCode(rt.accumulation.value_or(4));
    if (!accumulation)
        failAt(at, Tr::tr("the accumulationBehaviour %1 is not interval data; expected 4 (deltaData) or a register: "
                          "1 (bulkQuantity), 3 (cumulative) or 9 (summation)").arg(*rt.accumulation));
    const auto flow = Espi::flowFromCode(rt.flow.value_or(1));
    if (!flow)
        failAt(at, Tr::tr("the flowDirection %1 is not a consumption channel; expected 1 (forward, delivered), "
                          "19 (reverse, received) or 4 (net)").arg(*rt.flow));

    std::optional<Commodity> commodity;
    if (up.serviceKind)
        commodity = Espi::commodityFromServiceKind(*up.serviceKind);
    else if (rt.commodity)
        commodity = Espi::commodityFromReadingType(*rt.commodity);
    if (!commodity)
        failAt(up.where, Tr::tr("the usage point has no ServiceCategory kind and its ReadingType no known commodity; "
                                "expected electricity, gas or water"));
    if (*commodity == Commodity::Electricity && ch.scale->isVolume())
        failAt(at, Tr::tr("the unit of measure %1 is a volume, but the usage point is electricity").arg(unitName));
    if (*commodity == Commodity::Water && !ch.scale->isVolume())
        failAt(at, Tr::tr("the unit of measure %1 is not a volume, but the usage point is water").arg(unitName));
    if (*commodity != Commodity::Electricity && ch.scale->isReactive())
        failAt(at, Tr::tr("the unit of measure %1 is reactive energy, but the usage point is not electricity")
                       .arg(unitName));
    if (ch.scale->isReactive() && *flow == Espi::Flow::Reverse)
        failAt(at, Tr::tr("reverse reactive energy is not imported; a meter has one reactive channel"));
    if (rt.intervalLength && *rt.intervalLength > INT_MAX)
        failAt(at, Tr::tr("the intervalLength %1 is longer than a channel interval can be").arg(*rt.intervalLength));

    ch.usagePoint = &up;
    ch.commodity = *commodity;
    ch.cumulative = *accumulation == Espi::Accumulation::Cumulative;
    ch.kind = ch.scale->isReactive() ? ChannelKind::Reactive
            : *flow == Espi::Flow::Reverse ? ChannelKind::Export : ChannelKind::Import;
    ch.intervalSecs = qint32(rt.intervalLength.value_or(0));
    ch.defaultQuality = rt.defaultQuality ? Espi::qualityFromCode(*rt.defaultQuality) : Quality::Actual;
    ch.resolved = true;

    if (!ch.pending.empty()) {
        std::vector<RawReading> pending;
        pending.swap(ch.pending);
        m_pendingTotal -= qint64(pending.size());
        append(ch, pending.data(), pending.data() + pending.size(), ch.pendingWhere);
    }
}

void Run::append(Channel &ch, const RawReading *begin, const RawReading *end, const Location &where)
{
    UsagePointInfo &up = *ch.usagePoint;
    for (const RawReading *r = begin; r != end; ++r) {
        if (ch.readings.isEmpty()) {
            ch.chunkWhere = where;
            ch.readings.reserve(qMin<qsizetype>(GreenButtonParser::chunkReadings, qsizetype(end - r)));
        }
        SourceReading s;
        if (r->flags & implicitTimeFlag) {
            if (ch.intervalSecs <= 0)
                failAt(where, Tr::tr("an IntervalReading has no timePeriod and its ReadingType no intervalLength; "
                                     "expected one of them"));
            s.startUtc = r->start + qint64(r->duration) * ch.intervalSecs;
            s.durationSecs = ch.intervalSecs;
        } else {
            s.startUtc = r->start;
            s.durationSecs = r->duration;
        }
        if (r->flags & noValueFlag) {
            s.quality = Quality::Missing;
        } else {
            if (!ch.scale->convert(r->value, &s.value))
                failAt(where, Tr::tr("the value %1 is outside the range ESPI allows (Int48) or too large in the base "
                                     "unit").arg(r->value));
            const quint8 q = r->flags & qualityMask;
            s.quality = q == unspecifiedQuality ? ch.defaultQuality : Quality(q);
        }
        up.firstStart = qMin(up.firstStart, s.startUtc);
        up.lastStart = qMax(up.lastStart, s.startUtc);
        ch.readings.append(s);
        ++m_unflushed;
        if (ch.readings.size() >= GreenButtonParser::chunkReadings)
            emitChunk(ch, false);
    }
    // Interleaved channels must not pile up unbounded partial chunks.
    if (m_unflushed > 4 * GreenButtonParser::chunkReadings) {
        for (Channel *other : m_channelOrder) {
            if (!other->readings.isEmpty())
                emitChunk(*other, false);
        }
    }
}

QString Run::hintFor(const UsagePointInfo &up, const QList<PeriodTotal> &totals)
{
    const LocalTime *lt = up.localTimeHref.isEmpty() ? nullptr : m_localTimes.find(up.localTimeHref);
    if (!lt)
        lt = m_localTimes.only();
    if (!lt)
        return {};
    qint64 first = up.firstStart, last = up.lastStart;
    for (const PeriodTotal &t : totals) {
        first = qMin(first, t.startUtc);
        last = qMax(last, t.startUtc);
    }
    if (first > last)
        return {};
    const int firstYear = QDateTime::fromSecsSinceEpoch(first, QTimeZone::utc()).date().year();
    const int lastYear = QDateTime::fromSecsSinceEpoch(last, QTimeZone::utc()).date().year();
    return Espi::timeZoneFor(lt->tzOffset, lt->dstOffset, lt->startRule, lt->endRule, firstYear, lastYear);
}

void Run::emitChunk(Channel &ch, bool last)
{
    ChannelSeries series;
    const UsagePointInfo &up = *ch.usagePoint;
    series.meterKey = up.id.isEmpty() ? up.uuid : up.id;
    series.altKey = up.id.isEmpty() ? QString() : up.uuid;
    series.commodity = ch.commodity;
    series.kind = ch.kind;
    series.unit = ch.scale->unit();
    series.intervalSecs = ch.intervalSecs;
    series.cumulative = ch.cumulative;
    series.timeZoneHint = hintFor(up, last ? ch.totals : QList<PeriodTotal>());
    series.location = format(ch.readings.isEmpty() ? ch.firstBlock : ch.chunkWhere);
    m_unflushed -= ch.readings.size();
    series.readings = std::move(ch.readings);
    ch.readings = QList<SourceReading>();
    if (last)
        series.periodTotals = ch.totals;
    m_sink(std::move(series));
}

void Run::attachSummary(const Summary &s)
{
    if (!s.value || !s.start || !s.duration)
        return; // a summary of bill amounts only, or without its billing period: nothing to check
    UsagePointInfo *up = m_usagePoints.find(s.usagePointKey);
    if (!up)
        failAt(s.where, Tr::tr("the summary belongs to the usage point %1, which the file does not contain")
                            .arg(s.usagePointKey));
    std::optional<ChannelUnit> unit;
    if (s.uom) {
        Espi::Scale::Problem problem;
        const auto scale = Espi::Scale::make(*s.uom, 0, &problem);
        if (!scale)
            failAt(s.where, Tr::tr("the summary's unit of measure %1 is not an energy or volume unit").arg(*s.uom));
        unit = scale->unit();
    }
    Channel *target = nullptr;
    for (Channel *ch : m_channelOrder) {
        if (!ch->haveMeterReading || m_usagePoints.find(ch->usagePointKey) != up)
            continue;
        if (!s.readingTypeRef.isEmpty()) {
            if (m_readingTypes.find(ch->readingTypeHref) == m_readingTypes.find(s.readingTypeRef)) {
                target = ch;
                break;
            }
        } else if (ch->resolved && ch->kind == ChannelKind::Import && (!unit || *unit == ch->scale->unit())) {
            target = ch;
            break;
        }
    }
    if (target && !target->resolved) {
        const ReadingTypeInfo *rt = m_readingTypes.find(target->readingTypeHref);
        if (!rt)
            failAt(s.where, Tr::tr("the summary's ReadingType %1 is not in the file").arg(target->readingTypeHref));
        target->hasBlocks = true;
        target->firstBlock = s.where;
        resolve(*target, *up, *rt);
    }
    if (!target) {
        if (!s.uom)
            return; // no unit and no channel to take one from: the total cannot be placed
        target = channel(s.usagePointKey + QStringLiteral("/MeterReading/UsageSummary"));
        if (!target->resolved) {
            ReadingTypeInfo rt;
            rt.uom = s.uom;
            rt.where = s.where;
            target->hasBlocks = true;
            target->haveMeterReading = true;
            target->firstBlock = s.where;
            resolve(*target, *up, rt);
        }
    }
    qint64 uom = s.uom.value_or(-1);
    if (!s.uom) {
        const ReadingTypeInfo *rt = m_readingTypes.find(target->readingTypeHref);
        uom = rt ? rt->uom.value_or(-1) : -1;
    }
    Espi::Scale::Problem problem;
    const auto scale = Espi::Scale::make(uom, s.multiplier.value_or(0), &problem);
    if (!scale || scale->unit() != target->scale->unit())
        failAt(s.where, Tr::tr("the summary's unit of measure %1 does not match its channel; expected %2")
                            .arg(uom).arg(Accounts::channelUnitKey(target->scale->unit())));
    PeriodTotal total;
    total.startUtc = *s.start;
    total.durationSecs = *s.duration;
    if (!scale->convert(*s.value, &total.value))
        failAt(s.where, Tr::tr("the summary value %1 is outside the range ESPI allows").arg(*s.value));
    target->totals.append(total);
}

void Run::finish()
{
    if (!m_sawEspi)
        fail(Tr::tr("the feed holds no Green Button data; expected entries with ESPI content (namespace %1)")
                 .arg(Espi::espiNamespace));
    for (Channel *ch : m_channelOrder) {
        if (!ch->hasBlocks || ch->resolved)
            continue;
        if (!ch->haveMeterReading)
            failAt(ch->firstBlock, Tr::tr("the IntervalBlock belongs to the MeterReading %1, which the file does not "
                                          "contain").arg(ch->key));
        if (!m_readingTypes.find(ch->readingTypeHref))
            failAt(ch->firstBlock, Tr::tr("the MeterReading %1 refers to the ReadingType %2, which the file does not "
                                          "contain; expected its unit and multiplier").arg(ch->key, ch->readingTypeHref));
        failAt(ch->firstBlock, Tr::tr("the IntervalBlock belongs to the usage point %1, which the file does not contain")
                                   .arg(ch->usagePointKey));
    }
    for (const Summary &s : m_summaries)
        attachSummary(s);
    QHash<QString, QString> keys;
    for (Channel *ch : m_channelOrder) {
        if (!ch->resolved)
            continue;
        const QString meterKey = ch->usagePoint->id;
        const auto seen = keys.constFind(meterKey);
        if (seen != keys.constEnd() && *seen != ch->usagePoint->key)
            failAt(ch->firstBlock, Tr::tr("the usage points %1 and %2 have the same id %3, so their meters cannot be told "
                                          "apart").arg(*seen, ch->usagePoint->key, meterKey));
        keys.insert(meterKey, ch->usagePoint->key);
    }
    for (Channel *ch : m_channelOrder) {
        if (ch->resolved && (!ch->readings.isEmpty() || !ch->totals.isEmpty()))
            emitChunk(*ch, true);
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
    return text.contains("http://naesb.org/espi") && text.contains("http://www.w3.org/2005/Atom")
        && text.contains("feed");
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
