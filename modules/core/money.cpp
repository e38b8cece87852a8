#include "money.h"

#include "error.h"

#include <QCoreApplication>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::Money)
};

void requireSameCurrency(const Money &a, const Money &b)
{
    if (a.currency() != b.currency()) {
        throw Error(Error::Kind::BadInput,
                    Tr::tr("Amounts in %1 and %2 cannot be added or subtracted.").arg(a.currency(), b.currency()));
    }
}
} // namespace

Money Money::operator+(const Money &other) const
{
    requireSameCurrency(*this, other);
    return Money(m_minor + other.m_minor, m_currency);
}

Money Money::operator-(const Money &other) const
{
    requireSameCurrency(*this, other);
    return Money(m_minor - other.m_minor, m_currency);
}

qint64 Money::divideRounded(qint64 numerator, qint64 denominator)
{
    Q_ASSERT(denominator > 0);
    const qint64 half = denominator / 2;
    return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

Money Money::percentOf(int basisPoints) const
{
    return Money(divideRounded(m_minor * basisPoints, 10000), m_currency);
}

int Money::minorDigits(const QString &currency)
{
    static const QStringList none = {QStringLiteral("JPY"), QStringLiteral("KRW"), QStringLiteral("ISK"),
                                     QStringLiteral("CLP"), QStringLiteral("VND")};
    static const QStringList three = {QStringLiteral("KWD"), QStringLiteral("BHD"), QStringLiteral("OMR"),
                                      QStringLiteral("JOD"), QStringLiteral("TND")};
    if (none.contains(currency))
        return 0;
    if (three.contains(currency))
        return 3;
    return 2;
}

QString Money::toString(const QLocale &locale) const
{
    const int digits = minorDigits(m_currency);
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    // Built from integers so that no binary fraction creeps into what the customer reads.
    const qint64 whole = (m_minor < 0 ? -m_minor : m_minor) / scale;
    const qint64 fraction = (m_minor < 0 ? -m_minor : m_minor) % scale;
    QString number = locale.toString(whole);
    if (digits > 0)
        number += locale.decimalPoint() + QStringLiteral("%1").arg(fraction, digits, 10, QLatin1Char('0'));
    QString symbol = QLocale(locale.language(), locale.territory()).currencySymbol(QLocale::CurrencySymbol);
    // The locale's own symbol only fits its own currency; otherwise use the ISO code.
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) != m_currency)
        symbol = m_currency + QLatin1Char(' ');
    const QString sign = m_minor < 0 ? locale.negativeSign() : QString();
    return sign + symbol + number;
}

Money Money::parse(const QString &text, const QString &currency, const QLocale &locale, const QString &field)
{
    const int digits = minorDigits(currency);
    QString t = text.trimmed();
    t.remove(locale.groupSeparator());
    const bool negative = t.startsWith(locale.negativeSign()) || t.startsWith(QLatin1Char('-'));
    if (negative)
        t.remove(0, 1);
    const QStringList parts = t.split(locale.decimalPoint());
    auto bad = [&] {
        return Error(Error::Kind::BadInput,
                     Tr::tr("%1: enter an amount such as %2, not \"%3\".")
                         .arg(field, Money(123450 / (digits == 0 ? 100 : 1), currency).toString(locale), text));
    };
    if (parts.isEmpty() || parts.size() > 2 || parts.at(0).isEmpty())
        throw bad();
    bool ok = false;
    const qint64 whole = parts.at(0).toLongLong(&ok);
    if (!ok || whole < 0)
        throw bad();
    qint64 minor = whole;
    for (int i = 0; i < digits; ++i)
        minor *= 10;
    if (parts.size() == 2) {
        const QString frac = parts.at(1);
        if (frac.isEmpty() || frac.size() > digits)
            throw bad();
        for (QChar c : frac) {
            if (!c.isDigit())
                throw bad();
        }
        qint64 value = frac.toLongLong();
        for (qsizetype i = frac.size(); i < digits; ++i)
            value *= 10;
        minor += value;
    }
    return Money(negative ? -minor : minor, currency);
}

} // namespace Ud::Core
