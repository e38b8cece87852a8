#pragma once

#include "account.h"

#include <QDate>
#include <QList>
#include <QStringList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for accounts, markets and VAT rates, on the calling thread's connection inside the
/// caller's Transaction.
class AccountRepository
{
public:
    explicit AccountRepository(Core::Database &db);

    void insert(const Account &account);
    void updateStatus(const QString &id, AccountStatus status, const QDate &closedOn);
    std::optional<Account> get(const QString &id);
    std::optional<Account> byNumber(const QString &accountNumber);
    /// Oldest first.
    QList<Account> ofCustomer(const QString &customerId);
    /// Account numbers starting with `prefix` (to seed the number sequence).
    QStringList numbersWithPrefix(const QString &prefix);

    QList<Market> markets();
    std::optional<Market> market(const QString &code);
    /// The VAT rate in basis points in force on `date`, or nullopt before the first rate.
    std::optional<int> vatRateBp(const QString &marketCode, const QDate &date);
    /// Country of the market of the customer's oldest account; empty without accounts.
    QString countryOfCustomer(const QString &customerId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
