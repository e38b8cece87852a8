#include "billlinetext.h"

#include <QCoreApplication>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillLineText)
};

/// Micros with as many decimals as the price has (at least two): 245670 -> "0.24567".
QString microsText(qint64 micros, const QLocale &locale)
{
    const bool negative = micros < 0;
    const qint64 magnitude = negative ? -micros : micros;
    QString fraction = QString::number(magnitude % 1000000).rightJustified(6, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return (negative ? locale.negativeSign() : QString()) + locale.toString(magnitude / 1000000)
           + locale.decimalPoint() + fraction;
}
} // namespace

QString BillLineText::description(const BillLine &line)
{
    switch (line.kind) {
    case LineKind::Standing:
        return Tr::tr("Standing charge");
    case LineKind::Energy:
        return line.label.isEmpty() ? Tr::tr("Energy") : Tr::tr("Energy – %1").arg(line.label);
    case LineKind::Demand:
        return Tr::tr("Maximum demand");
    case LineKind::Package:
        return line.label.isEmpty() ? Tr::tr("Package") : Tr::tr("Package – %1").arg(line.label);
    case LineKind::Allowance:
        return line.label.isEmpty() ? Tr::tr("Prepaid allowance") : Tr::tr("Prepaid allowance – %1").arg(line.label);
    case LineKind::Levy:
        return line.label;
    case LineKind::Vat:
        return Tr::tr("VAT %1 %").arg(QLocale().toString(line.unitPrice / 100.0, 'f', line.unitPrice % 100 ? 2 : 0));
    }
    return line.label;
}

QString BillLineText::kwh(qint64 wh, const QLocale &locale)
{
    return Tr::tr("%1 kWh").arg(locale.toString(double(wh) / 1000.0, 'f', 3));
}

QString BillLineText::quantity(const BillLine &line, const QLocale &locale)
{
    switch (line.kind) {
    case LineKind::Standing:
        return Tr::tr("%n day(s)", nullptr, int(line.quantity));
    case LineKind::Demand:
        return Tr::tr("%1 kW").arg(locale.toString(double(line.quantity) / 1000.0, 'f', 3));
    case LineKind::Vat:
    case LineKind::Levy:
        // A levy is per kWh, per day or a share of the charges: its amount says it all.
        return {};
    default:
        return kwh(line.quantity, locale);
    }
}

QString BillLineText::unitPrice(const BillLine &line, const QString &currency, const QLocale &locale)
{
    const QString price = microsText(line.unitPrice, locale);
    switch (line.kind) {
    case LineKind::Standing:
        return Tr::tr("%1 %2/day").arg(price, currency);
    case LineKind::Demand:
        return Tr::tr("%1 %2/kW").arg(price, currency);
    case LineKind::Vat:
    case LineKind::Levy:
        return {};
    default:
        return Tr::tr("%1 %2/kWh").arg(price, currency);
    }
}

} // namespace Ud::Billing
