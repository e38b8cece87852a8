#include "ledgerrepository.h"

#include "sqlitestatement.h"

#include <accounts/marketrules.h>
#include <accounts/sqlvalues.h>
#include <core/crypto.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/pgcopy.h>
#include <core/sqlquery.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Ud::Billing {

using Accounts::SqlValues;
using Core::SqlQuery;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::LedgerService)
};

const QString EntryColumns = QStringLiteral(
    "id, account_id, seq, at, day, kind, amount_minor, currency, reference, method, actor, note, due_on, "
    "consumption_wh, over_allowance_wh, carried_wh");

LedgerEntry entryFrom(const SqlQuery &q)
{
    LedgerEntry e;
    e.id = SqlValues::id(q.value(0));
    e.accountId = SqlValues::id(q.value(1));
    e.seq = q.value(2).toLongLong();
    e.at = q.value(3).toLongLong();
    e.day = SqlValues::toDate(q.value(4));
    e.kind = entryKindFromKey(q.value(5).toString()).value_or(EntryKind::Adjustment);
    e.amountMinor = q.value(6).toLongLong();
    e.currency = q.value(7).toString();
    e.reference = q.value(8).toString();
    e.method = q.value(9).toString();
    e.actor = q.value(10).toString();
    e.note = q.value(11).toString();
    e.dueOn = SqlValues::toDate(q.value(12));
    e.consumptionWh = SqlValues::toOptionalInt64(q.value(13));
    e.overAllowanceWh = SqlValues::toOptionalInt64(q.value(14));
    e.carriedWh = SqlValues::toOptionalInt64(q.value(15));
    return e;
}

QVariant optionalText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant optionalInt64(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QString joined(const QList<qint64> &values)
{
    QStringList list;
    for (qint64 v : values)
        list << QString::number(v);
    return list.join(QLatin1Char(','));
}

QList<qint64> splitInt64(const QString &text)
{
    QList<qint64> list;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &p : parts)
        list << p.trimmed().toLongLong();
    return list;
}

PrepaidSettings settingsFrom(const SqlQuery &q)
{
    PrepaidSettings s;
    s.lowBalanceMinor = splitInt64(q.value(0).toString());
    s.emergencyCreditMinor = q.value(1).toLongLong();
    s.friendlyFromMinute = q.value(2).toInt();
    s.friendlyToMinute = q.value(3).toInt();
    s.friendlyWeekdays.clear();
    for (qint64 d : splitInt64(q.value(4).toString()))
        s.friendlyWeekdays << int(d);
    return s;
}

const QString EventColumns = QStringLiteral(
    "id, account_id, customer_id, at, topic, severity, payload, acknowledged_at, acknowledged_by");

AccountEvent eventFrom(const SqlQuery &q)
{
    AccountEvent e;
    e.id = SqlValues::id(q.value(0));
    e.accountId = SqlValues::id(q.value(1));
    e.customerId = SqlValues::id(q.value(2));
    e.at = q.value(3).toLongLong();
    e.topic = q.value(4).toString();
    e.severity = q.value(5).toString();
    e.payload = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    e.acknowledgedAt = q.value(7).isNull() ? 0 : q.value(7).toLongLong();
    e.acknowledgedBy = q.value(8).toString();
    return e;
}

