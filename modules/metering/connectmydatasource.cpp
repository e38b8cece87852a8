#include "connectmydatasource.h"

#include <core/error.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#endif

namespace Ud::Metering {

using std::chrono::seconds;

struct ConnectMyDataSource::Resource
{
    QString key;
    QUrl url;
    QString slug;
    FetchSchedule schedule;
    bool forced = false;
};

struct ConnectMyDataSource::Transfer
{
    int index = -1;
    QNetworkReply *reply = nullptr;
    QDateTime startedAt;
    QString finalPath;
    std::unique_ptr<QFile> part; ///< open while the body streams in; reset once renamed
    qint64 bytes = 0;
    QList<QSslError> sslErrors;
};

namespace {

constexpr qint64 readChunk = 64 * 1024;
constexpr qint64 replyBuffer = 256 * 1024;
constexpr qint64 maxTimerMs = 24LL * 3600 * 1000;

QString httpsRefusal(const QString &what, const QUrl &url)
{
    return what.isEmpty()
        ? ConnectMyDataSource::tr("The Connect My Data address %1 must start with https://; plain http would send the access token unprotected.")
              .arg(url.toDisplayString())
        : ConnectMyDataSource::tr("The resource %1 must use https://; plain http would send the access token unprotected.")
              .arg(url.toDisplayString());
}

QString hostOf(const QUrl &url)
{
    const int port = url.port();
    return port > 0 && port != 443 ? QStringLiteral("%1:%2").arg(url.host()).arg(port) : url.host();
}

QUrl resolveResource(const QUrl &base, const QString &resource)
{
    const QUrl asGiven(resource);
    if (!asGiven.scheme().isEmpty())
        return asGiven;
    // Appended to the base path (not QUrl::resolved): "/espi/..." under
    // https://host/DataCustodian must keep the /DataCustodian prefix.
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QString tail = asGiven.path();
    while (tail.startsWith(QLatin1Char('/')))
        tail.remove(0, 1);
    QUrl url = base;
    url.setPath(path + QLatin1Char('/') + tail);
    url.setQuery(asGiven.query());
    url.setFragment(QString());
    return url;
}

struct Prepared
{
    QSslConfiguration ssl;
    std::vector<QUrl> urls;
};

QString loadPem(const QString &file, QByteArray *data)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return f.errorString();
    *data = f.readAll();
    return {};
}

/// Everything validate() checks, producing what the source needs; the error when unusable.
QString prepare(const ConnectMyDataConfig &config, Prepared *out)
{
    if (config.baseUrl.isEmpty())
        return ConnectMyDataSource::tr("The Connect My Data address is empty.");
    if (!config.baseUrl.isValid() || config.baseUrl.host().isEmpty())
        return ConnectMyDataSource::tr("The Connect My Data address %1 is not a valid URL.").arg(config.baseUrl.toDisplayString());
    if (config.baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
        return httpsRefusal({}, config.baseUrl);
    if (config.resources.isEmpty())
        return ConnectMyDataSource::tr("No Connect My Data resource is configured for %1.").arg(hostOf(config.baseUrl));
    for (const QString &resource : config.resources) {
        const QUrl url = resolveResource(config.baseUrl, resource.trimmed());
        if (!url.isValid() || url.host().isEmpty() || resource.trimmed().isEmpty())
            return ConnectMyDataSource::tr("The resource %1 is not a valid path or URL.").arg(resource);
        if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
            return httpsRefusal(resource, url);
        if (std::find(out->urls.cbegin(), out->urls.cend(), url) != out->urls.cend())
            return ConnectMyDataSource::tr("The resource %1 is listed twice.").arg(url.toDisplayString());
        out->urls.push_back(url);
    }
    if (config.accessToken.trimmed().isEmpty())
        return ConnectMyDataSource::tr("No access token is set for %1.").arg(hostOf(config.baseUrl));
    if (config.inboxDir.trimmed().isEmpty())
        return ConnectMyDataSource::tr("No inbox folder is set for downloaded meter data.");
    if (config.maxBodyBytes <= 0)
        return ConnectMyDataSource::tr("The download size limit must be more than zero.");
    if (config.timeout.count() <= 0)
        return ConnectMyDataSource::tr("The network timeout must be more than zero seconds.");
    if (config.schedule.pollInterval.count() <= 0)
        return ConnectMyDataSource::tr("The poll interval must be more than zero seconds.");
    if (config.schedule.firstRetry.count() <= 0 || config.schedule.maxRetry < config.schedule.firstRetry)
        return ConnectMyDataSource::tr("The first retry delay must be more than zero seconds and not above the longest retry delay.");
    if (!(config.schedule.jitter >= 0.0 && config.schedule.jitter < 1.0))
        return ConnectMyDataSource::tr("The retry jitter must be at least 0 and below 1.");
    if (!QSslSocket::supportsSsl())
        return ConnectMyDataSource::tr("This computer has no TLS support (the OpenSSL 3 library was not found).");

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    QList<QSslCertificate> authorities;
    if (!config.caBundleFile.isEmpty()) {
        QByteArray pem;
        const QString error = loadPem(config.caBundleFile, &pem);
        if (!error.isEmpty())
            return ConnectMyDataSource::tr("Cannot read the CA bundle %1: %2.").arg(QDir::toNativeSeparators(config.caBundleFile), error);
        authorities = QSslCertificate::fromData(pem, QSsl::Pem);
        if (authorities.isEmpty())
            return ConnectMyDataSource::tr("The CA bundle %1 contains no PEM certificate.").arg(QDir::toNativeSeparators(config.caBundleFile));
    }
    if (!config.trustSystemCertificates) {
        if (authorities.isEmpty())
            return ConnectMyDataSource::tr("No certificate authority is trusted for %1: set a CA bundle or allow the system certificates.")
                .arg(hostOf(config.baseUrl));
        ssl.setCaCertificates(authorities);
    } else if (!authorities.isEmpty()) {
        // Adding to a configuration switches off Qt's on-demand loading of the system store, so
        // the system authorities are listed explicitly.
        ssl.setCaCertificates(QSslConfiguration::systemCaCertificates() + authorities);
    }

    if (!config.clientCertificateFile.isEmpty() || !config.clientKeyFile.isEmpty()) {
        if (config.clientCertificateFile.isEmpty() || config.clientKeyFile.isEmpty())
            return ConnectMyDataSource::tr("A client certificate needs both the certificate file and its private key file.");
        QByteArray pem;
        QString error = loadPem(config.clientCertificateFile, &pem);
        if (!error.isEmpty())
            return ConnectMyDataSource::tr("Cannot read the client certificate %1: %2.").arg(QDir::toNativeSeparators(config.clientCertificateFile), error);
        const QList<QSslCertificate> chain = QSslCertificate::fromData(pem, QSsl::Pem);
        if (chain.isEmpty())
            return ConnectMyDataSource::tr("The client certificate file %1 contains no PEM certificate.").arg(QDir::toNativeSeparators(config.clientCertificateFile));
        error = loadPem(config.clientKeyFile, &pem);
        if (!error.isEmpty())
            return ConnectMyDataSource::tr("Cannot read the private key %1: %2.").arg(QDir::toNativeSeparators(config.clientKeyFile), error);
        QSslKey key(pem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey, config.clientKeyPassphrase);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey, config.clientKeyPassphrase);
        if (key.isNull())
            return ConnectMyDataSource::tr("The private key %1 is not a PEM RSA or EC key, or its passphrase is wrong.")
                .arg(QDir::toNativeSeparators(config.clientKeyFile));
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
    }
    out->ssl = ssl;
    return {};
}

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString statusText(const QNetworkReply *reply, int status)
{
    const QString reason = QString::fromLatin1(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray()).trimmed();
    return reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
}

QString tlsReason(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
        return ConnectMyDataSource::tr("the server's certificate is not signed by a trusted authority");
    case QSslError::HostNameMismatch: {
        QStringList names = error.certificate().subjectAlternativeNames().values(QSsl::DnsEntry);
        names += error.certificate().subjectAlternativeNames().values(QSsl::IpAddressEntry);
        if (names.isEmpty())
            names = error.certificate().subjectInfo(QSslCertificate::CommonName);
        return ConnectMyDataSource::tr("the server's certificate belongs to %1, not to this address").arg(names.join(QStringLiteral(", ")));
    }
    case QSslError::CertificateExpired:
        return ConnectMyDataSource::tr("the server's certificate expired on %1").arg(error.certificate().expiryDate().toUTC().date().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return ConnectMyDataSource::tr("the server's certificate is not valid before %1").arg(error.certificate().effectiveDate().toUTC().date().toString(Qt::ISODate));
    case QSslError::CertificateRevoked:
        return ConnectMyDataSource::tr("the server's certificate has been revoked");
    case QSslError::NoPeerCertificate:
        return ConnectMyDataSource::tr("the server sent no certificate");
    default:
        return error.errorString();
    }
}

bool syncToDisk(QFile &file)
{
#if defined(Q_OS_UNIX)
    return ::fsync(file.handle()) == 0;
#elif defined(Q_OS_WIN)
    return ::_commit(file.handle()) == 0;
#else
    return true;
#endif
}

void syncDirectory(const QString &dir)
{
#if defined(Q_OS_UNIX)
    // Makes the rename itself durable; a failure here loses nothing already renamed in memory.
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(dir);
#endif
}

} // namespace

