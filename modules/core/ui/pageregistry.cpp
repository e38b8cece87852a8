#include "pageregistry.h"

#include <algorithm>

namespace Ud::Ui {

void PageRegistry::add(Page page)
{
    m_pages.append(std::move(page));
}

QList<Page> PageRegistry::pages() const
{
    QList<Page> sorted = m_pages;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Page &a, const Page &b) { return a.order < b.order; });
    return sorted;
}

void PageRegistry::addStatusItem(StatusItem item)
{
    m_statusItems.append(std::move(item));
}

QList<StatusItem> PageRegistry::statusItems() const
{
    QList<StatusItem> sorted = m_statusItems;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const StatusItem &a, const StatusItem &b) { return a.order < b.order; });
    return sorted;
}

} // namespace Ud::Ui
