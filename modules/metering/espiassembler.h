#pragma once

#include "readingparser.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Ud::Metering::Espi {

/// Where something is in the file, kept small and formatted only for messages.
struct Location {
    qint64 line = 0;
    int entry = 0;
    int block = 0; ///< 1-based IntervalBlock in the entry's content; 0: the entry itself
};

/// One IntervalReading as read, before its ReadingType is known.
struct RawReading {
    qint64 start = 0;
    qint64 value = 0;
    qint32 duration = 0; ///< with implicitTime: the reading's position in its block
    quint8 flags = 0;
};
constexpr quint8 qualityMask = 0x07;      ///< a Quality value, or unspecifiedQuality
constexpr quint8 unspecifiedQuality = 0x07;
constexpr quint8 noValueFlag = 0x08;
constexpr quint8 implicitTimeFlag = 0x10;

struct ReadingTypeInfo {
    std::optional<qint64> accumulation, commodity, flow, uom, multiplier, kind, defaultQuality, intervalLength;
    Location where;
    bool sameAs(const ReadingTypeInfo &o) const
    {
        return accumulation == o.accumulation && commodity == o.commodity && flow == o.flow && uom == o.uom
            && multiplier == o.multiplier && kind == o.kind && defaultQuality == o.defaultQuality
            && intervalLength == o.intervalLength;
    }
};

struct LocalTime {
    qint64 tzOffset = 0;
    qint64 dstOffset = 0;
    quint32 startRule = 0xFFFFFFFFu;
    quint32 endRule = 0xFFFFFFFFu;
};

struct Summary {
    QString usagePointKey;
    QString readingTypeRef;
    std::optional<qint64> start, duration, uom, multiplier, value;
    Location where;
};

/// Builds the channel series of a Green Button feed from its resources as GreenButtonParser
/// reads them, in any order: links them by href (or by the href's last segments when those are
/// unique), keeps interval readings until their MeterReading, ReadingType and UsagePoint are
/// known (at most `maxBuffered`), converts them to base units and hands them to the sink in
/// chunks. Every problem is an ImportError naming the file and the entry it concerns.
class Assembler
{
public:
    Assembler(const ParseContext &context, const ReadingSink &sink, qint64 maxBuffered);
    ~Assembler();

    /// The document element is a single entry rather than a feed (locations read "entry").
    void setRootIsEntry(bool rootIsEntry);

    void addUsagePoint(const QString &self, const QString &uuid, std::optional<qint64> serviceKind,
                       const QStringList &related, const Location &where);
    void addMeterReading(const QString &self, const QString &readingTypeHref, const Location &where);
    void addReadingType(const QString &self, const ReadingTypeInfo &readingType);
    void addLocalTime(const QString &self, const LocalTime &localTime);
    void addSummary(const Summary &summary);
    /// The readings of an entry's IntervalBlocks; `meterReading` is the href of their MeterReading.
    void addIntervalBlocks(const QString &meterReading, const std::vector<RawReading> &readings,
                           const Location &where);
    /// After the last entry: every block must have found its channel; summaries are attached
    /// and the remaining readings emitted.
    void finish();

    /// "line 40, feed/entry[3]/content/IntervalBlock"
    QString format(const Location &where) const;
    [[noreturn]] void failAt(const Location &where, const QString &reason) const;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace Ud::Metering::Espi
