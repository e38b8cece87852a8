#include "billcli.h"

#include "appcontext.h"
#include "billpdfcli.h"

#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffjson.h>
#include <core/money.h>
#include <core/usercontext.h>

namespace Ud::App::Cli {

namespace {

using Billing::BillLine;
using Billing::LineKind;

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString kindKey(LineKind kind)
{
    switch (kind) {
    case LineKind::Standing: return QStringLiteral("standing");
    case LineKind::Energy: return QStringLiteral("energy");
    case LineKind::Demand: return QStringLiteral("demand");
    case LineKind::Package: return QStringLiteral("package");
    case LineKind::Allowance: return QStringLiteral("allowance");
    case LineKind::Levy: return QStringLiteral("levy");
    case LineKind::Vat: return QStringLiteral("vat");
    }
    return {};
}

/// A share in millionths of a basis point as a percentage: 511269632 -> "5.11269632%".
QString percentText(qint64 microBp)
{
    const qint64 scale = 100000000; // micro-bp per percent
    QString digits = QStringLiteral("%1").arg(microBp % scale, 8, 10, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    const QString whole = QString::number(microBp / scale);
    return (digits.isEmpty() ? whole : whole + QLatin1Char('.') + digits) + QLatin1Char('%');
}

QDate requiredDate(const Parsed &p, const QString &option, const QString &example)
{
    if (!p.has(option) || p.options.value(option).isEmpty())
        throw usage(Tr::tr("%1 is required: write %1 %2.").arg(option, example));
    const QString text = p.options.value(option);
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid()) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(option, text));
    }
    return d;
}

void printLine(QTextStream &out, const BillLine &l, const QString &currency)
{
    QString quantity;
    QString unit;
    QString price;
    switch (l.kind) {
    case LineKind::Standing:
        quantity = QString::number(l.quantity);
        unit = QStringLiteral("days");
        price = Billing::TariffJson::formatMicros(l.unitPrice);
        break;
    case LineKind::Demand:
        quantity = kwhText(l.quantity);   // W -> kW with 3 decimals
        unit = QStringLiteral("kW");
        price = Billing::TariffJson::formatMicros(l.unitPrice);
        break;
    case LineKind::Vat:
        quantity = minorText(l.quantity, currency);
        unit = currency;
        price = percentText(l.unitPrice * 1000000);
        break;
    case LineKind::Levy:
        if (l.levyBasis == Billing::LevyBasis::PerDay) {
            quantity = QString::number(l.quantity);
            unit = QStringLiteral("days");
            price = Billing::TariffJson::formatMicros(l.unitPrice);
        } else if (l.levyBasis == Billing::LevyBasis::PercentOfEnergy) {
            quantity = minorText(l.quantity, currency);
            unit = currency;
            price = percentText(l.unitPrice);
        } else {
            quantity = kwhText(l.quantity);
            unit = QStringLiteral("kWh");
            price = Billing::TariffJson::formatMicros(l.unitPrice);
        }
        break;
    default:
        quantity = kwhText(l.quantity);
        unit = QStringLiteral("kWh");
        price = Billing::TariffJson::formatMicros(l.unitPrice);
        break;
    }
    out << kindKey(l.kind) << ',' << csv(l.label) << ',' << l.from.toString(Qt::ISODate) << ','
        << l.to.toString(Qt::ISODate) << ',' << quantity << ',' << unit << ',' << price << ','
        << minorText(l.amountMinor, currency) << ',' << kwhText(l.estimatedWh) << Qt::endl;
}

} // namespace

QString minorText(qint64 minor, const QString &currency)
{
    const int digits = Core::Money::minorDigits(currency);
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const qint64 magnitude = minor < 0 ? -minor : minor;
    QString text = QString::number(magnitude / scale);
    if (digits > 0)
        text += QLatin1Char('.') + QStringLiteral("%1").arg(magnitude % scale, digits, 10, QLatin1Char('0'));
    return minor < 0 ? QLatin1Char('-') + text : text;
}

QString kwhText(qint64 wh)
{
    const qint64 magnitude = wh < 0 ? -wh : wh;
    const QString text = QStringLiteral("%1.%2").arg(magnitude / 1000).arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
    return wh < 0 ? QLatin1Char('-') + text : text;
}

QStringList billOptionNames()
{
    return {QStringLiteral("--from"), QStringLiteral("--to"), QStringLiteral("--tariff"), QStringLiteral("--pdf")};
}

