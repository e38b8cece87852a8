#pragma once

#include "readingparser.h"

namespace Ud::Metering {

/// Green Button "Download My Data" files: NAESB REQ.21 (ESPI) resources in an Atom feed, read
/// as a stream with QXmlStreamReader (the file is never held in memory).
///
/// Entries are linked the ESPI way, by their Atom links: an IntervalBlock's rel="up" is
/// .../UsagePoint/{u}/MeterReading/{m}/IntervalBlock, which names its MeterReading; the
/// MeterReading's rel="related" names its ReadingType; the UsagePoint's rel="related" names its
/// LocalTimeParameters; a UsageSummary's rel="up" is .../UsagePoint/{u}/UsageSummary. Entries
/// may come in any order (links are matched by their path, or by their last segments when
/// those are unique) and feeds may hold several usage points with several MeterReadings each;
/// every MeterReading is one channel. Interval blocks that arrive before what they belong to
/// wait in a compact buffer of at most `maxBufferedReadings` readings.
///
/// Each channel becomes ChannelSeries of at most chunkReadings readings, in base units, with:
///  - meterKey: the usage point's id, the last segment of its rel="self" href ("01" in
///    .../UsagePoint/01); altKey: the UUID of its atom:id ("urn:uuid:…", lower case, without
///    the prefix), so a meter is bound by either;
///  - kind from ReadingType flowDirection (forward and net: Import, reverse: Export) and uom
///    (VArh: Reactive); cumulative for register values (see Espi::accumulationFromCode);
///  - timeZoneHint from LocalTimeParameters (Espi::timeZoneFor over the data's years);
///  - periodTotals from UsageSummary / ElectricPowerUsageSummary (billingPeriod with
///    overallConsumptionLastPeriod) on the channel's last series. A summary goes to the
///    MeterReading its readingTypeRef names, else to the usage point's first import channel of
///    the same unit; with no such channel it comes as a series of its own without readings.
/// The hint and the totals are complete on a channel's last series (earlier chunks carry the
/// hint when it was already known).
///
/// An IntervalReading without value (the schema makes it optional) is a Missing interval; one
/// without timePeriod is the next interval of the ReadingType's intervalLength from the
/// block's start, as the schema describes. Quality: Espi::qualityFromCode, default from the
/// ReadingType's defaultQuality, else Actual.
///
/// Rejected, each with an ImportError naming the file, the line and element path
/// ("feed/entry[3]/content/IntervalBlock/IntervalReading[5]/value") and what was expected:
/// any document type declaration (a DTD can declare external entities, which QXmlStreamReader
/// would silently expand to nothing, and entity bombs), unresolved entity references, elements
/// nested deeper than maxDepth, files larger than `maxFileBytes`, XML that is not well formed,
/// values that are not whole numbers, power or unknown units, directions and accumulation
/// behaviours that are not a consumption channel, service kinds other than electricity, gas and
/// water, and blocks whose MeterReading, ReadingType or UsagePoint the file lacks.
class GreenButtonParser : public ReadingParser
{
public:
    static constexpr qint64 defaultMaxFileBytes = qint64(4) << 30;
    static constexpr qint64 defaultMaxBufferedReadings = 8'000'000;
    static constexpr int maxDepth = 64;
    static constexpr int chunkReadings = 65'536;

    explicit GreenButtonParser(qint64 maxFileBytes = defaultMaxFileBytes,
                               qint64 maxBufferedReadings = defaultMaxBufferedReadings);

    QString key() const override;
    QString displayName() const override;
    bool probe(const QByteArray &head) const override;
    void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) override;

private:
    qint64 m_maxFileBytes;
    qint64 m_maxBufferedReadings;
};

} // namespace Ud::Metering
