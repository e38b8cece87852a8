#pragma once

#include <QString>
#include <QStringList>

namespace Ud::Accounts {

/// What differs between the countries of the markets when an address or a phone number is
/// entered: the shape of a postcode and its canonical form, the region phone numbers are read
/// in, and the time zone a premise gets unless the agent picks another. A small table of data
/// (GB, DE, ES, CN), used alike by the services and the forms so that they never disagree.
/// A country without rules accepts any postcode (trimmed, upper case) and has no default zone.
class MarketRules
{
public:
    /// The outcome of reading one field: the canonical value, or a sentence naming the field,
    /// what is wrong and an example of what to enter.
    struct Check {
        QString value;
        QString problem;
        bool ok() const { return problem.isEmpty(); }
    };

    /// The countries with rules, e.g. "GB".
    static QStringList countries();
    static bool hasRules(const QString &country);

    /// A postcode as the country writes it: GB "sw1a1aa" -> "SW1A 1AA"; DE five digits; ES
    /// five digits starting with a province number 01 to 52; CN six digits. An empty postcode
    /// is a problem where the country has rules.
    static Check postcode(const QString &country, const QString &text);
    /// An example postcode of the country ("SW1A 1AA"), empty without rules.
    static QString postcodeExample(const QString &country);
    /// The postcode without spaces, for comparing what was stored before the canonical form.
    static QString compactPostcode(const QString &postcode);

    /// The ISO region phone numbers without a country code are read in (the country itself).
    static QString phoneRegion(const QString &country);
    /// A phone number in E.164 (+442079460958) read in the country's region through
    /// libphonenumber; empty text is fine and gives an empty value.
    static Check phone(const QString &country, const QString &text);
    /// An example national phone number of the country, as people write it.
    static QString phoneExample(const QString &country);

    /// The IANA time zone of a premise in the country at this postcode: Europe/London,
    /// Europe/Berlin, Europe/Madrid (Atlantic/Canary for the Canary Islands' 35 and 38),
    /// Asia/Shanghai. Empty for a country without rules.
    static QString defaultTimeZone(const QString &country, const QString &postcode = {});
    /// The language customers in the country are most often served in ("en", "de", "es",
    /// "zh_CN"), for a form to preset; empty for a country without rules.
    static QString defaultLanguage(const QString &country);
};

} // namespace Ud::Accounts
