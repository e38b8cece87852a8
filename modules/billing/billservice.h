#pragma once

#include "bill.h"
#include "billingdata.h"
#include "billstore.h"
#include "ledger.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Billing {

/// A bill calculated but not stored: what "Calculate bill…" shows before it is issued.
struct BillPreview {
    BillingAccount account;
    QString tariffName;
    QDate from;                   ///< the days billed: the period asked for, within the account's days
    QDate to;
    BillResult result;
    std::optional<Bill> existing; ///< an issued bill already covering a day of the period
};

/// Bills of one account: calculate one for a period (ViewCustomers), issue it (RunBilling,
/// one transaction with its bill number, its ledger entry and the audit entry "bill.issue"),
/// and read an account's or customer's bills and one bill with its lines (ViewCustomers; a field officer
/// only within their region). The days billed are the period asked for within the account's
/// own days (from its opening to its final reading), under the one tariff assigned for all of
/// them. An account never has two issued bills sharing a day: issuing over a billed day
/// throws Error(Conflict) naming the bill. Bad input throws Error(BadInput) naming the field.
class BillService
{
public:
    /// Days after the day of issue that a bill is due.
    static constexpr int PaymentTermDays = 14;
    /// The longest period one bill covers.
    static constexpr int MaxPeriodDays = 366;

    /// `sitePrefix` starts the bill numbers ("UD" gives "UDB0000000001").
    BillService(Core::Context &context, QString sitePrefix);

    BillPreview calculate(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from,
                          const QDate &to);
    Bill issue(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from, const QDate &to);

    /// Latest period first, without lines.
    QList<Bill> billsOfAccount(const Core::UserContext &user, const QString &accountIdOrNumber);
    QList<Bill> billsOfCustomer(const Core::UserContext &user, const QString &customerId);
    /// With its lines; throws NotFound naming the bill.
    Bill bill(const Core::UserContext &user, const QString &idOrNumber);
    /// The bill's document (BillDocument) in the language stored with it.
    QString documentHtml(const Core::UserContext &user, const QString &idOrNumber);
    /// The document a preview would be if issued now (no bill number yet), in the customer's language.
    QString previewHtml(const BillPreview &preview) const;
    /// The same for a bill calculated elsewhere (`utilitydesk bill`, possibly under another
    /// tariff) for the account (ViewCustomers).
    QString previewHtml(const Core::UserContext &user, const QString &accountIdOrNumber, const BillResult &result);
    /// The customer's postpaid accounts, by account number (ViewCustomers).
    QList<BillingAccount> billableAccounts(const Core::UserContext &user, const QString &customerId);

    QString sitePrefix() const { return m_sitePrefix; }

    /// Throws BadInput unless [from, to] is a valid period of at most MaxPeriodDays days.
    static void checkPeriod(const QDate &from, const QDate &to);
    /// The days of [from, to] the account holds (opened, not yet finally read), or nullopt if none.
    static std::optional<QPair<QDate, QDate>> accountDays(const QDate &from, const QDate &to, const QDate &openedOn,
                                                          const QDate &endsOn);
    /// The assignment covering every day of [from, to]; throws BadInput saying which day has no
    /// tariff or where the tariff changes.
    static TariffAssignment tariffCovering(const QList<TariffAssignment> &assignments, const QString &accountNumber,
                                           const QDate &from, const QDate &to);
    /// The bill's due date for an issue at `issuedAt` (UTC seconds).
    static QDate dueOn(qint64 issuedAt);
    /// What puts an issued bill on its account's ledger: its total owed, from its day of issue
    /// in the account's zone, due on its due day.
    static BillPosting ledgerPosting(const Bill &bill, const QTimeZone &zone);

private:
    struct Prepared;
    Prepared prepare(const QString &accountIdOrNumber, const QDate &from, const QDate &to);
    void requireInRegion(const Core::UserContext &user, const QString &customerId);

    Core::Context &m_context;
    QString m_sitePrefix;
    BillStore m_store;
};

} // namespace Ud::Billing
