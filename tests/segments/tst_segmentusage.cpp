// Segments over usage attributes, which read the customers' usage profiles through a join
// (Rules::AttributeSql::joined): the refresh, the live count and references to a segment whose
// rule reads usage all pick the customers the plain rules pick.

#include "segmentsfixture.h"

#include <accounts/segmentcount.h>
#include <metering/usageattributes.h>
#include <metering/usageprofiles.h>

#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Test::SegmentsFixture;
using Test::definition;

namespace {

constexpr quint64 Seed = 11;
const QString Big = QStringLiteral("usage.avg_monthly_kwh(last 12 months) > 250.0");
const QString Nights = QStringLiteral("usage.night_share(last 6 months) > 0.3");

} // namespace

class TestSegmentUsage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void segmentsOverUsagePickWhatTheRulesPick_data() { Test::addBackendRows(); }
    void segmentsOverUsagePickWhatTheRulesPick()
    {
        UD_TEST_DATABASE(t);
        SegmentsFixture f(t.db());
        f.module.attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
        // A few days into the month after the demo history: the profiles cover its last 24 months.
        f.clock.set(QDateTime(Demo::Generator::referenceDate(Seed), QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch());
        Demo::Options options;
        options.customers = 40;
        options.meters = 34;
        options.days = 400;
        options.seed = Seed;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        QVERIFY(!Metering::UsageProfiles(t.db(), f.clock).isStale());

        const QSet<QString> big = f.picked(Big);
        const QSet<QString> nights = f.picked(Nights);
        const QSet<QString> homes = f.ids(QStringLiteral("SELECT id FROM customers WHERE class = 'residential'"));
        QVERIFY2(!big.isEmpty() && big.size() < 34, qPrintable(QString::number(big.size())));
        QVERIFY(!nights.isEmpty());
        QCOMPARE(f.module.segmentCount().count(Core::UserContext::operatingSystemUser(), Big), qint64(big.size()));

        const auto bob = SegmentsFixture::businessUser();
        f.segments().save(bob, definition(QStringLiteral("Big users"), Big));
        const Segments::RefreshResult refreshed = f.segments().refresh(bob, QStringLiteral("Big users"));
        QCOMPARE(refreshed.members, qint64(big.size()));
        QCOMPARE(f.stored(refreshed.segmentId), big);

        // A reference to the usage segment, alone, with a profile condition and with another
        // usage condition in the outer rule (the join is then in both).
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big users\"")), big);
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big users\" and class = \"residential\"")), big & homes);
        QCOMPARE(f.picked(QStringLiteral("has segment \"Big users\" or ") + Nights), big | nights);
        QCOMPARE(f.picked(QStringLiteral("not has segment \"Big users\" and ") + Nights), nights - big);

        f.segments().save(bob, definition(QStringLiteral("Big homes at night"),
                                          QStringLiteral("has segment \"Big users\" and class = \"residential\" and ") + Nights));
        const Segments::RefreshResult second = f.segments().refresh(bob, QStringLiteral("Big homes at night"));
        QCOMPARE(f.stored(second.segmentId), big & homes & nights);
    }
};

QTEST_GUILESS_MAIN(TestSegmentUsage)
#include "tst_segmentusage.moc"
