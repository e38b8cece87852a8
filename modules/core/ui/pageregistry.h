#pragma once

#include <core/permissions.h>

#include <QKeySequence>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace Ud::Ui {

class CustomerView;

/// A menu action that belongs to a page ("Import files…" of the Meter Sync page). The main
/// window puts it in the File menu with its shortcut; triggering it shows the page (creating
/// it if needed) and then runs `trigger` on the page's widget.
struct PageAction {
    std::function<QString()> text;       ///< with a mnemonic; called again after a language switch
    QKeySequence shortcut;
    QString icon;                        ///< optional resource path of an SVG icon
    std::function<void(QWidget *page)> trigger;
};

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
    QList<PageAction> actions;           ///< listed in the menubar while the page is available
};

/// A permanent status-bar item a module contributes (the meter-sync state). The main window
/// creates it once, left of the job list, if the signed-in user has the permission; the widget
/// keeps itself current (typically from queued signals) and retranslates itself.
struct StatusItem {
    QString id;
    int order = 100;                     ///< left to right
    Core::Permission permission = Core::Permission::ViewCustomers;
    std::function<QWidget *(QWidget *parent)> create;
};

/// A section of the customer page (accounts, premises and usage, programs, open orders,
/// alerts, contact history) a module contributes. The page lists the sections the user may
/// see in `order`, top to bottom, without knowing which module made them. `create` must
/// return at once: the widget shows that it is loading, fetches its data in the background
/// (Ui::runInBackground) and fills itself in, so the page is usable before every section has
/// arrived. A section reloads itself on CustomerView::refreshed.
struct CustomerSection {
    QString id;                          ///< stable key, e.g. "accounts"
    int order = 100;
    std::function<QString()> title;      ///< called again after a language switch
    Core::Permission permission = Core::Permission::ViewCustomers;
    std::function<QWidget *(CustomerView &view, QWidget *parent)> create;
};

/// Something an agent can do from the customer page (edit the profile, verify identity, move
/// home, log the contact). The page shows it as a button in its action bar and in its menu,
/// disabled (not hidden) while `needsVerifiedIdentity` and the contact is unverified.
struct CustomerAction {
    QString id;                          ///< stable key, e.g. "edit_profile"
    int order = 100;                     ///< left to right
    std::function<QString()> text;       ///< with a mnemonic; called again after a language switch
    QKeySequence shortcut;               ///< optional, active while a customer tab has focus
    Core::Permission permission = Core::Permission::EditCustomers;
    bool needsVerifiedIdentity = false;
    std::function<void(CustomerView &view)> trigger;
};

/// A way into one module's screen for a record of the customer, for another module's widgets
/// to offer without depending on that module: the premises section's sparkline opens the link
/// "meter_usage" with a meter id when the usage charts registered it, and offers nothing when
/// no module did.
struct CustomerLink {
    QString id;                          ///< stable key, e.g. "meter_usage"
    Core::Permission permission = Core::Permission::ViewCustomers;
    std::function<void(CustomerView &view, const QString &argument)> open;
};

class PageRegistry
{
public:
    void add(Page page);
    /// In sidebar order.
    QList<Page> pages() const;

    void addStatusItem(StatusItem item);
    /// In status-bar order.
    QList<StatusItem> statusItems() const;

    void addCustomerSection(CustomerSection section);
    /// In page order.
    QList<CustomerSection> customerSections() const;

    void addCustomerAction(CustomerAction action);
    /// In action-bar order.
    QList<CustomerAction> customerActions() const;

    void addCustomerLink(CustomerLink link);
    /// The link registered with `id`, or nullopt.
    std::optional<CustomerLink> customerLink(const QString &id) const;

private:
    QList<Page> m_pages;
    QList<StatusItem> m_statusItems;
    QList<CustomerSection> m_customerSections;
    QList<CustomerAction> m_customerActions;
    QList<CustomerLink> m_customerLinks;
};

} // namespace Ud::Ui
