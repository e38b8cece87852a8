#include "halfhourlycsvparser.h"

#include "csvlinereader.h"
#include "csvnumbers.h"
#include "csvseriesset.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>

namespace Ud::Metering {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::HalfHourlyCsvParser)
};

QString text(QByteArrayView field) { return QString::fromUtf8(field.first(qMin<qsizetype>(field.size(), 60))); }

QByteArray lowerName(QByteArrayView field)
{
    QByteArray out = CsvNumbers::trimmed(field).toByteArray().toLower();
    return out.simplified();
}

struct Header {
    int consumption = -1;
    int start = -1;
    int end = -1;
    int serial = -1;       ///< meter serial number column
    int supplyPoint = -1;  ///< MPAN (electricity) or MPRN (gas) column
    bool gasSupplyPoint = false;
    UnitFactor factor;
    ChannelUnit unit = ChannelUnit::WattHour;
    Commodity commodity = Commodity::Electricity;
    QString unitName;
    int fieldCount = 0;
};

enum class HeaderResult { Ok, NotHeader, UnknownUnit };

/// Reads "Consumption (kWh), Estimated Cost Inc. Tax (p), Start, End" and its kin. Columns it
/// does not know (costs, tariffs) are ignored.
HeaderResult readHeader(const CsvFieldList &fields, Header &h)
{
    h = Header();
    h.fieldCount = int(fields.size());
    QByteArray unit;
    for (int i = 0; i < int(fields.size()); ++i) {
        const QByteArray name = lowerName(fields.at(i));
        int *slot = nullptr;
        if (name == "consumption" || name.startsWith("consumption (")) {
            slot = &h.consumption;
            if (name.endsWith(')'))
                unit = name.sliced(13, name.size() - 14).trimmed();
        } else if (name == "start" || name == "start time" || name == "interval start" || name == "read start") {
            slot = &h.start;
        } else if (name == "end" || name == "end time" || name == "interval end" || name == "read end") {
            slot = &h.end;
        } else if (name == "meter" || name == "meter serial" || name == "meter serial number" || name == "serial"
                   || name == "serial number" || name == "meter number") {
            slot = &h.serial;
        } else if (name == "mpan" || name == "mprn" || name == "mpxn") {
            slot = &h.supplyPoint;
            h.gasSupplyPoint = name == "mprn";
        }
        if (slot) {
            if (*slot >= 0)
                return HeaderResult::NotHeader;
            *slot = i;
        }
    }
    if (h.consumption < 0 || h.start < 0 || h.end < 0)
        return HeaderResult::NotHeader;
    if (unit.isEmpty() || unit == "kwh") {
        h.factor = {1, 3};
        h.unitName = QStringLiteral("kWh");
    } else if (unit == "wh") {
        h.factor = {1, 0};
        h.unitName = QStringLiteral("Wh");
    } else if (unit == "m3" || unit == "m\xC2\xB3") {
        h.factor = {1, 3};
        h.unit = ChannelUnit::Litre;
        h.commodity = Commodity::Gas;
        h.unitName = QStringLiteral("m³");
    } else {
        h.unitName = QString::fromUtf8(unit);
        return HeaderResult::UnknownUnit;
    }
    // Gas meters report in kWh too (converted by the supplier); an MPRN column says it is gas.
    if (h.gasSupplyPoint)
        h.commodity = Commodity::Gas;
    return HeaderResult::Ok;
}

