#include "metercli.h"

#include "appcontext.h"

#include <core/transaction.h>
#include <core/usercontext.h>
#include <metering/meterdirectory.h>
#include <metering/metersyncworker.h>
#include <metering/readingeditor.h>
#include <metering/syncsourcesfile.h>
#include <metering/meterimporter.h>
#include <metering/readingstore.h>
#include <metering/reviewqueue.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTimeZone>

#include <csignal>
#include <unistd.h>

namespace Ud::App::Cli {

namespace {

using ImportOptions = Metering::ImportOptions;

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString isoUtc(qint64 secs)
{
    return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"))
                    : QString();
}

QString defaultQuarantine()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("quarantine"));
}

QDate dateOption(const Parsed &p, const QString &option)
{
    if (!p.has(option))
        return {};
    const QDate d = QDate::fromString(p.options.value(option), Qt::ISODate);
    if (!d.isValid()) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(option, p.options.value(option)));
    }
    return d;
}

QString qualityKey(Metering::Quality q)
{
    switch (q) {
    case Metering::Quality::Actual: return QStringLiteral("actual");
    case Metering::Quality::Estimated: return QStringLiteral("estimated");
    case Metering::Quality::Edited: return QStringLiteral("edited");
    case Metering::Quality::Missing: return QStringLiteral("missing");
    }
    return {};
}

/// The local time with its UTC offset, "2026-03-29T01:30:00+01:00" (Qt writes "Z" for UTC).
QString localStamp(qint64 utc, const QTimeZone &zone)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(utc, zone);
    const int offset = local.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + (offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
           + QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString statusWord(Metering::FileResult::Status s)
{
    switch (s) {
    case Metering::FileResult::Status::Imported: return Tr::tr("imported");
    case Metering::FileResult::Status::Rejected: return Tr::tr("rejected");
    case Metering::FileResult::Status::Cancelled: return Tr::tr("cancelled");
    }
    return {};
}

/// SIGTERM and SIGINT reach the event loop through a pipe, so the worker stops between
/// statements of a transaction rather than being cut off: the current file rolls back and
/// stays in the folder for the next start.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

ImportOptions importOptions(const Parsed &p)
{
    ImportOptions options;
    options.createMeters = p.has(QStringLiteral("--create-meters"));
    options.meterKey = p.options.value(QStringLiteral("--meter"));
    options.formatKey = p.options.value(QStringLiteral("--format"));
    options.quarantineDir = p.options.value(QStringLiteral("--quarantine"), defaultQuarantine());
    if (p.has(QStringLiteral("--time-zone"))) {
        const QString zone = p.options.value(QStringLiteral("--time-zone"));
        options.defaultZone = QTimeZone(zone.toUtf8());
        if (!options.defaultZone.isValid())
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("\"%1\" is not a time zone; write an IANA name such as Europe/London.").arg(zone));
    }
    return options;
}

} // namespace

QString meterHelpText()
{
    return Tr::tr("  import FILE|DIR... [--create-meters] [--meter SERIAL] [--time-zone ZONE] [--quarantine DIR]\n"
                  "         [--format KEY]                 import meter data (Green Button XML and CSV, NEM12, CSV layouts)\n"
                  "  meter-sync [--watch DIR...] [--source-config FILE] [--once] [--interval SECONDS] [--create-meters]\n"
                  "             [--time-zone ZONE]         run the meter-sync worker: import what arrives in drop folders\n"
                  "                                        and from Green Button Connect My Data sources (JSON FILE)\n"
                  "  meter list                            every meter channel as CSV with its first and last reading\n"
                  "  meter queue                           readings waiting for a meter the database does not know\n"
                  "  meter assign KEY METER                apply the readings queued under KEY to METER (a serial)\n"
                  "  meter edit METER TIME VALUE --reason TEXT [--channel import|export|reactive]\n"
                  "                                        correct one interval (TIME with its UTC offset, VALUE in Wh or L)\n"
                  "  usage METER [--from DATE] [--to DATE] [--daily] [--channel import|export|reactive]\n"
                  "                                        print a meter's readings or daily totals as CSV\n");
}

