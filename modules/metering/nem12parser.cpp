#include "nem12parser.h"

#include "csvlinereader.h"
#include "csvnumbers.h"
#include "csvseriesset.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

namespace Ud::Metering {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::Nem12Parser)
};

/// NEM12 interval dates and times are in market time: Australian Eastern Standard Time, with no
/// daylight saving, in every state.
constexpr qint64 MarketOffsetSecs = 10 * 3600;
const QString MarketZone = QStringLiteral("UTC+10:00");

/// Fields of a 300 record besides its values: indicator, date and five trailing fields
/// (QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime, MSATSLoadDateTime).
constexpr int Fields300Besides = 7;

QString text(QByteArrayView field) { return QString::fromUtf8(field.first(qMin<qsizetype>(field.size(), 60))); }

bool equalsIgnoringCase(QByteArrayView a, const char *b) { return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0; }

struct StreamUnit {
    const char *spelling;
    UnitFactor factor;
    bool reactive;
};

constexpr StreamUnit StreamUnits[] = {
    {"Wh", {1, 0}, false},    {"kWh", {1, 3}, false},   {"MWh", {1, 6}, false},
    {"VArh", {1, 0}, true},   {"kVArh", {1, 3}, true},  {"MVArh", {1, 6}, true},
};

/// How a 200 record's suffix maps to a channel. The letters follow AEMO's NMI Procedure
/// (Appendix on NMI suffixes): E is the master kWh stream "export" from the market to the
/// customer (what the customer consumes), B the master kWh stream "import" into the market (what
/// the customer generates), Q the master kVArh stream to the customer. The other letters (K: kVArh
/// into the market; check meter, averaged, kVAh, power factor, volts and current streams) have no
/// channel kind in the product and are skipped.
std::optional<ChannelKind> kindOfSuffix(char letter)
{
    switch (letter) {
    case 'E': return ChannelKind::Import;
    case 'B': return ChannelKind::Export;
    case 'Q': return ChannelKind::Reactive;
    default: return std::nullopt;
    }
}

enum class Flag { Actual, Estimated, Missing, Variable };

std::optional<Flag> flagOf(QByteArrayView qualityMethod)
{
    if (qualityMethod.isEmpty())
        return std::nullopt;
    // The flag is the first character; a method number may follow (S14, E52, F15), but not
    // after A, N or V.
    const QByteArrayView method = qualityMethod.sliced(1);
    for (char c : method) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    switch (qualityMethod[0]) {
    case 'A': return method.isEmpty() || method.size() == 2 ? std::optional(Flag::Actual) : std::nullopt;
    case 'E':
    case 'S':
    case 'F': return method.isEmpty() || method.size() == 2 ? std::optional(Flag::Estimated) : std::nullopt;
    case 'N': return method.isEmpty() ? std::optional(Flag::Missing) : std::nullopt;
    case 'V': return method.isEmpty() ? std::optional(Flag::Variable) : std::nullopt;
    default: return std::nullopt;
    }
}

Quality qualityOf(Flag flag)
{
    switch (flag) {
    case Flag::Actual: return Quality::Actual;
    case Flag::Estimated: return Quality::Estimated;
    case Flag::Missing:
    case Flag::Variable: break; // a V day takes its qualities from 400 records
    }
    return Quality::Missing;
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
    enum class State { ExpectHeader, ExpectStream, InStream, Ended };

    void header();
    void stream();
    void intervalDay();
    void qualityRange();
    void finishVariableDay();
    [[noreturn]] void fail(const QString &reason) const { m_reader.fail(reason); }

    CsvLineReader m_reader;
    CsvSeriesSet m_series;
    CsvFieldList m_fields;
    State m_state = State::ExpectHeader;

    // The current 200 record.
    qint64 m_streamLine = 0;
    int m_intervalMinutes = 0;
    int m_valuesPerDay = 0;
    UnitFactor m_factor;
    ChannelSeries *m_current = nullptr; ///< nullptr for a stream the product does not store
    quint64 m_identity = 0;
    ChannelSeries m_head;
    QHash<QString, quint64> m_identities;
    bool m_anyStored = false;
    bool m_anyStream = false;

    // A 300 record with quality V waiting for its 400 records.
    qint64 m_variableLine = 0;
    QList<SourceReading> m_variableDay;
    QList<bool> m_covered;
    QList<bool> m_empty; ///< the value field was empty: the interval stays missing
    bool m_after300 = false;
};

