#include "meteringformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Ud::Metering::Format {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::Format)
};
} // namespace

QString dateTime(qint64 utcSecs)
{
    if (utcSecs <= 0)
        return {};
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(utcSecs).toLocalTime(), QLocale::ShortFormat);
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString percent(double share)
{
    const QLocale locale;
    return locale.toString(share * 100.0, 'f', 1) + locale.percent();
}

QString duration(qint64 secs)
{
    constexpr qint64 Hour = 3600;
    constexpr qint64 Day = 24 * Hour;
    if (secs >= Day)
        return Tr::tr("%n days", nullptr, int(secs / Day));
    if (secs >= Hour)
        return Tr::tr("%n hours", nullptr, int(secs / Hour));
    return Tr::tr("%n minutes", nullptr, int(std::max<qint64>(secs / 60, 1)));
}

} // namespace Ud::Metering::Format
