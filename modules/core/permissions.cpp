#include "permissions.h"

#include <QCoreApplication>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::Permissions)
};
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
    case Role::Agent: return Tr::tr("Agent");
    case Role::BusinessUser: return Tr::tr("Business user");
    case Role::FieldOfficer: return Tr::tr("Field officer");
    case Role::Supervisor: return Tr::tr("Supervisor");
    case Role::Admin: return Tr::tr("Administrator");
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
    case Permission::ViewCustomers: return Tr::tr("view customers");
    case Permission::EditCustomers: return Tr::tr("edit customers");
    case Permission::ViewSensitiveData: return Tr::tr("view sensitive customer data");
    case Permission::LogInteractions: return Tr::tr("log customer contacts");
    case Permission::ManageCatalog: return Tr::tr("manage the program catalog");
    case Permission::ManageSegments: return Tr::tr("manage customer segments");
    case Permission::ImportMeterData: return Tr::tr("import meter data");
    case Permission::ManageUsers: return Tr::tr("manage users");
    case Permission::ViewAuditLog: return Tr::tr("view the audit log");
    case Permission::ChangeSettings: return Tr::tr("change settings");
    case Permission::GenerateDemoData: return Tr::tr("generate demo data");
    case Permission::MigrateDatabase: return Tr::tr("upgrade the database schema");
    case Permission::TakePayments: return Tr::tr("take payments and top-ups");
    case Permission::RunBilling: return Tr::tr("run billing");
    }
    return {};
}

QList<Permission> allPermissions()
{
    return {Permission::ViewCustomers,  Permission::EditCustomers,  Permission::ViewSensitiveData,
            Permission::LogInteractions, Permission::ManageCatalog, Permission::ManageSegments,
            Permission::ImportMeterData, Permission::ManageUsers,   Permission::ViewAuditLog,
            Permission::ChangeSettings,  Permission::GenerateDemoData, Permission::MigrateDatabase,
            Permission::TakePayments,    Permission::RunBilling};
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
        return p == P::ViewCustomers || p == P::EditCustomers || p == P::LogInteractions
               || p == P::TakePayments;
    case Role::BusinessUser:
        return p == P::ViewCustomers || p == P::ManageCatalog || p == P::ManageSegments;
    case Role::FieldOfficer:
        return p == P::ViewCustomers || p == P::EditCustomers || p == P::LogInteractions
               || p == P::ImportMeterData;
    }
    return false;
}

} // namespace Ud::Core