void Parser::run()
{
    qint64 lastLine = 0;
    while (m_reader.next()) {
        if (CsvNumbers::trimmed(m_reader.line()).isEmpty())
            continue;
        lastLine = m_reader.lineNumber();
        if (m_state == State::Ended)
            fail(Tr::tr("Nothing may follow the 900 end record."));
        m_reader.split(m_fields);
        const QByteArrayView indicator = CsvNumbers::trimmed(m_fields[0]);
        if (m_state == State::ExpectHeader) {
            if (indicator != QByteArrayView("100"))
                fail(Tr::tr("A NEM12 file starts with a 100 header record; found \"%1\".").arg(text(indicator)));
            header();
            m_state = State::ExpectStream;
            continue;
        }
        if (indicator != QByteArrayView("400") && m_variableLine)
            finishVariableDay();
        if (indicator == QByteArrayView("200")) {
            stream();
            m_state = State::InStream;
            m_after300 = false;
        } else if (indicator == QByteArrayView("300")) {
            if (m_state != State::InStream)
                fail(Tr::tr("A 300 interval data record must follow a 200 data stream record."));
            intervalDay();
            m_after300 = true;
        } else if (indicator == QByteArrayView("400")) {
            if (!m_variableLine)
                fail(Tr::tr("A 400 interval event record must follow a 300 record whose quality is V (variable)."));
            qualityRange();
        } else if (indicator == QByteArrayView("500")) {
            if (m_state != State::InStream || !m_after300)
                fail(Tr::tr("A 500 B2B details record must follow a 300 or 400 record."));
        } else if (indicator == QByteArrayView("900")) {
            m_state = State::Ended;
        } else if (indicator == QByteArrayView("100")) {
            fail(Tr::tr("A NEM12 file has only one 100 header record."));
        } else {
            fail(Tr::tr("\"%1\" is not a NEM12 record indicator; expected 200, 300, 400, 500 or 900.").arg(text(indicator)));
        }
    }
    if (m_state != State::Ended) {
        const QString reason = m_state == State::ExpectHeader
                                   ? Tr::tr("The file is empty; a NEM12 file starts with a 100 header record.")
                                   : Tr::tr("The file ends without the 900 end record; it is probably truncated.");
        if (lastLine == 0)
            throw ImportError(m_reader.fileName(), QString(), reason);
        m_reader.failAtLine(lastLine, reason);
    }
    if (m_anyStream && !m_anyStored)
        throw ImportError(m_reader.fileName(), QString(),
                          Tr::tr("The file has no data stream the product stores; expected a 200 record with an NMI "
                                 "suffix starting with E (consumption), B (generation) or Q (reactive energy)."));
    m_series.flushAll();
}

void Parser::header()
{
    if (m_fields.size() < 2)
        fail(Tr::tr("The 100 header record has no version; expected 100,NEM12,DateTime,FromParticipant,ToParticipant."));
    const QByteArrayView version = CsvNumbers::trimmed(m_fields[1]);
    if (equalsIgnoringCase(version, "NEM13"))
        fail(Tr::tr("This is a NEM13 file of accumulated meter readings; only NEM12 interval data can be imported."));
    if (!equalsIgnoringCase(version, "NEM12"))
        fail(Tr::tr("The 100 header record names the version \"%1\"; expected NEM12.").arg(text(version)));
}

