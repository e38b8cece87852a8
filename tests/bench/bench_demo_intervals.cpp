// Demo interval-data generation on SQLite, against a raw sqlite3 baseline measured in the same run.
//
//   bench_demo_intervals [METERS] [--days D] [--interval MIN] [--keep FILE] [--pg-meters N]
//
// Runs `demo` with METERS customers and METERS meters (default 10000: fewer meters than
// accounts, so all of them electricity meters) over D days (default 365) of MIN-minute data
// (default 15) into a fresh SQLite file, timing the whole run: customer rows and every reading.
// Then inserts the same number of interval_days rows, with BLOBs of the same sizes, for the same
// channel ids in the same order, with one prepared statement on the sqlite3 C API in one
// transaction, on an equally configured file (also committing every 40,000 rows, the size of
// the generator's transactions, since one transaction of gigabytes spills its pages to the WAL
// before it commits). Prints `name value unit` lines (DESIGN.md, Performance). With
// UD_TEST_PG_URL set it also generates --pg-meters meters (default 1000) over the same span
// into a throw-away PostgreSQL database.

#include "testdatabase.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/keystore.h>
#include <core/migrator.h>
#include <core/module.h>
#include <core/usercontext.h>
#include <core/userservice.h>
#include <demo/generator.h>

#include <QCoreApplication>
#include <QDate>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include "benchsqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace Ud;

namespace {

using Bench::check;
using Bench::exec;

/// A channel of the generated file: its id, how many day rows it got and their usual size.
struct Channel {
    std::string id;
    qint64 days = 0;
    int readingsPerDay = 0;
};

std::vector<Channel> readChannels(const QString &path)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    sqlite3_stmt *stmt = nullptr;
    check(sqlite3_prepare_v2(db, "SELECT channel_id, days, expected_count FROM channel_stats ORDER BY channel_id", -1,
                             &stmt, nullptr),
          db, "select");
    std::vector<Channel> channels;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        Channel c;
        c.id.assign(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)), std::size_t(sqlite3_column_bytes(stmt, 0)));
        c.days = sqlite3_column_int64(stmt, 1);
        c.readingsPerDay = c.days > 0 ? int(sqlite3_column_int64(stmt, 2) / c.days) : 0;
        channels.push_back(std::move(c));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return channels;
}

/// Inserts the channels' day rows into interval_days of `path`, committing every
/// `rowsPerCommit` rows (0: one transaction); returns seconds and sets `rows`.
double baselineInsert(const QString &path, const std::vector<Channel> &channels, const QDate &firstDay,
                      qint64 rowsPerCommit, qint64 &rows)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr), db, "open");
    // The settings the generator writes with: WAL, synchronous off, a 128 MiB cache, the
    // generator's own values trusted (no foreign-key lookups, no CHECK re-evaluation).
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = OFF");
    exec(db, "PRAGMA cache_size = -131072");
    exec(db, "PRAGMA foreign_keys = OFF");
    exec(db, "PRAGMA ignore_check_constraints = ON");
    sqlite3_stmt *stmt = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO interval_days (channel_id, local_day, interval_minutes, reading_count, readings, "
                             "quality, day_total, present_count, estimated_count, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             -1, &stmt, nullptr),
          db, "prepare");
    std::vector<std::string> days;
    for (int d = 0; d < 3700; ++d)
        days.push_back(firstDay.addDays(d).toString(Qt::ISODate).toStdString());
    std::string readings(8 * 288, '\x11'), quality(288, '\x01');

    QElapsedTimer timer;
    timer.start();
    rows = 0;
    exec(db, "BEGIN IMMEDIATE");
    for (const Channel &c : channels) {
        const int n = std::min(c.readingsPerDay, 288);
        for (qint64 d = 0; d < c.days && d < qint64(days.size()); ++d) {
            sqlite3_bind_text(stmt, 1, c.id.data(), int(c.id.size()), SQLITE_STATIC);
            sqlite3_bind_text(stmt, 2, days[std::size_t(d)].data(), int(days[std::size_t(d)].size()), SQLITE_STATIC);
            sqlite3_bind_int(stmt, 3, 1440 / std::max(1, n));
            sqlite3_bind_int(stmt, 4, n);
            sqlite3_bind_blob(stmt, 5, readings.data(), 8 * n, SQLITE_STATIC);
            sqlite3_bind_blob(stmt, 6, quality.data(), n, SQLITE_STATIC);
            sqlite3_bind_int64(stmt, 7, 123456);
            sqlite3_bind_int(stmt, 8, n);
            sqlite3_bind_int(stmt, 9, 0);
            sqlite3_bind_int64(stmt, 10, 1767225600);
            check(sqlite3_step(stmt), db, "insert");
            sqlite3_reset(stmt);
            ++rows;
            if (rowsPerCommit > 0 && rows % rowsPerCommit == 0) {
                exec(db, "COMMIT");
                exec(db, "BEGIN IMMEDIATE");
            }
        }
    }
    exec(db, "COMMIT");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return seconds;
}

void migrate(const QString &path)
{
    Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
    Core::Migrator(db).migrate();
}

Demo::Summary generate(Core::Database &db, const Demo::Options &options)
{
    Core::Clock clock;
    Core::EventBus events;
    Core::AuditLog audit(db, clock);
    Core::UserService users(db, audit, clock);
    // A fixed key: the benchmark must not create a key file in the user's configuration.
    Core::FieldCipher cipher(Core::KeyStore::fromMasterKey(QByteArray(32, '\x5a')));
    Core::Context context{db, clock, audit, cipher, events, users};
    return Demo::Generator(context).run(Core::UserContext::operatingSystemUser(), options);
}

