#pragma once

#include "account.h"
#include "accountrepository.h"
#include "customerrepository.h"
#include "premise.h"
#include "premiserepository.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// Premises, accounts and the markets they trade in. Opening an account gives it the next
/// human-facing number of this site (prefix + 8 digits, e.g. "UD00000042"), safe against
/// concurrent writers. Reads need ViewCustomers, changes EditCustomers; every change is
/// audited in its own transaction. Bad input throws Core::Error(BadInput) naming the field.
/// A field officer reads and changes only the accounts of customers in their region.
class AccountService
{
public:
    AccountService(Core::Context &context, QString sitePrefix);

    QString sitePrefix() const { return m_sitePrefix; }

    QList<Market> markets(const Core::UserContext &user);
    /// Throws NotFound naming the code.
    Market market(const Core::UserContext &user, const QString &code);
    /// VAT in basis points (2000 = 20 %) in force in the market on `date`. Throws NotFound if
    /// the market has no rate that early.
    int vatRateBp(const Core::UserContext &user, const QString &marketCode, const QDate &date);

    /// Validates (address line 1, ISO country, IANA time zone, coordinates) and stores.
    Premise addPremise(const Core::UserContext &user, Premise premise);
    Premise updatePremise(const Core::UserContext &user, const Premise &premise);
    Premise premise(const Core::UserContext &user, const QString &id);
    QList<Premise> premisesOfCustomer(const Core::UserContext &user, const QString &customerId);

    /// Opens an account for the customer at the premise (may be empty) in the market. The
    /// premise must lie in the market's country. `openedOn` defaults to today (UTC).
    Account openAccount(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                        const QString &marketCode, PaymentType paymentType, const QDate &openedOn = {});
    /// Closing sets the closed-on date (default today); any other status clears it.
    Account setStatus(const Core::UserContext &user, const QString &accountId, AccountStatus status,
                      const QDate &effective = {});
    Account account(const Core::UserContext &user, const QString &id);
    std::optional<Account> findByNumber(const Core::UserContext &user, const QString &accountNumber);
    /// Oldest first.
    QList<Account> accountsOfCustomer(const Core::UserContext &user, const QString &customerId);

private:
    void validate(Premise &premise);
    QString nextAccountNumber();
    Account requireAccount(const QString &id);
    /// Denied for a field officer when the customer is outside their region (RegionAccess).
    void requireCustomerInRegion(const Core::UserContext &user, const QString &customerId);
    QDate today() const;

    Core::Context &m_context;
    QString m_sitePrefix;
    AccountRepository m_accounts;
    PremiseRepository m_premises;
    CustomerRepository m_customers;
};

} // namespace Ud::Accounts
