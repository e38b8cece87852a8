#include "segmentreferences.h"

#include "segmentrepository.h"
#include "segmentsql.h"

#include <core/database.h>
#include <core/error.h>
#include <rules/attributecatalog.h>
#include <rules/attributeregistry.h>
#include <rules/attributesql.h>
#include <rules/ruleparser.h>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace Ud::Segments {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Segments::SegmentReferences)
};

/// The segments being expanded on this thread, outermost first: a name met again is a cycle.
thread_local QStringList expanding;

struct Expanding {
    explicit Expanding(const QString &name) { expanding.append(name); }
    ~Expanding() { expanding.removeLast(); }
    Expanding(const Expanding &) = delete;
    Expanding &operator=(const Expanding &) = delete;
};

/// The fragment's SQL with each of its placeholders replaced by one the outer rule bound the
/// same value to, in one pass (so ":seg_r1" never touches ":seg_r10").
QString rebind(const Rules::SqlFragment &fragment, const Rules::AttributeSql::Binder &bind)
{
    QHash<QString, QString> names;
    for (const auto &[name, value] : fragment.values)
        names.insert(name, bind(value));
    static const QRegularExpression placeholder(QStringLiteral(":[A-Za-z_][A-Za-z0-9_]*"));
    QString sql;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(fragment.sql); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const auto found = names.constFind(m.captured());
        if (found == names.constEnd())
            continue;
        sql += QStringView(fragment.sql).mid(last, m.capturedStart() - last);
        sql += *found;
        last = m.capturedEnd();
    }
    sql += QStringView(fragment.sql).mid(last);
    return sql;
}

void collect(const Rules::Rule &rule, QStringList &names)
{
    if (rule.kind() == Rules::Rule::Kind::Condition) {
        const Rules::Condition &c = rule.condition();
        if (c.op == Rules::Condition::Op::Has && c.attribute == SegmentReferences::kind() && !c.values.isEmpty()
            && c.values.front().type() == Rules::Value::Type::String && !names.contains(c.values.front().toString()))
            names.append(c.values.front().toString());
        return;
    }
    for (const Rules::Rule &child : rule.children())
        collect(child, names);
}

bool search(const QString &at, const QString &start, const QHash<QString, QStringList> &references, QStringList &path,
            QSet<QString> &seen)
{
    for (const QString &next : references.value(at)) {
        if (next == start) {
            path.append(next);
            return true;
        }
        if (seen.contains(next))
            continue;
        seen.insert(next);
        path.append(next);
        if (search(next, start, references, path, seen))
            return true;
        path.removeLast();
    }
    return false;
}

} // namespace

QString SegmentReferences::kind()
{
    return QStringLiteral("segment");
}

void SegmentReferences::registerHasKind(Rules::AttributeRegistry &registry, const QDate &today, Core::Database &db,
                                        const Rules::AttributeCatalog &catalog)
{
    const QStringList names = SegmentRepository(db).activeNames();
    if (names.isEmpty())
        return;
    Core::Database *database = &db;
    const Rules::AttributeCatalog *attributes = &catalog;
    auto sql = Rules::AttributeSql::itemComputed([database, attributes, today](const QString &alias, const QString &item,
                                                                               const Core::Dialect &dialect,
                                                                               const Rules::AttributeSql::Binder &bind) {
        const qsizetype at = expanding.indexOf(item);
        if (at >= 0)
            throw Core::Error(Core::Error::Kind::BadInput, cycleMessage(expanding.mid(at) << item));
        SegmentRepository segments(*database);
        const std::optional<Segment> segment = segments.byName(item);
        const std::optional<SegmentVersion> current =
            segment && !segment->archived && segment->name == item ? segments.version(segment->id, segment->currentVersion)
                                                                   : std::nullopt;
        if (!current) {
            throw Core::Error(Core::Error::Kind::BadInput,
                              Tr::tr("The rule refers to the segment \"%1\", which no longer exists or is archived; take "
                                     "\"has segment \"%1\"\" out of the rule.").arg(item));
        }
        const Expanding guard(item);
        const Rules::AttributeRegistry nested = attributes->registry(today);
        const Rules::Rule rule = Rules::RuleParser::parse(current->definition.ruleText, nested);
        Rules::SqlFragment members =
            SegmentSql(nested, dialect, alias, QStringLiteral("segref_")).members(current->definition, rule);
        if (!members.joins.isEmpty()) {
            // The referenced rule reads joined tables (usage profiles) that the outer query may
            // not join: look the customer up again in a subquery that has the joins.
            const QString inner = alias + QStringLiteral("_s");
            members = SegmentSql(nested, dialect, inner, QStringLiteral("segref_")).members(current->definition, rule);
            members.sql = QStringLiteral("EXISTS (SELECT 1 FROM customers %1%2 WHERE %1.id = %3.id AND %4)")
                              .arg(inner, members.joinSql(), alias, members.sql);
            members.joins.clear();
        } else {
            // A reference is a condition of the outer rule, which may negate it: not being a
            // member (NULL from an Unknown rule) must read false there, not NULL.
            members.sql = QStringLiteral("((%1) IS TRUE)").arg(members.sql);
        }
        return rebind(members, bind);
    });
    registry.addHasKind({kind(), names, std::move(sql)});
}

QStringList SegmentReferences::names(const Rules::Rule &rule)
{
    QStringList names;
    collect(rule, names);
    return names;
}

Rules::Rule SegmentReferences::renamed(const Rules::Rule &rule, const QString &from, const QString &to)
{
    switch (rule.kind()) {
    case Rules::Rule::Kind::Condition: {
        Rules::Condition c = rule.condition();
        if (c.op == Rules::Condition::Op::Has && c.attribute == kind() && !c.values.isEmpty()
            && c.values.front() == Rules::Value::string(from))
            c.values.front() = Rules::Value::string(to);
        return Rules::Rule(c);
    }
    case Rules::Rule::Kind::Not: return Rules::Rule::negate(renamed(rule.children().front(), from, to));
    case Rules::Rule::Kind::And:
    case Rules::Rule::Kind::Or: {
        std::vector<Rules::Rule> children;
        for (const Rules::Rule &child : rule.children())
            children.push_back(renamed(child, from, to));
        return rule.kind() == Rules::Rule::Kind::And ? Rules::Rule::all(std::move(children))
                                                     : Rules::Rule::any(std::move(children));
    }
    }
    return rule;
}

QStringList SegmentReferences::cycleThrough(const QString &start, const QHash<QString, QStringList> &references)
{
    QStringList path{start};
    QSet<QString> seen{start};
    if (search(start, start, references, path, seen))
        return path;
    return {};
}

QString SegmentReferences::cycleMessage(const QStringList &path)
{
    return Tr::tr("The rule makes segments include themselves: %1. Take one of these references out.")
        .arg(path.join(QStringLiteral(" -> ")));
}

} // namespace Ud::Segments