QString day(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

/// One entry's columns in the order of EntryColumns, into a SqliteStatement or a PgCopy (both
/// take text, integer and null).
template<typename Row>
void putEntry(Row &row, const LedgerEntry &e)
{
    const auto optionalText = [&row](const QString &text) {
        if (text.isEmpty())
            row.null();
        else
            row.text(text);
    };
    const auto optionalInt = [&row](const std::optional<qint64> &value) {
        if (value)
            row.integer(*value);
        else
            row.null();
    };
    row.text(e.id).text(e.accountId).integer(e.seq).integer(e.at).text(day(e.day)).text(entryKindKey(e.kind))
        .integer(e.amountMinor).text(e.currency);
    optionalText(e.reference);
    optionalText(e.method);
    row.text(e.actor);
    optionalText(e.note);
    optionalText(e.dueOn.isValid() ? day(e.dueOn) : QString());
    optionalInt(e.consumptionWh);
    optionalInt(e.overAllowanceWh);
    optionalInt(e.carriedWh);
}

void insertSqlite(const QSqlDatabase &connection, const QList<LedgerEntry> &entries)
{
    SqliteStatement insert(connection,
                           QStringLiteral("INSERT INTO ledger_entries (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                          "?11, ?12, ?13, ?14, ?15, ?16)")
                               .arg(EntryColumns)
                               .toUtf8(),
                           Tr::tr("The ledger entries could not be stored: %1."));
    for (const LedgerEntry &e : entries) {
        putEntry(insert, e);
        insert.step();
    }
}

void copyPostgres(const QSqlDatabase &connection, const QList<LedgerEntry> &entries)
{
    Core::PgCopy copy(connection, QStringLiteral("COPY ledger_entries (%1) FROM STDIN").arg(EntryColumns),
                      Tr::tr("Ledger entries"));
    for (const LedgerEntry &e : entries) {
        putEntry(copy, e);
        copy.endRow();
    }
    copy.finish();
}

} // namespace

LedgerRepository::LedgerRepository(Core::Database &db) : m_db(db) {}

QString LedgerRepository::hashSecret(const QString &secret)
{
    return QString::fromLatin1(Core::Crypto::sha256(secret.trimmed().toUtf8()).toHex());
}

std::optional<LedgerAccount> LedgerRepository::account(const QString &idOrNumber)
{
    const bool byId = SqlValues::isId(idOrNumber);
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT a.id, a.account_number, a.customer_id, a.market_code, m.currency, m.country, "
                              "a.payment_type, a.opened_on, p.time_zone, p.postcode "
                              "FROM accounts a JOIN markets m ON m.code = a.market_code "
                              "LEFT JOIN premises p ON p.id = a.premise_id WHERE ")
                   + (byId ? QStringLiteral("a.id = :key") : QStringLiteral("a.account_number = :key")));
    q.bind(QStringLiteral(":key"), byId ? idOrNumber.toLower() : idOrNumber.trimmed().toUpper()).exec();
    if (!q.next())
        return std::nullopt;
    LedgerAccount a;
    a.id = SqlValues::id(q.value(0));
    a.accountNumber = q.value(1).toString();
    a.customerId = SqlValues::id(q.value(2));
    a.marketCode = q.value(3).toString();
    a.currency = q.value(4).toString();
    a.paymentType = Accounts::paymentTypeFromKey(q.value(6).toString()).value_or(Accounts::PaymentType::Postpaid);
    a.openedOn = SqlValues::toDate(q.value(7));
    QString zone = q.value(8).toString();
    if (zone.isEmpty())
        zone = Accounts::MarketRules::defaultTimeZone(q.value(5).toString());
    a.zone = zone.isEmpty() ? QTimeZone::utc() : QTimeZone(zone.toUtf8());
    if (!a.zone.isValid())
        a.zone = QTimeZone::utc();
    return a;
}

QStringList LedgerRepository::accountsOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT id FROM accounts WHERE customer_id = :c ORDER BY account_number"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

void LedgerRepository::lockAccount(const QString &accountId)
{
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("ledger:") + accountId);
    if (!lock.isEmpty())
        SqlQuery(m_db.connection(), lock).exec();
}

QList<LedgerAccount> LedgerRepository::accountsOf(const QStringList &accountIds)
{
    QList<LedgerAccount> list;
    if (accountIds.isEmpty())
        return list;
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT a.id, a.account_number, a.customer_id, a.market_code, m.currency, a.payment_type "
                              "FROM accounts a JOIN markets m ON m.code = a.market_code WHERE a.id IN (%1) "
                              "ORDER BY a.account_number")
                   .arg(m_db.dialect().valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    q.bind(QStringLiteral(":ids"), m_db.dialect().valueListParameter(accountIds)).exec();
    while (q.next()) {
        LedgerAccount a;
        a.id = SqlValues::id(q.value(0));
        a.accountNumber = q.value(1).toString();
        a.customerId = SqlValues::id(q.value(2));
        a.marketCode = q.value(3).toString();
        a.currency = q.value(4).toString();
        a.paymentType = Accounts::paymentTypeFromKey(q.value(5).toString()).value_or(Accounts::PaymentType::Postpaid);
        a.zone = QTimeZone::utc();
        list << a;
    }
    return list;
}