ConnectMyDataSource::ConnectMyDataSource(ConnectMyDataConfig config, FetchStateStore *store, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_store(store),
      m_clock([] { return QDateTime::currentDateTimeUtc(); }), m_timer(new QTimer(this))
{
    Prepared prepared;
    const QString error = prepare(m_config, &prepared);
    if (!error.isEmpty())
        throw Core::Error(Core::Error::Kind::BadInput, error);
    m_ssl = prepared.ssl;
    if (!m_store) {
        m_ownStore = std::make_unique<MemoryFetchStateStore>();
        m_store = m_ownStore.get();
    }
    QStringList slugs;
    for (std::size_t i = 0; i < prepared.urls.size(); ++i) {
        const QUrl &url = prepared.urls[i];
        QString slug = slugFor(url);
        for (int n = 2; slugs.contains(slug); ++n)
            slug = QStringLiteral("%1-%2").arg(slugFor(url)).arg(n);
        slugs.append(slug);
        std::optional<quint32> seed;
        if (m_config.jitterSeed)
            seed = *m_config.jitterSeed + quint32(i);
        Resource resource{url.toString(QUrl::FullyEncoded), url, slug, FetchSchedule(m_config.schedule, seed), false};
        resource.schedule.restore(m_store->lastFetch(resource.key));
        m_resources.push_back(std::move(resource));
    }
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectMyDataSource::scheduleNext);
}

