#include "billingdata.h"

#include "billingrepository.h"
#include "tariffrepository.h"

#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillingData)
};

using Accounts::SqlValues;
using Core::Error;
using Core::SqlQuery;

QDate isoDate(const QVariant &value)
{
    return SqlValues::toDate(value);
}

} // namespace

BillingData::BillingData(Core::Database &db) : m_db(db) {}

QTimeZone BillingData::zoneOf(const QString &id)
{
    if (id.isEmpty())
        return {};
    QTimeZone zone(id.toUtf8());
    return zone.isValid() ? zone : QTimeZone();
}

QString BillingData::accountColumns()
{
    return QStringLiteral("a.id, a.account_number, a.customer_id, c.customer_number, c.full_name, c.language, "
                          "a.market_code, m.currency, c.class, a.payment_type, a.premise_id, p.address_line1, "
                          "p.address_line2, p.city, p.postcode, p.time_zone");
}

QString BillingData::accountJoins()
{
    return QStringLiteral("accounts a JOIN customers c ON c.id = a.customer_id JOIN markets m ON m.code = a.market_code "
                          "LEFT JOIN premises p ON p.id = a.premise_id");
}

BillingAccount BillingData::accountFromRow(const Core::SqlQuery &q)
{
    BillingAccount a;
    a.accountId = SqlValues::id(q.value(0));
    a.accountNumber = q.value(1).toString();
    a.customerId = SqlValues::id(q.value(2));
    a.customerNumber = q.value(3).toString();
    a.customerName = q.value(4).toString();
    a.language = q.value(5).toString();
    a.marketCode = q.value(6).toString();
    a.currency = q.value(7).toString();
    a.customerClass = Accounts::customerClassFromKey(q.value(8).toString()).value_or(Accounts::CustomerClass::Residential);
    a.paymentType = Accounts::paymentTypeFromKey(q.value(9).toString()).value_or(Accounts::PaymentType::Postpaid);
    a.premiseId = SqlValues::id(q.value(10));
    QStringList address;
    for (int i = 11; i <= 14; ++i) {
        const QString part = q.value(i).toString().trimmed();
        if (!part.isEmpty())
            address << part;
    }
    a.premiseAddress = address.join(QStringLiteral(", "));
    a.zone = zoneOf(q.value(15).toString());
    return a;
}

BillingAccount BillingData::account(const QString &idOrNumber)
{
    const QString key = idOrNumber.trimmed();
    const bool byId = SqlValues::isId(key);
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                                      .arg(accountColumns(), accountJoins(),
                                           byId ? QStringLiteral("a.id = :k") : QStringLiteral("a.account_number = :k")));
    q.bind(QStringLiteral(":k"), byId ? key.toLower() : key).exec();
    if (!q.next())
        throw Error(Error::Kind::NotFound, Tr::tr("There is no account %1.").arg(key));
    BillingAccount a = accountFromRow(q);
    if (!a.zone.isValid()) {
        // An account without a premise (or with a zone the system does not know) takes its
        // meter's zone, as the interval store did when it placed the readings.
        SqlQuery mq(m_db.connection(), QStringLiteral(
            "SELECT m.time_zone FROM meters m JOIN service_points sp ON sp.id = m.service_point_id "
            "WHERE sp.account_id = :a AND m.time_zone <> '' ORDER BY m.installed_on DESC"));
        mq.bind(QStringLiteral(":a"), a.accountId).exec();
        while (!a.zone.isValid() && mq.next())
            a.zone = zoneOf(mq.value(0).toString());
    }
    if (!a.zone.isValid())
        a.zone = QTimeZone::utc();
    return a;
}

std::optional<QDate> BillingData::firstReadingDay(const BillingAccount &account)
{
    return readingDay(account, false);
}

std::optional<QDate> BillingData::lastReadingDay(const BillingAccount &account)
{
    return readingDay(account, true);
}

