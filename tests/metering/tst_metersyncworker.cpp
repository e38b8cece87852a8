#include "meteringfixture.h"
#include "testformat.h"

#include <core/sqlquery.h>
#include <metering/metersyncworker.h>
#include <metering/readingstore.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;
using Metering::FileResult;
using Metering::MeterSyncConfig;
using Metering::MeterSyncState;
using Metering::MeterSyncWorker;
using Test::MeteringFixture;

namespace {

QByteArray readingsOf(const QString &key, qint64 base)
{
    QByteArray text = "UDTEST\n";
    const qint64 start = QDateTime(QDate(2024, 3, 10), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    for (int i = 0; i < 48; ++i)
        text += QStringLiteral("%1,import,%2,1800,%3,A\n")
                    .arg(key, QDateTime::fromSecsSinceEpoch(start + i * 1800, QTimeZone::utc()).toString(Qt::ISODate))
                    .arg(base + i)
                    .toLatin1();
    return text;
}

/// Writes a file; `settled` back-dates it so the worker takes it at once.
QString drop(const QString &dir, const QString &name, const QByteArray &content, bool settled = true)
{
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    f.flush(); // or closing would write, and stamp, the file after its time was set
    if (settled)
        f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60), QFileDevice::FileModificationTime);
    return path;
}

MeterSyncConfig configFor(const QString &dir)
{
    MeterSyncConfig c;
    c.watchDirs = {dir};
    c.pollSeconds = 1;
    c.settleSeconds = 5;
    return c;
}

qint64 presentReadings(Core::Database &db)
{
    return Core::SqlQuery(db.connection(), QStringLiteral("SELECT COALESCE(SUM(present_count), 0) FROM interval_days"))
        .scalar(0)
        .toLongLong();
}

} // namespace

class TestMeterSyncWorker : public QObject
{
    Q_OBJECT

private slots:
    void importsSettledFilesOnly_data() { Test::addBackendRows(); }
    void importsSettledFilesOnly()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString ready = drop(dir.path(), QStringLiteral("a.txt"), readingsOf(QStringLiteral("M-1"), 10));
        const QString growing = drop(dir.path(), QStringLiteral("b.txt"), readingsOf(QStringLiteral("M-1"), 20), false);
        const QString partial = drop(dir.path(), QStringLiteral("c.txt.part"), readingsOf(QStringLiteral("M-1"), 30));
        MeterSyncWorker worker(f.context, f.supervisor(), configFor(dir.path()), Test::testFormats());
        QSignalSpy finished(&worker, &MeterSyncWorker::fileFinished);
        const auto summary = worker.scanNow();
        QCOMPARE(summary.files.size(), 1);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<FileResult>().path, ready);
        QVERIFY(!QFile::exists(ready));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("processed/a.txt"))));
        QVERIFY(QFile::exists(growing));   // written seconds ago: left for a later scan
        QVERIFY(QFile::exists(partial));   // still being downloaded
        QCOMPARE(presentReadings(tdb.db()), 48);
        const MeterSyncState state = worker.state();
        QCOMPARE(state.filesImported, 1);
        QCOMPARE(state.readings, 48);
        QCOMPARE(state.filesRejected, 0);
        QVERIFY(state.lastScanAt > 0);

        // A file that changed since the last scan waits one more scan; the same name again
        // does not overwrite the processed one.
        QFile written(growing);
        QVERIFY(written.open(QIODevice::Append));
        QVERIFY(written.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60), QFileDevice::FileModificationTime));
        written.close();
        drop(dir.path(), QStringLiteral("a.txt"), readingsOf(QStringLiteral("M-1"), 10));
        QCOMPARE(worker.scanNow().files.size(), 1);
        QVERIFY(QFile::exists(growing));
        QCOMPARE(worker.scanNow().files.size(), 1);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("processed/b.txt"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("processed/a-1.txt"))));
        QCOMPARE(worker.state().filesImported, 3);
    }

    void rejectedFilesGoToQuarantine_data() { Test::addBackendRows(); }
    void rejectedFilesGoToQuarantine()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        const QString bad = drop(dir.path(), QStringLiteral("bad.txt"), readingsOf(QStringLiteral("M-1"), 10) + "x\n");
        MeterSyncWorker worker(f.context, f.supervisor(), configFor(dir.path()), Test::testFormats());
        const auto summary = worker.scanNow();
        QCOMPARE(summary.rejected(), 1);
        QVERIFY(!QFile::exists(bad));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("quarantine/bad.txt"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("quarantine/bad.txt.reason"))));
        QCOMPARE(worker.state().filesRejected, 1);
        QCOMPARE(worker.state().lastError, bad + QStringLiteral(", line 50: expected six fields"));
        QCOMPARE(presentReadings(tdb.db()), 0);
    }

    void runsOnItsOwnThread_data() { Test::addBackendRows(); }
    void runsOnItsOwnThread()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        QTemporaryDir dir;
        Metering::MeterSyncThread thread(f.context, f.supervisor(), configFor(dir.path()));
        QSignalSpy states(thread.worker(), &MeterSyncWorker::stateChanged);
        thread.start();
        QVERIFY(thread.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 5000);
        QCOMPARE(states.constFirst().at(0).value<MeterSyncState>().phase, MeterSyncState::Phase::Idle);
        thread.stop();
        QVERIFY(!thread.isRunning());
        QCOMPARE(thread.worker()->state().phase, MeterSyncState::Phase::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestMeterSyncWorker)
#include "tst_metersyncworker.moc"
