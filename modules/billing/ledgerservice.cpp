#include "ledgerservice.h"

#include "billcalculation.h"
#include "billingdata.h"
#include "friendlyhours.h"
#include "lastpaymentfactor.h"

#include <accounts/customerrepository.h>
#include <accounts/regionaccess.h>
#include <accounts/sqlvalues.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/money.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::LedgerService)
};

using Core::Error;
using Core::Money;
using Core::Permission;
using Core::Transaction;
using Accounts::PaymentType;

/// No single top-up, payment or adjustment above this many major units: a typing slip, not money.
constexpr qint64 MaxMajorUnits = 1000000;

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

QString actorOf(const Core::UserContext &user)
{
    return user.userName();
}

QJsonObject entryJson(const LedgerEntry &e)
{
    QJsonObject o{{QStringLiteral("seq"), e.seq},
                  {QStringLiteral("kind"), entryKindKey(e.kind)},
                  {QStringLiteral("amount_minor"), e.amountMinor},
                  {QStringLiteral("day"), e.day.toString(Qt::ISODate)}};
    if (!e.reference.isEmpty())
        o.insert(QStringLiteral("reference"), e.reference);
    return o;
}

QString text(qint64 minor, const QString &currency)
{
    return Money(minor, currency).toString(QLocale());
}
} // namespace

struct LedgerService::Pending {
    QList<AccountEvent> events;
};

LedgerService::LedgerService(Core::Context &context) : m_context(context), m_ledger(context.database) {}

LedgerService::~LedgerService() = default;

QStringList LedgerService::paymentMethods()
{
    return {QStringLiteral("bank_transfer"), QStringLiteral("card"), QStringLiteral("cash"), QStringLiteral("cheque"),
            QStringLiteral("direct_debit")};
}

QString LedgerService::paymentMethodName(const QString &method)
{
    if (method == QLatin1String("bank_transfer"))
        return Tr::tr("Bank transfer");
    if (method == QLatin1String("card"))
        return Tr::tr("Card");
    if (method == QLatin1String("cash"))
        return Tr::tr("Cash");
    if (method == QLatin1String("cheque"))
        return Tr::tr("Cheque");
    if (method == QLatin1String("direct_debit"))
        return Tr::tr("Direct debit");
    if (method == QLatin1String("voucher"))
        return Tr::tr("Voucher");
    return method;
}

LedgerAccount LedgerService::requireAccount(const Core::UserContext &user, const QString &account)
{
    const auto found = m_ledger.account(account.trimmed());
    if (!found)
        throw Error(Error::Kind::NotFound,
                    Tr::tr("There is no account %1; give an account number such as UD00000042.").arg(account.trimmed()));
    if (user.limitedToRegion()) {
        Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
        Accounts::RegionAccess::require(user, customers, found->customerId,
                                        customers.numberById(found->customerId).value_or(QString()));
    }
    return *found;
}

qint64 LedgerService::parseAmount(const QString &text, const QString &currency, const QLocale &locale,
                                  const QString &field, bool allowNegative) const
{
    if (text.trimmed().isEmpty())
        badInput(Tr::tr("%1: enter an amount such as %2.").arg(field, Money(2000, currency).toString(locale)));
    const QString digits = text.trimmed();
    // Money::parse multiplies the whole part up to minor units: refuse what could overflow first.
    if (digits.size() > 15)
        badInput(Tr::tr("%1: at most %2 at a time.").arg(field, Money(MaxMajorUnits * 100, currency).toString(locale)));
    const qint64 minor = Money::parse(digits, currency, locale, field).minorUnits();
    qint64 limit = MaxMajorUnits;
    for (int i = 0; i < Money::minorDigits(currency); ++i)
        limit *= 10;
    if (minor > limit || minor < -limit)
        badInput(Tr::tr("%1: at most %2 at a time.").arg(field, Money(limit, currency).toString(locale)));
    if (!allowNegative && minor <= 0)
        badInput(Tr::tr("%1: enter an amount above zero.").arg(field));
    if (allowNegative && minor == 0)
        badInput(Tr::tr("%1: enter an amount other than zero.").arg(field));
    return minor;
}

QDate LedgerService::today(const LedgerAccount &account) const
{
    return QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), account.zone).date();
}

LedgerEntry LedgerService::entry(const LedgerAccount &account, EntryKind kind, qint64 amountMinor,
                                 const Core::UserContext &user) const
{
    LedgerEntry e;
    e.accountId = account.id;
    e.at = m_context.clock.nowSecs();
    e.day = today(account);
    e.kind = kind;
    e.amountMinor = amountMinor;
    e.currency = account.currency;
    e.actor = actorOf(user);
    return e;
}

void LedgerService::addEvent(Pending &pending, const LedgerAccount &account, const QString &topic,
                             const QString &severity, QJsonObject payload)
{
    AccountEvent e;
    e.id = Core::newId();
    e.accountId = account.id;
    e.customerId = account.customerId;
    e.at = m_context.clock.nowSecs();
    e.topic = topic;
    e.severity = severity;
    payload.insert(QStringLiteral("account_number"), account.accountNumber);
    payload.insert(QStringLiteral("currency"), account.currency);
    e.payload = payload;
    m_ledger.insertEvent(e);
    pending.events << e;
}

