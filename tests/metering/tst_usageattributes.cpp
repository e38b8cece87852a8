// The usage.* rule attributes against an independent reading of the demo town's interval
// data: for ~1,000 random rules mixing usage and profile attributes, every customer's
// True/False/Unknown from the SQL (one profile row per customer) equals the evaluator's over
// figures computed here from the readings themselves (ReadingStore::read, local clock per
// reading), never from the profile table. Customers without meters and customers whose
// profile is stale are Unknown. Both backends.

#include "../rules/rulegenerator.h"
#include "meteringfixture.h"

#include <accounts/segmentcount.h>
#include <core/sqlquery.h>
#include <demo/generator.h>
#include <metering/readingstore.h>
#include <metering/usageattributes.h>
#include <metering/usageprofiles.h>
#include <rules/attributesql.h>
#include <rules/ruleevaluator.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>
#include <rules/rulesql.h>

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace Ud;
using Core::SqlQuery;
using Rules::Decimal;
using Rules::Truth;
using Rules::Value;
using Test::MeteringFixture;

namespace {

constexpr int CustomerCount = 50;
constexpr int RuleCount = 1000;
constexpr quint64 Seed = 20260601;

struct Month {
    qint64 wh = 0, peak = 0, night = 0, demand = 0;
};

/// One customer as this test reads them: profile fields straight from the tables, usage from
/// the readings of their electricity import channels, by local month ("yyyy-MM").
struct Customer {
    QString id;
    QHash<QString, Value> values;
    QStringList appliances;
    std::map<QString, Month> months;
    bool stale = false;
};

int monthsOf(const Rules::Period &p) { return p.unit == Rules::Period::Unit::Years ? p.count * 12 : p.count; }

class Values : public Rules::CustomerValues
{
public:
    Values(const Customer &c, const QDate &through) : m_c(c), m_through(through) {}

