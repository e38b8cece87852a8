#include "meterimporter.h"

#include "channelpreparer.h"
#include "meterdirectory.h"
#include "readingstore.h"
#include "reviewqueue.h"

#include <core/auditlog.h>
#include <core/database.h>
#include <core/error.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace Ud::Metering {

using Core::Error;
using Core::SqlQuery;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::MeterImporter)
};

constexpr qint64 HeadBytes = 64 * 1024;

QString statusKey(FileResult::Status s)
{
    switch (s) {
    case FileResult::Status::Imported: return QStringLiteral("imported");
    case FileResult::Status::Rejected: return QStringLiteral("rejected");
    case FileResult::Status::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

/// Everything one file's import holds while it runs: the bindings it resolved, the readings
/// waiting to be validated and stored, and the counts for its result.
class FileImport
{
public:
    FileImport(Core::Context &context, const Core::UserContext &user, const ImportOptions &options,
               const QString &fileId, const QString &path, const QString &format, FileResult &result)
        : m_context(context), m_user(user), m_options(options), m_fileId(fileId), m_path(path),
          m_fileName(QFileInfo(path).fileName()),
          m_format(format), m_result(result), m_directory(context.database), m_queue(context.database),
          m_store(context.database, context.clock), m_preparer(context.database, context.clock)
    {
    }

    void accept(ChannelSeries &&series)
    {
        m_result.readings += std::count_if(series.readings.cbegin(), series.readings.cend(),
                                           [](const SourceReading &r) { return r.quality != Quality::Missing; });
        const auto binding = bind(series);
        if (series.readings.isEmpty() && !binding)
            return; // a usage summary with no readings, for a meter we do not know
        if (!binding) {
            m_result.unknown += series.readings.size();
            const QString key = MeterDirectory::normalizedKey(series.meterKey);
            if (!m_result.unknownKeys.contains(key))
                m_result.unknownKeys << key;
            m_queue.enqueue(series, m_fileId, m_fileName, m_format, m_context.clock.nowSecs());
            return;
        }
        Pending &pending = m_pending[binding->channelId];
        if (pending.readings.isEmpty()) {
            // The description is the latest series'; register reads and totals gathered so far
            // (a usage summary may come before its readings) are kept, and the series' own are
            // added below, once.
            QList<RegisterRead> reads = std::move(pending.meta.registerReads);
            QList<PeriodTotal> totals = std::move(pending.meta.periodTotals);
            pending.binding = *binding;
            pending.meta = series;
            pending.meta.readings.clear();
            pending.meta.registerReads = std::move(reads);
            pending.meta.periodTotals = std::move(totals);
        }
        pending.meta.registerReads += series.registerReads;
        pending.meta.periodTotals += series.periodTotals;
        m_buffered += series.readings.size();
        pending.readings += std::move(series.readings);
        m_meters.insert(binding->meterId);
        if (m_buffered >= MeterImporter::FlushReadings)
            flush();
    }

    void flush()
    {
        QList<ReadingStore::ChannelWrite> writes;
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            Pending &p = it.value();
            if (p.readings.isEmpty())
                continue;
            p.meta.readings = std::move(p.readings);
            p.readings = {};
            PreparedChannel prepared = m_preparer.prepare(p.binding, p.meta, m_path);
            p.meta.readings = {}; // the prepared copy is what goes on; keep memory to one batch
            m_result.estimated += prepared.estimated;
            m_result.flagged += prepared.findings.size();
            m_preparer.recordFindings(p.binding.channelId, m_fileId, prepared.findings);
            writes << std::move(prepared.write);
            p.meta.registerReads.clear();
            p.meta.periodTotals.clear();
        }
        m_buffered = 0;
        if (writes.isEmpty())
            return;
        const auto written = m_store.write(writes, m_fileName);
        m_result.inserted += written.inserted;
        m_result.updated += written.updated;
        m_result.unchanged += written.unchanged;
    }

    int meterCount() const { return int(m_meters.size()); }

private:
    struct Pending {
        ChannelBinding binding;
        ChannelSeries meta;   ///< the series' description; readings travel in `readings`
        QList<SourceReading> readings;
    };

    std::optional<ChannelBinding> bind(const ChannelSeries &series)
    {
        const QString cacheKey = series.meterKey + QChar(0x1f) + series.altKey + QChar(0x1f)
                                 + QString::number(int(series.kind));
        const auto cached = m_bindings.constFind(cacheKey);
        if (cached != m_bindings.cend())
            return *cached;
        QString meterId;
        std::optional<ChannelBinding> binding = m_directory.find(series.meterKey, series.altKey, series.kind, &meterId);
        if (!binding && m_options.createMeters)
            binding = create(series, meterId);
        m_bindings.insert(cacheKey, binding);
        return binding;
    }

    /// A meter (or channel) for a key the database does not know, as the file describes it.
    std::optional<ChannelBinding> create(const ChannelSeries &series, const QString &existingMeterId)
    {
        if (!existingMeterId.isEmpty())
            return m_directory.addChannel(existingMeterId, series.kind, series.unit);
        const QString serial = MeterDirectory::normalizedKey(series.meterKey.isEmpty() ? series.altKey : series.meterKey);
        const int minutes = ChannelPreparer::intervalMinutesOf(series, m_path);
        QString zone = series.timeZoneHint;
        if (zone.isEmpty() || !QTimeZone(zone.toUtf8()).isValid())
            zone = QString::fromUtf8(m_options.defaultZone.id());
        ChannelBinding b = m_directory.createMeter(serial, series.commodity, series.kind, series.unit, minutes, zone);
        if (!series.altKey.isEmpty() && MeterDirectory::normalizedKey(series.altKey) != serial)
            m_directory.addAlias(series.altKey, b.meterId, m_context.clock.nowSecs(), m_user.userName());
        m_result.createdMeters << serial;
        return b;
    }

    Core::Context &m_context;
    const Core::UserContext &m_user;
    const ImportOptions &m_options;
    QString m_fileId;
    QString m_path;     ///< for messages
    QString m_fileName; ///< for the revision history and the review queue
    QString m_format;
    FileResult &m_result;
    MeterDirectory m_directory;
    ReviewQueue m_queue;
    ReadingStore m_store;
    ChannelPreparer m_preparer;
    QHash<QString, std::optional<ChannelBinding>> m_bindings;
    QHash<QString, Pending> m_pending;
    qsizetype m_buffered = 0;
    QSet<QString> m_meters;
};
} // namespace

