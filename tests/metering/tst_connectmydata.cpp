#include <core/error.h>
#include <metering/connectmydatasource.h>

#include "httpstestserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

using namespace std::chrono_literals;
using Ud::Metering::ConnectMyDataConfig;
using Ud::Metering::ConnectMyDataSource;
using Ud::Metering::MemoryFetchStateStore;
using Kind = ConnectMyDataSource::FailureKind;
using State = ConnectMyDataSource::State;
using Ud::Test::HttpsServer;
using Ud::Test::Request;
using Ud::Test::Response;
using Ud::Test::readAll;
using Ud::Test::tlsFile;

namespace {

const QString token = QStringLiteral("cmd-token-6f1c2e");
const QString subscription = QStringLiteral("/espi/1_1/resource/Batch/Subscription/7");

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

/// An ESPI feed of `readings` interval readings, with a non-ASCII title and CRLF line ends so a
/// byte-exact comparison notices any re-encoding.
QByteArray espiFeed(int readings)
{
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                     "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:espi=\"http://naesb.org/espi\">\r\n"
                     "<title>Z\xc3\xa4hler 7</title>\r\n<entry><content><espi:IntervalBlock>\r\n";
    for (int i = 0; i < readings; ++i) {
        xml += "<espi:IntervalReading><espi:timePeriod><espi:duration>900</espi:duration><espi:start>"
            + QByteArray::number(1710460800 + i * 900) + "</espi:start></espi:timePeriod><espi:value>"
            + QByteArray::number((i * 37) % 1000) + "</espi:value></espi:IntervalReading>\r\n";
    }
    xml += "</espi:IntervalBlock></content></entry>\r\n</feed>\r\n";
    return xml;
}

/// Names of everything in the inbox, .part files included.
QStringList inboxFiles(const QTemporaryDir &inbox)
{
    return QDir(inbox.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestConnectMyData : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_inbox;
    QDateTime m_now;

    ConnectMyDataConfig config(const QUrl &base) const
    {
        ConnectMyDataConfig c;
        c.baseUrl = base;
        c.resources = {subscription};
        c.accessToken = token;
        c.caBundleFile = tlsFile(QStringLiteral("ca.pem"));
        c.inboxDir = m_inbox->path();
        c.timeout = 5s;
        c.schedule.jitter = 0.0;
        c.overlap = 0s;
        c.jitterSeed = 1;
        return c;
    }

    void useManualClock(ConnectMyDataSource &source)
    {
        source.setClock([this] { return m_now; });
    }

private slots:
    void initTestCase()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
        QVERIFY(QFile::exists(tlsFile(QStringLiteral("server.pem"))));
    }

    void init()
    {
        m_inbox = std::make_unique<QTemporaryDir>();
        QVERIFY(m_inbox->isValid());
        m_now = at("2024-03-15T10:15:00Z");
    }

    void refusesPlainHttp()
    {
        ConnectMyDataConfig c = config(QUrl(QStringLiteral("http://meters.example.com")));
        const QString message = ConnectMyDataSource::validate(c);
        QCOMPARE(message, QStringLiteral("The Connect My Data address http://meters.example.com must start with https://; "
                                         "plain http would send the access token unprotected."));
        try {
            ConnectMyDataSource source(c);
            QFAIL("an http address was accepted");
        } catch (const Ud::Core::Error &e) {
            QCOMPARE(e.message(), message);
        }
        c = config(QUrl(QStringLiteral("https://meters.example.com")));
        c.resources = {QStringLiteral("http://meters.example.com/espi/1_1/resource/Batch/Subscription/7")};
        QVERIFY(ConnectMyDataSource::validate(c).startsWith(QStringLiteral("The resource http://meters.example.com/espi/")));
        c.resources = {subscription, QStringLiteral("https://meters.example.com/espi/1_1/resource/Batch/Subscription/7")};
        QCOMPARE(ConnectMyDataSource::validate(c),
                 QStringLiteral("The resource https://meters.example.com/espi/1_1/resource/Batch/Subscription/7 is listed twice."));
        c.resources = {subscription};
        QCOMPARE(ConnectMyDataSource::validate(c), QString());
    }

    void refusesAMissingCaBundleAndAMissingToken()
    {
        ConnectMyDataConfig c = config(QUrl(QStringLiteral("https://meters.example.com")));
        c.caBundleFile = m_inbox->filePath(QStringLiteral("nowhere.pem"));
        QVERIFY(ConnectMyDataSource::validate(c).startsWith(
            QStringLiteral("Cannot read the CA bundle %1: ").arg(QDir::toNativeSeparators(c.caBundleFile))));
        c.caBundleFile = tlsFile(QStringLiteral("server.key"));
        QCOMPARE(ConnectMyDataSource::validate(c),
                 QStringLiteral("The CA bundle %1 contains no PEM certificate.").arg(QDir::toNativeSeparators(c.caBundleFile)));
        c = config(QUrl(QStringLiteral("https://meters.example.com")));
        c.accessToken.clear();
        QCOMPARE(ConnectMyDataSource::validate(c), QStringLiteral("No access token is set for meters.example.com."));
    }

    void slugsAndFileNames()
    {
        QCOMPARE(ConnectMyDataSource::slugFor(QUrl(QStringLiteral("https://h/espi/1_1/resource/Batch/Subscription/7"))),
                 QStringLiteral("batch-subscription-7"));
        QCOMPARE(ConnectMyDataSource::slugFor(QUrl(QStringLiteral("https://h/DataCustodian/espi/1_1/resource/Batch/Bulk/3/"))),
                 QStringLiteral("batch-bulk-3"));
        QCOMPARE(ConnectMyDataSource::slugFor(QUrl(QStringLiteral("https://h/"))), QStringLiteral("resource"));
        QCOMPARE(ConnectMyDataSource::fileNameFor(QStringLiteral("batch-subscription-7"), at("2024-03-15T11:15:09+01:00")),
                 QStringLiteral("batch-subscription-7-20240315T101509Z.xml"));
    }

    // (1) a 200 answer lands in the inbox byte for byte, and the bearer token reached the server
    void writesTheBodyToTheInbox()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        QVERIFY(server.isListening());
        const QByteArray body = espiFeed(6000); // ~800 KB: many reads, more than Qt's read buffer
        QVERIFY(body.size() > 700'000);
        server.enqueue({200, "OK", {}, body});
        MemoryFetchStateStore store;
        ConnectMyDataSource source(config(server.baseUrl()), &store);
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        QSignalSpy started(&source, &ConnectMyDataSource::fetchStarted);
        source.start();
        QCOMPARE(source.status().state, State::Fetching);
        QVERIFY(finished.wait(8000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(started.count(), 1);

        const QString key = server.baseUrl().toString() + subscription;
        QCOMPARE(source.resources(), QStringList{key});
        QCOMPARE(finished.at(0).at(0).toString(), key);
        QCOMPARE(finished.at(0).at(1).toLongLong(), qint64(body.size()));
        const QString file = m_inbox->filePath(QStringLiteral("batch-subscription-7-20240315T101500Z.xml"));
        QCOMPARE(finished.at(0).at(2).toString(), file);
        QCOMPARE(inboxFiles(*m_inbox), QStringList{QStringLiteral("batch-subscription-7-20240315T101500Z.xml")});
        QVERIFY(readAll(file) == body);

        QCOMPARE(server.requests.size(), 1);
        const Request &request = server.requests.first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.url.path(), subscription);
        QVERIFY(!request.url.hasQuery());
        QCOMPARE(request.headers.value("authorization"), "Bearer " + token.toUtf8());
        QVERIFY(request.headers.value("accept").contains("application/atom+xml"));

        QCOMPARE(store.lastFetch(key), m_now);
        const ConnectMyDataSource::Status status = source.status();
        QCOMPARE(status.state, State::Waiting);
        QCOMPARE(status.lastSuccess, m_now);
        QCOMPARE(status.nextAttempt, at("2024-03-15T16:15:00Z"));
        QVERIFY(status.lastError.isEmpty());
    }

    // (2) the next fetch asks only for what changed since the last one
    void theSecondFetchSendsTheLastFetchTime()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({200, "OK", {}, espiFeed(3)});
        server.enqueue({204, "No Content", {}, {}});
        ConnectMyDataConfig c = config(server.baseUrl());
        c.incrementalParameters = ConnectMyDataConfig::UpdatedMin | ConnectMyDataConfig::PublishedMin;
        c.overlap = 60s;
        MemoryFetchStateStore store;
        ConnectMyDataSource source(c, &store);
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        QVERIFY(finished.wait(5000));
        m_now = at("2024-03-15T16:15:00Z");
        source.fetchNow();
        QVERIFY(finished.wait(5000));

        QCOMPARE(server.requests.size(), 2);
        QVERIFY(!server.requests.at(0).url.hasQuery());
        const QUrlQuery query(server.requests.at(1).url);
        QCOMPARE(query.queryItemValue(QStringLiteral("updated-min"), QUrl::FullyDecoded), QStringLiteral("2024-03-15T10:14:00Z"));
        QCOMPARE(query.queryItemValue(QStringLiteral("published-min"), QUrl::FullyDecoded), QStringLiteral("2024-03-15T10:14:00Z"));
        QCOMPARE(server.requests.at(1).headers.value("authorization"), "Bearer " + token.toUtf8());
        QCOMPARE(store.lastFetch(source.resources().first()), at("2024-03-15T16:15:00Z"));
    }

    void aRememberedFetchDelaysThePollAndSendsUpdatedMinOnly()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({204, "No Content", {}, {}});
        MemoryFetchStateStore store;
        store.setLastFetch(server.baseUrl().toString() + subscription, at("2024-03-15T08:00:00Z"));
        ConnectMyDataSource source(config(server.baseUrl()), &store);
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        QCOMPARE(source.status().state, State::Waiting);
        QCOMPARE(source.status().nextAttempt, at("2024-03-15T14:00:00Z"));
        QTest::qWait(200);
        QCOMPARE(server.requests.size(), 0);

        source.fetchNow();
        QVERIFY(finished.wait(5000));
        QCOMPARE(server.requests.size(), 1);
        const QUrlQuery query(server.requests.at(0).url);
        QCOMPARE(query.queryItemValue(QStringLiteral("updated-min"), QUrl::FullyDecoded), QStringLiteral("2024-03-15T08:00:00Z"));
        QVERIFY(!query.hasQueryItem(QStringLiteral("published-min")));
    }

