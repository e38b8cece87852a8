#pragma once

#include "testregistry.h"

#include <rules/attributesql.h>
#include <rules/ruleevaluator.h>

#include <QDate>
#include <QHash>
#include <QRandomGenerator>
#include <QStringList>

#include <map>
#include <optional>

// Generated customers for the SQL-versus-memory tests: the same rows are written to test tables
// (rt_customer, rt_has, rt_night) and read in memory through a CustomerValues, and the
// registry's AttributeSql reads those tables.
namespace RulesTest {

using namespace Ud::Rules;

/// Text with SQL, LIKE wildcards (%, _), escape characters, quotes, ASCII case and non-ASCII.
inline const QStringList &awkwardPieces()
{
    static const QStringList pieces{QStringLiteral("smith"), QStringLiteral("SMITH"), QStringLiteral("o'brien"),
                                    QStringLiteral("100%"), QStringLiteral("%"), QStringLiteral("_"), QStringLiteral("a_b"),
                                    QStringLiteral("x!y"), QStringLiteral("back\\slash"), QStringLiteral("' OR 1=1; --"),
                                    QStringLiteral("Zoë"), QStringLiteral("北京"), QStringLiteral("[a-z]*"), QStringLiteral("")};
    return pieces;
}

/// "last N days / months / years" as whole months (days round up to 30-day months).
inline int periodMonths(const Period &p)
{
    switch (p.unit) {
    case Period::Unit::Days: return (p.count + 29) / 30;
    case Period::Unit::Months: return p.count;
    case Period::Unit::Years: return 12 * p.count;
    }
    return 0;
}

/// usage.avg_monthly_kwh keeps two summary columns: up to six months, and longer.
inline bool shortWindow(const Period &p) { return periodMonths(p) <= 6; }

struct TestCustomer
{
    qint64 id = 0;
    std::optional<QString> name, postcode, klass, region;
    std::optional<qint64> householdSize, balanceCents, daysInArrears, kwhShortMilli, kwhLongMilli;
    std::optional<bool> vulnerable;
    std::optional<QDate> opened;
    std::optional<QStringList> appliances; ///< nullopt: the list is not known
    QStringList appliancesStored;          ///< rows in rt_has even where the list is not known
    QStringList programs;
    std::map<int, qint64> nightShareMicros; ///< months -> share
};

class TestCustomerValues : public CustomerValues
{
public:
    explicit TestCustomerValues(const TestCustomer &c) : m_c(c) {}

    std::optional<Value> value(const QString &attribute, const std::optional<Period> &period) const override
    {
        const auto text = [](const std::optional<QString> &s) { return s ? std::optional<Value>(Value::string(*s)) : std::nullopt; };
        const auto integer = [](const std::optional<qint64> &n) { return n ? std::optional<Value>(Value::integer(*n)) : std::nullopt; };
        const auto decimal = [](const std::optional<qint64> &n, qint64 factor) {
            return n ? std::optional<Value>(Value::decimal(Decimal{*n * factor})) : std::nullopt;
        };
        if (attribute == QLatin1String("name")) return text(m_c.name);
        if (attribute == QLatin1String("postcode")) return text(m_c.postcode);
        if (attribute == QLatin1String("class")) return text(m_c.klass);
        if (attribute == QLatin1String("region")) return text(m_c.region);
        if (attribute == QLatin1String("household_size")) return integer(m_c.householdSize);
        if (attribute == QLatin1String("account.days_in_arrears")) return integer(m_c.daysInArrears);
        if (attribute == QLatin1String("account.balance")) return decimal(m_c.balanceCents, 10000);
        if (attribute == QLatin1String("vulnerable"))
            return m_c.vulnerable ? std::optional<Value>(Value::boolean(*m_c.vulnerable)) : std::nullopt;
        if (attribute == QLatin1String("account.opened"))
            return m_c.opened ? std::optional<Value>(Value::date(*m_c.opened)) : std::nullopt;
        if (attribute == QLatin1String("usage.avg_monthly_kwh") && period)
            return decimal(shortWindow(*period) ? m_c.kwhShortMilli : m_c.kwhLongMilli, 1000);
        if (attribute == QLatin1String("usage.night_share") && period) {
            const auto it = m_c.nightShareMicros.find(periodMonths(*period));
            return it == m_c.nightShareMicros.end() ? std::nullopt : std::optional<Value>(Value::decimal(Decimal{it->second}));
        }
        return std::nullopt;
    }

