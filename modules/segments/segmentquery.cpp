#include "segmentquery.h"

#include "segmentsql.h"

#include <accounts/customerrepository.h>
#include <accounts/regionaccess.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <rules/attributecatalog.h>
#include <rules/attributesql.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>
#include <rules/rulesql.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <list>

namespace Ud::Segments {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Segments::SegmentQuery)
};

const QString RegionParam = QStringLiteral(":sq_region");

/// What every query of one call shares: the registry, the parsed rule, the members'
/// condition and the user's region limit.
struct Scope
{
    Rules::AttributeRegistry registry;
    Rules::Rule rule;
    Rules::SqlFragment members;      ///< over alias c
    std::optional<QString> region;
    bool nobody = false;             ///< a field officer without a region

    /// " AND <region condition>" or nothing.
    QString regionSql() const
    {
        return region ? QStringLiteral(" AND ") + Accounts::CustomerRepository::regionCondition(QStringLiteral("c.id"), RegionParam)
                      : QString();
    }
    /// The region condition over a customer id column, for SqlFragment::countSql (none: empty).
    std::function<QString(const QString &)> regionCondition() const
    {
        if (!region)
            return {};
        return [](const QString &customerId) { return Accounts::CustomerRepository::regionCondition(customerId, RegionParam); };
    }
    void bindRegion(Core::SqlQuery &q) const
    {
        if (region)
            q.bind(RegionParam, *region);
    }
};

void bindAll(Core::SqlQuery &q, const QList<std::pair<QString, QVariant>> &values)
{
    for (const auto &[name, value] : values)
        q.bind(name, value);
}

/// The leaves of `rule`, left to right (the order the printer writes them).
void collectConditions(const Rules::Rule &rule, QList<const Rules::Rule *> &out)
{
    if (rule.kind() == Rules::Rule::Kind::Condition) {
        out.append(&rule);
        return;
    }
    for (const Rules::Rule &child : rule.children())
        collectConditions(child, out);
}

/// How the funnel's inner row query ends. On SQLite it stays a separate step (SQLite does not
/// flatten a subquery with a LIMIT into an aggregate), so each truth value is computed once
/// per row however often the outer sums use it; with joins it walks the customers in id order,
/// so that the lookups into the joined tables (kept in customer id order) go page by page
/// instead of at random: a fifth of the time over a million customers. On PostgreSQL the
/// steps-only query over joins is left for the planner to pull up and run in parallel (it
/// repeats the one depth expression per sum, and still takes two thirds of the time, the
/// join being what the workers share); without joins, and for the query with every outcome,
/// whose many expressions would each be repeated, the rows are kept apart with OFFSET 0.
QString innerEnd(const Core::Dialect &dialect, bool joined, bool manyExpressions)
{
    if (dialect.isSqlite())
        return joined ? QStringLiteral(" ORDER BY c.id LIMIT -1") : QStringLiteral(" LIMIT -1");
    return manyExpressions || !joined ? QStringLiteral(" OFFSET 0") : QString();
}

/// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `minimum`.
qint64 niceWidth(qint64 minimum)
{
    qint64 power = 1;
    for (;;) {
        for (qint64 step : {1, 2, 5}) {
            if (step * power >= minimum)
                return step * power;
        }
        if (power > std::numeric_limits<qint64>::max() / 100)
            return minimum;
        power *= 10;
    }
}

