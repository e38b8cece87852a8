#pragma once

#include "permissions.h"

#include <QString>

namespace Ud::Core {

/// Who is acting: the signed-in user, or the operating-system user for command-line
/// operations. Every service operation takes one, checks a permission with require(), and
/// names it in the audit entry.
class UserContext
{
public:
    UserContext(QString userId, QString userName, Role role, QString region = {})
        : m_userId(std::move(userId)), m_userName(std::move(userName)), m_role(role), m_region(std::move(region)) {}

    /// The operating-system account running a command-line operation (audited as
    /// "os:<login>"). It holds the administrator's permissions: whoever can run the program
    /// on the database file or server already controls the data.
    static UserContext operatingSystemUser();

    QString userId() const { return m_userId; }   ///< empty for the OS user
    QString userName() const { return m_userName; }
    Role role() const { return m_role; }
    bool isOperatingSystemUser() const { return m_userId.isEmpty(); }
    /// The region the user works in (premises.region), from the user record; empty for none.
    QString region() const { return m_region; }
    /// Field officers see only the customers of their region (see Accounts::RegionAccess).
    bool limitedToRegion() const { return m_role == Role::FieldOfficer; }

    bool can(Permission permission) const { return roleHas(m_role, permission); }
    /// Throws Error(Denied) with a sentence naming the user and what they may not do.
    void require(Permission permission) const;

private:
    QString m_userId;
    QString m_userName;
    Role m_role;
    QString m_region;
};

} // namespace Ud::Core
