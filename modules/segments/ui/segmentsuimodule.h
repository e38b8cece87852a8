#pragma once

#include <core/ui/uimodule.h>

#include <QCoreApplication>

namespace Ud::Core {
struct Context;
}

namespace Ud::Ui {
class JobTracker;
class PageNavigator;
}

namespace Ud::Segments {

class SegmentsModule;

/// The segments module's widgets: the Segment builder page (sidebar, Ctrl+G) for users who
/// may manage segments, and the Saved segments page (Ctrl+M), which opens a segment in the
/// builder through the navigator.
class SegmentsUiModule : public Ui::UiModule
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Segments::SegmentsUiModule)
public:
    static constexpr const char *BuilderPageId = "segment_builder";

    SegmentsUiModule(Core::Context &context, SegmentsModule &segments, Ui::JobTracker &jobs, const Ui::PageNavigator &navigator);

    QString name() const override { return QStringLiteral("segments_ui"); }
    void initialize(Ui::PageRegistry &pages, const Core::UserContext &user) override;

private:
    Core::Context &m_context;
    SegmentsModule &m_segments;
    Ui::JobTracker &m_jobs;
    const Ui::PageNavigator &m_navigator;
};

} // namespace Ud::Segments