ConnectMyDataSource::~ConnectMyDataSource()
{
    detachTransfer();
}

QString ConnectMyDataSource::validate(const ConnectMyDataConfig &config)
{
    Prepared prepared;
    return prepare(config, &prepared);
}

QStringList ConnectMyDataSource::resources() const
{
    QStringList keys;
    for (const Resource &r : m_resources)
        keys.append(r.key);
    return keys;
}

QString ConnectMyDataSource::slug(const QString &resource) const
{
    for (const Resource &r : m_resources) {
        if (r.key == resource)
            return r.slug;
    }
    return {};
}

const FetchSchedule *ConnectMyDataSource::schedule(const QString &resource) const
{
    for (const Resource &r : m_resources) {
        if (r.key == resource)
            return &r.schedule;
    }
    return nullptr;
}

ConnectMyDataSource::Status ConnectMyDataSource::status() const
{
    Status s;
    s.state = m_state;
    s.lastError = m_lastError;
    s.lastErrorAt = m_lastErrorAt;
    if (m_transfer)
        s.resource = m_resources[m_transfer->index].key;
    const Resource *next = nullptr;
    for (const Resource &r : m_resources) {
        if (r.schedule.lastSuccess().isValid() && (!s.lastSuccess.isValid() || r.schedule.lastSuccess() > s.lastSuccess))
            s.lastSuccess = r.schedule.lastSuccess();
        if (m_transfer && &r == &m_resources[m_transfer->index])
            continue;
        if (!next || (r.forced && !next->forced) || (!next->forced && r.schedule.nextRun() < next->schedule.nextRun()))
            next = &r;
    }
    if (next && m_running) {
        s.nextAttempt = next->forced || !next->schedule.nextRun().isValid() ? now() : next->schedule.nextRun();
        s.consecutiveFailures = next->schedule.consecutiveFailures();
    }
    return s;
}

void ConnectMyDataSource::setAccessToken(const QString &token)
{
    m_config.accessToken = token;
}

void ConnectMyDataSource::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime ConnectMyDataSource::now() const
{
    return m_clock().toUTC();
}