void LedgerService::checkThresholds(Pending &pending, const LedgerAccount &account, qint64 before, qint64 after)
{
    if (account.paymentType != PaymentType::Prepaid || after >= before)
        return;
    // One event for the lowest threshold crossed: a charge that takes the balance from above
    // 5.00 to below zero says "below zero", once.
    const PrepaidSettings settings = m_ledger.settings(account.id, account.marketCode);
    std::optional<qint64> crossed;
    for (qint64 threshold : settings.lowBalanceMinor) {
        if (before >= threshold && after < threshold && (!crossed || threshold < *crossed))
            crossed = threshold;
    }
    if (!crossed)
        return;
    addEvent(pending, account, QStringLiteral("prepaid.low_balance"), *crossed <= 0 ? QStringLiteral("critical") : QStringLiteral("warning"),
             {{QStringLiteral("threshold_minor"), *crossed},
              {QStringLiteral("balance_minor"), after},
              {QStringLiteral("previous_balance_minor"), before}});
}

void LedgerService::publish(const Pending &pending)
{
    for (const AccountEvent &e : pending.events) {
        QVariantMap payload = e.payload.toVariantMap();
        payload.insert(QStringLiteral("id"), e.id);
        payload.insert(QStringLiteral("account_id"), e.accountId);
        payload.insert(QStringLiteral("customer_id"), e.customerId);
        payload.insert(QStringLiteral("severity"), e.severity);
        m_context.events.publish(e.topic, payload);
    }
}

AccountBalance LedgerService::readBalance(const LedgerAccount &account, int recent)
{
    AccountBalance b;
    b.account = account;
    const QString id = account.id;
    b.balanceMinor = m_ledger.balance(id);
    b.emergencyCreditMinor = m_ledger.sumOf(id, {EntryKind::EmergencyCredit, EntryKind::EmergencyRepayment});
    if (const auto debt = m_ledger.debt(id)) {
        b.debtMinor = debt->outstandingMinor;
        b.debtShareBp = debt->shareBp;
    }
    b.entryCount = m_ledger.entryCount(id);
    b.recent = m_ledger.recent(id, qMax(0, recent));
    b.settings = m_ledger.settings(id, account.marketCode);
    if (account.paymentType == PaymentType::Postpaid)
        b.aged = AgedDebt::of(m_ledger.all(id), today(account));
    else
        b.disconnection = outlook(account, b.balanceMinor);
    return b;
}

DisconnectionOutlook LedgerService::outlook(const LedgerAccount &account, qint64 balanceMinor)
{
    DisconnectionOutlook o;
    o.negativeBalance = balanceMinor < 0;
    if (!o.negativeBalance) {
        o.reason = Tr::tr("the balance is not below zero");
        return o;
    }
    // Holidays of every version of the tariff in force: the next allowed moment may fall in a
    // later version's year.
    QList<QDate> holidays;
    if (const auto tariff = BillingData(m_context.database).tariffOn(account.id, today(account))) {
        for (const TariffVersion &v : tariff->versions)
            holidays += v.holidays;
    }
    const FriendlyHours hours(m_ledger.settings(account.id, account.marketCode), account.zone, holidays);
    const qint64 now = m_context.clock.nowSecs();
    const FriendlyHours::Block block = hours.blockAt(now);
    o.allowedNow = block == FriendlyHours::Block::None;
    o.nextAllowedAt = hours.nextAllowed(now);
    o.reason = hours.blockText(block);
    return o;
}

DisconnectionOutlook LedgerService::disconnection(const Core::UserContext &user, const QString &account)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const LedgerAccount a = requireAccount(user, account);
        if (a.paymentType != PaymentType::Prepaid)
            badInput(Tr::tr("Account %1 is postpaid: its supply is not disconnected for a balance.").arg(a.accountNumber));
        return outlook(a, m_ledger.balance(a.id));
    });
}

