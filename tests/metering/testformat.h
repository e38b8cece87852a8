#pragma once

#include <metering/readingformats.h>

#include <QDateTime>
#include <QIODevice>

namespace Ud::Test {

/// A deliberately small format for these tests, so they exercise the import service and not a
/// real parser: "UDTEST" then `key,kind,start,duration,value,quality` lines, or
/// `GEN,key,start,duration,count` for `count` generated readings (value = index % 1000).
class TestFormat : public Metering::ReadingParser
{
public:
    QString key() const override { return QStringLiteral("udtest"); }
    QString displayName() const override { return QStringLiteral("UD test"); }
    bool probe(const QByteArray &head) const override { return head.startsWith("UDTEST"); }
    void parse(QIODevice &in, const Metering::ParseContext &context, const Metering::ReadingSink &sink) override
    {
        qint64 line = 0;
        in.readLine();
        ++line;
        Metering::ChannelSeries series;
        auto emitSeries = [&] {
            if (!series.readings.isEmpty())
                sink(std::move(series));
            series = {};
        };
        while (!in.atEnd()) {
            const QList<QByteArray> f = in.readLine().trimmed().split(',');
            ++line;
            if (f.value(0) == "GEN") {
                emitSeries();
                const qint64 start = QDateTime::fromString(QString::fromLatin1(f.at(2)), Qt::ISODate).toSecsSinceEpoch();
                const int duration = f.at(3).toInt();
                const qint64 count = f.at(4).toLongLong();
                for (qint64 i = 0; i < count; ++i) {
                    if (series.readings.size() == 65536)
                        emitSeries();
                    series.meterKey = QString::fromLatin1(f.at(1));
                    series.intervalSecs = duration;
                    series.readings.append({start + i * duration, duration, i % 1000, Metering::Quality::Actual, line});
                }
                continue;
            }
            if (f.size() != 6)
                throw Metering::ImportError(context.fileName, QStringLiteral("line %1").arg(line),
                                            QStringLiteral("expected six fields"));
            const QString key = QString::fromLatin1(f.at(0));
            const auto kind = f.at(1) == "export" ? Accounts::ChannelKind::Export : Accounts::ChannelKind::Import;
            if (key != series.meterKey || kind != series.kind)
                emitSeries();
            series.meterKey = key;
            series.kind = kind;
            series.timeZoneHint = QString();
            const qint64 start = QDateTime::fromString(QString::fromLatin1(f.at(2)), Qt::ISODate).toSecsSinceEpoch();
            const Metering::Quality q = f.at(5) == "E" ? Metering::Quality::Estimated : f.at(5) == "M" ? Metering::Quality::Missing : Metering::Quality::Actual;
            series.readings.append({start, f.at(3).toInt(), f.at(4).toLongLong(), q, line});
        }
        emitSeries();
    }
};

inline Metering::ReadingFormats testFormats()
{
    Metering::ReadingFormats formats;
    formats.add(std::make_unique<TestFormat>());
    return formats;
}

} // namespace Ud::Test
