#include "fetchschedule.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace Ud::Metering {

using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

quint32 seedOrRandom(std::optional<quint32> seed)
{
    return seed ? *seed : QRandomGenerator::global()->generate();
}

QDateTime utc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC() : t;
}

} // namespace

FetchSchedule::FetchSchedule(FetchPolicy policy, std::optional<quint32> seed)
    : m_policy(policy), m_random(seedOrRandom(seed))
{
}

void FetchSchedule::restore(const QDateTime &lastSuccess)
{
    m_failures = 0;
    m_lastSuccess = utc(lastSuccess);
    m_nextRun = m_lastSuccess.isValid() ? m_lastSuccess.addSecs(m_policy.pollInterval.count()) : QDateTime();
}

void FetchSchedule::recordSuccess(const QDateTime &startedAt)
{
    restore(startedAt);
}

QDateTime FetchSchedule::recordFailure(const QDateTime &now, std::optional<seconds> retryAfter)
{
    ++m_failures;
    m_lastFailure = utc(now);
    qint64 delayMs = 0;
    if (retryAfter) {
        delayMs = std::clamp(*retryAfter, seconds(1), std::max(seconds(1), m_policy.maxRetryAfter)).count() * 1000;
    } else {
        const qint64 baseMs = milliseconds(backoffDelay(m_failures)).count();
        const double spread = std::clamp(m_policy.jitter, 0.0, 1.0);
        double factor = 1.0;
        if (spread > 0)
            factor = 1.0 + spread * (2.0 * m_random.generateDouble() - 1.0);
        const qint64 capMs = milliseconds(std::max(m_policy.maxRetry, seconds(1))).count();
        delayMs = std::clamp(std::llround(double(baseMs) * factor), qint64(1000), capMs);
    }
    m_nextRun = m_lastFailure.addMSecs(delayMs);
    return m_nextRun;
}

qint64 FetchSchedule::msecsUntilNext(const QDateTime &now) const
{
    if (isDue(now))
        return 0;
    return now.msecsTo(m_nextRun);
}

seconds FetchSchedule::backoffDelay(int failures) const
{
    const seconds cap = std::max(m_policy.maxRetry, seconds(1));
    seconds delay = std::clamp(m_policy.firstRetry, seconds(1), cap);
    for (int i = 1; i < failures && delay < cap; ++i)
        delay = std::min(delay * 2, cap);
    return delay;
}

std::optional<seconds> FetchSchedule::parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        // More digits than fit are a server bug; treat them as "very long" and let the cap act.
        if (text.size() > 12)
            return seconds(qint64(999'999'999'999));
        return seconds(text.toLongLong());
    }
    const QDateTime at = parseHttpDate(text, now);
    if (!at.isValid())
        return std::nullopt;
    return seconds(std::max<qint64>(0, now.secsTo(at)));
}

QDateTime FetchSchedule::parseHttpDate(QByteArrayView value, const QDateTime &now)
{
    // The weekday is redundant; it is dropped rather than checked.
    QString text = QString::fromLatin1(value.toByteArray()).simplified();
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    if (comma >= 0) {
        text = text.mid(comma + 1).trimmed();
    } else {
        const qsizetype space = text.indexOf(QLatin1Char(' '));
        text = space >= 0 ? text.mid(space + 1) : QString();
    }
    const QLocale c = QLocale::c();
    const auto asUtc = [](QDateTime t) {
        if (t.isValid())
            t.setTimeZone(QTimeZone::utc());
        return t;
    };
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
    QDateTime t = asUtc(c.toDateTime(text, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'")));
    if (t.isValid())
        return t;
    // asctime: Sun Nov  6 08:49:37 1994 (simplified() folded the double space)
    t = asUtc(c.toDateTime(text, QStringLiteral("MMM d HH:mm:ss yyyy")));
    if (t.isValid())
        return t;
    // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT. A two-digit year more than 50 years ahead of now
    // belongs to the previous century (RFC 9110 section 5.6.7).
    static const QRegularExpression rfc850(QStringLiteral("^(\\d{2}-[A-Za-z]{3}-)(\\d{2})( .*)$"));
    const QRegularExpressionMatch m = rfc850.match(text);
    if (!m.hasMatch())
        return {};
    const int reference = (now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc()).date().year();
    int year = (reference / 100) * 100 + m.captured(2).toInt();
    if (year > reference + 50)
        year -= 100;
    const QString fourDigits = m.captured(1) + QString::number(year) + m.captured(3);
    return asUtc(c.toDateTime(fourDigits, QStringLiteral("dd-MMM-yyyy HH:mm:ss 'GMT'")));
}

} // namespace Ud::Metering
