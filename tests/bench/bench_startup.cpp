// Start-up to the main window on a 1,000,000-customer SQLite database, against a raw sqlite3
// baseline measured in the same run (DESIGN.md, Performance).
//
//   bench_startup [FILE] [--customers N] [--runs R]
//
// FILE (default: utilitydesk-bench-<N>.db in the temporary folder) is reused when it holds
// at least N (default 1000000) customers, else filled with the demo generator first. Each run
// is a fresh process (this program again, with --measure-once) that does what the application
// does after sign-in: creates the application context, opens the database (schema check),
// builds the main window with every registered page for an administrator, shows it, and
// waits until the customers page has painted its first page of rows. The baseline opens the
// same file with the sqlite3 C API and reads the first 200 customers ordered by name. Both
// are the median of R (default 5) runs, printed as `name value unit`; the target is <= 1000 ms.

#include <appcontext.h>
#include <languagemanager.h>
#include <mainwindow.h>
#include <session.h>

#include <core/error.h>
#include <core/keystore.h>
#include <core/userservice.h>
#include <demo/generator.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Ud;

namespace {

const QString BenchUser = QStringLiteral("bench-admin");

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_startup: %s\n", qPrintable(message));
    std::exit(1);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

qint64 customerCount(const QString &path)
{
    if (!QFileInfo::exists(path))
        return 0;
    sqlite3 *db = nullptr;
    qint64 count = 0;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM customers", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW)
            count = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return count;
}

/// Fills `path` with demo customers and adds the administrator the runs sign in as.
void prepare(const QString &path, qint64 customers)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    std::fprintf(stderr, "bench_startup: generating %lld customers into %s (once; reused next time)\n",
                 static_cast<long long>(customers), qPrintable(path));
    App::AppContext context(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
    context.open();
    const Core::UserContext os = Core::UserContext::operatingSystemUser();
    Demo::Options options;
    options.customers = customers;
    options.intervalData = false;  // start-up reads no readings; a million customers' would fill the disk
    const Demo::Summary summary = Demo::Generator(context.context()).run(os, options);
    context.users().createUser(os, BenchUser, QStringLiteral("Benchmark"), Core::Role::Admin,
                               QStringLiteral("benchmark password"));
    std::fprintf(stderr, "bench_startup: generated %lld customers in %.1f s\n",
                 static_cast<long long>(summary.customers), summary.seconds);
}

/// The raw-sqlite3 baseline: open the file, read the first page of customers by name.
double baselineMs(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        fail(QStringLiteral("cannot open %1").arg(path));
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, customer_number, full_name, class, phone FROM customers "
                           "ORDER BY full_name, customer_number LIMIT 200",
                           -1, &stmt, nullptr) != SQLITE_OK)
        fail(QString::fromUtf8(sqlite3_errmsg(db)));
    int rows = 0;
    qint64 bytes = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < 5; ++c)
            bytes += sqlite3_column_bytes(stmt, c);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (rows != 200 || bytes == 0)
        fail(QStringLiteral("the baseline read %1 rows").arg(rows));
    return ms;
}

/// Fires once the watched view has painted with rows in its model.
class FirstPaintWithRows : public QObject
{
public:
    std::function<void()> done;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && done) {
            auto *view = qobject_cast<QAbstractItemView *>(watched->parent());
            if (view && view->model() && view->model()->rowCount() > 0) {
                auto callback = std::move(done);
                done = {};
                // After this paint has been delivered.
                QTimer::singleShot(0, this, callback);
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

/// One measured start-up, in this (fresh) process. Returns the milliseconds on stdout.
int measureOnce(int argc, char *argv[], const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    QApplication app(argc, argv);
    // The default window and first page, not what a developer's own settings say.
    QStandardPaths::setTestModeEnabled(true);
    QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")).clear();

    App::AppContext context(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
    context.open();
    std::optional<Core::UserContext> user;
    for (const auto &u : context.users().list(Core::UserContext::operatingSystemUser())) {
        if (u.userName == BenchUser)
            user = Core::UserContext(u.id, u.userName, u.role);
    }
    if (!user)
        fail(QStringLiteral("%1 has no user %2").arg(path, BenchUser));
    App::LanguageManager languages;
    languages.apply(QStringLiteral("en"));
    App::Session session(context, languages, *user);
    App::MainWindow &window = session.window();
    if (window.currentPageId() != QLatin1String("customers"))
        fail(QStringLiteral("the first page is %1, not customers").arg(window.currentPageId()));
    const auto views = window.pageWidget(QStringLiteral("customers"))->findChildren<QAbstractItemView *>();
    if (views.isEmpty())
        fail(QStringLiteral("the customers page has no list"));
    FirstPaintWithRows watcher;
    double ms = -1;
    watcher.done = [&] {
        ms = double(timer.nsecsElapsed()) / 1e6;
        app.quit();
    };
    for (QAbstractItemView *view : views)
        view->viewport()->installEventFilter(&watcher);
    QTimer::singleShot(60000, &app, [] { fail(QStringLiteral("no customers shown within 60 s")); });
    window.show();
    app.exec();
    std::printf("%.1f\n", ms);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Encrypted demo fields need a key; a fixed one keeps the benchmark out of ~/.config.
    if (qEnvironmentVariableIsEmpty(Core::KeyStore::EnvironmentVariable))
        qputenv(Core::KeyStore::EnvironmentVariable, QByteArrayLiteral("YmVuY2gtc3RhcnR1cC1rZXktMDEyMzQ1Njc4OWFiY2Q="));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc == 3 && qstrcmp(argv[1], "--measure-once") == 0) {
        try {
            return measureOnce(argc, argv, QString::fromLocal8Bit(argv[2]));
        } catch (const Core::Error &e) {
            fail(e.message());
        }
    }

    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    qint64 customers = 1000000;
    int runs = 5;
    QString path;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--customers") && i + 1 < args.size())
            customers = args.at(++i).toLongLong();
        else if (args.at(i) == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args.at(++i).toInt());
        else
            path = args.at(i);
    }
    if (path.isEmpty())
        path = QDir::temp().filePath(QStringLiteral("utilitydesk-bench-%1.db").arg(customers));
    path = QFileInfo(path).absoluteFilePath();

    try {
        if (customerCount(path) < customers)
            prepare(path, customers);
    } catch (const Core::Error &e) {
        fail(e.message());
    }

    std::vector<double> startup;
    std::vector<double> baseline;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--measure-once"), path});
        if (!child.waitForFinished(120000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            fail(QStringLiteral("run %1 failed").arg(run + 1));
        bool ok = false;
        const double ms = QString::fromUtf8(child.readAllStandardOutput()).trimmed().toDouble(&ok);
        if (!ok || ms < 0)
            fail(QStringLiteral("run %1 printed no time").arg(run + 1));
        startup.push_back(ms);
        baseline.push_back(baselineMs(path));
        std::fprintf(stderr, "bench_startup: run %d: main window %.1f ms, sqlite3 first page %.1f ms\n", run + 1, ms,
                     baseline.back());
    }
    std::printf("startup_main_window_ms %.1f ms\n", median(startup));
    std::printf("baseline_sqlite_first_page_ms %.1f ms\n", median(baseline));
    return 0;
}