ChargeRun LedgerService::postPrepaidCharges(const Core::UserContext &user, const QString &account, const QDate &throughDay)
{
    user.require(Permission::RunBilling);
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    if (a.paymentType != PaymentType::Prepaid)
        badInput(Tr::tr("Account %1 is postpaid: its use is charged on its bills.").arg(a.accountNumber));
    m_ledger.lockAccount(a.id);
    const QDate yesterday = today(a).addDays(-1);
    if (!throughDay.isValid() || throughDay > yesterday)
        badInput(Tr::tr("Through day: charges can be posted up to yesterday (%1); a day is charged once it is over.")
                     .arg(yesterday.toString(Qt::ISODate)));

    BillingData data(m_context.database);
    const BillingAccount billing = data.account(a.id);
    const auto last = m_ledger.lastCharge(a.id);
    QDate from;
    if (last) {
        from = last->day.addDays(1);
    } else {
        const QList<TariffAssignment> spans = data.assignments(a.id);
        if (spans.isEmpty())
            badInput(Tr::tr("Account %1 has no tariff: assign it a prepaid tariff before posting charges.").arg(a.accountNumber));
        from = std::max(spans.constFirst().from, a.openedOn.isValid() ? a.openedOn : spans.constFirst().from);
        // Charges start with the supply's readings: an account older than its smart meter
        // (or its meter data) is charged from the first day read, not held up forever by the
        // days before it. Without any reading yet there is nothing to charge.
        const std::optional<QDate> firstRead = data.firstReadingDay(billing);
        from = firstRead ? std::max(from, *firstRead) : throughDay.addDays(1);
    }

    ChargeRun run;
    AllowanceState state{last && last->carriedWh ? *last->carriedWh : 0};
    run.carriedWh = state.carriedWh;
    const qint64 before = m_ledger.balance(a.id);
    run.balanceMinor = before;
    if (from > throughDay) {
        tx.commit();
        return run;
    }

    const TaxSchedule taxes = data.taxes(billing.marketCode, billing.customerClass);
    const MeteredUsage usage = data.usage(billing, from, throughDay);
    Pending pending;
    qsizetype next = 0;   // readings are in time order: each day takes the next stretch
    const QList<TariffAssignment> spans = data.assignments(a.id);
    const auto spanOn = [&spans](const QDate &day) -> const TariffAssignment * {
        for (const TariffAssignment &span : spans) {
            if (span.from <= day && (!span.to || day <= *span.to))
                return &span;
        }
        return nullptr;
    };
    std::optional<Tariff> tariff;
    const TariffAssignment *span = nullptr;
    for (QDate day = from; day <= throughDay; day = day.addDays(1)) {
        // The tariff is read again only where an assignment ends.
        const TariffAssignment *current = spanOn(day);
        if (current != span) {
            span = current;
            tariff = span ? data.tariffOn(a.id, day) : std::nullopt;
        }
        if (!tariff)
            badInput(Tr::tr("Account %1 has no tariff on %2: assign it one before posting charges.")
                         .arg(a.accountNumber, day.toString(Qt::ISODate)));
        MeteredUsage dayUsage;
        dayUsage.zone = usage.zone;
        dayUsage.intervalMinutes = usage.intervalMinutes;
        const qint64 dayStart = day.startOfDay(a.zone).toSecsSinceEpoch();
        const qint64 dayEnd = day.addDays(1).startOfDay(a.zone).toSecsSinceEpoch();
        while (next < usage.readings.size() && usage.readings.at(next).startUtc < dayStart)
            ++next;
        while (next < usage.readings.size() && usage.readings.at(next).startUtc < dayEnd)
            dayUsage.readings << usage.readings.at(next++);

        AllowanceState after = state;
        const BillResult r = BillCalculator::calculate(*tariff, taxes, dayUsage, day, day, &after);
        if (r.missingIntervals > 0) {
            run.incompleteDay = day;
            run.missingIntervals = r.missingIntervals;
            break;
        }
        state = after;
        LedgerEntry e = entry(a, EntryKind::Charge, -r.totalMinor, user);
        e.day = day;
        e.reference = r.tariffCode;
        e.consumptionWh = r.consumptionWh;
        e.overAllowanceWh = r.overAllowanceWh;
        e.carriedWh = state.carriedWh;
        run.charges << m_ledger.insert(e);
        if (r.overAllowanceWh > 0) {
            addEvent(pending, a, QStringLiteral("prepaid.over_usage"), QStringLiteral("warning"),
                     {{QStringLiteral("day"), day.toString(Qt::ISODate)},
                      {QStringLiteral("consumption_wh"), r.consumptionWh},
                      {QStringLiteral("over_allowance_wh"), r.overAllowanceWh},
                      {QStringLiteral("charge_minor"), r.totalMinor},
                      {QStringLiteral("tariff"), r.tariffCode}});
        }
    }
    run.carriedWh = state.carriedWh;
    run.balanceMinor = m_ledger.balance(a.id);
    if (run.charges.isEmpty()) {
        tx.commit();
        return run;
    }
    checkThresholds(pending, a, before, run.balanceMinor);
    qint64 total = 0;
    for (const LedgerEntry &e : std::as_const(run.charges))
        total += e.amountMinor;
    m_context.audit.record(user, QStringLiteral("ledger.charges_posted"), QStringLiteral("account"), a.id,
                           {{QStringLiteral("balance_minor"), before}},
                           {{QStringLiteral("from"), run.charges.constFirst().day.toString(Qt::ISODate)},
                            {QStringLiteral("to"), run.charges.constLast().day.toString(Qt::ISODate)},
                            {QStringLiteral("days"), run.charges.size()},
                            {QStringLiteral("total_minor"), total},
                            {QStringLiteral("carried_wh"), run.carriedWh},
                            {QStringLiteral("balance_minor"), run.balanceMinor}});
    tx.commit();
    publish(pending);
    return run;
}

