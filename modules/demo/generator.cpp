#include "generator.h"

#include "bulkwriter.h"
#include "demotariffs.h"
#include "formats.h"
#include "readingsynth.h"
#include "rowbuilder.h"
#include "runplan.h"
#include "supplies.h"
#include "zonecalendar.h"

#include <core/auditlog.h>
#include <core/database.h>
#include <core/error.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <metering/readingstore.h>
#include <metering/usageprofiles.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <future>
#include <optional>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

constexpr qint64 MaxCustomersPerRun = 10000000;
constexpr int MaxDays = 3650;
/// Readings per interval-data transaction: about 40 MB of day rows, which the page cache
/// holds until the commit (larger transactions spill to the WAL before they end and run slower).
constexpr qint64 ChunkReadings = 4000000;

QString customerNumber(qint64 ordinal)
{
    std::string s = "DC";
    Formats::appendNumber(s, quint64(ordinal), 9);
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

void validate(const Options &o)
{
    using Core::Error;
    if (o.customers < 1 || o.customers > MaxCustomersPerRun)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The number of demo customers (--customers) must be between 1 and %1; %2 was given.")
                        .arg(MaxCustomersPerRun).arg(o.customers));
    if (o.meters < -1 || o.meters > 3 * o.customers)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The number of meters (--meters) must be between 0 and three per customer (%1); %2 was given.")
                        .arg(3 * o.customers).arg(o.meters));
    if (o.days < 1 || o.days > MaxDays)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The history span (--days) must be between 1 and %1 days; %2 was given.").arg(MaxDays).arg(o.days));
    if (o.batchSize < 0 || o.batchSize > 1000000)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The batch size must be between 1 and 1000000 customers; %1 was given.").arg(o.batchSize));
    const int i = o.electricityInterval;
    if (i != 0 && i != 5 && i != 15 && i != 30 && i != 60)
        throw Error(Error::Kind::BadInput,
                    Tr::tr("The interval of electricity meters (--interval) must be 5, 15, 30 or 60 minutes; %1 was given.")
                        .arg(i));
}

/// The ordinal after the highest demo customer number already in the database, so that a
/// second run continues the numbering (and with it every identifier built from it).
qint64 nextOrdinal(Core::Database &db)
{
    Core::Transaction tx(db, Core::Transaction::Mode::Read);
    Core::SqlQuery q(tx.connection(),
                     QStringLiteral("SELECT max(customer_number) FROM customers "
                                    "WHERE customer_number >= :lo AND customer_number <= :hi "
                                    "AND length(customer_number) = 11"));
    q.bind(QStringLiteral(":lo"), customerNumber(0));
    q.bind(QStringLiteral(":hi"), customerNumber(999999999));
    const QString highest = q.scalar().toString();
    tx.commit();
    if (highest.isEmpty())
        return 1;
    bool ok = false;
    const qint64 ordinal = highest.mid(2).toLongLong(&ok);
    if (!ok)
        throw Core::Error(Core::Error::Kind::Conflict,
                          Tr::tr("The customer number %1 lies in the demo number range but is not a demo number, so "
                             "demo customers cannot be numbered after it.").arg(highest));
    return ordinal + 1;
}

const char *anomalyKey(AnomalyKind kind)
{
    switch (kind) {
    case AnomalyKind::SolarWithoutExport: return "solar_without_export";
    case AnomalyKind::MeterOnClosedAccount: return "meter_on_closed_account";
    case AnomalyKind::DuplicatePhone: return "duplicate_phone";
    case AnomalyKind::LifeSupportOnPrepaid: return "life_support_on_prepaid";
    case AnomalyKind::SwappedCoordinates: return "swapped_coordinates";
    case AnomalyKind::IntervalGapDay: return "interval_gap_day";
    case AnomalyKind::IntervalZeroRun: return "interval_zero_run";
    case AnomalyKind::IntervalSpike: return "interval_spike";
    }
    return "";
}

QString isoDay(qint64 day)
{
    return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate);
}

bool isIntervalAnomaly(AnomalyKind kind)
{
    return int(kind) >= RecordAnomalyKindCount;
}