int ImportSummary::rejected() const
{
    return int(std::count_if(files.cbegin(), files.cend(),
                             [](const FileResult &f) { return f.status == FileResult::Status::Rejected; }));
}

namespace {
/// The sum of one count over the files that were imported.
template<typename Count>
Count importedSum(const QList<FileResult> &files, Count FileResult::*count)
{
    Count n = 0;
    for (const FileResult &f : files)
        n += f.status == FileResult::Status::Imported ? f.*count : 0;
    return n;
}
} // namespace

qint64 ImportSummary::readings() const { return importedSum(files, &FileResult::readings); }
qint64 ImportSummary::estimated() const { return importedSum(files, &FileResult::estimated); }
qint64 ImportSummary::unknown() const { return importedSum(files, &FileResult::unknown); }
int ImportSummary::meters() const { return importedSum(files, &FileResult::meters); }

MeterImporter::MeterImporter(Core::Context &context) : MeterImporter(context, ReadingFormats::standard()) {}

MeterImporter::MeterImporter(Core::Context &context, ReadingFormats formats)
    : m_context(context), m_formats(std::move(formats))
{
}

MeterImporter::~MeterImporter() = default;

ImportSummary MeterImporter::importPaths(const Core::UserContext &user, const QStringList &paths,
                                         const ImportOptions &options, const Progress &progress)
{
    user.require(Core::Permission::ImportMeterData);
    if (options.quarantineDir.isEmpty())
        throw Error(Error::Kind::Usage, Tr::tr("No quarantine folder was given for rejected files."));
    if (!options.formatKey.isEmpty() && !m_formats.byKey(options.formatKey))
        throw Error(Error::Kind::Usage, Tr::tr("There is no format \"%1\"; the formats are %2.")
                                            .arg(options.formatKey, formatKeys().join(QStringLiteral(", "))));
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList(QDir::Files | QDir::Readable, QDir::Name)) {
                if (!name.endsWith(QLatin1String(".part")) && !name.endsWith(QLatin1String(".reason")))
                    files << dir.filePath(name);
            }
        } else if (info.isFile()) {
            files << path;
        } else {
            throw Error(Error::Kind::BadInput, Tr::tr("%1 does not exist or is not a file or folder.").arg(path));
        }
    }

    ImportSummary summary;
    summary.runId = Core::newId();
    const qint64 startedAt = m_context.clock.nowSecs();
    {
        Core::Transaction tx(m_context.database);
        SqlQuery(tx.connection(), QStringLiteral(
            "INSERT INTO meter_import_runs (id, source, actor, started_at, status) VALUES (:id, :s, :a, :t, 'running')"))
            .bind(QStringLiteral(":id"), summary.runId)
            .bind(QStringLiteral(":s"), options.source)
            .bind(QStringLiteral(":a"), user.userName())
            .bind(QStringLiteral(":t"), startedAt)
            .exec();
        tx.commit();
    }
    bool cancelled = false;
    for (const QString &file : std::as_const(files)) {
        FileResult result = importFile(user, file, summary.runId, options, progress);
        cancelled = result.status == FileResult::Status::Cancelled;
        summary.files << result;
        if (cancelled)
            break;
    }
    Core::Transaction tx(m_context.database);
    SqlQuery(tx.connection(), QStringLiteral(
        "UPDATE meter_import_runs SET finished_at = :t, files = :f, readings = :r, rejected = :x, status = :s "
        "WHERE id = :id"))
        .bind(QStringLiteral(":t"), m_context.clock.nowSecs())
        .bind(QStringLiteral(":f"), summary.files.size())
        .bind(QStringLiteral(":r"), summary.readings())
        .bind(QStringLiteral(":x"), summary.rejected())
        .bind(QStringLiteral(":s"), cancelled ? QStringLiteral("cancelled") : QStringLiteral("finished"))
        .bind(QStringLiteral(":id"), summary.runId)
        .exec();
    tx.commit();
    return summary;
}

