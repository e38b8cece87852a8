#include "billrundata.h"

#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/sqlquery.h>
#include <metering/intervalday.h>

#include <QDateTime>
#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace Ud::Billing {

using Accounts::SqlValues;
using Core::SqlQuery;

namespace {

QString iso(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

/// UTC start of local days, cached: a batch has many accounts in few zones.
class DayStarts
{
public:
    qint64 of(const QDate &day, const QTimeZone &zone)
    {
        const auto key = qMakePair(zone.id(), day.toJulianDay());
        auto it = m_starts.constFind(key);
        if (it != m_starts.constEnd())
            return *it;
        const qint64 start = day.startOfDay(zone).toSecsSinceEpoch();
        m_starts.insert(key, start);
        return start;
    }

private:
    QHash<QPair<QByteArray, qint64>, qint64> m_starts;
};

} // namespace

BillRunData::BillRunData(Core::Database &db) : m_db(db) {}

QList<BillRunCandidate> BillRunData::candidates(const QDate &from, const QDate &to)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT a.id, a.account_number FROM accounts a WHERE a.status = 'active' AND a.payment_type = 'postpaid' "
        "AND a.opened_on <= :to1 AND (a.final_reading_on IS NULL OR a.final_reading_on >= :from1) "
        "AND EXISTS (SELECT 1 FROM account_tariffs at WHERE at.account_id = a.id AND at.effective_from <= :to2 "
        "AND (at.effective_to IS NULL OR at.effective_to >= :from2)) ORDER BY a.account_number"));
    q.bind(QStringLiteral(":to1"), iso(to))
        .bind(QStringLiteral(":from1"), iso(from))
        .bind(QStringLiteral(":to2"), iso(to))
        .bind(QStringLiteral(":from2"), iso(from))
        .exec();
    QList<BillRunCandidate> list;
    while (q.next())
        list << BillRunCandidate{SqlValues::id(q.value(0)), q.value(1).toString()};
    return list;
}

QHash<QString, BillRunAccount> BillRunData::accounts(const QStringList &accountIds)
{
    QHash<QString, BillRunAccount> out;
    if (accountIds.isEmpty())
        return out;
    const QString ids = m_db.dialect().valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"));
    const QString idList = m_db.dialect().valueListParameter(accountIds);
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1, a.opened_on, a.closed_on, a.final_reading_on FROM %2 "
                                                 "WHERE a.id IN (%3)")
                                      .arg(BillingData::accountColumns(), BillingData::accountJoins(), ids));
    q.bind(QStringLiteral(":ids"), idList);
    q.exec();
    QStringList withoutZone;
    while (q.next()) {
        BillRunAccount r;
        r.account = BillingData::accountFromRow(q);
        BillingAccount &a = r.account;
        r.openedOn = SqlValues::toDate(q.value(16));
        r.endsOn = SqlValues::toDate(q.value(18));
        if (!r.endsOn.isValid())
            r.endsOn = SqlValues::toDate(q.value(17));
        if (!a.zone.isValid())
            withoutZone << a.accountId;
        out.insert(a.accountId, r);
    }

    // As BillingData: an account without a premise zone takes its newest meter's zone, else UTC.
    for (const QString &id : std::as_const(withoutZone)) {
        SqlQuery mq(m_db.connection(), QStringLiteral(
            "SELECT m.time_zone FROM meters m JOIN service_points sp ON sp.id = m.service_point_id "
            "WHERE sp.account_id = :a AND m.time_zone <> '' ORDER BY m.installed_on DESC"));
        mq.bind(QStringLiteral(":a"), id).exec();
        QTimeZone &zone = out[id].account.zone;
        while (!zone.isValid() && mq.next())
            zone = BillingData::zoneOf(mq.value(0).toString());
        if (!zone.isValid())
            zone = QTimeZone::utc();
    }

    SqlQuery t(m_db.connection(), QStringLiteral(
        "SELECT at.account_id, t.id, t.code, at.effective_from, at.effective_to FROM account_tariffs at "
        "JOIN tariffs t ON t.id = at.tariff_id WHERE at.account_id IN (%1) ORDER BY at.effective_from").arg(ids));
    t.bind(QStringLiteral(":ids"), idList);
    t.exec();
    while (t.next()) {
        auto it = out.find(SqlValues::id(t.value(0)));
        if (it == out.end())
            continue;
        TariffAssignment a;
        a.tariffId = SqlValues::id(t.value(1));
        a.tariffCode = t.value(2).toString();
        a.from = SqlValues::toDate(t.value(3));
        if (!t.value(4).isNull())
            a.to = SqlValues::toDate(t.value(4));
        it->assignments << a;
    }
    return out;
}