int runImport(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() < 2)
        throw usage(Tr::tr("Write: utilitydesk import FILE|DIR... (one or more files or folders)."));
    allowOnly(p, {QStringLiteral("--create-meters"), QStringLiteral("--meter"), QStringLiteral("--time-zone"),
                  QStringLiteral("--quarantine"), QStringLiteral("--format")});
    Metering::ImportOptions options = importOptions(p);
    options.source = QStringLiteral("cli");
    AppContext context(databaseUrl(p));
    context.open();
    Metering::MeterImporter importer(context.context());
    int lastPercent = -1;
    const auto summary = importer.importPaths(
        Core::UserContext::operatingSystemUser(), p.words.mid(1), options,
        [&](const QString &path, qint64 done, qint64 total) {
            const int percent = total > 0 ? int(done * 100 / total) : 100;
            if (percent != lastPercent) {
                lastPercent = percent;
                err << Tr::tr("Importing %1: %2%").arg(QDir::toNativeSeparators(path)).arg(percent) << '\r';
                err.flush();
            }
            return true;
        });
    if (lastPercent >= 0)
        err << Qt::endl;

    QStringList unknownKeys, created;
    for (const auto &f : summary.files) {
        for (const QString &k : f.unknownKeys)
            if (!unknownKeys.contains(k))
                unknownKeys << k;
        created += f.createdMeters;
    }
    out << Tr::tr("Files: %1, %2")
               .arg(Tr::tr("%n imported", nullptr, int(summary.files.size() - summary.rejected())),
                    Tr::tr("%n rejected", nullptr, summary.rejected()))
        << Qt::endl;
    out << Tr::tr("Readings: %1").arg(summary.readings()) << Qt::endl;
    out << Tr::tr("Meters: %1").arg(summary.meters()) << Qt::endl;
    out << Tr::tr("Estimated: %1").arg(summary.estimated()) << Qt::endl;
    out << Tr::tr("Unknown meters: %1 (%n readings wait in the review queue)", nullptr, int(summary.unknown()))
               .arg(unknownKeys.size())
        << Qt::endl;
    for (const QString &k : std::as_const(unknownKeys))
        out << Tr::tr("  unknown meter %1: map it with \"utilitydesk meter assign %1 SERIAL\"").arg(k) << Qt::endl;
    for (const QString &s : std::as_const(created))
        out << Tr::tr("  created meter %1").arg(s) << Qt::endl;
    for (const auto &f : summary.files) {
        if (f.status != Metering::FileResult::Status::Rejected)
            continue;
        err << QStringLiteral("utilitydesk: ") << f.message << Qt::endl;
        if (!f.quarantinePath.isEmpty())
            err << Tr::tr("  moved to %1 (the reason is in %1.reason)").arg(QDir::toNativeSeparators(f.quarantinePath))
                << Qt::endl;
    }
    return summary.rejected() > 0 ? 1 : 0;
}