QString describe(const RunPlan &plan, const RunPlan::Anomaly &a)
{
    const QString number = customerNumber(plan.ordinal(a.customer));
    switch (a.kind) {
    case AnomalyKind::SolarWithoutExport:
        return Tr::tr("Customer %1 has solar panels at the premise, but the electricity meter there has no export channel.")
            .arg(number);
    case AnomalyKind::MeterOnClosedAccount:
        return Tr::tr("The account of customer %1 is closed, but its meter is still installed (no removal date).").arg(number);
    case AnomalyKind::DuplicatePhone:
        return Tr::tr("Customer %1 has the same phone number as customer %2.")
            .arg(number, customerNumber(plan.ordinal(a.partner)));
    case AnomalyKind::LifeSupportOnPrepaid:
        return Tr::tr("Customer %1 depends on life-support equipment but pays by prepayment, so the supply could run out.")
            .arg(number);
    case AnomalyKind::SwappedCoordinates:
        return Tr::tr("The premise of customer %1 has its latitude and longitude swapped.").arg(number);
    case AnomalyKind::IntervalGapDay:
        return Tr::tr("The electricity meter of customer %1 sent no readings on %2: the day is missing from its "
                      "interval data.").arg(number, isoDay(a.day));
    case AnomalyKind::IntervalZeroRun: {
        const qint64 last = std::min(a.day + ReadingSynth::ZeroRunDays, plan.referenceDay()) - 1;
        return Tr::tr("The electricity meter of customer %1 recorded zero consumption in every interval from %2 to %3, "
                      "although the home is occupied.").arg(number, isoDay(a.day), isoDay(last));
    }
    case AnomalyKind::IntervalSpike:
        return Tr::tr("The electricity meter of customer %1 recorded %2 Wh in the interval starting at 03:00 local time "
                      "on %3, far more than the supply can carry.")
            .arg(number).arg(ReadingSynth::SpikeWh).arg(isoDay(a.day));
    }
    return {};
}

void addCounts(Summary &s, const RowBatch &b)
{
    s.customers += b[Table::Customers].rowCount();
    s.vulnerabilities += b[Table::Vulnerabilities].rowCount();
    s.premises += b[Table::Premises].rowCount();
    s.accounts += b[Table::Accounts].rowCount();
    s.servicePoints += b[Table::ServicePoints].rowCount();
    s.meters += b[Table::Meters].rowCount();
    s.channels += b[Table::Channels].rowCount();
    s.appliances += b[Table::Appliances].rowCount();
    s.interactions += b[Table::Interactions].rowCount();
    s.tariffAssignments += b[Table::AccountTariffs].rowCount();
}

/// Fills in what depends on how far the run got: numbers and the anomalies written (those in
/// interval data once the customer's readings are).
void finish(Summary &s, const RunPlan &plan, qint64 withReadings)
{
    s.anomalies.clear();
    s.firstCustomerNumber.clear();
    s.lastCustomerNumber.clear();
    if (s.customers == 0)
        return;
    s.firstCustomerNumber = customerNumber(plan.firstOrdinal());
    s.lastCustomerNumber = customerNumber(plan.ordinal(s.customers - 1));
    for (const RunPlan::Anomaly &a : plan.anomalies()) {
        if (a.customer < (isIntervalAnomaly(a.kind) ? withReadings : s.customers))
            s.anomalies.append(describe(plan, a));
    }
}

qint64 batchSizeFor(const Options &o)
{
    return o.batchSize > 0 ? o.batchSize : std::clamp<qint64>(o.customers / 10, 5000, 20000);
}

QJsonObject auditRecord(const Options &o, const Summary &s, const RunPlan &plan, qint64 withReadings,
                        const QString &outcome)
{
    QJsonObject options{{QStringLiteral("customers"), o.customers},
                        {QStringLiteral("meters"), plan.meters()},
                        {QStringLiteral("days"), o.days},
                        {QStringLiteral("seed"), QString::number(o.seed)},
                        {QStringLiteral("batch_size"), batchSizeFor(o)},
                        {QStringLiteral("interval_data"), o.intervalData},
                        {QStringLiteral("electricity_interval"), o.electricityInterval}};
    QJsonObject counts{{QStringLiteral("customers"), s.customers},
                       {QStringLiteral("premises"), s.premises},
                       {QStringLiteral("accounts"), s.accounts},
                       {QStringLiteral("service_points"), s.servicePoints},
                       {QStringLiteral("meters"), s.meters},
                       {QStringLiteral("meter_channels"), s.channels},
                       {QStringLiteral("appliances"), s.appliances},
                       {QStringLiteral("vulnerabilities"), s.vulnerabilities},
                       {QStringLiteral("interactions"), s.interactions},
                       {QStringLiteral("interval_days"), s.intervalDays},
                       {QStringLiteral("readings"), s.readings}};
    QJsonArray anomalies;
    for (const RunPlan::Anomaly &a : plan.anomalies()) {
        if (a.customer >= (isIntervalAnomaly(a.kind) ? withReadings : s.customers))
            continue;
        QJsonObject entry{{QStringLiteral("kind"), QLatin1String(anomalyKey(a.kind))},
                          {QStringLiteral("customer_number"), customerNumber(plan.ordinal(a.customer))}};
        if (a.partner >= 0)
            entry.insert(QStringLiteral("other_customer_number"), customerNumber(plan.ordinal(a.partner)));
        if (isIntervalAnomaly(a.kind))
            entry.insert(QStringLiteral("day"), isoDay(a.day));
        anomalies.append(entry);
    }
    return QJsonObject{{QStringLiteral("outcome"), outcome},
                       {QStringLiteral("options"), options},
                       {QStringLiteral("written"), counts},
                       {QStringLiteral("first_customer_number"), s.firstCustomerNumber},
                       {QStringLiteral("last_customer_number"), s.lastCustomerNumber},
                       {QStringLiteral("reference_date"), s.referenceDate.toString(Qt::ISODate)},
                       {QStringLiteral("anomalies"), anomalies}};
}

} // namespace