FileResult MeterImporter::importFile(const Core::UserContext &user, const QString &path, const QString &runId,
                                     const ImportOptions &options, const Progress &progress)
{
    FileResult result;
    result.path = path;
    const QString fileId = Core::newId();
    const qint64 startedAt = m_context.clock.nowSecs();
    const QString fileName = QFileInfo(path).fileName();
    QFile file(path);
    qint64 size = 0;
    try {
        if (!file.open(QIODevice::ReadOnly))
            throw ImportError(path, {}, Tr::tr("the file cannot be read (%1).").arg(file.errorString()));
        size = file.size();
        const QByteArray head = file.peek(HeadBytes);
        ReadingParser *parser = options.formatKey.isEmpty() ? m_formats.detect(head) : m_formats.byKey(options.formatKey);
        if (!parser) {
            throw ImportError(path, {}, Tr::tr("the file is in none of the formats UtilityDesk reads (tried: %1).")
                                            .arg(m_formats.displayNames().join(QStringLiteral(", "))));
        }
        result.format = parser->displayName();

        Core::BulkWriteScope bulk(m_context.database);
        Core::Transaction tx(m_context.database);
        FileImport import(m_context, user, options, fileId, path, parser->key(), result);
        MeterDirectory directory(m_context.database);
        ParseContext context;
        context.fileName = path;
        context.meterKey = options.meterKey;
        context.zoneOf = [&](const QString &key, const QString &alt) {
            QString meterId;
            for (auto kind : {Accounts::ChannelKind::Import, Accounts::ChannelKind::Export}) {
                if (auto b = directory.find(key, alt, kind, &meterId); b && b->zone.isValid())
                    return b->zone;
            }
            return options.defaultZone;
        };
        qint64 sinceCheck = 0;
        parser->parse(file, context, [&](ChannelSeries &&series) {
            sinceCheck += series.readings.size();
            if (progress && sinceCheck >= 65536) {
                sinceCheck = 0;
                if (!progress(path, file.pos(), size))
                    throw ImportCancelled();
            }
            import.accept(std::move(series));
        });
        import.flush();
        result.meters = import.meterCount();
        if (progress && !progress(path, size, size))
            throw ImportCancelled();

        QJsonObject after{{QStringLiteral("file"), path},
                          {QStringLiteral("format"), parser->key()},
                          {QStringLiteral("readings"), result.readings},
                          {QStringLiteral("inserted"), result.inserted},
                          {QStringLiteral("updated"), result.updated},
                          {QStringLiteral("estimated"), result.estimated},
                          {QStringLiteral("unknown"), result.unknown}};
        if (!result.createdMeters.isEmpty())
            after.insert(QStringLiteral("created_meters"), QJsonArray::fromStringList(result.createdMeters));
        logFile(runId, result, fileId, size, startedAt);
        m_context.audit.record(user, QStringLiteral("meter_data.import"), QStringLiteral("meter_import_file"), fileId,
                               {}, after);
        tx.commit();
        return result;
    } catch (const ImportCancelled &) {
        const QString format = result.format;
        result = FileResult();
        result.path = path;
        result.format = format;
        result.status = FileResult::Status::Cancelled;
        result.message = Tr::tr("The import of %1 was cancelled; nothing of it was stored.").arg(path);
    } catch (const Error &e) {
        const QString format = result.format;
        result = FileResult();
        result.path = path;
        result.format = format;
        result.status = FileResult::Status::Rejected;
        result.message = e.message();
        if (e.kind() == Error::Kind::Database) {
            // The file may be fine: the database failed. Leave it where it is for the next run.
            result.message = Tr::tr("%1 was not imported because the database failed: %2").arg(path, e.message());
        } else {
            file.close();
            result.quarantinePath = quarantine(path, options.quarantineDir, e.message(), format);
        }
    }
    Core::Transaction tx(m_context.database);
    logFile(runId, result, fileId, size, startedAt);
    tx.commit();
    return result;
}

