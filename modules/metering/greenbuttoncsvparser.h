#pragma once

#include "readingparser.h"

namespace Ud::Metering {

/// The CSV file US utilities offer as Green Button "Download My Data": a few lines naming the
/// customer, account, service and meter, then `TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES`
/// or one of its variants (USAGE (kWh), IMPORT (kWh) and EXPORT (kWh) for net metering, daily
/// gas rows in therms or CCF, no COST or NOTES). Dates and times are local wall-clock times of
/// the meter's zone (ParseContext::zoneOf); in the repeated hour of a fall-back day the first
/// occurrence is read as the earlier (summer-time) one.
class GreenButtonCsvParser : public ReadingParser
{
public:
    QString key() const override;
    QString displayName() const override;
    /// True if, after at most a few key/value lines, a line is a Green Button header.
    bool probe(const QByteArray &head) const override;
    void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) override;
};

} // namespace Ud::Metering