/// The join clauses of several fragments in one FROM. Fragments compiled apart name a shared
/// join (the usage profile row) the same way but bind its values under their own
/// placeholders, so a join is the same as another when their texts agree with every
/// placeholder read as its value; it then appears once, and the values only it used are
/// dropped from the fragment so nothing is bound that the SQL does not name.
class Joins
{
public:
    /// Adds `fragment`'s joins and returns its values to bind.
    QList<std::pair<QString, QVariant>> add(const Rules::SqlFragment &fragment)
    {
        QList<std::pair<QString, QVariant>> values = fragment.values;
        for (const QString &join : fragment.joins) {
            const QString key = resolved(join, fragment.values);
            if (!m_keys.contains(key)) {
                m_keys.append(key);
                m_joins.append(join);
                continue;
            }
            QString kept;
            for (const QString &other : fragment.joins)
                if (other != join)
                    kept += other;
            values.removeIf([&](const std::pair<QString, QVariant> &v) {
                return join.contains(v.first) && !mentions(fragment.sql + kept, v.first);
            });
        }
        return values;
    }
    /// " LEFT JOIN ..." for after "FROM customers c".
    QString sql() const
    {
        QString out;
        for (const QString &join : m_joins)
            out += QLatin1Char(' ') + join;
        return out;
    }

private:
    static bool mentions(const QString &sql, const QString &placeholder)
    {
        static const QRegularExpression names(QStringLiteral(":[A-Za-z_][A-Za-z0-9_]*"));
        for (auto it = names.globalMatch(sql); it.hasNext();)
            if (it.next().captured() == placeholder)
                return true;
        return false;
    }
    static QString resolved(const QString &sql, const QList<std::pair<QString, QVariant>> &values)
    {
        static const QRegularExpression names(QStringLiteral(":[A-Za-z_][A-Za-z0-9_]*"));
        QString out;
        qsizetype at = 0;
        for (auto it = names.globalMatch(sql); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += sql.mid(at, m.capturedStart() - at);
            QString value = m.captured();
            for (const auto &[name, v] : values)
                if (name == m.captured())
                    value = QStringLiteral("\x01%1\x01").arg(v.toString());
            out += value;
            at = m.capturedEnd();
        }
        return out + sql.mid(at);
    }

    QStringList m_keys;
    QStringList m_joins;
};

/// The statements of one call, kept until after its transaction has ended: on PostgreSQL a
/// cancelled statement leaves the transaction aborted, and a prepared statement freed inside
/// it makes the driver warn; freed after the rollback, it goes quietly.
class Statements
{
public:
    Core::SqlQuery &make(Core::Database &db, const QString &sql) { return m_queries.emplace_back(db.connection(), sql); }

private:
    std::list<Core::SqlQuery> m_queries;
};

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

Rules::Decimal toDecimal(qint64 raw, qint64 unitsPerWhole)
{
    return Rules::Decimal{raw * (Rules::Decimal::Scale / unitsPerWhole)};
}

/// The funnel's shape: the rule's top-level conjuncts as steps (the whole rule when it is not
/// an AND) and every condition in text order, with their figures still to count.
struct FunnelPlan
{
    std::vector<const Rules::Rule *> steps;
    QList<const Rules::Rule *> leaves; ///< the rule of each Funnel::conditions entry
    Funnel funnel;
};

FunnelPlan planFunnel(const Rules::Rule &rule)
{
    FunnelPlan plan;
    if (rule.kind() == Rules::Rule::Kind::And) {
        for (const Rules::Rule &child : rule.children())
            plan.steps.push_back(&child);
    } else {
        plan.steps.push_back(&rule);
    }
    for (int i = 0; i < int(plan.steps.size()); ++i) {
        const Rules::Rule &stepRule = *plan.steps[size_t(i)];
        FunnelStep step;
        step.text = Rules::RulePrinter::text(stepRule);
        plan.funnel.steps.append(step);
        QList<const Rules::Rule *> leaves;
        collectConditions(stepRule, leaves);
        for (const Rules::Rule *leaf : std::as_const(leaves)) {
            FunnelCondition condition;
            condition.text = Rules::RulePrinter::text(leaf->condition());
            condition.step = i;
            plan.funnel.conditions.append(condition);
            plan.leaves.append(leaf);
        }
    }
    return plan;
}

/// Runs the funnel's one query, "SELECT <outer> FROM (SELECT <inner> FROM customers c ... in
/// the user's region) f", in a read transaction under the cancel token, and fills a copy of
/// `funnel` from its row with `read(next, result)` (`next()` reads the following column);
/// `manyExpressions` as for innerEnd().
template<typename Read>
Funnel runFunnelQuery(Core::Database &db, Core::QueryCancel *cancel, const Scope &scope, const QStringList &outer,
                      const QStringList &inner, const Joins &joins, const QList<std::pair<QString, QVariant>> &values,
                      bool manyExpressions, const Funnel &funnel, Read read)
{
    Statements statements;
    return Core::readOnly(db, [&] {
        const Core::QueryCancel::Scope running(cancel, db.connection());
        return running.run([&] {
            Core::SqlQuery &q = statements.make(db,
                             QStringLiteral("SELECT %1 FROM (SELECT %2 FROM customers c%3 WHERE 1 = 1%4%5) f")
                                 .arg(outer.join(QStringLiteral(", ")), inner.join(QStringLiteral(", ")), joins.sql(),
                                      scope.regionSql(), innerEnd(db.dialect(), !joins.sql().isEmpty(), manyExpressions)));
            bindAll(q, values);
            scope.bindRegion(q);
            q.exec();
            Funnel result = funnel;
            if (!q.next())
                return result;
            int column = 0;
            const auto next = [&] { return q.value(column++).toLongLong(); };
            result.customers = next();
            read(next, result);
            return result;
        });
    });
}

} // namespace