void ConnectMyDataSource::start()
{
    m_running = true;
    scheduleNext();
}

void ConnectMyDataSource::fetchNow()
{
    for (std::size_t i = 0; i < m_resources.size(); ++i) {
        if (!m_transfer || m_transfer->index != int(i))
            m_resources[i].forced = true;
    }
    start();
}

void ConnectMyDataSource::cancel()
{
    m_running = false;
    m_timer->stop();
    for (Resource &r : m_resources)
        r.forced = false;
    if (std::unique_ptr<Transfer> transfer = detachTransfer()) {
        setState(State::Stopped);
        emit fetchCancelled(m_resources[transfer->index].key);
        return;
    }
    setState(State::Stopped);
}

void ConnectMyDataSource::scheduleNext()
{
    if (!m_running || m_transfer)
        return;
    m_timer->stop();
    const QDateTime t = now();
    for (std::size_t i = 0; i < m_resources.size(); ++i) {
        if (m_resources[i].forced || m_resources[i].schedule.isDue(t)) {
            begin(int(i));
            return;
        }
    }
    const Resource *next = nullptr;
    for (const Resource &r : m_resources) {
        if (!next || r.schedule.nextRun() < next->schedule.nextRun())
            next = &r;
    }
    if (!next)
        return;
    m_timer->start(int(std::clamp(next->schedule.msecsUntilNext(t), qint64(0), maxTimerMs)));
    setState(next->schedule.isBackingOff() ? State::BackingOff : State::Waiting);
}

void ConnectMyDataSource::begin(int index)
{
    Resource &r = m_resources[index];
    r.forced = false;
    if (!m_manager) {
        m_manager = new QNetworkAccessManager(this);
        // Following a redirect to another origin would hand it the bearer token.
        m_manager->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    }
    auto transfer = std::make_unique<Transfer>();
    transfer->index = index;
    transfer->startedAt = now();

    QUrl url = r.url;
    const QDateTime last = m_store->lastFetch(r.key);
    if (last.isValid() && (m_config.incrementalParameters & (ConnectMyDataConfig::UpdatedMin | ConnectMyDataConfig::PublishedMin))) {
        const QString since = last.toUTC().addSecs(-m_config.overlap.count()).toString(Qt::ISODate);
        QUrlQuery query(url);
        const auto put = [&query, &since](const QString &name) {
            query.removeAllQueryItems(name);
            query.addQueryItem(name, since);
        };
        if (m_config.incrementalParameters & ConnectMyDataConfig::PublishedMin)
            put(QStringLiteral("published-min"));
        if (m_config.incrementalParameters & ConnectMyDataConfig::UpdatedMin)
            put(QStringLiteral("updated-min"));
        url.setQuery(query);
    }

    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_config.accessToken.trimmed().toUtf8());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/atom+xml, application/xml;q=0.9"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("UtilityDesk meter-sync"));
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(int(std::min<qint64>(m_config.timeout.count() * 1000, maxTimerMs)));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);

    QNetworkReply *reply = m_manager->get(request);
    // Bounds what Qt buffers ahead of us; the body goes to disk as it arrives.
    reply->setReadBufferSize(replyBuffer);
    transfer->reply = reply;
    m_transfer = std::move(transfer);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ConnectMyDataSource::onMetaData);
    connect(reply, &QIODevice::readyRead, this, &ConnectMyDataSource::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ConnectMyDataSource::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // Never ignored: recorded for the message, the handshake then fails.
        if (m_transfer && m_transfer->reply == reply)
            m_transfer->sslErrors = errors;
    });
    const QString key = r.key;
    connect(reply, &QNetworkReply::downloadProgress, this, [this, key](qint64 received, qint64 total) {
        emit downloadProgress(key, received, total);
    });
    setState(State::Fetching);
    emit fetchStarted(key);
}

void ConnectMyDataSource::onMetaData()
{
    if (!m_transfer)
        return;
    QNetworkReply *reply = m_transfer->reply;
    if (statusOf(reply) != 200)
        return;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_config.maxBodyBytes) {
        abortTransfer(FailureKind::TooLarge,
                      tr("The answer from %1 for %2 is larger than the limit of %3; nothing was saved.")
                          .arg(hostOf(reply->url()), m_resources[m_transfer->index].slug,
                               QLocale().formattedDataSize(m_config.maxBodyBytes)));
    }
}

