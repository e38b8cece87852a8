#pragma once

#include <QDate>
#include <QStringList>

#include <functional>

namespace Ud::Core {
struct Context;
class UserContext;
} // namespace Ud::Core

namespace Ud::Demo {

/// What `utilitydesk demo` asks for.
struct Options {
    qint64 customers = 1000;
    /// Total meters; -1: about 1.3 per customer (every account an electricity meter, a share
    /// of premises also gas or water). Fewer meters than accounts leaves some electricity
    /// service points without a meter.
    qint64 meters = -1;
    /// History span: accounts are opened and meters installed before it, contacts fall inside it.
    int days = 30;
    quint64 seed = 1;
    /// Customers per transaction; also the granularity of progress and cancellation.
    /// 0: a tenth of the run, at least 5,000 and at most 20,000 (large runs go faster in
    /// larger transactions, since each commit rewrites the index pages it touched).
    int batchSize = 0;
    /// Interval readings for every meter over the history, through the interval store.
    bool intervalData = true;
    /// Minutes of every electricity meter (5, 15, 30 or 60); 0: each market's usual mix
    /// (half-hourly in GB, quarter-hourly in DE, hourly in ES, both in CN).
    int electricityInterval = 0;
};

/// What a run wrote.
struct Summary {
    qint64 customers = 0, premises = 0, accounts = 0, servicePoints = 0, meters = 0, channels = 0, appliances = 0,
           vulnerabilities = 0, interactions = 0;
    qint64 intervalDays = 0;  ///< day rows in the interval store (one per channel and local day)
    qint64 readings = 0;      ///< interval readings in them
    qint64 tariffAssignments = 0; ///< accounts put on a demo tariff (account_tariffs)
    double seconds = 0;
    /// One translated sentence per planted data-quality problem, naming the customer number,
    /// so a tester knows what the application should let a user find.
    QStringList anomalies;
    QString firstCustomerNumber;  ///< empty when nothing was written
    QString lastCustomerNumber;
    QDate referenceDate;          ///< the day the history ends (exclusive), derived from the seed
    bool cancelled = false;
};

/// Fills the database with realistic, deterministic demo customers for the four markets
/// (GB, DE, CN, ES): names and addresses in each country's script and formats, all customer
/// classes, accounts, premises on a substation/feeder/transformer hierarchy, service points,
/// meters and channels, appliances, vulnerability flags, contact history, encrypted national
/// ids and bank accounts, interval readings for every meter over the history (ReadingSynth),
/// and a few planted anomalies. The same options and seed on an empty database give
/// byte-identical rows (ids come from the seeded stream, dates from a reference day derived
/// from the seed; only the ciphertexts differ, since every encryption draws a fresh IV). A
/// second run on the same database continues the customer numbering, so numbers, identifiers
/// and ids never collide. Rows go in per batch, one transaction each, through prepared SQLite
/// statements or PostgreSQL COPY; then the batch's readings, synthesised on a worker thread
/// while the previous chunk is written, through ReadingStore::appendDays in chunks of whole
/// customers (about four million readings, one transaction each).
class Generator
{
public:
    explicit Generator(Core::Context &context);

    /// Requires Permission::GenerateDemoData. Throws Core::Error(BadInput) naming the option
    /// that is out of range. `progress(done, total)` counts customers whose rows and readings
    /// are written; it is called once before the first batch and after each committed batch or
    /// chunk of readings. Returning false stops there, without an error: the summary then says
    /// what was written and `cancelled` is set (stopped within a batch's readings, the batch's
    /// later customers keep their rows without readings).
    Summary run(const Core::UserContext &user, const Options &options,
                const std::function<bool(qint64, qint64)> &progress = {});

    /// The first day after the demo history for a seed (the history covers the `days` before it).
    static QDate referenceDate(quint64 seed);
    /// Prefix of demo customer numbers ("DC" followed by nine digits).
    static QString customerNumberPrefix();

private:
    Core::Context &m_context;
};

} // namespace Ud::Demo