DailyChargeSummary LedgerService::postDailyCharges(const Core::UserContext &user, const QDate &throughDay,
                                                  const Progress &progress)
{
    user.require(Permission::RunBilling);
    // No zone's yesterday is after today in UTC.
    const QDate utcToday = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), QTimeZone::utc()).date();
    if (throughDay.isValid() && throughDay > utcToday)
        badInput(Tr::tr("Through: charges can be posted up to yesterday; a day is charged once it is over."));
    const QList<QPair<QString, QString>> accounts =
        Core::readOnly(m_context.database, [&] { return m_ledger.activePrepaidAccounts(); });
    DailyChargeSummary summary;
    summary.accounts = accounts.size();
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (progress && !progress(i, accounts.size())) {
            summary.cancelled = true;
            return summary;
        }
        const QString &id = accounts.at(i).first;
        const QString &number = accounts.at(i).second;
        try {
            QDate through = throughDay;
            if (!through.isValid()) {
                const auto a = Core::readOnly(m_context.database, [&] { return m_ledger.account(id); });
                if (!a)
                    continue;   // removed meanwhile
                through = today(*a).addDays(-1);
            }
            const ChargeRun run = postPrepaidCharges(user, id, through);
            summary.days += run.charges.size();
            if (!run.charges.isEmpty())
                ++summary.charged;
            if (run.incompleteDay.isValid()) {
                summary.skipped << ChargeSkip{id, number,
                                              Tr::tr("the readings of %1 are not complete (intervals missing: %2); charged "
                                                     "up to the day before")
                                                  .arg(run.incompleteDay.toString(Qt::ISODate))
                                                  .arg(run.missingIntervals),
                                              true};
            } else if (run.charges.isEmpty()) {
                ++summary.upToDate;
            }
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::Database || e.kind() == Error::Kind::Denied)
                throw;
            summary.skipped << ChargeSkip{id, number, e.message(), false};
        }
    }
    if (progress)
        progress(accounts.size(), accounts.size());
    return summary;
}

AccountBalance LedgerService::balance(const Core::UserContext &user, const QString &account, int recent)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return readBalance(requireAccount(user, account), recent); });
}

QList<AccountBalance> LedgerService::customerBalances(const Core::UserContext &user, const QString &customerId, int recent)
{
    user.require(Permission::ViewCustomers);
    if (!Accounts::SqlValues::isId(customerId))
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    return Core::readOnly(m_context.database, [&] {
        if (user.limitedToRegion()) {
            Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
            Accounts::RegionAccess::require(user, customers, customerId, customers.numberById(customerId).value_or(QString()));
        }
        QList<AccountBalance> list;
        const QStringList ids = m_ledger.accountsOfCustomer(customerId);
        for (const QString &id : ids) {
            if (const auto a = m_ledger.account(id))
                list << readBalance(*a, recent);
        }
        return list;
    });
}

QList<LedgerEntry> LedgerService::entries(const Core::UserContext &user, const QString &account)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return m_ledger.all(requireAccount(user, account).id); });
}

TopUpResult LedgerService::topUp(const Core::UserContext &user, const QString &account, const QString &amount,
                                 const TopUpSource &source, const QLocale &locale)
{
    user.require(Permission::TakePayments);
    const bool card = source.kind == TopUpSource::Kind::Card;
    if (source.secret.trimmed().isEmpty())
        badInput(card ? Tr::tr("Card token: enter the payment provider's token of the customer's card.")
                      : Tr::tr("Voucher code: enter the code printed on the voucher."));
    const QString secretHash = LedgerRepository::hashSecret(source.secret);

    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    if (a.paymentType != PaymentType::Prepaid)
        badInput(Tr::tr("Account %1 is postpaid: record a payment instead of a top-up.").arg(a.accountNumber));
    m_ledger.lockAccount(a.id);
    const qint64 now = m_context.clock.nowSecs();

    qint64 amountMinor = 0;
    if (card) {
        amountMinor = parseAmount(amount, a.currency, locale, Tr::tr("Amount"));
        // Checked here, inside the transaction that writes the top-up: a card blocked a moment
        // ago is refused, whatever the form showed when it opened.
        if (const auto blocked = m_ledger.blockedCard(secretHash)) {
            badInput(Tr::tr("The card is blocked (%1); nothing was taken. Ask the customer for another card.")
                         .arg(blocked->reason));
        }
    } else {
        const auto voucher = m_ledger.voucher(secretHash);
        if (!voucher)
            badInput(Tr::tr("Voucher code: no voucher has this code; check it and type it again."));
        if (voucher->usedAt != 0) {
            badInput(Tr::tr("Voucher code: this voucher was already used on %1.")
                         .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(voucher->usedAt, a.zone), QLocale::ShortFormat)));
        }
        if (voucher->currency != a.currency)
            badInput(Tr::tr("Voucher code: the voucher is in %1, but the account's amounts are in %2.")
                         .arg(voucher->currency, a.currency));
        amountMinor = voucher->amountMinor;
        if (!amount.trimmed().isEmpty()) {
            const qint64 given = parseAmount(amount, a.currency, locale, Tr::tr("Amount"));
            if (given != amountMinor)
                badInput(Tr::tr("Amount: the voucher is worth %1, not %2.")
                             .arg(text(amountMinor, a.currency), text(given, a.currency)));
        }
        if (!m_ledger.useVoucher(secretHash, a.id, now))
            badInput(Tr::tr("Voucher code: this voucher was used a moment ago."));
    }

    const qint64 before = m_ledger.balance(a.id);
    const qint64 emergencyOutstanding = m_ledger.sumOf(a.id, {EntryKind::EmergencyCredit, EntryKind::EmergencyRepayment});
    const auto debt = m_ledger.debt(a.id);

    TopUpResult result;
    result.topUpId = Core::newId();
    LedgerEntry topUp = entry(a, EntryKind::TopUp, amountMinor, user);
    topUp.reference = result.topUpId;
    topUp.method = card ? QStringLiteral("card") : QStringLiteral("voucher");
    result.entries << m_ledger.insert(topUp);

    qint64 left = amountMinor;
    const qint64 repaid = std::min(std::max<qint64>(emergencyOutstanding, 0), left);
    if (repaid > 0) {
        LedgerEntry e = entry(a, EntryKind::EmergencyRepayment, -repaid, user);
        e.reference = result.topUpId;
        result.entries << m_ledger.insert(e);
        left -= repaid;
    }
    qint64 recovered = 0;
    if (debt && debt->outstandingMinor > 0) {
        recovered = std::min({Money(amountMinor, a.currency).percentOf(debt->shareBp).minorUnits(), debt->outstandingMinor, left});
        if (recovered > 0) {
            LedgerEntry e = entry(a, EntryKind::DebtRecovery, -recovered, user);
            e.reference = result.topUpId;
            result.entries << m_ledger.insert(e);
            m_ledger.setDebtOutstanding(a.id, debt->outstandingMinor - recovered, now);
        }
    }
    result.balanceMinor = m_ledger.balance(a.id);
    result.debtMinor = debt ? debt->outstandingMinor - recovered : 0;
    result.emergencyCreditMinor = emergencyOutstanding - repaid;

    Pending pending;
    checkThresholds(pending, a, before, result.balanceMinor);
    QJsonArray written;
    for (const LedgerEntry &e : std::as_const(result.entries))
        written.append(entryJson(e));
    QJsonObject after{{QStringLiteral("top_up_id"), result.topUpId},
                      {QStringLiteral("amount_minor"), amountMinor},
                      {QStringLiteral("currency"), a.currency},
                      {QStringLiteral("method"), topUp.method},
                      // A prefix of the hash tells two cards apart in the log without giving the token away.
                      {QStringLiteral("source_hash"), secretHash.left(12)},
                      {QStringLiteral("entries"), written},
                      {QStringLiteral("balance_minor"), result.balanceMinor}};
    m_context.audit.record(user, QStringLiteral("ledger.topup"), QStringLiteral("account"), a.id,
                           {{QStringLiteral("balance_minor"), before}}, after);
    tx.commit();
    publish(pending);
    return result;
}