void ConnectMyDataSource::onReadyRead()
{
    if (m_transfer)
        writeAvailable();
}

bool ConnectMyDataSource::writeAvailable()
{
    Transfer &t = *m_transfer;
    QNetworkReply *reply = t.reply;
    if (statusOf(reply) != 200) {
        // Error pages are not meter data; drained so the transfer can finish.
        reply->skip(reply->bytesAvailable());
        return true;
    }
    while (reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(readChunk);
        if (chunk.isEmpty())
            break;
        if (t.bytes + chunk.size() > m_config.maxBodyBytes) {
            abortTransfer(FailureKind::TooLarge,
                          tr("The answer from %1 for %2 is larger than the limit of %3; nothing was saved.")
                              .arg(hostOf(reply->url()), m_resources[t.index].slug,
                                   QLocale().formattedDataSize(m_config.maxBodyBytes)));
            return false;
        }
        if (!t.part) {
            const QString dir = m_config.inboxDir;
            if (!QDir().mkpath(dir)) {
                abortTransfer(FailureKind::Storage, tr("Cannot create the inbox folder %1.").arg(QDir::toNativeSeparators(dir)));
                return false;
            }
            const QString name = fileNameFor(m_resources[t.index].slug, t.startedAt);
            const QString stem = name.chopped(4); // ".xml"
            QString path = QDir(dir).filePath(name);
            for (int n = 2; QFile::exists(path) || QFile::exists(path + QStringLiteral(".part")); ++n)
                path = QDir(dir).filePath(QStringLiteral("%1-%2.xml").arg(stem).arg(n));
            t.finalPath = path;
            t.part = std::make_unique<QFile>(path + QStringLiteral(".part"));
            if (!t.part->open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
                const QString message = tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(t.part->fileName()), t.part->errorString());
                t.part.reset(); // not ours: never remove a file this transfer did not create
                abortTransfer(FailureKind::Storage, message);
                return false;
            }
        }
        if (t.part->write(chunk) != chunk.size()) {
            abortTransfer(FailureKind::Storage,
                          tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(t.part->fileName()), t.part->errorString()));
            return false;
        }
        t.bytes += chunk.size();
    }
    return true;
}

void ConnectMyDataSource::onFinished()
{
    if (!m_transfer)
        return;
    QNetworkReply *reply = m_transfer->reply;
    const int index = m_transfer->index;
    const int status = statusOf(reply);
    const QNetworkReply::NetworkError error = reply->error();
    const QString where = hostOf(reply->url());
    const QString slug = m_resources[index].slug;

    if (status == 200 && error == QNetworkReply::NoError) {
        if (!writeAvailable())
            return;
        QString file;
        if (m_transfer->bytes > 0) {
            QString failure;
            file = commit(*m_transfer, &failure);
            if (file.isEmpty()) {
                detachTransfer();
                fail(index, FailureKind::Storage, failure);
                return;
            }
        }
        succeed(detachTransfer(), file);
        return;
    }
    if (status == 204 || status == 304) {
        succeed(detachTransfer(), QString());
        return;
    }

    const std::unique_ptr<Transfer> t = detachTransfer();
    const bool timedOut = error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
    if (status == 401 || status == 403) {
        fail(index, FailureKind::Unauthorized,
             tr("The access token was refused by %1 (%2); the customer may need to authorise the connection again.")
                 .arg(where, statusText(reply, status)));
    } else if (status == 429 || (status >= 500 && status <= 599)) {
        const auto retryAfter = FetchSchedule::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")), now());
        fail(index, FailureKind::Server,
             status == 429 ? tr("The server %1 asked for fewer requests (%2).").arg(where, statusText(reply, status))
                           : tr("The server %1 could not answer (%2).").arg(where, statusText(reply, status)),
             retryAfter);
    } else if (status >= 300 && status <= 399) {
        fail(index, FailureKind::Rejected,
             tr("The server %1 redirected the request for %2 elsewhere (%3); the access token is only sent to %1.")
                 .arg(where, slug, statusText(reply, status)));
    } else if (status != 0 && status != 200) {
        fail(index, FailureKind::Rejected,
             tr("The server %1 refused the request for %2 (%3).").arg(where, slug, statusText(reply, status)));
    } else if (!t->sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        fail(index, FailureKind::Tls, tlsFailureMessage(where, t->sslErrors, reply->errorString()));
    } else if (timedOut) {
        fail(index, FailureKind::Network,
             tr("The server %1 sent nothing for %n second(s); the download of %2 was abandoned.", nullptr,
                int(m_config.timeout.count()))
                 .arg(where, slug));
    } else if (status == 200) {
        fail(index, FailureKind::Network,
             tr("The download of %1 from %2 broke off: %3.").arg(slug, where, reply->errorString()));
    } else {
        fail(index, FailureKind::Network, tr("Cannot reach %1: %2.").arg(where, reply->errorString()));
    }
}

