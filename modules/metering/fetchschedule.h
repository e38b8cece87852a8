#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QRandomGenerator>

#include <chrono>
#include <optional>

namespace Ud::Metering {

/// How often a remote meter-data resource is polled and how a failing one backs off.
struct FetchPolicy
{
    /// Time from the start of one successful fetch to the start of the next.
    std::chrono::seconds pollInterval{std::chrono::hours(6)};
    /// Delay after the first failure; it doubles with every further failure...
    std::chrono::seconds firstRetry{30};
    /// ...up to this cap. Jittered delays are clamped to the cap as well.
    std::chrono::seconds maxRetry{std::chrono::hours(1)};
    /// Each back-off delay is multiplied by a factor drawn evenly from [1 - jitter, 1 + jitter)
    /// so that many clients that failed together do not retry together. 0 disables it.
    double jitter = 0.2;
    /// A server's Retry-After longer than this is shortened to it (a broken header must not
    /// park the source for a year).
    std::chrono::seconds maxRetryAfter{std::chrono::hours(24)};
};

/// When a resource should be fetched next: last success + poll interval, or, after failures,
/// exponential back-off with seeded jitter, or the server's Retry-After. Pure bookkeeping with no
/// clock of its own: every call is given "now", so tests drive it with a manual clock.
class FetchSchedule
{
public:
    /// The same seed gives the same jitter sequence; without one the seed is random.
    explicit FetchSchedule(FetchPolicy policy = {}, std::optional<quint32> seed = std::nullopt);

    const FetchPolicy &policy() const { return m_policy; }

    /// Picks up a success remembered from an earlier run (no failures pending).
    void restore(const QDateTime &lastSuccess);
    /// A fetch that started at `startedAt` succeeded; the back-off is reset.
    void recordSuccess(const QDateTime &startedAt);
    /// A fetch failed at `now`; returns the next attempt time. `retryAfter`, when the server gave
    /// one, replaces the back-off delay (without jitter, at least one second, at most
    /// maxRetryAfter).
    QDateTime recordFailure(const QDateTime &now, std::optional<std::chrono::seconds> retryAfter = std::nullopt);

    /// The next attempt; invalid while nothing was ever fetched (meaning "as soon as possible").
    QDateTime nextRun() const { return m_nextRun; }
    bool isDue(const QDateTime &now) const { return !m_nextRun.isValid() || m_nextRun <= now; }
    /// Milliseconds from `now` to the next run, 0 when due.
    qint64 msecsUntilNext(const QDateTime &now) const;

    bool isBackingOff() const { return m_failures > 0; }
    int consecutiveFailures() const { return m_failures; }
    QDateTime lastSuccess() const { return m_lastSuccess; }
    QDateTime lastFailure() const { return m_lastFailure; }

    /// The un-jittered back-off delay after `failures` consecutive failures (1 = first failure).
    std::chrono::seconds backoffDelay(int failures) const;

    /// Parses an HTTP Retry-After value: delay-seconds or an HTTP-date (IMF-fixdate, RFC 850 or
    /// asctime form), as a delay from `now` (never negative). nullopt when it is neither.
    static std::optional<std::chrono::seconds> parseRetryAfter(QByteArrayView value, const QDateTime &now);
    /// Parses an HTTP-date (the three forms RFC 9110 section 5.6.7 requires recipients to accept).
    static QDateTime parseHttpDate(QByteArrayView value, const QDateTime &now);

private:
    FetchPolicy m_policy;
    QRandomGenerator m_random;
    QDateTime m_nextRun;
    QDateTime m_lastSuccess;
    QDateTime m_lastFailure;
    int m_failures = 0;
};

} // namespace Ud::Metering
