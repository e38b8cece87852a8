// Meter-data import speed and memory, each beside a baseline measured in the same run.
//
//   bench_import [--readings N] [--xml-readings N] [--memory-bytes B] [--postgresql URL] [--pg-readings N]
//
// - CSV: N (default 10,000,000) generated readings of 100 meters, 15-minute, in the generic CSV
//   layout, imported end to end (detect, parse, validate, store) into a fresh SQLite file;
//   baseline: a raw sqlite3 loop inserting the same readings one row per reading with a prepared
//   statement in one transaction, into an equally configured file.
// - Green Button XML: N (default about 1,000,000) readings of a generated Download My Data feed.
// - PostgreSQL (with --postgresql, a server where databases may be created): N (default
//   2,000,000) CSV readings imported; baseline: `psql \copy` of the same rows into a plain table.
// - Memory: the real `utilitydesk import` of a generated CSV file of B bytes (default 1 GiB),
//   peak resident set size of that process.
// Prints `name value unit` lines (DESIGN.md, Performance).

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/keystore.h>
#include <core/migrator.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/usercontext.h>
#include <core/userservice.h>
#include <metering/greenbuttonwriter.h>
#include <metering/meterimporter.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include "benchsqlite.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace Ud;

namespace {

constexpr int Meters = 100;
constexpr qint64 Start = 1577836800; // 2020-01-01 00:00 UTC
constexpr int Step = 900;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_import: %s\n", qPrintable(message));
    std::exit(1);
}

void appendTwo(std::string &s, unsigned v)
{
    s.push_back(char('0' + v / 10));
    s.push_back(char('0' + v % 10));
}

/// "2020-01-01T00:15:00Z"
void appendStamp(std::string &s, qint64 t)
{
    using namespace std::chrono;
    const sys_seconds tp{seconds(t)};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    s += std::to_string(int(ymd.year()));
    s.push_back('-');
    appendTwo(s, unsigned(ymd.month()));
    s.push_back('-');
    appendTwo(s, unsigned(ymd.day()));
    s.push_back('T');
    appendTwo(s, unsigned(hms.hours().count()));
    s.push_back(':');
    appendTwo(s, unsigned(hms.minutes().count()));
    s += ":00Z";
}

qint64 valueOf(int meter, qint64 i) { return 50 + (i * 7 + meter * 13) % 400; }

/// Writes `readings` generic-CSV readings (Meters meters, in blocks of a day per meter so the
/// file interleaves meters as a head-end export does) and returns the bytes written.
qint64 writeCsv(const QString &path, qint64 readings, int meters = Meters)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        die(QStringLiteral("cannot write %1").arg(path));
    std::string out = "meter_id,timestamp,value,unit,quality\n";
    const qint64 perMeter = readings / meters;
    for (qint64 dayStart = 0; dayStart < perMeter; dayStart += 96) {
        for (int m = 0; m < meters; ++m) {
            for (qint64 i = dayStart; i < std::min(perMeter, dayStart + 96); ++i) {
                out += "BENCH-";
                out += std::to_string(1000 + m);
                out.push_back(',');
                appendStamp(out, Start + i * Step);
                out.push_back(',');
                out += std::to_string(valueOf(m, i));
                out += ",Wh,A\n";
            }
            if (out.size() > (4u << 20)) {
                f.write(out.data(), qint64(out.size()));
                out.clear();
            }
        }
    }
    f.write(out.data(), qint64(out.size()));
    return f.size();
}

struct Services {
    explicit Services(const QString &url)
        : db(Core::DatabaseUrl::parse(url)), audit(db, clock), users(db, audit, clock),
          cipher(Core::KeyStore::fromMasterKey(QByteArray(32, '\x5a'))), context{db, clock, audit, cipher, events, users}
    {
        Core::Migrator(db).migrate();
    }
    Core::Database db;
    Core::Clock clock;
    Core::EventBus events;
    Core::AuditLog audit;
    Core::UserService users;
    Core::FieldCipher cipher;
    Core::Context context;
};

/// Imports `path` with meters created from the file; returns seconds and checks the count.
double import(const QString &url, const QString &path, qint64 expected, const QString &quarantine)
{
    Services s(url);
    Metering::ImportOptions options;
    options.createMeters = true;
    options.defaultZone = QTimeZone::utc();
    options.quarantineDir = quarantine;
    QElapsedTimer timer;
    timer.start();
    const auto summary = Metering::MeterImporter(s.context).importPaths(Core::UserContext::operatingSystemUser(), {path},
                                                                       options);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (summary.rejected() > 0)
        die(summary.files.constFirst().message);
    if (summary.files.constFirst().inserted != expected)
        die(QStringLiteral("imported %1 readings, expected %2").arg(summary.files.constFirst().inserted).arg(expected));
    return seconds;
}

using Bench::check;