LedgerEntry LedgerService::grantEmergencyCredit(const Core::UserContext &user, const QString &account)
{
    user.require(Permission::TakePayments);
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    if (a.paymentType != PaymentType::Prepaid)
        badInput(Tr::tr("Account %1 is postpaid: emergency credit is for prepaid accounts.").arg(a.accountNumber));
    m_ledger.lockAccount(a.id);
    const PrepaidSettings settings = m_ledger.settings(a.id, a.marketCode);
    if (settings.emergencyCreditMinor <= 0)
        badInput(Tr::tr("No emergency credit is offered on account %1.").arg(a.accountNumber));
    const qint64 outstanding = m_ledger.sumOf(a.id, {EntryKind::EmergencyCredit, EntryKind::EmergencyRepayment});
    if (outstanding > 0)
        throw Error(Error::Kind::Conflict,
                    Tr::tr("Emergency credit of %1 is still to be repaid on account %2; it is repaid from the next top-up.")
                        .arg(text(outstanding, a.currency), a.accountNumber));
    const qint64 before = m_ledger.balance(a.id);
    const qint64 low = settings.lowBalanceMinor.isEmpty() ? 0 : settings.lowBalanceMinor.constFirst();
    if (before >= low)
        badInput(Tr::tr("Emergency credit is for a balance below %1; the balance of %2 is %3.")
                     .arg(text(low, a.currency), a.accountNumber, text(before, a.currency)));
    const LedgerEntry e = m_ledger.insert(entry(a, EntryKind::EmergencyCredit, settings.emergencyCreditMinor, user));
    Pending pending;
    addEvent(pending, a, QStringLiteral("prepaid.emergency_credit"), QStringLiteral("info"),
             {{QStringLiteral("amount_minor"), e.amountMinor}, {QStringLiteral("balance_minor"), before + e.amountMinor}});
    m_context.audit.record(user, QStringLiteral("ledger.emergency_credit"), QStringLiteral("account"), a.id,
                           {{QStringLiteral("balance_minor"), before}},
                           {{QStringLiteral("entry"), entryJson(e)}, {QStringLiteral("balance_minor"), before + e.amountMinor}});
    tx.commit();
    publish(pending);
    return e;
}

void LedgerService::setDebt(const Core::UserContext &user, const QString &account, const QString &amount, int shareBp,
                            const QLocale &locale)
{
    user.require(Permission::TakePayments);
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    m_ledger.lockAccount(a.id);
    const bool clear = amount.trimmed() == QLatin1String("0");
    const qint64 minor = clear ? 0 : parseAmount(amount, a.currency, locale, Tr::tr("Debt"));
    if (shareBp < 1 || shareBp > 10000)
        badInput(Tr::tr("Recovery share: enter a share of each top-up from 0.01 % to 100 %."));
    const auto before = m_ledger.debt(a.id);
    m_ledger.setDebt(a.id, {minor, minor, shareBp, a.currency}, m_context.clock.nowSecs());
    QJsonObject beforeJson;
    if (before)
        beforeJson = {{QStringLiteral("outstanding_minor"), before->outstandingMinor},
                      {QStringLiteral("recovery_share_bp"), before->shareBp}};
    m_context.audit.record(user, QStringLiteral("ledger.debt_set"), QStringLiteral("account"), a.id, beforeJson,
                           {{QStringLiteral("outstanding_minor"), minor},
                            {QStringLiteral("recovery_share_bp"), shareBp},
                            {QStringLiteral("currency"), a.currency}});
    tx.commit();
}

