#include "billingattributes.h"

#include <core/dialect.h>
#include <rules/attributeregistry.h>
#include <rules/attributesql.h>

namespace Ud::Billing {

using Rules::AttributeDefinition;
using Rules::AttributeSql;
using Rules::AttributeType;

namespace {

/// Whole days from the ISO date expression `from` to the bound day `to` (both ISO text).
QString daysBetween(const QString &from, const QString &to, const Core::Dialect &dialect)
{
    if (dialect.isPostgres())
        return QStringLiteral("(CAST(%1 AS date) - CAST(%2 AS date))").arg(to, from);
    return QStringLiteral("CAST(julianday(%1) - julianday(%2) AS INTEGER)").arg(to, from);
}

/// NULL (Unknown) for a customer without accounts, else `value`.
QString withAccounts(const QString &alias, const QString &value)
{
    return QStringLiteral("CASE WHEN EXISTS (SELECT 1 FROM accounts xa WHERE xa.customer_id = %1.id) THEN %2 END").arg(alias, value);
}

/// The days in arrears as AgedDebt::of counts them, over every postpaid account of the
/// customer at once: per account, the payments and credits on or before `today` settle the
/// debts oldest first (by due day, then seq), so a debt is still (partly) open exactly when the
/// debts up to and including it exceed what was paid. The oldest open debt of all accounts
/// gives the days; when it is not yet past due, neither is any later one, so only open debts
/// due before today are looked at and none means 0.
QString daysInArrears(const QString &alias, const QDate &today, const Core::Dialect &dialect, const AttributeSql::Binder &bind)
{
    const QString day = today.toString(Qt::ISODate);
    const QString due = QStringLiteral("(CASE WHEN le.kind = 'bill' AND NULLIF(le.due_on, '') IS NOT NULL THEN le.due_on "
                                       "ELSE le.day END)");
    const QString open = QStringLiteral(
        "SELECT le.amount_minor AS amount_minor, %1 AS due, "
        "SUM(CASE WHEN le.amount_minor > 0 THEN le.amount_minor ELSE 0 END) OVER (PARTITION BY le.account_id) AS paid, "
        "SUM(CASE WHEN le.amount_minor < 0 THEN -le.amount_minor ELSE 0 END) OVER (PARTITION BY le.account_id "
        "ORDER BY %1, le.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS owed "
        "FROM accounts pa JOIN ledger_entries le ON le.account_id = pa.id "
        "WHERE pa.customer_id = %2.id AND pa.payment_type = 'postpaid' AND le.day <= %3")
                             .arg(due, alias, bind(day));
    const QString oldest = QStringLiteral("(SELECT %1 FROM (%2) od WHERE od.amount_minor < 0 AND od.owed > od.paid AND od.due < %3)")
                               .arg(daysBetween(QStringLiteral("MIN(od.due)"), bind(day), dialect), open, bind(day));
    return withAccounts(alias, QStringLiteral("COALESCE(%1, 0)").arg(oldest));
}

} // namespace

void registerBillingAttributes(Rules::AttributeRegistry &registry, const QDate &today)
{
    AttributeDefinition balance;
    balance.name = QStringLiteral("account.balance");
    balance.type = AttributeType::Decimal;
    balance.sql = AttributeSql::column(
        withAccounts(QStringLiteral("%1"),
                     QStringLiteral("COALESCE((SELECT SUM(le.amount_minor) FROM accounts ba JOIN ledger_entries le "
                                    "ON le.account_id = ba.id WHERE ba.customer_id = %1.id), 0)")),
        100);
    registry.addAttribute(balance);

    AttributeDefinition arrears;
    arrears.name = QStringLiteral("account.days_in_arrears");
    arrears.type = AttributeType::Integer;
    arrears.sql = AttributeSql::computed([today](const QString &alias, const std::optional<Rules::Period> &,
                                                 const Core::Dialect &dialect, const AttributeSql::Binder &bind) {
        return daysInArrears(alias, today, dialect, bind);
    });
    registry.addAttribute(arrears);

    // An item list has no binder: the day goes in as an ISO date literal that this code writes
    // (digits and dashes), never text from a rule; the tariff code is bound as %2. "IN (the
    // customers on it)" rather than a correlated EXISTS, as the accounts module's has-kinds:
    // the same answer (no NULL ids), the list built once per count.
    const QString day = today.toString(Qt::ISODate);
    Rules::HasKind tariff;
    tariff.name = QStringLiteral("tariff");
    tariff.sql = AttributeSql::itemList(
        QStringLiteral("%1.id IN (SELECT ta.customer_id FROM tariffs tt JOIN account_tariffs tat ON tat.tariff_id = tt.id "
                       "JOIN accounts ta ON ta.id = tat.account_id WHERE tt.code = %2 "
                       "AND tat.effective_from <= '") + day + QStringLiteral("' AND (tat.effective_to IS NULL OR tat.effective_to >= '")
            + day + QStringLiteral("'))"));
    registry.addHasKind(tariff);
}

} // namespace Ud::Billing
