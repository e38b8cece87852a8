#pragma once

#include "billcalculation.h"
#include "billingdata.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Billing {

/// One tariff of a rate comparison: the account's year billed under it.
struct RateOption {
    QString tariffId;
    QString tariffCode;
    QString tariffName;
    TariffKind kind = TariffKind::Postpaid;
    bool current = false;          ///< the tariff the account is on at the end of the period
    qint64 netMinor = 0;
    qint64 vatMinor = 0;
    qint64 totalMinor = 0;         ///< VAT included: what the options are ranked by
    qint64 savingMinor = 0;        ///< current total minus this one (positive: cheaper); 0 without a current tariff
    qint64 allowanceWh = 0;        ///< prepaid: the energy the allowance covered over the period
    qint64 overAllowanceWh = 0;    ///< beyond the allowance or the package's included units
};

/// One account of a rate comparison. The consumption figures say how much of the period was
/// estimated or missing (missing intervals are billed as nothing, under every tariff alike).
struct AccountComparison {
    QString accountId;
    QString accountNumber;
    QString marketCode;
    QString currency;
    Accounts::CustomerClass customerClass = Accounts::CustomerClass::Residential;
    Accounts::PaymentType paymentType = Accounts::PaymentType::Postpaid;
    QDate from;                    ///< whole months, at most 12, ending with the last full month of readings
    QDate to;
    int months = 0;
    qint64 consumptionWh = 0;
    qint64 estimatedWh = 0;
    qint64 expectedIntervals = 0;
    qint64 missingIntervals = 0;
    qint64 estimatedIntervals = 0;
    QString currentTariffCode;     ///< empty when the account has no tariff on `to`
    QList<RateOption> options;     ///< cheapest first
    QStringList skipped;           ///< one sentence per tariff that cannot price the period, and why
    QString note;                  ///< why there are no options (no full month of readings), else empty
};

struct RateComparison {
    QString customerId;
    QString customerNumber;
    QString customerName;
    QList<AccountComparison> accounts;   ///< the customer's accounts with electricity readings
};

/// Bills on demand, tariff assignment and rate comparison over BillCalculator and BillingData.
/// Reading needs ViewCustomers (and the customer within a field officer's region), assigning a
/// tariff RunBilling; an assignment is one transaction with its audit entry ("account.tariff").
class BillingService
{
public:
    explicit BillingService(Core::Context &context);

    /// The bill of the account (id or number) for local days [from, to] under the tariff it is
    /// on (the assignment in force on `from`, which must not change within the period), or the
    /// tariff of the account's market with code `tariffCode`. Throws NotFound for an unknown
    /// account or tariff, BadInput for a period without a tariff or that a tariff cannot price.
    BillResult bill(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from,
                    const QDate &to, const std::optional<QString> &tariffCode = std::nullopt);

    /// Puts the account on the tariff of its market from `from` on. An open assignment that
    /// started earlier ends the day before; assigning the tariff the account is already on from
    /// that day or earlier changes nothing. Throws BadInput for a tariff of another class or
    /// payment type or without prices on `from`, Conflict when an assignment starts on or after
    /// `from` or a closed one reaches it.
    TariffAssignment assignTariff(const Core::UserContext &user, const QString &accountIdOrNumber,
                                  const QString &tariffCode, const QDate &from);
    QList<TariffAssignment> assignments(const Core::UserContext &user, const QString &accountIdOrNumber);

    /// For each of the customer's (id or number) accounts with electricity readings: the last
    /// 12 full months of data (fewer if the readings are younger) billed under every tariff of
    /// its market and class, postpaid and prepaid, ranked by total with VAT.
    RateComparison compareRates(const Core::UserContext &user, const QString &customerIdOrNumber);

    /// The comparison of one account's usage over [from, to] under `tariffs` (the pure part of
    /// compareRates, for the benchmark and for tests).
    static AccountComparison compare(const BillingAccount &account, const MeteredUsage &usage, const QDate &from,
                                     const QDate &to, const QList<Tariff> &tariffs, const TaxSchedule &taxes,
                                     const QString &currentTariffId);

private:
    void requireCustomer(const Core::UserContext &user, const QString &customerId, const QString &customerNumber);

    Core::Context &m_context;
};

} // namespace Ud::Billing
