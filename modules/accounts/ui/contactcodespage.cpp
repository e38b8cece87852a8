#include "contactcodespage.h"

#include <accounts/contactcodelistmodel.h>
#include <core/ui/background.h>
#include <core/ui/messagebar.h>

#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace Ud::Accounts {

struct ContactCodesPage::Pane {
    ContactCodeKind kind = ContactCodeKind::Reason;
    QGroupBox *group = nullptr;
    ContactCodeListModel *model = nullptr;
    QListView *list = nullptr;
    QPushButton *up = nullptr;
    QPushButton *down = nullptr;
    QPushButton *rename = nullptr;
    QPushButton *active = nullptr;
    QLineEdit *newName = nullptr;
    Ui::FieldMessage *newNameMessage = nullptr;
    QPushButton *add = nullptr;
};

ContactCodesPage::ContactCodesPage(ContactCodeService &codes, Core::Database &db, Core::UserContext user, QWidget *parent)
    : QWidget(parent), m_codes(codes), m_db(db), m_user(std::move(user)), m_reasons(std::make_unique<Pane>()),
      m_wrapUps(std::make_unique<Pane>())
{
    setObjectName(QStringLiteral("contactCodesPage"));
    m_messages = new Ui::MessageBar(this);
    m_reasons->kind = ContactCodeKind::Reason;
    m_wrapUps->kind = ContactCodeKind::WrapUp;
    buildPane(*m_reasons);
    buildPane(*m_wrapUps);

    auto *panes = new QHBoxLayout;
    panes->addWidget(m_reasons->group, 1);
    panes->addWidget(m_wrapUps->group, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(panes, 1);

    retranslateUi();
    reload();
}

ContactCodesPage::~ContactCodesPage() = default;

ContactCodesPage::Pane &ContactCodesPage::pane(ContactCodeKind kind) const
{
    return kind == ContactCodeKind::Reason ? *m_reasons : *m_wrapUps;
}

ContactCodeListModel *ContactCodesPage::model(ContactCodeKind kind) const
{
    return pane(kind).model;
}

QListView *ContactCodesPage::view(ContactCodeKind kind) const
{
    return pane(kind).list;
}

void ContactCodesPage::buildPane(Pane &p)
{
    const QString key = contactCodeKindKey(p.kind);
    p.group = new QGroupBox(this);
    p.model = new ContactCodeListModel(this);
    p.model->setEditable(true);
    p.list = new QListView(p.group);
    p.list->setObjectName(key + QStringLiteral("List"));
    p.list->setModel(p.model);
    p.list->setSelectionMode(QAbstractItemView::SingleSelection);
    p.list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    auto button = [&p](const QString &name) {
        auto *b = new QPushButton(p.group);
        b->setObjectName(name);
        return b;
    };
    p.up = button(key + QStringLiteral("Up"));
    p.down = button(key + QStringLiteral("Down"));
    p.rename = button(key + QStringLiteral("Rename"));
    p.active = button(key + QStringLiteral("Active"));
    p.newName = new QLineEdit(p.group);
    p.newName->setObjectName(key + QStringLiteral("NewName"));
    p.newNameMessage = new Ui::FieldMessage(p.newName, p.group);
    p.add = button(key + QStringLiteral("Add"));

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(p.up);
    listButtons->addWidget(p.down);
    listButtons->addStretch(1);
    listButtons->addWidget(p.rename);
    listButtons->addWidget(p.active);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(p.newName, 1);
    addRow->addWidget(p.add);
    auto *layout = new QVBoxLayout(p.group);
    layout->addWidget(p.list, 1);
    layout->addLayout(listButtons);
    layout->addLayout(addRow);
    layout->addWidget(p.newNameMessage);

    const ContactCodeKind kind = p.kind;
    Pane *pp = &p;
    connect(p.list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ContactCodesPage::updateActions);
    connect(p.model, &QAbstractItemModel::modelReset, this, &ContactCodesPage::updateActions);
    connect(p.model, &ContactCodeListModel::renameRequested, this,
            [this, kind](const QString &id, const QString &label) { rename(kind, id, label, true); });
    connect(p.up, &QPushButton::clicked, this,
            [this, kind] { move(kind, selectedId(kind), ContactCodeService::Direction::Up, true); });
    connect(p.down, &QPushButton::clicked, this,
            [this, kind] { move(kind, selectedId(kind), ContactCodeService::Direction::Down, true); });
    connect(p.rename, &QPushButton::clicked, this, [pp] {
        const QModelIndex current = pp->list->currentIndex();
        if (current.isValid())
            pp->list->edit(current);
    });
    connect(p.active, &QPushButton::clicked, this, [this, pp, kind] {
        const int row = pp->model->rowOf(selectedId(kind));
        if (row >= 0)
            toggleActive(kind, pp->model->codes().at(row).id, !pp->model->codes().at(row).active, true);
    });
    connect(p.add, &QPushButton::clicked, this, [this, pp] { addCode(*pp); });
    connect(p.newName, &QLineEdit::returnPressed, this, [this, pp] { addCode(*pp); });
    connect(p.newName, &QLineEdit::textEdited, p.newNameMessage, [pp] { pp->newNameMessage->setMessage({}); });
}

QString ContactCodesPage::selectedId(ContactCodeKind kind) const
{
    const QModelIndexList rows = pane(kind).list->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(ContactCodeListModel::IdRole).toString();
}

void ContactCodesPage::select(ContactCodeKind kind, const QString &id)
{
    Pane &p = pane(kind);
    const int row = p.model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = p.model->index(row);
    p.list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    p.list->scrollTo(index);
}

void ContactCodesPage::reload(const QString &selectKind, const QString &selectId)
{
    const QString reasonSelected = selectedId(ContactCodeKind::Reason);
    const QString wrapUpSelected = selectedId(ContactCodeKind::WrapUp);
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_db, this,
        [&codes, user] {
            return std::pair(codes.list(user, ContactCodeKind::Reason, true), codes.list(user, ContactCodeKind::WrapUp, true));
        },
        [this, reasonSelected, wrapUpSelected, selectKind, selectId](
            const std::pair<QList<ContactCode>, QList<ContactCode>> &lists) {
            m_reasons->model->setCodes(lists.first);
            m_wrapUps->model->setCodes(lists.second);
            select(ContactCodeKind::Reason, selectKind == contactCodeKindKey(ContactCodeKind::Reason) ? selectId : reasonSelected);
            select(ContactCodeKind::WrapUp, selectKind == contactCodeKindKey(ContactCodeKind::WrapUp) ? selectId : wrapUpSelected);
            updateActions();
            emit reloaded();
        },
        [this](const QString &error) {
            m_messages->showMessage(Ui::MessageBar::Type::Error, tr("The contact codes could not be loaded: %1").arg(error),
                                    tr("Tr&y again"), [this] { reload(); });
            emit reloaded();
        });
}

