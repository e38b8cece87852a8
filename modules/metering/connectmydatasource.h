#pragma once

#include <metering/fetchschedule.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Ud::Metering {

/// Where the start time of each resource's last successful fetch is kept between runs, so the
/// next request asks only for what changed since (ESPI updated-min / published-min) and a
/// restarted worker does not poll before the interval is up. The lead keeps it in the database;
/// keys are the resource URLs as ConnectMyDataSource::resources() lists them. Called in the
/// source's thread from its slots, so setLastFetch() must not throw (log and keep going instead).
class FetchStateStore
{
public:
    virtual ~FetchStateStore() = default;
    /// Invalid when the resource was never fetched.
    virtual QDateTime lastFetch(const QString &resource) const = 0;
    virtual void setLastFetch(const QString &resource, const QDateTime &startedAt) = 0;
};

/// The default store: forgets everything when the program ends.
class MemoryFetchStateStore final : public FetchStateStore
{
public:
    QDateTime lastFetch(const QString &resource) const override { return m_times.value(resource); }
    void setLastFetch(const QString &resource, const QDateTime &startedAt) override { m_times.insert(resource, startedAt); }

private:
    QHash<QString, QDateTime> m_times;
};

/// Settings of one Green Button Connect My Data subscription.
struct ConnectMyDataConfig
{
    enum IncrementalParameter {
        UpdatedMin = 0x1,   ///< updated-min: entries changed since the last fetch (catches corrections)
        PublishedMin = 0x2, ///< published-min: entries first published since the last fetch
    };

    /// https://host[:port][/prefix]; http is refused because it would expose the token.
    QUrl baseUrl;
    /// Paths resolved against baseUrl (e.g. "/espi/1_1/resource/Batch/Subscription/42") or
    /// absolute https URLs (e.g. a BatchList's entries).
    QStringList resources;
    /// OAuth 2.0 access token, sent as "Authorization: Bearer ..."; never logged or shown.
    QString accessToken;
    /// PEM file with certificate authorities to trust (in addition to the system store, or
    /// instead of it when trustSystemCertificates is false).
    QString caBundleFile;
    bool trustSystemCertificates = true;
    /// Optional client certificate (PEM) and its private key (PEM, RSA or EC) for mutual TLS.
    QString clientCertificateFile;
    QString clientKeyFile;
    QByteArray clientKeyPassphrase;
    /// Folder the downloaded files are written to; created when missing.
    QString inboxDir;
    /// Poll interval and back-off limits.
    FetchPolicy schedule;
    /// A transfer that moves no data for this long is abandoned.
    std::chrono::seconds timeout{60};
    /// Largest response body written to the inbox; bigger ones fail and leave nothing behind.
    qint64 maxBodyBytes = qint64(512) << 20;
    /// Which ESPI query parameters carry the last fetch time (ORed IncrementalParameter).
    /// Both parameters together mean "published and updated since", which hides corrections to
    /// older entries, so the default is updated-min alone.
    int incrementalParameters = UpdatedMin;
    /// Subtracted from the last fetch time in the query, so a client clock a little ahead of the
    /// server's loses nothing (the importer sees those entries twice).
    std::chrono::seconds overlap{std::chrono::minutes(5)};
    /// Seeds the back-off jitter (tests); random when unset.
    std::optional<quint32> jitterSeed;
};