void LedgerService::blockCard(const Core::UserContext &user, const QString &cardToken, const QString &reason)
{
    user.require(Permission::TakePayments);
    if (cardToken.trimmed().isEmpty())
        badInput(Tr::tr("Card token: enter the payment provider's token of the card to block."));
    const QString why = reason.simplified();
    if (why.isEmpty())
        badInput(Tr::tr("Reason: say why the card is blocked; a refused top-up shows it."));
    if (why.size() > 200)
        badInput(Tr::tr("Reason: at most 200 characters."));
    const QString hash = LedgerRepository::hashSecret(cardToken);
    Transaction tx(m_context.database);
    const auto before = m_ledger.blockedCard(hash);
    m_ledger.blockCard(hash, {why, m_context.clock.nowSecs(), actorOf(user)});
    m_context.audit.record(user, QStringLiteral("ledger.card_blocked"), QStringLiteral("payment_card"), hash.left(12),
                           before ? QJsonObject{{QStringLiteral("reason"), before->reason}} : QJsonObject(),
                           {{QStringLiteral("reason"), why}});
    tx.commit();
}

void LedgerService::addVoucher(const Core::UserContext &user, const QString &code, const QString &amount,
                               const QString &currency, const QLocale &locale)
{
    user.require(Permission::TakePayments);
    if (code.trimmed().size() < 8)
        badInput(Tr::tr("Voucher code: enter the code of the voucher, at least 8 characters."));
    const QString cur = currency.trimmed().toUpper();
    if (cur.size() != 3)
        badInput(Tr::tr("Currency: enter the ISO code of the voucher's currency, such as EUR."));
    const qint64 minor = parseAmount(amount, cur, locale, Tr::tr("Amount"));
    const QString hash = LedgerRepository::hashSecret(code);
    Transaction tx(m_context.database);
    if (m_ledger.voucher(hash))
        throw Error(Error::Kind::Conflict, Tr::tr("Voucher code: a voucher with this code exists already."));
    m_ledger.insertVoucher(hash, minor, cur, m_context.clock.nowSecs());
    m_context.audit.record(user, QStringLiteral("ledger.voucher_added"), QStringLiteral("voucher"), hash.left(12), {},
                           {{QStringLiteral("amount_minor"), minor}, {QStringLiteral("currency"), cur}});
    tx.commit();
}

LedgerEntry LedgerService::adjust(const Core::UserContext &user, const QString &account, const QString &amount,
                                  const QString &note, const QLocale &locale)
{
    user.require(Permission::RunBilling);
    const QString why = note.simplified();
    if (why.isEmpty())
        badInput(Tr::tr("Note: say why the balance is adjusted."));
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    m_ledger.lockAccount(a.id);
    const qint64 minor = parseAmount(amount, a.currency, locale, Tr::tr("Amount"), true);
    const qint64 before = m_ledger.balance(a.id);
    LedgerEntry e = entry(a, minor > 0 ? EntryKind::Credit : EntryKind::Adjustment, minor, user);
    e.note = why;
    e = m_ledger.insert(e);
    Pending pending;
    checkThresholds(pending, a, before, before + minor);
    m_context.audit.record(user, QStringLiteral("ledger.adjustment"), QStringLiteral("account"), a.id,
                           {{QStringLiteral("balance_minor"), before}},
                           {{QStringLiteral("entry"), entryJson(e)},
                            {QStringLiteral("note"), why},
                            {QStringLiteral("balance_minor"), before + minor}});
    tx.commit();
    publish(pending);
    return e;
}

LedgerEntry LedgerService::recordPayment(const Core::UserContext &user, const QString &account, const QString &amount,
                                         const QString &method, const QString &reference, const QLocale &locale)
{
    user.require(Permission::TakePayments);
    if (!paymentMethods().contains(method)) {
        badInput(Tr::tr("Method: use one of %1.").arg(paymentMethods().join(QStringLiteral(", "))));
    }
    const QString ref = reference.simplified();
    if (ref.size() > 100)
        badInput(Tr::tr("Reference: at most 100 characters."));
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    if (a.paymentType != PaymentType::Postpaid)
        badInput(Tr::tr("Account %1 is prepaid: take a top-up instead of a payment.").arg(a.accountNumber));
    m_ledger.lockAccount(a.id);
    const qint64 minor = parseAmount(amount, a.currency, locale, Tr::tr("Amount"));
    const qint64 before = m_ledger.balance(a.id);
    LedgerEntry e = entry(a, EntryKind::Payment, minor, user);
    e.method = method;
    e.reference = ref;
    e = m_ledger.insert(e);
    // A payment can only bring the arrears stage down: noted without an event.
    const int stage = AgedDebt::of(m_ledger.all(a.id), today(a)).stage();
    if (stage < m_ledger.arrearsStage(a.id))
        m_ledger.setArrearsStage(a.id, stage, m_context.clock.nowSecs());
    m_context.audit.record(user, QStringLiteral("ledger.payment"), QStringLiteral("account"), a.id,
                           {{QStringLiteral("balance_minor"), before}},
                           {{QStringLiteral("entry"), entryJson(e)},
                            {QStringLiteral("method"), method},
                            {QStringLiteral("balance_minor"), before + minor}});
    tx.commit();
    return e;
}

