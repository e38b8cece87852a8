#include "meteringfixture.h"
#include "testformat.h"

#include <core/sqlquery.h>
#include <core/transaction.h>
#include <metering/meterdirectory.h>
#include <metering/meterimporter.h>
#include <metering/readingstore.h>
#include <metering/reviewqueue.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;
using Accounts::ChannelKind;
using Core::SqlQuery;
using Metering::FileResult;
using Metering::ImportOptions;
using Metering::MeterImporter;
using Metering::Quality;
using Test::MeteringFixture;
using Test::testFormats;

namespace {

/// 48 half-hour readings of `key` on 2024-03-10 (a London winter day: UTC), value = 100 + slot.
QByteArray dayOfReadings(const QString &key, int duration = 1800, int count = 48, qint64 base = 100)
{
    QByteArray text = "UDTEST\n";
    const qint64 start = QDateTime(QDate(2024, 3, 10), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    for (int i = 0; i < count; ++i) {
        text += QStringLiteral("%1,import,%2,%3,%4,A\n")
                    .arg(key, QDateTime::fromSecsSinceEpoch(start + qint64(i) * duration, QTimeZone::utc()).toString(Qt::ISODate))
                    .arg(duration)
                    .arg(base + i)
                    .toLatin1();
    }
    return text;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

qint64 countRows(Core::Database &db, const QString &table)
{
    return SqlQuery(db.connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table).scalar(0).toLongLong();
}

ImportOptions optionsIn(const QTemporaryDir &dir)
{
    ImportOptions o;
    o.quarantineDir = dir.filePath(QStringLiteral("quarantine"));
    o.defaultZone = QTimeZone(QByteArrayLiteral("America/New_York"));
    return o;
}

} // namespace

class TestMeterImporter : public QObject
{
    Q_OBJECT

private slots:
    void importsAndSummarises_data() { Test::addBackendRows(); }
    void importsAndSummarises()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("day.txt"), dayOfReadings(QStringLiteral("m-1")));
        MeterImporter importer(f.context, testFormats());
        const auto summary = importer.importPaths(f.supervisor(), {path}, optionsIn(dir));
        QCOMPARE(summary.files.size(), 1);
        const FileResult &r = summary.files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.format, QStringLiteral("UD test"));
        QCOMPARE(r.readings, 48);
        QCOMPARE(r.inserted, 48);
        QCOMPARE(r.meters, 1);
        QVERIFY(QFile::exists(path)); // imported files stay where they are

