#include "httpstestserver.h"
#include "meteringfixture.h"

#include <core/error.h>
#include <core/sqlquery.h>
#include <metering/greenbuttonwriter.h>
#include <metering/metersyncworker.h>
#include <metering/syncsourcesfile.h>

#include <QBuffer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;
using Metering::FileResult;
using Metering::MeterSyncWorker;
using Test::HttpsServer;
using Test::MeteringFixture;
using Test::Response;
using Test::tlsFile;

namespace {
const QString Subscription = QStringLiteral("/espi/1_1/resource/Batch/Subscription/7");

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &content,
              QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(content);
    f.close();
    f.setPermissions(permissions);
    return f.fileName();
}

QString errorOf(const QString &path)
{
    try {
        Metering::SyncSourcesFile::read(path);
    } catch (const Ud::Core::Error &e) {
        return e.message();
    }
    return {};
}
} // namespace

class TestMeterSyncRemote : public QObject
{
    Q_OBJECT

private slots:
    void readsTheSourcesFile()
    {
        QTemporaryDir dir;
        const QString token = write(dir, QStringLiteral("token"), "secret-token\n");
        const QString json = write(dir, QStringLiteral("sources.json"),
                                   QStringLiteral("{\"base_url\": \"https://127.0.0.1:8443\", \"resources\": [\"%1\"], "
                                                  "\"access_token_file\": \"%2\", \"inbox\": \"%3\", \"ca_bundle\": \"%4\", "
                                                  "\"trust_system_certificates\": false, \"poll_seconds\": 3600}")
                                       .arg(Subscription, token, dir.filePath(QStringLiteral("inbox")), tlsFile(QStringLiteral("ca.pem")))
                                       .toUtf8());
        const auto sources = Metering::SyncSourcesFile::read(json);
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources.constFirst().baseUrl, QUrl(QStringLiteral("https://127.0.0.1:8443")));
        QCOMPARE(sources.constFirst().resources, QStringList{Subscription});
        QCOMPARE(sources.constFirst().accessToken, QStringLiteral("secret-token"));
        QCOMPARE(sources.constFirst().trustSystemCertificates, false);
        QCOMPARE(sources.constFirst().schedule.pollInterval, std::chrono::seconds(3600));

        const QString http = write(dir, QStringLiteral("http.json"),
                                   QStringLiteral("[{\"base_url\": \"http://x\", \"resources\": [\"/a\"], \"access_token_file\": \"%1\", "
                                                  "\"inbox\": \"/tmp\"}]").arg(token).toUtf8());
        QCOMPARE(errorOf(http), http + QStringLiteral(", source 1, field \"base_url\": expected an https:// address."));
        const QString open = write(dir, QStringLiteral("open-token"), "t", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const QString leaky = write(dir, QStringLiteral("leaky.json"),
                                    QStringLiteral("{\"base_url\": \"https://x\", \"resources\": [\"/a\"], \"access_token_file\": \"%1\", "
                                                   "\"inbox\": \"/tmp\"}").arg(open).toUtf8());
        QCOMPARE(errorOf(leaky), leaky + QStringLiteral(", source 1, field \"access_token_file\": %1 can be read or changed by "
                                                        "other users; allow its owner only (chmod 600).").arg(open));
        const QString missing = write(dir, QStringLiteral("missing.json"), "{\"base_url\": \"https://x\"}");
        QCOMPARE(errorOf(missing), missing + QStringLiteral(", source 1, field \"resources\": expected a list of one or more "
                                                            "resource paths."));
        const QString broken = write(dir, QStringLiteral("broken.json"), "{\"base_url\": ");
        QVERIFY(errorOf(broken).startsWith(broken + QStringLiteral(" is not valid JSON at character ")));
    }

    void downloadsAndImports_data() { Test::addBackendRows(); }
    void downloadsAndImports()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        QVERIFY(server.isListening());
        QByteArray feed;
        {
            QBuffer buffer(&feed);
            buffer.open(QIODevice::WriteOnly);
            Metering::GreenButtonFeed spec;
            spec.days = 1;
            QCOMPARE(Metering::GreenButtonWriter::write(buffer, spec), 96);
        }
        server.enqueue(Response{200, "OK", {}, feed});

        QTemporaryDir inbox;
        Metering::ConnectMyDataConfig remote;
        remote.baseUrl = server.baseUrl();
        remote.resources = {Subscription};
        remote.accessToken = QStringLiteral("cmd-token");
        remote.caBundleFile = tlsFile(QStringLiteral("ca.pem"));
        remote.trustSystemCertificates = false;
        remote.inboxDir = inbox.path();
        Metering::MeterSyncConfig config;
        config.remotes = {remote};
        config.import.createMeters = true;
        MeterSyncWorker worker(f.context, f.supervisor(), config);
        QSignalSpy finished(&worker, &MeterSyncWorker::fileFinished);
        worker.start();
        QVERIFY(finished.wait(15000));
        const FileResult r = finished.constFirst().at(0).value<FileResult>();
        QVERIFY2(r.status == FileResult::Status::Imported, qPrintable(r.message));
        QCOMPARE(r.readings, 96);
        QCOMPARE(r.createdMeters, QStringList{Metering::GreenButtonWriter::usagePointId(1).toUpper()});
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.constFirst().headers.value("authorization"), QByteArray("Bearer cmd-token"));
        QCOMPARE(QDir(inbox.filePath(QStringLiteral("processed"))).entryList(QDir::Files).size(), 1);
        QCOMPARE(worker.state().filesImported, 1);
        QCOMPARE(worker.state().remotes.size(), 1);
        worker.stop();
        QCOMPARE(Core::SqlQuery(tdb.db().connection(), QStringLiteral("SELECT COUNT(*) FROM meter_sync_state")).scalar().toInt(), 1);
        QCOMPARE(Core::SqlQuery(tdb.db().connection(), QStringLiteral("SELECT source FROM meter_import_runs")).scalar().toString(),
                 QStringLiteral("https"));
    }
};

QTEST_GUILESS_MAIN(TestMeterSyncRemote)
#include "tst_metersyncremote.moc"
