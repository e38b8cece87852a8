#include "pageregistry.h"

#include <algorithm>

namespace Ud::Ui {

namespace {
template<typename T>
QList<T> sortedByOrder(QList<T> items)
{
    std::stable_sort(items.begin(), items.end(), [](const T &a, const T &b) { return a.order < b.order; });
    return items;
}
} // namespace

void PageRegistry::add(Page page)
{
    m_pages.append(std::move(page));
}

QList<Page> PageRegistry::pages() const
{
    return sortedByOrder(m_pages);
}

void PageRegistry::addStatusItem(StatusItem item)
{
    m_statusItems.append(std::move(item));
}

QList<StatusItem> PageRegistry::statusItems() const
{
    return sortedByOrder(m_statusItems);
}

void PageRegistry::addCustomerSection(CustomerSection section)
{
    m_customerSections.append(std::move(section));
}

QList<CustomerSection> PageRegistry::customerSections() const
{
    return sortedByOrder(m_customerSections);
}

void PageRegistry::addCustomerAction(CustomerAction action)
{
    m_customerActions.append(std::move(action));
}

QList<CustomerAction> PageRegistry::customerActions() const
{
    return sortedByOrder(m_customerActions);
}

void PageRegistry::addCustomerLink(CustomerLink link)
{
    m_customerLinks.append(std::move(link));
}

std::optional<CustomerLink> PageRegistry::customerLink(const QString &id) const
{
    for (const CustomerLink &link : m_customerLinks)
        if (link.id == id)
            return link;
    return std::nullopt;
}

} // namespace Ud::Ui
