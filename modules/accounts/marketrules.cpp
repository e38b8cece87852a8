#include "marketrules.h"

#include "phonenumbers.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::MarketRules)
};

// Postcode areas whose premises keep another zone than the country's: the Canary Islands
// (Las Palmas 35, Santa Cruz de Tenerife 38) an hour behind the mainland, Ceuta and Melilla
// (51, 52) with their own IANA zone, and the German exclave Büsingen am Hochrhein (78266),
// which keeps Swiss time. The first matching prefix wins; otherwise the country's zone.
struct ZoneByPrefix {
    const char *country;
    const char *prefix;
    const char *zone;
};
constexpr ZoneByPrefix ZoneExceptions[] = {
    {"ES", "35", "Atlantic/Canary"},
    {"ES", "38", "Atlantic/Canary"},
    {"ES", "51", "Africa/Ceuta"},
    {"ES", "52", "Africa/Ceuta"},
    {"DE", "78266", "Europe/Busingen"},
};

struct CountryRow {
    const char *country;
    const char *zone;
    const char *postcodeExample;
    const char *phoneExample;
    const char *language;
};
constexpr CountryRow Countries[] = {
    {"GB", "Europe/London", "SW1A 1AA", "020 7946 0958", "en"},
    {"DE", "Europe/Berlin", "10117", "030 12345678", "de"},
    {"ES", "Europe/Madrid", "28013", "912 345 678", "es"},
    {"CN", "Asia/Shanghai", "200001", "010 6552 9988", "zh_CN"},
};

const CountryRow *rowOf(const QString &country)
{
    const QString code = country.trimmed().toUpper();
    for (const CountryRow &row : Countries) {
        if (code == QLatin1String(row.country))
            return &row;
    }
    return nullptr;
}

bool allDigits(const QString &text, int count)
{
    if (text.size() != count)
        return false;
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// "SW1A1AA" -> "SW1A 1AA": the inward code is always the last three characters.
QString canonicalBritish(const QString &compact)
{
    // Outward code: A9, A99, AA9, AA99, A9A or AA9A; inward: a digit and two letters other than
    // C, I, K, M, O and V. GIR 0AA is the one historic exception still in use.
    static const QRegularExpression pattern(
        QStringLiteral("^(?:[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][ABD-HJLNP-UW-Z]{2}|GIR0AA)$"));
    if (!pattern.match(compact).hasMatch())
        return {};
    return compact.left(compact.size() - 3) + QLatin1Char(' ') + compact.right(3);
}

QString countryName(const QString &country)
{
    if (country == QLatin1String("GB"))
        return Tr::tr("the United Kingdom");
    if (country == QLatin1String("DE"))
        return Tr::tr("Germany");
    if (country == QLatin1String("ES"))
        return Tr::tr("Spain");
    if (country == QLatin1String("CN"))
        return Tr::tr("China");
    return country;
}
} // namespace

QStringList MarketRules::countries()
{
    QStringList list;
    for (const CountryRow &row : Countries)
        list << QString::fromLatin1(row.country);
    return list;
}

bool MarketRules::hasRules(const QString &country)
{
    return rowOf(country) != nullptr;
}

QString MarketRules::compactPostcode(const QString &postcode)
{
    QString out;
    for (QChar c : postcode) {
        if (!c.isSpace())
            out.append(c.toUpper());
    }
    return out;
}

