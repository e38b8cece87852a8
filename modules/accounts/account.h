#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Accounts {

enum class PaymentType { Postpaid, Prepaid };
QString paymentTypeKey(PaymentType value);                  ///< "postpaid"
std::optional<PaymentType> paymentTypeFromKey(const QString &key);
QString paymentTypeName(PaymentType value);                 ///< translated

enum class AccountStatus { Pending, Active, Suspended, Closed };
QString accountStatusKey(AccountStatus value);              ///< "active"
std::optional<AccountStatus> accountStatusFromKey(const QString &key);
QString accountStatusName(AccountStatus value);             ///< translated
QList<AccountStatus> allAccountStatuses();

/// A market the utility trades in: its country, and the currency every amount on its
/// accounts is kept in. VAT rates per market change over time (AccountService::vatRateBp).
struct Market {
    QString code;             ///< "GB"
    QString name;
    QString country;          ///< ISO 3166-1 alpha-2
    QString currency;         ///< ISO 4217, e.g. "GBP"

    friend bool operator==(const Market &, const Market &) = default;
};

/// A customer's account at one premise in one market. The account number is the
/// human-facing key (site prefix + zero-padded sequence); `id` is the UUID key.
struct Account {
    QString id;
    QString accountNumber;
    QString customerId;
    QString premiseId;        ///< empty for an account without a supply address
    QString marketCode;
    QString currency;         ///< from the market (read-only)
    PaymentType paymentType = PaymentType::Postpaid;
    AccountStatus status = AccountStatus::Active;
    QDate openedOn;
    QDate closedOn;           ///< invalid while open
    QDate finalReadingOn;     ///< the last meter reading when the customer moved out; invalid otherwise

    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace Ud::Accounts
