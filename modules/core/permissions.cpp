#include "permissions.h"

#include <QCoreApplication>

namespace Ud::Core {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Ud::Core::Permissions", text);
}
} // namespace

QString roleKey(Role role)
{
    switch (role) {
    case Role::Agent: return QStringLiteral("agent");
    case Role::BusinessUser: return QStringLiteral("business_user");
    case Role::FieldOfficer: return QStringLiteral("field_officer");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromKey(const QString &key)
{
    for (Role role : allRoles()) {
        if (roleKey(role) == key)
            return role;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Agent: return tr("Agent");
    case Role::BusinessUser: return tr("Business user");
    case Role::FieldOfficer: return tr("Field officer");
    case Role::Supervisor: return tr("Supervisor");
    case Role::Admin: return tr("Administrator");
    }
    return {};
}

QList<Role> allRoles()
{
    return {Role::Agent, Role::BusinessUser, Role::FieldOfficer, Role::Supervisor, Role::Admin};
}

QString permissionDisplayName(Permission permission)
{
    switch (permission) {
    case Permission::ViewCustomers: return tr("view customers");
    case Permission::EditCustomers: return tr("edit customers");
    case Permission::ViewSensitiveData: return tr("view sensitive customer data");
    case Permission::LogInteractions: return tr("log customer contacts");
    case Permission::ManageCatalog: return tr("manage the program catalog");
    case Permission::ManageSegments: return tr("manage customer segments");
    case Permission::ImportMeterData: return tr("import meter data");
    case Permission::ManageUsers: return tr("manage users");
    case Permission::ViewAuditLog: return tr("view the audit log");
    case Permission::ChangeSettings: return tr("change settings");
    case Permission::GenerateDemoData: return tr("generate demo data");
    case Permission::MigrateDatabase: return tr("upgrade the database schema");
    }
    return {};
}

QList<Permission> allPermissions()
{
    return {Permission::ViewCustomers,  Permission::EditCustomers,  Permission::ViewSensitiveData,
            Permission::LogInteractions, Permission::ManageCatalog, Permission::ManageSegments,
            Permission::ImportMeterData, Permission::ManageUsers,   Permission::ViewAuditLog,
            Permission::ChangeSettings,  Permission::GenerateDemoData, Permission::MigrateDatabase};
}

bool roleHas(Role role, Permission p)
{
    using P = Permission;
    switch (role) {
    case Role::Admin:
        return true;
    case Role::Supervisor:
        return p != P::GenerateDemoData && p != P::MigrateDatabase && p != P::ManageUsers;
    case Role::Agent:
        return p == P::ViewCustomers || p == P::EditCustomers || p == P::LogInteractions;
    case Role::BusinessUser:
        return p == P::ViewCustomers || p == P::ManageCatalog || p == P::ManageSegments;
    case Role::FieldOfficer:
        return p == P::ViewCustomers || p == P::EditCustomers || p == P::LogInteractions
               || p == P::ImportMeterData;
    }
    return false;
}

} // namespace Ud::Core
