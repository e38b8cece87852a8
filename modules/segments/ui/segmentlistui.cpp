#include "segmentlistui.h"

#include "segmentlistpage.h"
#include "segmentsuimodule.h"

#include <core/module.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>
#include <segments/segmentsmodule.h>

#include <QAction>
#include <QKeySequence>

namespace Ud::Segments {

namespace {
constexpr const char *BuilderPageId = SegmentsUiModule::BuilderPageId;

// The page's own shortcuts do the work (only while the page is shown); the menu names them
// so they can be found, without a second, window-wide shortcut for the same keys.
QString withShortcutHint(const QString &text, const QKeySequence &key)
{
    return text + QLatin1Char('\t') + key.toString(QKeySequence::NativeText);
}

Ui::PageAction menuEntry(std::function<QString()> text, QAction *(SegmentListPage::*action)() const)
{
    Ui::PageAction entry;
    entry.text = std::move(text);
    entry.trigger = [action](QWidget *widget) {
        auto *page = qobject_cast<SegmentListPage *>(widget);
        if (!page)
            return;
        QAction *a = (page->*action)();
        // Unavailable now (nothing selected, a refresh running): the page says why.
        if (a->isEnabled())
            a->trigger();
        else
            page->messageBar()->showInformation(a->toolTip());
    };
    return entry;
}
} // namespace

void registerSegmentListPage(Ui::PageRegistry &pages, SegmentsModule &module, Ui::JobTracker &jobs,
                             const Core::UserContext &user, std::function<void(const QString &segmentId)> openInBuilder)
{
    Ui::Page page;
    page.id = QLatin1String(SegmentListPageId);
    page.order = 68;
    page.title = [] { return SegmentListPage::tr("Saved segments"); };
    page.icon = QStringLiteral(":/icons/savedsegments.svg");
    page.permission = Core::Permission::ViewCustomers;
    page.shortcut = QKeySequence(Qt::CTRL | Qt::Key_M);
    SegmentsModule *segments = &module;
    Ui::JobTracker *tracker = &jobs;
    const Ui::PageRegistry *registry = &pages;
    page.create = [segments, tracker, user, openInBuilder, registry](QWidget *parent) -> QWidget * {
        Core::Context &context = segments->context();
        auto *widget = new SegmentListPage(context.database, context.clock, segments->segments(), *tracker, user,
                                           openInBuilder, parent);
        // Pages are created after every module registered its own: the builder is known by now.
        const QList<Ui::Page> all = registry->pages();
        for (const Ui::Page &other : all) {
            if (other.id == QLatin1String(BuilderPageId) && user.can(other.permission))
                widget->setBuilderShortcut(other.shortcut);
        }
        return widget;
    };

    const bool manage = user.can(Core::Permission::ManageSegments);
    if (manage) {
        page.actions << menuEntry([] { return withShortcutHint(SegmentListPage::tr("&Refresh Segments Now"), QKeySequence(Qt::Key_F5)); },
                                  &SegmentListPage::refreshAction);
        page.actions << menuEntry(
            [] { return withShortcutHint(SegmentListPage::tr("Refresh Segments &Due"), QKeySequence(Qt::SHIFT | Qt::Key_F5)); },
            &SegmentListPage::refreshDueAction);
    }
    page.actions << menuEntry(
        [] { return withShortcutHint(SegmentListPage::tr("&Export Segment Members…"), QKeySequence(Qt::CTRL | Qt::Key_E)); },
        &SegmentListPage::exportAction);
    if (manage) {
        page.actions << menuEntry(
            [] { return withShortcutHint(SegmentListPage::tr("Segment Refresh &Interval…"), QKeySequence(Qt::CTRL | Qt::Key_H)); },
            &SegmentListPage::intervalAction);
        page.actions << menuEntry([] { return withShortcutHint(SegmentListPage::tr("Re&name Segment…"), QKeySequence(Qt::Key_F2)); },
                                  &SegmentListPage::renameAction);
        page.actions << menuEntry(
            [] { return withShortcutHint(SegmentListPage::tr("&Archive or Restore Segment"), QKeySequence(QKeySequence::Delete)); },
            &SegmentListPage::archiveAction);
        if (openInBuilder) {
            page.actions << menuEntry(
                [] { return withShortcutHint(SegmentListPage::tr("&Open Segment in Builder"), QKeySequence(Qt::Key_Return)); },
                &SegmentListPage::openAction);
        }
    }
    pages.add(std::move(page));
}

} // namespace Ud::Segments