std::optional<QDate> BillingData::readingDay(const BillingAccount &account, bool last)
{
    // channel_stats is kept current by every write, so this reads no interval rows.
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM channel_stats s JOIN meter_channels c ON c.id = s.channel_id "
                              "JOIN meters m ON m.id = c.meter_id JOIN service_points sp ON sp.id = m.service_point_id "
                              "WHERE sp.account_id = :a AND c.channel = 'import' AND m.commodity = 'electricity'")
                   .arg(last ? QStringLiteral("max(s.last_utc)") : QStringLiteral("min(s.first_utc)")));
    q.bind(QStringLiteral(":a"), account.accountId).exec();
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), account.zone).date();
}

MeteredUsage BillingData::usage(const BillingAccount &account, const QDate &from, const QDate &to)
{
    MeteredUsage usage;
    usage.zone = account.zone;
    if (!from.isValid() || !to.isValid() || to < from)
        return usage;

    // The account's days at its premise: the supply's readings before it opened or after its
    // final reading belong to another occupant.
    QDate first = from;
    QDate last = to;
    {
        SqlQuery q(m_db.connection(),
                   QStringLiteral("SELECT opened_on, closed_on, final_reading_on FROM accounts WHERE id = :a"));
        q.bind(QStringLiteral(":a"), account.accountId).exec();
        if (q.next()) {
            const QDate opened = isoDate(q.value(0));
            QDate end = isoDate(q.value(2));
            if (!end.isValid())
                end = isoDate(q.value(1));
            if (opened.isValid())
                first = std::max(first, opened);
            if (end.isValid())
                last = std::min(last, end);
        }
    }

    // Electricity import channels of the supply points billed to the account, and of those at
    // its premise (a supply point passes to the next occupant on a move; the days above keep
    // each account to its own readings).
    QList<QPair<QString, int>> channels;
    const auto found = BillingRepository(m_db).importChannels(account.accountId, account.premiseId);
    for (const auto &c : found)
        channels.append({c.channelId, c.intervalMinutes});
    if (channels.isEmpty() || last < first) {
        if (!channels.isEmpty())
            usage.intervalMinutes = channels.first().second;
        return usage;
    }
    // One interval length for the bill: the finest of the meters (a replaced 30-minute meter's
    // readings then fill every other slot of a 15-minute grid, which the missing count shows).
    usage.intervalMinutes = channels.first().second;
    for (const auto &c : std::as_const(channels))
        usage.intervalMinutes = std::min(usage.intervalMinutes, c.second);

    const qint64 fromUtc = first.startOfDay(account.zone).toSecsSinceEpoch();
    const qint64 toUtc = last.addDays(1).startOfDay(account.zone).toSecsSinceEpoch();
    Metering::ReadingStore store(m_db);
    for (const auto &c : std::as_const(channels)) {
        const auto readings = store.read(c.first, account.zone, fromUtc, toUtc);
        usage.readings.append(readings);
    }
    if (channels.size() > 1) {
        std::stable_sort(usage.readings.begin(), usage.readings.end(),
                         [](const auto &a, const auto &b) { return a.startUtc < b.startUtc; });
    }
    return usage;
}

QList<TariffAssignment> BillingData::assignments(const QString &accountId)
{
    QList<TariffAssignment> list;
    if (!SqlValues::isId(accountId))
        return list;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT t.id, t.code, at.effective_from, at.effective_to FROM account_tariffs at "
        "JOIN tariffs t ON t.id = at.tariff_id WHERE at.account_id = :a ORDER BY at.effective_from"));
    q.bind(QStringLiteral(":a"), accountId).exec();
    while (q.next()) {
        TariffAssignment a;
        a.tariffId = SqlValues::id(q.value(0));
        a.tariffCode = q.value(1).toString();
        a.from = isoDate(q.value(2));
        if (!q.value(3).isNull())
            a.to = isoDate(q.value(3));
        list << a;
    }
    return list;
}

std::optional<Tariff> BillingData::tariffOn(const QString &accountId, const QDate &day)
{
    if (!SqlValues::isId(accountId) || !day.isValid())
        return std::nullopt;
    // ISO dates compare as text in both dialects.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT t.market_code, t.code FROM account_tariffs at JOIN tariffs t ON t.id = at.tariff_id "
        "WHERE at.account_id = :a AND at.effective_from <= :d1 AND (at.effective_to IS NULL OR at.effective_to >= :d2) "
        "ORDER BY at.effective_from DESC"));
    const QString d = day.toString(Qt::ISODate);
    q.bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":d1"), d).bind(QStringLiteral(":d2"), d).exec();
    if (!q.next())
        return std::nullopt;
    return TariffRepository(m_db).byCode(q.value(0).toString(), q.value(1).toString());
}

