#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Ud::Metering {

/// A unit's factor to its base unit written as mantissa × 10^exponent (kWh → Wh is 1 × 10^3,
/// ft³ → L is 28316846592 × 10^-9), so that decimal text converts to integer base units exactly,
/// without passing through floating point.
struct UnitFactor {
    qint64 mantissa = 1;
    int exponent = 0;
};

/// The byte-level number and time parsing the CSV importers share. Written for speed: the
/// generic CSV importer calls these tens of millions of times per file, so nothing here
/// allocates, builds a QString or a QDateTime.
namespace CsvNumbers {

enum class DecimalResult { Ok, Malformed, OutOfRange };

/// Parses `[+-]digits[.digits]` (either digit run may be empty, not both), multiplies it by
/// `factor` and rounds half away from zero to an integer. No exponents, no thousands separators.
DecimalResult parseDecimal(QByteArrayView text, UnitFactor factor, qint64 &out);

/// Parses unsigned decimal digits only (no sign, no spaces) into `out`; false if empty, not all
/// digits or above 2^31 - 1.
bool parseUnsigned(QByteArrayView text, int &out);

/// Days from 1970-01-01 to the proleptic Gregorian date (negative before 1970).
qint64 daysFromCivil(int year, int month, int day);
bool isValidDate(int year, int month, int day);

/// Parses an ISO 8601 date-time that carries its UTC offset:
/// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`, `±HHMM` or `±HH` (a space may stand
/// for the `T`). Fractional seconds must be zero. Returns the instant as UTC epoch seconds.
bool parseIsoDateTime(QByteArrayView text, qint64 &utc);

/// Parses the compact date `YYYYMMDD` into days since 1970-01-01.
bool parseCompactDate(QByteArrayView text, qint64 &days);

/// `text` without leading and trailing spaces and tabs.
inline QByteArrayView trimmed(QByteArrayView text)
{
    qsizetype b = 0, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t'))
        ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t'))
        --e;
    return text.sliced(b, e - b);
}

} // namespace CsvNumbers

} // namespace Ud::Metering
