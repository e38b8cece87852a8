#include "billservice.h"

#include "billdocument.h"
#include "billrundata.h"
#include "ledgerservice.h"
#include "tariffrepository.h"

#include <accounts/customerrepository.h>
#include <accounts/regionaccess.h>
#include <accounts/sqlvalues.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillService)
};

using Core::Error;
using Core::Permission;

QString iso(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

QJsonObject auditOf(const Bill &bill)
{
    return {{QStringLiteral("number"), bill.number},
            {QStringLiteral("account"), bill.accountNumber},
            {QStringLiteral("from"), iso(bill.from)},
            {QStringLiteral("to"), iso(bill.to)},
            {QStringLiteral("tariff"), bill.tariffCode},
            {QStringLiteral("currency"), bill.currency},
            {QStringLiteral("net_minor"), bill.netMinor},
            {QStringLiteral("vat_minor"), bill.vatMinor},
            {QStringLiteral("total_minor"), bill.totalMinor},
            {QStringLiteral("consumption_wh"), bill.consumptionWh},
            {QStringLiteral("estimated_wh"), bill.estimatedWh},
            {QStringLiteral("due_on"), iso(bill.dueOn)}};
}

} // namespace

struct BillService::Prepared {
    BillingAccount account;
    QDate from;
    QDate to;
    Tariff tariff;
    TaxSchedule taxes;
    MeteredUsage usage;
};

BillService::BillService(Core::Context &context, QString sitePrefix)
    : m_context(context), m_sitePrefix(std::move(sitePrefix)), m_store(context.database)
{
}

void BillService::checkPeriod(const QDate &from, const QDate &to)
{
    if (!from.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("From: enter the first day of the period, e.g. 2024-06-01."));
    if (!to.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("To: enter the last day of the period, e.g. 2024-06-30."));
    if (to < from)
        throw Error(Error::Kind::BadInput, Tr::tr("To: enter a day on or after %1, the first day of the period.").arg(iso(from)));
    if (from.daysTo(to) + 1 > MaxPeriodDays)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("To: a bill covers at most %1 days; enter a day up to %2.").arg(MaxPeriodDays).arg(iso(from.addDays(MaxPeriodDays - 1))));
}

std::optional<QPair<QDate, QDate>> BillService::accountDays(const QDate &from, const QDate &to, const QDate &openedOn,
                                                           const QDate &endsOn)
{
    const QDate first = openedOn.isValid() ? std::max(from, openedOn) : from;
    const QDate last = endsOn.isValid() ? std::min(to, endsOn) : to;
    if (last < first)
        return std::nullopt;
    return QPair<QDate, QDate>(first, last);
}

TariffAssignment BillService::tariffCovering(const QList<TariffAssignment> &assignments, const QString &accountNumber,
                                             const QDate &from, const QDate &to)
{
    for (const TariffAssignment &a : assignments) {
        const bool coversFrom = a.from <= from && (!a.to || *a.to >= from);
        if (!coversFrom)
            continue;
        if (!a.to || *a.to >= to)
            return a;
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The account %1 changes tariff after %2, within the period; bill the days up to %2 and the "
                           "days after it separately.").arg(accountNumber, iso(*a.to)));
    }
    for (const TariffAssignment &a : assignments) {
        if (a.from > from && a.from <= to)
            throw Error(Error::Kind::BadInput,
                        Tr::tr("The account %1 has no tariff before %2; bill it from %2 on, or assign a tariff for the "
                               "days before.").arg(accountNumber, iso(a.from)));
    }
    throw Error(Error::Kind::BadInput,
                Tr::tr("The account %1 has no tariff for %2 to %3; assign one before billing it.")
                    .arg(accountNumber, iso(from), iso(to)));
}

QDate BillService::dueOn(qint64 issuedAt)
{
    return QDateTime::fromSecsSinceEpoch(issuedAt, QTimeZone::utc()).date().addDays(PaymentTermDays);
}

BillPosting BillService::ledgerPosting(const Bill &bill, const QTimeZone &zone)
{
    return {bill.accountId, bill.id, bill.totalMinor, QDateTime::fromSecsSinceEpoch(bill.issuedAt, zone).date(),
            bill.dueOn};
}

void BillService::requireInRegion(const Core::UserContext &user, const QString &customerId)
{
    if (!user.limitedToRegion())
        return;
    Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
    const auto number = customers.numberById(customerId);
    if (!number)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    Accounts::RegionAccess::require(user, customers, customerId, *number);
}

BillService::Prepared BillService::prepare(const QString &accountIdOrNumber, const QDate &from, const QDate &to)
{
    checkPeriod(from, to);
    BillingData data(m_context.database);
    Prepared p;
    p.account = data.account(accountIdOrNumber);
    if (p.account.paymentType == Accounts::PaymentType::Prepaid)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The account %1 is prepaid: its consumption is charged to its balance, not billed.")
                        .arg(p.account.accountNumber));
    const auto held = BillRunData(m_context.database).heldDays(p.account.accountId);
    const auto days = accountDays(from, to, held.first, held.second);
    if (!days)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The account %1 was not open from %2 to %3; enter a period when it was.")
                        .arg(p.account.accountNumber, iso(from), iso(to)));
    p.from = days->first;
    p.to = days->second;
    const TariffAssignment assignment = tariffCovering(data.assignments(p.account.accountId), p.account.accountNumber, p.from, p.to);
    const auto tariff = data.tariffOn(p.account.accountId, p.from);
    if (!tariff || tariff->id != assignment.tariffId)
        throw Error(Error::Kind::NotFound, Tr::tr("The tariff %1 of the account %2 does not exist (any more).")
                                               .arg(assignment.tariffCode, p.account.accountNumber));
    p.tariff = *tariff;
    p.taxes = data.taxes(p.account.marketCode, p.account.customerClass);
    p.usage = data.usage(p.account, p.from, p.to);
    return p;
}

