#include "segmentsmodule.h"

#include "segmentquery.h"
#include "segmentreferences.h"
#include "segmentservice.h"

#include <accounts/accountsmodule.h>
#include <core/database.h>

namespace Ud::Segments {

SegmentsModule::SegmentsModule(Accounts::AccountsModule &accounts) : m_accounts(accounts) {}

SegmentsModule::~SegmentsModule() = default;

void SegmentsModule::initialize(Core::Context &context)
{
    m_context = &context;
    // "has segment "Night pumps"" in any rule (segmentreferences.h).
    m_accounts.attributes().addProvider(QStringLiteral("segments"), [this](Rules::AttributeRegistry &registry, const QDate &today) {
        SegmentReferences::registerHasKind(registry, today, m_context->database, m_accounts.attributes());
    });
    m_segments = std::make_unique<SegmentService>(context, m_accounts.attributes());
    m_query = std::make_unique<SegmentQuery>(context, m_accounts.attributes());
}

SegmentService &SegmentsModule::segments() const
{
    Q_ASSERT_X(m_segments, "SegmentsModule", "used before initialize()");
    return *m_segments;
}

SegmentQuery &SegmentsModule::query() const
{
    Q_ASSERT_X(m_query, "SegmentsModule", "used before initialize()");
    return *m_query;
}

Core::Context &SegmentsModule::context() const
{
    Q_ASSERT_X(m_context, "SegmentsModule", "used before initialize()");
    return *m_context;
}

} // namespace Ud::Segments
