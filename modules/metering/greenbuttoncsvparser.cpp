#include "greenbuttoncsvparser.h"

#include "csvlinereader.h"
#include "csvnumbers.h"
#include "csvseriesset.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

#include <limits>
#include <optional>

namespace Ud::Metering {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::GreenButtonCsvParser)
};

QString text(QByteArrayView field) { return QString::fromUtf8(field.first(qMin<qsizetype>(field.size(), 60))); }

/// Upper-case ASCII, underscores as spaces, runs of spaces as one: "Start_Time " -> "START TIME".
QByteArray normalizedName(QByteArrayView field)
{
    QByteArray out;
    out.reserve(field.size());
    bool space = false;
    for (char c : CsvNumbers::trimmed(field)) {
        if (c == '_' || c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out.append(' ');
        space = false;
        out.append(c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
    }
    return out;
}

// ---- units -------------------------------------------------------------------------------

enum class UnitClass { Energy, GasEnergy, Volume };

struct UnitSpec {
    const char *upper; ///< spelling, upper-cased
    UnitFactor factor;
    UnitClass unitClass;
    Commodity defaultCommodity;
};

// 1 therm = 29,307.107 Wh (the EC therm, 105,505,585.257 J); 1 CCF = 100 ft³ = 2,831.6846592 L
// exactly; 1 US gallon = 3.785411784 L exactly.
constexpr UnitSpec Units[] = {
    {"WH", {1, 0}, UnitClass::Energy, Commodity::Electricity},
    {"KWH", {1, 3}, UnitClass::Energy, Commodity::Electricity},
    {"MWH", {1, 6}, UnitClass::Energy, Commodity::Electricity},
    {"THERM", {29307107, -3}, UnitClass::GasEnergy, Commodity::Gas},
    {"THERMS", {29307107, -3}, UnitClass::GasEnergy, Commodity::Gas},
    {"CCF", {28316846592, -7}, UnitClass::Volume, Commodity::Gas},
    {"HCF", {28316846592, -7}, UnitClass::Volume, Commodity::Gas},
    {"GAL", {3785411784, -9}, UnitClass::Volume, Commodity::Water},
    {"GALLONS", {3785411784, -9}, UnitClass::Volume, Commodity::Water},
};

const UnitSpec *unitOf(QByteArrayView spelling)
{
    const QByteArray upper = normalizedName(spelling);
    for (const UnitSpec &u : Units) {
        if (upper == QByteArrayView(u.upper))
            return &u;
    }
    return nullptr;
}

QString acceptedUnits() { return QStringLiteral("kWh, Wh, MWh, therms, CCF, HCF, gallons"); }

// ---- header ------------------------------------------------------------------------------

enum Column { Type, Date, StartTime, EndTime, Usage, Import, Export, Units_, Cost, Notes, ColumnCount };

struct Header {
    int index[ColumnCount];
    QByteArray unitInName[ColumnCount]; ///< "kWh" of "USAGE (kWh)"
    int fieldCount = 0;
};

/// Recognises a Green Button header line; false if any column is not one of its columns or the
/// date or every usage column is missing.
bool readHeader(const CsvFieldList &fields, Header &header)
{
    std::fill(std::begin(header.index), std::end(header.index), -1);
    header.fieldCount = int(fields.size());
    for (int i = 0; i < int(fields.size()); ++i) {
        QByteArray name = normalizedName(fields.at(i));
        QByteArray unit;
        const qsizetype open = name.indexOf('(');
        if (open > 0 && name.endsWith(')')) {
            unit = CsvNumbers::trimmed(QByteArrayView(name).sliced(open + 1, name.size() - open - 2)).toByteArray();
            name = CsvNumbers::trimmed(QByteArrayView(name).first(open)).toByteArray();
        }
        int column = -1;
        if (name == "TYPE")
            column = Type;
        else if (name == "DATE")
            column = Date;
        else if (name == "START TIME")
            column = StartTime;
        else if (name == "END TIME")
            column = EndTime;
        else if (name == "USAGE")
            column = Usage;
        else if (name == "IMPORT")
            column = Import;
        else if (name == "EXPORT")
            column = Export;
        else if (name == "UNITS" || name == "UNIT")
            column = Units_;
        else if (name == "COST" || name == "COSTS")
            column = Cost;
        else if (name == "NOTES" || name == "NOTE")
            column = Notes;
        if (column < 0 || header.index[column] >= 0)
            return false;
        if (!unit.isEmpty() && column != Usage && column != Import && column != Export && column != Cost)
            return false;
        header.index[column] = i;
        header.unitInName[column] = unit;
    }
    // DATE and a usage column alone would claim any "date,usage" sheet; Green Button files also
    // have TYPE or START TIME.
    return header.index[Date] >= 0 && (header.index[Type] >= 0 || header.index[StartTime] >= 0)
           && (header.index[Usage] >= 0 || header.index[Import] >= 0 || header.index[Export] >= 0)
           && (header.index[Usage] < 0 || (header.index[Import] < 0 && header.index[Export] < 0));
}

/// A line before the header: "Key,Value", "Key:,Value" or "Key: Value".
bool metadataOf(const CsvFieldList &fields, QByteArray &key, QByteArrayView &value)
{
    int nonEmpty = 0;
    for (QByteArrayView f : fields)
        nonEmpty += CsvNumbers::trimmed(f).isEmpty() ? 0 : 1;
    if (nonEmpty == 0 || nonEmpty > 3)
        return false;
    QByteArrayView k = CsvNumbers::trimmed(fields.at(0));
    value = fields.size() > 1 ? CsvNumbers::trimmed(fields.at(1)) : QByteArrayView();
    if (fields.size() == 1 || value.isEmpty()) {
        const qsizetype colon = k.indexOf(':');
        if (colon > 0) {
            value = CsvNumbers::trimmed(k.sliced(colon + 1));
            k = k.first(colon);
        }
    }
    key = normalizedName(k);
    while (key.endsWith(':') || key.endsWith(' '))
        key.chop(1);
    return true;
}

// ---- local dates and times ---------------------------------------------------------------

/// `YYYY-MM-DD` or the US `M/D/YYYY`; days since 1970-01-01.
bool parseDate(QByteArrayView s, qint64 &days)
{
    int parts[3] = {0, 0, 0};
    int widths[3] = {0, 0, 0};
    int part = 0;
    char separator = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            if (widths[part] == 4)
                return false;
            parts[part] = parts[part] * 10 + (c - '0');
            ++widths[part];
        } else if ((c == '-' || c == '/') && part < 2 && (separator == 0 || separator == c) && widths[part] > 0) {
            separator = c;
            ++part;
        } else {
            return false;
        }
    }
    if (part != 2 || widths[2] == 0)
        return false;
    int y = 0, m = 0, d = 0;
    if (separator == '-' && widths[0] == 4 && widths[1] == 2 && widths[2] == 2) {
        y = parts[0], m = parts[1], d = parts[2];
    } else if (separator == '/' && widths[0] <= 2 && widths[1] <= 2 && widths[2] == 4) {
        m = parts[0], d = parts[1], y = parts[2];
    } else {
        return false;
    }
    if (!CsvNumbers::isValidDate(y, m, d))
        return false;
    days = CsvNumbers::daysFromCivil(y, m, d);
    return true;
}

