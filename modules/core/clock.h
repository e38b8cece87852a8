#pragma once

#include <QDateTime>

namespace Ud::Core {

/// Wall-clock time in UTC epoch seconds. Services take a Clock so tests can move time
/// (lock-out expiry, effective dates) without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowSecs() const { return QDateTime::currentSecsSinceEpoch(); }
};

/// A clock tests set by hand.
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 now) : m_now(now) {}
    qint64 nowSecs() const override { return m_now; }
    void set(qint64 now) { m_now = now; }
    void advance(qint64 seconds) { m_now += seconds; }

private:
    qint64 m_now;
};

} // namespace Ud::Core
