#include "userspage.h"

#include "background.h"
#include "credentialrules.h"
#include "formteardown.h"
#include "messagebar.h"
#include "tableview.h"
#include "userstablemodel.h"

#include <core/clock.h>
#include <core/userservice.h>

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QShowEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStringListModel>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace Ud::Ui {

namespace {
QLineEdit *passwordEdit(QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

QProgressBar *busyBar(QWidget *parent)
{
    auto *bar = new QProgressBar(parent);
    bar->setRange(0, 0);
    bar->setTextVisible(false);
    bar->setMaximumWidth(bar->fontMetrics().averageCharWidth() * 10);
    bar->hide();
    return bar;
}

// Regions are matched exactly against the premises' region, so offer the ones already in use.
void completeFrom(QStringListModel *regions, QLineEdit *field)
{
    auto *completer = new QCompleter(regions, field);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    field->setCompleter(completer);
}

// Shows a field's problem once the user has left it, and clears it as soon as it is fixed.
void watchField(QLineEdit *field, FieldMessage *message, std::function<QString()> problem)
{
    QObject::connect(field, &QLineEdit::editingFinished, message, [message, problem] {
        message->setMessage(problem());
    });
    QObject::connect(field, &QLineEdit::textChanged, message, [message, problem] {
        if (!message->isHidden() && problem().isEmpty())
            message->setMessage({});
    });
}
} // namespace

UsersPage::UsersPage(Core::Context &context, const Core::UserContext &user, QWidget *parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("usersPage"));
    m_messages = new MessageBar(this);

    // The list, with its actions underneath.
    auto *listPane = new QWidget(this);
    m_count = new QLabel(listPane);
    m_model = new UsersTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UsersTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new TableView(listPane);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UsersTableModel::UserName, Qt::AscendingOrder);
    m_disable = new QPushButton(listPane);
    m_disable->setObjectName(QStringLiteral("disableUser"));
    m_enable = new QPushButton(listPane);
    m_enable->setObjectName(QStringLiteral("enableUser"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_disable);
    listButtons->addWidget(m_enable);
    listButtons->addStretch(1);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_count);
    listLayout->addWidget(m_table, 1);
    listLayout->addLayout(listButtons);

    // The forms: add a user, reset the selected user's password.
    auto *formPane = new QWidget;
    m_formPane = formPane;
    m_addGroup = new QGroupBox(formPane);
    m_userNameLabel = new QLabel(m_addGroup);
    m_userName = new QLineEdit(m_addGroup);
    m_userName->setObjectName(QStringLiteral("newUserName"));
    m_userName->setValidator(CredentialRules::userNameValidator(m_userName));
    m_userNameMessage = new FieldMessage(m_userName, m_addGroup);
    m_displayNameLabel = new QLabel(m_addGroup);
    m_displayName = new QLineEdit(m_addGroup);
    m_displayName->setObjectName(QStringLiteral("newDisplayName"));
    m_roleLabel = new QLabel(m_addGroup);
    m_role = new QComboBox(m_addGroup);
    m_role->setObjectName(QStringLiteral("newRole"));
    for (Core::Role role : Core::allRoles())
        m_role->addItem(QString(), Core::roleKey(role));
    m_knownRegions = new QStringListModel(this);
    m_newRegionLabel = new QLabel(m_addGroup);
    m_newRegion = new QLineEdit(m_addGroup);
    m_newRegion->setObjectName(QStringLiteral("newRegion"));
    completeFrom(m_knownRegions, m_newRegion);
    m_newRegionMessage = new FieldMessage(m_newRegion, m_addGroup);
    m_passwordLabel = new QLabel(m_addGroup);
    m_password = passwordEdit(m_addGroup);
    m_password->setObjectName(QStringLiteral("newPassword"));
    m_passwordMessage = new FieldMessage(m_password, m_addGroup);
    m_repeatLabel = new QLabel(m_addGroup);
    m_repeat = passwordEdit(m_addGroup);
    m_repeat->setObjectName(QStringLiteral("newPasswordRepeat"));
    m_repeatMessage = new FieldMessage(m_repeat, m_addGroup);
    m_addBusy = busyBar(m_addGroup);
    m_add = new QPushButton(m_addGroup);
    m_add->setObjectName(QStringLiteral("addUser"));
    m_userNameLabel->setBuddy(m_userName);
    m_displayNameLabel->setBuddy(m_displayName);
    m_roleLabel->setBuddy(m_role);
    m_newRegionLabel->setBuddy(m_newRegion);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel->setBuddy(m_repeat);
    auto *addButtons = new QHBoxLayout;
    addButtons->addStretch(1);
    addButtons->addWidget(m_addBusy);
    addButtons->addWidget(m_add);
    auto *addForm = new QFormLayout(m_addGroup);
    addForm->addRow(m_userNameLabel, m_userName);
    addForm->addRow(QString(), m_userNameMessage);
    addForm->addRow(m_displayNameLabel, m_displayName);
    addForm->addRow(m_roleLabel, m_role);
    addForm->addRow(m_newRegionLabel, m_newRegion);
    addForm->addRow(QString(), m_newRegionMessage);
    addForm->addRow(m_passwordLabel, m_password);
    addForm->addRow(QString(), m_passwordMessage);
    addForm->addRow(m_repeatLabel, m_repeat);
    addForm->addRow(QString(), m_repeatMessage);
    addForm->addRow(addButtons);

    m_regionGroup = new QGroupBox(formPane);
    m_regionHint = new QLabel(m_regionGroup);
    m_regionHint->setWordWrap(true);
    m_regionLabel = new QLabel(m_regionGroup);
    m_region = new QLineEdit(m_regionGroup);
    m_region->setObjectName(QStringLiteral("userRegion"));
    completeFrom(m_knownRegions, m_region);
    m_regionMessage = new FieldMessage(m_region, m_regionGroup);
    m_regionBusy = busyBar(m_regionGroup);
    m_changeRegion = new QPushButton(m_regionGroup);
    m_changeRegion->setObjectName(QStringLiteral("changeRegion"));
    m_regionLabel->setBuddy(m_region);
    auto *regionButtons = new QHBoxLayout;
    regionButtons->addStretch(1);
    regionButtons->addWidget(m_regionBusy);
    regionButtons->addWidget(m_changeRegion);
    auto *regionForm = new QFormLayout(m_regionGroup);
    regionForm->addRow(m_regionHint);
    regionForm->addRow(m_regionLabel, m_region);
    regionForm->addRow(QString(), m_regionMessage);
    regionForm->addRow(regionButtons);

    m_resetGroup = new QGroupBox(formPane);
    m_resetHint = new QLabel(m_resetGroup);
    m_resetHint->setWordWrap(true);
    m_newPasswordLabel = new QLabel(m_resetGroup);
    m_newPassword = passwordEdit(m_resetGroup);
    m_newPassword->setObjectName(QStringLiteral("resetPassword"));
    m_newPasswordMessage = new FieldMessage(m_newPassword, m_resetGroup);
    m_newRepeatLabel = new QLabel(m_resetGroup);
    m_newRepeat = passwordEdit(m_resetGroup);
    m_newRepeat->setObjectName(QStringLiteral("resetPasswordRepeat"));
    m_newRepeatMessage = new FieldMessage(m_newRepeat, m_resetGroup);
    m_resetBusy = busyBar(m_resetGroup);
    m_reset = new QPushButton(m_resetGroup);
    m_reset->setObjectName(QStringLiteral("resetUserPassword"));
    m_newPasswordLabel->setBuddy(m_newPassword);
    m_newRepeatLabel->setBuddy(m_newRepeat);
    auto *resetButtons = new QHBoxLayout;
    resetButtons->addStretch(1);
    resetButtons->addWidget(m_resetBusy);
    resetButtons->addWidget(m_reset);
    auto *resetForm = new QFormLayout(m_resetGroup);
    resetForm->addRow(m_resetHint);
    resetForm->addRow(m_newPasswordLabel, m_newPassword);
    resetForm->addRow(QString(), m_newPasswordMessage);
    resetForm->addRow(m_newRepeatLabel, m_newRepeat);
    resetForm->addRow(QString(), m_newRepeatMessage);
    resetForm->addRow(resetButtons);

    auto *formLayout = new QVBoxLayout(formPane);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_addGroup);
    formLayout->addWidget(m_regionGroup);
    formLayout->addWidget(m_resetGroup);
    formLayout->addStretch(1);
    // At 1024x768 the forms may not fit beside the list: let them scroll rather than clip.
    auto *formScroll = new QScrollArea(this);
    m_formScroll = formScroll;
    formScroll->setWidget(formPane);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Fields wide enough for a name or a password, in text units; the list takes the rest.
    for (QWidget *field : std::initializer_list<QWidget *>{m_userName, m_displayName, m_role, m_newRegion, m_password,
                                                           m_repeat, m_region, m_newPassword, m_newRepeat})
        field->setMinimumWidth(fontMetrics().averageCharWidth() * 24);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("usersSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(listPane);
    splitter->addWidget(formScroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(splitter, 1);

    watchField(m_userName, m_userNameMessage, [this] { return CredentialRules::userNameProblem(m_userName->text()); });
    watchField(m_password, m_passwordMessage, [this] { return CredentialRules::passwordProblem(m_password->text()); });
    watchField(m_repeat, m_repeatMessage,
               [this] { return CredentialRules::repeatProblem(m_password->text(), m_repeat->text()); });
    watchField(m_newPassword, m_newPasswordMessage,
               [this] { return CredentialRules::passwordProblem(m_newPassword->text()); });
    watchField(m_newRepeat, m_newRepeatMessage,
               [this] { return CredentialRules::repeatProblem(m_newPassword->text(), m_newRepeat->text()); });

    watchField(m_region, m_regionMessage, [this] { return Core::UserService::regionProblem(m_region->text()); });
    // The add form's region carries a warning as well as its problem, so it has its own watch.
    connect(m_newRegion, &QLineEdit::editingFinished, this,
            [this] { m_newRegionMessage->setMessage(newRegionNote()); });
    connect(m_newRegion, &QLineEdit::textChanged, this, [this] {
        if (Core::UserService::regionProblem(m_newRegion->text()).isEmpty())
            m_newRegionMessage->setMessage(newRegionNote());
    });
    connect(m_role, &QComboBox::currentIndexChanged, this, &UsersPage::updateNewRegionField);

    // F2 in the list edits the selected user's region, as F2 edits everywhere else.
    auto *editRegion = new QAction(m_table);
    editRegion->setShortcut(QKeySequence(Qt::Key_F2));
    editRegion->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(editRegion);
    connect(editRegion, &QAction::triggered, this, &UsersPage::editSelectedRegion);

    connect(m_add, &QPushButton::clicked, this, &UsersPage::addUser);
    connect(m_changeRegion, &QPushButton::clicked, this, &UsersPage::changeRegion);
    connect(m_region, &QLineEdit::returnPressed, this, &UsersPage::changeRegion);
    connect(m_repeat, &QLineEdit::returnPressed, this, &UsersPage::addUser);
    connect(m_reset, &QPushButton::clicked, this, &UsersPage::resetPassword);
    connect(m_newRepeat, &QLineEdit::returnPressed, this, &UsersPage::resetPassword);
    connect(m_disable, &QPushButton::clicked, this, [this] { setEnabledState(selectedUserName(), false, true); });
    connect(m_enable, &QPushButton::clicked, this, [this] { setEnabledState(selectedUserName(), true, true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPage::updateActions);

    retranslateUi();
    reload();
    m_table->resizeColumnsToContents();
}

void UsersPage::reload()
{
    const QString selected = selectedUserName();
    m_reloading = true;
    try {
        m_model->setUsers(m_context.users.list(m_user), m_context.clock.nowSecs());
    } catch (const Core::Error &e) {
        m_model->setUsers({}, m_context.clock.nowSecs());
        m_messages->showMessage(MessageBar::Type::Error, tr("The list of users could not be loaded: %1").arg(e.message()),
                                tr("Tr&y again"), [this] { reload(); });
    }
    QStringList regions;
    for (const Core::UserService::User &user : m_model->users()) {
        if (!user.region.isEmpty() && !regions.contains(user.region))
            regions << user.region;
    }
    std::sort(regions.begin(), regions.end(),
              [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    m_knownRegions->setStringList(regions);
    updateCount();
    if (!selected.isEmpty())
        selectUser(selected);
    m_reloading = false;
    updateActions();
}

void UsersPage::updateCount()
{
    m_count->setText(tr("Users: %1").arg(QLocale().toString(m_model->rowCount())));
}

bool UsersPage::selectUser(const QString &userName)
{
    const int row = m_model->rowOf(userName);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

QString UsersPage::selectedUserName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(UsersTableModel::UserNameRole).toString();
}

void UsersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the page shows what changed meanwhile (other pages write sign-ins and lock-outs).
    if (m_shownBefore && !event->spontaneous())
        reload();
    m_shownBefore = true;
}

void UsersPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void UsersPage::retranslateUi()
{
    m_disable->setText(tr("D&isable"));
    m_disable->setToolTip(tr("Stop the selected user from signing in"));
    m_enable->setText(tr("Ena&ble"));
    m_enable->setToolTip(tr("Let the selected user sign in again"));

    m_addGroup->setTitle(tr("Add a user"));
    m_userNameLabel->setText(tr("&User name:"));
    m_userName->setPlaceholderText(tr("e.g. anna.lee"));
    m_displayNameLabel->setText(tr("&Display name:"));
    m_roleLabel->setText(tr("&Role:"));
    const QList<Core::Role> roles = Core::allRoles();
    for (int i = 0; i < roles.size() && i < m_role->count(); ++i)
        m_role->setItemText(i, Core::roleDisplayName(roles.at(i)));
    m_newRegionLabel->setText(tr("Re&gion:"));
    m_newRegion->setToolTip(tr("The region whose customers a field officer sees, written as on the premises. "
                               "Other roles see the customers of every region and do not use one."));
    updateNewRegionField();
    m_passwordLabel->setText(tr("&Password:"));
    m_repeatLabel->setText(tr("R&epeat password:"));
    m_add->setText(tr("&Add user"));

    m_regionGroup->setTitle(tr("Change a region"));
    m_regionLabel->setText(tr("Wor&ks in:"));
    m_region->setPlaceholderText(tr("No region"));
    m_region->setToolTip(tr("The region whose customers the selected field officer sees, written as on the "
                            "premises; empty for none. Press F2 in the list to come here."));
    m_changeRegion->setText(tr("&Change region"));

    m_resetGroup->setTitle(tr("Reset a password"));
    m_newPasswordLabel->setText(tr("&New password:"));
    m_newRepeatLabel->setText(tr("Repea&t new password:"));
    m_reset->setText(tr("Re&set password"));

    m_model->retranslate();
    updateCount();
    updateActions();
    // The forms never scroll sideways: their pane is as wide as the (translated) labels need.
    m_formScroll->setMinimumWidth(m_formPane->minimumSizeHint().width()
                                  + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this));
}

void UsersPage::updateActions()
{
    const QString name = selectedUserName();
    const int row = m_model->rowOf(name);
    const bool disabled = row >= 0 && m_model->users().at(row).disabled;
    // Disabling yourself would leave nobody able to undo it in this session.
    const bool self = !name.isEmpty() && name == m_user.userName();
    m_disable->setEnabled(row >= 0 && !disabled && !self);
    m_disable->setToolTip(self ? tr("You cannot disable the account you are signed in with")
                               : tr("Stop the selected user from signing in"));
    m_enable->setEnabled(row >= 0 && disabled);
    const bool canReset = row >= 0 && !m_resetting;
    m_newPassword->setEnabled(canReset);
    m_newRepeat->setEnabled(canReset);
    m_reset->setEnabled(canReset);
    m_resetHint->setText(row >= 0 ? tr("Sets a new password for %1 and lifts any lock-out.").arg(name)
                                  : tr("Select a user in the list to reset their password."));

    const Core::UserService::User *selected = row >= 0 ? &m_model->users().at(row) : nullptr;
    // Show the selected user's region, but never overwrite what is being typed for them.
    if (!m_reloading && (name != m_regionShownFor || !m_region->isModified())) {
        m_regionShownFor = name;
        m_region->setText(selected ? selected->region : QString());
        m_regionMessage->setMessage({});
    }
    const bool fieldOfficer = selected && selected->role == Core::Role::FieldOfficer;
    // A region left on someone who is no longer a field officer may still be cleared.
    const bool canSetRegion = selected && (fieldOfficer || !selected->region.isEmpty()) && !m_settingRegion;
    m_region->setEnabled(canSetRegion);
    m_changeRegion->setEnabled(canSetRegion);
    if (!selected)
        m_regionHint->setText(tr("Select a field officer in the list to change the region whose customers they see."));
    else if (fieldOfficer)
        m_regionHint->setText(tr("%1 sees only the customers whose premises are in this region, "
                                 "from their next sign-in.").arg(name));
    else if (!selected->region.isEmpty())
        m_regionHint->setText(tr("%1 is not a field officer, so this region has no effect: you may clear it.").arg(name));
    else
        m_regionHint->setText(tr("%1 is not a field officer: only field officers work in a region.").arg(name));
    m_add->setEnabled(!m_adding);
}

void UsersPage::setEnabledState(const QString &userName, bool enabled, bool offerUndo)
{
    if (userName.isEmpty())
        return;
    try {
        m_context.users.setDisabled(m_user, userName, !enabled);
    } catch (const Core::Error &e) {
        m_messages->showError(e.message());
        return;
    }
    reload();
    const QString text = enabled ? tr("%1 can sign in again.").arg(userName)
                                 : tr("%1 is disabled and can no longer sign in.").arg(userName);
    if (offerUndo) {
        m_messages->showMessage(MessageBar::Type::Information, text, tr("Und&o"),
                                [this, userName, enabled] { setEnabledState(userName, !enabled, false); });
    } else {
        m_messages->showInformation(text);
    }
}

bool UsersPage::validateAddForm(bool focusFirstProblem)
{
    struct Check {
        QLineEdit *field;
        FieldMessage *message;
        QString problem;
    };
    const Check checks[] = {
        {m_userName, m_userNameMessage, CredentialRules::userNameProblem(m_userName->text())},
        {m_newRegion, m_newRegionMessage,
         m_newRegion->isEnabled() ? Core::UserService::regionProblem(m_newRegion->text()) : QString()},
        {m_password, m_passwordMessage, CredentialRules::passwordProblem(m_password->text())},
        {m_repeat, m_repeatMessage, CredentialRules::repeatProblem(m_password->text(), m_repeat->text())},
    };
    QLineEdit *first = nullptr;
    for (const Check &check : checks) {
        check.message->setMessage(check.problem);
        if (!check.problem.isEmpty() && !first)
            first = check.field;
    }
    // A field officer without a region is allowed, with its warning; only a problem blocks.
    if (m_newRegionMessage->message().isEmpty())
        m_newRegionMessage->setMessage(newRegionNote());
    if (first && focusFirstProblem)
        first->setFocus(Qt::OtherFocusReason);
    return !first;
}

void UsersPage::updateNewRegionField()
{
    const bool fieldOfficer = Core::roleFromKey(m_role->currentData().toString()) == Core::Role::FieldOfficer;
    // Other roles see every region: a region typed for them would be stored but mean nothing.
    if (!fieldOfficer)
        m_newRegion->clear();
    m_newRegion->setEnabled(fieldOfficer);
    m_newRegion->setPlaceholderText(fieldOfficer ? tr("e.g. North") : tr("Only field officers work in a region"));
    m_newRegionMessage->setMessage(newRegionNote());
}

QString UsersPage::newRegionNote() const
{
    if (Core::roleFromKey(m_role->currentData().toString()) != Core::Role::FieldOfficer)
        return {};
    if (const QString problem = Core::UserService::regionProblem(m_newRegion->text()); !problem.isEmpty())
        return problem;
    if (m_newRegion->text().simplified().isEmpty())
        return tr("Without a region this field officer will see no customers until one is set.");
    return {};
}

bool UsersPage::validateResetForm(bool focusFirstProblem)
{
    const QString passwordProblem = CredentialRules::passwordProblem(m_newPassword->text());
    const QString repeatProblem = CredentialRules::repeatProblem(m_newPassword->text(), m_newRepeat->text());
    m_newPasswordMessage->setMessage(passwordProblem);
    m_newRepeatMessage->setMessage(repeatProblem);
    if (focusFirstProblem && !passwordProblem.isEmpty())
        m_newPassword->setFocus(Qt::OtherFocusReason);
    else if (focusFirstProblem && !repeatProblem.isEmpty())
        m_newRepeat->setFocus(Qt::OtherFocusReason);
    return passwordProblem.isEmpty() && repeatProblem.isEmpty();
}

void UsersPage::addUser()
{
    if (m_adding || !validateAddForm(true))
        return;
    const QString userName = m_userName->text().trimmed();
    const QString displayName = m_displayName->text().trimmed();
    const Core::Role role = Core::roleFromKey(m_role->currentData().toString()).value_or(Core::Role::Agent);
    const QString password = m_password->text();
    const QString region = role == Core::Role::FieldOfficer ? m_newRegion->text().simplified() : QString();
    m_messages->dismiss();
    m_adding = true;
    m_addBusy->show();
    m_addGroup->setEnabled(false);
    updateActions();
    Core::UserService &users = m_context.users;
    const Core::UserContext actor = m_user;
    runInBackground(
        m_context.database, this,
        [&users, actor, userName, displayName, role, password, region] {
            return users.createUser(actor, userName, displayName, role, password, region);
        },
        [this](const Core::UserService::User &created) {
            m_adding = false;
            m_addBusy->hide();
            m_addGroup->setEnabled(true);
            for (QLineEdit *field : {m_userName, m_displayName, m_newRegion, m_password, m_repeat})
                field->clear();
            reload();
            // The new row, selected, is the confirmation: no "saved" message needed.
            selectUser(created.userName);
            m_userName->setFocus(Qt::OtherFocusReason);
        },
        [this](const QString &error) {
            m_adding = false;
            m_addBusy->hide();
            m_addGroup->setEnabled(true);
            updateActions();
            // Every value stays as typed so the user only fixes what the sentence names.
            m_messages->showError(error);
            m_userName->setFocus(Qt::OtherFocusReason);
        });
}

void UsersPage::resetPassword()
{
    const QString userName = selectedUserName();
    if (userName.isEmpty() || m_resetting || !validateResetForm(true))
        return;
    const QString password = m_newPassword->text();
    m_messages->dismiss();
    m_resetting = true;
    m_resetBusy->show();
    updateActions();
    Core::UserService &users = m_context.users;
    const Core::UserContext actor = m_user;
    runInBackground(
        m_context.database, this, [&users, actor, userName, password] { users.resetPassword(actor, userName, password); },
        [this, userName] {
            m_resetting = false;
            m_resetBusy->hide();
            m_newPassword->clear();
            m_newRepeat->clear();
            reload();
            m_messages->showInformation(tr("%1 can now sign in with the new password.").arg(userName));
        },
        [this](const QString &error) {
            m_resetting = false;
            m_resetBusy->hide();
            updateActions();
            m_messages->showError(error);
        });
}

void UsersPage::editSelectedRegion()
{
    if (selectedUserName().isEmpty())
        return;
    if (!m_region->isEnabled()) {
        // Say why nothing opened rather than ignoring the key.
        m_messages->showInformation(m_regionHint->text());
        return;
    }
    m_formScroll->ensureWidgetVisible(m_region);
    m_region->setFocus(Qt::ShortcutFocusReason);
    m_region->selectAll();
}

void UsersPage::changeRegion()
{
    const QString userName = selectedUserName();
    if (userName.isEmpty() || m_settingRegion || !m_region->isEnabled())
        return;
    const QString problem = Core::UserService::regionProblem(m_region->text());
    m_regionMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_region->setFocus(Qt::OtherFocusReason);
        return;
    }
    setRegionOf(userName, m_region->text().simplified(), true);
}

void UsersPage::setRegionOf(const QString &userName, const QString &region, bool offerUndo)
{
    const int row = m_model->rowOf(userName);
    if (row < 0 || m_settingRegion)
        return;
    const Core::UserService::User &listed = m_model->users().at(row);
    const QString before = listed.region;
    const bool fieldOfficer = listed.role == Core::Role::FieldOfficer;
    if (before == region) {
        m_messages->showInformation(region.isEmpty() ? tr("%1 has no region already.").arg(userName)
                                                     : tr("%1 already works in the region %2.").arg(userName, region));
        return;
    }
    m_messages->dismiss();
    m_settingRegion = true;
    m_regionBusy->show();
    updateActions();
    Core::UserService &users = m_context.users;
    const Core::UserContext actor = m_user;
    runInBackground(
        m_context.database, this, [&users, actor, userName, region] { users.setRegion(actor, userName, region); },
        [this, userName, region, before, fieldOfficer, offerUndo] {
            m_settingRegion = false;
            m_regionBusy->hide();
            reload();
            if (selectedUserName() == userName) {
                m_region->setText(region);
                m_regionShownFor = userName;
            }
            // The list shows the new region; the bar says what it means and offers the way back.
            QString text;
            if (!region.isEmpty())
                text = tr("%1 works in the region %2 now, from their next sign-in.").arg(userName, region);
            else if (fieldOfficer)
                text = tr("%1 has no region now and will see no customers until one is set.").arg(userName);
            else
                text = tr("%1 has no region now.").arg(userName);
            if (offerUndo) {
                m_messages->showMessage(MessageBar::Type::Information, text, tr("Und&o"),
                                        [this, userName, before] { setRegionOf(userName, before, false); });
            } else {
                m_messages->showInformation(text);
            }
            m_table->setFocus(Qt::OtherFocusReason);
        },
        [this](const QString &error) {
            m_settingRegion = false;
            m_regionBusy->hide();
            updateActions();
            m_messages->showError(error);
            if (m_region->isEnabled())
                m_region->setFocus(Qt::OtherFocusReason);
        });
}

UsersPage::~UsersPage()
{
    Ui::disconnectChildren(this);
}

} // namespace Ud::Ui