Generator::Generator(Core::Context &context) : m_context(context) {}

QDate Generator::referenceDate(quint64 seed)
{
    return QDate(1970, 1, 1).addDays(RunPlan::referenceDayFor(seed));
}

QString Generator::customerNumberPrefix()
{
    return QStringLiteral("DC");
}

Summary Generator::run(const Core::UserContext &user, const Options &options,
                       const std::function<bool(qint64, qint64)> &progress)
{
    user.require(Core::Permission::GenerateDemoData);
    validate(options);
    QElapsedTimer timer;
    timer.start();

    Core::Database &db = m_context.database;
    const qint64 firstOrdinal = nextOrdinal(db);
    if (firstOrdinal + options.customers - 1 > MaxOrdinal)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("The database already holds demo customers up to %1; at most %2 more can be added.")
                              .arg(customerNumber(firstOrdinal - 1))
                              .arg(std::max<qint64>(0, MaxOrdinal - firstOrdinal + 1)));

    const RunPlan plan(options.seed, options.customers, options.meters, options.days, firstOrdinal,
                       options.electricityInterval, options.intervalData);
    // The market's tariffs first: every account is put on one of them as its row is built.
    const DemoTariffs tariffs = DemoTariffs::install(m_context, user);
    const RowBuilder builder(plan, m_context.cipher, &tariffs);
    Summary summary;
    summary.referenceDate = referenceDate(options.seed);
    qint64 withReadings = 0;  ///< customers whose readings are all written

    // The local days of the history in each zone, worked out here: QTimeZone stays on the
    // thread that owns the connection, the synthesis runs elsewhere on plain numbers.
    std::optional<ZoneCalendar> calendar;
    std::optional<ReadingSynth> synth;
    if (options.intervalData) {
        calendar.emplace(options.seed, plan.historyStartDay(), plan.referenceDay());
        synth.emplace(options.seed, *calendar);
    }
    Metering::ReadingStore store(db, m_context.clock);

    auto audit = [&](const Summary &written, const QString &outcome) {
        m_context.audit.record(user, QStringLiteral("demo.generate"), QStringLiteral("customers"),
                               written.firstCustomerNumber, QJsonObject(),
                               auditRecord(options, written, plan, withReadings, outcome));
    };

    // Demo data can simply be generated again after a crash, so durability is relaxed.
    Core::BulkWriteScope bulk(db);
    const std::unique_ptr<BulkWriter> writer = BulkWriter::create(db);

    // Two buffers: the next batch is built on a worker thread while this one is written.
    const qint64 total = options.customers;
    const qint64 batchSize = batchSizeFor(options);
    std::array<RowBatch, 2> buffers;
    std::future<void> pending;
    auto buildAsync = [&](qint64 first, RowBatch &into) {
        const qint64 count = std::min(batchSize, total - first);
        return std::async(std::launch::async, [&builder, &into, first, count] { builder.build(first, count, into); });
    };

    // A batch's readings go in chunks of whole customers: chunk k+1 is synthesised on a
    // worker thread while chunk k is written here, each in a transaction of its own.
    struct Chunk {
        std::size_t begin, end;
        qint64 done;  ///< customers (of the run) complete once the chunk is written
    };
    auto chunksOf = [](const RowBatch &batch, qint64 batchEnd) {
        std::vector<Chunk> chunks;
        const std::vector<MeterProfile> &meters = batch.meters;
        std::size_t begin = 0;
        qint64 readings = 0;
        for (std::size_t i = 0; i < meters.size(); ++i) {
            readings += ReadingSynth::expectedReadings(meters[i]);
            const bool lastMeter = i + 1 == meters.size();
            if (lastMeter || (readings >= ChunkReadings && meters[i + 1].customer != meters[i].customer)) {
                chunks.push_back({begin, i + 1, lastMeter ? batchEnd : meters[i + 1].customer});
                begin = i + 1;
                readings = 0;
            }
        }
        return chunks;
    };
    auto synthesizeAsync = [&synth](const RowBatch &batch, const Chunk &chunk) {
        return std::async(std::launch::async, [&synth, &batch, chunk] {
            QList<Metering::ReadingStore::ChannelDays> days;
            for (std::size_t i = chunk.begin; i < chunk.end; ++i)
                synth->synthesize(batch.meters[i], days);
            return days;
        });
    };

    bool cancelled = progress && !progress(0, total);
    try {
        if (!cancelled)
            pending = buildAsync(0, buffers[0]);
        for (qint64 first = 0, b = 0; !cancelled && first < total; first += batchSize, ++b) {
            pending.get();
            const RowBatch &current = buffers[std::size_t(b % 2)];
            const qint64 next = first + batchSize;
            const bool last = next >= total;
            if (!last)
                pending = buildAsync(next, buffers[std::size_t((b + 1) % 2)]);

            const std::vector<Chunk> chunks = options.intervalData ? chunksOf(current, first + current.customers)
                                                                   : std::vector<Chunk>();
            Summary after = summary;
            addCounts(after, current);
            if (chunks.empty())
                withReadings = after.customers;
            finish(after, plan, withReadings);
            {
                Core::Transaction tx(db);
                writer->write(current);
                if (last && chunks.empty())
                    audit(after, QStringLiteral("completed"));  // commits with the batch that completes the run
                tx.commit();
            }
            summary = after;
            if (chunks.empty()) {
                if (progress) {
                    const bool goOn = progress(summary.customers, total);
                    cancelled = !goOn && !last;
                }
                continue;
            }

            auto synthesizing = synthesizeAsync(current, chunks[0]);
            for (std::size_t k = 0; k < chunks.size(); ++k) {
                QList<Metering::ReadingStore::ChannelDays> days = synthesizing.get();
                if (k + 1 < chunks.size())
                    synthesizing = synthesizeAsync(current, chunks[k + 1]);
                const bool completes = last && k + 1 == chunks.size();
                Summary afterChunk = summary;
                {
                    Core::Transaction tx(db);
                    const Metering::ReadingStore::AppendResult written = store.appendDays(days);
                    afterChunk.intervalDays += written.days;
                    afterChunk.readings += written.readings;
                    withReadings = chunks[k].done;
                    finish(afterChunk, plan, withReadings);
                    if (completes)
                        audit(afterChunk, QStringLiteral("completed"));
                    tx.commit();
                }
                summary = afterChunk;
                days.clear();
                if (progress) {
                    const bool goOn = progress(withReadings, total);
                    if (!goOn && !completes) {
                        cancelled = true;
                        break;
                    }
                }
            }
            if (synthesizing.valid())
                synthesizing.wait();  // cancelled: the chunk being synthesised is dropped
        }
    } catch (...) {
        if (pending.valid())
            pending.wait();
        // What earlier batches committed stays; the audit log says so.
        try {
            finish(summary, plan, withReadings);
            Core::Transaction tx(db);
            audit(summary, QStringLiteral("failed"));
            tx.commit();
        } catch (...) {
        }
        throw;
    }
    if (pending.valid())
        pending.wait();  // cancelled while the next batch was being built: it is dropped

    finish(summary, plan, withReadings);
    // appendDays() kept the new customers' usage profiles current; profiles left from an
    // earlier month (a second run on an older database) are brought up to date too.
    if (!cancelled && options.intervalData) {
        Metering::UsageProfiles profiles(db, m_context.clock);
        if (profiles.isStale())
            profiles.refreshAll(user, m_context.audit);
    }
    // Planner statistics for the tables just filled: without them the first searches on a
    // fresh PostgreSQL database choose scans (autovacuum analyses only after a while).
    if (db.dialect().isPostgres())
        Core::SqlQuery::run(db.connection(), QStringLiteral("ANALYZE"));
    if (cancelled) {
        summary.cancelled = true;
        Core::Transaction tx(db);
        audit(summary, QStringLiteral("cancelled"));
        tx.commit();
    }
    summary.seconds = double(timer.nsecsElapsed()) / 1e9;
    return summary;
}

} // namespace Ud::Demo