/// `H:MM`, `HH:MM` or `HH:MM:SS`, optionally followed by AM or PM; minutes after midnight.
/// `allow24` lets an end time say 24:00.
bool parseTime(QByteArrayView s, int &minutes, bool allow24)
{
    s = CsvNumbers::trimmed(s);
    int meridiem = 0; // 1 AM, 2 PM
    if (s.size() >= 2) {
        const QByteArrayView tail = s.last(2);
        if (tail.compare(QByteArrayView("AM"), Qt::CaseInsensitive) == 0)
            meridiem = 1;
        else if (tail.compare(QByteArrayView("PM"), Qt::CaseInsensitive) == 0)
            meridiem = 2;
        if (meridiem)
            s = CsvNumbers::trimmed(s.first(s.size() - 2));
    }
    int values[3] = {0, 0, 0};
    int widths[3] = {0, 0, 0};
    int part = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            if (widths[part] == 2)
                return false;
            values[part] = values[part] * 10 + (c - '0');
            ++widths[part];
        } else if (c == ':' && part < 2 && widths[part] > 0) {
            ++part;
        } else {
            return false;
        }
    }
    if (part < 1 || widths[1] != 2 || (part == 2 && widths[2] != 2) || values[1] > 59 || values[2] != 0)
        return false;
    int hour = values[0];
    if (meridiem) {
        if (hour < 1 || hour > 12)
            return false;
        hour = hour % 12 + (meridiem == 2 ? 12 : 0);
    }
    if (hour > 23 && !(allow24 && hour == 24 && values[1] == 0))
        return false;
    minutes = hour * 60 + values[1];
    return true;
}