    std::optional<QStringList> items(const QString &hasKind) const override
    {
        if (hasKind == QLatin1String("appliance"))
            return m_c.appliances;
        if (hasKind == QLatin1String("program"))
            return m_c.programs;
        return std::nullopt;
    }

private:
    const TestCustomer &m_c;
};

/// testRegistry()'s attributes and has-kinds, each with the AttributeSql that reads the test tables.
inline AttributeRegistry sqlTestRegistry()
{
    QHash<QString, std::shared_ptr<const AttributeSql>> sql{
        {QStringLiteral("class"), AttributeSql::column(QStringLiteral("%1.class"))},
        {QStringLiteral("region"), AttributeSql::column(QStringLiteral("%1.region"))},
        {QStringLiteral("name"), AttributeSql::column(QStringLiteral("%1.name"))},
        {QStringLiteral("postcode"), AttributeSql::column(QStringLiteral("%1.postcode"))},
        {QStringLiteral("household_size"), AttributeSql::column(QStringLiteral("%1.household_size"))},
        {QStringLiteral("account.balance"), AttributeSql::column(QStringLiteral("%1.balance_cents"), 100)},
        {QStringLiteral("account.days_in_arrears"), AttributeSql::column(QStringLiteral("%1.days_in_arrears"))},
        {QStringLiteral("vulnerable"), AttributeSql::column(QStringLiteral("%1.vulnerable"))},
        {QStringLiteral("account.opened"), AttributeSql::column(QStringLiteral("%1.opened"))},
        {QStringLiteral("usage.avg_monthly_kwh"),
         AttributeSql::computed([](const QString &alias, const std::optional<Period> &period, const Ud::Core::Dialect &,
                                   const AttributeSql::Binder &) {
             return (period && shortWindow(*period) ? QStringLiteral("%1.kwh_short") : QStringLiteral("%1.kwh_long")).arg(alias);
         }, 1000)},
        {QStringLiteral("usage.night_share"),
         AttributeSql::computed([](const QString &alias, const std::optional<Period> &period, const Ud::Core::Dialect &,
                                   const AttributeSql::Binder &bind) {
             return QStringLiteral("SELECT n.share_micros FROM rt_night n WHERE n.customer_id = %1.id AND n.months = %2")
                 .arg(alias, bind(period ? periodMonths(*period) : 0));
         }, 1000000)},
    };
    AttributeRegistry r;
    const AttributeRegistry plain = testRegistry();
    for (AttributeDefinition a : plain.attributes()) {
        a.sql = sql.value(a.name);
        r.addAttribute(a);
    }
    for (HasKind k : plain.hasKinds()) {
        const QString exists = QStringLiteral("EXISTS (SELECT 1 FROM rt_has h WHERE h.customer_id = %1.id AND h.kind = '")
            + k.name + QStringLiteral("' AND h.item = %2)");
        k.sql = AttributeSql::itemList(exists, k.name == QLatin1String("appliance") ? QStringLiteral("%1.appliances_known") : QString());
        r.addHasKind(k);
    }
    return r;
}

/// Seeded customers: about one value in six missing, awkward text, every appliance mix.
inline QList<TestCustomer> generateCustomers(quint32 seed, int count)
{
    QRandomGenerator random(seed);
    const auto below = [&](int n) { return int(random.bounded(n)); };
    const auto maybe = [&](auto value) { return below(6) == 0 ? std::nullopt : std::optional(value); };
    const auto text = [&]() {
        QString out = QStringLiteral("");
        const int n = below(4);
        for (int i = 0; i < n; ++i)
            out += awkwardPieces().at(below(awkwardPieces().size()));
        return out;
    };
    const AttributeRegistry registry = testRegistry();
    const QStringList classes = registry.attribute(QStringLiteral("class"))->allowedValues;
    const QStringList regions = registry.attribute(QStringLiteral("region"))->allowedValues;
    const QStringList appliances = registry.hasKind(QStringLiteral("appliance"))->allowedValues;
    QList<TestCustomer> out;
    for (int i = 0; i < count; ++i) {
        TestCustomer c;
        c.id = i + 1;
        c.name = maybe(text());
        c.postcode = maybe(text());
        c.klass = maybe(classes.at(below(classes.size())));
        c.region = maybe(regions.at(below(regions.size())));
        c.householdSize = maybe(qint64(below(9)));
        c.balanceCents = maybe(qint64(below(200001)) - 100000);
        c.daysInArrears = maybe(qint64(below(121)));
        c.vulnerable = maybe(below(2) == 1);
        c.opened = maybe(QDate(1990, 1, 1).addDays(below(20000)));
        c.kwhShortMilli = maybe(qint64(below(2000001)));
        c.kwhLongMilli = maybe(qint64(below(2000001)));
        for (const QString &a : appliances) {
            if (below(3) == 0)
                c.appliancesStored.append(a);
        }
        if (below(5) != 0)
            c.appliances = c.appliancesStored;
        const int programs = below(3);
        for (int p = 0; p < programs; ++p)
            c.programs.append(text());
        if (below(3) != 0) {
            for (int months = 1; months <= 36; ++months) {
                if (below(4) != 0)
                    c.nightShareMicros[months] = below(1000001);
            }
        }
        out.append(c);
    }
    return out;
}

} // namespace RulesTest
