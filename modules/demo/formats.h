#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

/// Number formats of the demo data: fast integer and date formatting into UTF-8 buffers, and
/// the check-digit schemes real identifiers carry (MPAN, IBAN, CUPS, Luhn, Chinese resident
/// identity number, Spanish DNI, German tax id), so that demo identifiers pass the same
/// validation real ones do.
namespace Ud::Demo::Formats {

/// Appends `value` in decimal, left-padded with zeros to `width` digits.
void appendNumber(std::string &out, quint64 value, int width = 0);
/// Appends a signed integer without padding.
void appendSigned(std::string &out, qint64 value);

/// A bijection on [0, 10^9): customer ordinals turn into unique, random-looking nine-digit
/// blocks, so identifiers built around it never collide yet do not count 000000001, 2, 3...
quint64 scramble9(quint64 ordinal);
/// The same on [0, 10^8), for phone numbers.
quint64 scramble8(quint64 ordinal);

/// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian, no time zones).
qint64 daysFromCivil(int year, int month, int day);
void civilFromDays(qint64 days, int &year, int &month, int &day);
/// Appends "YYYY-MM-DD".
void appendDate(std::string &out, qint64 days);
/// Appends "YYYYMMDD".
void appendCompactDate(std::string &out, qint64 days);

/// Great Britain MPAN core check digit over its first 12 digits.
int mpanCheckDigit(std::string_view twelveDigits);
/// Luhn check digit for a string of digits (appended as the last digit).
int luhnDigit(std::string_view digits);
/// Two IBAN check digits for a country code and BBAN (letters allowed), as "00".."98".
int ibanCheckDigits(std::string_view country, std::string_view bban);
/// Spanish bank account control digit (CCC) over 10 digits (bank+branch padded with "00", or account).
int spanishControlDigit(std::string_view tenDigits);
/// Spanish CUPS control letters for the 16-digit number after "ES".
void appendCupsLetters(std::string &out, quint64 sixteenDigits);
/// Chinese resident identity number check character over the first 17 digits.
char chineseIdCheck(std::string_view seventeenDigits);
/// Spanish DNI/NIE letter for a number (NIE: X=0, Y=1, Z=2 prefixed).
char dniLetter(quint64 number);
/// German tax identification number check digit (ISO 7064 MOD 11,10) over its first 10 digits.
int germanTaxIdCheck(std::string_view tenDigits);

/// Lower-case ASCII transliteration for e-mail addresses: ä->ae, ß->ss, é->e, ñ->n...;
/// other non-ASCII characters and anything but letters and digits are dropped.
void appendAsciiLower(std::string &out, std::string_view utf8);

} // namespace Ud::Demo::Formats