void ContactCodesPage::updateActions()
{
    for (Pane *p : {m_reasons.get(), m_wrapUps.get()}) {
        const int row = p->model->rowOf(selectedId(p->kind));
        const bool selected = row >= 0 && !m_busy;
        p->up->setEnabled(selected && row > 0);
        p->down->setEnabled(selected && row + 1 < p->model->rowCount());
        p->rename->setEnabled(selected);
        p->active->setEnabled(selected);
        const bool active = row < 0 || p->model->codes().at(row).active;
        p->active->setText(active ? tr("&Deactivate") : tr("Ac&tivate"));
        p->active->setToolTip(active ? tr("Stop offering this code to agents; past contacts keep it")
                                     : tr("Offer this code to agents again"));
        p->add->setEnabled(!m_busy);
    }
}

void ContactCodesPage::change(ContactCodeKind kind, std::function<ContactCode()> work,
                              std::function<void(const ContactCode &)> done)
{
    if (m_busy)
        return;
    m_busy = true;
    updateActions();
    Ui::runInBackground(
        m_db, this, std::move(work),
        [this, kind, done = std::move(done)](const ContactCode &code) {
            m_busy = false;
            done(code);
            reload(contactCodeKindKey(kind), code.id);
            emit changeFinished(true);
        },
        [this](const QString &error) {
            m_busy = false;
            m_messages->showError(error);
            reload();
            emit changeFinished(false);
        });
}