    std::optional<Value> value(const QString &attribute, const std::optional<Rules::Period> &period) const override
    {
        if (!attribute.startsWith(QLatin1String("usage.")))
            return m_c.values.contains(attribute) ? std::optional<Value>(m_c.values.value(attribute)) : std::nullopt;
        if (m_c.stale || !period)
            return std::nullopt;
        const int n = monthsOf(*period);
        const auto window = months(1, n);
        if (!window)
            return std::nullopt;
        qint64 wh = 0, peak = 0, night = 0, highest = 0, demand = 0;
        for (const Month &m : *window) {
            wh += m.wh;
            peak += m.peak;
            night += m.night;
            highest = std::max(highest, m.wh);
            demand = std::max(demand, m.demand);
        }
        const auto micros = [](qint64 v) { return Value::decimal(Decimal{v}); };
        if (attribute == QLatin1String("usage.total_kwh"))
            return micros(wh * 1000);
        if (attribute == QLatin1String("usage.avg_monthly_kwh"))
            return micros(wh * 1000 / n);
        if (attribute == QLatin1String("usage.max_demand_kw"))
            return micros(demand * 1000);
        if (wh == 0 && attribute != QLatin1String("usage.yoy_growth"))
            return std::nullopt;
        if (attribute == QLatin1String("usage.peak_share"))
            return micros(peak * 1000000 / wh);
        if (attribute == QLatin1String("usage.night_share"))
            return micros(night * 1000000 / wh);
        if (attribute == QLatin1String("usage.seasonality"))
            return micros(highest * n * 1000000 / wh);
        if (attribute == QLatin1String("usage.yoy_growth")) {
            const auto before = months(13, 12 + n);
            if (!before)
                return std::nullopt;
            qint64 previous = 0;
            for (const Month &m : *before)
                previous += m.wh;
            if (previous == 0)
                return std::nullopt;
            return micros((wh - previous) * 1000000 / previous);
        }
        return std::nullopt;
    }
    std::optional<QStringList> items(const QString &kind) const override
    {
        if (kind == QLatin1String("appliance"))
            return m_c.appliances;
        return std::nullopt;
    }

private:
    /// Months k = from .. to back from through (1 = through), nullopt if any has no reading.
    std::optional<QList<Month>> months(int from, int to) const
    {
        QList<Month> out;
        for (int k = from; k <= to; ++k) {
            const auto it = m_c.months.find(m_through.addMonths(-(k - 1)).toString(QStringLiteral("yyyy-MM")));
            if (it == m_c.months.end())
                return std::nullopt;
            out.append(it->second);
        }
        return out;
    }
    const Customer &m_c;
    QDate m_through;
};

/// The customers, their profile fields and appliances, and the usage of every channel of their
/// supply points (their accounts', and unassigned ones on their premises), read reading by
/// reading with the premise's clock.
QList<Customer> readTown(Core::Database &db, const Core::Clock &clock, const QDate &through)
{
    const QSqlDatabase c = db.connection();
    std::map<QString, Customer> town;
    SqlQuery q(c, QStringLiteral("SELECT id, class, household_size, language FROM customers"));
    q.exec();
    while (q.next()) {
        Customer cu;
        cu.id = q.value(0).toString();
        cu.values.insert(QStringLiteral("class"), Value::string(q.value(1).toString()));
        if (!q.value(2).isNull())
            cu.values.insert(QStringLiteral("household_size"), Value::integer(q.value(2).toLongLong()));
        cu.values.insert(QStringLiteral("language"), Value::string(q.value(3).toString()));
        town.emplace(cu.id, cu);
    }
    SqlQuery ap(c, QStringLiteral("SELECT a.customer_id, x.kind FROM accounts a JOIN appliances x ON x.premise_id = a.premise_id"));
    ap.exec();
    while (ap.next())
        town.at(ap.value(0).toString()).appliances.append(ap.value(1).toString());

    struct Channel {
        QString id;
        int minutes = 0;
        QTimeZone zone;
    };
    std::map<QString, std::map<QString, Channel>> channels; // customer -> channel id -> channel
    SqlQuery ch(c, QStringLiteral(
        "SELECT a.customer_id, mc.id, m.interval_minutes, p.time_zone, sp.account_id, a.id, sp.premise_id, a.premise_id "
        "FROM accounts a, service_points sp, meters m, meter_channels mc, premises p "
        "WHERE m.service_point_id = sp.id AND mc.meter_id = m.id AND p.id = sp.premise_id "
        "AND sp.commodity = 'electricity' AND m.commodity = 'electricity' AND mc.channel = 'import' AND mc.unit = 'Wh'"));
    ch.exec();
    while (ch.next()) {
        const bool ownAccount = ch.value(4).toString() == ch.value(5).toString();
        const bool unassignedHere = ch.value(4).isNull() && ch.value(6).toString() == ch.value(7).toString();
        if (ownAccount || unassignedHere)
            channels[ch.value(0).toString()][ch.value(1).toString()] =
                Channel{ch.value(1).toString(), ch.value(2).toInt(), QTimeZone(ch.value(3).toString().toUtf8())};
    }

    Metering::ReadingStore store(db, clock);
    const QDate first = through.addMonths(-(Metering::UsageProfiles::Months - 1));
    for (auto &[customer, list] : channels) {
        Customer &cu = town.at(customer);
        for (const auto &[id, channel] : list) {
            std::map<QString, Month> mine;
            const qint64 from = first.startOfDay(channel.zone).toSecsSinceEpoch();
            const qint64 to = through.addMonths(1).startOfDay(channel.zone).toSecsSinceEpoch();
            for (const auto &r : store.read(id, channel.zone, from, to)) {
                const QDateTime local = QDateTime::fromSecsSinceEpoch(r.startUtc, channel.zone);
                const int minute = local.time().hour() * 60 + local.time().minute();
                Month &m = mine[local.date().toString(QStringLiteral("yyyy-MM"))];
                m.wh += r.value;
                if (minute >= 16 * 60 && minute < 20 * 60)
                    m.peak += r.value;
                if (minute < 7 * 60)
                    m.night += r.value;
                m.demand = std::max(m.demand, r.value * 60 / channel.minutes);
            }
            for (const auto &[key, m] : mine) {
                Month &sum = cu.months[key];
                sum.wh += m.wh;
                sum.peak += m.peak;
                sum.night += m.night;
                sum.demand = std::max(sum.demand, m.demand);
            }
        }
    }
    QList<Customer> out;
    for (auto &[id, cu] : town)
        out.append(cu);
    return out;
}

} // namespace