int runMeter(const Parsed &p, QTextStream &out)
{
    const QString sub = p.words.value(1);
    if (sub == QLatin1String("edit") && p.words.size() == 5) {
        allowOnly(p, {QStringLiteral("--reason"), QStringLiteral("--channel")});
        Metering::ReadingEditor::Edit edit;
        edit.meter = p.words.at(2);
        const QString kindText = p.options.value(QStringLiteral("--channel"), QStringLiteral("import"));
        const auto kind = Accounts::channelKindFromKey(kindText);
        if (!kind)
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("\"%1\" is not a channel; use import, export or reactive.").arg(kindText));
        edit.kind = *kind;
        const QDateTime at = QDateTime::fromString(p.words.at(3), Qt::ISODate);
        if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("\"%1\" is not a time with its UTC offset; write e.g. 2024-03-31T02:00:00+01:00.")
                                  .arg(p.words.at(3)));
        edit.startUtc = at.toSecsSinceEpoch();
        bool ok = false;
        edit.value = p.words.at(4).toLongLong(&ok);
        if (!ok)
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("\"%1\" is not a whole number of the meter's unit (Wh or L).").arg(p.words.at(4)));
        edit.reason = p.options.value(QStringLiteral("--reason"));
        AppContext context(databaseUrl(p));
        context.open();
        const auto stored = Metering::ReadingEditor(context.context()).edit(Core::UserContext::operatingSystemUser(), edit);
        out << Tr::tr("Meter %1 at %2 now reads %3 (edited).").arg(Metering::MeterDirectory::normalizedKey(edit.meter),
                                                                   p.words.at(3)).arg(stored.value)
            << Qt::endl;
        return 0;
    }
    allowOnly(p, {});
    if (sub == QLatin1String("list") && p.words.size() == 2) {
        AppContext context(databaseUrl(p));
        context.open();
        Core::UserContext::operatingSystemUser().require(Core::Permission::ViewCustomers);
        const auto meters = Core::readOnly(context.database(), [&] {
            return Metering::MeterDirectory(context.database()).list();
        });
        out << "meter_id,serial,service_point,commodity,channel,unit,interval_minutes,time_zone,first_reading,"
               "last_reading,reading_count,estimated_count" << Qt::endl;
        for (const auto &m : meters) {
            out << m.meterId << ',' << csv(m.serial) << ',' << csv(m.servicePoint) << ','
                << Accounts::commodityKey(m.commodity) << ',' << Accounts::channelKindKey(m.kind) << ','
                << Accounts::channelUnitKey(m.unit) << ',' << m.intervalMinutes << ',' << csv(m.timeZone) << ','
                << isoUtc(m.firstUtc) << ',' << isoUtc(m.lastUtc) << ',' << m.presentCount << ','
                << m.estimatedCount << Qt::endl;
        }
        return 0;
    }
    if (sub == QLatin1String("queue") && p.words.size() == 2) {
        AppContext context(databaseUrl(p));
        context.open();
        Core::UserContext::operatingSystemUser().require(Core::Permission::ImportMeterData);
        const auto entries = Core::readOnly(context.database(), [&] {
            return Metering::ReviewQueue(context.database()).entries();
        });
        out << "meter_key,alt_key,commodity,channel,readings,first_reading,last_reading,files,last_file" << Qt::endl;
        for (const auto &e : entries) {
            out << csv(e.meterKey) << ',' << csv(e.altKey) << ',' << Accounts::commodityKey(e.commodity) << ','
                << Accounts::channelKindKey(e.kind) << ',' << e.readings << ',' << isoUtc(e.firstUtc) << ','
                << isoUtc(e.lastUtc) << ',' << e.files << ',' << csv(e.lastFile) << Qt::endl;
        }
        return 0;
    }
    if (sub == QLatin1String("assign") && p.words.size() == 4) {
        AppContext context(databaseUrl(p));
        context.open();
        Metering::MeterImporter importer(context.context());
        const qint64 applied = importer.assignQueued(Core::UserContext::operatingSystemUser(), p.words.at(2), p.words.at(3));
        out << Tr::tr("Applied %n readings queued under %1 to meter %2; later files naming %1 go to it directly.", nullptr,
                      int(applied))
                   .arg(Metering::MeterDirectory::normalizedKey(p.words.at(2)), Metering::MeterDirectory::normalizedKey(p.words.at(3)))
            << Qt::endl;
        return 0;
    }
    throw usage(Tr::tr("Write: utilitydesk meter list, meter queue, meter assign KEY METER, or meter edit METER TIME "
                       "VALUE --reason TEXT."));
}

int runMeterSync(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("Write: utilitydesk meter-sync --watch DIR [--watch DIR...] [--once]."));
    allowOnly(p, {QStringLiteral("--watch"), QStringLiteral("--once"), QStringLiteral("--interval"),
                  QStringLiteral("--create-meters"), QStringLiteral("--time-zone"), QStringLiteral("--meter"),
                  QStringLiteral("--source-config")});
    Metering::MeterSyncConfig config;
    config.watchDirs = p.lists.value(QStringLiteral("--watch"));
    if (p.has(QStringLiteral("--source-config")))
        config.remotes = Metering::SyncSourcesFile::read(p.options.value(QStringLiteral("--source-config")));
    if (config.watchDirs.isEmpty() && config.remotes.isEmpty())
        throw usage(Tr::tr("\"meter-sync\" needs at least one --watch DIR or a --source-config FILE."));
    if (p.has(QStringLiteral("--once")) && !config.remotes.isEmpty())
        throw usage(Tr::tr("--once scans drop folders only; run without it to poll the sources of --source-config."));
    for (const QString &dir : std::as_const(config.watchDirs)) {
        const QFileInfo info(dir);
        if (!info.isDir() || !info.isWritable())
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The drop folder %1 does not exist or cannot be written to.").arg(dir));
    }
    config.pollSeconds = int(number(p, QStringLiteral("--interval"), config.pollSeconds, 1, 86400));
    config.import = importOptions(p);
    AppContext context(databaseUrl(p));
    context.open();
    Metering::MeterSyncWorker worker(context.context(), Core::UserContext::operatingSystemUser(), config);
    QObject::connect(&worker, &Metering::MeterSyncWorker::fileFinished, &worker, [&](const Metering::FileResult &r) {
        out << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << ' ' << statusWord(r.status) << ' '
            << QDir::toNativeSeparators(r.path);
        if (r.status == Metering::FileResult::Status::Imported)
            out << ' ' << Tr::tr("(%n readings, %1 new, %2 estimated, %3 for unknown meters)", nullptr, int(r.readings))
                              .arg(r.inserted).arg(r.estimated).arg(r.unknown);
        out << Qt::endl;
        if (r.status == Metering::FileResult::Status::Rejected)
            err << QStringLiteral("utilitydesk: ") << r.message << Qt::endl;
    });
    if (p.has(QStringLiteral("--once"))) {
        const auto summary = worker.scanNow();
        return summary.rejected() > 0 ? 1 : 0;
    }

    if (::pipe(signalPipe) != 0)
        throw Core::Error(Core::Error::Kind::Database, Tr::tr("The worker could not set up its stop signal."));
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &worker, [&] {
        char byte;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        worker.stop();
        QCoreApplication::quit();
    });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    if (!config.watchDirs.isEmpty())
        err << Tr::tr("Watching %1 every %2 s; stop with Ctrl+C or SIGTERM.")
                   .arg(config.watchDirs.join(QStringLiteral(", ")))
                   .arg(config.pollSeconds)
            << Qt::endl;
    for (const auto &remote : std::as_const(config.remotes))
        err << Tr::tr("Polling %1 (%n resource(s)) every %2 s.", nullptr, int(remote.resources.size()))
                   .arg(remote.baseUrl.toDisplayString())
                   .arg(remote.schedule.pollInterval.count())
            << Qt::endl;
    QMetaObject::invokeMethod(&worker, &Metering::MeterSyncWorker::start, Qt::QueuedConnection);
    QCoreApplication::exec();
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_DFL);
    err << Tr::tr("Meter sync stopped.") << Qt::endl;
    return 0;
}

