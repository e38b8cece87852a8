#include "csvnumbers.h"

#include <charconv>
#include <limits>

namespace Ud::Metering::CsvNumbers {

namespace {

__extension__ typedef unsigned __int128 UInt128;

constexpr quint64 Pow10[20] = {1ull,
                               10ull,
                               100ull,
                               1000ull,
                               10000ull,
                               100000ull,
                               1000000ull,
                               10000000ull,
                               100000000ull,
                               1000000000ull,
                               10000000000ull,
                               100000000000ull,
                               1000000000000ull,
                               10000000000000ull,
                               100000000000000ull,
                               1000000000000000ull,
                               10000000000000000ull,
                               100000000000000000ull,
                               1000000000000000000ull,
                               10000000000000000000ull};

constexpr UInt128 pow10Wide(int n)
{
    UInt128 p = 1;
    for (int i = 0; i < n; ++i)
        p *= 10;
    return p;
}

inline bool isDigit(char c) { return unsigned(c - '0') < 10u; }

/// The largest magnitude a qint64 can take with the given sign.
inline UInt128 limitFor(bool negative)
{
    return negative ? UInt128(quint64(std::numeric_limits<qint64>::max()) + 1u)
                    : UInt128(quint64(std::numeric_limits<qint64>::max()));
}

inline DecimalResult finish(UInt128 magnitude, bool negative, qint64 &out)
{
    if (magnitude > limitFor(negative))
        return DecimalResult::OutOfRange;
    const quint64 m = quint64(magnitude);
    out = negative ? qint64(0u - m) : qint64(m);
    return DecimalResult::Ok;
}

/// mantissa × factor × 10^(-fractionDigits), rounded half away from zero, in 128-bit arithmetic.
/// Used when the digits or the product do not fit 64 bits (long fractions, ft³ and therm factors).
DecimalResult scaleWide(UInt128 mantissa, int fractionDigits, UnitFactor factor, bool negative, qint64 &out)
{
    const int shift = factor.exponent - fractionDigits;
    const UInt128 limit = limitFor(negative);
    // No mantissa of 38 digits times a factor below 10^19 can overflow 2^128 before we check.
    UInt128 n = mantissa;
    const quint64 f = quint64(factor.mantissa);
    if (n != 0 && f > ~UInt128(0) / n)
        return DecimalResult::OutOfRange;
    n *= f;
    if (shift >= 0) {
        for (int i = 0; i < shift; ++i) {
            if (n > limit)
                return DecimalResult::OutOfRange;
            n *= 10;
        }
        return finish(n, negative, out);
    }
    if (-shift > 38)
        return finish(0, negative, out); // far below one base unit: rounds to 0
    const UInt128 d = pow10Wide(-shift);
    UInt128 q = n / d;
    const UInt128 r = n % d;
    if (r >= d - r) // 2r >= d without overflowing
        ++q;
    return finish(q, negative, out);
}

} // namespace

DecimalResult parseDecimal(QByteArrayView text, UnitFactor factor, qint64 &out)
{
    const char *p = text.data();
    const char *const end = p + text.size();
    bool negative = false;
    if (p != end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    // Fast path: up to 19 digits in total accumulate in 64 bits.
    quint64 mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    const char *const start = p;
    while (p != end && isDigit(*p)) {
        mantissa = mantissa * 10u + unsigned(*p - '0');
        ++digits;
        ++p;
    }
    const bool integerDigits = p != start;
    bool anyFraction = false;
    if (p != end && *p == '.') {
        ++p;
        const char *const fractionStart = p;
        while (p != end && isDigit(*p)) {
            mantissa = mantissa * 10u + unsigned(*p - '0');
            ++digits;
            ++p;
        }
        fractionDigits = int(p - fractionStart);
        anyFraction = fractionDigits > 0;
    }
    if (p != end || (!integerDigits && !anyFraction))
        return DecimalResult::Malformed;

    if (digits > 19) {
        // Re-read in 128 bits, skipping leading zeros; more than 38 significant digits is not a
        // meter reading.
        UInt128 wide = 0;
        int significant = 0;
        for (const char *q = start; q != end; ++q) {
            if (*q == '.')
                continue;
            if (significant == 0 && *q == '0')
                continue;
            if (++significant > 38)
                return DecimalResult::OutOfRange;
            wide = wide * 10u + unsigned(*q - '0');
        }
        return scaleWide(wide, fractionDigits, factor, negative, out);
    }

    const int shift = factor.exponent - fractionDigits;
    quint64 product = 0;
    if (!__builtin_mul_overflow(mantissa, quint64(factor.mantissa), &product)) {
        if (shift >= 0 && shift < 20) {
            quint64 scaled = 0;
            if (!__builtin_mul_overflow(product, Pow10[shift], &scaled))
                return finish(scaled, negative, out);
        } else if (shift < 0 && -shift < 20) {
            const quint64 d = Pow10[-shift];
            quint64 q = product / d;
            const quint64 r = product % d;
            if (r >= d - r)
                ++q;
            return finish(q, negative, out);
        }
    }
    return scaleWide(mantissa, fractionDigits, factor, negative, out);
}

bool parseUnsigned(QByteArrayView text, int &out)
{
    // from_chars accepts a leading '-' for signed types; digits only are wanted here.
    if (text.isEmpty() || !isDigit(text.front()))
        return false;
    const char *end = text.data() + text.size();
    int v = 0;
    const std::from_chars_result r = std::from_chars(text.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end)
        return false;
    out = v;
    return true;
}

qint64 daysFromCivil(int year, int month, int day)
{
    // Count in 400-year eras starting on 1 March, so the leap day falls at the end of a year.
    const qint64 y = qint64(year) - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yearOfEra = y - era * 400;                                  // [0, 399]
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; // [0, 365]
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468; // 719468: days from 0000-03-01 to 1970-01-01
}

bool isValidDate(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    static constexpr int Length[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= Length[month - 1] + (month == 2 && leap ? 1 : 0);
}

namespace {
inline bool twoDigits(const char *p, int &out)
{
    if (!isDigit(p[0]) || !isDigit(p[1]))
        return false;
    out = (p[0] - '0') * 10 + (p[1] - '0');
    return true;
}

inline bool fourDigits(const char *p, int &out)
{
    int hi = 0, lo = 0;
    if (!twoDigits(p, hi) || !twoDigits(p + 2, lo))
        return false;
    out = hi * 100 + lo;
    return true;
}
} // namespace

bool parseIsoDateTime(QByteArrayView text, qint64 &utc)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    // The shortest accepted form is YYYY-MM-DDTHH:MMZ (17 characters).
    if (n < 17)
        return false;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!fourDigits(p, year) || p[4] != '-' || !twoDigits(p + 5, month) || p[7] != '-' || !twoDigits(p + 8, day))
        return false;
    if (p[10] != 'T' && p[10] != ' ' && p[10] != 't')
        return false;
    if (!twoDigits(p + 11, hour) || p[13] != ':' || !twoDigits(p + 14, minute))
        return false;
    qsizetype i = 16;
    if (i < n && p[i] == ':') {
        if (i + 3 > n || !twoDigits(p + i + 1, second))
            return false;
        i += 3;
        if (i < n && (p[i] == '.' || p[i] == ',')) {
            ++i;
            const qsizetype fractionStart = i;
            while (i < n && isDigit(p[i])) {
                if (p[i] != '0')
                    return false; // sub-second interval starts are not meter data
                ++i;
            }
            if (i == fractionStart)
                return false;
        }
    }
    if (i >= n)
        return false; // an offset is required
    int offsetSecs = 0;
    if (p[i] == 'Z' || p[i] == 'z') {
        ++i;
    } else if (p[i] == '+' || p[i] == '-') {
        const bool negative = p[i] == '-';
        ++i;
        int oh = 0, om = 0;
        if (i + 2 > n || !twoDigits(p + i, oh))
            return false;
        i += 2;
        if (i < n) {
            if (p[i] == ':')
                ++i;
            if (i + 2 > n || !twoDigits(p + i, om))
                return false;
            i += 2;
        }
        if (oh > 18 || om > 59)
            return false;
        offsetSecs = (oh * 3600 + om * 60) * (negative ? -1 : 1);
    } else {
        return false;
    }
    if (i != n)
        return false;
    if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return false;
    utc = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSecs;
    return true;
}

bool parseCompactDate(QByteArrayView text, qint64 &days)
{
    if (text.size() != 8)
        return false;
    int year = 0, month = 0, day = 0;
    if (!fourDigits(text.data(), year) || !twoDigits(text.data() + 4, month) || !twoDigits(text.data() + 6, day))
        return false;
    if (!isValidDate(year, month, day))
        return false;
    days = daysFromCivil(year, month, day);
    return true;
}

} // namespace Ud::Metering::CsvNumbers
