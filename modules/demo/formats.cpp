#include "formats.h"

namespace Ud::Demo::Formats {

void appendNumber(std::string &out, quint64 value, int width)
{
    char buffer[24];
    int n = 0;
    do {
        buffer[n++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = n; i < width; ++i)
        out.push_back('0');
    while (n > 0)
        out.push_back(buffer[--n]);
}

void appendSigned(std::string &out, qint64 value)
{
    if (value < 0) {
        out.push_back('-');
        appendNumber(out, quint64(-(value + 1)) + 1);
    } else {
        appendNumber(out, quint64(value));
    }
}

quint64 scramble9(quint64 ordinal)
{
    // 3^18 is coprime with 10^9, so x -> a*x + b (mod 10^9) is a permutation.
    return (ordinal % 1000000000ULL * 387420489ULL + 271828182ULL) % 1000000000ULL;
}

quint64 scramble8(quint64 ordinal)
{
    return (ordinal % 100000000ULL * 43046721ULL + 31415926ULL) % 100000000ULL;
}

// Howard Hinnant's civil-date algorithms.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * unsigned(m + (m > 2 ? -3 : 9)) + 2) / 5 + unsigned(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, int &year, int &month, int &day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(y + (month <= 2));
}

void appendDate(std::string &out, qint64 days)
{
    int y, m, d;
    civilFromDays(days, y, m, d);
    appendNumber(out, quint64(y), 4);
    out.push_back('-');
    appendNumber(out, quint64(m), 2);
    out.push_back('-');
    appendNumber(out, quint64(d), 2);
}

void appendCompactDate(std::string &out, qint64 days)
{
    int y, m, d;
    civilFromDays(days, y, m, d);
    appendNumber(out, quint64(y), 4);
    appendNumber(out, quint64(m), 2);
    appendNumber(out, quint64(d), 2);
}

int mpanCheckDigit(std::string_view digits)
{
    static const int weights[12] = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += (digits[std::size_t(i)] - '0') * weights[i];
    return sum % 11 % 10;
}

int luhnDigit(std::string_view digits)
{
    int sum = 0;
    bool twice = true;  // the rightmost payload digit is doubled once the check digit follows
    for (std::size_t i = digits.size(); i-- > 0;) {
        int d = digits[i] - '0';
        if (twice) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return (10 - sum % 10) % 10;
}

int ibanCheckDigits(std::string_view country, std::string_view bban)
{
    int mod = 0;
    auto feed = [&mod](char c) {
        if (c >= '0' && c <= '9') {
            mod = (mod * 10 + (c - '0')) % 97;
        } else {
            const int v = (c >= 'a' ? c - 'a' : c - 'A') + 10;
            mod = (mod * 100 + v) % 97;
        }
    };
    for (char c : bban)
        feed(c);
    for (char c : country)
        feed(c);
    feed('0');
    feed('0');
    return 98 - mod;
}

int spanishControlDigit(std::string_view tenDigits)
{
    static const int weights[10] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        sum += (tenDigits[std::size_t(i)] - '0') * weights[i];
    const int dc = 11 - sum % 11;
    return dc == 11 ? 0 : dc == 10 ? 1 : dc;
}

void appendCupsLetters(std::string &out, quint64 sixteenDigits)
{
    static const char letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
    const quint64 r = sixteenDigits % 529;
    out.push_back(letters[r / 23]);
    out.push_back(letters[r % 23]);
}

char chineseIdCheck(std::string_view digits)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (digits[std::size_t(i)] - '0') * weights[i];
    return map[sum % 11];
}

char dniLetter(quint64 number)
{
    static const char letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
    return letters[number % 23];
}

int germanTaxIdCheck(std::string_view tenDigits)
{
    int product = 10;
    for (char c : tenDigits) {
        int sum = (c - '0' + product) % 10;
        if (sum == 0)
            sum = 10;
        product = sum * 2 % 11;
    }
    const int check = 11 - product;
    return check == 10 ? 0 : check;
}

void appendAsciiLower(std::string &out, std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                out.push_back(char(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out.push_back(char(c));
            continue;
        }
        if (c >= 0xe0) {
            // Three- and four-byte sequences (CJK) are skipped whole.
            while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xc0u) == 0x80u)
                ++i;
            continue;
        }
        // Two-byte Latin-1 supplement and Latin Extended-A sequences used by the names.
        if (i + 1 >= s.size())
            break;
        const unsigned code = ((c & 0x1fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3fu);
        ++i;
        switch (code) {
        case 0xe4: case 0xc4: out += "ae"; break;              // ä Ä
        case 0xf6: case 0xd6: out += "oe"; break;              // ö Ö
        case 0xfc: case 0xdc: out += "ue"; break;              // ü Ü
        case 0xdf: out += "ss"; break;                         // ß
        case 0xe1: case 0xc1: case 0xe0: out += "a"; break;    // á Á à
        case 0xe9: case 0xc9: case 0xe8: out += "e"; break;    // é É è
        case 0xed: case 0xcd: case 0x131: out += "i"; break;   // í Í ı
        case 0xf3: case 0xd3: case 0xf2: out += "o"; break;    // ó Ó ò
        case 0xfa: case 0xda: out += "u"; break;               // ú Ú
        case 0xf1: case 0xd1: out += "n"; break;               // ñ Ñ
        case 0xe7: case 0xc7: out += "c"; break;               // ç Ç
        case 0x15f: out += "s"; break;                         // ş
        default:
            break;
        }
    }
}

} // namespace Ud::Demo::Formats