void LedgerRepository::lockAccounts(const QStringList &accountIds)
{
    QStringList resources;
    resources.reserve(accountIds.size());
    for (const QString &id : accountIds)
        resources << QStringLiteral("ledger:") + id;
    const QString lock = m_db.dialect().lockResourcesSql(resources);
    if (!lock.isEmpty())
        SqlQuery(m_db.connection(), lock).exec();
}

qint64 LedgerRepository::balance(const QString &accountId)
{
    return SqlQuery(m_db.connection(),
                    QStringLiteral("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .scalar(0)
        .toLongLong();
}

qint64 LedgerRepository::sumOf(const QString &accountId, const QList<EntryKind> &kinds)
{
    QStringList placeholders;
    for (qsizetype i = 0; i < kinds.size(); ++i)
        placeholders << QStringLiteral(":k%1").arg(i);
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account_id = :a "
                              "AND kind IN (%1)")
                   .arg(placeholders.join(QStringLiteral(", "))));
    q.bind(QStringLiteral(":a"), accountId);
    for (qsizetype i = 0; i < kinds.size(); ++i)
        q.bind(placeholders.at(i), entryKindKey(kinds.at(i)));
    return q.scalar(0).toLongLong();
}

qint64 LedgerRepository::entryCount(const QString &accountId)
{
    return SqlQuery(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM ledger_entries WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .scalar(0)
        .toLongLong();
}

LedgerEntry LedgerRepository::insert(LedgerEntry e)
{
    e.id = Core::newId();
    e.seq = SqlQuery(m_db.connection(),
                     QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM ledger_entries WHERE account_id = :a"))
                .bind(QStringLiteral(":a"), e.accountId)
                .scalar(1)
                .toLongLong();
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO ledger_entries (%1) VALUES (:id, :a, :seq, :at, :day, :kind, :amount, :cur, :ref, "
                            ":method, :actor, :note, :due, :cons, :over, :carried)")
                 .arg(EntryColumns))
        .bind(QStringLiteral(":id"), e.id)
        .bind(QStringLiteral(":a"), e.accountId)
        .bind(QStringLiteral(":seq"), e.seq)
        .bind(QStringLiteral(":at"), e.at)
        .bind(QStringLiteral(":day"), e.day.toString(Qt::ISODate))
        .bind(QStringLiteral(":kind"), entryKindKey(e.kind))
        .bind(QStringLiteral(":amount"), e.amountMinor)
        .bind(QStringLiteral(":cur"), e.currency)
        .bind(QStringLiteral(":ref"), optionalText(e.reference))
        .bind(QStringLiteral(":method"), optionalText(e.method))
        .bind(QStringLiteral(":actor"), SqlValues::text(e.actor))
        .bind(QStringLiteral(":note"), optionalText(e.note))
        .bind(QStringLiteral(":due"), e.dueOn.isValid() ? QVariant(e.dueOn.toString(Qt::ISODate))
                                                        : QVariant(QMetaType(QMetaType::QString)))
        .bind(QStringLiteral(":cons"), optionalInt64(e.consumptionWh))
        .bind(QStringLiteral(":over"), optionalInt64(e.overAllowanceWh))
        .bind(QStringLiteral(":carried"), optionalInt64(e.carriedWh))
        .exec();
    return e;
}

QHash<QString, LedgerRepository::Tail> LedgerRepository::tails(const QStringList &accountIds, const QStringList &billIds)
{
    QHash<QString, Tail> found;
    if (accountIds.isEmpty())
        return found;
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT account_id, MAX(seq), MAX(CASE WHEN kind = 'bill' AND reference IN (%2) "
                              "THEN reference END) FROM ledger_entries WHERE account_id IN (%1) GROUP BY account_id")
                   .arg(m_db.dialect().valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid")),
                        m_db.dialect().valueListSql(QStringLiteral(":bills"))));
    q.bind(QStringLiteral(":ids"), m_db.dialect().valueListParameter(accountIds))
        .bind(QStringLiteral(":bills"), m_db.dialect().valueListParameter(billIds))
        .exec();
    while (q.next())
        found.insert(SqlValues::id(q.value(0)), Tail{q.value(1).toLongLong(), q.value(2).toString()});
    return found;
}

