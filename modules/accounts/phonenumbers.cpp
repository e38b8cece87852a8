#include "phonenumbers.h"

#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace Ud::Accounts {

namespace {
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
}

QString PhoneNumbers::toE164(const QString &text, const QString &region, Problem *problem)
{
    auto report = [problem](Problem p) {
        if (problem)
            *problem = p;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        report(Problem::None);
        return {};
    }
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    // "ZZ" is libphonenumber's unknown region: only numbers with a country code parse.
    const std::string regionCode = region.isEmpty() ? std::string("ZZ") : region.toUpper().toStdString();
    PhoneNumber number;
    const auto error = util->Parse(trimmed.toStdString(), regionCode, &number);
    if (error == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR && region.isEmpty()) {
        report(Problem::NeedsCountry);
        return {};
    }
    if (error != PhoneNumberUtil::NO_PARSING_ERROR || !util->IsValidNumber(number)) {
        report(Problem::Invalid);
        return {};
    }
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    report(Problem::None);
    return QString::fromStdString(formatted);
}

QString PhoneNumbers::formatInternational(const QString &e164)
{
    if (e164.isEmpty())
        return {};
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    std::string formatted;
    util->Format(number, PhoneNumberUtil::INTERNATIONAL, &formatted);
    return QString::fromStdString(formatted);
}

} // namespace Ud::Accounts