QString MeterImporter::quarantine(const QString &path, const QString &dir, const QString &reason, const QString &format)
{
    QDir().mkpath(dir);
    const QFileInfo info(path);
    QString target = QDir(dir).filePath(info.fileName());
    for (int n = 1; QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral(".reason")); ++n)
        target = QDir(dir).filePath(QStringLiteral("%1-%2%3").arg(info.completeBaseName()).arg(n)
                                        .arg(info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix()));
    // rename() fails across file systems; copy and remove then, and keep the original if even
    // that fails, so a rejected file is never lost.
    if (!QFile::rename(path, target)) {
        if (!QFile::copy(path, target))
            return {};
        QFile::remove(path);
    }
    QSaveFile note(target + QStringLiteral(".reason"));
    if (note.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QString text = reason + QLatin1Char('\n');
        text += Tr::tr("Original location: %1").arg(path) + QLatin1Char('\n');
        if (!format.isEmpty())
            text += Tr::tr("Format: %1").arg(format) + QLatin1Char('\n');
        text += Tr::tr("Rejected at: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) + QLatin1Char('\n');
        note.write(text.toUtf8());
        note.commit();
    }
    return target;
}

void MeterImporter::logFile(const QString &runId, const FileResult &r, const QString &fileId, qint64 size,
                            qint64 startedAt)
{
    SqlQuery(m_context.database.connection(), QStringLiteral(
        "INSERT INTO meter_import_files (id, run_id, path, format, size_bytes, status, readings, inserted, updated, "
        "unchanged, estimated, flagged, unknown, meters, message, quarantine_path, started_at, finished_at) VALUES "
        "(:id, :run, :path, :fmt, :size, :st, :n, :ins, :upd, :same, :est, :flag, :unk, :m, :msg, :q, :s, :f)"))
        .bind(QStringLiteral(":id"), fileId)
        .bind(QStringLiteral(":run"), runId)
        .bind(QStringLiteral(":path"), r.path)
        .bind(QStringLiteral(":fmt"), r.format.isNull() ? QStringLiteral("") : r.format)
        .bind(QStringLiteral(":size"), size)
        .bind(QStringLiteral(":st"), statusKey(r.status))
        .bind(QStringLiteral(":n"), r.readings)
        .bind(QStringLiteral(":ins"), r.inserted)
        .bind(QStringLiteral(":upd"), r.updated)
        .bind(QStringLiteral(":same"), r.unchanged)
        .bind(QStringLiteral(":est"), r.estimated)
        .bind(QStringLiteral(":flag"), r.flagged)
        .bind(QStringLiteral(":unk"), r.unknown)
        .bind(QStringLiteral(":m"), r.meters)
        .bind(QStringLiteral(":msg"), r.message.isNull() ? QStringLiteral("") : r.message)
        .bind(QStringLiteral(":q"), r.quarantinePath.isNull() ? QStringLiteral("") : r.quarantinePath)
        .bind(QStringLiteral(":s"), startedAt)
        .bind(QStringLiteral(":f"), m_context.clock.nowSecs())
        .exec();
}

