#pragma once

#include <QString>

namespace Ud::Metering {

/// How the Meter Sync models write times and numbers: through the user's locale, times in the
/// computer's time zone.
namespace Format {
/// Date and time (short format, minutes), empty for 0.
QString dateTime(qint64 utcSecs);
QString number(qint64 value);
/// A share 0..1 as a percentage with one decimal, as the locale writes it.
QString percent(double share);
/// "3 days", "5 hours" or "12 minutes", whichever unit fits.
QString duration(qint64 secs);
} // namespace Format

} // namespace Ud::Metering
