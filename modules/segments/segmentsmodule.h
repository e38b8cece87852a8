#pragma once

#include <core/module.h>

#include <QString>

#include <memory>

namespace Ud::Accounts {
class AccountsModule;
}

namespace Ud::Segments {

class SegmentQuery;
class SegmentService;

/// The segments module: saved, versioned customer segments over the rule language, their
/// materialised membership, and the queries the segment builder runs (live count, funnel,
/// preview, distribution). It reads the attribute catalog of the accounts module, which every
/// module has filled by the time it initialises (it comes last).
class SegmentsModule : public Core::Module
{
public:
    /// The accounts module must be initialised first and outlive this one.
    explicit SegmentsModule(Accounts::AccountsModule &accounts);
    ~SegmentsModule() override;

    QString name() const override { return QStringLiteral("segments"); }
    void initialize(Core::Context &context) override;

    Accounts::AccountsModule &accounts() const { return m_accounts; }
    /// Saved, versioned segments, their membership and export (valid after initialize()).
    SegmentService &segments() const;
    /// The Context passed to initialize().
    Core::Context &context() const;
    /// The segment builder's queries: count, funnel, preview, distribution (after initialize()).
    SegmentQuery &query() const;

private:
    Accounts::AccountsModule &m_accounts;
    Core::Context *m_context = nullptr;
    std::unique_ptr<SegmentService> m_segments;
    std::unique_ptr<SegmentQuery> m_query;
};

} // namespace Ud::Segments