Demo::Options optionsFor(qint64 meters, int days, int interval)
{
    Demo::Options options;
    options.customers = meters;
    options.meters = meters;  // fewer than the accounts: every meter an electricity meter
    options.days = days;
    options.electricityInterval = interval;
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 meters = 10000;
    qint64 pgMeters = 1000;
    int days = 365;
    int interval = 15;
    QString keep;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--keep") && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == QLatin1String("--days") && i + 1 < args.size())
            days = args[++i].toInt();
        else if (args[i] == QLatin1String("--interval") && i + 1 < args.size())
            interval = args[++i].toInt();
        else if (args[i] == QLatin1String("--pg-meters") && i + 1 < args.size())
            pgMeters = args[++i].toLongLong();
        else
            meters = args[i].toLongLong();
    }
    if (meters < 1 || days < 1 || pgMeters < 1) {
        std::fprintf(stderr, "usage: bench_demo_intervals [METERS] [--days D] [--interval MIN] [--keep FILE] "
                             "[--pg-meters N]\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString demoPath = keep.isEmpty() ? dir.filePath(QStringLiteral("demo.db")) : keep;
    const QString basePath = dir.filePath(QStringLiteral("baseline.db"));
    const QString chunkedPath = dir.filePath(QStringLiteral("chunked.db"));
    QFile::remove(demoPath);
    try {
        migrate(demoPath);
        const Demo::Options options = optionsFor(meters, days, interval);
        QElapsedTimer timer;
        timer.start();
        Demo::Summary s;
        {
            Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + demoPath));
            s = generate(db, options);
        }
        const double demoSeconds = double(timer.nsecsElapsed()) / 1e9;

        const std::vector<Channel> channels = readChannels(demoPath);
        const QDate firstDay = s.referenceDate.addDays(-days);
        if (keep.isEmpty())
            QFile::remove(demoPath);  // the baselines need the disk space and page cache more
        migrate(basePath);
        qint64 baseRows = 0, chunkedRows = 0;
        const double baseSeconds = baselineInsert(basePath, channels, firstDay, 0, baseRows);
        QFile::remove(basePath);
        QFile::remove(basePath + QStringLiteral("-wal"));
        migrate(chunkedPath);
        const double chunkedSeconds = baselineInsert(chunkedPath, channels, firstDay, 40000, chunkedRows);
        QFile::remove(chunkedPath);
        QFile::remove(chunkedPath + QStringLiteral("-wal"));

        const double demoRowRate = double(s.intervalDays) / demoSeconds;
        const double baseRate = double(baseRows) / baseSeconds;
        const double chunkedRate = double(chunkedRows) / chunkedSeconds;
        std::printf("demo_interval_meters %lld meters\n", static_cast<long long>(s.meters));
        std::printf("demo_interval_channels %lld channels\n", static_cast<long long>(s.channels));
        std::printf("demo_interval_days %d days\n", days);
        std::printf("demo_interval_minutes %d min\n", interval);
        std::printf("demo_interval_readings %lld readings\n", static_cast<long long>(s.readings));
        std::printf("demo_interval_day_rows %lld rows\n", static_cast<long long>(s.intervalDays));
        std::printf("demo_interval_seconds %.3f s\n", demoSeconds);
        std::printf("demo_interval_readings_per_second %.0f readings/s\n", double(s.readings) / demoSeconds);
        std::printf("demo_interval_day_rows_per_second %.0f rows/s\n", demoRowRate);
        std::printf("baseline_raw_sqlite_blob_rows %lld rows\n", static_cast<long long>(baseRows));
        std::printf("baseline_raw_sqlite_blob_seconds %.3f s\n", baseSeconds);
        std::printf("baseline_raw_sqlite_blob_rows_per_second %.0f rows/s\n", baseRate);
        std::printf("demo_interval_vs_baseline_ratio %.3f x\n", demoRowRate / baseRate);
        std::printf("baseline_raw_sqlite_blob_chunked_rows_per_second %.0f rows/s\n", chunkedRate);
        std::printf("demo_interval_vs_chunked_baseline_ratio %.3f x\n", demoRowRate / chunkedRate);

        if (Test::backendAvailable(QStringLiteral("postgresql"))) {
            Test::TestDatabase pg(QStringLiteral("postgresql"));
            timer.restart();
            const Demo::Summary p = generate(pg.db(), optionsFor(pgMeters, days, interval));
            const double pgSeconds = double(timer.nsecsElapsed()) / 1e9;
            std::printf("demo_interval_postgresql_meters %lld meters\n", static_cast<long long>(p.meters));
            std::printf("demo_interval_postgresql_readings %lld readings\n", static_cast<long long>(p.readings));
            std::printf("demo_interval_postgresql_seconds %.3f s\n", pgSeconds);
            std::printf("demo_interval_postgresql_readings_per_second %.0f readings/s\n", double(p.readings) / pgSeconds);
            std::printf("demo_interval_postgresql_day_rows_per_second %.0f rows/s\n", double(p.intervalDays) / pgSeconds);
        }
    } catch (const Core::Error &e) {
        std::fprintf(stderr, "bench_demo_intervals: %s\n", qPrintable(e.message()));
        return 3;
    }
    return 0;
}
