#include "billstore.h"

#include "sqlitestatement.h"

#include <accounts/numbersequence.h>
#include <accounts/sqlvalues.h>
#include <core/database.h>
#include <core/error.h>
#include <core/pgcopy.h>
#include <core/sqlquery.h>

#include <QCoreApplication>
#include <QVariant>

namespace Ud::Billing {

using Accounts::SqlValues;
using Core::SqlQuery;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillService)
};

constexpr int NumberWidth = 10;

const char BillColumns[] = "id, bill_number, account_id, period_from, period_to, tariff_id, currency, net_minor, "
                           "vat_minor, total_minor, consumption_wh, estimated_wh, missing_intervals, "
                           "expected_intervals, issued_at, due_on, language, run_id, status";
const char LineColumns[] = "bill_id, position, kind, label, from_day, to_day, quantity, unit_price, amount_minor, "
                           "estimated_wh, levy_basis";

QString day(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

/// Bills and their lines through two statements prepared once on the raw SQLite handle.
class SqliteBillWriter
{
public:
    explicit SqliteBillWriter(const QSqlDatabase &connection)
        : m_bill(connection,
                 QByteArray("INSERT INTO bills (") + BillColumns
                     + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                 Tr::tr("The bills could not be stored: %1."))
        , m_line(connection,
                 QByteArray("INSERT INTO bill_lines (") + LineColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                 Tr::tr("The bills could not be stored: %1."))
    {
    }

    void insert(const QList<Bill> &bills)
    {
        for (const Bill &b : bills) {
            m_bill.text(b.id).text(b.number).text(b.accountId).text(day(b.from)).text(day(b.to)).text(b.tariffId)
                .text(b.currency).integer(b.netMinor).integer(b.vatMinor).integer(b.totalMinor)
                .integer(b.consumptionWh).integer(b.estimatedWh).integer(b.missingIntervals)
                .integer(b.expectedIntervals).integer(b.issuedAt).text(day(b.dueOn)).text(b.language);
            if (b.runId.isEmpty())
                m_bill.null();
            else
                m_bill.text(b.runId);
            m_bill.text(billStatusKey(b.status)).step();
            for (qsizetype i = 0; i < b.lines.size(); ++i) {
                const BillLine &l = b.lines.at(i);
                m_line.text(b.id).integer(i).text(lineKindKey(l.kind)).text(l.label).text(day(l.from)).text(day(l.to))
                    .integer(l.quantity).integer(l.unitPrice).integer(l.amountMinor).integer(l.estimatedWh)
                    .text(levyBasisKey(l.levyBasis)).step();
            }
        }
    }

private:
    SqliteStatement m_bill;
    SqliteStatement m_line;
};

void copyBills(const QSqlDatabase &connection, const QList<Bill> &bills)
{
    {
        Core::PgCopy copy(connection, QStringLiteral("COPY bills (%1) FROM STDIN").arg(QLatin1String(BillColumns)),
                          Tr::tr("Bills"));
        for (const Bill &b : bills) {
            copy.text(b.id).text(b.number).text(b.accountId).text(day(b.from)).text(day(b.to)).text(b.tariffId)
                .text(b.currency).integer(b.netMinor).integer(b.vatMinor).integer(b.totalMinor)
                .integer(b.consumptionWh).integer(b.estimatedWh).integer(b.missingIntervals)
                .integer(b.expectedIntervals).integer(b.issuedAt).text(day(b.dueOn)).text(b.language);
            if (b.runId.isEmpty())
                copy.null();
            else
                copy.text(b.runId);
            copy.text(billStatusKey(b.status)).endRow();
        }
        copy.finish();
    }
    Core::PgCopy copy(connection, QStringLiteral("COPY bill_lines (%1) FROM STDIN").arg(QLatin1String(LineColumns)),
                      Tr::tr("Bill lines"));
    for (const Bill &b : bills) {
        for (qsizetype i = 0; i < b.lines.size(); ++i) {
            const BillLine &l = b.lines.at(i);
            copy.text(b.id).integer(i).text(lineKindKey(l.kind)).text(l.label).text(day(l.from)).text(day(l.to))
                .integer(l.quantity).integer(l.unitPrice).integer(l.amountMinor).integer(l.estimatedWh)
                .text(levyBasisKey(l.levyBasis))
                .endRow();
        }
    }
    copy.finish();
}

const QString SelectBills = QStringLiteral(
    "SELECT b.id, b.bill_number, b.account_id, a.account_number, b.period_from, b.period_to, b.tariff_id, t.code, "
    "b.currency, b.net_minor, b.vat_minor, b.total_minor, b.consumption_wh, b.estimated_wh, b.missing_intervals, "
    "b.expected_intervals, b.issued_at, b.due_on, b.language, b.run_id, b.status "
    "FROM bills b JOIN accounts a ON a.id = b.account_id LEFT JOIN tariffs t ON t.id = b.tariff_id ");

const QString SelectRuns = QStringLiteral(
    "SELECT id, period_from, period_to, started_at, finished_at, status, accounts, billed, skipped, failed, actor, "
    "message FROM bill_runs ");

BillRunRecord runFrom(const SqlQuery &q)
{
    BillRunRecord r;
    r.id = SqlValues::id(q.value(0));
    r.from = SqlValues::toDate(q.value(1));
    r.to = SqlValues::toDate(q.value(2));
    r.startedAt = q.value(3).toLongLong();
    r.finishedAt = q.value(4).toLongLong();
    r.status = billRunStatusFromKey(q.value(5).toString()).value_or(BillRunStatus::Failed);
    r.accounts = q.value(6).toLongLong();
    r.billed = q.value(7).toLongLong();
    r.skipped = q.value(8).toLongLong();
    r.failed = q.value(9).toLongLong();
    r.actor = q.value(10).toString();
    r.message = q.value(11).toString();
    return r;
}

} // namespace