QStringList MeterImporter::formatKeys() const
{
    return m_formats.keys();
}

qint64 MeterImporter::assignQueued(const Core::UserContext &user, const QString &key, const QString &meterIdOrSerial)
{
    user.require(Core::Permission::ImportMeterData);
    Core::Transaction tx(m_context.database);
    MeterDirectory directory(m_context.database);
    ReviewQueue queue(m_context.database);
    const auto meter = directory.meter(meterIdOrSerial);
    if (!meter)
        throw Error(Error::Kind::NotFound, Tr::tr("There is no meter %1.").arg(meterIdOrSerial));
    const QList<ReviewQueue::Queued> items = queue.queued(key);
    if (items.isEmpty())
        throw Error(Error::Kind::NotFound, Tr::tr("No readings are waiting under the meter name %1.").arg(key));
    ReadingStore store(m_context.database, m_context.clock);
    ChannelPreparer preparer(m_context.database, m_context.clock);
    QStringList done;
    qint64 applied = 0;
    for (const ReviewQueue::Queued &item : items) {
        QString meterId;
        auto binding = directory.find(meter->serial, {}, item.series.kind, &meterId);
        if (!binding) {
            throw Error(Error::Kind::BadInput,
                        Tr::tr("Meter %1 has no %2 channel for the readings queued under %3.")
                            .arg(meter->serial, Accounts::channelKindName(item.series.kind), key));
        }
        PreparedChannel prepared = preparer.prepare(*binding, item.series, item.fileName);
        preparer.recordFindings(binding->channelId, {}, prepared.findings);
        store.write({prepared.write}, item.fileName);
        applied += prepared.write.readings.size();
        done << item.id;
    }
    directory.addAlias(key, meter->id, m_context.clock.nowSecs(), user.userName());
    queue.remove(done);
    m_context.audit.record(user, QStringLiteral("meter_data.assign"), QStringLiteral("meter"), meter->id, {},
                           QJsonObject{{QStringLiteral("key"), MeterDirectory::normalizedKey(key)},
                                       {QStringLiteral("readings"), applied}});
    tx.commit();
    return applied;
}

} // namespace Ud::Metering
