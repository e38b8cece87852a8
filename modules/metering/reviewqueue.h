#pragma once

#include "channelseries.h"

#include <QList>
#include <QString>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// Readings whose meter the database does not know, kept whole (nothing is dropped) until a
/// user maps the key to a meter. SQL on the calling thread's connection inside the caller's
/// Transaction.
class ReviewQueue
{
public:
    /// What waits under one key, for the Meter Sync page and the command line.
    struct Entry {
        QString meterKey;
        QString altKey;
        Accounts::Commodity commodity = Accounts::Commodity::Electricity;
        Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
        qint64 readings = 0;
        qint64 firstUtc = 0;
        qint64 lastUtc = 0;
        int files = 0;
        QString lastFile;
        qint64 receivedAt = 0;
    };
    /// A queued series with where it came from.
    struct Queued {
        QString id;
        QString fileName;
        QString format;
        ChannelSeries series;
    };

    explicit ReviewQueue(Core::Database &db);

    void enqueue(const ChannelSeries &series, const QString &fileId, const QString &fileName, const QString &format,
                 qint64 now);
    /// One entry per key and channel kind, most recently received first.
    QList<Entry> entries();
    /// Every series queued under `key` (meter key or alt key), oldest first.
    QList<Queued> queued(const QString &key);
    void remove(const QStringList &ids);

    static QByteArray pack(const QList<SourceReading> &readings);
    /// nullopt if the bytes are not a whole number of readings.
    static std::optional<QList<SourceReading>> unpack(const QByteArray &bytes);

private:
    Core::Database &m_db;
};

} // namespace Ud::Metering