BillStore::BillStore(Core::Database &db) : m_db(db) {}

QStringList BillStore::reserveNumbers(const QString &sitePrefix, int count)
{
    const QString prefix = sitePrefix + QLatin1Char('B');
    Accounts::NumberSequence sequence(m_db, QStringLiteral("bills:") + prefix, [this, prefix] {
        SqlQuery q(m_db.connection(), QStringLiteral("SELECT bill_number FROM bills WHERE substr(bill_number, 1, :n) = :p"));
        q.bind(QStringLiteral(":n"), int(prefix.size())).bind(QStringLiteral(":p"), prefix).exec();
        qint64 highest = 0;
        while (q.next())
            highest = qMax(highest, Accounts::NumberSequence::parse(prefix, q.value(0).toString()));
        return highest;
    });
    QStringList numbers;
    if (count <= 0)
        return numbers;
    const qint64 first = sequence.reserve(count);
    numbers.reserve(count);
    for (int i = 0; i < count; ++i)
        numbers << Accounts::NumberSequence::format(prefix, first + i, NumberWidth);
    return numbers;
}

void BillStore::insert(const QList<Bill> &bills)
{
    if (bills.isEmpty())
        return;
    if (m_db.dialect().isSqlite())
        SqliteBillWriter(m_db.connection()).insert(bills);
    else
        copyBills(m_db.connection(), bills);
}

std::optional<Bill> BillStore::overlapping(const QString &accountId, const QDate &from, const QDate &to)
{
    SqlQuery q(m_db.connection(), SelectBills + QStringLiteral(
        "WHERE b.account_id = :a AND b.status = 'issued' AND b.period_from <= :to AND b.period_to >= :from "
        "ORDER BY b.period_from"));
    q.bind(QStringLiteral(":a"), accountId).bind(QStringLiteral(":from"), day(from)).bind(QStringLiteral(":to"), day(to));
    const QList<Bill> found = readBills(q);
    return found.isEmpty() ? std::nullopt : std::optional<Bill>(found.constFirst());
}