BillPreview BillService::calculate(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from,
                                   const QDate &to)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        Prepared p = prepare(accountIdOrNumber, from, to);
        requireInRegion(user, p.account.customerId);
        BillPreview preview;
        preview.result = BillCalculator::calculate(p.tariff, p.taxes, p.usage, p.from, p.to);
        preview.existing = m_store.overlapping(p.account.accountId, p.from, p.to);
        preview.account = p.account;
        preview.tariffName = p.tariff.name;
        preview.from = p.from;
        preview.to = p.to;
        return preview;
    });
}

Bill BillService::issue(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from, const QDate &to)
{
    user.require(Permission::RunBilling);
    Core::Transaction tx(m_context.database);
    // Writers of bills are serialised (as in the bill run), so the check below sees them all.
    const QString lock = m_context.database.dialect().lockResourceSql(QStringLiteral("bills"));
    if (!lock.isEmpty())
        Core::SqlQuery(tx.connection(), lock).exec();
    Prepared p = prepare(accountIdOrNumber, from, to);
    if (const auto existing = m_store.overlapping(p.account.accountId, p.from, p.to)) {
        throw Error(Error::Kind::Conflict,
                    Tr::tr("The account %1 already has the bill %2 for %3 to %4; it is not billed twice.")
                        .arg(p.account.accountNumber, existing->number, iso(existing->from), iso(existing->to)));
    }
    const BillResult result = BillCalculator::calculate(p.tariff, p.taxes, p.usage, p.from, p.to);
    Bill bill = Bill::fromResult(result);
    bill.id = Core::newId();
    bill.number = m_store.reserveNumbers(m_sitePrefix, 1).constFirst();
    bill.accountId = p.account.accountId;
    bill.accountNumber = p.account.accountNumber;
    bill.issuedAt = m_context.clock.nowSecs();
    bill.dueOn = dueOn(bill.issuedAt);
    bill.language = p.account.language.isEmpty() ? QStringLiteral("en") : p.account.language;
    bill.status = BillStatus::Issued;
    m_store.insert({bill});
    // On the ledger in the same transaction: aged debt and arrears see every issued bill.
    LedgerService(m_context).postBills({ledgerPosting(bill, p.account.zone)});
    m_context.audit.record(user, QStringLiteral("bill.issue"), QStringLiteral("bill"), bill.id, {}, auditOf(bill));
    tx.commit();
    m_context.events.publish(QStringLiteral("bill.issued"),
                             {{QStringLiteral("id"), bill.id}, {QStringLiteral("account_id"), bill.accountId}});
    return bill;
}

QList<Bill> BillService::billsOfAccount(const Core::UserContext &user, const QString &accountIdOrNumber)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const BillingAccount account = BillingData(m_context.database).account(accountIdOrNumber);
        requireInRegion(user, account.customerId);
        return m_store.ofAccount(account.accountId);
    });
}

QList<Bill> BillService::billsOfCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!Accounts::SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        requireInRegion(user, customerId);
        return m_store.ofCustomer(customerId);
    });
}

Bill BillService::bill(const Core::UserContext &user, const QString &idOrNumber)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const auto found = m_store.find(idOrNumber.trimmed());
        if (!found)
            throw Error(Error::Kind::NotFound, Tr::tr("There is no bill %1.").arg(idOrNumber.trimmed()));
        requireInRegion(user, BillingData(m_context.database).account(found->accountId).customerId);
        return *found;
    });
}

QString BillService::documentHtml(const Core::UserContext &user, const QString &idOrNumber)
{
    const Bill found = bill(user, idOrNumber);
    return Core::readOnly(m_context.database, [&] {
        BillingData data(m_context.database);
        const BillingAccount account = data.account(found.accountId);
        const auto tariff = TariffRepository(m_context.database).byCode(account.marketCode, found.tariffCode);
        return BillDocument::html(found, account, tariff ? tariff->name : found.tariffCode);
    });
}

QString BillService::previewHtml(const BillPreview &preview) const
{
    Bill bill = Bill::fromResult(preview.result);
    bill.accountId = preview.account.accountId;
    bill.accountNumber = preview.account.accountNumber;
    bill.issuedAt = m_context.clock.nowSecs();
    bill.dueOn = dueOn(bill.issuedAt);
    bill.language = preview.account.language.isEmpty() ? QStringLiteral("en") : preview.account.language;
    return BillDocument::html(bill, preview.account, preview.tariffName);
}

QString BillService::previewHtml(const Core::UserContext &user, const QString &accountIdOrNumber, const BillResult &result)
{
    user.require(Permission::ViewCustomers);
    BillPreview preview = Core::readOnly(m_context.database, [&] {
        BillPreview p;
        p.account = BillingData(m_context.database).account(accountIdOrNumber);
        requireInRegion(user, p.account.customerId);
        const auto tariff = TariffRepository(m_context.database).byCode(p.account.marketCode, result.tariffCode);
        p.tariffName = tariff ? tariff->name : result.tariffCode;
        return p;
    });
    preview.result = result;
    preview.from = result.from;
    preview.to = result.to;
    return previewHtml(preview);
}

QList<BillingAccount> BillService::billableAccounts(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    if (!Accounts::SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_context.database, [&] {
        requireInRegion(user, customerId);
        BillRunData data(m_context.database);
        const QStringList ids = data.postpaidAccountsOf(customerId);
        const QHash<QString, BillRunAccount> found = data.accounts(ids);
        QList<BillingAccount> list;
        for (const QString &id : ids) {
            if (found.contains(id))
                list << found.value(id).account;
        }
        return list;
    });
}

} // namespace Ud::Billing