BillArguments billArguments(const Parsed &p)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("Write: utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]."));
    allowOnly(p, billOptionNames());
    BillArguments a;
    a.account = p.words.at(1);
    a.from = requiredDate(p, QStringLiteral("--from"), QStringLiteral("2025-01-01"));
    a.to = requiredDate(p, QStringLiteral("--to"), QStringLiteral("2025-01-31"));
    if (p.has(QStringLiteral("--tariff"))) {
        const QString code = p.options.value(QStringLiteral("--tariff")).trimmed();
        if (code.isEmpty())
            throw usage(Tr::tr("--tariff needs the code of a tariff of the account's market."));
        a.tariffCode = code;
    }
    return a;
}

int runBill(const Parsed &p, QTextStream &out)
{
    const BillArguments a = billArguments(p);
    AppContext context(databaseUrl(p));
    context.open();
    const Billing::BillResult bill = context.module<Billing::BillingModule>()->billing().bill(
        Core::UserContext::operatingSystemUser(), a.account, a.from, a.to, a.tariffCode);
    const QString from = bill.from.toString(Qt::ISODate);
    const QString to = bill.to.toString(Qt::ISODate);
    out << "kind,label,from,to,quantity,unit,unit_price,amount,estimated_kwh" << Qt::endl;
    out << "tariff," << csv(bill.tariffCode) << ',' << from << ',' << to << ",,," << ",," << Qt::endl;
    for (const BillLine &l : bill.lines)
        printLine(out, l, bill.currency);
    out << "net,," << from << ',' << to << ",," << bill.currency << ",," << minorText(bill.netMinor, bill.currency)
        << ',' << Qt::endl;
    out << "vat_total,," << from << ',' << to << ",," << bill.currency << ",," << minorText(bill.vatMinor, bill.currency)
        << ',' << Qt::endl;
    out << "total,," << from << ',' << to << ",," << bill.currency << ",," << minorText(bill.totalMinor, bill.currency)
        << ',' << Qt::endl;
    out << "consumption,," << from << ',' << to << ',' << kwhText(bill.consumptionWh) << ",kWh,,,"
        << kwhText(bill.estimatedWh) << Qt::endl;
    out << "estimated,"
        << csv(Tr::tr("%1 kWh of %2 kWh from estimated or edited readings")
                   .arg(kwhText(bill.estimatedWh), kwhText(bill.consumptionWh)))
        << ',' << from << ',' << to << ',' << kwhText(bill.estimatedWh) << ",kWh,,," << kwhText(bill.estimatedWh)
        << Qt::endl;
    out << "missing,"
        << csv(Tr::tr("%1 of %2 intervals without a reading, billed as nothing")
                   .arg(bill.missingIntervals)
                   .arg(bill.expectedIntervals))
        << ',' << from << ',' << to << ',' << bill.missingIntervals << ",intervals,,," << Qt::endl;
    if (bill.overAllowanceWh > 0) {
        out << "over_allowance," << csv(Tr::tr("beyond the allowance or the included units")) << ',' << from << ','
            << to << ',' << kwhText(bill.overAllowanceWh) << ",kWh,,," << Qt::endl;
    }
    if (p.has(QStringLiteral("--pdf")))
        writeBillPdf(context, a.account, bill, p.options.value(QStringLiteral("--pdf")));
    return 0;
}