QSet<QString> BillStore::billedAmong(const QStringList &accountIds, const QDate &from, const QDate &to)
{
    QSet<QString> billed;
    if (accountIds.isEmpty())
        return billed;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT DISTINCT account_id FROM bills WHERE status = 'issued' AND period_from <= :to AND period_to >= :from "
        "AND account_id IN (%1)").arg(m_db.dialect().valueListSql(QStringLiteral(":ids"), QStringLiteral("uuid"))));
    q.bind(QStringLiteral(":to"), day(to)).bind(QStringLiteral(":from"), day(from));
    q.bind(QStringLiteral(":ids"), m_db.dialect().valueListParameter(accountIds));
    q.exec();
    while (q.next())
        billed.insert(SqlValues::id(q.value(0)));
    return billed;
}

QList<Bill> BillStore::readBills(const QString &where, const QString &placeholder, const QVariant &value)
{
    SqlQuery q(m_db.connection(), SelectBills + where);
    q.bind(placeholder, value);
    return readBills(q);
}

QList<Bill> BillStore::readBills(Core::SqlQuery &q)
{
    q.exec();
    QList<Bill> bills;
    while (q.next()) {
        Bill b;
        b.id = SqlValues::id(q.value(0));
        b.number = q.value(1).toString();
        b.accountId = SqlValues::id(q.value(2));
        b.accountNumber = q.value(3).toString();
        b.from = SqlValues::toDate(q.value(4));
        b.to = SqlValues::toDate(q.value(5));
        b.tariffId = SqlValues::id(q.value(6));
        b.tariffCode = q.value(7).toString();
        b.currency = q.value(8).toString();
        b.netMinor = q.value(9).toLongLong();
        b.vatMinor = q.value(10).toLongLong();
        b.totalMinor = q.value(11).toLongLong();
        b.consumptionWh = q.value(12).toLongLong();
        b.estimatedWh = q.value(13).toLongLong();
        b.missingIntervals = q.value(14).toLongLong();
        b.expectedIntervals = q.value(15).toLongLong();
        b.issuedAt = q.value(16).toLongLong();
        b.dueOn = SqlValues::toDate(q.value(17));
        b.language = q.value(18).toString();
        b.runId = SqlValues::id(q.value(19));
        b.status = billStatusFromKey(q.value(20).toString()).value_or(BillStatus::Issued);
        bills << b;
    }
    return bills;
}

QList<Bill> BillStore::ofAccount(const QString &accountId)
{
    return readBills(QStringLiteral("WHERE b.account_id = :a ORDER BY b.period_to DESC, b.issued_at DESC"),
                     QStringLiteral(":a"), accountId);
}

QList<Bill> BillStore::ofCustomer(const QString &customerId)
{
    return readBills(QStringLiteral("WHERE a.customer_id = :c ORDER BY b.period_to DESC, a.account_number, b.issued_at DESC"),
                     QStringLiteral(":c"), customerId);
}

std::optional<Bill> BillStore::find(const QString &idOrNumber)
{
    const QList<Bill> found = SqlValues::isId(idOrNumber)
                                  ? readBills(QStringLiteral("WHERE b.id = :k"), QStringLiteral(":k"), idOrNumber)
                                  : readBills(QStringLiteral("WHERE b.bill_number = :k"), QStringLiteral(":k"), idOrNumber);
    if (found.isEmpty())
        return std::nullopt;
    Bill bill = found.constFirst();
    bill.lines = lines(bill.id);
    return bill;
}

QList<BillLine> BillStore::lines(const QString &billId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT kind, label, from_day, to_day, quantity, unit_price, amount_minor, estimated_wh, levy_basis FROM bill_lines "
        "WHERE bill_id = :b ORDER BY position"));
    q.bind(QStringLiteral(":b"), billId).exec();
    QList<BillLine> list;
    while (q.next()) {
        BillLine l;
        l.kind = lineKindFromKey(q.value(0).toString()).value_or(LineKind::Energy);
        l.label = q.value(1).toString();
        l.from = SqlValues::toDate(q.value(2));
        l.to = SqlValues::toDate(q.value(3));
        l.quantity = q.value(4).toLongLong();
        l.unitPrice = q.value(5).toLongLong();
        l.amountMinor = q.value(6).toLongLong();
        l.estimatedWh = q.value(7).toLongLong();
        l.levyBasis = levyBasisFromKey(q.value(8).toString()).value_or(LevyBasis::PerKwh);
        list << l;
    }
    return list;
}

