#include "billrun.h"

#include "billrundata.h"
#include "billservice.h"
#include "billstore.h"
#include "ledgerservice.h"
#include "tariffrepository.h"

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

#include <QHash>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentMap>

#include <exception>
#include <memory>

namespace Ud::Billing {

namespace {

using Core::Error;
using Core::Permission;

QString iso(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

/// One account's bill in a batch: its inputs, then its result or why there is none.
struct Job {
    const BillRunAccount *account = nullptr;
    QDate from;
    QDate to;
    const Tariff *tariff = nullptr;
    const TaxSchedule *taxes = nullptr;
    MeteredUsage usage;
    BillResult result;
    QString error;
};

/// Tariffs and tax schedules read once per run (a run bills thousands of accounts on a few
/// tariffs).
class Cache
{
public:
    explicit Cache(Core::Database &db) : m_db(db) {}

    const Tariff *tariff(const QString &id, const QString &marketCode, const QString &code)
    {
        auto it = m_tariffs.find(id);
        if (it == m_tariffs.end()) {
            auto found = TariffRepository(m_db).byCode(marketCode, code);
            std::shared_ptr<Tariff> tariff;
            if (found && found->id == id)
                tariff = std::make_shared<Tariff>(std::move(*found));
            it = m_tariffs.insert(id, tariff);
        }
        return it->get();
    }
    const TaxSchedule *taxes(const QString &marketCode, Accounts::CustomerClass customerClass)
    {
        const QString key = marketCode + QLatin1Char('/') + Accounts::customerClassKey(customerClass);
        auto it = m_taxes.find(key);
        if (it == m_taxes.end())
            it = m_taxes.insert(key, std::make_shared<TaxSchedule>(BillingData(m_db).taxes(marketCode, customerClass)));
        return it->get();
    }

private:
    Core::Database &m_db;
    QHash<QString, std::shared_ptr<Tariff>> m_tariffs;
    QHash<QString, std::shared_ptr<TaxSchedule>> m_taxes;
};

QJsonObject counts(const BillRunRecord &r)
{
    return {{QStringLiteral("from"), iso(r.from)},     {QStringLiteral("to"), iso(r.to)},
            {QStringLiteral("accounts"), r.accounts},  {QStringLiteral("billed"), r.billed},
            {QStringLiteral("skipped"), r.skipped},    {QStringLiteral("failed"), r.failed},
            {QStringLiteral("status"), billRunStatusKey(r.status)}};
}

} // namespace

BillRun::BillRun(Core::Context &context, QString sitePrefix) : m_context(context), m_sitePrefix(std::move(sitePrefix)) {}

BillRunRecord BillRun::run(const Core::UserContext &user, const QDate &from, const QDate &to, const Progress &progress,
                           int batchSize)
{
    user.require(Permission::RunBilling);
    BillService::checkPeriod(from, to);
    batchSize = qMax(1, batchSize);
    Core::Database &db = m_context.database;
    BillStore store(db);
    BillRunData data(db);

    const QList<BillRunCandidate> candidates = Core::readOnly(db, [&] { return data.candidates(from, to); });
    BillRunRecord record;
    record.id = Core::newId();
    record.from = from;
    record.to = to;
    record.startedAt = m_context.clock.nowSecs();
    record.status = BillRunStatus::Running;
    record.accounts = candidates.size();
    record.actor = user.userName();
    {
        Core::Transaction tx(db);
        store.insertRun(record);
        m_context.audit.record(user, QStringLiteral("bill_run.start"), QStringLiteral("bill_run"), record.id, {},
                               counts(record));
        tx.commit();
    }

    Cache cache(db);
    LedgerService ledger(m_context);
    bool cancelled = false;
    qint64 done = 0;
    const qint64 total = candidates.size();
    try {
        for (qsizetype offset = 0; offset < candidates.size(); offset += batchSize) {
            if (progress && !progress(done, total)) {
                cancelled = true;
                break;
            }
            const qsizetype end = std::min<qsizetype>(offset + batchSize, candidates.size());
            QStringList ids;
            for (qsizetype i = offset; i < end; ++i)
                ids << candidates.at(i).accountId;

            // Read the batch: its accounts, which are billed already, tariffs, taxes and readings.
            QHash<QString, BillRunAccount> accounts;
            QList<Job> jobs;
            QList<BillRunFailure> failures;
            qint64 skipped = 0;
            {
                Core::Transaction read(db, Core::Transaction::Mode::Read);
                accounts = data.accounts(ids);
                const QSet<QString> billed = store.billedAmong(ids, from, to);
                QHash<QString, QPair<QDate, QDate>> days;
                for (qsizetype i = offset; i < end; ++i) {
                    const BillRunCandidate &c = candidates.at(i);
                    if (billed.contains(c.accountId)) {
                        ++skipped;
                        continue;
                    }
                    const auto found = accounts.constFind(c.accountId);
                    if (found == accounts.constEnd()) {
                        failures << BillRunFailure{record.id, c.accountId, c.accountNumber,
                                                   tr("The account was removed during the run.")};
                        continue;
                    }
                    try {
                        const auto held = BillService::accountDays(from, to, found->openedOn, found->endsOn);
                        if (!held) {
                            ++skipped;
                            continue;
                        }
                        const TariffAssignment assignment = BillService::tariffCovering(
                            found->assignments, c.accountNumber, held->first, held->second);
                        Job job;
                        job.account = &*found;
                        job.from = held->first;
                        job.to = held->second;
                        job.tariff = cache.tariff(assignment.tariffId, found->account.marketCode, assignment.tariffCode);
                        if (!job.tariff) {
                            throw Error(Error::Kind::BadInput,
                                        tr("The tariff %1 is not a tariff of the market %2.")
                                            .arg(assignment.tariffCode, found->account.marketCode));
                        }
                        job.taxes = cache.taxes(found->account.marketCode, found->account.customerClass);
                        days.insert(c.accountId, *held);
                        jobs << job;
                    } catch (const Error &e) {
                        if (e.kind() == Error::Kind::Database)
                            throw;
                        failures << BillRunFailure{record.id, c.accountId, c.accountNumber, e.message()};
                    }
                }
                QHash<QString, MeteredUsage> usage = data.usage(accounts, days);
                for (Job &job : jobs)
                    job.usage = std::move(usage[job.account->account.accountId]);
                read.commit();
            }

            // The calculation is pure, so the bills of a batch are worked out side by side.
            QtConcurrent::blockingMap(jobs, [](Job &job) {
                try {
                    job.result = BillCalculator::calculate(*job.tariff, *job.taxes, job.usage, job.from, job.to);
                } catch (const Error &e) {
                    job.error = e.message();
                } catch (const std::exception &e) {
                    job.error = QString::fromLocal8Bit(e.what());
                }
                job.usage = {};
            });

            // Store the batch in one transaction. Writers of bills are serialised so that a bill
            // issued meanwhile (another run, a single bill) is seen and its account skipped.
            Core::Transaction tx(db);
            const QString lock = db.dialect().lockResourceSql(QStringLiteral("bills"));
            if (!lock.isEmpty())
                Core::SqlQuery(tx.connection(), lock).exec();
            QStringList toWrite;
            for (const Job &job : std::as_const(jobs)) {
                if (job.error.isEmpty())
                    toWrite << job.account->account.accountId;
            }
            const QSet<QString> billedMeanwhile = store.billedAmong(toWrite, from, to);
            const qint64 now = m_context.clock.nowSecs();
            QList<Bill> bills;
            QList<BillPosting> postings;
            bills.reserve(toWrite.size());
            postings.reserve(toWrite.size());
            for (const Job &job : std::as_const(jobs)) {
                const BillingAccount &a = job.account->account;
                if (!job.error.isEmpty()) {
                    failures << BillRunFailure{record.id, a.accountId, a.accountNumber, job.error};
                    continue;
                }
                if (billedMeanwhile.contains(a.accountId)) {
                    ++skipped;
                    continue;
                }
                Bill bill = Bill::fromResult(job.result);
                bill.id = Core::newId();
                bill.accountId = a.accountId;
                bill.accountNumber = a.accountNumber;
                bill.issuedAt = now;
                bill.dueOn = BillService::dueOn(now);
                bill.language = a.language.isEmpty() ? QStringLiteral("en") : a.language;
                bill.runId = record.id;
                bill.status = BillStatus::Issued;
                postings << BillService::ledgerPosting(bill, a.zone);
                bills << bill;
            }
            const QStringList numbers = store.reserveNumbers(m_sitePrefix, int(bills.size()));
            for (qsizetype i = 0; i < bills.size(); ++i)
                bills[i].number = numbers.at(i);
            store.insert(bills);
            // On the ledger in the same transaction: aged debt and arrears see every issued bill.
            ledger.postBills(postings);
            store.insertFailures(failures);
            record.billed += bills.size();
            record.skipped += skipped;
            record.failed += failures.size();
            store.updateRun(record);
            QJsonObject batch{{QStringLiteral("bills"), qint64(bills.size())},
                              {QStringLiteral("skipped"), skipped},
                              {QStringLiteral("failed"), qint64(failures.size())}};
            if (!bills.isEmpty()) {
                batch.insert(QStringLiteral("first_number"), bills.constFirst().number);
                batch.insert(QStringLiteral("last_number"), bills.constLast().number);
            }
            m_context.audit.record(user, QStringLiteral("bill_run.batch"), QStringLiteral("bill_run"), record.id, {},
                                   batch);
            tx.commit();
            done = end;
        }
        if (progress && !cancelled)
            progress(done, total);
    } catch (const Error &e) {
        record.status = BillRunStatus::Failed;
        record.finishedAt = m_context.clock.nowSecs();
        record.message = e.message();
        try {
            Core::Transaction tx(db);
            store.updateRun(record);
            m_context.audit.record(user, QStringLiteral("bill_run.finish"), QStringLiteral("bill_run"), record.id, {},
                                   counts(record));
            tx.commit();
        } catch (const Error &) {
            // The database is what failed; the run stays "running" in it, the error goes up.
        }
        throw;
    }

    record.status = cancelled ? BillRunStatus::Cancelled : BillRunStatus::Finished;
    record.finishedAt = m_context.clock.nowSecs();
    {
        Core::Transaction tx(db);
        store.updateRun(record);
        m_context.audit.record(user, QStringLiteral("bill_run.finish"), QStringLiteral("bill_run"), record.id, {},
                               counts(record));
        tx.commit();
    }
    m_context.events.publish(QStringLiteral("bill_run.finished"), {{QStringLiteral("id"), record.id},
                                                                   {QStringLiteral("status"), billRunStatusKey(record.status)}});
    return record;
}

QList<BillRunRecord> BillRun::recent(const Core::UserContext &user, int limit)
{
    user.require(Permission::RunBilling);
    return Core::readOnly(m_context.database, [&] { return BillStore(m_context.database).recentRuns(limit); });
}

QList<BillRunFailure> BillRun::failures(const Core::UserContext &user, const QString &runId, int limit)
{
    user.require(Permission::RunBilling);
    return Core::readOnly(m_context.database, [&] { return BillStore(m_context.database).failures(runId, limit); });
}

} // namespace Ud::Billing
