#include "segmentsuimodule.h"

#include "segmentbuilderpage.h"

#include <core/module.h>
#include <core/ui/pageregistry.h>
#include <segments/segmentsmodule.h>

#include <QKeySequence>

namespace Ud::Segments {

SegmentsUiModule::SegmentsUiModule(Core::Context &context, SegmentsModule &segments)
    : m_context(context), m_segments(segments)
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
}

} // namespace Ud::Segments