class TestUsageAttributes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void randomRulesAgreeWithTheReadings_data() { Test::addBackendRows(); }
    void randomRulesAgreeWithTheReadings()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        // The clock a few days into the month the demo history ends in: the month before is
        // the last complete one, and the 24 before it are all in the history.
        const QDate reference = Demo::Generator::referenceDate(Seed);
        f.clock.set(QDateTime(reference, QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch());
        Demo::Options options;
        options.customers = CustomerCount;
        options.meters = CustomerCount - 8; // some customers without a meter
        options.days = 800;
        options.seed = Seed;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        Metering::UsageProfiles profiles(t.db(), f.clock);
        QVERIFY(!profiles.isStale());
        const QDate through = QDate::fromString(profiles.throughMonth() + QStringLiteral("-01"), Qt::ISODate);

        QList<Customer> town = readTown(t.db(), f.clock, through);
        QCOMPARE(town.size(), CustomerCount);
        // Every fifth customer with a profile gets one from another month, as if the month had
        // rolled over without a refresh: all their usage is Unknown.
        QStringList stale;
        int withUsage = 0, withoutUsage = 0;
        for (Customer &c : town) {
            if (c.months.empty()) {
                ++withoutUsage;
                continue;
            }
            if (++withUsage % 5 == 0) {
                c.stale = true;
                stale << c.id;
            }
        }
        QVERIFY2(withoutUsage > 0 && withUsage > 20, qPrintable(QStringLiteral("%1 / %2").arg(withUsage).arg(withoutUsage)));
        // As a profile computed in 2019 and never since looks (its figures per period with it).
        for (const QString &id : std::as_const(stale)) {
            for (const char *table : {"customer_usage_profiles", "customer_usage_periods"})
                SqlQuery(t.db().connection(), QStringLiteral("UPDATE %1 SET through_month = '2019-01' WHERE customer_id = :c")
                                                  .arg(QLatin1String(table)))
                    .bind(QStringLiteral(":c"), id)
                    .exec();
        }

        f.module.attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
        const Rules::AttributeRegistry registry = f.module.segmentCount().registry();
        // The generator draws from the attributes this test reads itself.
        Rules::AttributeRegistry drawn;
        for (const Rules::AttributeDefinition &a : registry.attributes()) {
            if (a.name.startsWith(QLatin1String("usage.")) || a.name == QLatin1String("class")
                || a.name == QLatin1String("household_size") || a.name == QLatin1String("language"))
                drawn.addAttribute(a);
        }
        drawn.addHasKind(*registry.hasKind(QStringLiteral("appliance")));
        QCOMPARE(drawn.attributes().size(), 10);

        // Literals from the customers' own figures, so that rules split the town.
        QHash<QString, QList<Value>> seen;
        for (const Customer &c : std::as_const(town)) {
            const Values v(c, through);
            for (const Rules::AttributeDefinition &a : drawn.attributes()) {
                for (int n : {1, 3, 6, 12}) {
                    if (const auto x = v.value(a.name, Rules::Period{n, Rules::Period::Unit::Months}))
                        seen[a.name].append(*x);
                }
            }
            for (const QString &item : c.appliances)
                seen[QStringLiteral("appliance")].append(Value::string(item));
        }
        for (const char *name : {"usage.total_kwh", "usage.peak_share", "usage.yoy_growth", "usage.max_demand_kw"})
            QVERIFY2(!seen.value(QLatin1String(name)).isEmpty(), name);
        const RulesTest::RuleGenerator::Sampler sampler = [&seen](const QString &name, QRandomGenerator &random)
            -> std::optional<Value> {
            const QList<Value> values = seen.value(name);
            if (values.isEmpty())
                return std::nullopt;
            return values.at(int(random.bounded(qsizetype(values.size()))));
        };
        RulesTest::RuleGenerator generator(Seed, drawn, sampler);

        int split = 0, withUnknown = 0, usageOnlyRules = 0;
        for (int n = 0; n < RuleCount; ++n) {
            const QString text = Rules::RulePrinter::text(generator.rule(1 + n % 3));
            const Rules::Rule rule = Rules::RuleParser::parse(text, registry);
            const Rules::SqlFragment truth = Rules::RuleSql(registry, t.db().dialect(), QStringLiteral("c")).truthValue(rule);
            SqlQuery q(t.db().connection(), QStringLiteral("SELECT c.id, %1 FROM customers c%2").arg(truth.sql, truth.joinSql()));
            truth.bindTo(q);
            q.exec();
            QHash<QString, Truth> sql;
            while (q.next())
                sql.insert(q.value(0).toString(),
                           q.value(1).isNull() ? Truth::Unknown : (q.value(1).toInt() == 1 ? Truth::True : Truth::False));
            int trues = 0, unknowns = 0;
            for (const Customer &c : std::as_const(town)) {
                const Truth expected = Rules::RuleEvaluator::evaluate(rule, Values(c, through));
                const Truth got = sql.value(c.id, Truth::Unknown);
                if (got != expected) {
                    QFAIL(qPrintable(QStringLiteral("rule %1: %2\ncustomer %3%4: SQL %5, the readings say %6")
                                         .arg(n)
                                         .arg(text, c.id, c.stale ? QStringLiteral(" (stale profile)") : QString())
                                         .arg(int(got))
                                         .arg(int(expected))));
                }
                trues += expected == Truth::True;
                unknowns += expected == Truth::Unknown;
            }
            split += trues > 0 && trues < CustomerCount;
            withUnknown += unknowns > 0;
            // The live count, which reads the figures per period alone when the rule has
            // nothing but usage conditions (SqlFragment::rowsOnly), and joins them otherwise.
            const bool usageOnly = truth.rowsOnly.has_value();
            usageOnlyRules += usageOnly;
            QVERIFY2(!usageOnly || !text.contains(QLatin1String("class")), qPrintable(text));
            const qint64 counted = f.module.segmentCount().count(Core::UserContext::operatingSystemUser(), text);
            if (counted != trues)
                QFAIL(qPrintable(QStringLiteral("rule %1: %2\ncounted %3, the readings say %4").arg(n).arg(text).arg(counted).arg(trues)));
        }
        qInfo("%d rules: %d picked some but not all, %d had Unknown customers, %d read usage alone", RuleCount, split,
              withUnknown, usageOnlyRules);
        QVERIFY(usageOnlyRules > RuleCount / 10);
        QVERIFY(split > RuleCount / 4);
        QVERIFY(withUnknown > RuleCount / 4);
    }

    void outOfRangePeriodsNameTheAttribute_data() { Test::addBackendRows(); }
    void outOfRangePeriodsNameTheAttribute()
    {
        UD_TEST_DATABASE(t);
        MeteringFixture f(t.db());
        f.module.attributes().addProvider(QStringLiteral("usage"), Metering::registerUsageAttributes);
        Accounts::SegmentCount &segments = f.module.segmentCount();
        const auto admin = Core::UserContext::operatingSystemUser();
        const auto error = [&](const char *rule) {
            return Test::errorOf(Core::Error::Kind::BadInput, [&] { segments.count(admin, QString::fromLatin1(rule)); });
        };
        QCOMPARE(error("usage.peak_share(last 13 months) > 0.3"),
                 QStringLiteral("Position 18: \"usage.peak_share\" takes a period of 1 to 12 whole months (a year is 12 months), "
                                "not \"last 13 months\"."));
        QCOMPARE(error("usage.avg_monthly_kwh(last 3 years) > 300"),
                 QStringLiteral("Position 23: \"usage.avg_monthly_kwh\" takes a period of 1 to 24 whole months (a year is 12 "
                                "months), not \"last 3 years\"."));
        QCOMPARE(error("usage.seasonality(last 2 months) > 1.5"),
                 QStringLiteral("Position 19: \"usage.seasonality\" takes a period of 3 to 24 whole months (a year is 12 "
                                "months), not \"last 2 months\"."));
        QCOMPARE(error("usage.max_demand_kw(last 30 days) > 5"),
                 QStringLiteral("Position 21: \"usage.max_demand_kw\" takes a period of 1 to 12 whole months (a year is 12 "
                                "months), not \"last 30 days\"."));
        QCOMPARE(segments.count(admin, QStringLiteral("usage.avg_monthly_kwh(last 2 years) > 300")), 0);
        QCOMPARE(segments.count(admin, QStringLiteral("usage.yoy_growth(last 1 year) > 0.1")), 0);
    }
};

QTEST_GUILESS_MAIN(TestUsageAttributes)
#include "tst_usageattributes.moc"