QString dateText(qint64 localSecs)
{
    return QDateTime::fromSecsSinceEpoch(localSecs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

/// Turns local wall-clock times of one zone into UTC. Offsets are looked up once per local day;
/// only days with a transition take the slow path.
class LocalClock
{
public:
    explicit LocalClock(const QTimeZone &zone) : m_zone(zone) {}

    /// The UTC instants the local time (seconds since 1970-01-01 00:00 local) stands for:
    /// none in a spring-forward gap, two (earlier first) in a fall-back overlap.
    int resolve(qint64 local, qint64 out[2])
    {
        const qint64 day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
        if (day != m_day) {
            m_day = day;
            m_before = offsetAt(day * 86400 - 86400);
            m_after = offsetAt(day * 86400 + 2 * 86400);
        }
        if (m_before == m_after) {
            out[0] = local - m_before;
            return 1;
        }
        int n = 0;
        for (int offset : {qMax(m_before, m_after), qMin(m_before, m_after)}) {
            const qint64 utc = local - offset;
            if (offsetAt(utc) == offset)
                out[n++] = utc;
        }
        return n;
    }

    qint64 startOfDay(qint64 days) const
    {
        return QDate(1970, 1, 1).addDays(days).startOfDay(m_zone).toSecsSinceEpoch();
    }

private:
    int offsetAt(qint64 utc) const { return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc())); }

    QTimeZone m_zone;
    qint64 m_day = std::numeric_limits<qint64>::min();
    int m_before = 0;
    int m_after = 0;
};

// ---- the parser --------------------------------------------------------------------------

