#include "billdocument.h"

#include <core/error.h>
#include <core/money.h>

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QTimeZone>
#include <QTranslator>

#include <memory>

namespace Ud::Billing {

namespace {

// The document's phrases, in the Ud::Billing::BillDocument context for lupdate; translated
// with the customer's translator, not the one installed on the program.
const char *const Title = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Electricity bill");
const char *const CustomerLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Customer");
const char *const CustomerNumberLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Customer number");
const char *const AccountLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Account number");
const char *const PremiseLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Supply address");
const char *const BillNumberLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Bill number");
const char *const IssuedLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Issued on");
const char *const PeriodLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Billing period");
const char *const PeriodText = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1 to %2");
const char *const TariffLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Tariff");
const char *const ConsumptionLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Consumption");
const char *const DescriptionLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Description");
const char *const LinePeriodLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Days");
const char *const QuantityLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Quantity");
const char *const UnitPriceLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Unit price");
const char *const AmountLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Amount");
const char *const NetLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Total before VAT");
const char *const VatLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "VAT");
const char *const TotalLabel = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Total to pay");
const char *const DueNote = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Please pay %1 by %2.");
const char *const StandingLine = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Standing charge");
const char *const EnergyPlain = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Energy");
const char *const EnergyLine = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Energy: %1");
const char *const DemandLine = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Demand charge (highest demand)");
const char *const DemandPart = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Demand charge (highest demand), %1");
const char *const PackageLine = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Package: %1");
const char *const AllowanceLine = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "Allowance: %1");
const char *const EstimatedMark = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1 (estimated: %2)");
const char *const EstimateNote = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument",
                                                   "Lines marked \"estimated\" include consumption from estimated "
                                                   "readings: %1 of %2 in all.");
const char *const MissingNote = QT_TRANSLATE_N_NOOP("Ud::Billing::BillDocument",
                                                    "%n intervals of the period had no reading and are not billed.");
const char *const DaysUnit = QT_TRANSLATE_N_NOOP("Ud::Billing::BillDocument", "%n days");
const char *const KwhUnit = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1 kWh");
const char *const KwUnit = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1 kW");
const char *const PerKwh = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1/kWh");
const char *const PerDay = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1/day");
const char *const PerKw = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1/kW");
const char *const Percent = QT_TRANSLATE_NOOP("Ud::Billing::BillDocument", "%1%");

/// One translator per language, loaded once from the embedded translations.
class Translators
{
public:
    static Translators &instance()
    {
        static Translators translators;
        return translators;
    }
    /// Null when the program carries no translation for `language`.
    std::shared_ptr<QTranslator> forLanguage(const QString &language)
    {
        QMutexLocker lock(&m_mutex);
        if (auto found = m_loaded.constFind(language); found != m_loaded.constEnd())
            return *found;
        auto translator = std::make_shared<QTranslator>();
        if (!translator->load(QStringLiteral(":/i18n/utilitydesk_%1.qm").arg(language)))
            translator.reset();
        m_loaded.insert(language, translator);
        return translator;
    }

private:
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<QTranslator>> m_loaded;
};

class Phrases
{
public:
    explicit Phrases(const QString &language) : m_translator(Translators::instance().forLanguage(language)) {}
    QString operator()(const char *source, int n = -1) const
    {
        QString text;
        if (m_translator)
            text = m_translator->translate(BillDocument::Context, source, nullptr, n);
        if (text.isEmpty())
            text = QString::fromUtf8(source);
        if (n >= 0)
            text.replace(QLatin1String("%n"), QString::number(n));
        return text;
    }

private:
    std::shared_ptr<QTranslator> m_translator;
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

/// "%1" with the locale's way of writing money: the symbol (or code) as Money puts it.
QString moneyPattern(const QString &currency, const QLocale &locale)
{
    const QString zero = Core::Money(0, currency).toString(locale);
    const int digits = Core::Money::minorDigits(currency);
    QString number = locale.toString(0);
    if (digits > 0)
        number += locale.decimalPoint() + QString(digits, QLatin1Char('0'));
    QString pattern = zero;
    const qsizetype at = pattern.lastIndexOf(number);
    if (at < 0)
        return currency + QStringLiteral(" %1");
    pattern.replace(at, number.size(), QStringLiteral("%1"));
    return pattern;
}

QString priceText(qint64 micros, const QString &currency, const QLocale &locale)
{
    const int digits = Core::Money::minorDigits(currency);
    QString number = BillDocument::decimalText(micros < 0 ? -micros : micros, 6, digits, locale);
    if (micros < 0)
        number.prepend(locale.negativeSign());
    return moneyPattern(currency, locale).arg(number);
}

QString dayText(const QDate &day, const QLocale &locale)
{
    return locale.toString(day, QLocale::ShortFormat);
}

QString periodText(const Phrases &t, const QDate &from, const QDate &to, const QLocale &locale)
{
    return t(PeriodText).arg(dayText(from, locale), dayText(to, locale));
}

QString kwhText(const Phrases &t, qint64 wh, const QLocale &locale)
{
    return t(KwhUnit).arg(BillDocument::decimalText(wh, 3, 0, locale));
}

QString replaced(QString text, const QHash<QString, QString> &values)
{
    QString out;
    out.reserve(text.size() * 2);
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            break;
        out += QStringView(text).mid(pos, open - pos);
        out += values.value(text.mid(open + 2, close - open - 2));
        pos = close + 2;
    }
    out += QStringView(text).mid(pos);
    return out;
}