void Parser::stream()
{
    // 200,NMI,NMIConfiguration,RegisterID,NMISuffix,MDMDataStreamIdentifier,MeterSerialNumber,UOM,
    // IntervalLength,NextScheduledReadDate (the last may be left out).
    if (m_fields.size() != 9 && m_fields.size() != 10)
        fail(Tr::tr("A 200 record has 10 fields (200,NMI,NMIConfiguration,RegisterID,NMISuffix,"
                    "MDMDataStreamIdentifier,MeterSerialNumber,UOM,IntervalLength,NextScheduledReadDate); found %1.")
                 .arg(m_fields.size()));
    const QByteArrayView nmi = CsvNumbers::trimmed(m_fields[1]);
    const QByteArrayView suffix = CsvNumbers::trimmed(m_fields[4]);
    const QByteArrayView serial = CsvNumbers::trimmed(m_fields[6]);
    const QByteArrayView uom = CsvNumbers::trimmed(m_fields[7]);
    const QByteArrayView length = CsvNumbers::trimmed(m_fields[8]);
    if (nmi.isEmpty())
        fail(Tr::tr("The 200 record has no NMI."));
    if (suffix.size() != 2)
        fail(Tr::tr("The NMI suffix \"%1\" is not two characters, such as E1 or B1.").arg(text(suffix)));
    int minutes = 0;
    if (!CsvNumbers::parseUnsigned(length, minutes) || (minutes != 5 && minutes != 15 && minutes != 30))
        fail(Tr::tr("The interval length \"%1\" is not 5, 15 or 30 minutes.").arg(text(length)));
    m_streamLine = m_reader.lineNumber();
    m_intervalMinutes = minutes;
    m_valuesPerDay = 1440 / minutes;
    m_anyStream = true;

    const std::optional<ChannelKind> kind = kindOfSuffix(suffix[0]);
    m_current = nullptr;
    if (!kind)
        return; // read and checked, not stored
    const bool reactive = *kind == ChannelKind::Reactive;
    const StreamUnit *unit = nullptr;
    for (const StreamUnit &u : StreamUnits) {
        if (equalsIgnoringCase(uom, u.spelling)) {
            unit = &u;
            break;
        }
    }
    if (!unit || unit->reactive != reactive)
        fail(reactive ? Tr::tr("The unit \"%1\" does not fit the reactive stream %2; expected kVArh, VArh or MVArh.")
                            .arg(text(uom), text(suffix))
                      : Tr::tr("The unit \"%1\" does not fit the energy stream %2; expected kWh, Wh or MWh.")
                            .arg(text(uom), text(suffix)));
    m_factor = unit->factor;

    m_head = ChannelSeries();
    m_head.altKey = QString::fromUtf8(nmi);
    m_head.meterKey = serial.isEmpty() ? m_head.altKey : QString::fromUtf8(serial);
    m_head.commodity = Commodity::Electricity;
    m_head.kind = *kind;
    m_head.unit = reactive ? ChannelUnit::VarHour : ChannelUnit::WattHour;
    m_head.intervalSecs = minutes * 60;
    m_head.timeZoneHint = MarketZone;
    // Blocks of the same stream (same meter, NMI, suffix and interval) continue one series.
    const QString name = m_head.meterKey + QLatin1Char('\n') + m_head.altKey + QLatin1Char('\n')
                         + QString::fromUtf8(suffix) + QLatin1Char('\n') + QString::number(minutes);
    auto it = m_identities.constFind(name);
    if (it == m_identities.constEnd())
        it = m_identities.insert(name, quint64(m_identities.size()));
    m_identity = it.value();
    m_current = m_series.find(m_identity);
    if (!m_current)
        m_current = m_series.open(m_identity, m_head);
    m_anyStored = true;
}

void Parser::intervalDay()
{
    const int expected = m_valuesPerDay + Fields300Besides;
    if (m_fields.size() != expected) {
        const int values = qMax(0, int(m_fields.size()) - Fields300Besides);
        fail(Tr::tr("A 300 record of the %1-minute stream of line %2 has %3 interval values, then QualityMethod, "
                    "ReasonCode, ReasonDescription, UpdateDateTime and MSATSLoadDateTime; found %4 values.")
                 .arg(m_intervalMinutes)
                 .arg(m_streamLine)
                 .arg(m_valuesPerDay)
                 .arg(values));
    }
    qint64 day = 0;
    const QByteArrayView date = CsvNumbers::trimmed(m_fields[1]);
    if (!CsvNumbers::parseCompactDate(date, day))
        fail(Tr::tr("The interval date \"%1\" is not a date in the form YYYYMMDD.").arg(text(date)));
    const QByteArrayView qualityMethod = CsvNumbers::trimmed(m_fields[2 + m_valuesPerDay]);
    const std::optional<Flag> flag = flagOf(qualityMethod);
    if (!flag)
        fail(Tr::tr("The quality method \"%1\" is not known; expected A, E, F, N, S or V, optionally followed by a "
                    "two-digit method such as S14.")
                 .arg(text(qualityMethod)));

    if (!m_current && *flag != Flag::Variable)
        return; // a stream the product does not store; its values are not needed
    const qint64 dayStart = day * 86400 - MarketOffsetSecs;
    const qint32 step = m_intervalMinutes * 60;
    // A V day's qualities come from its 400 records; until then its values are kept as read.
    const Quality quality = *flag == Flag::Variable ? Quality::Actual : qualityOf(*flag);
    const qint64 line = m_reader.lineNumber();
    if (*flag == Flag::Variable) {
        m_variableLine = line;
        m_variableDay.resize(0);
        m_covered.fill(false, m_valuesPerDay);
        m_empty.fill(false, m_valuesPerDay);
    }
    for (int i = 0; i < m_valuesPerDay; ++i) {
        const QByteArrayView field = CsvNumbers::trimmed(m_fields[2 + i]);
        SourceReading r;
        r.startUtc = dayStart + qint64(i) * step;
        r.durationSecs = step;
        r.quality = quality;
        r.line = line;
        if (field.isEmpty()) {
            r.quality = Quality::Missing;
            if (*flag == Flag::Variable)
                m_empty[i] = true;
        } else {
            const CsvNumbers::DecimalResult result = CsvNumbers::parseDecimal(field, m_factor, r.value);
            if (result != CsvNumbers::DecimalResult::Ok)
                fail(Tr::tr("Interval value %1 (\"%2\") is not a decimal number such as 1.234.").arg(i + 1).arg(text(field)));
            if (quality == Quality::Missing)
                r.value = 0;
        }
        if (*flag == Flag::Variable)
            m_variableDay.append(r);
        else
            m_series.append(m_current, r);
    }
}

