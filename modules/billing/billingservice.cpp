#include "billingservice.h"

#include "billingrepository.h"
#include "tariffrepository.h"

#include <accounts/customerrepository.h>
#include <accounts/regionaccess.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <metering/readingstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <algorithm>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillingService)
};

using Core::Error;
using Core::Permission;
using Core::Transaction;

QString iso(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

/// Where the usage handed to the calculator starts: blocks and package units count from the
/// start of their month or year, so the readings from then on are read too.
QDate usageStart(const Tariff &tariff, const QDate &from)
{
    QDate start = from;
    const auto version = tariff.versionOn(from);
    if (!version)
        return start;
    for (const Component &c : version->components) {
        if (const auto *t = std::get_if<TieredBlocks>(&c))
            start = std::min(start, t->period == BlockPeriod::Annual ? QDate(from.year(), 1, 1)
                                                                      : QDate(from.year(), from.month(), 1));
        else if (std::holds_alternative<Package>(c))
            start = std::min(start, QDate(from.year(), from.month(), 1));
    }
    return start;
}

QJsonObject assignmentJson(const TariffAssignment &a)
{
    return {{QStringLiteral("tariff_code"), a.tariffCode},
            {QStringLiteral("tariff_id"), a.tariffId},
            {QStringLiteral("effective_from"), iso(a.from)},
            {QStringLiteral("effective_to"), a.to ? QJsonValue(iso(*a.to)) : QJsonValue()}};
}

} // namespace

BillingService::BillingService(Core::Context &context) : m_context(context) {}

void BillingService::requireCustomer(const Core::UserContext &user, const QString &customerId,
                                     const QString &customerNumber)
{
    Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
    Accounts::RegionAccess::require(user, customers, customerId, customerNumber);
}

BillResult BillingService::bill(const Core::UserContext &user, const QString &accountIdOrNumber, const QDate &from,
                                const QDate &to, const std::optional<QString> &tariffCode)
{
    user.require(Permission::ViewCustomers);
    if (!from.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("From: enter the first day of the bill as YYYY-MM-DD."));
    if (!to.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("To: enter the last day of the bill as YYYY-MM-DD."));
    if (to < from) {
        throw Error(Error::Kind::BadInput,
                    Tr::tr("To: %1 is before the first day %2; enter a last day on or after it.").arg(iso(to), iso(from)));
    }
    return Core::readOnly(m_context.database, [&] {
        BillingData data(m_context.database);
        const BillingAccount account = data.account(accountIdOrNumber);
        requireCustomer(user, account.customerId, account.customerNumber);

        std::optional<Tariff> tariff;
        if (tariffCode) {
            tariff = TariffRepository(m_context.database).byCode(account.marketCode, tariffCode->trimmed());
            if (!tariff) {
                throw Error(Error::Kind::NotFound, Tr::tr("Tariff: there is no tariff %1 in the market %2 of account %3.")
                                                       .arg(tariffCode->trimmed(), account.marketCode, account.accountNumber));
            }
        } else {
            const QList<TariffAssignment> spans = data.assignments(account.accountId);
            const TariffAssignment *inForce = nullptr;
            for (const TariffAssignment &a : spans) {
                if (a.from <= from && (!a.to || *a.to >= from))
                    inForce = &a;
                else if (a.from > from && a.from <= to) {
                    throw Error(Error::Kind::BadInput,
                                Tr::tr("Account %1 changes to the tariff %2 on %3, inside the period; bill up to %4 "
                                       "and from %3 separately.")
                                    .arg(account.accountNumber, a.tariffCode, iso(a.from), iso(a.from.addDays(-1))));
                }
            }
            if (!inForce) {
                throw Error(Error::Kind::BadInput, Tr::tr("Account %1 has no tariff on %2: assign it one, or name a "
                                                          "tariff to bill it under.")
                                                       .arg(account.accountNumber, iso(from)));
            }
            if (inForce->to && *inForce->to < to) {
                throw Error(Error::Kind::BadInput, Tr::tr("Account %1 is on the tariff %2 only up to %3; bill up to "
                                                          "then, or name a tariff.")
                                                       .arg(account.accountNumber, inForce->tariffCode, iso(*inForce->to)));
            }
            tariff = data.tariffOn(account.accountId, from);
            if (!tariff)
                throw Error(Error::Kind::NotFound, Tr::tr("The tariff %1 is no longer defined.").arg(inForce->tariffCode));
        }
        const MeteredUsage usage = data.usage(account, usageStart(*tariff, from), to);
        const TaxSchedule taxes = data.taxes(account.marketCode, account.customerClass);
        return BillCalculator::calculate(*tariff, taxes, usage, from, to);
    });
}

QList<TariffAssignment> BillingService::assignments(const Core::UserContext &user, const QString &accountIdOrNumber)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        BillingData data(m_context.database);
        const BillingAccount account = data.account(accountIdOrNumber);
        requireCustomer(user, account.customerId, account.customerNumber);
        return data.assignments(account.accountId);
    });
}

