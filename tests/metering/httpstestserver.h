#pragma once

// A small HTTPS test server on 127.0.0.1 with the certificates of tests/data/tls, shared by the
// tests of the Connect My Data source and of the meter-sync worker.

#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Ud::Test {

inline QString tlsFile(const QString &name)
{
    const QByteArray root = qgetenv("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return QDir(QString::fromLocal8Bit(root) + QStringLiteral("/tests/data/tls")).filePath(name);
    return QDir(QFINDTESTDATA("../data/tls")).filePath(name);
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Response
{
    int status = 200;
    QByteArray reason = "OK";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool chunked = false;
    /// Slow mode: announce `slowLength` bytes, then send `slowChunk` bytes every `slowEveryMs`.
    qint64 slowLength = 0;
    int slowChunk = 0;
    int slowEveryMs = 0;
    /// Accept the request and never answer (timeout test).
    bool silent = false;
};

struct Request
{
    QByteArray method;
    QUrl url;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QString peerCertificateName;
};

/// A one-request-per-connection HTTPS/1.1 server on 127.0.0.1 that answers with canned responses
/// and records what it was asked.
class HttpsServer : public QObject
{
public:
    HttpsServer(const QString &cert, const QString &key, const QString &clientCa = {})
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate(readAll(tlsFile(cert)), QSsl::Pem));
        conf.setPrivateKey(QSslKey(readAll(tlsFile(key)), QSsl::Ec, QSsl::Pem));
        if (clientCa.isEmpty()) {
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else {
            conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
            conf.setCaCertificates(QSslCertificate::fromData(readAll(tlsFile(clientCa)), QSsl::Pem));
        }
        m_server.setSslConfiguration(conf);
        m_server.setHandshakeTimeout(5000);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpsServer::accept);
        m_listening = m_server.listen(QHostAddress::LocalHost, 0);
    }

    bool isListening() const { return m_listening; }
    QUrl baseUrl() const
    {
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(m_server.serverPort());
        return url;
    }
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }
    void enqueue(const Response &response) { m_queue.append(response); }

    QList<Request> requests;
    int disconnects = 0;

private:
    void accept()
    {
        while (m_server.hasPendingConnections()) {
            auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
            if (!socket)
                continue;
            connect(socket, &QIODevice::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
                ++disconnects;
                socket->deleteLater();
            });
            read(socket);
        }
    }

    void read(QSslSocket *socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        socket->setProperty("buffer", buffer);
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0 || socket->property("answered").toBool())
            return;
        socket->setProperty("answered", true);
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        Request request;
        request.method = requestLine.value(0);
        request.url = QUrl::fromEncoded(requestLine.value(1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        if (!socket->peerCertificate().isNull())
            request.peerCertificateName = socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
        requests.append(request);
        respond(socket, m_queue.isEmpty() ? Response{500, "No Canned Response", {}, {}} : m_queue.takeFirst());
    }

    static void respond(QSslSocket *socket, const Response &r)
    {
        if (r.silent)
            return;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + r.reason + "\r\nConnection: close\r\n";
        for (const auto &[name, value] : r.headers)
            head += name + ": " + value + "\r\n";
        if (r.slowLength > 0) {
            socket->write(head + "Content-Type: application/atom+xml\r\nContent-Length: " + QByteArray::number(r.slowLength) + "\r\n\r\n");
            auto *timer = new QTimer(socket);
            auto sent = std::make_shared<qint64>(0);
            connect(timer, &QTimer::timeout, socket, [socket, timer, sent, r] {
                const qint64 n = std::min<qint64>(r.slowChunk, r.slowLength - *sent);
                socket->write(QByteArray(n, 'x'));
                *sent += n;
                if (*sent >= r.slowLength)
                    timer->stop();
            });
            timer->start(r.slowEveryMs);
            return;
        }
        if (r.chunked) {
            head += "Content-Type: application/atom+xml\r\nTransfer-Encoding: chunked\r\n\r\n";
            socket->write(head);
            for (qsizetype i = 0; i < r.body.size(); i += 1000) {
                const QByteArray piece = r.body.mid(i, 1000);
                socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
            }
            socket->write("0\r\n\r\n");
        } else {
            if (!r.body.isEmpty() || r.status == 200)
                head += "Content-Type: application/atom+xml\r\n";
            if (r.status != 204 && r.status != 304)
                head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
            socket->write(head + "\r\n" + r.body);
        }
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    QList<Response> m_queue;
    bool m_listening = false;
};

} // namespace Ud::Test
