#pragma once

#include <QString>

#include <functional>

namespace Ud::Core {
class UserContext;
}
namespace Ud::Ui {
class JobTracker;
class PageRegistry;
}

namespace Ud::Segments {

class SegmentsModule;

/// The id of the Saved segments page in the page registry.
inline constexpr const char *SegmentListPageId = "saved_segments";

/// Registers the "Saved segments" page (ViewCustomers, Ctrl+M) and its menu entries. The page
/// calls `openInBuilder` with a segment id (Open in builder, Enter), or with an empty id to
/// build a new one from its empty state; the empty state names the page registered as
/// "segment_builder" with its shortcut when the user may see it.
void registerSegmentListPage(Ui::PageRegistry &pages, SegmentsModule &module, Ui::JobTracker &jobs,
                             const Core::UserContext &user, std::function<void(const QString &segmentId)> openInBuilder);

} // namespace Ud::Segments
