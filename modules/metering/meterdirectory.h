#pragma once

#include <accounts/meter.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// A meter channel a file's readings go to, with what import and validation need to know.
struct ChannelBinding {
    QString meterId;
    QString serial;
    QString channelId;
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    int intervalMinutes = 0;
    QTimeZone zone;            ///< the premise's zone, else the meter's own, else invalid
    bool netMetered = false;   ///< the meter also has an export channel
};

/// One row of `utilitydesk meter list` and the health view.
struct MeterSummary {
    QString meterId;
    QString serial;
    QString servicePoint;      ///< the service point identifier, empty for a meter not on one
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    QString channelId;
    int intervalMinutes = 0;
    QString timeZone;
    qint64 firstUtc = 0;       ///< 0 when the channel has no readings
    qint64 lastUtc = 0;
    qint64 days = 0;
    qint64 expectedCount = 0;
    qint64 presentCount = 0;
    qint64 estimatedCount = 0;
};

/// SQL that finds meter channels by the names files give them (a serial, an alias learnt from
/// the review queue, a service-point identifier such as an MPAN or NMI), creates meters from
/// files, and lists channels with their statistics. Runs on the calling thread's connection
/// inside the caller's Transaction; keys compare trimmed and upper-cased, as serials are stored.
class MeterDirectory
{
public:
    explicit MeterDirectory(Core::Database &db);

    static QString normalizedKey(const QString &key);

    /// The channel of `kind` on the meter named `key` (or `altKey`); nullopt if no installed
    /// meter has that name or it has no such channel (`meterId` tells which: set if the meter
    /// exists).
    std::optional<ChannelBinding> find(const QString &key, const QString &altKey, Accounts::ChannelKind kind,
                                       QString *meterId = nullptr);
    /// A meter on no service point, named `serial`, with one channel; returns the binding.
    ChannelBinding createMeter(const QString &serial, Accounts::Commodity commodity, Accounts::ChannelKind kind,
                               Accounts::ChannelUnit unit, int intervalMinutes, const QString &timeZone);
    /// Adds a channel to an existing meter.
    ChannelBinding addChannel(const QString &meterId, Accounts::ChannelKind kind, Accounts::ChannelUnit unit);
    void addAlias(const QString &alias, const QString &meterId, qint64 at, const QString &by);
    std::optional<Accounts::Meter> meter(const QString &meterIdOrSerial);
    /// Every channel of every meter, by serial then channel kind.
    QList<MeterSummary> list();

private:
    std::optional<ChannelBinding> bindingOf(const QString &meterId, Accounts::ChannelKind kind);

    Core::Database &m_db;
};

} // namespace Ud::Metering
