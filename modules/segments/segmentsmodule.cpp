#include "segmentsmodule.h"

#include <accounts/accountsmodule.h>

namespace Ud::Segments {

SegmentsModule::SegmentsModule(Accounts::AccountsModule &accounts) : m_accounts(accounts) {}

SegmentsModule::~SegmentsModule() = default;

void SegmentsModule::initialize(Core::Context &context)
{
    m_context = &context;
}

Core::Context &SegmentsModule::context() const
{
    Q_ASSERT_X(m_context, "SegmentsModule", "used before initialize()");
    return *m_context;
}

} // namespace Ud::Segments
