#pragma once

#include "billcalculation.h"
#include "tariff.h"

#include <accounts/account.h>
#include <accounts/customer.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Ud::Core {
class Database;
class SqlQuery;
}

namespace Ud::Billing {

/// What billing needs to know of an account.
struct BillingAccount {
    QString accountId;
    QString accountNumber;
    QString customerId;
    QString customerNumber;
    QString customerName;
    QString language;          ///< the customer's language ("en", "es", "zh"), for the bill document
    QString marketCode;
    QString currency;
    Accounts::CustomerClass customerClass = Accounts::CustomerClass::Residential;
    Accounts::PaymentType paymentType = Accounts::PaymentType::Postpaid;
    QString premiseId;
    QString premiseAddress;    ///< one line
    QTimeZone zone;
};

/// The tariff an account is on over a span of days (account_tariffs).
struct TariffAssignment {
    QString tariffId;
    QString tariffCode;
    QDate from;
    std::optional<QDate> to;
};

/// Reads what a calculation needs from the database: no permission checks (the services that
/// use it check them) and no transaction of its own (callers read inside theirs).
class BillingData
{
public:
    explicit BillingData(Core::Database &db);

    /// By account id or account number. Throws Core::Error(NotFound) naming it.
    BillingAccount account(const QString &idOrNumber);
    /// The electricity import readings of the account's meters over local days [from, to].
    MeteredUsage usage(const BillingAccount &account, const QDate &from, const QDate &to);
    /// The local days of the first and the last stored electricity import reading of the
    /// account's supply (nullopt without any): where prepaid charges start and test periods end.
    std::optional<QDate> firstReadingDay(const BillingAccount &account);
    std::optional<QDate> lastReadingDay(const BillingAccount &account);
    /// The account's tariff assignments, oldest first.
    QList<TariffAssignment> assignments(const QString &accountId);
    /// The tariff the account is on, on `day`.
    std::optional<Tariff> tariffOn(const QString &accountId, const QDate &day);
    /// VAT and levies of a market and class.
    TaxSchedule taxes(const QString &marketCode, Accounts::CustomerClass customerClass);
    /// Every tariff of the market that lists the class.
    QList<Tariff> tariffsFor(const QString &marketCode, Accounts::CustomerClass customerClass);

    /// For queries that read billing accounts: "SELECT <accountColumns()>[, more] FROM
    /// <accountJoins()> WHERE ...", then accountFromRow() on each row. The columns are the
    /// account, its customer and market, and its premise if any (columns 0 to 15).
    static QString accountColumns();
    static QString accountJoins();
    /// The account of the current row; its zone is the premise's (invalid without one).
    static BillingAccount accountFromRow(const Core::SqlQuery &q);
    /// A time zone id as stored (empty or unknown: an invalid zone).
    static QTimeZone zoneOf(const QString &id);

private:
    std::optional<QDate> readingDay(const BillingAccount &account, bool last);

    Core::Database &m_db;
};

} // namespace Ud::Billing
