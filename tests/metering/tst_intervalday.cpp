#include <metering/intervalday.h>

#include <QTest>

using Ud::Metering::IntervalDay;
using Ud::Metering::Quality;

class TestIntervalDay : public QObject
{
    Q_OBJECT

private slots:
    void packsLittleEndianValuesAndQualityBytes()
    {
        IntervalDay day(3);
        day.set(0, 1, Quality::Actual);
        day.set(2, -2, Quality::Estimated);
        QCOMPARE(day.packedReadings(),
                 QByteArray::fromHex("0100000000000000" "0000000000000000" "feffffffffffffff"));
        QCOMPARE(day.packedQuality(), QByteArray::fromHex("010002"));
    }

    void roundTripsThroughUnpack()
    {
        IntervalDay day(50);
        for (int i = 0; i < 50; i += 2)
            day.set(i, qint64(i) * 1'000'000'000'000LL + 7, i % 4 ? Quality::Edited : Quality::Actual);
        const auto back = IntervalDay::unpack(50, day.packedReadings(), day.packedQuality());
        QVERIFY(back.has_value());
        QCOMPARE(back->count(), 50);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(back->isPresent(i), i % 2 == 0);
            QCOMPARE(back->value(i), day.value(i));
            QCOMPARE(back->quality(i), day.quality(i));
        }
    }

    void totalCountsOnlyPresentIntervals()
    {
        IntervalDay day(4);
        day.set(0, 10, Quality::Actual);
        day.set(1, 5, Quality::Estimated);
        day.set(3, 99, Quality::Edited);
        day.set(3, 99, Quality::Missing); // clearing an interval drops its value from the total
        QCOMPARE(day.total(), qint64(15));
        QCOMPARE(day.presentCount(), 2);
        QCOMPARE(day.value(3), qint64(0));
    }

    void unpackRejectsDamagedColumns()
    {
        IntervalDay day(48);
        QVERIFY(!IntervalDay::unpack(46, day.packedReadings(), day.packedQuality()));
        QVERIFY(!IntervalDay::unpack(48, day.packedReadings().left(47 * 8), day.packedQuality()));
        QByteArray quality = day.packedQuality();
        quality[5] = char(9);
        QVERIFY(!IntervalDay::unpack(48, day.packedReadings(), quality));
    }
};

QTEST_GUILESS_MAIN(TestIntervalDay)
#include "tst_intervalday.moc"