TaxSchedule BillingData::taxes(const QString &marketCode, Accounts::CustomerClass customerClass)
{
    const QString classKey = Accounts::customerClassKey(customerClass);
    TaxSchedule taxes;

    // The market's VAT, overridden from their dates on by the rates of the class.
    QList<VatRate> market;
    QList<VatRate> ofClass;
    {
        SqlQuery q(m_db.connection(), QStringLiteral(
            "SELECT effective_from, rate_bp FROM vat_rates WHERE market_code = :m ORDER BY effective_from"));
        q.bind(QStringLiteral(":m"), marketCode).exec();
        while (q.next())
            market << VatRate{isoDate(q.value(0)), q.value(1).toInt()};
    }
    {
        SqlQuery q(m_db.connection(), QStringLiteral(
            "SELECT effective_from, rate_bp FROM vat_class_rates WHERE market_code = :m AND customer_class = :c "
            "ORDER BY effective_from"));
        q.bind(QStringLiteral(":m"), marketCode).bind(QStringLiteral(":c"), classKey).exec();
        while (q.next())
            ofClass << VatRate{isoDate(q.value(0)), q.value(1).toInt()};
    }
    QList<QDate> changes;
    for (const VatRate &r : std::as_const(market))
        changes << r.from;
    for (const VatRate &r : std::as_const(ofClass))
        changes << r.from;
    std::sort(changes.begin(), changes.end());
    changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
    const TaxSchedule marketOnly{market, {}};
    const TaxSchedule classOnly{ofClass, {}};
    for (const QDate &day : std::as_const(changes)) {
        const bool classApplies = !ofClass.isEmpty() && ofClass.first().from <= day;
        const int rate = classApplies ? classOnly.vatRateOn(day) : marketOnly.vatRateOn(day);
        if (taxes.vat.isEmpty() || taxes.vat.last().rateBp != rate)
            taxes.vat << VatRate{day, rate};
    }

    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT code, name, basis, rate, effective_from, effective_to FROM levies "
        "WHERE market_code = :m AND customer_class = :c ORDER BY effective_from, code"));
    q.bind(QStringLiteral(":m"), marketCode).bind(QStringLiteral(":c"), classKey).exec();
    while (q.next()) {
        Levy levy;
        levy.code = q.value(0).toString();
        levy.name = q.value(1).toString();
        const QString basis = q.value(2).toString();
        const qint64 rate = q.value(3).toLongLong();
        if (basis == QLatin1String("per_day")) {
            levy.basis = LevyBasis::PerDay;
            levy.rate = rate;
        } else if (basis == QLatin1String("percent_of_energy")) {
            // Stored in millionths of a basis point; `rate` carries the whole basis points.
            levy.basis = LevyBasis::PercentOfEnergy;
            levy.rateMicroBp = rate;
            levy.rate = rate / 1000000;
        } else {
            levy.basis = LevyBasis::PerKwh;
            levy.rate = rate;
        }
        levy.from = isoDate(q.value(4));
        if (!q.value(5).isNull())
            levy.to = isoDate(q.value(5));
        taxes.levies << levy;
    }
    return taxes;
}

QList<Tariff> BillingData::tariffsFor(const QString &marketCode, Accounts::CustomerClass customerClass)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT code, classes FROM tariffs WHERE market_code = :m ORDER BY code"));
    q.bind(QStringLiteral(":m"), marketCode).exec();
    const QString classKey = Accounts::customerClassKey(customerClass);
    QStringList codes;
    while (q.next()) {
        if (q.value(1).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(classKey))
            codes << q.value(0).toString();
    }
    QList<Tariff> list;
    TariffRepository repository(m_db);
    for (const QString &code : std::as_const(codes)) {
        if (auto t = repository.byCode(marketCode, code))
            list << *t;
    }
    return list;
}

} // namespace Ud::Billing
