#include "segmentcount.h"

#include "customerrepository.h"
#include "regionaccess.h"

#include <core/clock.h>
#include <core/database.h>
#include <core/module.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <rules/ruleparser.h>
#include <rules/rulesql.h>

#include <QDateTime>

namespace Ud::Accounts {

SegmentCount::SegmentCount(Core::Context &context, const Rules::AttributeCatalog &catalog)
    : m_context(context), m_catalog(catalog)
{
}

Rules::AttributeRegistry SegmentCount::registry() const
{
    return m_catalog.registry(QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), Qt::UTC).date());
}

qint64 SegmentCount::count(const Core::UserContext &user, const QString &ruleText) const
{
    user.require(Core::Permission::ViewCustomers);
    const Rules::AttributeRegistry attributes = registry();
    const Rules::Rule rule = Rules::RuleParser::parse(ruleText, attributes);
    if (RegionAccess::seesNoCustomers(user))
        return 0;
    const Rules::SqlFragment where =
        Rules::RuleSql(attributes, m_context.database.dialect(), QStringLiteral("c")).where(rule);
    const std::optional<QString> region = RegionAccess::limit(user);
    return Core::readOnly(m_context.database, [&] {
        const auto inRegion = [](const QString &customerId) {
            return CustomerRepository::regionCondition(customerId, QStringLiteral(":segment_region"));
        };
        Core::SqlQuery q(m_context.database.connection(),
                         where.countSql(QStringLiteral("c"), region ? std::function<QString(const QString &)>(inRegion) : nullptr));
        where.bindTo(q);
        if (region)
            q.bind(QStringLiteral(":segment_region"), *region);
        q.exec();
        return q.next() ? q.value(0).toLongLong() : qint64(0);
    });
}

} // namespace Ud::Accounts