TariffAssignment BillingService::assignTariff(const Core::UserContext &user, const QString &accountIdOrNumber,
                                              const QString &tariffCode, const QDate &from)
{
    user.require(Permission::RunBilling);
    if (!from.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("From: enter the first day on the tariff as YYYY-MM-DD."));
    const QString code = tariffCode.trimmed();
    if (code.isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("Tariff: enter the code of a tariff of the account's market."));

    Transaction tx(m_context.database);
    BillingData data(m_context.database);
    const BillingAccount account = data.account(accountIdOrNumber);
    requireCustomer(user, account.customerId, account.customerNumber);
    const auto tariff = TariffRepository(m_context.database).byCode(account.marketCode, code);
    if (!tariff) {
        throw Error(Error::Kind::NotFound, Tr::tr("Tariff: there is no tariff %1 in the market %2 of account %3.")
                                               .arg(code, account.marketCode, account.accountNumber));
    }
    if (!tariff->customerClasses.contains(account.customerClass)) {
        throw Error(Error::Kind::BadInput, Tr::tr("Tariff: %1 is not for %2 customers; choose a tariff of their class.")
                                               .arg(code, Accounts::customerClassName(account.customerClass)));
    }
    const bool prepaidAccount = account.paymentType == Accounts::PaymentType::Prepaid;
    if ((tariff->kind == TariffKind::Prepaid) != prepaidAccount) {
        throw Error(Error::Kind::BadInput,
                    prepaidAccount ? Tr::tr("Tariff: %1 is a postpaid tariff and account %2 is prepaid; choose a "
                                            "prepaid tariff.")
                                         .arg(code, account.accountNumber)
                                   : Tr::tr("Tariff: %1 is a prepaid tariff and account %2 is postpaid; choose a "
                                            "postpaid tariff.")
                                         .arg(code, account.accountNumber));
    }
    if (!tariff->versionOn(from)) {
        throw Error(Error::Kind::BadInput, Tr::tr("From: the tariff %1 has no prices on %2; choose a day one of its "
                                                  "versions covers.")
                                               .arg(code, iso(from)));
    }

    const QList<TariffAssignment> spans = data.assignments(account.accountId);
    std::optional<TariffAssignment> ended;
    for (const TariffAssignment &a : spans) {
        if (!a.to && a.from <= from && a.tariffId == tariff->id) {
            tx.commit();
            return a;   // already on it
        }
        if (a.from >= from) {
            throw Error(Error::Kind::Conflict, Tr::tr("From: account %1 is on the tariff %2 from %3; choose a day after "
                                                      "that.")
                                                   .arg(account.accountNumber, a.tariffCode, iso(a.from)));
        }
        if (a.to && *a.to >= from) {
            throw Error(Error::Kind::Conflict, Tr::tr("From: account %1 is on the tariff %2 until %3; choose a day after "
                                                      "that.")
                                                   .arg(account.accountNumber, a.tariffCode, iso(*a.to)));
        }
        if (!a.to)
            ended = a;
    }

    BillingRepository repository(m_context.database);
    QJsonObject before;
    if (ended) {
        repository.endAssignment(account.accountId, ended->from, from.addDays(-1));
        before = assignmentJson(*ended);
        ended->to = from.addDays(-1);
    }
    repository.insertAssignment(account.accountId, tariff->id, from, m_context.clock.nowSecs());
    const TariffAssignment added{tariff->id, tariff->code, from, std::nullopt};
    QJsonObject after = assignmentJson(added);
    after.insert(QStringLiteral("account_number"), account.accountNumber);
    if (ended)
        after.insert(QStringLiteral("ended"), assignmentJson(*ended));
    m_context.audit.record(user, QStringLiteral("account.tariff"), QStringLiteral("account"), account.accountId, before,
                           after);
    tx.commit();
    return added;
}

