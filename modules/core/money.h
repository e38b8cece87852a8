#pragma once

#include <QLocale>
#include <QString>

namespace Ud::Core {

/// An amount of money in integer minor units of an ISO-4217 currency (pence, cents, fen).
/// No floating point ever touches an amount: VAT and other rates are basis points, and each
/// rounding is explicit (half away from zero, the rule on bills and tax returns).
class Money
{
public:
    Money() = default;
    Money(qint64 minorUnits, QString currency) : m_minor(minorUnits), m_currency(std::move(currency)) {}

    qint64 minorUnits() const { return m_minor; }
    QString currency() const { return m_currency; }

    /// Throws Error(BadInput) when the currencies differ.
    Money operator+(const Money &other) const;
    Money operator-(const Money &other) const;
    Money operator-() const { return Money(-m_minor, m_currency); }
    bool operator==(const Money &other) const = default;

    /// The share `basisPoints`/10000 of this amount (VAT at 2000 bp = 20 %), rounded half away from zero.
    Money percentOf(int basisPoints) const;

    /// Digits after the decimal point for a currency (JPY 0, KWD 3, most 2).
    static int minorDigits(const QString &currency);
    /// "£1,234.56" / "1.234,56 €" / "¥1,234.56" in the given locale.
    QString toString(const QLocale &locale = QLocale()) const;
    /// Parses a decimal amount typed by a user ("12.5" -> 1250 for GBP). Throws
    /// Error(BadInput) naming `field` if it is not a number with at most the currency's digits.
    static Money parse(const QString &text, const QString &currency, const QLocale &locale, const QString &field);

    /// Integer division rounding half away from zero (exposed for rate arithmetic).
    static qint64 divideRounded(qint64 numerator, qint64 denominator);

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace Ud::Core
