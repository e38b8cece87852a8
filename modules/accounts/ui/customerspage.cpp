#include "customerspage.h"

#include "customerfinder.h"
#include "customertab.h"
#include "registrationwizard.h"

#include <accounts/accountssettings.h>
#include <core/ui/pageregistry.h>

#include <QEvent>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
constexpr const char *NameHintProperty = "ud_nameHint";
constexpr const char *LoadedProperty = "ud_loaded";

// `first` and the platform's own keys for the same thing, once each.
QShortcut *shortcut(QWidget *parent, QKeySequence first, QList<QKeySequence> more = {})
{
    QList<QKeySequence> keys{first};
    for (const QKeySequence &key : more) {
        if (!keys.contains(key))
            keys << key;
    }
    auto *s = new QShortcut(parent);
    s->setKeys(keys);
    s->setContext(Qt::WidgetWithChildrenShortcut);
    return s;
}
} // namespace

CustomersPage::CustomersPage(AccountsModule &module, Core::UserContext user, const Ui::PageRegistry *registry,
                             QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user)), m_registry(registry)
{
    setObjectName(QStringLiteral("customersPage"));
    m_finder = new CustomerFinder(module, m_user, this);
    connect(m_finder, &CustomerFinder::openRequested, this, [this](const QString &id, const QString &name) {
        if (CustomerTab *tab = customerTab(id)) {
            m_tabs->setCurrentWidget(tab);
            tab->setFocus(Qt::OtherFocusReason);
            return;
        }
        CustomerTab *tab = addCustomerTab(id, name);
        m_tabs->setCurrentWidget(tab);
        tab->setFocus(Qt::OtherFocusReason);
    });

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("customerTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->addTab(m_finder, QString());
    // "Find" is the workspace itself: it has no close button and cannot be dragged away
    // from the first place.
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, [this](int, int) {
        if (m_tabs->indexOf(m_finder) != 0)
            m_tabs->tabBar()->moveTab(m_tabs->indexOf(m_finder), 0);
        saveOpenTabs();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &CustomersPage::closeTabAt);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_finder && !m_restoring)
            m_finder->focusSearch();
    });

    connect(shortcut(this, findShortcut(), QKeySequence::keyBindings(QKeySequence::Find)), &QShortcut::activated,
            this, &CustomersPage::focusSearch);
    connect(shortcut(this, closeShortcut(), QKeySequence::keyBindings(QKeySequence::Close)), &QShortcut::activated,
            this, &CustomersPage::closeCurrentCustomer);
    connect(shortcut(this, newCustomerShortcut(), QKeySequence::keyBindings(QKeySequence::New)),
            &QShortcut::activated, this, &CustomersPage::newCustomer);
    connect(shortcut(this, QKeySequence(Qt::CTRL | Qt::Key_Tab)), &QShortcut::activated, this, &CustomersPage::nextTab);
    connect(shortcut(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)}),
            &QShortcut::activated, this, &CustomersPage::previousTab);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    setFocusProxy(m_finder);

    m_restoring = true;
    for (const QString &id : AccountsSettings::openCustomerTabs()) {
        if (!id.isEmpty() && !customerTab(id))
            addCustomerTab(id, {});
    }
    m_restoring = false;
    retranslateUi();
}

QKeySequence CustomersPage::findShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_F);
}

QKeySequence CustomersPage::newCustomerShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_N);
}

QKeySequence CustomersPage::closeShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_W);
}

CustomerListModel *CustomersPage::model() const
{
    return m_finder->listModel();
}

CustomerTab *CustomersPage::customerTab(const QString &customerId) const
{
    for (CustomerTab *tab : customerTabs()) {
        if (tab->customerId() == customerId)
            return tab;
    }
    return nullptr;
}

CustomerTab *CustomersPage::currentCustomerTab() const
{
    return qobject_cast<CustomerTab *>(m_tabs->currentWidget());
}

QList<CustomerTab *> CustomersPage::customerTabs() const
{
    QList<CustomerTab *> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<CustomerTab *>(m_tabs->widget(i)))
            tabs << tab;
    }
    return tabs;
}

void CustomersPage::focusSearch()
{
    m_tabs->setCurrentWidget(m_finder);
    m_finder->focusSearch();
}

CustomerTab *CustomersPage::openCustomer(const QString &customerId)
{
    if (customerId.isEmpty())
        return nullptr;
    CustomerTab *tab = customerTab(customerId);
    if (!tab)
        tab = addCustomerTab(customerId, {});
    m_tabs->setCurrentWidget(tab);
    tab->setFocus(Qt::OtherFocusReason);
    return tab;
}