/// The network source of the meter-sync worker: polls the configured Connect My Data resources
/// over verified HTTPS and streams each new response body into the inbox as
/// "<resource-slug>-<yyyyMMddTHHmmssZ>.xml" (written as ".part", synced, then renamed, so a
/// watcher never sees half a file). It does not import anything; the worker imports what lands in
/// the inbox.
///
/// It lives in the worker's thread and needs that thread's event loop; its network manager is
/// created on first use, so it may be created elsewhere and moved to the worker thread before
/// start(). Resources are fetched one at a time, each with its own FetchSchedule. The worker
/// connects fetchFinished() (a non-empty `file` is ready to import), calls start() once its
/// thread runs, fetchNow() for "sync now", cancel() (or deletes the source) on interruption;
/// the GUI follows it through queued connections to the signals (statusChanged() carries a
/// snapshot).
class ConnectMyDataSource : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped,    ///< not started, or cancelled
        Waiting,    ///< all fine, next poll at Status::nextAttempt
        Fetching,   ///< a download is running (Status::resource)
        BackingOff, ///< the next resource due failed before; retry at Status::nextAttempt
    };
    Q_ENUM(State)

    enum class FailureKind {
        Network,      ///< host unreachable, connection lost, timeout
        Tls,          ///< the server's certificate was not accepted or the handshake failed
        Unauthorized, ///< 401/403: the access token was refused
        Server,       ///< 429 or 5xx: the server is busy or broken
        Rejected,     ///< any other status the source cannot use (404, 400, ...)
        TooLarge,     ///< the body exceeded maxBodyBytes
        Storage,      ///< the inbox file could not be written
    };
    Q_ENUM(FailureKind)

    struct Status
    {
        State state = State::Stopped;
        QString resource;        ///< the resource being fetched (Fetching)
        QDateTime nextAttempt;   ///< when the next fetch is due (Waiting, BackingOff)
        QDateTime lastSuccess;   ///< latest successful fetch of any resource
        QString lastError;       ///< latest failure message, kept after later successes
        QDateTime lastErrorAt;
        int consecutiveFailures = 0; ///< of the resource due next
    };

    /// Throws Core::Error (BadInput) with validate()'s message when the configuration is unusable.
    /// `store` is not owned and must outlive the source; nullptr means a MemoryFetchStateStore.
    explicit ConnectMyDataSource(ConnectMyDataConfig config, FetchStateStore *store = nullptr,
                                 QObject *parent = nullptr);
    ~ConnectMyDataSource() override;

    /// Empty when the configuration can be used, otherwise one sentence saying what is wrong
    /// (for a settings page). Reads the CA bundle and client certificate files.
    static QString validate(const ConnectMyDataConfig &config);

    /// The resources' full URLs (without query); these are the FetchStateStore keys.
    QStringList resources() const;
    /// The file-name prefix used for a resource.
    QString slug(const QString &resource) const;
    const FetchSchedule *schedule(const QString &resource) const;
    /// A snapshot for the status bar; call it in the source's thread (the GUI uses statusChanged()).
    Status status() const;

    /// A refreshed OAuth access token for the following requests.
    void setAccessToken(const QString &token);
    /// Replaces the wall clock (tests).
    void setClock(std::function<QDateTime()> clock);

    /// Starts polling: fetches what is due now, then waits for the next due time.
    void start();
    /// Fetches every resource now, whatever its schedule, and keeps polling afterwards.
    void fetchNow();
    /// Aborts the running download (its .part file is removed) and stops polling until start()
    /// or fetchNow().
    void cancel();

    /// Message for a failed TLS handshake with `host` (exposed for the GUI and tests).
    static QString tlsFailureMessage(const QString &host, const QList<QSslError> &errors, const QString &fallback);
    /// File name (without folder) for a download of a resource with `slug` started at `at`.
    static QString fileNameFor(const QString &slug, const QDateTime &at);
    /// Slug of a resource URL: "/espi/1_1/resource/Batch/Subscription/42" -> "batch-subscription-42".
    static QString slugFor(const QUrl &resource);

signals:
    void fetchStarted(const QString &resource);
    void downloadProgress(const QString &resource, qint64 bytesReceived, qint64 bytesTotal);
    /// `file` is the inbox file written, or empty when the server had nothing new (204, 304,
    /// empty 200); `bytes` is the body size.
    void fetchFinished(const QString &resource, qint64 bytes, const QString &file);
    void fetchFailed(const QString &resource, const QString &message,
                     Ud::Metering::ConnectMyDataSource::FailureKind kind, const QDateTime &nextAttempt);
    void fetchCancelled(const QString &resource);
    /// Emitted on every change of status(), including a new next-attempt time in the same state;
    /// the copy travels safely through a queued connection to the GUI thread.
    void statusChanged(const Ud::Metering::ConnectMyDataSource::Status &status);

private:
    struct Resource;
    struct Transfer;

    void scheduleNext();
    void begin(int index);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    bool writeAvailable();
    void abortTransfer(FailureKind kind, const QString &message);
    std::unique_ptr<Transfer> detachTransfer();
    void succeed(std::unique_ptr<Transfer> transfer, const QString &file);
    void fail(int index, FailureKind kind, const QString &message, std::optional<std::chrono::seconds> retryAfter = std::nullopt);
    QString commit(Transfer &transfer, QString *error);
    void setState(State state);
    QDateTime now() const;

    ConnectMyDataConfig m_config;
    QSslConfiguration m_ssl;
    FetchStateStore *m_store;
    std::unique_ptr<MemoryFetchStateStore> m_ownStore;
    std::vector<Resource> m_resources;
    std::function<QDateTime()> m_clock;
    QNetworkAccessManager *m_manager = nullptr;
    QTimer *m_timer;
    std::unique_ptr<Transfer> m_transfer;
    State m_state = State::Stopped;
    bool m_running = false;
    QString m_lastError;
    QDateTime m_lastErrorAt;
};

} // namespace Ud::Metering

Q_DECLARE_METATYPE(Ud::Metering::ConnectMyDataSource::Status)
