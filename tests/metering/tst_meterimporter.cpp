#include "meteringfixture.h"
#include "testformat.h"

#include <core/sqlquery.h>
#include <core/transaction.h>
#include <metering/meterdirectory.h>
#include <metering/meterimporter.h>
#include <metering/readingformats.h>
#include <metering/readingstore.h>
#include <metering/reviewqueue.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

QString dataPath(const QString &relative)
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    const QString base = root.isEmpty() ? QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/../..")
                                        : root;
    return base + QStringLiteral("/tests/data/") + relative;
}

/// A copy of a fixture in `dir` (an import never moves the checked-in file, but a rejection would).
QString copyFixture(const QTemporaryDir &dir, const QString &relative)
{
    QFile in(dataPath(relative));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(in.fileName()));
    return writeFile(dir, QFileInfo(relative).fileName(), in.readAll());
}

qint64 utc(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }

/// The directory's row for `serial`, or an empty summary.
Metering::MeterSummary listed(Core::Database &db, const QString &serial)
{
    const auto list = Core::readOnly(db, [&] { return Metering::MeterDirectory(db).list(); });
    for (const auto &m : list) {
        if (m.serial == serial)
            return m;
    }
    return {};
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
        QVERIFY2(rejected.message.startsWith(dup + QStringLiteral(": Lines 12 and 50 give different values for the interval at ")),
                 qPrintable(rejected.message));
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

    void dailyMeterStoresOneReadingPerLocalDay_data() { Test::addBackendRows(); }
    void dailyMeterStoresOneReadingPerLocalDay()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("G-D"), QStringLiteral("America/New_York"), 1440);
        QTemporaryDir dir;
        // New York midnights; 10 March lasts 23 hours (stated as such), 12 March is missing.
        const QString path = writeFile(dir, QStringLiteral("gas.txt"), QByteArrayLiteral(
            "UDTEST\n"
            "G-D,import,2024-03-09T05:00:00Z,86400,50000,A\n"
            "G-D,import,2024-03-10T05:00:00Z,82800,47000,A\n"
            "G-D,import,2024-03-11T04:00:00Z,86400,52000,A\n"
            "G-D,import,2024-03-13T04:00:00Z,86400,56000,A\n"));
        MeterImporter importer(f.context, testFormats());
        const FileResult r = importer.importPaths(f.supervisor(), {path}, optionsIn(dir)).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.readings, 4);
        QCOMPARE(r.inserted, 5);
        QCOMPARE(r.estimated, 1);

        Metering::ReadingStore store(tdb.db());
        const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
        const auto days = store.dailyTotals(f.channelOf(meter), QDate(2024, 3, 1), QDate(2024, 3, 31));
        QCOMPARE(days.size(), 5);
        for (const auto &d : days) {
            QCOMPARE(d.readingCount, 1);
            QCOMPARE(d.presentCount, 1);
        }
        QCOMPARE(days.at(1).day, QDate(2024, 3, 10));
        QCOMPARE(days.at(1).total, 47'000);
        QCOMPARE(days.at(3).day, QDate(2024, 3, 12));
        QCOMPARE(days.at(3).total, 54'000); // interpolated between 11 and 13 March
        QCOMPARE(days.at(3).estimatedCount, 1);
        QCOMPARE(store.monthTotal(f.channelOf(meter), QStringLiteral("2024-03")), 50'000 + 47'000 + 52'000 + 54'000 + 56'000);
        const auto readings = store.read(f.channelOf(meter), newYork, utc("2024-03-01T00:00:00Z"), utc("2024-04-01T00:00:00Z"));
        QCOMPARE(readings.size(), 5);
        QCOMPARE(readings.at(3).startUtc, utc("2024-03-12T04:00:00Z"));
        QCOMPARE(readings.at(3).quality, Quality::Estimated);
        const auto notes = store.annotations(f.channelOf(meter), QDate(2024, 3, 12), QDate(2024, 3, 12));
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.constFirst().slot, 0);
        QCOMPARE(notes.constFirst().rule, QStringLiteral("interpolation"));
        // No day of a daily meter is "incomplete": the one finding is the estimate.
        SqlQuery rules(tdb.db().connection(), QStringLiteral("SELECT rule FROM vee_findings"));
        rules.exec();
        QVERIFY(rules.next());
        QCOMPARE(rules.value(0).toString(), QStringLiteral("interpolation"));
        QVERIFY(!rules.next());

        // A reading an hour after local midnight (01:00 EDT) is off the grid: the file is refused.
        const QString off = writeFile(dir, QStringLiteral("off.txt"),
                                      QByteArrayLiteral("UDTEST\nG-D,import,2024-03-14T05:00:00Z,86400,1,A\n"));
        const FileResult refused = importer.importPaths(f.supervisor(), {off}, optionsIn(dir)).files.constFirst();
        QCOMPARE(refused.status, FileResult::Status::Rejected);
        QVERIFY2(refused.message.startsWith(off + QStringLiteral(": Line 2: ")), qPrintable(refused.message));
        QVERIFY2(refused.message.endsWith(QStringLiteral("The reading for 2024-03-14 01:00 -04:00 does not start at the "
                                                         "start of a local day, where the meter's daily readings start.")),
                 qPrintable(refused.message));
        QCOMPARE(store.dailyTotals(f.channelOf(meter), QDate(2024, 3, 14), QDate(2024, 3, 14)).size(), 0);

        // Half hours for the daily meter are refused too.
        const QString halfHours = writeFile(dir, QStringLiteral("hh.txt"), dayOfReadings(QStringLiteral("G-D")));
        const FileResult mismatch = importer.importPaths(f.supervisor(), {halfHours}, optionsIn(dir)).files.constFirst();
        QCOMPARE(mismatch.status, FileResult::Status::Rejected);
        QVERIFY2(mismatch.message.endsWith(QStringLiteral("the file has 30-minute readings for meter G-D, which records "
                                                          "1440-minute intervals.")),
                 qPrintable(mismatch.message));
    }

    void createsDailyMeterFromAFileOfDays_data() { Test::addBackendRows(); }
    void createsDailyMeterFromAFileOfDays()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        QTemporaryDir dir;
        // The first day is New York's 25-hour 3 November: its reading states 90000 seconds.
        const QString path = writeFile(dir, QStringLiteral("days.txt"), QByteArrayLiteral(
            "UDTEST\n"
            "w-7,import,2023-11-05T04:00:00Z,90000,310,A\n"
            "w-7,import,2023-11-06T05:00:00Z,86400,290,A\n"));
        MeterImporter importer(f.context, testFormats());
        ImportOptions options = optionsIn(dir);
        options.createMeters = true;
        const FileResult r = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.createdMeters, QStringList{QStringLiteral("W-7")});
        const auto m = listed(tdb.db(), QStringLiteral("W-7"));
        QCOMPARE(m.intervalMinutes, 1440);
        QCOMPARE(m.timeZone, QStringLiteral("America/New_York"));
        QCOMPARE(m.presentCount, 2);
        QCOMPARE(m.expectedCount, 2);
        QCOMPARE(m.days, 2);
        QCOMPARE(m.firstUtc, utc("2023-11-05T04:00:00Z"));
        QCOMPARE(m.lastUtc, utc("2023-11-06T05:00:00Z"));
    }

    void importsGreenButtonGasDays_data() { Test::addBackendRows(); }
    void importsGreenButtonGasDays()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("greenbutton/gas_therm.xml"));
        MeterImporter importer(f.context, Metering::ReadingFormats::standard());
        ImportOptions options = optionsIn(dir);
        options.createMeters = true;
        options.defaultZone = QTimeZone(QByteArrayLiteral("America/Los_Angeles")); // 08:00 UTC is midnight PST
        const FileResult r = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.readings, 3);
        QCOMPARE(r.inserted, 3);
        QCOMPARE(r.createdMeters, QStringList{QStringLiteral("GAS-0042")});
        const auto m = listed(tdb.db(), QStringLiteral("GAS-0042"));
        QCOMPARE(m.intervalMinutes, 1440);
        QCOMPARE(m.commodity, Accounts::Commodity::Gas);
        QCOMPARE(m.unit, Accounts::ChannelUnit::WattHour);

        Metering::ReadingStore store(tdb.db());
        const QTimeZone pacific(QByteArrayLiteral("America/Los_Angeles"));
        const auto readings = store.read(m.channelId, pacific, utc("2024-01-01T00:00:00Z"), utc("2024-02-01T00:00:00Z"));
        // 1, 2.5 and 3.33 therms in Wh (29,307.107 Wh a therm).
        QCOMPARE(readings, (QList<Metering::ReadingStore::Reading>{{utc("2024-01-01T08:00:00Z"), 29'307, Quality::Actual},
                                                                   {utc("2024-01-02T08:00:00Z"), 73'268, Quality::Actual},
                                                                   {utc("2024-01-03T08:00:00Z"), 97'593, Quality::Actual}}));
        const auto days = store.dailyTotals(m.channelId, QDate(2024, 1, 1), QDate(2024, 1, 31));
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.constFirst().day, QDate(2024, 1, 1));
        QCOMPARE(days.constFirst().readingCount, 1);
        QCOMPARE(store.monthTotal(m.channelId, QStringLiteral("2024-01")), 29'307 + 73'268 + 97'593);
        // The file's usage summary says 7 therms, the days add up to 6.83: flagged, not refused.
        // Once, though the summary's total reaches the importer with the readings' series.
        QCOMPARE(r.flagged, 1);
        SqlQuery rules(tdb.db().connection(), QStringLiteral("SELECT rule, message FROM vee_findings"));
        rules.exec();
        QVERIFY(rules.next());
        QCOMPARE(rules.value(0).toString(), QStringLiteral("period-total"));
        QCOMPARE(rules.value(1).toString(),
                 QStringLiteral("The intervals from 2024-01-01 00:00 -08:00 to 2024-01-04 00:00 -08:00 add up to 200168 "
                                "Wh, but the file states a total of 205150 Wh for that period (tolerance 1025 Wh)."));
        QVERIFY(!rules.next());

        // Importing the file again changes nothing: not the readings, and not the findings.
        const FileResult again = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QCOMPARE(again.unchanged, 3);
        QCOMPARE(again.flagged, 1);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("vee_findings")), 1);
    }

    void importsGreenButtonCsvGasDaysAcrossDst_data() { Test::addBackendRows(); }
    void importsGreenButtonCsvGasDaysAcrossDst()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.clock.set(utc("2024-12-01T12:00:00Z"));
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("csv/greenbutton-gas-therms.csv"));
        MeterImporter importer(f.context, Metering::ReadingFormats::standard());
        ImportOptions options = optionsIn(dir); // New York
        options.createMeters = true;
        const FileResult r = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.readings, 3);
        const auto m = listed(tdb.db(), QStringLiteral("9988776655"));
        QCOMPARE(m.intervalMinutes, 1440);
        QCOMPARE(m.commodity, Accounts::Commodity::Gas);

        Metering::ReadingStore store(tdb.db());
        const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
        const auto readings = store.read(m.channelId, newYork, utc("2024-11-01T00:00:00Z"), utc("2024-12-01T00:00:00Z"));
        // 3 November lasts 25 hours; the third day is the utility's estimate.
        QCOMPARE(readings, (QList<Metering::ReadingStore::Reading>{{utc("2024-11-02T04:00:00Z"), 29'893, Quality::Actual},
                                                                   {utc("2024-11-03T04:00:00Z"), 59'786, Quality::Actual},
                                                                   {utc("2024-11-04T05:00:00Z"), 14'654, Quality::Estimated}}));
        const auto days = store.dailyTotals(m.channelId, QDate(2024, 11, 1), QDate(2024, 11, 30));
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.at(1).day, QDate(2024, 11, 3));
        QCOMPARE(days.at(1).readingCount, 1);
        QCOMPARE(days.at(2).estimatedCount, 1);
        QCOMPARE(countRows(tdb.db(), QStringLiteral("vee_findings")), 0);
    }

    void importsGenericCsvDailyWaterMeter_data() { Test::addBackendRows(); }
    void importsGenericCsvDailyWaterMeter()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.clock.set(utc("2026-06-01T12:00:00Z"));
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("csv/generic-options.csv"));
        MeterImporter importer(f.context, Metering::ReadingFormats::standard());
        ImportOptions options = optionsIn(dir);
        options.createMeters = true;
        // WTR-1's readings are at 00:00 -05:00, Chicago's midnight in late March (CDT).
        options.defaultZone = QTimeZone(QByteArrayLiteral("America/Chicago"));
        const FileResult r = importer.importPaths(f.supervisor(), {path}, options).files.constFirst();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        const auto water = listed(tdb.db(), QStringLiteral("WTR-1"));
        QCOMPARE(water.intervalMinutes, 1440);
        QCOMPARE(water.commodity, Accounts::Commodity::Water);
        QCOMPARE(water.unit, Accounts::ChannelUnit::Litre);
        QCOMPARE(listed(tdb.db(), QStringLiteral("GAS-9")).intervalMinutes, 60); // the file's other meters as they were

        Metering::ReadingStore store(tdb.db());
        const QTimeZone chicago(QByteArrayLiteral("America/Chicago"));
        const auto readings = store.read(water.channelId, chicago, utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"));
        QCOMPARE(readings, (QList<Metering::ReadingStore::Reading>{{utc("2026-03-29T05:00:00Z"), 13, Quality::Actual},
                                                                   {utc("2026-03-30T05:00:00Z"), 1500, Quality::Actual}}));
        const auto days = store.dailyTotals(water.channelId, QDate(2026, 3, 1), QDate(2026, 3, 31));
        QCOMPARE(days.size(), 2);
        QCOMPARE(days.constFirst().day, QDate(2026, 3, 29));
        QCOMPARE(days.constFirst().readingCount, 1);
        QCOMPARE(store.monthTotal(water.channelId, QStringLiteral("2026-03")), 1513);
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