void Parser::qualityRange()
{
    // 400,StartInterval,EndInterval,QualityMethod,ReasonCode,ReasonDescription
    if (m_fields.size() != 6)
        fail(Tr::tr("A 400 record has 6 fields (400,StartInterval,EndInterval,QualityMethod,ReasonCode,"
                    "ReasonDescription); found %1.")
                 .arg(m_fields.size()));
    int first = 0, last = 0;
    if (!CsvNumbers::parseUnsigned(CsvNumbers::trimmed(m_fields[1]), first)
        || !CsvNumbers::parseUnsigned(CsvNumbers::trimmed(m_fields[2]), last) || first < 1 || last < first
        || last > m_valuesPerDay)
        fail(Tr::tr("The intervals %1 to %2 are not a range within 1 to %3.")
                 .arg(text(CsvNumbers::trimmed(m_fields[1])), text(CsvNumbers::trimmed(m_fields[2])))
                 .arg(m_valuesPerDay));
    const QByteArrayView qualityMethod = CsvNumbers::trimmed(m_fields[3]);
    const std::optional<Flag> flag = flagOf(qualityMethod);
    if (!flag || *flag == Flag::Variable)
        fail(Tr::tr("The quality method \"%1\" of a 400 record is not known; expected A, E, F, N or S, optionally "
                    "followed by a two-digit method such as S14.")
                 .arg(text(qualityMethod)));
    const Quality quality = qualityOf(*flag);
    for (int i = first - 1; i < last; ++i) {
        if (m_covered.at(i))
            fail(Tr::tr("Interval %1 already has a quality from an earlier 400 record.").arg(i + 1));
        m_covered[i] = true;
        SourceReading &r = m_variableDay[i];
        r.quality = m_empty.at(i) ? Quality::Missing : quality;
        if (r.quality == Quality::Missing)
            r.value = 0;
    }
}

void Parser::finishVariableDay()
{
    for (int i = 0; i < m_valuesPerDay; ++i) {
        if (!m_covered.at(i)) {
            int j = i;
            while (j + 1 < m_valuesPerDay && !m_covered.at(j + 1))
                ++j;
            m_reader.failAtLine(m_variableLine,
                                Tr::tr("The 300 record has quality V but no 400 record gives the quality of "
                                       "intervals %1 to %2.")
                                    .arg(i + 1)
                                    .arg(j + 1));
        }
    }
    if (m_current) {
        for (const SourceReading &r : std::as_const(m_variableDay))
            m_series.append(m_current, r);
    }
    m_variableLine = 0;
}
} // namespace

QString Nem12Parser::key() const { return QStringLiteral("nem12"); }

QString Nem12Parser::displayName() const { return Tr::tr("NEM12 (AEMO interval meter data)"); }

bool Nem12Parser::probe(const QByteArray &head) const
{
    const QList<QByteArrayView> lines = CsvLineReader::headLines(head, 50);
    for (QByteArrayView line : lines) {
        if (CsvNumbers::trimmed(line).isEmpty())
            continue;
        CsvFieldList fields;
        QByteArray scratch;
        if (!CsvLineReader::splitLine(line, fields, scratch) || fields.size() < 2)
            return false;
        return CsvNumbers::trimmed(fields[0]) == QByteArrayView("100")
               && equalsIgnoringCase(CsvNumbers::trimmed(fields[1]), "NEM12");
    }
    return false;
}

void Nem12Parser::parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink)
{
    Parser(in, context, sink).run();
}

} // namespace Ud::Metering
