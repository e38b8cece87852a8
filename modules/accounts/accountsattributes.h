#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace Ud::Rules {
class AttributeRegistry;
}

namespace Ud::Accounts {

/// The age bands of the "age_band" attribute, youngest first: under_30, from_30_to_44, from_45_to_59,
/// from_60_to_74, from_75 (whole years of age on the day the registry is built for).
QStringList ageBandKeys();

/// Registers what rules may test about a customer from the accounts module, read over the
/// customers table (alias c):
///  - class (enum), language (text: a code such as "en" or "de"), income_band, credit_band
///    (enums, unknown when not recorded), business_type (text, unknown when empty), household_size (integer), age_band (enum,
///    from date_of_birth as of `today`; unknown without a date of birth);
///  - postcode and region (text): those of the premises of the customer's first account
///    (opened first, then by account number), as the customer list shows; unknown without one;
///  - has vulnerability "life_support", has appliance "solar_pv" (at the premises of any of
///    the customer's accounts), has account.market "GB", has account.payment_type "prepaid"
///    (any of the customer's accounts).
/// Throws Core::Error(Conflict) if one of these names is already registered.
void registerAccountsAttributes(Rules::AttributeRegistry &registry, const QDate &today);

} // namespace Ud::Accounts
