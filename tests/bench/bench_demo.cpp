// Demo-data generation speed on SQLite, against a raw sqlite3 baseline measured in the same run.
//
//   bench_demo [CUSTOMERS] [--batch N] [--keep FILE] [--postgresql URL]
//
// Generates CUSTOMERS (default 100000) demo customers with all their rows into a fresh SQLite
// file, then inserts the same number of plain customer rows (the same columns, values read
// back beforehand) with a prepared-statement loop on the sqlite3 C API in one transaction,
// on an equally configured file. Prints `name value unit` lines (DESIGN.md, Performance).
// --batch N sets the customers per transaction (default: the generator's own choice);
// --postgresql URL also generates CUSTOMERS into that (throw-away) database, migrating it first.

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
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include "benchsqlite.h"

#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace Ud;

namespace {

struct Value {
    int type = SQLITE_NULL;
    sqlite3_int64 integer = 0;
    std::string bytes;
};

using Bench::check;
using Bench::exec;

/// Every customers row of `path`, column by column, in memory.
std::vector<std::vector<Value>> readCustomers(const QString &path, int &columns)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    sqlite3_stmt *stmt = nullptr;
    check(sqlite3_prepare_v2(db, "SELECT * FROM customers", -1, &stmt, nullptr), db, "select");
    columns = sqlite3_column_count(stmt);
    std::vector<std::vector<Value>> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::vector<Value> row(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            Value &v = row[std::size_t(c)];
            v.type = sqlite3_column_type(stmt, c);
            if (v.type == SQLITE_INTEGER)
                v.integer = sqlite3_column_int64(stmt, c);
            else if (v.type == SQLITE_TEXT || v.type == SQLITE_BLOB)
                v.bytes.assign(static_cast<const char *>(sqlite3_column_blob(stmt, c)), std::size_t(sqlite3_column_bytes(stmt, c)));
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

/// Inserts `rows` into the customers table of `path` in one transaction; returns seconds.
double baselineInsert(const QString &path, const std::vector<std::vector<Value>> &rows, int columns)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr), db, "open");
    // The settings the generator runs with: WAL, foreign keys, synchronous off, a large cache.
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA foreign_keys = ON");
    exec(db, "PRAGMA synchronous = OFF");
    exec(db, "PRAGMA cache_size = -131072");
    std::string sql = "INSERT INTO customers VALUES (?";
    for (int c = 1; c < columns; ++c)
        sql += ", ?";
    sql += ")";
    sqlite3_stmt *stmt = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), db, "prepare");

    QElapsedTimer timer;
    timer.start();
    exec(db, "BEGIN IMMEDIATE");
    for (const std::vector<Value> &row : rows) {
        for (int c = 0; c < columns; ++c) {
            const Value &v = row[std::size_t(c)];
            switch (v.type) {
            case SQLITE_INTEGER: sqlite3_bind_int64(stmt, c + 1, v.integer); break;
            case SQLITE_TEXT: sqlite3_bind_text(stmt, c + 1, v.bytes.data(), int(v.bytes.size()), SQLITE_STATIC); break;
            case SQLITE_BLOB: sqlite3_bind_blob(stmt, c + 1, v.bytes.data(), int(v.bytes.size()), SQLITE_STATIC); break;
            default: sqlite3_bind_null(stmt, c + 1); break;
            }
        }
        check(sqlite3_step(stmt), db, "insert");
        sqlite3_reset(stmt);
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

/// Generates into the database at `url` (migrating it first, a no-op when it is current).
Demo::Summary generate(const QString &url, const Demo::Options &options)
{
    Core::Database db(Core::DatabaseUrl::parse(url));
    Core::Migrator(db).migrate();
    Core::Clock clock;
    Core::EventBus events;
    Core::AuditLog audit(db, clock);
    Core::UserService users(db, audit, clock);
    // A fixed key: the benchmark must not create a key file in the user's configuration.
    Core::FieldCipher cipher(Core::KeyStore::fromMasterKey(QByteArray(32, '\x5a')));
    Core::Context context{db, clock, audit, cipher, events, users};
    return Demo::Generator(context).run(Core::UserContext::operatingSystemUser(), options);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 customers = 100000;
    int batchSize = Demo::Options().batchSize;
    QString keep;
    QString postgres;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--keep") && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == QLatin1String("--batch") && i + 1 < args.size())
            batchSize = args[++i].toInt();
        else if (args[i] == QLatin1String("--postgresql") && i + 1 < args.size())
            postgres = args[++i];
        else
            customers = args[i].toLongLong();
    }
    if (customers < 1 || batchSize < 0) {
        std::fprintf(stderr, "usage: bench_demo [CUSTOMERS] [--batch N] [--keep FILE] [--postgresql URL]\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString demoPath = keep.isEmpty() ? dir.filePath(QStringLiteral("demo.db")) : keep;
    const QString basePath = dir.filePath(QStringLiteral("baseline.db"));
    QFile::remove(demoPath);
    try {
        migrate(demoPath);
        migrate(basePath);
        Demo::Options options;
        options.customers = customers;
        options.batchSize = batchSize;
        options.intervalData = false;  // customer rows only: bench_demo_intervals measures the readings
        QElapsedTimer timer;
        timer.start();
        const Demo::Summary s = generate(QStringLiteral("sqlite://") + demoPath, options);
        const double demoSeconds = double(timer.nsecsElapsed()) / 1e9;
        const qint64 rowsWritten = s.customers + s.premises + s.accounts + s.servicePoints + s.meters + s.channels
                                   + s.appliances + s.vulnerabilities + s.interactions;

        int columns = 0;
        const auto rows = readCustomers(demoPath, columns);
        const double baseSeconds = baselineInsert(basePath, rows, columns);

        const double demoRate = double(s.customers) / demoSeconds;
        const double baseRate = double(rows.size()) / baseSeconds;
        std::printf("demo_customers %lld customers\n", static_cast<long long>(s.customers));
        std::printf("demo_rows %lld rows\n", static_cast<long long>(rowsWritten));
        std::printf("demo_seconds %.3f s\n", demoSeconds);
        std::printf("demo_customers_per_second %.0f customers/s\n", demoRate);
        std::printf("demo_rows_per_second %.0f rows/s\n", double(rowsWritten) / demoSeconds);
        std::printf("baseline_raw_sqlite_rows_per_second %.0f rows/s\n", baseRate);
        std::printf("demo_vs_baseline_ratio %.3f x\n", demoRate / baseRate);
        if (!postgres.isEmpty()) {
            timer.restart();
            const Demo::Summary pg = generate(postgres, options);
            std::printf("demo_postgresql_customers_per_second %.0f customers/s\n",
                        double(pg.customers) / (double(timer.nsecsElapsed()) / 1e9));
        }
    } catch (const Core::Error &e) {
        std::fprintf(stderr, "bench_demo: %s\n", qPrintable(e.message()));
        return 3;
    }
    return 0;
}