class Parser
{
public:
    Parser(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
        : m_context(context), m_reader(in, context.fileName), m_series(sink)
    {
    }

    void run();

private:
    void readHeaderLine();
    void parseLine();
    int keyOf(QByteArrayView serial, QByteArrayView supplyPoint);

    const ParseContext &m_context;
    CsvLineReader m_reader;
    CsvSeriesSet m_series;
    CsvFieldList m_fields;
    Header m_header;
    QString m_defaultKey;
    QByteArray m_lastKeyBytes;
    int m_lastKey = -1;
    QHash<QByteArray, int> m_keyIds;
    QList<QPair<QString, QString>> m_keys; ///< meterKey, altKey
};

void Parser::run()
{
    readHeaderLine();
    while (m_reader.next()) {
        if (CsvNumbers::trimmed(m_reader.line()).isEmpty())
            continue;
        parseLine();
    }
    m_series.flushAll();
}

void Parser::readHeaderLine()
{
    while (m_reader.next()) {
        if (CsvNumbers::trimmed(m_reader.line()).isEmpty())
            continue;
        m_reader.split(m_fields);
        switch (readHeader(m_fields, m_header)) {
        case HeaderResult::Ok:
            break;
        case HeaderResult::NotHeader:
            m_reader.fail(Tr::tr("The header lacks a Consumption, Start or End column; expected a header such as "
                                 "Consumption (kWh), Start, End."));
        case HeaderResult::UnknownUnit:
            m_reader.fail(Tr::tr("The consumption unit \"%1\" is not known; expected kWh, Wh or m3.").arg(m_header.unitName));
        }
        // Without a meter column the file is one meter's: the one named when importing, else the
        // file's name without its extension (suppliers name downloads after the meter or MPAN).
        if (m_header.serial < 0 && m_header.supplyPoint < 0)
            m_defaultKey = !m_context.meterKey.isEmpty() ? m_context.meterKey
                                                         : QFileInfo(m_context.fileName).completeBaseName();
        return;
    }
    throw ImportError(m_reader.fileName(), QString(),
                      Tr::tr("The file is empty; expected a header such as Consumption (kWh), Start, End."));
}

int Parser::keyOf(QByteArrayView serial, QByteArrayView supplyPoint)
{
    QByteArray bytes = serial.toByteArray();
    bytes.append('\n');
    bytes.append(supplyPoint);
    if (m_lastKey >= 0 && bytes == m_lastKeyBytes)
        return m_lastKey;
    m_lastKeyBytes = bytes;
    auto it = m_keyIds.constFind(bytes);
    if (it != m_keyIds.constEnd())
        return m_lastKey = it.value();
    const QString s = QString::fromUtf8(serial), p = QString::fromUtf8(supplyPoint);
    m_keys.append(!s.isEmpty() ? qMakePair(s, p) : qMakePair(p, QString()));
    m_lastKey = int(m_keys.size() - 1);
    m_keyIds.insert(bytes, m_lastKey);
    return m_lastKey;
}

void Parser::parseLine()
{
    m_reader.split(m_fields);
    if (m_fields.size() != m_header.fieldCount)
        m_reader.fail(Tr::tr("Expected %1 fields as in the header, found %2.").arg(m_header.fieldCount).arg(m_fields.size()));
    const QByteArrayView consumption = CsvNumbers::trimmed(m_fields[m_header.consumption]);
    const QByteArrayView start = CsvNumbers::trimmed(m_fields[m_header.start]);
    const QByteArrayView end = CsvNumbers::trimmed(m_fields[m_header.end]);

    SourceReading r;
    r.line = m_reader.lineNumber();
    qint64 endUtc = 0;
    const QString expected = Tr::tr("expected an ISO 8601 date and time with its offset, such as "
                                    "2024-03-31T01:30:00+01:00 or 2024-03-31T00:30:00Z");
    if (!CsvNumbers::parseIsoDateTime(start, r.startUtc))
        m_reader.fail(QStringLiteral("Start"), Tr::tr("\"%1\" is not a start time; %2.").arg(text(start), expected));
    if (!CsvNumbers::parseIsoDateTime(end, endUtc))
        m_reader.fail(QStringLiteral("End"), Tr::tr("\"%1\" is not an end time; %2.").arg(text(end), expected));
    if (endUtc <= r.startUtc)
        m_reader.fail(QStringLiteral("End"), Tr::tr("The end %1 is not after the start %2.").arg(text(end), text(start)));
    if (endUtc - r.startUtc > 86400)
        m_reader.fail(QStringLiteral("End"), Tr::tr("The interval from %1 to %2 is longer than a day.").arg(text(start), text(end)));
    r.durationSecs = qint32(endUtc - r.startUtc);
    if (consumption.isEmpty()) {
        r.quality = Quality::Missing;
    } else if (CsvNumbers::parseDecimal(consumption, m_header.factor, r.value) != CsvNumbers::DecimalResult::Ok) {
        m_reader.fail(QStringLiteral("Consumption"),
                      Tr::tr("\"%1\" is not a number; expected a decimal such as 0.153.").arg(text(consumption)));
    }

    int key = -1;
    if (m_header.serial >= 0 || m_header.supplyPoint >= 0) {
        const QByteArrayView serial = m_header.serial >= 0 ? CsvNumbers::trimmed(m_fields[m_header.serial]) : QByteArrayView();
        const QByteArrayView point =
            m_header.supplyPoint >= 0 ? CsvNumbers::trimmed(m_fields[m_header.supplyPoint]) : QByteArrayView();
        if (serial.isEmpty() && point.isEmpty())
            m_reader.fail(Tr::tr("The line names no meter: its meter serial and MPAN columns are empty."));
        key = keyOf(serial, point);
    }
    const quint64 identity = quint64(key + 1);
    ChannelSeries *series = m_series.find(identity);
    if (!series) {
        ChannelSeries head;
        if (key >= 0) {
            head.meterKey = m_keys.at(key).first;
            head.altKey = m_keys.at(key).second;
        } else {
            head.meterKey = m_defaultKey;
        }
        head.commodity = m_header.commodity;
        head.kind = ChannelKind::Import;
        head.unit = m_header.unit;
        series = m_series.open(identity, head);
    }
    m_series.append(series, r);
}
} // namespace

QString HalfHourlyCsvParser::key() const { return QStringLiteral("halfhourly-csv"); }

QString HalfHourlyCsvParser::displayName() const { return Tr::tr("Supplier half-hourly CSV (Consumption, Start, End)"); }

bool HalfHourlyCsvParser::probe(const QByteArray &head) const
{
    const QList<QByteArrayView> lines = CsvLineReader::headLines(head, 20);
    for (QByteArrayView line : lines) {
        if (CsvNumbers::trimmed(line).isEmpty())
            continue;
        CsvFieldList fields;
        QByteArray scratch;
        if (!CsvLineReader::splitLine(line, fields, scratch))
            return false;
        Header header;
        return readHeader(fields, header) != HeaderResult::NotHeader;
    }
    return false;
}

void HalfHourlyCsvParser::parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
{
    Parser(in, context, sink).run();
}

} // namespace Ud::Metering
