// Usage-chart series against the raw interval-store read they are computed from.
//
//   bench_usage [--years Y] [--runs R]
//
// Writes Y years (default 5) of 15-minute readings of one London channel (about 175,000
// readings, the DST days with their 92 and 100 intervals) with ReadingStore::appendDays into a
// fresh SQLite database, then times, as the median of R runs (default 7): the SeriesBuilder
// read of the whole range at Interval resolution, the downsampling of it to 2,000 points, both
// together (the computation part of the ≤ 100 ms to a painted chart), the same range at Day
// resolution, and as the baseline a raw ReadingStore::read of the same range. Prints
// `name value unit` lines (DESIGN.md, Performance).

#include "../metering/meteringfixture.h"

#include <metering/readingstore.h>
#include <usage/downsampler.h>
#include <usage/seriesbuilder.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Ud;
using Metering::Quality;
using Metering::ReadingStore;

namespace {

template<typename F>
double medianMs(int runs, F work)
{
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int years = 5;
    int runs = 7;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--years"))
            years = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(++i).toInt();
    }
    if (years <= 0 || runs <= 0) {
        std::fprintf(stderr, "usage: bench_usage [--years Y] [--runs R]\n");
        return 2;
    }

    const QTimeZone zone(QByteArrayLiteral("Europe/London"));
    Test::TestDatabase tdb(QStringLiteral("sqlite"));
    Test::MeteringFixture fixture(tdb.db());
    const QString channel = fixture.channelOf(fixture.addMeter(QStringLiteral("BENCH-1"), QStringLiteral("Europe/London"), 15));

    const QDate from(2020, 1, 1);
    const QDate to = from.addYears(years).addDays(-1);
    QElapsedTimer gen;
    gen.start();
    ReadingStore::ChannelDays history{channel, zone, 15, {}};
    qint64 readings = 0;
    for (QDate d = from; d <= to; d = d.addDays(1)) {
        const int n = ReadingStore::slotsInDay(d, zone, 15);
        Metering::IntervalDay day(n);
        for (int slot = 0; slot < n; ++slot) {
            // A daily shape with a weekly swing, an estimated interval now and then.
            const qint64 v = 80 + (slot * 37 + d.dayOfWeek() * 11) % 300;
            day.set(slot, v, (slot + d.day()) % 97 == 0 ? Quality::Estimated : Quality::Actual);
        }
        readings += n;
        history.days.append({d, day});
    }
    ReadingStore(tdb.db()).appendDays({history});
    const double genSeconds = double(gen.nsecsElapsed()) / 1e9;

    const qint64 fromUtc = from.startOfDay(zone).toSecsSinceEpoch();
    const qint64 toUtc = to.addDays(1).startOfDay(zone).toSecsSinceEpoch();
    Usage::SeriesBuilder builder(tdb.db());
    const auto user = Test::MeteringFixture::agent();

    qsizetype points = 0, drawn = 0, rawCount = 0;
    Usage::UsageSeries series;
    const double buildMs = medianMs(runs, [&] {
        series = builder.build(user, channel, zone, from, to, Usage::Resolution::Interval);
        points = series.points.size();
    });
    const double downsampleMs = medianMs(runs, [&] {
        drawn = 0;
        for (const auto &run : Usage::Downsampler::runs(series.points, Usage::SeriesBuilder::MaxPoints))
            drawn += run.size();
    });
    const double bothMs = medianMs(runs, [&] {
        const auto s = builder.build(user, channel, zone, from, to, Usage::Resolution::Interval);
        drawn = 0;
        for (const auto &run : Usage::Downsampler::runs(s.points, Usage::SeriesBuilder::MaxPoints))
            drawn += run.size();
    });
    const double dayMs = medianMs(runs, [&] { builder.build(user, channel, zone, from, to, Usage::Resolution::Day); });
    const double rawMs = medianMs(runs, [&] { rawCount = ReadingStore(tdb.db()).read(channel, zone, fromUtc, toUtc).size(); });

    if (points != readings || rawCount != readings || drawn > Usage::SeriesBuilder::MaxPoints) {
        std::fprintf(stderr, "bench_usage: %lld readings written, %lld built, %lld read raw, %lld drawn\n",
                     static_cast<long long>(readings), static_cast<long long>(points),
                     static_cast<long long>(rawCount), static_cast<long long>(drawn));
        return 1;
    }
    std::printf("usage_readings %lld readings\n", static_cast<long long>(readings));
    std::printf("usage_generate_seconds %.3f s\n", genSeconds);
    std::printf("usage_build_interval_ms %.1f ms\n", buildMs);
    std::printf("usage_downsample_ms %.1f ms\n", downsampleMs);
    std::printf("usage_drawn_points %lld points\n", static_cast<long long>(drawn));
    std::printf("usage_build_and_downsample_ms %.1f ms\n", bothMs);
    std::printf("usage_build_day_ms %.1f ms\n", dayMs);
    std::printf("usage_raw_read_ms %.1f ms\n", rawMs);
    return 0;
}
