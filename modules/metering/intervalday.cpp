#include "intervalday.h"

#include <QtEndian>

namespace Ud::Metering {

IntervalDay::IntervalDay(int count) : m_values(count, 0), m_quality(count, Quality::Missing) {}

std::optional<IntervalDay> IntervalDay::unpack(int count, const QByteArray &readings, const QByteArray &quality)
{
    if (count < 0 || readings.size() != qsizetype(count) * qsizetype(sizeof(qint64)) || quality.size() != count)
        return std::nullopt;
    IntervalDay day(count);
    const uchar *bytes = reinterpret_cast<const uchar *>(readings.constData());
    for (int i = 0; i < count; ++i) {
        const auto q = quint8(quality.at(i));
        if (q > quint8(Quality::Edited))
            return std::nullopt;
        day.m_quality[i] = Quality(q);
        day.m_values[i] = qFromLittleEndian<qint64>(bytes + i * sizeof(qint64));
    }
    return day;
}

void IntervalDay::set(int slot, qint64 value, Quality quality)
{
    m_values[slot] = quality == Quality::Missing ? 0 : value;
    m_quality[slot] = quality;
}

qint64 IntervalDay::total() const
{
    qint64 sum = 0;
    for (int i = 0; i < count(); ++i) {
        if (isPresent(i))
            sum += m_values.at(i);
    }
    return sum;
}

int IntervalDay::presentCount() const
{
    return int(std::count_if(m_quality.cbegin(), m_quality.cend(), [](Quality q) { return q != Quality::Missing; }));
}

int IntervalDay::estimatedCount() const
{
    return int(std::count_if(m_quality.cbegin(), m_quality.cend(),
                             [](Quality q) { return q == Quality::Estimated || q == Quality::Edited; }));
}

QByteArray IntervalDay::packedReadings() const
{
    QByteArray out(m_values.size() * qsizetype(sizeof(qint64)), Qt::Uninitialized);
    uchar *bytes = reinterpret_cast<uchar *>(out.data());
    for (int i = 0; i < count(); ++i)
        qToLittleEndian<qint64>(m_values.at(i), bytes + i * sizeof(qint64));
    return out;
}

QByteArray IntervalDay::packedQuality() const
{
    QByteArray out(m_quality.size(), Qt::Uninitialized);
    for (int i = 0; i < count(); ++i)
        out[i] = char(m_quality.at(i));
    return out;
}

} // namespace Ud::Metering