void LedgerRepository::insertAll(const QList<LedgerEntry> &entries)
{
    if (entries.isEmpty())
        return;
    if (m_db.dialect().isSqlite())
        insertSqlite(m_db.connection(), entries);
    else
        copyPostgres(m_db.connection(), entries);
}

QList<LedgerEntry> LedgerRepository::recent(const QString &accountId, int limit)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM ledger_entries WHERE account_id = :a "
                                                 "ORDER BY seq DESC LIMIT :limit")
                                      .arg(EntryColumns));
    q.bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":limit"), limit).exec();
    QList<LedgerEntry> list;
    while (q.next())
        list << entryFrom(q);
    return list;
}

QList<LedgerEntry> LedgerRepository::all(const QString &accountId)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM ledger_entries WHERE account_id = :a ORDER BY seq").arg(EntryColumns));
    q.bind(QStringLiteral(":a"), accountId).exec();
    QList<LedgerEntry> list;
    while (q.next())
        list << entryFrom(q);
    return list;
}

std::optional<LedgerEntry> LedgerRepository::lastCharge(const QString &accountId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM ledger_entries WHERE account_id = :a AND kind = 'charge' "
                                                 "ORDER BY day DESC LIMIT 1")
                                      .arg(EntryColumns));
    q.bind(QStringLiteral(":a"), accountId).exec();
    if (!q.next())
        return std::nullopt;
    return entryFrom(q);
}

std::optional<LedgerEntry> LedgerRepository::chargeOn(const QString &accountId, const QDate &day)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM ledger_entries WHERE account_id = :a AND kind = 'charge' "
                                                 "AND day = :day")
                                      .arg(EntryColumns));
    q.bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":day"), day.toString(Qt::ISODate)).exec();
    if (!q.next())
        return std::nullopt;
    return entryFrom(q);
}

std::optional<LedgerEntry> LedgerRepository::lastPaymentOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM ledger_entries WHERE kind IN ('topup', 'payment') AND account_id IN "
                              "(SELECT id FROM accounts WHERE customer_id = :c) ORDER BY at DESC, seq DESC LIMIT 1")
                   .arg(EntryColumns));
    q.bind(QStringLiteral(":c"), customerId).exec();
    if (!q.next())
        return std::nullopt;
    return entryFrom(q);
}

std::optional<LedgerRepository::Debt> LedgerRepository::debt(const QString &accountId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT original_minor, outstanding_minor, recovery_share_bp, currency "
                                                 "FROM account_debts WHERE account_id = :a"));
    q.bind(QStringLiteral(":a"), accountId).exec();
    if (!q.next())
        return std::nullopt;
    return Debt{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(), q.value(3).toString()};
}

void LedgerRepository::setDebt(const QString &accountId, const Debt &debt, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM account_debts WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .exec();
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO account_debts (account_id, original_minor, outstanding_minor, recovery_share_bp, "
                            "currency, created_at, updated_at) VALUES (:a, :orig, :out, :bp, :cur, :now, :now2)"))
        .bind(QStringLiteral(":a"), accountId)
        .bind(QStringLiteral(":orig"), debt.originalMinor)
        .bind(QStringLiteral(":out"), debt.outstandingMinor)
        .bind(QStringLiteral(":bp"), debt.shareBp)
        .bind(QStringLiteral(":cur"), debt.currency)
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":now2"), now)
        .exec();
}

