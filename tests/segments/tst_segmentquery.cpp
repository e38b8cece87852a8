#include "../accounts/accountsfixture.h"

#include <core/querycancel.h>
#include <core/sqlquery.h>
#include <demo/generator.h>
#include <accounts/segmentcount.h>
#include <metering/usageattributes.h>
#include <metering/usageprofiles.h>
#include <rules/attributecatalog.h>
#include <rules/attributesql.h>
#include <segments/segmentquery.h>
#include <segments/segmentsmodule.h>

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

using namespace Ud;
using Segments::SegmentDefinition;
using Test::AccountsFixture;

namespace {

/// A demo town of 240 customers (no interval data) and the segments module over it.
struct Town
{
    explicit Town(Core::Database &db) : f(db), segments(f.module)
    {
        Demo::Options options;
        options.customers = 240;
        options.intervalData = false;
        options.days = 30;
        options.seed = 11;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        segments.initialize(f.context);
    }
    Segments::SegmentQuery &query() { return segments.query(); }
    qint64 count(const QString &rule) { return query().count(AccountsFixture::businessUser(), definition(rule)); }
    static SegmentDefinition definition(const QString &rule)
    {
        SegmentDefinition d;
        d.name = QStringLiteral("Test");
        d.ruleText = rule;
        return d;
    }
    qint64 scalar(const QString &sql)
    {
        Core::SqlQuery q(f.database.connection(), sql);
        return q.scalar().toLongLong();
    }

    AccountsFixture f;
    Segments::SegmentsModule segments;
};

Core::UserContext fieldOfficer(const QString &region)
{
    return {QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("fred"), Core::Role::FieldOfficer, region};
}

} // namespace

class TestSegmentQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void countIsTheMembers_data() { Test::addBackendRows(); }
    void countIsTheMembers()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        const qint64 homes = town.scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE class = 'residential'"));
        QVERIFY(homes > 20);
        QCOMPARE(town.count(QStringLiteral("class = \"residential\"")), homes);
        QCOMPARE(town.count(QStringLiteral("class = \"residential\" and household_size >= 3")),
                 town.scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE class = 'residential' AND household_size >= 3")));

        // The static lists: one business added, two homes taken out.
        Core::SqlQuery ids(t.db().connection(), QStringLiteral("SELECT id, class FROM customers ORDER BY customer_number"));
        ids.exec();
        QString business;
        QStringList someHomes;
        while (ids.next()) {
            if (ids.value(1).toString() == QLatin1String("residential") && someHomes.size() < 2)
                someHomes << ids.value(0).toString();
            else if (ids.value(1).toString() != QLatin1String("residential") && business.isEmpty())
                business = ids.value(0).toString();
        }
        SegmentDefinition d = Town::definition(QStringLiteral("class = \"residential\""));
        d.includeCustomerIds = {business};
        d.excludeCustomerIds = someHomes;
        QCOMPARE(town.query().count(AccountsFixture::businessUser(), d), homes + 1 - 2);

        // A field officer counts their region only; without a region, nobody.
        Core::SqlQuery regions(t.db().connection(), QStringLiteral("SELECT region FROM premises WHERE region <> '' ORDER BY region LIMIT 1"));
        const QString region = regions.scalar().toString();
        QVERIFY(!region.isEmpty());
        Core::SqlQuery inRegion(t.db().connection(), QStringLiteral(
            "SELECT COUNT(*) FROM customers c WHERE c.class = 'residential' AND c.id IN "
            "(SELECT a.customer_id FROM accounts a JOIN premises p ON p.id = a.premise_id WHERE p.region = :r)"));
        inRegion.bind(QStringLiteral(":r"), region);
        const qint64 regionHomes = inRegion.scalar().toLongLong();
        QVERIFY(regionHomes > 0 && regionHomes < homes);
        QCOMPARE(town.query().count(fieldOfficer(region), Town::definition(QStringLiteral("class = \"residential\""))), regionHomes);
        QCOMPARE(town.query().count(fieldOfficer(QString()), Town::definition(QStringLiteral("class = \"residential\""))), qint64(0));
    }

    void errorsNameTheProblem_data() { Test::addBackendRows(); }
    void errorsNameTheProblem()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] { town.count(QStringLiteral("class = and region = \"north\"")); }),
                 QStringLiteral("Position 9: expected a value after \"=\", such as \"residential\" or 500."));
        // The builder page needs ManageSegments; counting only ViewCustomers, which agents have too.
        const Core::UserContext agent = AccountsFixture::agent();
        QCOMPARE(town.query().count(agent, Town::definition(QStringLiteral("class = \"residential\""))),
                 town.count(QStringLiteral("class = \"residential\"")));
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] {
                     town.query().distribution(AccountsFixture::businessUser(), Town::definition(QStringLiteral("household_size > 0")),
                                               QStringLiteral("houshold_size"));
                 }),
                 QStringLiteral("\"houshold_size\" is not a known attribute; pick one from the list to chart."));
        QCOMPARE(Test::errorOf(Core::Error::Kind::BadInput, [&] {
                     town.query().preview(AccountsFixture::businessUser(), Town::definition(QStringLiteral("household_size > 0")), 0, 0);
                 }),
                 QStringLiteral("A preview page holds 1 to 1,000 customers, not 0."));
    }

    void funnelFiguresAreCountsOfThePartialRules_data() { Test::addBackendRows(); }
    void funnelFiguresAreCountsOfThePartialRules()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        const QStringList conjuncts{
            QStringLiteral("household_size >= 2"),
            QStringLiteral("income_band in (\"middle\", \"upper_middle\", \"high\", \"low\")"),
            QStringLiteral("(has appliance \"ev_charger\" or class = \"residential\")"),
            QStringLiteral("not has vulnerability \"life_support\""),
        };
        const QString rule = conjuncts.join(QStringLiteral(" and "));
        const Segments::Funnel funnel = town.query().funnel(AccountsFixture::businessUser(), Town::definition(rule));
        const qint64 everybody = town.scalar(QStringLiteral("SELECT COUNT(*) FROM customers"));
        QCOMPARE(funnel.customers, everybody);
        QCOMPARE(funnel.steps.size(), conjuncts.size());
        QStringList partial;
        for (int i = 0; i < conjuncts.size(); ++i) {
            partial << conjuncts.at(i);
            const Segments::FunnelStep &step = funnel.steps.at(i);
            QCOMPARE(step.remaining, town.count(partial.join(QStringLiteral(" and "))));
            QCOMPARE(step.trueCount, town.count(conjuncts.at(i)));
            QCOMPARE(step.falseCount, town.count(QStringLiteral("not %1").arg(conjuncts.at(i))));
            QCOMPARE(step.trueCount + step.falseCount + step.unknownCount, everybody);
        }
        // The funnel narrows, and income band is unknown for businesses (not recorded).
        for (int i = 1; i < funnel.steps.size(); ++i)
            QVERIFY(funnel.steps.at(i).remaining <= funnel.steps.at(i - 1).remaining);
        QVERIFY(funnel.steps.at(1).unknownCount > 0);
        QCOMPARE(funnel.members, town.count(rule));
        QVERIFY(funnel.members > 0);

        // Every condition in text order, with its own outcome.
        const QStringList leaves{conjuncts.at(0), conjuncts.at(1), QStringLiteral("has appliance \"ev_charger\""),
                                 QStringLiteral("class = \"residential\""), QStringLiteral("has vulnerability \"life_support\"")};
        QCOMPARE(funnel.conditions.size(), leaves.size());
        const QList<int> stepOf{0, 1, 2, 2, 3};
        for (int j = 0; j < leaves.size(); ++j) {
            const Segments::FunnelCondition &c = funnel.conditions.at(j);
            QCOMPARE(c.text, leaves.at(j));
            QCOMPARE(c.step, stepOf.at(j));
            QCOMPARE(c.trueCount, town.count(leaves.at(j)));
            QCOMPARE(c.falseCount, town.count(QStringLiteral("not %1").arg(leaves.at(j))));
        }

        // Steps only: the same remaining customers and members, without the outcomes.
        const Segments::Funnel fast = town.query().funnel(AccountsFixture::businessUser(), Town::definition(rule), nullptr,
                                                          Segments::FunnelDetail::Steps);
        QVERIFY(funnel.outcomes);
        QVERIFY(!fast.outcomes);
        QCOMPARE(fast.customers, funnel.customers);
        QCOMPARE(fast.members, funnel.members);
        QCOMPARE(fast.steps.size(), funnel.steps.size());
        for (int i = 0; i < fast.steps.size(); ++i) {
            QCOMPARE(fast.steps.at(i).text, funnel.steps.at(i).text);
            QCOMPARE(fast.steps.at(i).remaining, funnel.steps.at(i).remaining);
        }
        QCOMPARE(fast.conditions.size(), funnel.conditions.size());

        // Not an AND at the top: one step, the whole rule; the lists move only `members`.
        SegmentDefinition single = Town::definition(QStringLiteral("class = \"commercial\" or class = \"industrial\""));
        Core::SqlQuery home(t.db().connection(), QStringLiteral("SELECT id FROM customers WHERE class = 'residential' LIMIT 1"));
        single.includeCustomerIds = {home.scalar().toString()};
        const Segments::Funnel one = town.query().funnel(AccountsFixture::businessUser(), single);
        QCOMPARE(one.steps.size(), 1);
        QCOMPARE(one.steps.at(0).text, single.ruleText);
        QCOMPARE(one.steps.at(0).remaining, town.count(single.ruleText));
        QCOMPARE(one.conditions.size(), 2);
        QCOMPARE(one.members, one.steps.at(0).remaining + 1);
        QCOMPARE(one.members, town.query().count(AccountsFixture::businessUser(), single));
        const Segments::Funnel oneFast =
            town.query().funnel(AccountsFixture::businessUser(), single, nullptr, Segments::FunnelDetail::Steps);
        QCOMPARE(oneFast.steps.at(0).remaining, one.steps.at(0).remaining);
        QCOMPARE(oneFast.members, one.members);
    }

    void previewPagesAreDisjointAndOrdered_data() { Test::addBackendRows(); }
    void previewPagesAreDisjointAndOrdered()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        const SegmentDefinition d = Town::definition(QStringLiteral("class = \"residential\""));
        const Core::UserContext user = AccountsFixture::businessUser();
        const qint64 count = town.query().count(user, d);
        QList<Segments::PreviewRow> paged;
        QSet<QString> seen;
        for (int offset = 0;; offset += 7) {
            const QList<Segments::PreviewRow> page = town.query().preview(user, d, offset, 7);
            for (const Segments::PreviewRow &row : page) {
                QVERIFY2(!seen.contains(row.customerId), qPrintable(row.customerNumber));
                seen.insert(row.customerId);
                QCOMPARE(row.customerClass, QStringLiteral("residential"));
                QVERIFY(!row.customerNumber.isEmpty());
                QVERIFY(!row.name.isEmpty());
            }
            paged.append(page);
            if (page.size() < 7)
                break;
        }
        QCOMPARE(qint64(paged.size()), count);
        QCOMPARE(paged, town.query().preview(user, d, 0, 1000));
        // By name, then customer number (what the database orders by; SQLite compares code points).
        if (t.isSqlite())
            for (int i = 1; i < paged.size(); ++i)
                QVERIFY(paged.at(i - 1).name < paged.at(i).name
                        || (paged.at(i - 1).name == paged.at(i).name && paged.at(i - 1).customerNumber < paged.at(i).customerNumber));
        // The region shown is the one a rule tests.
        const Segments::PreviewRow &first = paged.first();
        QVERIFY(!first.region.isEmpty());
        QVERIFY(town.query()
                    .preview(user, Town::definition(QStringLiteral("class = \"residential\" and region = \"%1\"").arg(first.region)), 0, 1000)
                    .contains(first));
    }

    void distributionSumsToTheCount_data() { Test::addBackendRows(); }
    void distributionSumsToTheCount()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        const Core::UserContext user = AccountsFixture::businessUser();
        const QString rule = QStringLiteral("not has vulnerability \"life_support\"");
        const SegmentDefinition d = Town::definition(rule);
        const qint64 count = town.query().count(user, d);

        // An enum: one bar per class, each the count of the rule and that class.
        const Segments::Distribution classes = town.query().distribution(user, d, QStringLiteral("class"));
        QCOMPARE(classes.members, count);
        QCOMPARE(classes.unknown, qint64(0));
        qint64 sum = 0;
        for (const Segments::DistributionBin &bin : classes.bins) {
            QCOMPARE(bin.kind, Segments::DistributionBin::Kind::Value);
            QCOMPARE(bin.count, town.count(QStringLiteral("%1 and class = \"%2\"").arg(rule, bin.value)));
            sum += bin.count;
        }
        QCOMPARE(sum, count);
        for (int i = 1; i < classes.bins.size(); ++i)
            QVERIFY(classes.bins.at(i).count <= classes.bins.at(i - 1).count);

        // A number: equal round-width bins from the lowest to the highest value; unknown
        // for businesses, which record no household size.
        const Segments::Distribution sizes = town.query().distribution(user, d, QStringLiteral("household_size"));
        QVERIFY(sizes.unknown > 0);
        QCOMPARE(sizes.unknown, town.count(rule) - town.count(QStringLiteral("%1 and household_size >= 0").arg(rule)));
        sum = sizes.unknown;
        for (const Segments::DistributionBin &bin : sizes.bins) {
            QCOMPARE(bin.kind, Segments::DistributionBin::Kind::Range);
            const qint64 from = bin.from.micros / Rules::Decimal::Scale, to = bin.to.micros / Rules::Decimal::Scale;
            QCOMPARE(bin.count, town.count(QStringLiteral("%1 and household_size between %2 and %3").arg(rule).arg(from).arg(to - 1)));
            sum += bin.count;
        }
        QCOMPARE(sum, count);
        QVERIFY(!sizes.bins.isEmpty());
        QVERIFY(sizes.bins.first().count > 0 && sizes.bins.last().count > 0);

        // Text with more values than bars: the rest is one Other bar.
        const Segments::Distribution postcodes = town.query().distribution(user, d, QStringLiteral("postcode"), std::nullopt, 3);
        QCOMPARE(postcodes.bins.size(), 3);
        QCOMPARE(postcodes.bins.last().kind, Segments::DistributionBin::Kind::Other);
        sum = postcodes.unknown;
        for (const Segments::DistributionBin &bin : postcodes.bins)
            sum += bin.count;
        QCOMPARE(sum, count);
        QCOMPARE(postcodes.bins.first().count,
                 town.count(QStringLiteral("%1 and postcode = \"%2\"").arg(rule, postcodes.bins.first().value)));
    }

    void cancelStopsARunningQuery_data() { Test::addBackendRows(); }
    void cancelStopsARunningQuery()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        // An attribute that costs a three-way cross join of the customers per customer:
        // 240^4 (3.3 billion) rows, minutes of work on either database.
        town.f.module.attributes().addProvider(QStringLiteral("slow"), [](Rules::AttributeRegistry &registry, const QDate &) {
            Rules::AttributeDefinition slow;
            slow.name = QStringLiteral("test.slow");
            slow.type = Rules::AttributeType::Integer;
            slow.sql = Rules::AttributeSql::column(QStringLiteral(
                "(SELECT COUNT(*) FROM customers x CROSS JOIN customers y CROSS JOIN customers z WHERE x.id <> %1.id)"));
            registry.addAttribute(slow);
        });
        const SegmentDefinition d = Town::definition(QStringLiteral("test.slow > 0"));
        const Core::UserContext user = AccountsFixture::businessUser();

        for (const bool funnel : {false, true}) {
            const auto token = Core::QueryCancel::create();
            QElapsedTimer clock;
            clock.start();
            QFuture<QString> running = QtConcurrent::run([&town, &t, d, user, token, funnel] {
                QString outcome = Test::errorOf(Core::Error::Kind::Cancelled, [&] {
                    if (funnel)
                        town.query().funnel(user, d, token.get());
                    else
                        town.query().count(user, d, token.get());
                });
                t.db().releaseThreadConnection();
                return outcome;
            });
            QTest::qWait(500);
            QVERIFY2(!running.isFinished(), "the slow query should still be running");
            token->cancel();
            const qint64 cancelledAt = clock.elapsed();
            running.waitForFinished();
            const qint64 stoppedAfter = clock.elapsed() - cancelledAt;
            QCOMPARE(running.result(), QStringLiteral("The request was cancelled before it finished."));
            QVERIFY2(stoppedAfter < 2000, qPrintable(QStringLiteral("stopped %1 ms after the cancel").arg(stoppedAfter)));
        }

        // A token cancelled before the call: no query at all, the same error.
        const auto early = Core::QueryCancel::create();
        early->cancel();
        QCOMPARE(Test::errorOf(Core::Error::Kind::Cancelled, [&] {
                     town.query().count(user, Town::definition(QStringLiteral("class = \"residential\"")), early.get());
                 }),
                 QStringLiteral("The request was cancelled before it finished."));
        // The connection is usable afterwards, and an untripped token changes nothing.
        const auto idle = Core::QueryCancel::create();
        QCOMPARE(town.query().count(user, Town::definition(QStringLiteral("class = \"residential\"")), idle.get()),
                 town.scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE class = 'residential'")));
    }
    void usageAttributesReadThroughTheirJoin_data() { Test::addBackendRows(); }
    void usageAttributesReadThroughTheirJoin()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        f.module.attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
        f.clock.set(QDateTime(Demo::Generator::referenceDate(11), QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch());
        Demo::Options options;
        options.customers = 40;
        options.meters = 34;
        options.days = 400;
        options.seed = 11;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        Segments::SegmentsModule segments(f.module);
        segments.initialize(f.context);
        const Core::UserContext bob = AccountsFixture::businessUser();
        auto count = [&](const QString &rule) { return segments.query().count(bob, Town::definition(rule)); };
        auto plain = [&](const QString &rule) { return f.module.segmentCount().count(bob, rule); };

        const QString big = QStringLiteral("usage.avg_monthly_kwh(last 12 months) > 250.0");
        const QString nights = QStringLiteral("usage.night_share(last 6 months) > 0.3");
        const QString homes = QStringLiteral("class = \"residential\"");
        QVERIFY(plain(big) > 0);
        QCOMPARE(count(big), plain(big));

        // Two conditions reading the same joined row, in one funnel query.
        const QString rule = QStringList{big, nights, homes}.join(QStringLiteral(" and "));
        const Segments::Funnel funnel = segments.query().funnel(bob, Town::definition(rule));
        QCOMPARE(funnel.steps.size(), 3);
        QCOMPARE(funnel.steps.at(0).remaining, plain(big));
        QCOMPARE(funnel.steps.at(1).remaining, plain(big + QStringLiteral(" and ") + nights));
        QCOMPARE(funnel.steps.at(1).trueCount, plain(nights));
        QCOMPARE(funnel.steps.at(2).remaining, plain(rule));
        QCOMPARE(funnel.members, plain(rule));
        QVERIFY(funnel.steps.at(0).unknownCount > 0); // customers without a meter have no usage

        QCOMPARE(qint64(segments.query().preview(bob, Town::definition(big), 0, 1000).size()), plain(big));
        const Segments::Distribution usage = segments.query().distribution(
            bob, Town::definition(homes), QStringLiteral("usage.avg_monthly_kwh"), Rules::Period{12, Rules::Period::Unit::Months});
        qint64 sum = usage.unknown;
        for (const Segments::DistributionBin &bin : usage.bins)
            sum += bin.count;
        QCOMPARE(sum, plain(homes));
        QVERIFY(usage.bins.size() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestSegmentQuery)
#include "tst_segmentquery.moc"
