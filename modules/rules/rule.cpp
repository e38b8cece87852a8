#include "rule.h"

#include <QRegularExpression>

namespace Ud::Rules {

std::optional<Decimal> Decimal::fromText(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^(-?)(\\d{1,12})\\.(\\d{1,6})$"));
    const auto match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 whole = match.captured(2).toLongLong();
    const qint64 fraction = match.captured(3).leftJustified(6, QLatin1Char('0')).toLongLong();
    const qint64 magnitude = whole * Scale + fraction;
    return Decimal{match.captured(1).isEmpty() ? magnitude : -magnitude};
}

QString Decimal::toText() const
{
    const qint64 magnitude = micros < 0 ? -micros : micros;
    QString fraction = QString::number(magnitude % Scale).rightJustified(6, QLatin1Char('0'));
    while (fraction.size() > 1 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return (micros < 0 ? QStringLiteral("-") : QString()) + QString::number(magnitude / Scale)
        + QLatin1Char('.') + fraction;
}

} // namespace Ud::Rules