SegmentQuery::SegmentQuery(Core::Context &context, const Rules::AttributeCatalog &catalog)
    : m_context(context), m_catalog(catalog)
{
}

Rules::AttributeRegistry SegmentQuery::registry() const
{
    return m_catalog.registry(QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date());
}

namespace {
Scope makeScope(const Core::UserContext &user, const SegmentDefinition &definition, Rules::AttributeRegistry registry,
                const Core::Dialect &dialect)
{
    user.require(Core::Permission::ViewCustomers);
    Scope scope{std::move(registry), {}, {}, Accounts::RegionAccess::limit(user),
                Accounts::RegionAccess::seesNoCustomers(user)};
    scope.rule = Rules::RuleParser::parse(definition.ruleText, scope.registry);
    scope.members = SegmentSql(scope.registry, dialect, QStringLiteral("c"), QStringLiteral("sq_")).members(definition, scope.rule);
    return scope;
}
} // namespace

qint64 SegmentQuery::count(const Core::UserContext &user, const SegmentDefinition &definition,
                           Core::QueryCancel *cancel) const
{
    Core::Database &db = m_context.database;
    const Scope scope = makeScope(user, definition, registry(), db.dialect());
    if (scope.nobody)
        return 0;
    Statements statements;
    return Core::readOnly(db, [&] {
        const Core::QueryCancel::Scope running(cancel, db.connection());
        return running.run([&] {
            Core::SqlQuery &q = statements.make(db, scope.members.countSql(QStringLiteral("c"), scope.regionCondition()));
            scope.members.bindTo(q);
            scope.bindRegion(q);
            q.exec();
            return q.next() ? q.value(0).toLongLong() : qint64(0);
        });
    });
}

Funnel SegmentQuery::funnelSteps(const Core::UserContext &user, const SegmentDefinition &definition,
                                 Core::QueryCancel *cancel) const
{
    Core::Database &db = m_context.database;
    const Core::Dialect &dialect = db.dialect();
    const Scope scope = makeScope(user, definition, registry(), dialect);
    FunnelPlan plan = planFunnel(scope.rule);
    plan.funnel.outcomes = false;
    const std::vector<const Rules::Rule *> &steps = plan.steps;

    QList<std::pair<QString, QVariant>> values;
    Joins joins;
    // The depth a customer gets to: the number of leading conjuncts that are True. CASE tests
    // its WHENs in order and stops at the first that holds, so a conjunct is tested only for
    // the customers every earlier one kept.
    QString depth = QStringLiteral("CASE");
    for (int i = 0; i < int(steps.size()); ++i) {
        const Rules::SqlFragment f =
            Rules::RuleSql(scope.registry, dialect, QStringLiteral("c"), QStringLiteral("fs_%1_").arg(i)).condition(*steps[size_t(i)]);
        depth += QStringLiteral(" WHEN (%1) IS NOT TRUE THEN %2").arg(f.sql).arg(i);
        values.append(joins.add(f));
    }
    depth += QStringLiteral(" ELSE %1 END AS d").arg(steps.size());
    QStringList inner{depth};
    const bool lists = !definition.includeCustomerIds.isEmpty() || !definition.excludeCustomerIds.isEmpty();
    if (lists) {
        inner << QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS m").arg(scope.members.sql);
        values.append(joins.add(scope.members));
    }
    QStringList outer{QStringLiteral("COUNT(*)")};
    for (int i = 0; i < int(steps.size()); ++i)
        outer << QStringLiteral("SUM(CASE WHEN f.d > %1 THEN 1 ELSE 0 END)").arg(i);
    if (lists)
        outer << QStringLiteral("SUM(f.m)");
    if (scope.nobody)
        return plan.funnel;
    return runFunnelQuery(db, cancel, scope, outer, inner, joins, values, false, plan.funnel, [lists](const auto &next, Funnel &result) {
        for (FunnelStep &step : result.steps)
            step.remaining = next();
        result.members = lists ? next() : (result.steps.isEmpty() ? 0 : result.steps.last().remaining);
    });
}

