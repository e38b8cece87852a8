#pragma once

#include <rules/rule.h>

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
}

namespace Ud::Rules {
class AttributeCatalog;
class AttributeRegistry;
} // namespace Ud::Rules

namespace Ud::Segments {

/// Segments that include other segments: `has segment "Night pumps"` in a rule is true for the
/// members of that segment's CURRENT definition (its rule, or its include list, minus its
/// exclude list), whatever was materialised last. The has-kind "segment" is registered by the
/// segments module's catalog provider; its allowed values are the names of the segments that
/// are not archived (exactly as saved), so the parser rejects an unknown name at its position.
/// In SQL the reference expands the referenced definition inline over the same customer row
/// (SegmentSql::members), recursively, every value bound. In memory see SegmentMembershipValues.
class SegmentReferences
{
public:
    /// The has-kind's name: "segment".
    static QString kind();

    /// Adds "has segment" to `registry` when there is at least one segment (without any, the
    /// parser says "segment" is not something a customer can have). The SQL reads the current
    /// definitions through `db` on the calling thread's connection when a rule compiles, and
    /// parses them against catalog.registry(today). A reference cycle met while compiling (one
    /// saved by another client in between) fails with the cycle named, never recursing forever.
    static void registerHasKind(Rules::AttributeRegistry &registry, const QDate &today, Core::Database &db,
                                const Rules::AttributeCatalog &catalog);

    /// The segment names a rule refers to, each once, in the rule's order.
    static QStringList names(const Rules::Rule &rule);
    /// The rule with every reference to `from` made a reference to `to`.
    static Rules::Rule renamed(const Rules::Rule &rule, const QString &from, const QString &to);
    /// A path start -> ... -> start through `references` (segment name -> the names its current
    /// rule refers to), or empty when no cycle runs through `start`.
    static QStringList cycleThrough(const QString &start, const QHash<QString, QStringList> &references);
    /// "The rule makes segments include themselves: A -> B -> A. Take one of these references out."
    static QString cycleMessage(const QStringList &path);
};

} // namespace Ud::Segments
