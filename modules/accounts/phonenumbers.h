#pragma once

#include <QString>

namespace Ud::Accounts {

/// Phone numbers through libphonenumber: read what a customer or agent typed, in the
/// customer's country, and keep it in E.164 form (+442079460958) so that search and
/// dialling work the same for every market.
class PhoneNumbers
{
public:
    enum class Problem {
        None,
        NeedsCountry,   ///< a national number but no country to read it in
        Invalid,        ///< not a number that can exist in that country
    };

    /// E.164 form of `text` read as dialled in `region` (ISO 3166-1 alpha-2, may be empty when
    /// the text starts with +). Empty text gives an empty result and Problem::None.
    static QString toE164(const QString &text, const QString &region, Problem *problem = nullptr);
    /// "+44 20 7946 0958" for "+442079460958"; the input unchanged if it cannot be parsed.
    static QString formatInternational(const QString &e164);
};

} // namespace Ud::Accounts