Funnel SegmentQuery::funnel(const Core::UserContext &user, const SegmentDefinition &definition,
                            Core::QueryCancel *cancel, FunnelDetail detail) const
{
    if (detail == FunnelDetail::Steps)
        return funnelSteps(user, definition, cancel);
    Core::Database &db = m_context.database;
    const Core::Dialect &dialect = db.dialect();
    const Scope scope = makeScope(user, definition, registry(), dialect);
    const FunnelPlan plan = planFunnel(scope.rule);
    const std::vector<const Rules::Rule *> &steps = plan.steps;

    QList<int> leafColumn; // per condition: its inner column, shared with its step when the step is the condition
    QStringList inner;     // truth values per row: s0..sN for steps, l0..lM for other leaves
    QList<std::pair<QString, QVariant>> values;
    Joins joins;
    auto addTruth = [&](const Rules::Rule &rule, const QString &name) {
        const Rules::SqlFragment f =
            Rules::RuleSql(scope.registry, dialect, QStringLiteral("c"), QStringLiteral("fq_%1_").arg(name)).truthValue(rule);
        inner << QStringLiteral("%1 AS %2").arg(f.sql, name);
        values.append(joins.add(f));
    };
    for (int i = 0; i < int(steps.size()); ++i)
        addTruth(*steps[size_t(i)], QStringLiteral("s%1").arg(i));
    for (int j = 0; j < plan.leaves.size(); ++j) {
        if (plan.leaves.at(j) == steps[size_t(plan.funnel.conditions.at(j).step)]) {
            leafColumn.append(-1);
        } else {
            leafColumn.append(j);
            addTruth(*plan.leaves.at(j), QStringLiteral("l%1").arg(j));
        }
    }
    const bool lists = !definition.includeCustomerIds.isEmpty() || !definition.excludeCustomerIds.isEmpty();
    if (lists) {
        inner << QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS m").arg(scope.members.sql);
        values.append(joins.add(scope.members));
    }

    QStringList outer{QStringLiteral("COUNT(*)")};
    QStringList chain;
    auto outcomes = [&outer](const QString &column) {
        outer << QStringLiteral("SUM(CASE WHEN f.%1 = 1 THEN 1 ELSE 0 END)").arg(column)
              << QStringLiteral("SUM(CASE WHEN f.%1 IS NULL THEN 1 ELSE 0 END)").arg(column);
    };
    for (int i = 0; i < int(steps.size()); ++i) {
        const QString column = QStringLiteral("s%1").arg(i);
        chain << QStringLiteral("f.%1 = 1").arg(column);
        outer << QStringLiteral("SUM(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(chain.join(QStringLiteral(" AND ")));
        outcomes(column);
    }
    for (int j = 0; j < leafColumn.size(); ++j)
        if (leafColumn.at(j) >= 0)
            outcomes(QStringLiteral("l%1").arg(leafColumn.at(j)));
    if (lists)
        outer << QStringLiteral("SUM(f.m)");

    if (scope.nobody)
        return plan.funnel;
    return runFunnelQuery(db, cancel, scope, outer, inner, joins, values, true, plan.funnel,
                          [lists, &leafColumn](const auto &next, Funnel &result) {
        for (FunnelStep &step : result.steps) {
            step.remaining = next();
            step.trueCount = next();
            step.unknownCount = next();
            step.falseCount = result.customers - step.trueCount - step.unknownCount;
        }
        for (int j = 0; j < result.conditions.size(); ++j) {
            FunnelCondition &condition = result.conditions[j];
            if (leafColumn.at(j) < 0) {
                const FunnelStep &step = result.steps.at(condition.step);
                condition.trueCount = step.trueCount;
                condition.unknownCount = step.unknownCount;
            } else {
                condition.trueCount = next();
                condition.unknownCount = next();
            }
            condition.falseCount = result.customers - condition.trueCount - condition.unknownCount;
        }
        result.members = lists ? next() : (result.steps.isEmpty() ? 0 : result.steps.last().remaining);
    });
}

QList<PreviewRow> SegmentQuery::preview(const Core::UserContext &user, const SegmentDefinition &definition, int offset,
                                        int limit, Core::QueryCancel *cancel) const
{
    Core::Database &db = m_context.database;
    const Scope scope = makeScope(user, definition, registry(), db.dialect());
    if (limit < 1 || limit > 1000)
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("A preview page holds 1 to 1,000 customers, not %1.").arg(limit));
    if (scope.nobody)
        return {};
    // The region column the rules read ("region"), so the preview shows what a rule tests.
    Rules::SqlFragment region{QStringLiteral("NULL"), {}, {}, {}};
    QString regionJoin;
    if (const Rules::AttributeDefinition *attribute = scope.registry.attribute(QStringLiteral("region")); attribute && attribute->sql) {
        const Rules::AttributeSql::Binder bind = [&region](const QVariant &value) {
            const QString name = QStringLiteral(":pr_%1").arg(region.values.size());
            region.values.append({name, value});
            return name;
        };
        QString alias = QStringLiteral("c");
        if (!attribute->sql->joinKey().isEmpty()) {
            alias = QStringLiteral("pr_j");
            regionJoin = QLatin1Char(' ') + attribute->sql->joinClause(QStringLiteral("c"), alias, db.dialect(), bind);
        }
        region.sql = attribute->sql->expression(alias, std::nullopt, db.dialect(), bind);
    }
    Statements statements;
    return Core::readOnly(db, [&] {
        const Core::QueryCancel::Scope running(cancel, db.connection());
        return running.run([&] {
            Core::SqlQuery &q = statements.make(db,
                             QStringLiteral("SELECT p.id, p.customer_number, p.full_name, p.class, %1 FROM "
                                            "(SELECT c.id, c.customer_number, c.full_name, c.class FROM customers c%2 "
                                            "WHERE %3%4 ORDER BY c.full_name, c.customer_number LIMIT :sq_limit OFFSET :sq_offset) p "
                                            "JOIN customers c ON c.id = p.id%5 ORDER BY p.full_name, p.customer_number")
                                 .arg(region.sql, scope.members.joinSql(), scope.members.sql, scope.regionSql(), regionJoin));
            scope.members.bindTo(q);
            region.bindTo(q);
            scope.bindRegion(q);
            q.bind(QStringLiteral(":sq_limit"), limit).bind(QStringLiteral(":sq_offset"), qMax(0, offset));
            q.exec();
            QList<PreviewRow> rows;
            while (q.next()) {
                PreviewRow row;
                row.customerId = q.value(0).toString();
                row.customerNumber = q.value(1).toString();
                row.name = q.value(2).toString();
                row.customerClass = q.value(3).toString();
                row.region = q.value(4).toString();
                rows.append(row);
            }
            return rows;
        });
    });
}

