#include "segmentsuimodule.h"

#include "segmentbuilderpage.h"
#include "segmentlistui.h"
#include "segmentstorebar.h"

#include <core/module.h>
#include <core/ui/pagenavigator.h>
#include <core/ui/pageregistry.h>
#include <segments/segmentsmodule.h>

#include <QKeySequence>

namespace Ud::Segments {

SegmentsUiModule::SegmentsUiModule(Core::Context &context, SegmentsModule &segments, Ui::JobTracker &jobs,
                                   const Ui::PageNavigator &navigator)
    : m_context(context), m_segments(segments), m_jobs(jobs), m_navigator(navigator)
{
}

void SegmentsUiModule::initialize(Ui::PageRegistry &pages, const Core::UserContext &user)
{
    Ui::Page builder;
    builder.id = QLatin1String(BuilderPageId);
    builder.order = 70;
    builder.title = [] { return tr("Segment builder"); };
    builder.icon = QStringLiteral(":/icons/segments.svg");
    builder.permission = Core::Permission::ManageSegments;
    builder.shortcut = QKeySequence(Qt::CTRL | Qt::Key_G);
    builder.create = [this, user](QWidget *parent) {
        return new SegmentBuilderPage(m_context.database, m_segments.query(), m_segments.segments(), user, parent);
    };
    pages.add(std::move(builder));

    registerSegmentListPage(pages, m_segments, m_jobs, user, [this](const QString &segmentId) {
        auto *page = qobject_cast<SegmentBuilderPage *>(m_navigator.show(QLatin1String(BuilderPageId)));
        if (!page)
            return;
        if (segmentId.isEmpty())
            page->newSegment();
        else
            page->storeBar()->open(segmentId);
    });
}

} // namespace Ud::Segments
