#pragma once

#include "billcalculation.h"
#include "billingdata.h"
#include "tariff.h"

#include <QDate>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Billing {

/// A tariff tried against one account's real interval data before it is published: the bill
/// the draft gives and, for comparison, the bill of the tariff the account is on.
struct TariffTrial {
    BillingAccount account;
    QDate from;
    QDate to;
    BillResult draft;
    std::optional<BillResult> current;  ///< nullopt when the account has no tariff on `from`
    QString currentName;
};

/// Test-calculation for the tariff editor. Needs ManageCatalog (defining tariffs) and reads in
/// one read transaction; the draft is never stored. Taxes are those of the account's market
/// and class, so the figures are what the customer would be billed.
class TariffTrialService
{
public:
    explicit TariffTrialService(Core::Context &context);

    /// The bill of `draft` over the local days [from, to] for the account (id or number). A
    /// draft of one version (what the editor makes) is tried as if that version were in force
    /// over the whole period, whatever its effective dates: new prices from tomorrow are tried
    /// on last month's readings.
    /// Throws BadInput when the draft is for another market or not for the account's customer
    /// class, or the period is empty or reversed; NotFound for an unknown account.
    TariffTrial run(const Core::UserContext &user, const Tariff &draft, const QString &account,
                    const QDate &from, const QDate &to);
    /// The last whole calendar month with readings for the account: the period a test
    /// calculation starts from. nullopt when the account has no electricity readings.
    std::optional<std::pair<QDate, QDate>> lastFullMonth(const Core::UserContext &user, const QString &account);

private:
    Core::Context &m_context;
};

} // namespace Ud::Billing