Distribution SegmentQuery::distribution(const Core::UserContext &user, const SegmentDefinition &definition,
                                        const QString &attributeName, const std::optional<Rules::Period> &period, int bins,
                                        Core::QueryCancel *cancel) const
{
    Core::Database &db = m_context.database;
    const Core::Dialect &dialect = db.dialect();
    const Scope scope = makeScope(user, definition, registry(), dialect);
    const Rules::AttributeDefinition *attribute = scope.registry.attribute(attributeName);
    if (!attribute)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("\"%1\" is not a known attribute; pick one from the list to chart.").arg(attributeName));
    if (!attribute->sql || attribute->type == Rules::AttributeType::Date)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("\"%1\" cannot be charted; pick a text, number or yes/no attribute.").arg(attribute->name));
    if (attribute->takesPeriod && !period)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("\"%1\" is an aggregate: choose the period to chart it over, such as the last 12 months.")
                              .arg(attribute->name));
    if (!attribute->takesPeriod && period)
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("\"%1\" takes no period.").arg(attribute->name));
    if (bins < 2 || bins > 50)
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("A chart has 2 to 50 bars, not %1.").arg(bins));

    // The attribute's value over the members, with its own join if it reads a joined table (a
    // join of its own alias, so it never clashes with the rule's).
    Rules::SqlFragment value;
    const Rules::AttributeSql::Binder bind = [&value](const QVariant &v) {
        const QString name = QStringLiteral(":dv_%1").arg(value.values.size());
        value.values.append({name, v});
        return name;
    };
    QString valueAlias = QStringLiteral("c");
    QString valueJoin;
    if (!attribute->sql->joinKey().isEmpty()) {
        valueAlias = QStringLiteral("dv_j");
        valueJoin = QLatin1Char(' ') + attribute->sql->joinClause(QStringLiteral("c"), valueAlias, dialect, bind);
    }
    value.sql = attribute->sql->expression(valueAlias, period, dialect, bind);
    Distribution result;
    result.attribute = attribute->name;
    result.type = attribute->type;
    if (scope.nobody)
        return result;
    const bool numeric = attribute->type == Rules::AttributeType::Integer || attribute->type == Rules::AttributeType::Decimal;
    const qint64 units = attribute->sql->unitsPerWhole();
    const QString from =
        QStringLiteral("FROM customers c%1%2 WHERE %3%4").arg(scope.members.joinSql(), valueJoin, scope.members.sql, scope.regionSql());
    Statements statements;
    auto prepare = [&](const QString &sql) -> Core::SqlQuery & {
        Core::SqlQuery &q = statements.make(db, sql);
        scope.members.bindTo(q);
        value.bindTo(q);
        scope.bindRegion(q);
        return q;
    };

    return Core::readOnly(db, [&] {
        const Core::QueryCancel::Scope running(cancel, db.connection());
        return running.run([&] {
            Distribution d = result;
            qint64 known = 0;
            qint64 low = 0, high = 0;
            {
                Core::SqlQuery &q = prepare(QStringLiteral("SELECT COUNT(*), COUNT(v.x), MIN(v.x), MAX(v.x) FROM "
                                                          "(SELECT %1 AS x %2) v")
                                               .arg(numeric ? QStringLiteral("CAST(%1 AS BIGINT)").arg(value.sql) : value.sql, from));
                q.exec();
                if (q.next()) {
                    d.members = q.value(0).toLongLong();
                    known = q.value(1).toLongLong();
                    if (numeric) {
                        low = q.value(2).toLongLong();
                        high = q.value(3).toLongLong();
                    }
                }
            }
            d.unknown = d.members - known;
            if (known == 0)
                return d;
            if (numeric) {
                // Equal, round widths: the bins' edges read as plain numbers (0, 50, 100...).
                const qint64 span = high - low + 1;
                const qint64 width = niceWidth((span + bins - 1) / bins);
                const qint64 start = floorDiv(low, width) * width;
                Core::SqlQuery &q = prepare(QStringLiteral("SELECT w.b, COUNT(*) FROM (SELECT (v.x - :dv_start) / :dv_width AS b FROM "
                                                          "(SELECT CAST(%1 AS BIGINT) AS x %2) v WHERE v.x IS NOT NULL) w "
                                                          "GROUP BY w.b")
                                               .arg(value.sql, from));
                q.bind(QStringLiteral(":dv_start"), start).bind(QStringLiteral(":dv_width"), width);
                q.exec();
                QMap<qint64, qint64> counts;
                while (q.next())
                    counts.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
                const qint64 last = floorDiv(high - start, width);
                for (qint64 b = 0; b <= last; ++b) {
                    DistributionBin bin;
                    bin.kind = DistributionBin::Kind::Range;
                    bin.from = toDecimal(start + b * width, units);
                    bin.to = toDecimal(start + (b + 1) * width, units);
                    bin.count = counts.value(b);
                    d.bins.append(bin);
                }
                return d;
            }
            Core::SqlQuery &q = prepare(QStringLiteral("SELECT v.x, COUNT(*) FROM (SELECT %1 AS x %2) v WHERE v.x IS NOT NULL "
                                                      "GROUP BY v.x ORDER BY COUNT(*) DESC, v.x LIMIT :dv_top")
                                           .arg(value.sql, from));
            q.bind(QStringLiteral(":dv_top"), bins + 1);
            q.exec();
            qint64 shown = 0;
            while (q.next()) {
                DistributionBin bin;
                bin.value = attribute->type == Rules::AttributeType::Boolean
                                ? (q.value(0).toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                : q.value(0).toString();
                bin.count = q.value(1).toLongLong();
                d.bins.append(bin);
            }
            // More values than bars: the last bars become one "Other" holding everything else.
            if (d.bins.size() > bins) {
                d.bins.resize(bins - 1);
                for (const DistributionBin &bin : std::as_const(d.bins))
                    shown += bin.count;
                DistributionBin other;
                other.kind = DistributionBin::Kind::Other;
                other.count = known - shown;
                d.bins.append(other);
            }
            return d;
        });
    });
}

} // namespace Ud::Segments