MarketRules::Check MarketRules::postcode(const QString &country, const QString &text)
{
    const QString code = country.trimmed().toUpper();
    const QString typed = text.simplified();
    const QString compact = compactPostcode(typed);
    if (!rowOf(code))
        return {typed.toUpper(), {}};

    if (code == QLatin1String("GB")) {
        if (typed.isEmpty())
            return {{}, Tr::tr("Postcode is required: enter the British postcode, for example SW1A 1AA.")};
        const QString canonical = canonicalBritish(compact);
        if (canonical.isEmpty())
            return {{}, Tr::tr("Postcode \"%1\" is not a British postcode: enter it like SW1A 1AA, with or without "
                               "the space.").arg(typed)};
        return {canonical, {}};
    }
    if (code == QLatin1String("DE")) {
        if (typed.isEmpty())
            return {{}, Tr::tr("Postcode is required: enter the German postcode of five digits, for example 10117.")};
        if (!allDigits(compact, 5) || compact.startsWith(QLatin1String("00")))
            return {{}, Tr::tr("Postcode \"%1\" is not a German postcode: enter five digits, for example 10117.").arg(typed)};
        return {compact, {}};
    }
    if (code == QLatin1String("ES")) {
        if (typed.isEmpty())
            return {{}, Tr::tr("Postcode is required: enter the Spanish postcode of five digits, for example 28013.")};
        if (!allDigits(compact, 5))
            return {{}, Tr::tr("Postcode \"%1\" is not a Spanish postcode: enter five digits, for example 28013.").arg(typed)};
        const int province = compact.left(2).toInt();
        if (province < 1 || province > 52)
            return {{}, Tr::tr("Postcode \"%1\" is not a Spanish postcode: its first two digits are the province, "
                               "from 01 to 52, for example 28013.").arg(typed)};
        return {compact, {}};
    }
    // CN
    if (typed.isEmpty())
        return {{}, Tr::tr("Postcode is required: enter the Chinese postcode of six digits, for example 200001.")};
    if (!allDigits(compact, 6))
        return {{}, Tr::tr("Postcode \"%1\" is not a Chinese postcode: enter six digits, for example 200001.").arg(typed)};
    return {compact, {}};
}

QString MarketRules::postcodeExample(const QString &country)
{
    const CountryRow *row = rowOf(country);
    return row ? QString::fromLatin1(row->postcodeExample) : QString();
}

QString MarketRules::phoneRegion(const QString &country)
{
    return country.trimmed().toUpper();
}

QString MarketRules::phoneExample(const QString &country)
{
    const CountryRow *row = rowOf(country);
    return row ? QString::fromLatin1(row->phoneExample) : QString();
}

MarketRules::Check MarketRules::phone(const QString &country, const QString &text)
{
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return {};
    const QString region = phoneRegion(country);
    PhoneNumbers::Problem problem = PhoneNumbers::Problem::None;
    const QString e164 = PhoneNumbers::toE164(typed, region, &problem);
    if (problem == PhoneNumbers::Problem::None)
        return {e164, {}};
    if (region.isEmpty() || problem == PhoneNumbers::Problem::NeedsCountry)
        return {{}, Tr::tr("Phone number \"%1\" has no country code: enter it with one, for example +44 20 7946 0958.")
                        .arg(typed)};
    const QString example = phoneExample(region);
    if (example.isEmpty())
        return {{}, Tr::tr("Phone number \"%1\" is not a valid number in %2: check the digits, or enter it with its "
                           "country code.").arg(typed, countryName(region))};
    return {{}, Tr::tr("Phone number \"%1\" is not a valid number in %2: check the digits, for example %3, or enter "
                       "it with its country code.").arg(typed, countryName(region), example)};
}

QString MarketRules::defaultTimeZone(const QString &country, const QString &postcode)
{
    const CountryRow *row = rowOf(country);
    if (!row)
        return {};
    const QString compact = compactPostcode(postcode);
    for (const ZoneByPrefix &exception : ZoneExceptions) {
        if (QLatin1String(exception.country) == QLatin1String(row->country)
            && compact.startsWith(QLatin1String(exception.prefix)))
            return QString::fromLatin1(exception.zone);
    }
    return QString::fromLatin1(row->zone);
}

QString MarketRules::defaultLanguage(const QString &country)
{
    const CountryRow *row = rowOf(country);
    return row ? QString::fromLatin1(row->language) : QString();
}

} // namespace Ud::Accounts
