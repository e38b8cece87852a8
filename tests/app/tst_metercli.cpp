// Meter data on the command line as an operator uses it: the real utilitydesk binary importing
// real formats, its summary and exit code, the quarantine, meter list, usage, the review queue,
// the headless worker, and a file killed half-way through its import.

#include "clirun.h"

#include <testdatabase.h>

#include <core/sqlquery.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

QString fixture(const QString &name)
{
    const QByteArray root = qgetenv("UD_SOURCE_DIR");
    return QDir(root.isEmpty() ? QFINDTESTDATA("../data") : QString::fromLocal8Bit(root) + QStringLiteral("/tests/data"))
        .filePath(name);
}

/// A copy of a fixture (imports move rejected files away, never the originals).
QString copyOf(const QTemporaryDir &dir, const QString &name)
{
    const QString target = dir.filePath(QFileInfo(name).fileName());
    QFile::copy(fixture(name), target);
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return f.fileName();
}

qint64 count(Test::TestDatabase &db, const QString &table)
{
    return Core::SqlQuery(db.db().connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table).scalar(0).toLongLong();
}

/// Half-hours of meter LDN-1 over the night the clocks go forward in London (2024-03-31).
const QByteArray LondonNight = "meter_id,timestamp,value,unit,quality\n"
                               "LDN-1,2024-03-30T23:00:00Z,100,Wh,A\n"
                               "LDN-1,2024-03-30T23:30:00Z,110,Wh,A\n"
                               "LDN-1,2024-03-31T00:00:00Z,120,Wh,A\n"
                               "LDN-1,2024-03-31T00:30:00Z,130,Wh,E\n"
                               "LDN-1,2024-03-31T01:00:00Z,140,Wh,A\n"
                               "LDN-1,2024-03-31T01:30:00Z,150,Wh,A\n";
} // namespace

class TestMeterCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void importSummaryQuarantineListAndUsage_data() { Test::addBackendRows(); }
    void importSummaryQuarantineListAndUsage()
    {
        UD_TEST_DATABASE(db);
        QTemporaryDir dir;
        const QString nem12 = copyOf(dir, QStringLiteral("csv/nem12-basic.csv"));
        const QString london = write(dir, QStringLiteral("london.csv"), LondonNight);
        const QString bad = copyOf(dir, QStringLiteral("greenbutton/bad_value.xml"));
        const QString quarantine = dir.filePath(QStringLiteral("quarantine"));
        const Run run = utilitydesk(db.url(), {QStringLiteral("import"), QStringLiteral("--create-meters"),
                                               QStringLiteral("--time-zone"), QStringLiteral("Europe/London"),
                                               QStringLiteral("--quarantine"), quarantine, nem12, london, bad});
        QCOMPARE(run.code, 1); // a file was rejected
        QVERIFY2(run.out.contains(QStringLiteral("Files: 2 imported, 1 rejected\n")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("Readings: 190\n")), qPrintable(run.out)); // 184 NEM12 + 6
        QVERIFY2(run.out.contains(QStringLiteral("Meters: 2\n")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("  created meter LDN-1\n")));
        QVERIFY2(run.err.contains(bad + QStringLiteral(", line 24, feed/entry[3]/content/IntervalBlock/IntervalReading[5]/value: "
                                                       "expected a whole number, found \"12a\"")), qPrintable(run.err));
        QVERIFY(QFile::exists(quarantine + QStringLiteral("/bad_value.xml")));
        QVERIFY(QFile::exists(quarantine + QStringLiteral("/bad_value.xml.reason")));
        QVERIFY(!QFile::exists(bad));
        QVERIFY(QFile::exists(nem12)); // imported files stay where they are

        const Run list = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("list")});
        QCOMPARE(list.code, 0);
        const QStringList rows = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.value(0), QStringLiteral("meter_id,serial,service_point,commodity,channel,unit,interval_minutes,"
                                               "time_zone,first_reading,last_reading,reading_count,estimated_count"));
        const QStringList ldn = rows.filter(QStringLiteral(",LDN-1,")).value(0).split(QLatin1Char(','));
        QCOMPARE(ldn.mid(1), (QStringList{QStringLiteral("LDN-1"), QString(), QStringLiteral("electricity"),
                                          QStringLiteral("import"), QStringLiteral("Wh"), QStringLiteral("30"),
                                          QStringLiteral("Europe/London"), QStringLiteral("2024-03-30T23:00:00Z"),
                                          QStringLiteral("2024-03-31T01:30:00Z"), QStringLiteral("6"), QStringLiteral("1")}));
        QCOMPARE(rows.filter(QStringLiteral(",01009,")).size(), 3); // NEM12: import, export, reactive

        const Run usage = utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("ldn-1")});
        QCOMPARE(usage.code, 0);
        QCOMPARE(usage.out, QStringLiteral("timestamp,value,unit,quality\n"
                                           "2024-03-30T23:00:00+00:00,100,Wh,actual\n"
                                           "2024-03-30T23:30:00+00:00,110,Wh,actual\n"
                                           "2024-03-31T00:00:00+00:00,120,Wh,actual\n"
                                           "2024-03-31T00:30:00+00:00,130,Wh,estimated\n"
                                           "2024-03-31T02:00:00+01:00,140,Wh,actual\n"
                                           "2024-03-31T02:30:00+01:00,150,Wh,actual\n"));
        const Run daily = utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("LDN-1"), QStringLiteral("--daily"),
                                                 QStringLiteral("--from"), QStringLiteral("2024-03-31"),
                                                 QStringLiteral("--to"), QStringLiteral("2024-03-31")});
        QCOMPARE(daily.out, QStringLiteral("date,total,unit,readings,expected,estimated\n"
                                           "2024-03-31,540,Wh,4,46,1\n"));
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("NOPE")}).code, 1);
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("LDN-1"), QStringLiteral("--from"),
                                        QStringLiteral("31/03/2024")}).code, 1);

        // A correction by hand, with its reason.
        const Run edit = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("edit"), QStringLiteral("LDN-1"),
                                                QStringLiteral("2024-03-31T02:00:00+01:00"), QStringLiteral("145"),
                                                QStringLiteral("--reason"), QStringLiteral("register photo")});
        QCOMPARE(edit.code, 0);
        QVERIFY(utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("LDN-1")})
                    .out.contains(QStringLiteral("\n2024-03-31T02:00:00+01:00,145,Wh,edited\n")));
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("edit"), QStringLiteral("LDN-1"),
                                        QStringLiteral("2024-03-31T02:00:00"), QStringLiteral("1"), QStringLiteral("--reason"),
                                        QStringLiteral("x")}).code, 1); // no UTC offset

        // Importing the same files again changes nothing, and keeps the value edited by hand.
        const Run again = utilitydesk(db.url(), {QStringLiteral("import"), QStringLiteral("--quarantine"), quarantine, nem12, london});
        QCOMPARE(again.code, 0);
        QCOMPARE(count(db, QStringLiteral("interval_revisions")), 1); // the edit
        QVERIFY(utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("LDN-1")})
                    .out.contains(QStringLiteral("\n2024-03-31T02:00:00+01:00,145,Wh,edited\n")));

    }

    void dailyGasMeterListUsageAndEdit_data() { Test::addBackendRows(); }
    void dailyGasMeterListUsageAndEdit()
    {
        UD_TEST_DATABASE(db);
        QTemporaryDir dir;
        const QString gas = copyOf(dir, QStringLiteral("csv/greenbutton-gas-therms.csv"));
        const Run run = utilitydesk(db.url(), {QStringLiteral("import"), QStringLiteral("--create-meters"),
                                               QStringLiteral("--time-zone"), QStringLiteral("America/New_York"),
                                               QStringLiteral("--quarantine"), dir.filePath(QStringLiteral("q")), gas});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Readings: 3\n")), qPrintable(run.out));

        const Run list = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("list")});
        const QStringList row = list.out.split(QLatin1Char('\n')).filter(QStringLiteral(",9988776655,")).value(0)
                                    .split(QLatin1Char(','));
        QCOMPARE(row.mid(1), (QStringList{QStringLiteral("9988776655"), QString(), QStringLiteral("gas"),
                                          QStringLiteral("import"), QStringLiteral("Wh"), QStringLiteral("1440"),
                                          QStringLiteral("America/New_York"), QStringLiteral("2024-11-02T04:00:00Z"),
                                          QStringLiteral("2024-11-04T05:00:00Z"), QStringLiteral("3"), QStringLiteral("1")}));

        // Each day's reading is at its local midnight; 3 November lasts 25 hours.
        const Run usage = utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("9988776655")});
        QCOMPARE(usage.code, 0);
        QCOMPARE(usage.out, QStringLiteral("timestamp,value,unit,quality\n"
                                           "2024-11-02T00:00:00-04:00,29893,Wh,actual\n"
                                           "2024-11-03T00:00:00-04:00,59786,Wh,actual\n"
                                           "2024-11-04T00:00:00-05:00,14654,Wh,estimated\n"));
        const Run daily = utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("9988776655"),
                                                 QStringLiteral("--daily")});
        QCOMPARE(daily.out, QStringLiteral("date,total,unit,readings,expected,estimated\n"
                                           "2024-11-02,29893,Wh,1,1,0\n"
                                           "2024-11-03,59786,Wh,1,1,0\n"
                                           "2024-11-04,14654,Wh,1,1,1\n"));

        // A day is corrected at its midnight; an hour later is no day's start.
        const Run edit = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("edit"), QStringLiteral("9988776655"),
                                                QStringLiteral("2024-11-03T00:00:00-04:00"), QStringLiteral("60000"),
                                                QStringLiteral("--reason"), QStringLiteral("meter photo")});
        QVERIFY2(edit.code == 0, qPrintable(edit.err));
        QVERIFY(utilitydesk(db.url(), {QStringLiteral("usage"), QStringLiteral("9988776655")})
                    .out.contains(QStringLiteral("\n2024-11-03T00:00:00-04:00,60000,Wh,edited\n")));
        const Run off = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("edit"), QStringLiteral("9988776655"),
                                               QStringLiteral("2024-11-03T01:00:00-04:00"), QStringLiteral("1"),
                                               QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(off.code, 1);
        QVERIFY2(off.err.contains(QStringLiteral("2024-11-03 01:00 -04:00 is not the start of a local day, where the "
                                                 "meter's daily readings start.")),
                 qPrintable(off.err));
    }

    void unknownMetersWaitForAssignment_data() { Test::addBackendRows(); }
    void unknownMetersWaitForAssignment()
    {
        UD_TEST_DATABASE(db);
        QTemporaryDir dir;
        const QString quarantine = dir.filePath(QStringLiteral("quarantine"));
        const QString first = write(dir, QStringLiteral("first.csv"), LondonNight);
        // A meter of our own to map the key to.
        const QString own = write(dir, QStringLiteral("own.csv"), QByteArray(LondonNight).replace("LDN-1", "OWN-7"));
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("import"), QStringLiteral("--create-meters"), QStringLiteral("--time-zone"),
                                        QStringLiteral("Europe/London"), QStringLiteral("--quarantine"), quarantine, own}).code, 0);
        const Run queued = utilitydesk(db.url(), {QStringLiteral("import"), QStringLiteral("--quarantine"), quarantine, first});
        QCOMPARE(queued.code, 0);
        QVERIFY2(queued.out.contains(QStringLiteral("Unknown meters: 1 (6 readings wait in the review queue)")), qPrintable(queued.out));
        const Run queue = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("queue")});
        QVERIFY2(queue.out.contains(QStringLiteral("\nLDN-1,,electricity,import,6,2024-03-30T23:00:00Z,2024-03-31T01:30:00Z,1,first.csv\n")),
                 qPrintable(queue.out));
        const Run assign = utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("assign"), QStringLiteral("LDN-1"),
                                                  QStringLiteral("OWN-7")});
        QCOMPARE(assign.code, 0);
        QVERIFY(assign.out.startsWith(QStringLiteral("Applied 6 readings queued under LDN-1 to meter OWN-7")));
        QCOMPARE(count(db, QStringLiteral("unknown_meter_readings")), 0);
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("meter"), QStringLiteral("assign"), QStringLiteral("LDN-1"),
                                        QStringLiteral("OWN-7")}).code, 1); // nothing waits any more
    }

    void headlessWorkerImportsADropFolder_data() { Test::addBackendRows(); }
    void headlessWorkerImportsADropFolder()
    {
        UD_TEST_DATABASE(db);
        QTemporaryDir dir;
        const QString drop = dir.filePath(QStringLiteral("drop"));
        QDir().mkpath(drop);
        QTemporaryDir src;
        const QString file = write(src, QStringLiteral("night.csv"), LondonNight);
        QVERIFY(QFile::rename(file, drop + QStringLiteral("/night.csv")));
        QFile f(drop + QStringLiteral("/night.csv"));
        QVERIFY(f.open(QIODevice::Append));
        f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60), QFileDevice::FileModificationTime);
        f.close();
        const Run run = utilitydesk(db.url(), {QStringLiteral("meter-sync"), QStringLiteral("--watch"), drop,
                                               QStringLiteral("--once"), QStringLiteral("--create-meters"),
                                               QStringLiteral("--time-zone"), QStringLiteral("Europe/London")});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(QStringLiteral(" imported ") + drop + QStringLiteral("/night.csv (6 readings, 6 new, 0 estimated, "
                                                                                      "0 for unknown meters)")), qPrintable(run.out));
        QVERIFY(QFile::exists(drop + QStringLiteral("/processed/night.csv")));
        QCOMPARE(count(db, QStringLiteral("interval_days")), 2);
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("meter-sync"), QStringLiteral("--once")}).code, 2);
        QCOMPARE(utilitydesk(db.url(), {QStringLiteral("meter-sync"), QStringLiteral("--watch"),
                                        dir.filePath(QStringLiteral("missing")), QStringLiteral("--once")}).code, 1);
    }

    void killedImportLeavesNothingAndImportsWholeNextTime_data() { Test::addBackendRows(); }
    void killedImportLeavesNothingAndImportsWholeNextTime()
    {
        UD_TEST_DATABASE(db);
        QTemporaryDir dir;
        // 8 meters x 262,800 five-minute readings (two and a half years each): 2.1 million lines.
        const QString path = dir.filePath(QStringLiteral("big.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray chunk = "meter_id,timestamp,value,unit,quality\n";
            const qint64 start = QDateTime(QDate(2020, 1, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
            for (int m = 0; m < 8; ++m) {
                for (qint64 i = 0; i < 262800; ++i) {
                    chunk += "BIG-" + QByteArray::number(m) + ','
                             + QDateTime::fromSecsSinceEpoch(start + i * 300, QTimeZone::utc()).toString(Qt::ISODate).toLatin1()
                             + ',' + QByteArray::number(i % 97) + ",Wh,A\n";
                    if (chunk.size() > (1 << 20)) {
                        f.write(chunk);
                        chunk.clear();
                    }
                }
            }
            f.write(chunk);
        }
        const QStringList args{QStringLiteral("--database"), db.url(), QStringLiteral("import"), QStringLiteral("--create-meters"),
                               QStringLiteral("--time-zone"), QStringLiteral("UTC"), QStringLiteral("--quarantine"),
                               dir.filePath(QStringLiteral("q")), path};
        QProcess p;
        p.setProcessEnvironment(Test::cliEnvironment());
        p.start(qEnvironmentVariable("UD_BINARY"), args);
        QVERIFY(p.waitForStarted());
        // Kill it once it is well into the file (progress goes to standard error).
        QElapsedTimer clock;
        clock.start();
        QByteArray progress;
        bool killed = false;
        while (clock.elapsed() < 120000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(50);
            progress += p.readAllStandardError();
            const QList<QByteArray> parts = progress.split('\r');
            const QByteArray last = parts.size() > 1 ? parts.at(parts.size() - 2) : QByteArray();
            const int percent = last.mid(last.lastIndexOf(' ') + 1).chopped(last.endsWith('%') ? 1 : 0).toInt();
            if (percent >= 20) {
                p.kill(); // SIGKILL: no clean-up of any kind
                killed = true;
                break;
            }
        }
        p.waitForFinished();
        QVERIFY2(killed, "the import finished before it could be killed half-way");
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        db.close();
        db.reopen();
        QCOMPARE(count(db, QStringLiteral("interval_days")), 0);
        QCOMPARE(count(db, QStringLiteral("meters")), 0);
        QCOMPARE(count(db, QStringLiteral("meter_import_files")), 0);
        QVERIFY(QFile::exists(path));

        const Run again = utilitydesk(db.url(), args.mid(2));
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains(QStringLiteral("Readings: 2102400\n")), qPrintable(again.out));
        QCOMPARE(Core::SqlQuery(db.db().connection(), QStringLiteral("SELECT SUM(present_count) FROM interval_days"))
                     .scalar().toLongLong(), 2102400);
    }
};

QTEST_GUILESS_MAIN(TestMeterCli)
#include "tst_metercli.moc"
