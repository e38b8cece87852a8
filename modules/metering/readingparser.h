#pragma once

#include "channelseries.h"
#include "importerror.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>
#include <memory>

namespace Ud::Metering {

/// Receives the series a parser emits, in file order. It may throw ImportCancelled to stop.
using ReadingSink = std::function<void(ChannelSeries &&series)>;

/// One meter-data file format. A parser streams: it reads the device from its current
/// position to the end, keeps no more than a bounded batch in memory and hands series to the
/// sink as it goes. On the first thing the format does not allow it throws ImportError naming
/// the file (`fileName`, as the user knows it), the line or element path, and what was
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
    virtual void parse(QIODevice &in, const QString &fileName, const ReadingSink &sink) = 0;
};

} // namespace Ud::Metering