QString ConnectMyDataSource::commit(Transfer &transfer, QString *error)
{
    QFile &part = *transfer.part;
    const QString partPath = part.fileName();
    if (!part.flush() || !syncToDisk(part)) {
        *error = tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(partPath), part.errorString());
        return {};
    }
    part.close();
    if (!QFile::rename(partPath, transfer.finalPath)) {
        *error = tr("Cannot rename %1 to %2.").arg(QDir::toNativeSeparators(partPath), QFileInfo(transfer.finalPath).fileName());
        return {};
    }
    transfer.part.reset();
    syncDirectory(QFileInfo(transfer.finalPath).absolutePath());
    return transfer.finalPath;
}

void ConnectMyDataSource::abortTransfer(FailureKind kind, const QString &message)
{
    const std::unique_ptr<Transfer> t = detachTransfer();
    if (t)
        fail(t->index, kind, message);
}

std::unique_ptr<ConnectMyDataSource::Transfer> ConnectMyDataSource::detachTransfer()
{
    std::unique_ptr<Transfer> t = std::move(m_transfer);
    if (!t)
        return t;
    if (t->reply) {
        t->reply->disconnect(this);
        if (t->reply->isRunning())
            t->reply->abort();
        t->reply->deleteLater();
    }
    if (t->part) {
        t->part->close();
        QFile::remove(t->part->fileName());
        t->part.reset();
    }
    return t;
}

void ConnectMyDataSource::succeed(std::unique_ptr<Transfer> transfer, const QString &file)
{
    Resource &r = m_resources[transfer->index];
    r.schedule.recordSuccess(transfer->startedAt);
    m_store->setLastFetch(r.key, transfer->startedAt);
    emit fetchFinished(r.key, transfer->bytes, file);
    scheduleNext();
}

void ConnectMyDataSource::fail(int index, FailureKind kind, const QString &message, std::optional<seconds> retryAfter)
{
    Resource &r = m_resources[index];
    const QDateTime at = now();
    const QDateTime next = r.schedule.recordFailure(at, retryAfter);
    m_lastError = message;
    m_lastErrorAt = at;
    emit fetchFailed(r.key, message, kind, next);
    scheduleNext();
}

void ConnectMyDataSource::setState(State state)
{
    // Emitted on every schedule change too: the next attempt time is part of the status.
    m_state = state;
    emit statusChanged(status());
}

QString ConnectMyDataSource::tlsFailureMessage(const QString &host, const QList<QSslError> &errors, const QString &fallback)
{
    QStringList reasons;
    for (const QSslError &error : errors) {
        const QString reason = tlsReason(error);
        if (!reasons.contains(reason))
            reasons.append(reason);
    }
    if (reasons.isEmpty())
        reasons.append(fallback);
    return tr("The secure connection to %1 failed: %2.").arg(host, reasons.join(QStringLiteral("; ")));
}

QString ConnectMyDataSource::fileNameFor(const QString &slug, const QDateTime &at)
{
    return QStringLiteral("%1-%2.xml").arg(slug, at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")));
}

QString ConnectMyDataSource::slugFor(const QUrl &resource)
{
    QString path = resource.path();
    const QLatin1String marker("/resource/");
    const qsizetype at = path.indexOf(marker, 0, Qt::CaseInsensitive);
    if (at >= 0)
        path = path.mid(at + marker.size());
    QString slug;
    for (const QChar c : path.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            slug.append(c);
        else if (!slug.isEmpty() && !slug.endsWith(QLatin1Char('-')))
            slug.append(QLatin1Char('-'));
    }
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    // Long enough to tell resources apart, short enough for any file system.
    if (slug.size() > 80)
        slug = slug.left(80);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("resource") : slug;
}

} // namespace Ud::Metering