LedgerEntry LedgerService::postBill(const QString &accountId, const QString &billId, qint64 amountMinor,
                                    const QDate &issuedOn, const QDate &dueOn)
{
    return postBills({BillPosting{accountId, billId, amountMinor, issuedOn, dueOn}}).constFirst();
}

QList<LedgerEntry> LedgerService::postBills(const QList<BillPosting> &bills)
{
    QList<LedgerEntry> entries;
    if (bills.isEmpty())
        return entries;
    QStringList accountIds;
    QStringList billIds;
    QSet<QString> seen;
    QSet<QPair<QString, QString>> pairs;
    billIds.reserve(bills.size());
    for (const BillPosting &b : bills) {
        if (b.billId.isEmpty() || !b.issuedOn.isValid() || !b.dueOn.isValid() || b.dueOn < b.issuedOn)
            badInput(Tr::tr("A bill needs its id, the day it was issued and a due day not before it."));
        const QString id = b.accountId.toLower();
        if (!Accounts::SqlValues::isId(id))
            throw Error(Error::Kind::NotFound, Tr::tr("There is no account %1 to put the bill on.").arg(b.accountId));
        if (!seen.contains(id)) {
            seen.insert(id);
            accountIds << id;
        }
        billIds << b.billId;
    }

    Transaction tx(m_context.database);
    const QList<LedgerAccount> found = m_ledger.accountsOf(accountIds);
    QHash<QString, const LedgerAccount *> byId;
    QStringList byNumber;
    byNumber.reserve(found.size());
    for (const LedgerAccount &a : found) {
        byId.insert(a.id, &a);
        byNumber << a.id;
    }
    for (const QString &id : std::as_const(accountIds)) {
        if (!byId.contains(id))
            throw Error(Error::Kind::NotFound, Tr::tr("There is no account %1 to put the bill on.").arg(id));
    }
    m_ledger.lockAccounts(byNumber);
    QHash<QString, LedgerRepository::Tail> tails = m_ledger.tails(accountIds, billIds);

    const qint64 now = m_context.clock.nowSecs();
    entries.reserve(bills.size());
    for (const BillPosting &b : bills) {
        const LedgerAccount &a = *byId.value(b.accountId.toLower());
        LedgerRepository::Tail &tail = tails[a.id];
        if (tail.billOnLedger == b.billId || pairs.contains({a.id, b.billId}))
            throw Error(Error::Kind::Conflict,
                        Tr::tr("The bill %1 is on the ledger of account %2 already.").arg(b.billId, a.accountNumber));
        pairs.insert({a.id, b.billId});
        LedgerEntry e;
        e.id = Core::newId();
        e.accountId = a.id;
        e.seq = ++tail.lastSeq;
        e.at = now;
        e.day = b.issuedOn;
        e.kind = EntryKind::Bill;
        e.amountMinor = -b.amountMinor;
        e.currency = a.currency;
        e.reference = b.billId;
        e.actor = QStringLiteral("billing");
        e.dueOn = b.dueOn;
        entries << e;
    }
    m_ledger.insertAll(entries);
    tx.commit();
    return entries;
}

AgedDebt LedgerService::agedDebt(const Core::UserContext &user, const QString &account, const QDate &asOf)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const LedgerAccount a = requireAccount(user, account);
        return AgedDebt::of(m_ledger.all(a.id), asOf.isValid() ? asOf : today(a));
    });
}

AgedDebt LedgerService::portfolioAgedDebt(const Core::UserContext &user, const QDate &asOf)
{
    user.require(Permission::ViewCustomers);
    if (user.limitedToRegion())
        throw Error(Error::Kind::Denied, Tr::tr("%1 sees only the customers of a region, not the whole portfolio.")
                                             .arg(user.userName()));
    return Core::readOnly(m_context.database, [&] {
        AgedDebt total;
        const QStringList ids = m_ledger.postpaidAccountsWithEntries();
        for (const QString &id : ids)
            total += AgedDebt::of(m_ledger.all(id), asOf);
        return total;
    });
}