AccountComparison BillingService::compare(const BillingAccount &account, const MeteredUsage &usage, const QDate &from,
                                          const QDate &to, const QList<Tariff> &tariffs, const TaxSchedule &taxes,
                                          const QString &currentTariffId)
{
    AccountComparison c;
    c.accountId = account.accountId;
    c.accountNumber = account.accountNumber;
    c.marketCode = account.marketCode;
    c.currency = account.currency;
    c.customerClass = account.customerClass;
    c.paymentType = account.paymentType;
    c.from = from;
    c.to = to;
    c.months = (to.year() - from.year()) * 12 + to.month() - from.month() + 1;
    for (const auto &r : usage.readings) {
        if (r.quality == Metering::Quality::Estimated || r.quality == Metering::Quality::Edited)
            ++c.estimatedIntervals;
    }
    bool measured = false;
    for (const Tariff &tariff : tariffs) {
        BillResult bill;
        try {
            AllowanceState allowance;
            bill = BillCalculator::calculate(tariff, taxes, usage, from, to, &allowance);
        } catch (const Error &e) {
            c.skipped << Tr::tr("%1: %2").arg(tariff.code, e.message());
            continue;
        }
        if (!measured) {
            c.consumptionWh = bill.consumptionWh;
            c.estimatedWh = bill.estimatedWh;
            c.expectedIntervals = bill.expectedIntervals;
            c.missingIntervals = bill.missingIntervals;
            measured = true;
        }
        RateOption o;
        o.tariffId = tariff.id;
        o.tariffCode = tariff.code;
        o.tariffName = tariff.name;
        o.kind = tariff.kind;
        o.current = !currentTariffId.isEmpty() && tariff.id == currentTariffId;
        o.netMinor = bill.netMinor;
        o.vatMinor = bill.vatMinor;
        o.totalMinor = bill.totalMinor;
        o.overAllowanceWh = bill.overAllowanceWh;
        for (const BillLine &line : std::as_const(bill.lines)) {
            if (line.kind == LineKind::Allowance)
                o.allowanceWh += line.quantity;
        }
        if (o.current)
            c.currentTariffCode = tariff.code;
        c.options << o;
    }
    std::stable_sort(c.options.begin(), c.options.end(), [](const RateOption &a, const RateOption &b) {
        return a.totalMinor != b.totalMinor ? a.totalMinor < b.totalMinor : a.tariffCode < b.tariffCode;
    });
    const auto current = std::find_if(c.options.cbegin(), c.options.cend(), [](const RateOption &o) { return o.current; });
    if (current != c.options.cend()) {
        const qint64 currentTotal = current->totalMinor;
        for (RateOption &o : c.options)
            o.savingMinor = currentTotal - o.totalMinor;
    }
    return c;
}

RateComparison BillingService::compareRates(const Core::UserContext &user, const QString &customerIdOrNumber)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        BillingRepository repository(m_context.database);
        const auto customer = repository.customer(customerIdOrNumber);
        if (!customer)
            throw Error(Error::Kind::NotFound, Tr::tr("There is no customer %1.").arg(customerIdOrNumber.trimmed()));
        requireCustomer(user, customer->id, customer->number);

        RateComparison result;
        result.customerId = customer->id;
        result.customerNumber = customer->number;
        result.customerName = customer->name;
        BillingData data(m_context.database);
        Metering::ReadingStore store(m_context.database, m_context.clock);
        const QStringList accountIds = repository.accountsOfCustomer(customer->id);
        for (const QString &accountId : accountIds) {
            const BillingAccount account = data.account(accountId);
            const auto channels = repository.importChannels(account.accountId, account.premiseId);
            qint64 firstUtc = 0;
            qint64 lastUtc = 0;
            for (const auto &ch : channels) {
                const auto stats = store.stats(ch.channelId);
                if (!stats || stats->lastUtc <= 0)
                    continue;
                firstUtc = firstUtc == 0 ? stats->firstUtc : std::min(firstUtc, stats->firstUtc);
                lastUtc = std::max(lastUtc, stats->lastUtc);
            }
            if (lastUtc == 0)
                continue;   // no electricity readings: nothing to compare
            AccountComparison c;
            // Whole months ending with the last full month of readings, at most 12, none
            // before the first reading's first full month.
            const QDate lastDay = QDateTime::fromSecsSinceEpoch(lastUtc, account.zone).date();
            const QDate firstDay = QDateTime::fromSecsSinceEpoch(firstUtc, account.zone).date();
            const QDate to = lastDay.addDays(1).day() == 1 ? lastDay : QDate(lastDay.year(), lastDay.month(), 1).addDays(-1);
            QDate from = QDate(to.year(), to.month(), 1).addMonths(-11);
            const QDate firstFull = firstDay.day() == 1 ? firstDay : QDate(firstDay.year(), firstDay.month(), 1).addMonths(1);
            from = std::max(from, firstFull);
            if (from > to) {
                c.accountId = account.accountId;
                c.accountNumber = account.accountNumber;
                c.marketCode = account.marketCode;
                c.currency = account.currency;
                c.customerClass = account.customerClass;
                c.paymentType = account.paymentType;
                c.note = Tr::tr("Account %1 has no full month of readings yet (from %2 to %3).")
                             .arg(account.accountNumber, iso(firstDay), iso(lastDay));
                result.accounts << c;
                continue;
            }
            const MeteredUsage usage = data.usage(account, from, to);
            const QList<Tariff> tariffs = data.tariffsFor(account.marketCode, account.customerClass);
            const TaxSchedule taxes = data.taxes(account.marketCode, account.customerClass);
            const auto current = data.tariffOn(account.accountId, to);
            c = compare(account, usage, from, to, tariffs, taxes, current ? current->id : QString());
            if (current && c.currentTariffCode.isEmpty())
                c.currentTariffCode = current->code;
            result.accounts << c;
        }
        return result;
    });
}

} // namespace Ud::Billing
