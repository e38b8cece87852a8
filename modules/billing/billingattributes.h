#pragma once

#include <QDate>

namespace Ud::Rules {
class AttributeRegistry;
}

namespace Ud::Billing {

/// Registers what rules may test about a customer from the billing module, read over the
/// customers table (alias c) and the ledger and tariff assignments of the customer's accounts:
///  - account.balance (decimal, in the accounts' currency, major units: -12.5 owes 12.50): the
///    sum of the balances of all the customer's accounts, each the sum of its ledger entries,
///    signed as the Balance section shows them (positive in the customer's favour); unknown
///    for a customer without accounts. Exact: SQL reads it in hundredths (minor units of the
///    markets' currencies);
///  - account.days_in_arrears (integer): whole days from the due day of the oldest debt still
///    unpaid on `today` to `today`, over the customer's postpaid accounts, by the ledger's own
///    aged debt (AgedDebt::of: payments and credits settle the oldest debt first, entries after
///    `today` do not count); 0 when nothing is past due (also for prepaid-only customers);
///    unknown for a customer without accounts;
///  - has tariff "CODE": one of the customer's accounts is on a tariff with that code on `today`
///    (account_tariffs, both days inclusive; the code of any market).
/// Throws Core::Error(Conflict) if one of these names is already registered.
void registerBillingAttributes(Rules::AttributeRegistry &registry, const QDate &today);

} // namespace Ud::Billing
