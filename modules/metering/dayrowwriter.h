#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Metering {

/// A new row of interval_days.
struct DayRow {
    QString channelId;
    QString localDay;   ///< yyyy-MM-dd
    int intervalMinutes = 0;
    int readingCount = 0;
    QByteArray readings;
    QByteArray quality;
    qint64 total = 0;
    int presentCount = 0;
    int estimatedCount = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> peakTotal;  ///< UsageWindows::DaySummary; nullopt for daily channels
    std::optional<qint64> nightTotal;
    qint64 maxValue = 0;
};

/// Inserts new day rows by the fastest route each backend has, inside the caller's
/// Transaction on the calling thread's connection: a statement prepared once on the raw SQLite
/// handle (no QVariant per value), or COPY on PostgreSQL (Qt's driver sends a row at a time).
class DayRowWriter
{
public:
    virtual ~DayRowWriter() = default;
    virtual void insert(const QList<DayRow> &rows) = 0;

    static std::unique_ptr<DayRowWriter> create(Core::Database &db);
};

} // namespace Ud::Metering
