#pragma once

#include <core/permissions.h>

#include <QKeySequence>
#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace Ud::Ui {

/// A page a module contributes to the main window's sidebar. The main window owns no pages
/// of its own: what the sidebar lists is exactly what modules registered and the signed-in
/// user may see.
struct Page {
    QString id;                          ///< stable key, e.g. "customers"; saved to restore the last page
    int order = 100;                     ///< sidebar position, most used first
    std::function<QString()> title;      ///< called again after a language switch
    QString icon;                        ///< resource path of an SVG icon
    Core::Permission permission = Core::Permission::ViewCustomers; ///< needed to see the page
    QKeySequence shortcut;               ///< optional, to jump to the page
    std::function<QWidget *(QWidget *parent)> create;
};

class PageRegistry
{
public:
    void add(Page page);
    /// In sidebar order.
    QList<Page> pages() const;

private:
    QList<Page> m_pages;
};

} // namespace Ud::Ui
