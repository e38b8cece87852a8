#include "contactui.h"

#include "contactcodespage.h"
#include "identitypanel.h"
#include "wrapuppanel.h"

#include <accounts/accountsmodule.h>
#include <accounts/contactcodes.h>
#include <accounts/identityservice.h>
#include <accounts/interactionservice.h>
#include <core/module.h>
#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>

namespace Ud::Accounts {

void registerContactUi(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user)
{
    AccountsModule *m = &module;

    Ui::CustomerAction verify;
    verify.id = QStringLiteral("verify_identity");
    verify.order = 10;
    verify.text = [] { return IdentityPanel::tr("&Verify identity…"); };
    verify.shortcut = QKeySequence(Qt::CTRL | Qt::Key_K);
    verify.permission = Core::Permission::LogInteractions;
    verify.needsVerifiedIdentity = false;
    verify.trigger = [m, user](Ui::CustomerView &view) {
        view.openSidePanel(QStringLiteral("identity"), IdentityPanel::tr("Verify identity"),
                           new IdentityPanel(m->identity(), m->context().database, user, view));
    };
    pages.addCustomerAction(std::move(verify));

    Ui::CustomerAction wrapUp;
    wrapUp.id = QStringLiteral("log_contact");
    wrapUp.order = 900;
    wrapUp.text = [] { return WrapUpPanel::tr("&Log contact…"); };
    wrapUp.shortcut = QKeySequence(Qt::CTRL | Qt::Key_L);
    wrapUp.permission = Core::Permission::LogInteractions;
    wrapUp.needsVerifiedIdentity = false;
    wrapUp.trigger = [m, user](Ui::CustomerView &view) {
        QWidget *shown = view.openSidePanel(
            QStringLiteral("wrap_up"), WrapUpPanel::tr("Wrap-up"),
            new WrapUpPanel(m->interactions(), m->contactCodes(), m->context().database, user, view));
        // A wrap-up already open is brought forward: it takes in what was done since.
        if (auto *panel = qobject_cast<WrapUpPanel *>(shown))
            panel->refreshFromContact();
    };
    pages.addCustomerAction(std::move(wrapUp));

    Ui::Page page;
    page.id = QStringLiteral("contact_codes");
    page.order = 85;
    page.title = [] { return ContactCodesPage::tr("Contact codes"); };
    page.icon = QStringLiteral(":/icons/settings.svg");
    page.permission = Core::Permission::ChangeSettings;
    page.create = [m, user](QWidget *parent) -> QWidget * {
        return new ContactCodesPage(m->contactCodes(), m->context().database, user, parent);
    };
    pages.add(std::move(page));
}

} // namespace Ud::Accounts
