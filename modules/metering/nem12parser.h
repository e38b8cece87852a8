#pragma once

#include "readingparser.h"

namespace Ud::Metering {

/// The Australian market's interval meter data file, NEM12 (AEMO "Meter Data File Format
/// Specification NEM12 & NEM13"): a 100 header, then per data stream a 200 record followed by
/// one 300 record per day (with 400 records when the day's quality varies), 500 records, and a
/// closing 900 record. Streams with suffix E (consumption), B (generation fed into the grid) and
/// Q (reactive energy taken) are imported; other suffixes are read, checked and left out.
/// Interval dates are market time, UTC+10:00 all year.
class Nem12Parser : public ReadingParser
{
public:
    QString key() const override;
    QString displayName() const override;
    /// True if the file starts with a 100 record whose version is NEM12.
    bool probe(const QByteArray &head) const override;
    void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) override;
};

} // namespace Ud::Metering