CustomerTab *CustomersPage::addCustomerTab(const QString &customerId, const QString &title)
{
    auto *tab = new CustomerTab(m_module, m_user, m_registry, customerId, m_tabs);
    // The name the search showed stands in until the header has loaded.
    tab->setProperty(NameHintProperty, title);
    m_tabs->addTab(tab, tabTitle(tab));
    connect(tab, &CustomerTab::loaded, this, [this, tab] {
        tab->setProperty(LoadedProperty, true);
        const int at = m_tabs->indexOf(tab);
        m_tabs->setTabText(at, tabTitle(tab));
        m_tabs->setTabToolTip(at, tab->customerName());
    });
    saveOpenTabs();
    return tab;
}

void CustomersPage::closeCustomer(const QString &customerId)
{
    if (CustomerTab *tab = customerTab(customerId))
        closeTabAt(m_tabs->indexOf(tab));
}

void CustomersPage::closeCurrentCustomer()
{
    if (m_tabs->currentWidget() != m_finder)
        closeTabAt(m_tabs->currentIndex());
}

RegistrationWizard *CustomersPage::newCustomer()
{
    if (!m_user.can(Core::Permission::EditCustomers))
        return nullptr;
    if (!m_registration) {
        m_registration = new RegistrationWizard(m_module, m_user, m_tabs);
        m_registration->setObjectName(QStringLiteral("registrationWizard"));
        connect(m_registration, &RegistrationWizard::registered, this, [this](const QString &customerId) {
            dropRegistration();
            m_finder->reload();
            openCustomer(customerId);
        });
        // The registration stays open behind the existing customer, to go on with or cancel.
        connect(m_registration, &RegistrationWizard::openCustomerRequested, this, &CustomersPage::openCustomer);
        connect(m_registration, &RegistrationWizard::cancelled, this, &CustomersPage::dropRegistration);
    }
    if (m_tabs->indexOf(m_registration) < 0)
        m_tabs->insertTab(1, m_registration, tr("New customer"));
    m_tabs->setCurrentWidget(m_registration);
    m_registration->setFocus(Qt::OtherFocusReason);
    return m_registration;
}

void CustomersPage::dropRegistration()
{
    if (!m_registration)
        return;
    const int at = m_tabs->indexOf(m_registration);
    if (at >= 0)
        m_tabs->removeTab(at);
    m_registration->deleteLater();
    m_registration = nullptr;
    if (QWidget *current = m_tabs->currentWidget())
        current->setFocus(Qt::OtherFocusReason);
}

void CustomersPage::closeTabAt(int index)
{
    QWidget *widget = m_tabs->widget(index);
    if (widget && widget == m_registration) {
        // Closing the tab puts the registration aside with everything typed; Ctrl+N brings it
        // back. Only Cancel or a finished registration discards it.
        m_tabs->removeTab(index);
        m_registration->hide();
        if (QWidget *current = m_tabs->currentWidget())
            current->setFocus(Qt::OtherFocusReason);
        return;
    }
    auto *tab = qobject_cast<CustomerTab *>(widget);
    if (!tab)
        return;
    m_tabs->removeTab(index);
    tab->deleteLater();
    saveOpenTabs();
    if (QWidget *current = m_tabs->currentWidget())
        current->setFocus(Qt::OtherFocusReason);
}

void CustomersPage::nextTab()
{
    if (m_tabs->count() > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    m_tabs->currentWidget()->setFocus(Qt::TabFocusReason);
}

void CustomersPage::previousTab()
{
    if (m_tabs->count() > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    m_tabs->currentWidget()->setFocus(Qt::BacktabFocusReason);
}

void CustomersPage::reload()
{
    m_finder->reload();
    for (CustomerTab *tab : customerTabs())
        tab->refresh();
}

void CustomersPage::saveOpenTabs() const
{
    if (m_restoring)
        return;
    QStringList ids;
    for (const CustomerTab *tab : customerTabs())
        ids << tab->customerId();
    AccountsSettings::setOpenCustomerTabs(ids);
}

void CustomersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomersPage::retranslateUi()
{
    m_tabs->setTabText(m_tabs->indexOf(m_finder), tr("Find"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_finder), tr("Find a customer (Ctrl+F)"));
    for (CustomerTab *tab : customerTabs())
        m_tabs->setTabText(m_tabs->indexOf(tab), tabTitle(tab));
    if (m_registration)
        m_tabs->setTabText(m_tabs->indexOf(m_registration), tr("New customer"));
}

QString CustomersPage::tabTitle(const CustomerTab *tab) const
{
    if (!tab->customerName().isEmpty())
        return tab->customerName();
    if (tab->property(LoadedProperty).toBool())
        return tr("Customer not found");
    const QString hint = tab->property(NameHintProperty).toString();
    return hint.isEmpty() ? tr("Loading…") : hint;
}

} // namespace Ud::Accounts
