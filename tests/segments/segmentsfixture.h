#pragma once

#include "../accounts/accountsfixture.h"

#include <accounts/sqlvalues.h>
#include <core/sqlquery.h>
#include <demo/generator.h>
#include <rules/ruleparser.h>
#include <segments/segmentservice.h>
#include <segments/segmentsmodule.h>
#include <segments/segmentsql.h>

#include <QSet>

namespace Ud::Test {

/// The accounts fixture with the segments module initialised on it (which adds "has segment"
/// to the catalog), and helpers that read the tables directly.
struct SegmentsFixture : AccountsFixture {
    explicit SegmentsFixture(Core::Database &db) : AccountsFixture(db), segmentsModule(module)
    {
        segmentsModule.initialize(context);
    }

    /// Work a page started on the thread pool (a list reload, a refresh) still uses the
    /// segments module: let it finish before the module, declared here, goes (the accounts
    /// fixture waits too, but only after this class's members are gone).
    ~SegmentsFixture() { QThreadPool::globalInstance()->waitForDone(); }

    Segments::SegmentService &segments() { return segmentsModule.segments(); }

    /// Demo customers without interval data.
    void demo(int customers, quint64 seed = 7)
    {
        Demo::Options options;
        options.customers = customers;
        options.intervalData = false;
        options.days = 30;
        options.seed = seed;
        Demo::Generator(context).run(Core::UserContext::operatingSystemUser(), options);
    }

    QSet<QString> ids(const QString &sql)
    {
        Core::SqlQuery q(database.connection(), sql);
        q.exec();
        QSet<QString> result;
        while (q.next())
            result.insert(Accounts::SqlValues::id(q.value(0)));
        return result;
    }

    qint64 scalar(const QString &sql)
    {
        Core::SqlQuery q(database.connection(), sql);
        q.exec();
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    /// The customers the rule picks, through the catalog's SQL (references expanded).
    QSet<QString> picked(const QString &ruleText)
    {
        Segments::SegmentDefinition d;
        d.ruleText = ruleText;
        const Rules::AttributeRegistry registry = segments().registry();
        const Rules::SqlFragment where =
            Segments::SegmentSql(registry, database.dialect()).members(d, Rules::RuleParser::parse(ruleText, registry));
        Core::SqlQuery q(database.connection(), QStringLiteral("SELECT c.id FROM customers c%1 WHERE %2").arg(where.joinSql(), where.sql));
        where.bindTo(q);
        q.exec();
        QSet<QString> result;
        while (q.next())
            result.insert(Accounts::SqlValues::id(q.value(0)));
        return result;
    }

    /// The stored members of a segment (by its id), optionally of one group.
    QSet<QString> stored(const QString &segmentId, const QString &group = {})
    {
        Core::SqlQuery q(database.connection(), QStringLiteral("SELECT customer_id FROM segment_members WHERE segment_id = :s %1")
                                                    .arg(group.isEmpty() ? QString() : QStringLiteral("AND member_group = :g")));
        q.bind(QStringLiteral(":s"), segmentId);
        if (!group.isEmpty())
            q.bind(QStringLiteral(":g"), group);
        q.exec();
        QSet<QString> result;
        while (q.next())
            result.insert(Accounts::SqlValues::id(q.value(0)));
        return result;
    }

    static Core::UserContext fieldOfficer(const QString &region)
    {
        return {QStringLiteral("00000000-0000-4000-8000-000000000004"), QStringLiteral("fiona"), Core::Role::FieldOfficer, region};
    }

    Segments::SegmentsModule segmentsModule;
};

/// A definition with a name and a rule.
inline Segments::SegmentDefinition definition(const QString &name, const QString &rule)
{
    Segments::SegmentDefinition d;
    d.name = name;
    d.ruleText = rule;
    return d;
}

} // namespace Ud::Test