int runUsage(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("Write: utilitydesk usage METER [--from DATE] [--to DATE] [--daily]."));
    allowOnly(p, {QStringLiteral("--from"), QStringLiteral("--to"), QStringLiteral("--daily"), QStringLiteral("--channel")});
    const QString kindText = p.options.value(QStringLiteral("--channel"), QStringLiteral("import"));
    const auto kind = Accounts::channelKindFromKey(kindText);
    if (!kind)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("\"%1\" is not a channel; use import, export or reactive.").arg(kindText));
    QDate from = dateOption(p, QStringLiteral("--from"));
    QDate to = dateOption(p, QStringLiteral("--to"));
    AppContext context(databaseUrl(p));
    context.open();
    Core::UserContext::operatingSystemUser().require(Core::Permission::ViewCustomers);
    Core::Database &db = context.database();
    Core::Transaction tx(db, Core::Transaction::Mode::Read);
    Metering::MeterDirectory directory(db);
    const auto meter = directory.meter(p.words.at(1));
    if (!meter)
        throw Core::Error(Core::Error::Kind::NotFound, Tr::tr("There is no meter %1.").arg(p.words.at(1)));
    const auto binding = directory.find(meter->serial, {}, *kind);
    if (!binding)
        throw Core::Error(Core::Error::Kind::NotFound,
                          Tr::tr("Meter %1 has no %2 channel.").arg(meter->serial, Accounts::channelKindName(*kind)));
    const QTimeZone zone = binding->zone.isValid() ? binding->zone : QTimeZone::utc();
    Metering::ReadingStore store(db);
    const auto stats = store.stats(binding->channelId);
    if (!from.isValid())
        from = stats ? QDateTime::fromSecsSinceEpoch(stats->firstUtc, zone).date() : QDate::currentDate();
    if (!to.isValid())
        to = stats ? QDateTime::fromSecsSinceEpoch(stats->lastUtc, zone).date() : from;
    if (to < from)
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("--to must not be before --from."));
    const QString unit = Accounts::channelUnitKey(binding->unit);
    if (p.has(QStringLiteral("--daily"))) {
        out << "date,total,unit,readings,expected,estimated" << Qt::endl;
        for (const auto &d : store.dailyTotals(binding->channelId, from, to)) {
            out << d.day.toString(Qt::ISODate) << ',' << d.total << ',' << unit << ',' << d.presentCount << ','
                << d.readingCount << ',' << d.estimatedCount << Qt::endl;
        }
    } else {
        out << "timestamp,value,unit,quality" << Qt::endl;
        const qint64 fromUtc = from.startOfDay(zone).toSecsSinceEpoch();
        const qint64 toUtc = to.addDays(1).startOfDay(zone).toSecsSinceEpoch();
        for (const auto &r : store.read(binding->channelId, zone, fromUtc, toUtc))
            out << localStamp(r.startUtc, zone) << ',' << r.value << ',' << unit << ',' << qualityKey(r.quality) << '\n';
        out.flush();
    }
    tx.commit();
    return 0;
}

} // namespace Ud::App::Cli
