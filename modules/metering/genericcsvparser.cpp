#include "genericcsvparser.h"

#include "csvlinereader.h"
#include "csvnumbers.h"
#include "csvseriesset.h"

#include <QCoreApplication>
#include <QHash>

#include <cstring>

namespace Ud::Metering {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::GenericCsvParser)
};

enum Column { MeterId, Timestamp, Value, Unit, QualityCode, Channel, IntervalMinutes, CommodityName, ColumnCount };

constexpr const char *ColumnNames[ColumnCount] = {"meter_id", "timestamp", "value", "unit", "quality",
                                                  "channel", "interval_minutes", "commodity"};
constexpr int RequiredColumns = 5; // the first five above

/// What a unit measures, which decides the commodities and channels it may belong to.
enum class UnitClass { Energy, Reactive, Volume, GasEnergy };

struct UnitSpec {
    const char *spelling;
    UnitFactor factor;
    UnitClass unitClass;
};

// 1 ft³ = 0.028316846592 m³ exactly (1 ft = 0.3048 m). 1 therm = 105.5056 MJ (the EC therm,
// 105,505,585.257 J) = 29,307.107 Wh.
constexpr UnitSpec Units[] = {
    {"Wh", {1, 0}, UnitClass::Energy},
    {"kWh", {1, 3}, UnitClass::Energy},
    {"MWh", {1, 6}, UnitClass::Energy},
    {"varh", {1, 0}, UnitClass::Reactive},
    {"VArh", {1, 0}, UnitClass::Reactive},
    {"kvarh", {1, 3}, UnitClass::Reactive},
    {"kVArh", {1, 3}, UnitClass::Reactive},
    {"kVarh", {1, 3}, UnitClass::Reactive},
    {"L", {1, 0}, UnitClass::Volume},
    {"l", {1, 0}, UnitClass::Volume},
    {"m3", {1, 3}, UnitClass::Volume},
    {"m\xC2\xB3", {1, 3}, UnitClass::Volume},
    {"ft3", {28316846592, -9}, UnitClass::Volume},
    {"ft\xC2\xB3", {28316846592, -9}, UnitClass::Volume},
    {"therm", {29307107, -3}, UnitClass::GasEnergy},
    {"therms", {29307107, -3}, UnitClass::GasEnergy},
};
constexpr int UnitCount = int(sizeof(Units) / sizeof(Units[0]));

QString acceptedUnits() { return QStringLiteral("Wh, kWh, MWh, varh, kvarh, L, m3, ft3, therm"); }