void BillStore::insertRun(const BillRunRecord &run)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO bill_runs (id, period_from, period_to, started_at, finished_at, status, accounts, billed, skipped, "
        "failed, actor, message) VALUES (:id, :from, :to, :started, NULL, :status, :accounts, 0, 0, 0, :actor, '')"))
        .bind(QStringLiteral(":id"), run.id)
        .bind(QStringLiteral(":from"), day(run.from))
        .bind(QStringLiteral(":to"), day(run.to))
        .bind(QStringLiteral(":started"), run.startedAt)
        .bind(QStringLiteral(":status"), billRunStatusKey(run.status))
        .bind(QStringLiteral(":accounts"), run.accounts)
        .bind(QStringLiteral(":actor"), run.actor)
        .exec();
}

void BillStore::updateRun(const BillRunRecord &run)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE bill_runs SET status = :status, finished_at = :finished, accounts = :accounts, billed = :billed, "
        "skipped = :skipped, failed = :failed, message = :message WHERE id = :id"))
        .bind(QStringLiteral(":status"), billRunStatusKey(run.status))
        .bind(QStringLiteral(":finished"), run.finishedAt > 0 ? QVariant(run.finishedAt) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":accounts"), run.accounts)
        .bind(QStringLiteral(":billed"), run.billed)
        .bind(QStringLiteral(":skipped"), run.skipped)
        .bind(QStringLiteral(":failed"), run.failed)
        .bind(QStringLiteral(":message"), SqlValues::text(run.message))
        .bind(QStringLiteral(":id"), run.id)
        .exec();
}

void BillStore::insertFailures(const QList<BillRunFailure> &failures)
{
    if (failures.isEmpty())
        return;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO bill_run_failures (run_id, account_id, account_number, reason) VALUES (:r, :a, :n, :why)"));
    for (const BillRunFailure &f : failures) {
        q.bind(QStringLiteral(":r"), f.runId)
            .bind(QStringLiteral(":a"), f.accountId)
            .bind(QStringLiteral(":n"), f.accountNumber)
            .bind(QStringLiteral(":why"), SqlValues::text(f.reason))
            .exec();
    }
}

std::optional<BillRunRecord> BillStore::run(const QString &runId)
{
    if (!SqlValues::isId(runId))
        return std::nullopt;
    SqlQuery q(m_db.connection(), SelectRuns + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), runId).exec();
    if (!q.next())
        return std::nullopt;
    return runFrom(q);
}

QList<BillRunRecord> BillStore::recentRuns(int limit)
{
    SqlQuery q(m_db.connection(), SelectRuns + QStringLiteral("ORDER BY started_at DESC, id LIMIT :n"));
    q.bind(QStringLiteral(":n"), limit).exec();
    QList<BillRunRecord> runs;
    while (q.next())
        runs << runFrom(q);
    return runs;
}

QList<BillRunFailure> BillStore::failures(const QString &runId, int limit)
{
    QList<BillRunFailure> list;
    if (!SqlValues::isId(runId))
        return list;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT run_id, account_id, account_number, reason FROM bill_run_failures WHERE run_id = :r "
        "ORDER BY account_number LIMIT :n"));
    q.bind(QStringLiteral(":r"), runId).bind(QStringLiteral(":n"), limit).exec();
    while (q.next())
        list << BillRunFailure{SqlValues::id(q.value(0)), SqlValues::id(q.value(1)), q.value(2).toString(),
                               q.value(3).toString()};
    return list;
}

} // namespace Ud::Billing
