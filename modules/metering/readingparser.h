#pragma once

#include "channelseries.h"
#include "importerror.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace Ud::Metering {

/// Receives the series a parser emits, in file order. It may throw ImportCancelled to stop.
using ReadingSink = std::function<void(ChannelSeries &&series)>;

/// What a parser is told besides the bytes.
struct ParseContext {
    /// The file as the user knows it, for messages ("/srv/drop/feed-12.xml").
    QString fileName;
    /// The meter a single-meter file without a meter id belongs to (the user's --meter), empty
    /// if not given. Formats that carry meter ids ignore it.
    QString meterKey;
    /// The time zone of a meter, for formats whose timestamps are local times without an offset
    /// (Green Button CSV). Called with the series' meterKey and altKey; returns the premise's zone,
    /// or the import's default zone when the meter is unknown. Never null when a parser runs.
    std::function<QTimeZone(const QString &meterKey, const QString &altKey)> zoneOf;
};

/// One meter-data file format. A parser streams: it reads the device from its current
/// position to the end, keeps no more than a bounded batch in memory and hands series to the
/// sink as it goes. On the first thing the format does not allow it throws ImportError naming
/// the file (`context.fileName`), the line or element path, and what was
/// expected; the importer then discards everything the sink received for that file.
class ReadingParser
{
public:
    virtual ~ReadingParser() = default;

    /// A stable key for the format ("greenbutton-xml", "nem12", ...), used on the command line
    /// and in the import log.
    virtual QString key() const = 0;
    /// The format's name as users know it, translated ("Green Button XML (ESPI)").
    virtual QString displayName() const = 0;
    /// True if the first bytes of a file (up to 64 KiB, possibly cut mid-line) look like this
    /// format. Cheap and strict enough that at most one format claims a file.
    virtual bool probe(const QByteArray &head) const = 0;
    /// Parses the whole device.
    virtual void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) = 0;
};

} // namespace Ud::Metering