bool equalsAsciiLower(QByteArrayView text, const char *lower)
{
    const qsizetype n = qsizetype(std::strlen(lower));
    if (text.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

QString shown(QByteArrayView field)
{
    QString text = QString::fromUtf8(field.first(qMin<qsizetype>(field.size(), 60)));
    if (field.size() > 60)
        text += QStringLiteral("…");
    return text;
}

/// The column of each header field, or -1 in `unknown` for the first it does not know.
struct Header {
    int index[ColumnCount];
    int fieldCount = 0;
};

enum class HeaderProblem { None, Unknown, Duplicate, Missing };

HeaderProblem readHeader(const CsvFieldList &fields, Header &header, QString &detail)
{
    std::fill(std::begin(header.index), std::end(header.index), -1);
    header.fieldCount = int(fields.size());
    for (int i = 0; i < int(fields.size()); ++i) {
        const QByteArrayView name = CsvNumbers::trimmed(fields.at(i));
        int column = -1;
        for (int c = 0; c < ColumnCount; ++c) {
            if (equalsAsciiLower(name, ColumnNames[c])) {
                column = c;
                break;
            }
        }
        if (column < 0) {
            detail = shown(name);
            return HeaderProblem::Unknown;
        }
        if (header.index[column] >= 0) {
            detail = QString::fromLatin1(ColumnNames[column]);
            return HeaderProblem::Duplicate;
        }
        header.index[column] = i;
    }
    for (int c = 0; c < RequiredColumns; ++c) {
        if (header.index[c] < 0) {
            detail = QString::fromLatin1(ColumnNames[c]);
            return HeaderProblem::Missing;
        }
    }
    return HeaderProblem::None;
}

bool isSkipped(QByteArrayView line) { return line.isEmpty() || line.front() == '#' || CsvNumbers::trimmed(line).isEmpty(); }

/// How the unit, commodity and channel fields of a line resolve; recomputed only when one of
/// them differs from the previous line.
struct Resolved {
    UnitFactor factor;
    Commodity commodity = Commodity::Electricity;
    ChannelKind kind = ChannelKind::Import;
    ChannelUnit unit = ChannelUnit::WattHour;
};

inline bool sameBytes(QByteArrayView a, const QByteArray &b)
{
    // Empty views may have a null data pointer; memcmp's masked loads on one are very slow.
    return a.size() == b.size() && (a.isEmpty() || std::memcmp(a.data(), b.constData(), size_t(a.size())) == 0);
}

class Parser
{
public:
    Parser(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
        : m_reader(in, context.fileName), m_series(sink)
    {
    }

    void run();

private:
    void readHeaderLine();
    void parseLine();
    int meterIdOf(QByteArrayView field);
    void resolve(QByteArrayView unit, QByteArrayView commodity, QByteArrayView channel);
    [[noreturn]] void failColumn(int column, const QString &reason) const
    {
        m_reader.fail(QString::fromLatin1(ColumnNames[column]), reason);
    }

    CsvLineReader m_reader;
    CsvSeriesSet m_series;
    Header m_header;
    CsvFieldList m_fields;

    // Caches of the previous line's values: consecutive lines nearly always repeat them.
    static constexpr int RecentMeters = 8;
    QByteArray m_recentBytes[RecentMeters];
    int m_recentIds[RecentMeters] = {-1, -1, -1, -1, -1, -1, -1, -1};
    int m_recentNext = 0;
    QHash<QByteArray, int> m_meterIds;
    QList<QString> m_meterKeys;
    QByteArray m_lastUnit, m_lastCommodity, m_lastChannel;
    bool m_resolvedValid = false;
    Resolved m_resolved;
    QByteArray m_lastInterval;
    qint32 m_lastDuration = 0;

    quint64 m_currentIdentity = ~quint64(0);
    ChannelSeries *m_current = nullptr;
};

void Parser::run()
{
    readHeaderLine();
    while (m_reader.next()) {
        if (isSkipped(m_reader.line()))
            continue;
        parseLine();
    }
    m_series.flushAll();
}

void Parser::readHeaderLine()
{
    while (m_reader.next()) {
        if (isSkipped(m_reader.line()))
            continue;
        m_reader.split(m_fields);
        QString detail;
        switch (readHeader(m_fields, m_header, detail)) {
        case HeaderProblem::None:
            return;
        case HeaderProblem::Unknown:
            m_reader.fail(Tr::tr("The header has an unknown column \"%1\"; the columns are meter_id, timestamp, "
                                 "value, unit and quality, optionally channel, interval_minutes and commodity.")
                              .arg(detail));
        case HeaderProblem::Duplicate:
            m_reader.fail(Tr::tr("The header names the column %1 twice.").arg(detail));
        case HeaderProblem::Missing:
            m_reader.fail(Tr::tr("The header lacks the column %1; expected meter_id,timestamp,value,unit,quality.")
                              .arg(detail));
        }
    }
    throw ImportError(m_reader.fileName(), QString(),
                      Tr::tr("The file has no header line; expected meter_id,timestamp,value,unit,quality."));
}

int Parser::meterIdOf(QByteArrayView field)
{
    // Most files repeat the meter of the previous line; files that interleave meters cycle
    // through a few. Both are answered from a small ring of recent keys without allocating.
    for (int i = 0; i < RecentMeters; ++i) {
        const int slot = (m_recentNext - 1 - i + RecentMeters) % RecentMeters;
        if (m_recentIds[slot] >= 0 && sameBytes(field, m_recentBytes[slot]))
            return m_recentIds[slot];
    }
    if (field.isEmpty())
        failColumn(MeterId, Tr::tr("The meter id is empty."));
    const QByteArray bytes = field.toByteArray();
    // A file with very many meters must not grow the cache without bound; ids stay unique.
    if (m_meterIds.size() > 100000)
        m_meterIds.clear();
    int id = 0;
    auto it = m_meterIds.constFind(bytes);
    if (it != m_meterIds.constEnd()) {
        id = it.value();
    } else {
        id = int(m_meterKeys.size());
        m_meterKeys.append(QString::fromUtf8(field));
        m_meterIds.insert(bytes, id);
    }
    m_recentBytes[m_recentNext] = bytes;
    m_recentIds[m_recentNext] = id;
    m_recentNext = (m_recentNext + 1) % RecentMeters;
    return id;
}

void Parser::resolve(QByteArrayView unitField, QByteArrayView commodityField, QByteArrayView channelField)
{
    m_resolvedValid = false;
    int unitIndex = -1;
    for (int i = 0; i < UnitCount; ++i) {
        if (unitField == QByteArrayView(Units[i].spelling)) {
            unitIndex = i;
            break;
        }
    }
    if (unitIndex < 0)
        failColumn(Unit, Tr::tr("The unit \"%1\" is not known; expected one of %2.").arg(shown(unitField), acceptedUnits()));
    const UnitSpec &unit = Units[unitIndex];

    Resolved r;
    r.factor = unit.factor;
    const bool commodityGiven = m_header.index[CommodityName] >= 0 && !commodityField.isEmpty();
    if (commodityGiven) {
        if (equalsAsciiLower(commodityField, "electricity"))
            r.commodity = Commodity::Electricity;
        else if (equalsAsciiLower(commodityField, "gas"))
            r.commodity = Commodity::Gas;
        else if (equalsAsciiLower(commodityField, "water"))
            r.commodity = Commodity::Water;
        else
            failColumn(CommodityName, Tr::tr("The commodity \"%1\" is not known; expected electricity, gas or water.")
                                          .arg(shown(commodityField)));
    } else {
        switch (unit.unitClass) {
        case UnitClass::Energy:
        case UnitClass::Reactive: r.commodity = Commodity::Electricity; break;
        case UnitClass::GasEnergy: r.commodity = Commodity::Gas; break;
        case UnitClass::Volume: r.commodity = Commodity::Water; break;
        }
    }
    const QString unitName = QString::fromUtf8(unitField);
    switch (r.commodity) {
    case Commodity::Electricity:
        if (unit.unitClass != UnitClass::Energy && unit.unitClass != UnitClass::Reactive)
            failColumn(Unit, Tr::tr("The unit %1 is not an electricity unit; expected Wh, kWh, MWh, varh or kvarh.")
                                 .arg(unitName));
        break;
    case Commodity::Gas:
        if (unit.unitClass == UnitClass::Reactive)
            failColumn(Unit, Tr::tr("The unit %1 is not a gas unit; expected Wh, kWh, MWh, therm, L, m3 or ft3.")
                                 .arg(unitName));
        break;
    case Commodity::Water:
        if (unit.unitClass != UnitClass::Volume)
            failColumn(Unit, Tr::tr("The unit %1 is not a water unit; expected L, m3 or ft3.").arg(unitName));
        break;
    }
    r.unit = unit.unitClass == UnitClass::Volume ? ChannelUnit::Litre
             : unit.unitClass == UnitClass::Reactive ? ChannelUnit::VarHour
                                                     : ChannelUnit::WattHour;

    const bool channelGiven = m_header.index[Channel] >= 0 && !channelField.isEmpty();
    if (channelGiven) {
        if (equalsAsciiLower(channelField, "import"))
            r.kind = ChannelKind::Import;
        else if (equalsAsciiLower(channelField, "export"))
            r.kind = ChannelKind::Export;
        else if (equalsAsciiLower(channelField, "reactive"))
            r.kind = ChannelKind::Reactive;
        else
            failColumn(Channel, Tr::tr("The channel \"%1\" is not known; expected import, export or reactive.")
                                    .arg(shown(channelField)));
    } else {
        r.kind = unit.unitClass == UnitClass::Reactive ? ChannelKind::Reactive : ChannelKind::Import;
    }
    if ((r.kind == ChannelKind::Reactive) != (unit.unitClass == UnitClass::Reactive))
        failColumn(Unit, r.kind == ChannelKind::Reactive
                             ? Tr::tr("A reactive channel is measured in varh or kvarh, not %1.").arg(unitName)
                             : Tr::tr("The unit %1 is reactive energy; its channel must be reactive.").arg(unitName));
    if (r.commodity != Commodity::Electricity && r.kind != ChannelKind::Import)
        failColumn(Channel, Tr::tr("Gas and water meters have only an import channel."));

    m_resolved = r;
    m_resolvedValid = true;
    m_lastUnit = unitField.toByteArray();
    m_lastCommodity = commodityField.toByteArray();
    m_lastChannel = channelField.toByteArray();
}


void Parser::parseLine()
{
    m_reader.split(m_fields);
    if (m_fields.size() != m_header.fieldCount)
        m_reader.fail(Tr::tr("Expected %1 fields as in the header, found %2; a value that contains a comma must be "
                             "quoted.")
                          .arg(m_header.fieldCount)
                          .arg(m_fields.size()));
    const int *ix = m_header.index;
    const QByteArrayView meter = CsvNumbers::trimmed(m_fields[ix[MeterId]]);
    const QByteArrayView stamp = CsvNumbers::trimmed(m_fields[ix[Timestamp]]);
    const QByteArrayView value = CsvNumbers::trimmed(m_fields[ix[Value]]);
    const QByteArrayView unit = CsvNumbers::trimmed(m_fields[ix[Unit]]);
    const QByteArrayView quality = CsvNumbers::trimmed(m_fields[ix[QualityCode]]);
    const QByteArrayView channel = ix[Channel] >= 0 ? CsvNumbers::trimmed(m_fields[ix[Channel]]) : QByteArrayView();
    const QByteArrayView commodity =
        ix[CommodityName] >= 0 ? CsvNumbers::trimmed(m_fields[ix[CommodityName]]) : QByteArrayView();

    const int meterId = meterIdOf(meter);

    SourceReading reading;
    reading.line = m_reader.lineNumber();
    if (!CsvNumbers::parseIsoDateTime(stamp, reading.startUtc))
        failColumn(Timestamp, Tr::tr("\"%1\" is not a date and time with a UTC offset; expected the interval start "
                                     "in ISO 8601 form, such as 2026-03-29T01:00:00+01:00 or 2026-03-29T00:00:00Z.")
                                  .arg(shown(stamp)));

    if (!m_resolvedValid || !sameBytes(unit, m_lastUnit) || !sameBytes(commodity, m_lastCommodity)
        || !sameBytes(channel, m_lastChannel))
        resolve(unit, commodity, channel);

    if (quality.size() != 1 || (quality[0] != 'A' && quality[0] != 'E' && quality[0] != 'M'))
        failColumn(QualityCode, Tr::tr("The quality \"%1\" is not known; expected A (actual), E (estimated) or "
                                       "M (missing).")
                                    .arg(shown(quality)));
    reading.quality = quality[0] == 'A' ? Quality::Actual : quality[0] == 'E' ? Quality::Estimated : Quality::Missing;

    if (value.isEmpty()) {
        if (reading.quality != Quality::Missing)
            failColumn(Value, Tr::tr("The value is empty; only a reading with quality M (missing) may have no value."));
    } else {
        qint64 v = 0;
        switch (CsvNumbers::parseDecimal(value, m_resolved.factor, v)) {
        case CsvNumbers::DecimalResult::Ok: break;
        case CsvNumbers::DecimalResult::Malformed:
            failColumn(Value, Tr::tr("\"%1\" is not a decimal number; expected digits with an optional point, "
                                     "such as 123.456.")
                                  .arg(shown(value)));
        case CsvNumbers::DecimalResult::OutOfRange:
            failColumn(Value, Tr::tr("The value %1 is too large.").arg(shown(value)));
        }
        // A missing interval carries no value even when the file writes one (often 0).
        reading.value = reading.quality == Quality::Missing ? 0 : v;
    }

    if (ix[IntervalMinutes] >= 0) {
        const QByteArrayView minutes = CsvNumbers::trimmed(m_fields[ix[IntervalMinutes]]);
        if (!sameBytes(minutes, m_lastInterval)) {
            int m = 0;
            if (!CsvNumbers::parseUnsigned(minutes, m) || m < 1 || m > 1440)
                failColumn(IntervalMinutes, Tr::tr("\"%1\" is not an interval length; expected whole minutes from "
                                                   "1 to 1440, such as 15.")
                                                .arg(shown(minutes)));
            m_lastDuration = m * 60;
            m_lastInterval = minutes.toByteArray();
        }
        reading.durationSecs = m_lastDuration;
    }

    const quint64 identity = (quint64(meterId) << 8) | (quint64(m_resolved.commodity) << 4)
                             | (quint64(m_resolved.kind) << 2) | quint64(m_resolved.unit);
    if (identity != m_currentIdentity || !m_current) {
        m_current = m_series.find(identity);
        if (!m_current) {
            ChannelSeries head;
            head.meterKey = m_meterKeys.at(meterId);
            head.commodity = m_resolved.commodity;
            head.kind = m_resolved.kind;
            head.unit = m_resolved.unit;
            m_current = m_series.open(identity, head);
        }
        m_currentIdentity = identity;
    }
    m_series.append(m_current, reading);
}
} // namespace

QString GenericCsvParser::key() const { return QStringLiteral("generic-csv"); }

QString GenericCsvParser::displayName() const { return Tr::tr("CSV, UtilityDesk layout"); }

bool GenericCsvParser::probe(const QByteArray &head) const
{
    const QList<QByteArrayView> lines = CsvLineReader::headLines(head, 200);
    for (QByteArrayView line : lines) {
        if (isSkipped(line))
            continue;
        CsvFieldList fields;
        QByteArray scratch;
        if (!CsvLineReader::splitLine(line, fields, scratch))
            return false;
        Header header;
        QString detail;
        return readHeader(fields, header, detail) == HeaderProblem::None;
    }
    return false;
}

void GenericCsvParser::parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
{
    Parser(in, context, sink).run();
}

} // namespace Ud::Metering