void LedgerRepository::setDebtOutstanding(const QString &accountId, qint64 outstandingMinor, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral("UPDATE account_debts SET outstanding_minor = :out, updated_at = :now "
                                               "WHERE account_id = :a"))
        .bind(QStringLiteral(":out"), outstandingMinor)
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":a"), accountId)
        .exec();
}

std::optional<LedgerRepository::BlockedCard> LedgerRepository::blockedCard(const QString &tokenHash)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT reason, blocked_at, actor FROM payment_cards_blocked WHERE token_hash = :h"));
    q.bind(QStringLiteral(":h"), tokenHash).exec();
    if (!q.next())
        return std::nullopt;
    return BlockedCard{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString()};
}

void LedgerRepository::blockCard(const QString &tokenHash, const BlockedCard &card)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM payment_cards_blocked WHERE token_hash = :h"))
        .bind(QStringLiteral(":h"), tokenHash)
        .exec();
    SqlQuery(m_db.connection(), QStringLiteral("INSERT INTO payment_cards_blocked (token_hash, reason, blocked_at, actor) "
                                               "VALUES (:h, :reason, :at, :actor)"))
        .bind(QStringLiteral(":h"), tokenHash)
        .bind(QStringLiteral(":reason"), card.reason)
        .bind(QStringLiteral(":at"), card.blockedAt)
        .bind(QStringLiteral(":actor"), SqlValues::text(card.actor))
        .exec();
}

std::optional<LedgerRepository::Voucher> LedgerRepository::voucher(const QString &codeHash)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT amount_minor, currency, used_at, account_id FROM vouchers WHERE code_hash = :h"));
    q.bind(QStringLiteral(":h"), codeHash).exec();
    if (!q.next())
        return std::nullopt;
    return Voucher{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).isNull() ? 0 : q.value(2).toLongLong(),
                   SqlValues::id(q.value(3))};
}

void LedgerRepository::insertVoucher(const QString &codeHash, qint64 amountMinor, const QString &currency, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral("INSERT INTO vouchers (code_hash, amount_minor, currency, created_at) "
                                               "VALUES (:h, :amount, :cur, :now)"))
        .bind(QStringLiteral(":h"), codeHash)
        .bind(QStringLiteral(":amount"), amountMinor)
        .bind(QStringLiteral(":cur"), currency)
        .bind(QStringLiteral(":now"), now)
        .exec();
}

bool LedgerRepository::useVoucher(const QString &codeHash, const QString &accountId, qint64 now)
{
    SqlQuery q(m_db.connection(), QStringLiteral("UPDATE vouchers SET used_at = :now, account_id = :a "
                                                 "WHERE code_hash = :h AND used_at IS NULL"));
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":h"), codeHash).exec();
    return q.rowsAffected() == 1;
}

PrepaidSettings LedgerRepository::settings(const QString &accountId, const QString &marketCode)
{
    const QString columns = QStringLiteral(
        "low_balance_minor, emergency_credit_minor, friendly_from_minute, friendly_to_minute, friendly_weekdays");
    SqlQuery own(m_db.connection(), QStringLiteral("SELECT %1 FROM prepaid_settings WHERE account_id = :a").arg(columns));
    own.bind(QStringLiteral(":a"), accountId).exec();
    if (own.next())
        return settingsFrom(own);
    SqlQuery market(m_db.connection(), QStringLiteral("SELECT %1 FROM prepaid_settings WHERE market_code = :m").arg(columns));
    market.bind(QStringLiteral(":m"), marketCode).exec();
    if (market.next())
        return settingsFrom(market);
    return PrepaidSettings{};
}

