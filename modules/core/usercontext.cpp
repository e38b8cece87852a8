#include "usercontext.h"

#include "error.h"

#include <QCoreApplication>

namespace Ud::Core {

UserContext UserContext::operatingSystemUser()
{
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty())
        login = qEnvironmentVariable("LOGNAME");
    if (login.isEmpty())
        login = QStringLiteral("unknown");
    return UserContext(QString(), QStringLiteral("os:") + login, Role::Admin);
}

void UserContext::require(Permission permission) const
{
    if (!can(permission)) {
        throw Error(Error::Kind::Denied,
                    QCoreApplication::translate("Ud::Core::UserContext", "%1 (%2) may not %3.")
                        .arg(m_userName, roleDisplayName(m_role), permissionDisplayName(permission)));
    }
}

} // namespace Ud::Core
