#include <usage/downsampler.h>

#include <QTest>

using namespace Ud;
using Usage::Downsampler;
using Usage::UsagePoint;

namespace {

QList<QPointF> line(const QList<double> &ys)
{
    QList<QPointF> out;
    for (qsizetype i = 0; i < ys.size(); ++i)
        out.append(QPointF(double(i), ys.at(i)));
    return out;
}

/// A sawtooth of `n` points, 100..106, with x = index.
QList<QPointF> sawtooth(qsizetype n)
{
    QList<QPointF> out;
    for (qsizetype i = 0; i < n; ++i)
        out.append(QPointF(double(i), double(100 + i % 7)));
    return out;
}

/// Quarter-hours from `start`, value 100 + i % 7, with the intervals in `gaps` left out.
QList<UsagePoint> quarterHours(qint64 start, int n, const QList<int> &gaps = {})
{
    QList<UsagePoint> out;
    for (int i = 0; i < n; ++i) {
        if (gaps.contains(i))
            continue;
        out.append({start + i * 900, start + (i + 1) * 900, 100 + i % 7, 1, 1, 0});
    }
    return out;
}

} // namespace

class TestDownsampler : public QObject
{
    Q_OBJECT

private slots:
    void smallInputsAreUnchanged_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("empty") << 0 << 10;
        QTest::newRow("one") << 1 << 10;
        QTest::newRow("five of ten") << 5 << 10;
        QTest::newRow("exactly N") << 2000 << 2000;
    }
    void smallInputsAreUnchanged()
    {
        QFETCH(int, size);
        QFETCH(int, maxPoints);
        const QList<QPointF> in = sawtooth(size);
        QCOMPARE(Downsampler::downsample(in, maxPoints), in);
    }

    void handComputedBuckets()
    {
        // 12 points, N = 8: first and last, then (8 - 2) / 3 = 2 buckets of the 10 between,
        // [1, 6) and [6, 11). Bucket 1: min at 5 (1), max at 3 (9); of 1, 2, 4 the largest
        // triangle with (0, 1) and the next bucket's average (8, 3.6) is at 2 (area 10.8 against
        // 5.4 and 2.4). Bucket 2: min at 7 (0), max at 8 (6); of 6, 9, 10 the largest triangle
        // with (2, 3) and the last point (11, 2) is at 9 (25 against 13 and 8).
        const QList<QPointF> in = line({1, 2, 3, 9, 2, 1, 4, 0, 6, 5, 3, 2});
        QCOMPARE(Downsampler::select(in, {}, 8), (QList<qsizetype>{0, 2, 3, 5, 7, 8, 9, 11}));
        // Budgets too small for a bucket: the extremes between the ends.
        QCOMPARE(Downsampler::select(in, {}, 4), (QList<qsizetype>{0, 3, 7, 11}));
        QCOMPARE(Downsampler::select(in, {}, 3), (QList<qsizetype>{0, 3, 11}));
        QCOMPARE(Downsampler::select(in, {}, 2), (QList<qsizetype>{3, 7}));
        QCOMPARE(Downsampler::select(in, {}, 1), (QList<qsizetype>{3}));
        QCOMPARE(Downsampler::select(in, {}, 0), QList<qsizetype>());
    }

    void neverMoreThanNAndInOrder_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("100 to 3") << 100 << 3;
        QTest::newRow("100 to 10") << 100 << 10;
        QTest::newRow("1000 to 99") << 1000 << 99;
        QTest::newRow("10007 to 2000") << 10007 << 2000;
        QTest::newRow("175296 to 2000") << 175296 << 2000;
    }
    void neverMoreThanNAndInOrder()
    {
        QFETCH(int, size);
        QFETCH(int, maxPoints);
        const QList<QPointF> in = sawtooth(size);
        const QList<QPointF> out = Downsampler::downsample(in, maxPoints);
        QVERIFY(out.size() <= maxPoints);
        // Budget left unused is at most the (B - 2) % 3 of the one run.
        QVERIFY(out.size() >= maxPoints - 2);
        QCOMPARE(out.first(), in.first());
        QCOMPARE(out.last(), in.last());
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY2(out.at(i).x() > out.at(i - 1).x(), qPrintable(QString::number(i)));
    }

    void aSingleSpikeOrDipSurvives_data()
    {
        QTest::addColumn<int>("at");
        QTest::addColumn<double>("value");
        QTest::newRow("spike early") << 17 << 10000.0;
        QTest::newRow("spike middle") << 87654 << 10000.0;
        QTest::newRow("dip") << 120001 << -500.0;
        QTest::newRow("spike next to last") << 175294 << 10000.0;
    }
    void aSingleSpikeOrDipSurvives()
    {
        QFETCH(int, at);
        QFETCH(double, value);
        QList<QPointF> in = sawtooth(175296);
        in[at].setY(value);
        const QList<QPointF> out = Downsampler::downsample(in, 2000);
        QVERIFY(out.contains(QPointF(double(at), value)));
    }

    void gapsAreNeverBridged()
    {
        // Runs of 10 and 30 quarter-hours, N = 20: one point each and 18 shared by length,
        // 4 + 13 by quotient and the last one to the longer run's larger remainder, so budgets
        // 5 and 15; they keep 2 + 3 and 2 + 4 * 3 points.
        const qint64 start = 1718409600; // 2024-06-15 00:00 UTC
        const QList<UsagePoint> in = quarterHours(start, 41, {10});
        QCOMPARE(in.size(), 40);
        const auto runs = Downsampler::runs(in, 20);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).size(), 5);
        QCOMPARE(runs.at(1).size(), 14);
        QCOMPARE(runs.at(0).first(), in.at(0));
        QCOMPARE(runs.at(0).last(), in.at(9));   // ends before the gap...
        QCOMPARE(runs.at(1).first(), in.at(10)); // ...and the next line starts after it
        QCOMPARE(runs.at(1).first().startUtc, start + 11 * 900);
        QCOMPARE(runs.at(1).last(), in.last());

        // Unthinned, a series is still cut at its gaps.
        const auto whole = Downsampler::runs(quarterHours(start, 8, {3, 4}), 2000);
        QCOMPARE(whole.size(), 2);
        QCOMPARE(whole.at(0).size(), 3);
        QCOMPARE(whole.at(1).size(), 3);
    }

    void moreRunsThanPointsKeepTheHighestPeaks()
    {
        // Five one-point runs, N = 3: the three highest, in time order.
        const QList<QPointF> in = line({3, 9, 1, 7, 5});
        QCOMPARE(Downsampler::select(in, {true, true, true, true, true}, 3), (QList<qsizetype>{1, 3, 4}));
    }

    void estimatedFlagsTravelWithTheirPoint()
    {
        const qint64 start = 1718409600;
        QList<UsagePoint> in = quarterHours(start, 5000);
        in[2500].value = 900;
        in[2500].estimated = 1;
        const auto runs = Downsampler::runs(in, 200);
        QCOMPARE(runs.size(), 1);
        QVERIFY(runs.at(0).size() <= 200);
        QVERIFY(runs.at(0).contains(in.at(2500)));
    }
};

QTEST_GUILESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"