    // (3) nothing new: nothing written, but the fetch counts as a success
    void nothingNewWritesNothing_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("204") << 204 << QByteArray("No Content");
        QTest::newRow("304") << 304 << QByteArray("Not Modified");
        QTest::newRow("empty 200") << 200 << QByteArray("OK");
    }

    void nothingNewWritesNothing()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({status, reason, {}, {}});
        MemoryFetchStateStore store;
        ConnectMyDataSource source(config(server.baseUrl()), &store);
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        source.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.at(0).at(1).toLongLong(), qint64(0));
        QCOMPARE(finished.at(0).at(2).toString(), QString());
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
        QCOMPARE(store.lastFetch(source.resources().first()), m_now);
        QCOMPARE(source.status().nextAttempt, at("2024-03-15T16:15:00Z"));
    }

    // (4) a refused token: a failure naming the host, backed off, no file
    void aRefusedTokenFailsNamingTheHost_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("401") << 401 << QByteArray("Unauthorized");
        QTest::newRow("403") << 403 << QByteArray("Forbidden");
    }

    void aRefusedTokenFailsNamingTheHost()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({status, reason, {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}}, "{\"error\":\"invalid_token\"}"});
        MemoryFetchStateStore store;
        ConnectMyDataSource source(config(server.baseUrl()), &store);
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        QSignalSpy statuses(&source, &ConnectMyDataSource::statusChanged);
        source.start();
        QVERIFY(failed.wait(5000));
        const QString message = failed.at(0).at(1).toString();
        QVERIFY(statuses.count() >= 2);
        QCOMPARE(statuses.first().at(0).value<ConnectMyDataSource::Status>().state, State::Fetching);
        const auto reported = statuses.last().at(0).value<ConnectMyDataSource::Status>();
        QCOMPARE(reported.state, State::BackingOff);
        QCOMPARE(reported.nextAttempt, at("2024-03-15T10:15:30Z"));
        QCOMPARE(reported.lastError, message);
        QCOMPARE(message, QStringLiteral("The access token was refused by %1 (%2 %3); the customer may need to authorise "
                                         "the connection again.").arg(server.host()).arg(status).arg(QString::fromLatin1(reason)));
        QVERIFY(!message.contains(token));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Unauthorized);
        QCOMPARE(failed.at(0).at(3).toDateTime(), at("2024-03-15T10:15:30Z"));
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
        QVERIFY(!store.lastFetch(source.resources().first()).isValid());
        const ConnectMyDataSource::Status s = source.status();
        QCOMPARE(s.state, State::BackingOff);
        QCOMPARE(s.nextAttempt, at("2024-03-15T10:15:30Z"));
        QCOMPARE(s.consecutiveFailures, 1);
        QCOMPARE(s.lastError, message);
        QTest::qWait(300);
        QCOMPARE(server.requests.size(), 1); // no retry storm
    }

    // (5) a busy server: Retry-After sets the next attempt
    void aBusyServerIsRetriedWhenItAsks_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QDateTime>("nextAttempt");
        QTest::newRow("503, seconds") << 503 << QByteArray("Service Unavailable") << QByteArray("120") << at("2024-03-15T10:17:00Z");
        QTest::newRow("429, HTTP date") << 429 << QByteArray("Too Many Requests")
                                        << QByteArray("Fri, 15 Mar 2024 10:20:00 GMT") << at("2024-03-15T10:20:00Z");
        QTest::newRow("500, none") << 500 << QByteArray("Internal Server Error") << QByteArray() << at("2024-03-15T10:15:30Z");
    }

    void aBusyServerIsRetriedWhenItAsks()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QFETCH(QByteArray, retryAfter);
        QFETCH(QDateTime, nextAttempt);
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        Response r{status, reason, {}, "try later"};
        if (!retryAfter.isEmpty())
            r.headers.append({"Retry-After", retryAfter});
        server.enqueue(r);
        ConnectMyDataConfig c = config(server.baseUrl());
        c.schedule.jitter = 0.2; // Retry-After is exact even with jitter on
        if (retryAfter.isEmpty())
            c.schedule.jitter = 0.0;
        ConnectMyDataSource source(c);
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        source.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Server);
        QCOMPARE(failed.at(0).at(3).toDateTime(), nextAttempt);
        QVERIFY(failed.at(0).at(1).toString().contains(server.host()));
        QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("%1 %2").arg(status).arg(QString::fromLatin1(reason))));
        QCOMPARE(source.status().state, State::BackingOff);
        QCOMPARE(source.status().nextAttempt, nextAttempt);
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
    }

    void otherClientErrorsCarryTheStatusText()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({404, "Not Found", {}, "<error/>"});
        ConnectMyDataSource source(config(server.baseUrl()));
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        source.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(1).toString(),
                 QStringLiteral("The server %1 refused the request for batch-subscription-7 (404 Not Found).").arg(server.host()));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Rejected);
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
    }

    // (6) certificates the client must not accept
    void untrustedCertificatesFailClearly_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("caBundle");
        QTest::addColumn<bool>("trustSystem");
        QTest::addColumn<QString>("reason");
        const QString untrusted = QStringLiteral("the server's certificate is not signed by a trusted authority");
        QTest::newRow("other CA, bundle and system store")
            << QStringLiteral("other-server.pem") << QStringLiteral("other-server.key") << QStringLiteral("ca.pem") << true << untrusted;
        QTest::newRow("other CA, bundle only")
            << QStringLiteral("other-server.pem") << QStringLiteral("other-server.key") << QStringLiteral("ca.pem") << false << untrusted;
        QTest::newRow("test CA, system store only")
            << QStringLiteral("server.pem") << QStringLiteral("server.key") << QString() << true << untrusted;
        QTest::newRow("trusted CA, other host name")
            << QStringLiteral("wronghost.pem") << QStringLiteral("wronghost.key") << QStringLiteral("ca.pem") << false
            << QStringLiteral("the server's certificate belongs to meters.example.invalid, not to this address");
    }

    void untrustedCertificatesFailClearly()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, caBundle);
        QFETCH(bool, trustSystem);
        QFETCH(QString, reason);
        HttpsServer server(cert, key);
        server.enqueue({200, "OK", {}, espiFeed(3)});
        ConnectMyDataConfig c = config(server.baseUrl());
        c.caBundleFile = caBundle.isEmpty() ? QString() : tlsFile(caBundle);
        c.trustSystemCertificates = trustSystem;
        ConnectMyDataSource source(c);
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("The secure connection to %1 failed: %2.").arg(server.host(), reason));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Tls);
        QCOMPARE(server.requests.size(), 0); // the token never left the client
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
    }

    void presentsTheClientCertificate()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"), QStringLiteral("ca.pem"));
        const QByteArray body = espiFeed(10);
        server.enqueue({200, "OK", {}, body});
        ConnectMyDataConfig c = config(server.baseUrl());
        c.clientCertificateFile = tlsFile(QStringLiteral("client.pem"));
        c.clientKeyFile = tlsFile(QStringLiteral("client.key"));
        ConnectMyDataSource source(c);
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first().peerCertificateName, QStringLiteral("meter-sync client"));
        QVERIFY(readAll(finished.at(0).at(2).toString()) == body);
    }

    // (7) a body over the cap: failure, nothing in the inbox, no .part left
    void aBodyOverTheCapLeavesNothing_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("Content-Length") << false;
        QTest::newRow("chunked, no length") << true;
    }

    void aBodyOverTheCapLeavesNothing()
    {
        QFETCH(bool, chunked);
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        // larger than one 64 KiB read under the cap, so without a length the .part file exists
        // before the cap is hit
        Response r{200, "OK", {}, espiFeed(4000)};
        QVERIFY(r.body.size() > 400'000);
        r.chunked = chunked;
        server.enqueue(r);
        ConnectMyDataConfig c = config(server.baseUrl());
        c.maxBodyBytes = 200'000;
        MemoryFetchStateStore store;
        ConnectMyDataSource source(c, &store);
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::TooLarge);
        QCOMPARE(failed.at(0).at(1).toString(),
                 QStringLiteral("The answer from %1 for batch-subscription-7 is larger than the limit of %2; nothing was saved.")
                     .arg(server.host(), QLocale().formattedDataSize(200'000)));
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
        QVERIFY(!store.lastFetch(source.resources().first()).isValid());
    }

    // (8) cancelling mid-download removes the partial file and stops polling
    void cancelMidDownloadLeavesNothing()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        Response slow;
        slow.slowLength = 10'000'000;
        slow.slowChunk = 2000;
        slow.slowEveryMs = 20;
        server.enqueue(slow);
        ConnectMyDataSource source(config(server.baseUrl()));
        useManualClock(source);
        QSignalSpy cancelled(&source, &ConnectMyDataSource::fetchCancelled);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.start();
        const QString part = m_inbox->filePath(QStringLiteral("batch-subscription-7-20240315T101500Z.xml.part"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 4000, 5000);
        QCOMPARE(source.status().state, State::Fetching);
        QCOMPARE(source.status().resource, source.resources().first());

        source.cancel();
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(cancelled.at(0).at(0).toString(), source.resources().first());
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
        QCOMPARE(source.status().state, State::Stopped);
        QTRY_COMPARE_WITH_TIMEOUT(server.disconnects, 1, 3000); // the connection was really dropped
        QTest::qWait(200);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
    }

    void destroyingMidDownloadLeavesNothing()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        Response slow;
        slow.slowLength = 10'000'000;
        slow.slowChunk = 2000;
        slow.slowEveryMs = 20;
        server.enqueue(slow);
        auto source = std::make_unique<ConnectMyDataSource>(config(server.baseUrl()));
        useManualClock(*source);
        source->start();
        const QString part = m_inbox->filePath(QStringLiteral("batch-subscription-7-20240315T101500Z.xml.part"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 4000, 5000);
        source.reset(); // the worker shutting down
        QCOMPARE(inboxFiles(*m_inbox), QStringList());
        QTRY_COMPARE_WITH_TIMEOUT(server.disconnects, 1, 3000);
    }

    void runsInAWorkerThread()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        const QByteArray body = espiFeed(500);
        server.enqueue({200, "OK", {}, body});
        QThread worker;
        auto *source = new ConnectMyDataSource(config(server.baseUrl()));
        source->moveToThread(&worker);
        connect(&worker, &QThread::finished, source, &QObject::deleteLater);
        QThread *emittedIn = nullptr;
        connect(source, &ConnectMyDataSource::fetchStarted, source, [&emittedIn] { emittedIn = QThread::currentThread(); },
                Qt::DirectConnection);
        QString file;
        connect(source, &ConnectMyDataSource::fetchFinished, this,
                [&file](const QString &, qint64, const QString &written) { file = written; });
        ConnectMyDataSource::State reported = State::Stopped;
        connect(source, &ConnectMyDataSource::statusChanged, this,
                [&reported](const ConnectMyDataSource::Status &status) { reported = status.state; });
        worker.start();
        QMetaObject::invokeMethod(source, &ConnectMyDataSource::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!file.isEmpty(), 5000);
        QCOMPARE(emittedIn, &worker);
        QVERIFY(readAll(file) == body);
        QTRY_COMPARE_WITH_TIMEOUT(reported, State::Waiting, 2000);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

    void aSilentServerTimesOut()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        Response silent;
        silent.silent = true;
        server.enqueue(silent);
        ConnectMyDataConfig c = config(server.baseUrl());
        c.timeout = 1s;
        ConnectMyDataSource source(c);
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        source.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(1).toString(),
                 QStringLiteral("The server %1 sent nothing for 1 second(s); the download of batch-subscription-7 was abandoned.")
                     .arg(server.host()));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Network);
    }

    void anUnreachableServerFails()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QUrl base(QStringLiteral("https://127.0.0.1"));
        base.setPort(port);
        ConnectMyDataSource source(config(base));
        useManualClock(source);
        QSignalSpy failed(&source, &ConnectMyDataSource::fetchFailed);
        source.start();
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(1).toString().startsWith(QStringLiteral("Cannot reach 127.0.0.1:%1: ").arg(port)));
        QCOMPARE(failed.at(0).at(2).value<Kind>(), Kind::Network);
        QCOMPARE(failed.at(0).at(3).toDateTime(), at("2024-03-15T10:15:30Z"));
    }

    void twoDownloadsInOneSecondGetTwoFiles()
    {
        HttpsServer server(QStringLiteral("server.pem"), QStringLiteral("server.key"));
        server.enqueue({200, "OK", {}, espiFeed(1)});
        server.enqueue({200, "OK", {}, espiFeed(2)});
        ConnectMyDataSource source(config(server.baseUrl()));
        useManualClock(source);
        QSignalSpy finished(&source, &ConnectMyDataSource::fetchFinished);
        source.fetchNow();
        QVERIFY(finished.wait(5000));
        source.fetchNow();
        QVERIFY(finished.wait(5000));
        QCOMPARE(inboxFiles(*m_inbox), (QStringList{QStringLiteral("batch-subscription-7-20240315T101500Z-2.xml"),
                                                    QStringLiteral("batch-subscription-7-20240315T101500Z.xml")}));
        QVERIFY(readAll(finished.at(1).at(2).toString()) == espiFeed(2));
    }
};

QTEST_GUILESS_MAIN(TestConnectMyData)
#include "tst_connectmydata.moc"
