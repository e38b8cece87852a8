#include "adminuimodule.h"

#include "auditpage.h"
#include "pageregistry.h"
#include "userspage.h"

namespace Ud::Ui {

AdminUiModule::AdminUiModule(Core::Context &context, JobTracker &jobs) : m_context(context), m_jobs(jobs) {}

void AdminUiModule::initialize(PageRegistry &pages, const Core::UserContext &user)
{
    Page users;
    users.id = QLatin1String(UsersPageId);
    users.order = 80;
    users.title = [] { return tr("Users"); };
    users.icon = QStringLiteral(":/icons/users.svg");
    users.permission = Core::Permission::ManageUsers;
    users.create = [this, user](QWidget *parent) { return new UsersPage(m_context, user, parent); };
    pages.add(std::move(users));

    Page audit;
    audit.id = QLatin1String(AuditPageId);
    audit.order = 90;
    audit.title = [] { return tr("Audit log"); };
    audit.icon = QStringLiteral(":/icons/audit.svg");
    audit.permission = Core::Permission::ViewAuditLog;
    audit.create = [this, user](QWidget *parent) { return new AuditPage(m_context, m_jobs, user, parent); };
    pages.add(std::move(audit));
}

} // namespace Ud::Ui
