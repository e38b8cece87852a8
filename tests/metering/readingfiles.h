#pragma once

// Files in the tiny test format (testformat.h) for the import log and Meter Sync page tests.

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <QTimeZone>

namespace Ud::Test {

/// `count` readings of `key` every `duration` seconds from `start` (UTC), value = base + index.
/// Slots listed in `missing` are written as missing readings.
inline QByteArray readingsFile(const QString &key, const QDateTime &start, int count, int duration = 1800,
                               qint64 base = 100, const QList<int> &missing = {})
{
    QByteArray text = "UDTEST\n";
    for (int i = 0; i < count; ++i) {
        text += QStringLiteral("%1,import,%2,%3,%4,%5\n")
                    .arg(key, start.addSecs(qint64(i) * duration).toUTC().toString(Qt::ISODate))
                    .arg(duration)
                    .arg(base + i)
                    .arg(missing.contains(i) ? QStringLiteral("M") : QStringLiteral("A"))
                    .toLatin1();
    }
    return text;
}

inline QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc());
}

inline QString writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

/// A file no format claims the line of: the second line has three fields, not six.
inline QByteArray brokenFile()
{
    return "UDTEST\nM-1,import,2024-03-10T00:00:00Z\n";
}

} // namespace Ud::Test