class Parser
{
public:
    Parser(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
        : m_context(context), m_reader(in, context.fileName), m_series(sink)
    {
    }

    void run();

private:
    struct ValueColumn {
        int column;
        ChannelKind kind;
    };

    void readPreamble();
    void parseRow();
    Commodity commodityOf(QByteArrayView type, const UnitSpec &unit, int column);
    qint64 utcOf(qint64 local, int group);

    const ParseContext &m_context;
    CsvLineReader m_reader;
    CsvSeriesSet m_series;
    CsvFieldList m_fields;
    Header m_header;
    QList<ValueColumn> m_valueColumns;
    QString m_meterKey;
    QString m_altKey;
    QString m_zoneId;
    std::optional<LocalClock> m_clock;
    /// How often each ambiguous local time was seen, per commodity.
    QHash<QPair<int, qint64>, int> m_repeats;
    QByteArray m_number;
};

void Parser::run()
{
    readPreamble();
    while (m_reader.next()) {
        if (CsvNumbers::trimmed(m_reader.line()).isEmpty())
            continue;
        parseRow();
    }
    m_series.flushAll();
}

void Parser::readPreamble()
{
    QString meter, service, account;
    bool found = false;
    while (!found && m_reader.next()) {
        if (CsvNumbers::trimmed(m_reader.line()).isEmpty())
            continue;
        m_reader.split(m_fields);
        if (readHeader(m_fields, m_header)) {
            found = true;
            break;
        }
        QByteArray key;
        QByteArrayView value;
        if (!metadataOf(m_fields, key, value) || value.isEmpty())
            continue; // a title or a line the download adds for people; nothing to take from it
        const QString v = QString::fromUtf8(value);
        if (key == "METER NUMBER" || key == "METER" || key == "METER ID" || key == "METER SERIAL"
            || key == "METER SERIAL NUMBER" || key == "METER NO" || key == "METER NO." || key == "METER #") {
            if (meter.isEmpty())
                meter = v;
        } else if (key == "SERVICE ID" || key == "SERVICE AGREEMENT" || key == "SERVICE AGREEMENT ID"
                   || key == "SERVICE ACCOUNT" || key == "SERVICE ACCOUNT NUMBER" || key == "SERVICE POINT"
                   || key == "SERVICE POINT ID" || key == "SERVICE NUMBER") {
            if (service.isEmpty())
                service = v;
        } else if (key == "ACCOUNT NUMBER" || key == "ACCOUNT" || key == "ACCOUNT ID" || key == "ACCOUNT NO"
                   || key == "ACCOUNT NO." || key == "ACCOUNT #") {
            if (account.isEmpty())
                account = v;
        }
    }
    if (!found)
        throw ImportError(m_reader.fileName(), QString(),
                          Tr::tr("No Green Button header line was found; expected a line such as "
                                 "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES."));

    if (!meter.isEmpty()) {
        m_meterKey = meter;
        m_altKey = !service.isEmpty() ? service : account;
    } else if (!service.isEmpty()) {
        m_meterKey = service;
        m_altKey = account;
    } else if (!account.isEmpty()) {
        m_meterKey = account;
    } else if (!m_context.meterKey.isEmpty()) {
        m_meterKey = m_context.meterKey;
    } else {
        throw ImportError(m_reader.fileName(), QString(),
                          Tr::tr("The file does not say which meter it belongs to: the lines before its header "
                                 "give no Meter Number, Service ID or Account Number. Name the meter when importing "
                                 "it."));
    }

    const auto addValueColumn = [this](int column, ChannelKind kind) {
        if (m_header.index[column] < 0)
            return;
        if (m_header.unitInName[column].isEmpty() && m_header.index[Units_] < 0)
            m_reader.fail(Tr::tr("The header gives no unit for its usage; expected a UNITS column or the unit in "
                                 "the column's name, such as USAGE (kWh)."));
        if (!m_header.unitInName[column].isEmpty() && !unitOf(m_header.unitInName[column]))
            m_reader.fail(Tr::tr("The unit \"%1\" in the header is not known; expected one of %2.")
                              .arg(QString::fromUtf8(m_header.unitInName[column]), acceptedUnits()));
        m_valueColumns.append({column, kind});
    };
    addValueColumn(Usage, ChannelKind::Import);
    addValueColumn(Import, ChannelKind::Import);
    addValueColumn(Export, ChannelKind::Export);

    const QTimeZone zone = m_context.zoneOf ? m_context.zoneOf(m_meterKey, m_altKey) : QTimeZone();
    if (!zone.isValid())
        throw ImportError(m_reader.fileName(), QString(),
                          Tr::tr("No time zone is known for the meter %1, and the file's times are local times.")
                              .arg(m_meterKey));
    m_zoneId = QString::fromUtf8(zone.id());
    m_clock.emplace(zone);
}

Commodity Parser::commodityOf(QByteArrayView type, const UnitSpec &unit, int column)
{
    Commodity commodity = unit.defaultCommodity;
    const QByteArray t = normalizedName(type);
    if (t.contains("ELECTRIC"))
        commodity = Commodity::Electricity;
    else if (t.contains("GAS"))
        commodity = Commodity::Gas;
    else if (t.contains("WATER"))
        commodity = Commodity::Water;
    const bool fits = commodity == Commodity::Electricity ? unit.unitClass == UnitClass::Energy
                      : commodity == Commodity::Water     ? unit.unitClass == UnitClass::Volume
                                                          : true;
    if (!fits)
        m_reader.fail(Tr::tr("The unit %1 does not measure %2 usage.")
                          .arg(QString::fromLatin1(unit.upper), Accounts::commodityName(commodity).toLower()));
    if (commodity != Commodity::Electricity && m_valueColumns.at(column).kind == ChannelKind::Export)
        m_reader.fail(Tr::tr("Only electricity can have an EXPORT column."));
    return commodity;
}

qint64 Parser::utcOf(qint64 local, int group)
{
    qint64 candidates[2];
    const int n = m_clock->resolve(local, candidates);
    if (n == 0)
        m_reader.fail(Tr::tr("The local time %1 does not exist in %2: the clocks went forward over it.")
                          .arg(dateText(local), m_zoneId));
    if (n == 1)
        return candidates[0];
    // The hour a fall-back repeats: its first appearance is summer time, its second standard time.
    int &seen = m_repeats[qMakePair(group, local)];
    if (seen >= 2)
        m_reader.fail(Tr::tr("The local time %1 appears a third time; it occurs only twice on the day the clocks "
                             "go back.")
                          .arg(dateText(local)));
    return candidates[seen++];
}

void Parser::parseRow()
{
    m_reader.split(m_fields);
    if (m_fields.size() != m_header.fieldCount) {
        // Some downloads end every data row with one empty field more than the header has.
        if (!(m_fields.size() == m_header.fieldCount + 1 && CsvNumbers::trimmed(m_fields.back()).isEmpty()))
            m_reader.fail(Tr::tr("Expected %1 fields as in the header, found %2.").arg(m_header.fieldCount).arg(m_fields.size()));
    }
    const auto field = [this](int column) {
        const int i = m_header.index[column];
        return i >= 0 ? CsvNumbers::trimmed(m_fields[i]) : QByteArrayView();
    };

    qint64 day = 0;
    const QByteArrayView date = field(Date);
    if (!parseDate(date, day))
        m_reader.fail(QStringLiteral("DATE"), Tr::tr("\"%1\" is not a date; expected YYYY-MM-DD or M/D/YYYY, such as "
                                                    "2019-01-01 or 1/1/2019.")
                                                 .arg(text(date)));
    const QByteArrayView start = field(StartTime);
    const QByteArrayView end = field(EndTime);
    int startMinute = -1, endMinute = -1;
    if (!start.isEmpty() && !parseTime(start, startMinute, false))
        m_reader.fail(QStringLiteral("START TIME"), Tr::tr("\"%1\" is not a time of day; expected HH:MM or H:MM AM/PM, "
                                                          "such as 00:00 or 12:00 AM.")
                                                       .arg(text(start)));
    if (!end.isEmpty() && !parseTime(end, endMinute, true))
        m_reader.fail(QStringLiteral("END TIME"), Tr::tr("\"%1\" is not a time of day; expected HH:MM or H:MM AM/PM, "
                                                        "such as 00:14 or 12:59 AM.")
                                                     .arg(text(end)));
    const QByteArrayView type = field(Type);
    // Utilities mark estimated reads in NOTES ("This read was estimated", "Estimated").
    const bool estimated = normalizedName(field(Notes)).contains("ESTIMAT");
    int resolvedGroup = -1;
    qint64 resolvedStart = 0;
    qint32 resolvedDuration = 0;

    for (int c = 0; c < m_valueColumns.size(); ++c) {
        const ValueColumn &vc = m_valueColumns.at(c);
        const QByteArray &unitName = m_header.unitInName[vc.column];
        const QByteArrayView unitField = unitName.isEmpty() ? field(Units_) : QByteArrayView(unitName);
        const UnitSpec *unit = unitOf(unitField);
        if (!unit)
            m_reader.fail(QStringLiteral("UNITS"), Tr::tr("The unit \"%1\" is not known; expected one of %2.")
                                                      .arg(text(unitField), acceptedUnits()));
        const Commodity commodity = commodityOf(type, *unit, c);
        const int group = int(commodity);

        SourceReading r;
        r.line = m_reader.lineNumber();
        if (group != resolvedGroup) { // once per row and commodity: IMPORT and EXPORT share the time
            resolvedGroup = group;
            resolvedDuration = 0;
            if (startMinute < 0) {
                // A row without a start time is the whole day's reading (daily gas and water reads).
                resolvedStart = m_clock->startOfDay(day);
                resolvedDuration = qint32(m_clock->startOfDay(day + 1) - resolvedStart);
            } else {
                resolvedStart = utcOf(day * 86400 + startMinute * 60, group);
                if (endMinute >= 0) {
                    int wall = endMinute - startMinute;
                    if (wall <= 0)
                        wall += 1440; // ends after midnight
                    if (wall % 5 == 4)
                        wall += 1; // the end is the interval's last minute: 00:00 to 00:14
                    if (startMinute == 0 && wall >= 1440)
                        resolvedDuration = qint32(m_clock->startOfDay(day + 1) - resolvedStart);
                    else
                        resolvedDuration = wall * 60;
                }
            }
        }
        r.startUtc = resolvedStart;
        r.durationSecs = resolvedDuration;

        const QByteArrayView raw = field(vc.column);
        QByteArrayView value = raw;
        if (value.contains(',')) { // a quoted "1,234.5"
            m_number = raw.toByteArray();
            m_number.replace(',', QByteArray());
            value = m_number;
        }
        if (value.isEmpty()) {
            r.quality = Quality::Missing;
        } else {
            if (CsvNumbers::parseDecimal(value, unit->factor, r.value) != CsvNumbers::DecimalResult::Ok) {
                m_reader.fail(vc.column == Export ? QStringLiteral("EXPORT")
                              : vc.column == Import ? QStringLiteral("IMPORT")
                                                    : QStringLiteral("USAGE"),
                              Tr::tr("\"%1\" is not a number; expected a decimal such as 0.25.").arg(text(raw)));
            }
            r.quality = estimated ? Quality::Estimated : Quality::Actual;
        }

        const ChannelUnit base = unit->unitClass == UnitClass::Volume ? ChannelUnit::Litre : ChannelUnit::WattHour;
        const quint64 identity = (quint64(commodity) << 8) | (quint64(vc.kind) << 4) | quint64(base);
        ChannelSeries *series = m_series.find(identity);
        if (!series) {
            ChannelSeries head;
            head.meterKey = m_meterKey;
            head.altKey = m_altKey;
            head.commodity = commodity;
            head.kind = vc.kind;
            head.unit = base;
            series = m_series.open(identity, head);
        }
        m_series.append(series, r);
    }
}
} // namespace

QString GreenButtonCsvParser::key() const { return QStringLiteral("greenbutton-csv"); }

QString GreenButtonCsvParser::displayName() const { return Tr::tr("Green Button CSV (Download My Data)"); }

bool GreenButtonCsvParser::probe(const QByteArray &head) const
{
    const QList<QByteArrayView> lines = CsvLineReader::headLines(head, 40);
    CsvFieldList fields;
    QByteArray scratch;
    for (QByteArrayView line : lines) {
        if (CsvNumbers::trimmed(line).isEmpty())
            continue;
        if (!CsvLineReader::splitLine(line, fields, scratch))
            return false;
        Header header;
        if (readHeader(fields, header)) {
            // Strict: a file the parser would refuse for want of a unit is not claimed.
            if (header.index[Units_] >= 0)
                return true;
            for (int column : {Usage, Import, Export}) {
                if (header.index[column] >= 0 && unitOf(header.unitInName[column]))
                    return true;
            }
            return false;
        }
        QByteArray key;
        QByteArrayView value;
        if (!metadataOf(fields, key, value))
            return false; // data of some other layout before any Green Button header
    }
    return false;
}

void GreenButtonCsvParser::parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
{
    Parser(in, context, sink).run();
}

} // namespace Ud::Metering