QHash<QString, MeteredUsage> BillRunData::usage(const QHash<QString, BillRunAccount> &accounts,
                                                const QHash<QString, QPair<QDate, QDate>> &days)
{
    QHash<QString, MeteredUsage> out;
    if (days.isEmpty())
        return out;
    QStringList ids;
    QDate first;
    QDate last;
    for (auto it = days.constBegin(); it != days.constEnd(); ++it) {
        ids << it.key();
        if (!first.isValid() || it->first < first)
            first = it->first;
        if (!last.isValid() || it->second > last)
            last = it->second;
        MeteredUsage &u = out[it.key()];
        u.zone = accounts.value(it.key()).account.zone;
        u.intervalMinutes = 0;
    }

    // The supply points billed to each account and those at its premise, as BillingData reads
    // them; the days of the interval store joined on, so one query returns every reading.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT a.id, mc.id, m.interval_minutes, d.local_day, d.reading_count, d.readings, d.quality "
        "FROM accounts a JOIN service_points sp ON sp.commodity = 'electricity' "
        "AND (sp.account_id = a.id OR sp.premise_id = a.premise_id) "
        "JOIN meters m ON m.service_point_id = sp.id AND m.commodity = 'electricity' "
        "JOIN meter_channels mc ON mc.meter_id = m.id AND mc.channel = 'import' "
        "LEFT JOIN interval_days d ON d.channel_id = mc.id AND d.local_day >= :first AND d.local_day <= :last "
        "WHERE a.id IN (%1) ORDER BY a.id, d.local_day")
                                      .arg(m_db.dialect().valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    q.bind(QStringLiteral(":first"), iso(first)).bind(QStringLiteral(":last"), iso(last));
    q.bind(QStringLiteral(":ids"), m_db.dialect().valueListParameter(ids));
    q.exec();

    DayStarts starts;
    QHash<QString, QSet<QString>> channelsOf;
    QString currentId;
    MeteredUsage *current = nullptr;
    QPair<QDate, QDate> span;
    qint64 fromUtc = 0;
    qint64 toUtc = 0;
    while (q.next()) {
        const QString accountId = SqlValues::id(q.value(0));
        if (accountId != currentId) {
            currentId = accountId;
            current = &out[accountId];
            span = days.value(accountId);
            fromUtc = starts.of(span.first, current->zone);
            toUtc = starts.of(span.second.addDays(1), current->zone);
        }
        const int minutes = q.value(2).toInt();
        if (current->intervalMinutes == 0 || minutes < current->intervalMinutes)
            current->intervalMinutes = minutes;
        channelsOf[accountId].insert(SqlValues::id(q.value(1)));
        if (q.value(3).isNull())
            continue;
        const QDate day = QDate::fromString(q.value(3).toString(), Qt::ISODate);
        if (!day.isValid() || day < span.first || day > span.second)
            continue;
        const int count = q.value(4).toInt();
        const QByteArray readings = q.value(5).toByteArray();
        const QByteArray quality = q.value(6).toByteArray();
        if (count <= 0 || readings.size() != qsizetype(count) * 8 || quality.size() != count)
            continue;
        // The slots of a day follow one another in UTC from the day's start (23- and 25-hour
        // days simply have fewer or more), as in the interval store.
        const qint64 start = starts.of(day, current->zone);
        const qint64 step = qint64(minutes) * 60;
        const auto *values = reinterpret_cast<const uchar *>(readings.constData());
        for (int slot = 0; slot < count; ++slot) {
            const auto flag = Metering::Quality(quint8(quality.at(slot)));
            if (flag == Metering::Quality::Missing)
                continue;
            const qint64 at = start + slot * step;
            if (at < fromUtc || at >= toUtc)
                continue;
            current->readings.append({at, qFromLittleEndian<qint64>(values + slot * 8), flag});
        }
    }
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (it->intervalMinutes == 0)
            it->intervalMinutes = 30;
        if (channelsOf.value(it.key()).size() > 1) {
            std::stable_sort(it->readings.begin(), it->readings.end(),
                             [](const auto &a, const auto &b) { return a.startUtc < b.startUtc; });
        }
    }
    return out;
}

QStringList BillRunData::postpaidAccountsOf(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id FROM accounts WHERE customer_id = :c AND payment_type = 'postpaid' ORDER BY account_number"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QPair<QDate, QDate> BillRunData::heldDays(const QString &accountId)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT opened_on, closed_on, final_reading_on FROM accounts WHERE id = :a"));
    q.bind(QStringLiteral(":a"), accountId).exec();
    if (!q.next())
        return {};
    QDate end = SqlValues::toDate(q.value(2));
    if (!end.isValid())
        end = SqlValues::toDate(q.value(1));
    return {SqlValues::toDate(q.value(0)), end};
}

} // namespace Ud::Billing