QString templateText()
{
    QFile file(QStringLiteral(":/billing/bill.html"));
    if (!file.open(QIODevice::ReadOnly)) {
        throw Core::Error(Core::Error::Kind::Database,
                          QCoreApplication::translate("Ud::Billing::BillDocument",
                                                      "The bill template is missing from the program (%1).")
                              .arg(file.fileName()));
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

QLocale BillDocument::localeFor(const QString &language, const QString &marketCode)
{
    const QLocale plain(language);
    if (!marketCode.isEmpty() && !language.contains(QLatin1Char('_'))) {
        const QLocale local(language + QLatin1Char('_') + marketCode);
        if (local.language() == plain.language() && local.territory() != QLocale::AnyTerritory
            && QLocale::territoryToCode(local.territory()) == marketCode)
            return local;
    }
    return plain;
}

QString BillDocument::translate(const QString &language, const char *sourceText, int n)
{
    return Phrases(language)(sourceText, n);
}

QString BillDocument::decimalText(qint64 value, int scale, int minDecimals, const QLocale &locale)
{
    qint64 divisor = 1;
    for (int i = 0; i < scale; ++i)
        divisor *= 10;
    const bool negative = value < 0;
    const qint64 magnitude = negative ? -value : value;
    QString fraction = QStringLiteral("%1").arg(magnitude % divisor, scale, 10, QLatin1Char('0'));
    while (fraction.size() > minDecimals && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    QString text = locale.toString(magnitude / divisor);
    if (!fraction.isEmpty())
        text += locale.decimalPoint() + fraction;
    return negative ? locale.negativeSign() + text : text;
}

QString BillDocument::html(const Bill &bill, const BillingAccount &account, const QString &tariffName)
{
    const Phrases t(bill.language);
    const QLocale locale = localeFor(bill.language, account.marketCode);
    const auto money = [&](qint64 minor) { return Core::Money(minor, bill.currency).toString(locale); };
    const QTimeZone zone = account.zone.isValid() ? account.zone : QTimeZone::utc();
    const QDate issuedOn = QDateTime::fromSecsSinceEpoch(bill.issuedAt, zone).date();

    const QString page = templateText();
    const QString lineStart = QStringLiteral("<!--line-->");
    const QString lineEnd = QStringLiteral("<!--/line-->");
    const qsizetype start = page.indexOf(lineStart);
    const qsizetype end = page.indexOf(lineEnd);
    const QString rowTemplate = start >= 0 && end > start ? page.mid(start + lineStart.size(), end - start - lineStart.size())
                                                          : QString();

    QString rows;
    for (const BillLine &line : bill.lines) {
        QString description;
        QString quantity;
        QString unitPrice;
        switch (line.kind) {
        case LineKind::Standing:
            description = t(StandingLine);
            quantity = t(DaysUnit, int(line.quantity));
            unitPrice = t(PerDay).arg(priceText(line.unitPrice, bill.currency, locale));
            break;
        case LineKind::Energy:
        case LineKind::Package:
        case LineKind::Allowance:
            if (line.kind == LineKind::Energy && line.label.isEmpty())
                description = t(EnergyPlain);
            else
                description = t(line.kind == LineKind::Energy ? EnergyLine
                                : line.kind == LineKind::Package ? PackageLine
                                                                 : AllowanceLine)
                                  .arg(line.label);
            quantity = kwhText(t, line.quantity, locale);
            if (line.unitPrice != 0)
                unitPrice = t(PerKwh).arg(priceText(line.unitPrice, bill.currency, locale));
            break;
        case LineKind::Demand:
            description = line.label.isEmpty() ? t(DemandLine) : t(DemandPart).arg(line.label);
            quantity = t(KwUnit).arg(decimalText(line.quantity, 3, 0, locale));
            unitPrice = t(PerKw).arg(priceText(line.unitPrice, bill.currency, locale));
            break;
        case LineKind::Levy:
            description = line.label;
            switch (line.levyBasis) {
            case LevyBasis::PerKwh:
                quantity = kwhText(t, line.quantity, locale);
                unitPrice = t(PerKwh).arg(priceText(line.unitPrice, bill.currency, locale));
                break;
            case LevyBasis::PerDay:
                quantity = t(DaysUnit, int(line.quantity));
                unitPrice = t(PerDay).arg(priceText(line.unitPrice, bill.currency, locale));
                break;
            case LevyBasis::PercentOfEnergy:
                // Of the charges above it, in millionths of a basis point (5.11269632 %).
                quantity = money(line.quantity);
                unitPrice = t(Percent).arg(decimalText(line.unitPrice, 8, 0, locale));
                break;
            }
            break;
        case LineKind::Vat:
            description = t(VatLabel);
            quantity = money(line.quantity);
            unitPrice = t(Percent).arg(decimalText(line.unitPrice, 2, 0, locale));
            break;
        }
        if (line.estimatedWh > 0)
            quantity = t(EstimatedMark).arg(quantity, kwhText(t, line.estimatedWh, locale));
        rows += replaced(rowTemplate, {{QStringLiteral("line_class"), line.estimatedWh > 0 ? QStringLiteral("estimated") : QString()},
                                       {QStringLiteral("line_description"), escaped(description)},
                                       {QStringLiteral("line_period"), escaped(periodText(t, line.from, line.to, locale))},
                                       {QStringLiteral("line_quantity"), escaped(quantity)},
                                       {QStringLiteral("line_unit_price"), escaped(unitPrice)},
                                       {QStringLiteral("line_amount"), escaped(money(line.amountMinor))}});
    }

    QStringList notes;
    if (bill.estimatedWh > 0)
        notes << t(EstimateNote).arg(kwhText(t, bill.estimatedWh, locale), kwhText(t, bill.consumptionWh, locale));
    if (bill.missingIntervals > 0)
        notes << t(MissingNote, int(bill.missingIntervals));

    const QString language = bill.language;
    QHash<QString, QString> values{
        {QStringLiteral("lang"), escaped(QString(language).replace(QLatin1Char('_'), QLatin1Char('-')))},
        {QStringLiteral("title"), escaped(t(Title))},
        {QStringLiteral("customer_label"), escaped(t(CustomerLabel))},
        {QStringLiteral("customer_name"), escaped(account.customerName)},
        {QStringLiteral("customer_number_label"), escaped(t(CustomerNumberLabel))},
        {QStringLiteral("customer_number"), escaped(account.customerNumber)},
        {QStringLiteral("account_label"), escaped(t(AccountLabel))},
        {QStringLiteral("account_number"), escaped(account.accountNumber)},
        {QStringLiteral("premise_label"), escaped(t(PremiseLabel))},
        {QStringLiteral("premise_address"), escaped(account.premiseAddress)},
        {QStringLiteral("bill_number_label"), escaped(t(BillNumberLabel))},
        {QStringLiteral("bill_number"), escaped(bill.number)},
        {QStringLiteral("issued_label"), escaped(t(IssuedLabel))},
        {QStringLiteral("issued_on"), escaped(dayText(issuedOn, locale))},
        {QStringLiteral("period_label"), escaped(t(PeriodLabel))},
        {QStringLiteral("period"), escaped(periodText(t, bill.from, bill.to, locale))},
        {QStringLiteral("tariff_label"), escaped(t(TariffLabel))},
        {QStringLiteral("tariff"), escaped(tariffName.isEmpty() ? bill.tariffCode : tariffName)},
        {QStringLiteral("consumption_label"), escaped(t(ConsumptionLabel))},
        {QStringLiteral("consumption"), escaped(kwhText(t, bill.consumptionWh, locale))},
        {QStringLiteral("description_label"), escaped(t(DescriptionLabel))},
        {QStringLiteral("line_period_label"), escaped(t(LinePeriodLabel))},
        {QStringLiteral("quantity_label"), escaped(t(QuantityLabel))},
        {QStringLiteral("unit_price_label"), escaped(t(UnitPriceLabel))},
        {QStringLiteral("amount_label"), escaped(t(AmountLabel))},
        {QStringLiteral("net_label"), escaped(t(NetLabel))},
        {QStringLiteral("net"), escaped(money(bill.netMinor))},
        {QStringLiteral("vat_label"), escaped(t(VatLabel))},
        {QStringLiteral("vat"), escaped(money(bill.vatMinor))},
        {QStringLiteral("total_label"), escaped(t(TotalLabel))},
        {QStringLiteral("total"), escaped(money(bill.totalMinor))},
        {QStringLiteral("due_note"), escaped(t(DueNote).arg(money(bill.totalMinor), dayText(bill.dueOn, locale)))},
        {QStringLiteral("estimate_note"), escaped(notes.join(QLatin1Char(' ')))},
    };
    QString body = page;
    if (start >= 0 && end > start)
        body.replace(start, end + lineEnd.size() - start, QStringLiteral("{{lines}}"));
    values.insert(QStringLiteral("lines"), rows);
    return replaced(body, values);
}

} // namespace Ud::Billing