        Metering::ReadingStore store(tdb.db());
        const auto days = store.dailyTotals(f.channelOf(meter), QDate(2024, 3, 10), QDate(2024, 3, 10));
        QCOMPARE(days.size(), 1);
        QCOMPARE(days.constFirst().total, qint64(48 * 100 + 47 * 48 / 2));
        QCOMPARE(days.constFirst().presentCount, 48);
        QCOMPARE(store.monthTotal(f.channelOf(meter), QStringLiteral("2024-03")), qint64(48 * 100 + 47 * 48 / 2));
        const auto stats = store.stats(f.channelOf(meter));
        QVERIFY(stats);
        QCOMPARE(stats->presentCount, 48);
        QCOMPARE(stats->firstUtc, QDateTime(QDate(2024, 3, 10), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
        QCOMPARE(stats->lastUtc, QDateTime(QDate(2024, 3, 10), QTime(23, 30), QTimeZone::utc()).toSecsSinceEpoch());

        SqlQuery log(tdb.db().connection(), QStringLiteral("SELECT status, readings, inserted, format FROM meter_import_files"));
        log.exec();
        QVERIFY(log.next());
        QCOMPARE(log.value(0).toString(), QStringLiteral("imported"));
        QCOMPARE(log.value(1).toLongLong(), 48);
        QCOMPARE(log.value(3).toString(), QStringLiteral("UD test"));
        SqlQuery run(tdb.db().connection(), QStringLiteral("SELECT status, files, readings, rejected FROM meter_import_runs"));
        run.exec();
        QVERIFY(run.next());
        QCOMPARE(run.value(0).toString(), QStringLiteral("finished"));
        QCOMPARE(run.value(2).toLongLong(), 48);
        SqlQuery audit(tdb.db().connection(), QStringLiteral(
            "SELECT actor FROM audit_log WHERE action = 'meter_data.import'"));
        QCOMPARE(audit.scalar().toString(), QStringLiteral("carol"));
    }

    void reimportChangesNothing_data() { Test::addBackendRows(); }
    void reimportChangesNothing()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("day.txt"), dayOfReadings(QStringLiteral("M-1")));
        MeterImporter importer(f.context, testFormats());
        importer.importPaths(f.supervisor(), {path}, optionsIn(dir));
        const auto again = importer.importPaths(f.supervisor(), {path}, optionsIn(dir)).files.constFirst();
        QVERIFY2(again.status == FileResult::Status::Imported, qPrintable(again.message));
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 48);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_revisions")), 0);

        // An overlapping file with other values replaces them and keeps the old ones.
        const QString other = writeFile(dir, QStringLiteral("other.txt"), dayOfReadings(QStringLiteral("M-1"), 1800, 48, 500));
        const auto changed = importer.importPaths(f.supervisor(), {other}, optionsIn(dir)).files.constFirst();
        QCOMPARE(changed.updated, 48);
        Metering::ReadingStore store(tdb.db());
        const auto revisions = store.revisions(f.channelOf(meter), QDate(2024, 3, 10));
        QCOMPARE(revisions.size(), 48);
        QCOMPARE(revisions.constFirst().oldValue, 100);
        QCOMPARE(revisions.constFirst().newValue, 500);
        QCOMPARE(revisions.constFirst().source, QStringLiteral("other.txt"));
    }

    void rejectedFileIsQuarantinedAndNothingWritten_data() { Test::addBackendRows(); }
    void rejectedFileIsQuarantinedAndNothingWritten()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("broken.txt"), dayOfReadings(QStringLiteral("M-1")) + "oops\n");
        MeterImporter importer(f.context, testFormats());
        const auto summary = importer.importPaths(f.supervisor(), {path}, optionsIn(dir));
        const FileResult &r = summary.files.constFirst();
        QCOMPARE(r.status, FileResult::Status::Rejected);
        QCOMPARE(r.message, path + QStringLiteral(", line 50: expected six fields"));
        QCOMPARE(summary.rejected(), 1);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_days")), 0);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("channel_stats")), 0);
        QVERIFY(!QFile::exists(path));
        const QString moved = dir.filePath(QStringLiteral("quarantine/broken.txt"));
        QCOMPARE(r.quarantinePath, moved);
        QVERIFY(QFile::exists(moved));
        QFile reason(moved + QStringLiteral(".reason"));
        QVERIFY(reason.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(reason.readAll());
        QVERIFY2(text.startsWith(r.message + QLatin1Char('\n')), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Original location: ") + path));
        SqlQuery log(tdb.db().connection(), QStringLiteral("SELECT status, message, quarantine_path FROM meter_import_files"));
        log.exec();
        QVERIFY(log.next());
        QCOMPARE(log.value(0).toString(), QStringLiteral("rejected"));
        QCOMPARE(log.value(1).toString(), r.message);
        QCOMPARE(log.value(2).toString(), moved);

        // A second rejected file of the same name does not overwrite the first.
        const QString again = writeFile(dir, QStringLiteral("broken.txt"), QByteArrayLiteral("UDTEST\nx\n"));
        const auto second = importer.importPaths(f.supervisor(), {again}, optionsIn(dir)).files.constFirst();
        QCOMPARE(second.quarantinePath, dir.filePath(QStringLiteral("quarantine/broken-1.txt")));
        QVERIFY(QFile::exists(moved));
    }

    void unknownFormatListsWhatWasTried_data() { Test::addBackendRows(); }
    void unknownFormatListsWhatWasTried()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("notes.txt"), QByteArrayLiteral("hello\n"));
        MeterImporter importer(f.context, testFormats());
        const auto r = importer.importPaths(f.supervisor(), {path}, optionsIn(dir)).files.constFirst();
        QCOMPARE(r.status, FileResult::Status::Rejected);
        QCOMPARE(r.message, path + QStringLiteral(": the file is in none of the formats UtilityDesk reads (tried: UD test)."));
    }

    void formatCanBeForced_data() { Test::addBackendRows(); }
    void formatCanBeForced()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        // No "UDTEST" first line: only --format makes it readable (the parser skips line 1).
        QByteArray text = dayOfReadings(QStringLiteral("M-1"));
        text.replace(0, 6, "header");
        const QString path = writeFile(dir, QStringLiteral("day.txt"), text);
        MeterImporter importer(f.context, testFormats());
        ImportOptions options = optionsIn(dir);
        options.formatKey = QStringLiteral("udtest");
        QCOMPARE(importer.importPaths(f.supervisor(), {path}, options).files.constFirst().inserted, 48);
        options.formatKey = QStringLiteral("nope");
        try {
            importer.importPaths(f.supervisor(), {path}, options);
            QFAIL("an unknown format key was accepted");
        } catch (const Ud::Core::Error &e) {
            QCOMPARE(e.kind(), Ud::Core::Error::Kind::Usage);
            QCOMPARE(e.message(), QStringLiteral("There is no format \"nope\"; the formats are udtest."));
        }
    }

    void intervalMismatchRejects_data() { Test::addBackendRows(); }
    void intervalMismatchRejects()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("q.txt"), dayOfReadings(QStringLiteral("M-1"), 900, 96));
        MeterImporter importer(f.context, testFormats());
        const auto r = importer.importPaths(f.supervisor(), {path}, optionsIn(dir)).files.constFirst();
        QCOMPARE(r.status, FileResult::Status::Rejected);
        QVERIFY2(r.message.endsWith(QStringLiteral("the file has 15-minute readings for meter M-1, which records "
                                                   "30-minute intervals.")), qPrintable(r.message));
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_days")), 0);
    }

    void validationRejectsAndEstimates_data() { Test::addBackendRows(); }
    void validationRejectsAndEstimates()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        MeterImporter importer(f.context, testFormats());

        // The same interval twice with different values: the whole file is rejected.
        QByteArray twice = dayOfReadings(QStringLiteral("M-1"));
        twice += "M-1,import,2024-03-10T05:00:00Z,1800,999,A\n";
        const QString dup = writeFile(dir, QStringLiteral("dup.txt"), twice);
        const auto rejected = importer.importPaths(f.supervisor(), {dup}, optionsIn(dir)).files.constFirst();
        QCOMPARE(rejected.status, FileResult::Status::Rejected);
        QVERIFY2(rejected.message.startsWith(dup + QStringLiteral(", line 50: ")), qPrintable(rejected.message));
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_days")), 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("quarantine/dup.txt.reason"))));

        // A missing half-hour inside the day is interpolated and says so.
        QList<QByteArray> lines = dayOfReadings(QStringLiteral("M-1")).split('\n');
        lines.removeAt(11); // slot 10 (line 0 is the header)
        const QString gap = writeFile(dir, QStringLiteral("gap.txt"), lines.join('\n'));
        const auto r = importer.importPaths(f.supervisor(), {gap}, optionsIn(dir)).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.readings, 47);
        QCOMPARE(r.estimated, 1);
        Metering::ReadingStore store(tdb.db());
        const QTimeZone london(QByteArrayLiteral("Europe/London"));
        const qint64 dayStart = QDateTime(QDate(2024, 3, 10), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        const auto readings = store.read(f.channelOf(meter), london, dayStart, dayStart + 86400);
        QCOMPARE(readings.size(), 48);
        QCOMPARE(readings.at(10).quality, Quality::Estimated);
        QCOMPARE(readings.at(10).value, 110);  // between 109 and 111
        const auto notes = store.annotations(f.channelOf(meter), QDate(2024, 3, 10), QDate(2024, 3, 10));
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.constFirst().slot, 10);
        QCOMPARE(notes.constFirst().rule, QStringLiteral("interpolation"));
        QCOMPARE(notes.constFirst().source, QStringLiteral("gap.txt"));

        // The actual value arriving later replaces the estimate and its note.
        const QString full = writeFile(dir, QStringLiteral("full.txt"), dayOfReadings(QStringLiteral("M-1")));
        const auto later = importer.importPaths(f.supervisor(), {full}, optionsIn(dir)).files.constFirst();
        QCOMPARE(later.updated, 1);
        QCOMPARE(store.read(f.channelOf(meter), london, dayStart, dayStart + 86400).at(10).quality,
                 Quality::Actual);
        QCOMPARE(store.annotations(f.channelOf(meter), QDate(2024, 3, 10), QDate(2024, 3, 10)).size(), 0);
        QCOMPARE(store.stats(f.channelOf(meter))->estimatedCount, 0);
    }

    void unknownMeterWaitsForReviewThenApplies_data() { Test::addBackendRows(); }
    void unknownMeterWaitsForReviewThenApplies()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("up.txt"), dayOfReadings(QStringLiteral("up-77")));
        MeterImporter importer(f.context, testFormats());
        const auto r = importer.importPaths(f.supervisor(), {path}, optionsIn(dir)).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.unknown, 48);
        QCOMPARE(r.unknownKeys, QStringList{QStringLiteral("UP-77")});
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_days")), 0);
        const auto entries = Metering::ReviewQueue(tdb.db()).entries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.constFirst().meterKey, QStringLiteral("UP-77"));
        QCOMPARE(entries.constFirst().readings, 48);
        QCOMPARE(entries.constFirst().lastFile, QStringLiteral("up.txt"));

        // An agent may not map meters; a supervisor may.
        QVERIFY_THROWS_EXCEPTION(Core::Error, importer.assignQueued(f.agent(), QStringLiteral("UP-77"), QStringLiteral("M-1")));
        QCOMPARE(importer.assignQueued(f.supervisor(), QStringLiteral("up-77"), QStringLiteral("m-1")), 48);
        QCOMPARE(Metering::ReviewQueue(tdb.db()).entries().size(), 0);
        Metering::ReadingStore store(tdb.db());
        QCOMPARE(store.stats(f.channelOf(meter))->presentCount, 48);

        // The key is now an alias of the meter: the next file binds directly.
        const QString next = writeFile(dir, QStringLiteral("up2.txt"), dayOfReadings(QStringLiteral("UP-77"), 1800, 48, 900));
        const auto second = importer.importPaths(f.supervisor(), {next}, optionsIn(dir)).files.constFirst();
        QCOMPARE(second.unknown, 0);
        QCOMPARE(second.updated, 48);
    }

    void createsMetersWhenAsked_data() { Test::addBackendRows(); }
    void createsMetersWhenAsked()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("own.txt"), dayOfReadings(QStringLiteral("gb-usagepoint-1")));
        MeterImporter importer(f.context, testFormats());
        ImportOptions options = optionsIn(dir);
        options.createMeters = true;
        const auto r = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.createdMeters, QStringList{QStringLiteral("GB-USAGEPOINT-1")});
        QCOMPARE(r.inserted, 48);
        const auto list = Core::readOnly(tdb.db(), [&] { return Metering::MeterDirectory(tdb.db()).list(); });
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.constFirst().serial, QStringLiteral("GB-USAGEPOINT-1"));
        QCOMPARE(list.constFirst().servicePoint, QString());
        QCOMPARE(list.constFirst().timeZone, QStringLiteral("America/New_York"));
        QCOMPARE(list.constFirst().intervalMinutes, 30);
        QCOMPARE(list.constFirst().presentCount, 48);
    }

    void cancelLeavesNothing_data() { Test::addBackendRows(); }
    void cancelLeavesNothing()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("day.txt"), dayOfReadings(QStringLiteral("M-1")));
        MeterImporter importer(f.context, testFormats());
        const auto summary = importer.importPaths(f.supervisor(), {path}, optionsIn(dir),
                                                  [](const QString &, qint64, qint64) { return false; });
        QCOMPARE(summary.files.constFirst().status, FileResult::Status::Cancelled);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("interval_days")), 0);
        QVERIFY(QFile::exists(path));
        SqlQuery run(tdb.db().connection(), QStringLiteral("SELECT status FROM meter_import_runs"));
        QCOMPARE(run.scalar().toString(), QStringLiteral("cancelled"));
    }

    void largeFileFlushesInBatches_data() { Test::addBackendRows(); }
    void largeFileFlushesInBatches()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-5"), QStringLiteral("Europe/London"), 5);
        QTemporaryDir dir;
        const qint64 count = MeterImporter::FlushReadings + 1000;
        const QString path = writeFile(dir, QStringLiteral("big.txt"),
                                       QStringLiteral("UDTEST\nGEN,M-5,2012-01-01T00:00:00Z,300,%1\n").arg(count).toLatin1());
        MeterImporter importer(f.context, testFormats());
        qint64 calls = 0;
        const auto r = importer.importPaths(f.supervisor(), {path}, optionsIn(dir),
                                            [&](const QString &, qint64, qint64) { ++calls; return true; }).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.inserted, count);
        QVERIFY(calls > 10);
        const auto stats = Metering::ReadingStore(tdb.db()).stats(f.channelOf(meter));
        QCOMPARE(stats->presentCount, count);
        QCOMPARE(stats->lastUtc - stats->firstUtc, (count - 1) * 300);
    }
};

QTEST_GUILESS_MAIN(TestMeterImporter)
#include "tst_meterimporter.moc"
