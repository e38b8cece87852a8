#include "generator.h"

#include "bulkwriter.h"
#include "formats.h"
#include "rowbuilder.h"
#include "runplan.h"
#include "supplies.h"

#include <core/auditlog.h>
#include <core/database.h>
#include <core/error.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <future>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

constexpr qint64 MaxCustomersPerRun = 10000000;
constexpr int MaxDays = 3650;

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
    }
    return "";
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
}

/// Fills in what depends on how far the run got: numbers and the anomalies written.
void finish(Summary &s, const RunPlan &plan)
{
    s.anomalies.clear();
    s.firstCustomerNumber.clear();
    s.lastCustomerNumber.clear();
    if (s.customers == 0)
        return;
    s.firstCustomerNumber = customerNumber(plan.firstOrdinal());
    s.lastCustomerNumber = customerNumber(plan.ordinal(s.customers - 1));
    for (const RunPlan::Anomaly &a : plan.anomalies()) {
        if (a.customer < s.customers)
            s.anomalies.append(describe(plan, a));
    }
}

qint64 batchSizeFor(const Options &o)
{
    return o.batchSize > 0 ? o.batchSize : std::clamp<qint64>(o.customers / 10, 5000, 20000);
}

QJsonObject auditRecord(const Options &o, const Summary &s, const RunPlan &plan, const QString &outcome)
{
    QJsonObject options{{QStringLiteral("customers"), o.customers},
                        {QStringLiteral("meters"), plan.meters()},
                        {QStringLiteral("days"), o.days},
                        {QStringLiteral("seed"), QString::number(o.seed)},
                        {QStringLiteral("batch_size"), batchSizeFor(o)}};
    QJsonObject counts{{QStringLiteral("customers"), s.customers},
                       {QStringLiteral("premises"), s.premises},
                       {QStringLiteral("accounts"), s.accounts},
                       {QStringLiteral("service_points"), s.servicePoints},
                       {QStringLiteral("meters"), s.meters},
                       {QStringLiteral("meter_channels"), s.channels},
                       {QStringLiteral("appliances"), s.appliances},
                       {QStringLiteral("vulnerabilities"), s.vulnerabilities},
                       {QStringLiteral("interactions"), s.interactions}};
    QJsonArray anomalies;
    for (const RunPlan::Anomaly &a : plan.anomalies()) {
        if (a.customer >= s.customers)
            continue;
        QJsonObject entry{{QStringLiteral("kind"), QLatin1String(anomalyKey(a.kind))},
                          {QStringLiteral("customer_number"), customerNumber(plan.ordinal(a.customer))}};
        if (a.partner >= 0)
            entry.insert(QStringLiteral("other_customer_number"), customerNumber(plan.ordinal(a.partner)));
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

    const RunPlan plan(options.seed, options.customers, options.meters, options.days, firstOrdinal);
    const RowBuilder builder(plan, m_context.cipher);
    Summary summary;
    summary.referenceDate = referenceDate(options.seed);

    auto audit = [&](const Summary &written, const QString &outcome) {
        m_context.audit.record(user, QStringLiteral("demo.generate"), QStringLiteral("customers"),
                               written.firstCustomerNumber, QJsonObject(),
                               auditRecord(options, written, plan, outcome));
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

            Summary after = summary;
            addCounts(after, current);
            finish(after, plan);
            {
                Core::Transaction tx(db);
                writer->write(current);
                if (last)
                    audit(after, QStringLiteral("completed"));  // commits with the batch that completes the run
                tx.commit();
            }
            summary = after;
            if (progress) {
                const bool goOn = progress(summary.customers, total);
                cancelled = !goOn && !last;
            }
        }
    } catch (...) {
        if (pending.valid())
            pending.wait();
        // What earlier batches committed stays; the audit log says so.
        try {
            finish(summary, plan);
            Core::Transaction tx(db);
            audit(summary, QStringLiteral("failed"));
            tx.commit();
        } catch (...) {
        }
        throw;
    }
    if (pending.valid())
        pending.wait();  // cancelled while the next batch was being built: it is dropped

    finish(summary, plan);
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