void LedgerRepository::setAccountSettings(const QString &accountId, const PrepaidSettings &s, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM prepaid_settings WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .exec();
    QList<qint64> days;
    for (int d : s.friendlyWeekdays)
        days << d;
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO prepaid_settings (id, account_id, low_balance_minor, emergency_credit_minor, "
                            "friendly_from_minute, friendly_to_minute, friendly_weekdays, updated_at) "
                            "VALUES (:id, :a, :low, :ec, :from, :to, :days, :now)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":a"), accountId)
        .bind(QStringLiteral(":low"), SqlValues::text(joined(s.lowBalanceMinor)))
        .bind(QStringLiteral(":ec"), s.emergencyCreditMinor)
        .bind(QStringLiteral(":from"), s.friendlyFromMinute)
        .bind(QStringLiteral(":to"), s.friendlyToMinute)
        .bind(QStringLiteral(":days"), SqlValues::text(joined(days)))
        .bind(QStringLiteral(":now"), now)
        .exec();
}

int LedgerRepository::arrearsStage(const QString &accountId)
{
    return SqlQuery(m_db.connection(), QStringLiteral("SELECT stage FROM account_arrears WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .scalar(0)
        .toInt();
}

void LedgerRepository::setArrearsStage(const QString &accountId, int stage, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM account_arrears WHERE account_id = :a"))
        .bind(QStringLiteral(":a"), accountId)
        .exec();
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO account_arrears (account_id, stage, changed_at) VALUES (:a, :stage, :now)"))
        .bind(QStringLiteral(":a"), accountId)
        .bind(QStringLiteral(":stage"), stage)
        .bind(QStringLiteral(":now"), now)
        .exec();
}

QStringList LedgerRepository::postpaidAccountsWithEntries()
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT a.id FROM accounts a WHERE a.payment_type = 'postpaid' AND "
                                                 "EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_id = a.id) "
                                                 "ORDER BY a.account_number"));
    q.exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QList<QPair<QString, QString>> LedgerRepository::activePrepaidAccounts()
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT a.id, a.account_number FROM accounts a WHERE a.status = 'active' "
                                                 "AND a.payment_type = 'prepaid' AND EXISTS (SELECT 1 FROM account_tariffs t "
                                                 "WHERE t.account_id = a.id) ORDER BY a.account_number"));
    q.exec();
    QList<QPair<QString, QString>> list;
    while (q.next())
        list << qMakePair(SqlValues::id(q.value(0)), q.value(1).toString());
    return list;
}

void LedgerRepository::insertEvent(const AccountEvent &e)
{
    SqlQuery(m_db.connection(),
             QStringLiteral("INSERT INTO account_events (%1, seq) VALUES (:id, :a, :c, :at, :topic, :severity, :payload, NULL, "
                            "NULL, (SELECT COALESCE(MAX(seq), 0) + 1 FROM account_events WHERE customer_id = :c2))")
                 .arg(EventColumns))
        .bind(QStringLiteral(":id"), e.id)
        .bind(QStringLiteral(":a"), e.accountId)
        .bind(QStringLiteral(":c"), e.customerId)
        .bind(QStringLiteral(":c2"), e.customerId)
        .bind(QStringLiteral(":at"), e.at)
        .bind(QStringLiteral(":topic"), e.topic)
        .bind(QStringLiteral(":severity"), e.severity)
        .bind(QStringLiteral(":payload"), QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact)))
        .exec();
}

QList<AccountEvent> LedgerRepository::events(const QString &customerId, bool withAcknowledged, int limit)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM account_events WHERE customer_id = :c %2 ORDER BY seq DESC LIMIT :limit")
                   .arg(EventColumns, withAcknowledged ? QString() : QStringLiteral("AND acknowledged_at IS NULL")));
    q.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":limit"), limit).exec();
    QList<AccountEvent> list;
    while (q.next())
        list << eventFrom(q);
    return list;
}

std::optional<AccountEvent> LedgerRepository::event(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM account_events WHERE id = :id").arg(EventColumns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return eventFrom(q);
}

void LedgerRepository::acknowledge(const QString &id, qint64 at, const QString &by)
{
    SqlQuery(m_db.connection(),
             QStringLiteral("UPDATE account_events SET acknowledged_at = :at, acknowledged_by = :by WHERE id = :id"))
        .bind(QStringLiteral(":at"), at)
        .bind(QStringLiteral(":by"), SqlValues::text(by))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

} // namespace Ud::Billing
