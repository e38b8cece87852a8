#pragma once

#include "channelseries.h"
#include "meterdirectory.h"
#include "readingstore.h"
#include "veesettings.h"

#include <QList>
#include <QString>

namespace Ud::Core {
class Clock;
class Database;
}

namespace Ud::Metering {

/// Something validation noticed and recorded (vee_findings), without rejecting the file.
struct Finding {
    QString rule;
    QString severity;   ///< "estimated" (a value was replaced) or "flag"
    qint64 startUtc = 0;
    qint64 endUtc = 0;
    QString message;
};

/// A channel's readings made ready for the store.
struct PreparedChannel {
    ReadingStore::ChannelWrite write;
    qint64 estimated = 0;
    QList<Finding> findings;
};

/// Turns the readings a file gives for one bound channel into what the store takes: checks
/// that they fit the meter (interval, unit), runs validation and estimation (VeeEngine, with
/// eight weeks of the channel's stored days as history), and throws ImportError naming the
/// file for anything that must reject the file. Estimated values carry their rule and raw
/// value into the store's annotations; findings are recorded per file.
class ChannelPreparer
{
public:
    ChannelPreparer(Core::Database &db, const Core::Clock &clock);

    /// The interval of a series in minutes, from what the file states or the readings'
    /// durations; throws ImportError if it is none of 5, 15, 30, 60 or daily (1440, a reading
    /// per local day: 86400 seconds, or the 23 or 25 hours of a DST day).
    static int intervalMinutesOf(const ChannelSeries &series, const QString &fileName);

    PreparedChannel prepare(const ChannelBinding &binding, const ChannelSeries &series, const QString &fileName);
    void recordFindings(const QString &channelId, const QString &fileId, const QList<Finding> &findings);

private:
    Core::Database &m_db;
    const Core::Clock &m_clock;
    VeeSettings m_settings;
};

} // namespace Ud::Metering
