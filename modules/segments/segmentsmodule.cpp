#include "segmentsmodule.h"

#include "segmentquery.h"

#include <accounts/accountsmodule.h>

namespace Ud::Segments {

SegmentsModule::SegmentsModule(Accounts::AccountsModule &accounts) : m_accounts(accounts) {}

SegmentsModule::~SegmentsModule() = default;

void SegmentsModule::initialize(Core::Context &context)
{
    m_context = &context;
    m_query = std::make_unique<SegmentQuery>(context, m_accounts.attributes());
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
