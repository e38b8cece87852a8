// The import log as the Meter Sync page reads it: runs newest first and paged, a run's files
// with their counts and the reason and quarantine path of a rejected one, today's counts, the
// review queue, and meter health (gaps, estimated share, late against the clock, latest
// finding), with permissions; and the table models over them.

#include "meteringfixture.h"
#include "readingfiles.h"
#include "testformat.h"

#include <core/error.h>
#include <core/ids.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <metering/importfilesmodel.h>
#include <metering/importlog.h>
#include <metering/importrunsmodel.h>
#include <metering/meterhealthmodel.h>
#include <metering/meterimporter.h>
#include <metering/unknownmetersmodel.h>

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;
using Metering::FileResult;
using Metering::ImportLog;
using Metering::MeterHealth;
using Test::MeteringFixture;

namespace {
Metering::ImportOptions optionsIn(const QTemporaryDir &dir)
{
    Metering::ImportOptions o;
    o.quarantineDir = dir.filePath(QStringLiteral("quarantine"));
    o.defaultZone = QTimeZone(QByteArrayLiteral("Europe/London"));
    return o;
}

bool denied(const std::function<void()> &call)
{
    try {
        call();
    } catch (const Core::Error &e) {
        return e.kind() == Core::Error::Kind::Denied;
    }
    return false;
}
} // namespace

class TestImportLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void runsAndFiles_data() { Test::addBackendRows(); }
    void runsAndFiles()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        Metering::MeterImporter importer(f.context, Test::testFormats());
        const QString day = Test::writeFile(dir.filePath(QStringLiteral("a-day.txt")),
                                            Test::readingsFile(QStringLiteral("M-1"), Test::utc(2024, 3, 10), 48));
        const auto first = importer.importPaths(f.supervisor(), {day}, optionsIn(dir));
        f.clock.advance(60);
        const QString good = Test::writeFile(dir.filePath(QStringLiteral("b-next.txt")),
                                             Test::readingsFile(QStringLiteral("M-1"), Test::utc(2024, 3, 11), 48));
        const QString bad = Test::writeFile(dir.filePath(QStringLiteral("c-broken.txt")), Test::brokenFile());
        const auto second = importer.importPaths(f.supervisor(), {good, bad}, optionsIn(dir));

        ImportLog log(tdb.db(), f.clock);
        QCOMPARE(log.runCount(f.supervisor()), 2);
        const auto runs = log.recentRuns(f.supervisor(), 10);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).id, second.runId); // newest first
        QCOMPARE(runs.at(0).files, 2);
        QCOMPARE(runs.at(0).readings, 48);
        QCOMPARE(runs.at(0).rejected, 1);
        QCOMPARE(runs.at(0).actor, QStringLiteral("carol"));
        QCOMPARE(runs.at(0).source, QStringLiteral("cli"));
        QVERIFY(runs.at(0).status == Metering::ImportRunEntry::Status::Finished);
        QCOMPARE(runs.at(0).startedAt, MeteringFixture::Now + 60);
        QCOMPARE(runs.at(1).id, first.runId);
        QCOMPARE(log.recentRuns(f.supervisor(), 1, 1).constFirst().id, first.runId); // paged
        QCOMPARE(log.run(f.supervisor(), first.runId)->readings, 48);
        QVERIFY(!log.run(f.supervisor(), QStringLiteral("not-an-id")));

        // A run's files in the order they were read, with what became of each.
        QCOMPARE(log.fileCount(f.supervisor(), second.runId), 2);
        const auto files = log.files(f.supervisor(), second.runId, 10);
        QCOMPARE(files.size(), 2);
        QCOMPARE(QFileInfo(files.at(0).path).fileName(), QStringLiteral("b-next.txt"));
        QVERIFY(files.at(0).status == FileResult::Status::Imported);
        QCOMPARE(files.at(0).format, QStringLiteral("UD test"));
        QCOMPARE(files.at(0).readings, 48);
        QCOMPARE(files.at(0).inserted, 48);
        QVERIFY(files.at(0).quarantinePath.isEmpty());
        QCOMPARE(QFileInfo(files.at(1).path).fileName(), QStringLiteral("c-broken.txt"));
        QVERIFY(files.at(1).status == FileResult::Status::Rejected);
        QCOMPARE(files.at(1).message, bad + QStringLiteral(", line 2: expected six fields"));
        QCOMPARE(files.at(1).quarantinePath, dir.filePath(QStringLiteral("quarantine/c-broken.txt")));
        QVERIFY(QFileInfo::exists(files.at(1).quarantinePath));

        // Every run's files, newest first.
        QCOMPARE(log.fileCount(f.supervisor()), 3);
        const auto all = log.files(f.supervisor(), {}, 10);
        QCOMPARE(all.size(), 3);
        QCOMPARE(QFileInfo(all.at(2).path).fileName(), QStringLiteral("a-day.txt"));
        QCOMPARE(log.files(f.supervisor(), {}, 2, 2).size(), 1);

        // Today: since the fixture's noon, one minute before the second run.
        const auto today = log.countsSince(f.supervisor(), MeteringFixture::Now);
        QCOMPARE(today.imported, 2);
        QCOMPARE(today.rejected, 1);
        const auto later = log.countsSince(f.supervisor(), MeteringFixture::Now + 30);
        QCOMPARE(later.imported, 1);
        QCOMPARE(later.rejected, 1);

        // The import log names files and folders: people who import may read it, agents not.
        QVERIFY(denied([&] { log.recentRuns(f.agent(), 10); }));
        QVERIFY(denied([&] { log.files(f.agent(), {}, 10); }));
        QVERIFY(denied([&] { log.unknownMeters(f.agent()); }));
        QVERIFY(denied([&] { log.countsSince(f.agent(), 0); }));
    }

    void unknownMeters_data() { Test::addBackendRows(); }
    void unknownMeters()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        QTemporaryDir dir;
        Metering::MeterImporter importer(f.context, Test::testFormats());
        const QString path = Test::writeFile(dir.filePath(QStringLiteral("stranger.txt")),
                                             Test::readingsFile(QStringLiteral("x-9"), Test::utc(2024, 3, 10), 10));
        importer.importPaths(f.supervisor(), {path}, optionsIn(dir));
        ImportLog log(tdb.db(), f.clock);
        const auto entries = log.unknownMeters(f.supervisor());
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.constFirst().meterKey, QStringLiteral("X-9"));
        QCOMPARE(entries.constFirst().readings, 10);

        Metering::UnknownMetersModel model;
        model.setEntries(entries);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, Metering::UnknownMetersModel::KeyColumn).data().toString(), QStringLiteral("X-9"));
        QCOMPARE(model.index(0, Metering::UnknownMetersModel::ReadingsColumn).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(0, 0).data(Metering::UnknownMetersModel::MeterKeyRole).toString(), QStringLiteral("X-9"));
        QCOMPARE(model.index(0, Metering::UnknownMetersModel::LastFileColumn).data().toString(),
                 QStringLiteral("stranger.txt"));
        QCOMPARE(model.index(0, Metering::UnknownMetersModel::FirstColumn).data(Metering::UnknownMetersModel::RawValueRole)
                     .toLongLong(), Test::utc(2024, 3, 10).toSecsSinceEpoch());
        QCOMPARE(model.totalReadings(), 10);
    }

    void health_data() { Test::addBackendRows(); }
    void health()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto late = f.addMeter(QStringLiteral("LATE-1"), QStringLiteral("Europe/London"), 30);
        f.addMeter(QStringLiteral("FRESH-1"), QStringLiteral("Europe/London"), 30);
        f.addMeter(QStringLiteral("NEW-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        Metering::MeterImporter importer(f.context, Test::testFormats());
        // LATE-1: one March day with 4 of 48 readings missing in the middle.
        const QString march = Test::writeFile(dir.filePath(QStringLiteral("march.txt")),
            Test::readingsFile(QStringLiteral("LATE-1"), Test::utc(2024, 3, 10), 48, 1800, 100, {10, 11, 12, 13}));
        // FRESH-1: up to half an hour before the fixture's clock (2024-06-15 12:00 UTC).
        const QString june = Test::writeFile(dir.filePath(QStringLiteral("june.txt")),
            Test::readingsFile(QStringLiteral("FRESH-1"), Test::utc(2024, 6, 15), 24));
        const auto summary = importer.importPaths(f.supervisor(), {march, june}, optionsIn(dir));
        QCOMPARE(summary.rejected(), 0);

        // Validation may have recorded findings of its own for the missing readings; two more
        // on LATE-1's channel, found later: the later of them is the one shown.
        const QString channel = f.channelOf(late);
        qint64 validationFindings = -1;
        for (const MeterHealth &h : ImportLog(tdb.db(), f.clock).health(f.agent())) {
            if (h.meter.serial == QLatin1String("LATE-1"))
                validationFindings = h.findings;
        }
        QVERIFY(validationFindings >= 0);
        {
            Core::Transaction tx(tdb.db());
            for (const auto &[rule, message, at] : {std::tuple{"spike", "A spike on 10 March.", MeteringFixture::Now + 100},
                                                    std::tuple{"gap", "Four readings missing on 10 March.", MeteringFixture::Now + 200}}) {
                Core::SqlQuery(tx.connection(), QStringLiteral(
                    "INSERT INTO vee_findings (id, channel_id, rule, severity, start_utc, end_utc, message, found_at) "
                    "VALUES (:id, :c, :r, 'flag', 0, 0, :m, :at)"))
                    .bind(QStringLiteral(":id"), Core::newId())
                    .bind(QStringLiteral(":c"), channel)
                    .bind(QStringLiteral(":r"), QString::fromLatin1(rule))
                    .bind(QStringLiteral(":m"), QString::fromLatin1(message))
                    .bind(QStringLiteral(":at"), at)
                    .exec();
            }
            tx.commit();
        }

        ImportLog log(tdb.db(), f.clock);
        const auto rows = log.health(f.agent()); // agents may see meter health
        QCOMPARE(rows.size(), 3);
        QHash<QString, MeterHealth> bySerial;
        for (const MeterHealth &h : rows)
            bySerial.insert(h.meter.serial, h);

        const MeterHealth lateHealth = bySerial.value(QStringLiteral("LATE-1"));
        QVERIFY(lateHealth.state == MeterHealth::State::Late);
        // Missing readings stay missing: 44 present, 4 gaps between the first and the last.
        QCOMPARE(lateHealth.meter.presentCount, 44);
        QCOMPARE(lateHealth.gaps, 4);
        QCOMPARE(lateHealth.estimatedShare, 0.0);
        // Last interval 23:30-24:00 on 10 March; the clock stands at 15 June noon.
        QCOMPARE(lateHealth.lateBySecs, MeteringFixture::Now - Test::utc(2024, 3, 11).toSecsSinceEpoch());
        QCOMPARE(lateHealth.findings, validationFindings + 2);
        QCOMPARE(lateHealth.lastFindingRule, QStringLiteral("gap"));
        QCOMPARE(lateHealth.lastFindingMessage, QStringLiteral("Four readings missing on 10 March."));

        const MeterHealth fresh = bySerial.value(QStringLiteral("FRESH-1"));
        QVERIFY(fresh.state == MeterHealth::State::OnTime);
        QCOMPARE(fresh.meter.presentCount, 24);
        QCOMPARE(fresh.gaps, 0);
        QCOMPARE(fresh.estimatedShare, 0.0);
        QCOMPARE(fresh.findings, 0);
        QVERIFY(bySerial.value(QStringLiteral("NEW-1")).state == MeterHealth::State::NoReadings);

        // A day later FRESH-1 is still on time (two days' grace); three days later it is late.
        f.clock.advance(24 * 3600);
        QVERIFY(ImportLog::healthOf(fresh.meter, f.clock.nowSecs(), ImportLog::DefaultLateAfterSecs).state
                == MeterHealth::State::OnTime);
        f.clock.advance(2 * 24 * 3600);
        QVERIFY(ImportLog::healthOf(fresh.meter, f.clock.nowSecs(), ImportLog::DefaultLateAfterSecs).state
                == MeterHealth::State::Late);

        // The model says it in words and sorts on raw values.
        Metering::MeterHealthModel model;
        model.setRows(rows);
        QCOMPARE(model.lateCount(), 1);
        int lateRow = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.row(r).meter.serial == QLatin1String("LATE-1"))
                lateRow = r;
        }
        // (The English plural forms come from the application's catalogue, not loaded here.)
        QVERIFY(model.index(lateRow, Metering::MeterHealthModel::StateColumn).data().toString()
                    .startsWith(QLatin1String("Late by 96 day")));
        QCOMPARE(model.index(lateRow, Metering::MeterHealthModel::GapsColumn).data().toString(),
                 QLocale().toString(lateHealth.gaps));
        QCOMPARE(model.index(lateRow, Metering::MeterHealthModel::FindingColumn).data().toString(),
                 QStringLiteral("Four readings missing on 10 March."));
        QCOMPARE(model.index(lateRow, Metering::MeterHealthModel::GapsColumn).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(model.index(lateRow, 0).data(Metering::MeterHealthModel::IdRole).toString(), channel);

        // Meter serials for the completer.
        QCOMPARE(log.meterSerials(f.agent()),
                 (QStringList{QStringLiteral("FRESH-1"), QStringLiteral("LATE-1"), QStringLiteral("NEW-1")}));
    }

    void modelsPageLazily_data() { Test::addBackendRows(); }
    void modelsPageLazily()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        constexpr int Runs = 450;
        QString runWithFiles;
        {
            Core::Transaction tx(tdb.db());
            for (int i = 0; i < Runs; ++i) {
                const QString id = Core::newId();
                Core::SqlQuery(tx.connection(), QStringLiteral(
                    "INSERT INTO meter_import_runs (id, source, actor, started_at, finished_at, files, readings, "
                    "rejected, status) VALUES (:id, 'watch', 'carol', :t, :t, 1, :n, 0, 'finished')"))
                    .bind(QStringLiteral(":id"), id)
                    .bind(QStringLiteral(":t"), MeteringFixture::Now + i)
                    .bind(QStringLiteral(":n"), 1000 + i)
                    .exec();
                if (i == 0)
                    runWithFiles = id;
            }
            for (int i = 0; i < 3; ++i) {
                Core::SqlQuery(tx.connection(), QStringLiteral(
                    "INSERT INTO meter_import_files (id, run_id, path, status, readings, started_at, finished_at) "
                    "VALUES (:id, :run, :p, 'imported', 12345, :t, :t)"))
                    .bind(QStringLiteral(":id"), Core::newId())
                    .bind(QStringLiteral(":run"), runWithFiles)
                    .bind(QStringLiteral(":p"), QStringLiteral("/drop/file-%1.csv").arg(i))
                    .bind(QStringLiteral(":t"), MeteringFixture::Now + i)
                    .exec();
            }
            tx.commit();
        }
        ImportLog log(tdb.db(), f.clock);
        Metering::ImportRunsModel runs(log, f.supervisor());
        runs.reload();
        QCOMPARE(runs.totalCount(), Runs);
        QCOMPARE(runs.rowCount(), Metering::ImportRunsModel::PageSize);
        QVERIFY(runs.canFetchMore({}));
        runs.fetchMore({});
        runs.fetchMore({});
        QCOMPARE(runs.rowCount(), Runs);
        QVERIFY(!runs.canFetchMore({}));
        // Newest first; numbers through the locale, right-aligned; ids and raw values by role.
        QCOMPARE(runs.index(0, Metering::ImportRunsModel::ReadingsColumn).data().toString(), QStringLiteral("1,449"));
        QCOMPARE(runs.index(0, Metering::ImportRunsModel::ReadingsColumn).data(Metering::ImportRunsModel::RawValueRole)
                     .toLongLong(), 1449);
        QCOMPARE(runs.index(0, Metering::ImportRunsModel::FilesColumn).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(runs.index(0, Metering::ImportRunsModel::SourceColumn).data().toString(), QStringLiteral("Drop folder"));
        QCOMPARE(runs.index(Runs - 1, 0).data(Metering::ImportRunsModel::IdRole).toString(), runWithFiles);
        QCOMPARE(runs.rowOf(runWithFiles), Runs - 1);

        Metering::ImportFilesModel files(log, f.supervisor());
        files.setRun(runWithFiles);
        QCOMPARE(files.rowCount(), 3);
        QCOMPARE(files.index(0, Metering::ImportFilesModel::FileColumn).data().toString(), QStringLiteral("file-0.csv"));
        QCOMPARE(files.index(0, Metering::ImportFilesModel::StatusColumn).data().toString(), QStringLiteral("Imported"));
        QCOMPARE(files.index(0, Metering::ImportFilesModel::ReadingsColumn).data().toString(), QStringLiteral("12,345"));
        QCOMPARE(files.index(0, 0).data(Metering::ImportFilesModel::PathRole).toString(), QStringLiteral("/drop/file-0.csv"));

        // A user who may not read the log gets the reason, not an exception.
        Metering::ImportRunsModel agentRuns(log, f.agent());
        agentRuns.reload();
        QCOMPARE(agentRuns.rowCount(), 0);
        QVERIFY(agentRuns.errorMessage().contains(QLatin1String("alice")));
    }
};

QTEST_GUILESS_MAIN(TestImportLog)
#include "tst_importlog.moc"
