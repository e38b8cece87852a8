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

} // namespace Ud::Ui