void ContactCodesPage::addCode(Pane &p)
{
    const QString label = p.newName->text().simplified();
    if (label.isEmpty()) {
        p.newNameMessage->setMessage(tr("Enter the name of the new code."));
        p.newName->setFocus(Qt::OtherFocusReason);
        return;
    }
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    const ContactCodeKind kind = p.kind;
    Pane *pp = &p;
    change(kind, [&codes, user, kind, label] { return codes.add(user, kind, label); },
           [this, pp, kind](const ContactCode &added) {
               pp->newName->clear();
               m_messages->showMessage(Ui::MessageBar::Type::Information, tr("\"%1\" added.").arg(added.displayName()),
                                       tr("Und&o"), [this, kind, id = added.id] {
                                           ContactCodeService &codes = m_codes;
                                           const Core::UserContext user = m_user;
                                           change(kind, [&codes, user, id] {
                                                      ContactCode removed;
                                                      codes.remove(user, id);
                                                      return removed;
                                                  },
                                                  [](const ContactCode &) {});
                                       });
           });
}

void ContactCodesPage::rename(ContactCodeKind kind, const QString &id, const QString &label, bool offerUndo)
{
    const int row = pane(kind).model->rowOf(id);
    if (row < 0)
        return;
    const ContactCode before = pane(kind).model->codes().at(row);
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    change(kind, [&codes, user, id, label] { return codes.rename(user, id, label); },
           [this, kind, before, offerUndo](const ContactCode &after) {
               const QString text = tr("\"%1\" renamed to \"%2\".").arg(before.displayName(), after.displayName());
               if (!offerUndo) {
                   m_messages->showInformation(text);
                   return;
               }
               m_messages->showMessage(Ui::MessageBar::Type::Information, text, tr("Und&o"),
                                       [this, kind, before] { rename(kind, before.id, before.label, false); });
           });
}

void ContactCodesPage::toggleActive(ContactCodeKind kind, const QString &id, bool active, bool offerUndo)
{
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    change(kind, [&codes, user, id, active] { return codes.setActive(user, id, active); },
           [this, kind, active, offerUndo](const ContactCode &code) {
               const QString text = active ? tr("\"%1\" is offered to agents again.").arg(code.displayName())
                                           : tr("\"%1\" is no longer offered to agents; past contacts keep it.")
                                                 .arg(code.displayName());
               if (!offerUndo) {
                   m_messages->showInformation(text);
                   return;
               }
               m_messages->showMessage(Ui::MessageBar::Type::Information, text, tr("Und&o"),
                                       [this, kind, id = code.id, active] { toggleActive(kind, id, !active, false); });
           });
}

void ContactCodesPage::move(ContactCodeKind kind, const QString &id, ContactCodeService::Direction direction,
                            bool offerUndo)
{
    if (id.isEmpty())
        return;
    ContactCodeService &codes = m_codes;
    const Core::UserContext user = m_user;
    change(kind, [&codes, user, id, direction] { return codes.move(user, id, direction); },
           [this, kind, direction, offerUndo](const ContactCode &code) {
               if (!offerUndo) {
                   m_messages->dismiss();
                   return;
               }
               // The list itself shows the move; the bar only offers to take it back.
               const auto back = direction == ContactCodeService::Direction::Up ? ContactCodeService::Direction::Down
                                                                                : ContactCodeService::Direction::Up;
               m_messages->showMessage(Ui::MessageBar::Type::Information,
                                       direction == ContactCodeService::Direction::Up
                                           ? tr("\"%1\" moved up.").arg(code.displayName())
                                           : tr("\"%1\" moved down.").arg(code.displayName()),
                                       tr("Und&o"), [this, kind, id = code.id, back] { move(kind, id, back, false); });
           });
}

void ContactCodesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ContactCodesPage::retranslateUi()
{
    m_reasons->group->setTitle(tr("Reasons"));
    m_reasons->newName->setPlaceholderText(tr("Name of a new reason"));
    m_wrapUps->group->setTitle(tr("Wrap-up codes"));
    m_wrapUps->newName->setPlaceholderText(tr("Name of a new wrap-up code"));
    for (Pane *p : {m_reasons.get(), m_wrapUps.get()}) {
        p->up->setText(tr("Move &up"));
        p->down->setText(tr("Move do&wn"));
        p->rename->setText(tr("&Rename"));
        p->rename->setToolTip(tr("Rename the selected code (F2)"));
        p->add->setText(p->kind == ContactCodeKind::Reason ? tr("&Add reason") : tr("Add wrap-up &code"));
        p->model->retranslate();
    }
    updateActions();
}

} // namespace Ud::Accounts