/// One row per reading, prepared statement, one transaction; the readings are in memory
/// already (the baseline does not parse anything).
double baselineSqlite(const QString &path, qint64 readings)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open(path.toUtf8().constData(), &db), db, "open");
    for (const char *sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = OFF", "PRAGMA foreign_keys = ON",
                            "CREATE TABLE readings (channel_id TEXT NOT NULL, start_utc INTEGER NOT NULL, "
                            "value INTEGER NOT NULL, quality INTEGER NOT NULL, PRIMARY KEY (channel_id, start_utc))"})
        check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
    std::vector<std::string> channels;
    for (int m = 0; m < Meters; ++m)
        channels.push_back(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    const qint64 perMeter = readings / Meters;
    QElapsedTimer timer;
    timer.start();
    sqlite3_stmt *insert = nullptr;
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    check(sqlite3_prepare_v2(db, "INSERT INTO readings VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr), db, "prepare");
    for (qint64 dayStart = 0; dayStart < perMeter; dayStart += 96) {
        for (int m = 0; m < Meters; ++m) {
            for (qint64 i = dayStart; i < std::min(perMeter, dayStart + 96); ++i) {
                sqlite3_bind_text(insert, 1, channels[std::size_t(m)].c_str(), -1, SQLITE_STATIC);
                sqlite3_bind_int64(insert, 2, Start + i * Step);
                sqlite3_bind_int64(insert, 3, valueOf(m, i));
                sqlite3_bind_int(insert, 4, 1);
                check(sqlite3_step(insert), db, "insert");
                sqlite3_reset(insert);
            }
        }
    }
    sqlite3_finalize(insert);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_close(db);
    return seconds;
}

/// A fresh database on the server of `url`; returns its URL.
QString freshPostgres(const QString &url, const QString &name)
{
    Core::Database admin(Core::DatabaseUrl::parse(url));
    Core::SqlQuery::run(admin.connection(), QStringLiteral("DROP DATABASE IF EXISTS ") + name);
    Core::SqlQuery::run(admin.connection(), QStringLiteral("CREATE DATABASE ") + name);
    QUrl u(url);
    u.setPath(QLatin1Char('/') + name);
    return u.toString();
}

/// `psql \copy` of the same readings (one row each) from a text file, as an operator would
/// bulk-load them.
double baselinePsqlCopy(const QString &url, const QString &dir, qint64 readings)
{
    const QString tsv = dir + QStringLiteral("/readings.tsv");
    {
        QFile f(tsv);
        f.open(QIODevice::WriteOnly);
        std::string out;
        const qint64 perMeter = readings / Meters;
        std::vector<std::string> channels;
        for (int m = 0; m < Meters; ++m)
            channels.push_back(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        for (int m = 0; m < Meters; ++m) {
            for (qint64 i = 0; i < perMeter; ++i) {
                out += channels[std::size_t(m)];
                out.push_back('\t');
                out += std::to_string(Start + i * Step);
                out.push_back('\t');
                out += std::to_string(valueOf(m, i));
                out += "\t1\n";
            }
            f.write(out.data(), qint64(out.size()));
            out.clear();
        }
    }
    const QUrl u(url);
    const QStringList common{QStringLiteral("-h"), u.host(), QStringLiteral("-p"), QString::number(u.port(5432)),
                             QStringLiteral("-U"), u.userName(), QStringLiteral("-d"), u.path().mid(1),
                             QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-q")};
    auto psql = [&](const QString &command) {
        QProcess p;
        p.start(QStringLiteral("psql"), common + QStringList{QStringLiteral("-c"), command});
        if (!p.waitForFinished(600000) || p.exitCode() != 0)
            die(QStringLiteral("psql failed: %1").arg(QString::fromUtf8(p.readAllStandardError())));
    };
    psql(QStringLiteral("CREATE TABLE bench_readings (channel_id uuid NOT NULL, start_utc bigint NOT NULL, "
                        "value bigint NOT NULL, quality smallint NOT NULL, PRIMARY KEY (channel_id, start_utc))"));
    QElapsedTimer timer;
    timer.start();
    psql(QStringLiteral("\\copy bench_readings FROM '%1'").arg(tsv));
    return double(timer.nsecsElapsed()) / 1e9;
}

/// Peak RSS in MB of `utilitydesk import` on `file`.
double importPeakMegabytes(const QString &file, const QString &dir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("UTILITYDESK_MASTER_KEY"), QString::fromLatin1(QByteArray(32, '\x5a').toBase64()));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
    p.setProcessEnvironment(env);
    const QString url = QStringLiteral("sqlite://") + dir + QStringLiteral("/memory.db");
    p.start(QStringLiteral(UD_BINARY), {QStringLiteral("--database"), url, QStringLiteral("import"),
                                        QStringLiteral("--create-meters"), QStringLiteral("--time-zone"),
                                        QStringLiteral("UTC"), QStringLiteral("--quarantine"),
                                        dir + QStringLiteral("/q"), file});
    if (!p.waitForFinished(1800000) || p.exitCode() != 0)
        die(QStringLiteral("utilitydesk import failed: %1").arg(QString::fromUtf8(p.readAllStandardError())));
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 readings = 10'000'000, xmlReadings = 1'000'000, pgReadings = 2'000'000, memoryBytes = qint64(1) << 30;
    QString postgres;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--readings"))
            readings = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--xml-readings"))
            xmlReadings = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--pg-readings"))
            pgReadings = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--memory-bytes"))
            memoryBytes = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--postgresql"))
            postgres = args[i + 1];
        else
            die(QStringLiteral("usage: bench_import [--readings N] [--xml-readings N] [--memory-bytes B] "
                               "[--postgresql URL] [--pg-readings N]"));
    }
    readings -= readings % Meters;
    pgReadings -= pgReadings % Meters;
    QTemporaryDir dir;
    const QString q = dir.filePath(QStringLiteral("quarantine"));
    try {
        // CSV on SQLite against one-row-per-reading inserts.
        const QString csv = dir.filePath(QStringLiteral("readings.csv"));
        const qint64 csvBytes = writeCsv(csv, readings);
        const double csvSeconds = import(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("csv.db")), csv,
                                         readings, q);
        QFile::remove(csv);
        const double baseSeconds = baselineSqlite(dir.filePath(QStringLiteral("baseline.db")), readings);
        QFile::remove(dir.filePath(QStringLiteral("baseline.db")));
        const double csvRate = double(readings) / csvSeconds;
        const double baseRate = double(readings) / baseSeconds;
        std::printf("csv_import_readings %lld readings\n", static_cast<long long>(readings));
        std::printf("csv_import_file_bytes %lld bytes\n", static_cast<long long>(csvBytes));
        std::printf("csv_import_seconds %.3f s\n", csvSeconds);
        std::printf("csv_import_readings_per_second %.0f readings/s\n", csvRate);
        std::printf("baseline_raw_sqlite_row_per_reading_per_second %.0f readings/s\n", baseRate);
        std::printf("csv_import_vs_baseline_ratio %.2f x\n", csvRate / baseRate);
        std::fflush(stdout);

        // Green Button XML on SQLite.
        Metering::GreenButtonFeed feed;
        feed.days = 365;
        feed.usagePoints = int(std::max<qint64>(1, xmlReadings / (365 * 96)));
        feed.startUtc = 1672560000; // 2023-01-01 08:00 UTC (midnight US Pacific)
        const QString xml = dir.filePath(QStringLiteral("feed.xml"));
        qint64 xmlCount = 0;
        {
            QFile f(xml);
            f.open(QIODevice::WriteOnly);
            xmlCount = Metering::GreenButtonWriter::write(f, feed);
        }
        const double xmlSeconds = import(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("xml.db")), xml,
                                         xmlCount, q);
        QFile::remove(xml);
        std::printf("xml_import_readings %lld readings\n", static_cast<long long>(xmlCount));
        std::printf("xml_import_seconds %.3f s\n", xmlSeconds);
        std::printf("xml_import_readings_per_second %.0f readings/s\n", double(xmlCount) / xmlSeconds);
        std::fflush(stdout);

        if (!postgres.isEmpty()) {
            const QString pgCsv = dir.filePath(QStringLiteral("pg.csv"));
            writeCsv(pgCsv, pgReadings);
            const QString target = freshPostgres(postgres, QStringLiteral("ud_bench_import"));
            const double pgSeconds = import(target, pgCsv, pgReadings, q);
            const QString base = freshPostgres(postgres, QStringLiteral("ud_bench_copy"));
            const double copySeconds = baselinePsqlCopy(base, dir.path(), pgReadings);
            std::printf("pg_import_readings %lld readings\n", static_cast<long long>(pgReadings));
            std::printf("pg_import_readings_per_second %.0f readings/s\n", double(pgReadings) / pgSeconds);
            std::printf("baseline_psql_copy_row_per_reading_per_second %.0f readings/s\n", double(pgReadings) / copySeconds);
            std::printf("pg_import_vs_psql_copy_ratio %.2f x\n", copySeconds / pgSeconds);
            std::fflush(stdout);
        }

        if (memoryBytes > 0) {
            const QString big = dir.filePath(QStringLiteral("big.csv"));
            // Lines are 40 to 41 bytes: this makes the file a little larger than asked.
            // A thousand meters, so that no meter's readings reach the present.
            const qint64 lines = memoryBytes / 40 - (memoryBytes / 40) % 1000;
            const qint64 bytes = writeCsv(big, lines, 1000);
            const double peak = importPeakMegabytes(big, dir.path());
            std::printf("memory_import_file_bytes %lld bytes\n", static_cast<long long>(bytes));
            std::printf("memory_import_peak_rss %.1f MB\n", peak);
        }
    } catch (const Core::Error &e) {
        die(e.message());
    }
    return 0;
}
