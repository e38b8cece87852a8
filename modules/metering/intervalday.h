#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <optional>

namespace Ud::Metering {

/// How a stored interval value came about; stored as one byte per interval.
enum class Quality : quint8 { Missing = 0, Actual = 1, Estimated = 2, Edited = 3 };

/// The intervals of one meter channel for one local day, and their packed database form:
/// readings as little-endian 64-bit integers (one per interval, in local order) and quality as
/// one byte per interval. Kept apart from the store so the byte layout is tested on its own and
/// read the same way by every reader (store, exports, benchmarks).
class IntervalDay
{
public:
    /// A day of `count` intervals, all Missing.
    explicit IntervalDay(int count = 0);

    /// The day from its packed columns; nullopt if the sizes do not match `count` (a damaged row).
    static std::optional<IntervalDay> unpack(int count, const QByteArray &readings, const QByteArray &quality);

    int count() const { return int(m_values.size()); }
    qint64 value(int slot) const { return m_values.at(slot); }
    Quality quality(int slot) const { return m_quality.at(slot); }
    bool isPresent(int slot) const { return m_quality.at(slot) != Quality::Missing; }
    /// Sets one interval; a Missing quality clears the value to 0.
    void set(int slot, qint64 value, Quality quality);

    /// Sum of the present values.
    qint64 total() const;
    int presentCount() const;
    int estimatedCount() const; ///< Estimated or Edited intervals

    QByteArray packedReadings() const;
    QByteArray packedQuality() const;

private:
    QList<qint64> m_values;
    QList<Quality> m_quality;
};

} // namespace Ud::Metering
