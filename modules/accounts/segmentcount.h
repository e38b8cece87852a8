#pragma once

#include <rules/attributecatalog.h>

#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
} // namespace Ud::Core

namespace Ud::Accounts {

/// How many customers a segment rule picks ("class = residential AND has appliance
/// "solar_pv""), over the catalog's attributes as of the clock's day.
class SegmentCount
{
public:
    /// The catalog must outlive this object.
    SegmentCount(Core::Context &context, const Rules::AttributeCatalog &catalog);

    /// The attributes and has-kinds rules may use now (age bands move with the day).
    Rules::AttributeRegistry registry() const;

    /// Requires ViewCustomers. Parses `ruleText` (Error(BadInput) worded by the parser, naming
    /// the position and what was expected) and counts, in one read transaction, the customers
    /// for whom the rule is true; unknown counts as not picked. A field officer counts only the
    /// customers in their region (RegionAccess), none without a region.
    qint64 count(const Core::UserContext &user, const QString &ruleText) const;

private:
    Core::Context &m_context;
    const Rules::AttributeCatalog &m_catalog;
};

} // namespace Ud::Accounts
