#include "customertab.h"

#include "customerheader.h"

#include <accounts/accountservice.h>
#include <accounts/accountsmodule.h>
#include <accounts/customerservice.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/messagebar.h>

#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QShowEvent>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
const QString IdKey = QStringLiteral("id");
const QString CustomerIdKey = QStringLiteral("customer_id");

// The widget of the tab with this id in `tabs`, shown and current; `widget` is deleted if one
// was open already, else added with `title`.
QWidget *showInTabs(QTabWidget *tabs, QHash<QString, QWidget *> &open, const QString &id, const QString &title,
                    QWidget *widget)
{
    if (QWidget *existing = open.value(id)) {
        if (widget != existing)
            delete widget;
        tabs->setCurrentWidget(existing);
        return existing;
    }
    open.insert(id, widget);
    tabs->setCurrentIndex(tabs->addTab(widget, title));
    return widget;
}

void closeInTabs(QTabWidget *tabs, QHash<QString, QWidget *> &open, const QString &id)
{
    QWidget *widget = open.take(id);
    if (!widget)
        return;
    tabs->removeTab(tabs->indexOf(widget));
    widget->deleteLater();
}
} // namespace

CustomerTab::CustomerTab(AccountsModule &module, Core::UserContext user, const Ui::PageRegistry *registry,
                         const QString &customerId, QWidget *parent)
    : Ui::CustomerView(parent), m_module(module), m_user(std::move(user)), m_registry(registry),
      m_customerId(customerId),
      m_contactStartedAt(QDateTime::fromSecsSinceEpoch(module.context().clock.nowSecs(), QTimeZone::utc()))
{
    setObjectName(QStringLiteral("customerTab"));
    m_header = new CustomerHeader(this);
    m_messages = new Ui::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("customerMessageBar"));
    m_messages->hide();

    m_actionBar = new QWidget(this);
    m_actionBar->setObjectName(QStringLiteral("customerActionBar"));
    buildActions(m_actionBar);

    m_subTabs = new QTabWidget(this);
    m_subTabs->setObjectName(QStringLiteral("customerSubTabs"));
    m_subTabs->setDocumentMode(true);
    m_subTabs->setTabsClosable(true);
    m_overview = buildOverview();
    m_subTabs->addTab(m_overview, QString());
    m_subTabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    m_subTabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_subTabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        closeSubPage(m_subPages.key(m_subTabs->widget(index)));
    });

    m_sidePanels = new QTabWidget(this);
    m_sidePanels->setObjectName(QStringLiteral("customerSidePanels"));
    m_sidePanels->setDocumentMode(true);
    m_sidePanels->setTabsClosable(true);
    m_sidePanels->hide();
    connect(m_sidePanels, &QTabWidget::tabCloseRequested, this, [this](int index) {
        closeSidePanel(m_sidePanelWidgets.key(m_sidePanels->widget(index)));
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("customerSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_subTabs);
    m_splitter->addWidget(m_sidePanels);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_messages);
    layout->addWidget(m_actionBar);
    layout->addWidget(m_splitter, 1);
    setFocusProxy(m_subTabs);

    // Several events of one change (customer and account updated) reload once.
    m_refreshDelay = new QTimer(this);
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(0);
    connect(m_refreshDelay, &QTimer::timeout, this, &CustomerTab::refresh);
    connect(&m_module.context().events, &Core::EventBus::published, this, &CustomerTab::onEvent);

    retranslateUi();
    updateActions();
    loadHeader();
}

CustomerTab::~CustomerTab() = default;

QWidget *CustomerTab::buildOverview()
{
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("customerOverview"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    new QVBoxLayout(content);
    scroll->setWidget(content);
    return scroll;
}

void CustomerTab::createSections()
{
    if (m_sectionsCreated)
        return;
    m_sectionsCreated = true;
    QWidget *content = static_cast<QScrollArea *>(m_overview)->widget();
    auto *layout = static_cast<QVBoxLayout *>(content->layout());
    if (m_registry) {
        for (const Ui::CustomerSection &section : m_registry->customerSections()) {
            if (!m_user.can(section.permission) || !section.create)
                continue;
            auto *frame = new QGroupBox(content);
            frame->setObjectName(QStringLiteral("customerSection_") + section.id);
            auto *frameLayout = new QVBoxLayout(frame);
            frameLayout->addWidget(section.create(*this, frame));
            layout->addWidget(frame);
            m_sections.append({section, frame});
        }
    }
    if (m_sections.isEmpty()) {
        auto *none = new QLabel(content);
        none->setObjectName(QStringLiteral("customerNoSections"));
        layout->addWidget(none);
    }
    layout->addStretch(1);
    retranslateUi();
}

void CustomerTab::showEvent(QShowEvent *event)
{
    // Customers reopened at start-up in background tabs load their sections when first shown,
    // not all at once.
    createSections();
    Ui::CustomerView::showEvent(event);
}

void CustomerTab::buildActions(QWidget *bar)
{
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    if (m_registry) {
        for (const Ui::CustomerAction &action : m_registry->customerActions()) {
            if (!m_user.can(action.permission) || !action.trigger)
                continue;
            ActionEntry entry{action, new QPushButton(bar), nullptr};
            entry.button->setObjectName(QStringLiteral("customerAction_") + action.id);
            layout->addWidget(entry.button);
            const qsizetype index = m_actions.size();
            connect(entry.button, &QPushButton::clicked, this, [this, index] { runAction(m_actions.at(index)); });
            if (!action.shortcut.isEmpty()) {
                // Only while this customer's tab has focus: another open customer has its own.
                entry.shortcut = new QShortcut(action.shortcut, this);
                entry.shortcut->setContext(Qt::WidgetWithChildrenShortcut);
                connect(entry.shortcut, &QShortcut::activated, this, [this, index] {
                    if (m_actions.at(index).button->isEnabled())
                        runAction(m_actions.at(index));
                });
            }
            m_actions.append(entry);
        }
    }
    layout->addStretch(1);
    bar->setVisible(!m_actions.isEmpty());
}

void CustomerTab::runAction(const ActionEntry &entry)
{
    try {
        entry.action.trigger(*this);
    } catch (const Core::Error &e) {
        showMessage(e.message(), true);
    }
}

void CustomerTab::updateActions()
{
    for (const ActionEntry &entry : std::as_const(m_actions)) {
        const bool needsIdentity = entry.action.needsVerifiedIdentity && !identityVerified();
        const bool enabled = !m_removed && !needsIdentity;
        entry.button->setEnabled(enabled);
        if (entry.shortcut)
            entry.shortcut->setEnabled(enabled);
        QString tip = entry.action.shortcut.isEmpty()
                          ? QString()
                          : tr("Shortcut: %1").arg(entry.action.shortcut.toString(QKeySequence::NativeText));
        if (m_removed)
            tip = tr("This customer has been removed.");
        else if (needsIdentity)
            tip = tr("Verify the caller's identity first.");
        entry.button->setToolTip(tip);
    }
}

QPushButton *CustomerTab::actionButton(const QString &actionId) const
{
    for (const ActionEntry &entry : m_actions) {
        if (entry.action.id == actionId)
            return entry.button;
    }
    return nullptr;
}

QGroupBox *CustomerTab::section(const QString &sectionId) const
{
    for (const SectionEntry &entry : m_sections) {
        if (entry.section.id == sectionId)
            return entry.frame;
    }
    return nullptr;
}

bool CustomerTab::isLoaded() const
{
    return m_header->hasData();
}

void CustomerTab::loadHeader()
{
    const quint64 generation = ++m_loadGeneration;
    m_header->setLoading();
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_module.context().database, this,
        [module, user, id] {
            CustomerHeaderData data;
            data.customer = module->customers().get(user, id);
            data.accounts = module->accounts().accountsOfCustomer(user, id);
            const QList<Premise> premises = module->accounts().premisesOfCustomer(user, id);
            for (const Account &account : std::as_const(data.accounts)) {
                for (const Premise &premise : premises) {
                    if (!data.premise && premise.id == account.premiseId)
                        data.premise = premise;
                }
            }
            if (!data.premise && !premises.isEmpty())
                data.premise = premises.first();
            return data;
        },
        [this, generation](const CustomerHeaderData &data) {
            if (generation != m_loadGeneration)
                return;
            m_customerName = data.customer.fullName;
            m_header->setData(data);
            emit loaded();
            if (generation > 1)
                emit refreshed();
        },
        [this, generation](const QString &error) {
            if (generation != m_loadGeneration)
                return;
            if (m_header->hasData())
                showMessage(tr("Could not reload the customer: %1").arg(error), true);
            else
                m_header->setError(error);
            emit loaded();
            if (generation > 1)
                emit refreshed();
        });
}

void CustomerTab::refresh()
{
    m_refreshDelay->stop();
    loadHeader();
}

void CustomerTab::onEvent(const QString &topic, const QVariantMap &payload)
{
    const bool mine = payload.value(CustomerIdKey).toString() == m_customerId
                      || (topic.startsWith(QLatin1String("customer.")) && payload.value(IdKey).toString() == m_customerId);
    if (!mine || m_removed)
        return;
    if (topic == QLatin1String("customer.deleted")) {
        m_removed = true;
        showMessage(tr("This customer has been removed; what the tab shows is how they were."), true);
        updateActions();
        return;
    }
    m_refreshDelay->start();
}

void CustomerTab::setIdentityVerification(const QString &how)
{
    const QString verification = how.trimmed();
    if (verification == m_verification)
        return;
    m_verification = verification;
    m_header->setIdentity(m_verification);
    updateActions();
    emit identityChanged();
}

void CustomerTab::startNewContact()
{
    m_verification.clear();
    m_activities.clear();
    m_contactStartedAt = QDateTime::fromSecsSinceEpoch(m_module.context().clock.nowSecs(), QTimeZone::utc());
    m_header->setIdentity({});
    updateActions();
    emit identityChanged();
}

QWidget *CustomerTab::openSubPage(const QString &id, const QString &title, QWidget *page)
{
    return showInTabs(m_subTabs, m_subPages, id, title, page);
}

void CustomerTab::closeSubPage(const QString &id)
{
    closeInTabs(m_subTabs, m_subPages, id);
}

QWidget *CustomerTab::openSidePanel(const QString &id, const QString &title, QWidget *panel)
{
    const bool wasHidden = m_sidePanels->isHidden();
    QWidget *shown = showInTabs(m_sidePanels, m_sidePanelWidgets, id, title, panel);
    m_sidePanels->show();
    // The record keeps the larger share: a panel's own size hint (a notes box) would take more.
    if (wasHidden && m_splitter->width() > 0)
        m_splitter->setSizes({m_splitter->width() * 3 / 5, m_splitter->width() * 2 / 5});
    return shown;
}

void CustomerTab::closeSidePanel(const QString &id)
{
    closeInTabs(m_sidePanels, m_sidePanelWidgets, id);
    m_sidePanels->setVisible(!m_sidePanelWidgets.isEmpty());
}

void CustomerTab::noteActivity(const QString &text)
{
    if (!text.trimmed().isEmpty())
        m_activities << text.trimmed();
}

void CustomerTab::showMessage(const QString &text, bool error)
{
    m_messages->showMessage(error ? Ui::MessageBar::Type::Error : Ui::MessageBar::Type::Information, text);
    m_messages->show();
}

void CustomerTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    Ui::CustomerView::changeEvent(event);
}

void CustomerTab::retranslateUi()
{
    m_subTabs->setTabText(m_subTabs->indexOf(m_overview), tr("Overview"));
    m_actionBar->setAccessibleName(tr("Customer actions"));
    for (const SectionEntry &entry : std::as_const(m_sections))
        entry.frame->setTitle(entry.section.title ? entry.section.title() : entry.section.id);
    for (const ActionEntry &entry : std::as_const(m_actions))
        entry.button->setText(entry.action.text ? entry.action.text() : entry.action.id);
    if (auto *none = findChild<QLabel *>(QStringLiteral("customerNoSections")))
        none->setText(tr("No sections are available to your role."));
    updateActions();
}

} // namespace Ud::Accounts
