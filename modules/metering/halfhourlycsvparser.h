#pragma once

#include "readingparser.h"

namespace Ud::Metering {

/// The consumption CSV UK suppliers export (Octopus Energy and others): a header such as
/// `Consumption (kWh), Start, End`, optionally with cost columns (ignored) and a meter serial or
/// MPAN/MPRN column, then one line per interval with ISO 8601 start and end times that carry
/// their offset. The interval is end minus start.
class HalfHourlyCsvParser : public ReadingParser
{
public:
    QString key() const override;
    QString displayName() const override;
    /// True if the first line is a header with a Consumption column and Start and End columns.
    bool probe(const QByteArray &head) const override;
    void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) override;
};

} // namespace Ud::Metering