QList<ArrearsChange> LedgerService::updateArrears(const Core::UserContext &user, const QDate &asOf)
{
    user.require(Permission::RunBilling);
    if (!asOf.isValid())
        badInput(Tr::tr("Day: give the day to age the debt on."));
    Transaction tx(m_context.database);
    const qint64 now = m_context.clock.nowSecs();
    QList<ArrearsChange> changes;
    Pending pending;
    const QStringList ids = m_ledger.postpaidAccountsWithEntries();
    for (const QString &id : ids) {
        m_ledger.lockAccount(id);
        const AgedDebt aged = AgedDebt::of(m_ledger.all(id), asOf);
        const int stored = m_ledger.arrearsStage(id);
        const int stage = aged.stage();
        if (stage == stored)
            continue;
        const auto a = m_ledger.account(id);
        m_ledger.setArrearsStage(id, stage, now);
        changes << ArrearsChange{id, a->accountNumber, stored, stage, aged.pastDueMinor(), a->currency};
        if (stage > stored) {
            addEvent(pending, *a, QStringLiteral("arrears.stage"), stage >= 3 ? QStringLiteral("critical") : QStringLiteral("warning"),
                     {{QStringLiteral("stage"), stage},
                      {QStringLiteral("previous_stage"), stored},
                      {QStringLiteral("past_due_minor"), aged.pastDueMinor()},
                      {QStringLiteral("oldest_due_on"), aged.oldestUnpaidDue.toString(Qt::ISODate)},
                      {QStringLiteral("as_of"), asOf.toString(Qt::ISODate)}});
        }
    }
    if (!changes.isEmpty()) {
        QJsonArray moved;
        for (const ArrearsChange &c : std::as_const(changes))
            moved.append(QJsonObject{{QStringLiteral("account"), c.accountNumber},
                                     {QStringLiteral("from"), c.fromStage},
                                     {QStringLiteral("to"), c.toStage}});
        m_context.audit.record(user, QStringLiteral("ledger.arrears_updated"), QStringLiteral("ledger"), QString(), {},
                               {{QStringLiteral("as_of"), asOf.toString(Qt::ISODate)}, {QStringLiteral("accounts"), moved}});
    }
    tx.commit();
    publish(pending);
    return changes;
}

void LedgerService::setPrepaidSettings(const Core::UserContext &user, const QString &account,
                                       const PrepaidSettings &settings)
{
    user.require(Permission::ChangeSettings);
    if (settings.friendlyFromMinute < 0 || settings.friendlyToMinute > 1440
        || settings.friendlyFromMinute >= settings.friendlyToMinute)
        badInput(Tr::tr("Friendly hours: the start must come before the end, within one day."));
    for (int d : settings.friendlyWeekdays) {
        if (d < 1 || d > 7)
            badInput(Tr::tr("Friendly days: use weekday numbers from 1 (Monday) to 7 (Sunday)."));
    }
    if (settings.emergencyCreditMinor < 0)
        badInput(Tr::tr("Emergency credit: enter zero or more."));
    for (qsizetype i = 1; i < settings.lowBalanceMinor.size(); ++i) {
        if (settings.lowBalanceMinor.at(i) >= settings.lowBalanceMinor.at(i - 1))
            badInput(Tr::tr("Low-balance thresholds: list them from the highest to the lowest."));
    }
    Transaction tx(m_context.database);
    const LedgerAccount a = requireAccount(user, account);
    m_ledger.setAccountSettings(a.id, settings, m_context.clock.nowSecs());
    QJsonArray thresholds;
    for (qint64 t : settings.lowBalanceMinor)
        thresholds.append(t);
    QJsonArray days;
    for (int d : settings.friendlyWeekdays)
        days.append(d);
    m_context.audit.record(user, QStringLiteral("ledger.prepaid_settings"), QStringLiteral("account"), a.id, {},
                           {{QStringLiteral("low_balance_minor"), thresholds},
                            {QStringLiteral("emergency_credit_minor"), settings.emergencyCreditMinor},
                            {QStringLiteral("friendly_from_minute"), settings.friendlyFromMinute},
                            {QStringLiteral("friendly_to_minute"), settings.friendlyToMinute},
                            {QStringLiteral("friendly_weekdays"), days}});
    tx.commit();
}

QList<AccountEvent> LedgerService::events(const Core::UserContext &user, const QString &customerId,
                                          bool withAcknowledged, int limit)
{
    user.require(Permission::ViewCustomers);
    if (!Accounts::SqlValues::isId(customerId))
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    return Core::readOnly(m_context.database, [&] {
        if (user.limitedToRegion()) {
            Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
            Accounts::RegionAccess::require(user, customers, customerId, customers.numberById(customerId).value_or(QString()));
        }
        return m_ledger.events(customerId, withAcknowledged, qMax(1, limit));
    });
}

AccountEvent LedgerService::acknowledgeEvent(const Core::UserContext &user, const QString &eventId)
{
    user.require(Permission::LogInteractions);
    Transaction tx(m_context.database);
    auto e = Accounts::SqlValues::isId(eventId) ? m_ledger.event(eventId) : std::nullopt;
    if (!e)
        throw Error(Error::Kind::NotFound, Tr::tr("The account event does not exist (any more)."));
    if (user.limitedToRegion()) {
        Accounts::CustomerRepository customers(m_context.database, m_context.cipher);
        Accounts::RegionAccess::require(user, customers, e->customerId, customers.numberById(e->customerId).value_or(QString()));
    }
    if (e->acknowledged()) {
        tx.commit();
        return *e;
    }
    const qint64 now = m_context.clock.nowSecs();
    m_ledger.acknowledge(e->id, now, actorOf(user));
    m_context.audit.record(user, QStringLiteral("ledger.event_acknowledged"), QStringLiteral("account_event"), e->id, {},
                           {{QStringLiteral("topic"), e->topic}, {QStringLiteral("account_id"), e->accountId}});
    tx.commit();
    e->acknowledgedAt = now;
    e->acknowledgedBy = actorOf(user);
    return *e;
}

std::unique_ptr<Accounts::IdentityFactor> LedgerService::lastPaymentFactor()
{
    return std::make_unique<LastPaymentFactor>(m_ledger);
}

} // namespace Ud::Billing