int runRateCompare(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("Write: utilitydesk rate-compare CUSTOMER [--csv]."));
    allowOnly(p, {QStringLiteral("--csv")});
    const bool asCsv = p.has(QStringLiteral("--csv"));
    AppContext context(databaseUrl(p));
    context.open();
    const Billing::RateComparison r = context.module<Billing::BillingModule>()->billing().compareRates(
        Core::UserContext::operatingSystemUser(), p.words.at(1));

    if (asCsv) {
        out << "account,from,to,months,rank,tariff,name,kind,current,net,vat,total,saving,allowance_kwh,"
               "over_allowance_kwh,consumption_kwh,estimated_kwh,missing_intervals,expected_intervals"
            << Qt::endl;
    } else {
        out << Tr::tr("Rate comparison for %1 (%2)").arg(r.customerName, r.customerNumber) << Qt::endl;
    }
    if (r.accounts.isEmpty() && !asCsv)
        out << Tr::tr("The customer has no account with electricity readings.") << Qt::endl;
    for (const Billing::AccountComparison &a : r.accounts) {
        const QString from = a.from.toString(Qt::ISODate);
        const QString to = a.to.toString(Qt::ISODate);
        if (asCsv) {
            const QString tail = QStringLiteral("%1,%2,%3,%4")
                                     .arg(kwhText(a.consumptionWh), kwhText(a.estimatedWh))
                                     .arg(a.missingIntervals)
                                     .arg(a.expectedIntervals);
            int rank = 0;
            for (const Billing::RateOption &o : a.options) {
                out << a.accountNumber << ',' << from << ',' << to << ',' << a.months << ',' << ++rank << ','
                    << csv(o.tariffCode) << ',' << csv(o.tariffName) << ',' << Billing::tariffKindKey(o.kind) << ','
                    << (o.current ? "yes" : "no") << ',' << minorText(o.netMinor, a.currency) << ','
                    << minorText(o.vatMinor, a.currency) << ',' << minorText(o.totalMinor, a.currency) << ','
                    << (a.currentTariffCode.isEmpty() ? QString() : minorText(o.savingMinor, a.currency)) << ','
                    << kwhText(o.allowanceWh) << ',' << kwhText(o.overAllowanceWh) << ',' << tail << Qt::endl;
            }
            for (const QString &s : a.skipped) {
                out << a.accountNumber << ',' << from << ',' << to << ',' << a.months << ",skipped,," << csv(s)
                    << ",,,,,,,,," << tail << Qt::endl;
            }
            if (!a.note.isEmpty())
                out << a.accountNumber << ",,,0,none,," << csv(a.note) << ",,,,,,,,,,,," << Qt::endl;
            continue;
        }
        out << Qt::endl
            << Tr::tr("Account %1 (%2, %3, %4)")
                   .arg(a.accountNumber, a.marketCode, Accounts::customerClassName(a.customerClass),
                        Accounts::paymentTypeName(a.paymentType))
            << Qt::endl;
        if (!a.note.isEmpty()) {
            out << "  " << a.note << Qt::endl;
            continue;
        }
        out << "  " << Tr::tr("%1 to %2 (months compared: %3): %4 kWh").arg(from, to).arg(a.months).arg(kwhText(a.consumptionWh))
            << Qt::endl;
        out << "  " << Tr::tr("Estimated: %1 kWh from %2 estimated or edited intervals.").arg(kwhText(a.estimatedWh)).arg(a.estimatedIntervals)
            << Qt::endl;
        out << "  " << Tr::tr("Missing: %1 of %2 intervals have no reading and are billed as nothing under every tariff.")
                           .arg(a.missingIntervals)
                           .arg(a.expectedIntervals)
            << Qt::endl;
        if (a.currentTariffCode.isEmpty())
            out << "  " << Tr::tr("The account has no tariff at the end of the period; no saving is shown.") << Qt::endl;
        out << QStringLiteral("  %1  %2  %3  %4  %5")
                   .arg(Tr::tr("rank"), -4)
                   .arg(Tr::tr("tariff"), -20)
                   .arg(Tr::tr("total with VAT (%1)").arg(a.currency), 24)
                   .arg(Tr::tr("saving"), 12)
                   .arg(Tr::tr("note"))
            << Qt::endl;
        int rank = 0;
        for (const Billing::RateOption &o : a.options) {
            QStringList notes;
            if (o.current)
                notes << Tr::tr("current tariff");
            if (o.kind == Billing::TariffKind::Prepaid)
                notes << Tr::tr("prepaid, allowance %1 kWh").arg(kwhText(o.allowanceWh));
            QString row = QStringLiteral("  %1  %2  %3  %4  %5")
                              .arg(++rank, -4)
                              .arg(o.tariffCode, -20)
                              .arg(minorText(o.totalMinor, a.currency), 24)
                              .arg(a.currentTariffCode.isEmpty() ? QString() : minorText(o.savingMinor, a.currency), 12)
                              .arg(notes.join(QStringLiteral("; ")));
            while (row.endsWith(QLatin1Char(' ')))
                row.chop(1);
            out << row << Qt::endl;
        }
        for (const QString &s : a.skipped)
            out << "  " << Tr::tr("Not compared: %1").arg(s) << Qt::endl;
    }
    return 0;
}

QString billHelpText()
{
    return Tr::tr("  bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]\n"
                  "                                        the account's bill for the days as CSV: line items,\n"
                  "                                        totals, estimated kWh and missing intervals; under the\n"
                  "                                        tariff it is on, or the tariff CODE of its market;\n"
                  "                                        --pdf also writes its document, in the customer's language\n"
                  "  rate-compare CUSTOMER [--csv]         the last 12 full months of each electricity account\n"
                  "                                        under every tariff of its market and class, cheapest\n"
                  "                                        first, with VAT and the saving against the current one\n");
}

} // namespace Ud::App::Cli
