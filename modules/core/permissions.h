#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {

enum class Role { Agent, BusinessUser, FieldOfficer, Supervisor, Admin };

/// Everything a service may check. One matrix (roleHas) maps roles onto these.
enum class Permission {
    ViewCustomers,
    EditCustomers,
    ViewSensitiveData,   ///< decrypted national id, bank account, card number
    LogInteractions,
    ManageCatalog,
    ManageSegments,
    ImportMeterData,
    ManageUsers,
    ViewAuditLog,
    ChangeSettings,
    GenerateDemoData,
    MigrateDatabase,
    TakePayments,        ///< top-ups, payments, emergency credit, blocked cards
    RunBilling,          ///< bill runs, posting prepaid charges, tariff assignment
};

QString roleKey(Role role);                          ///< "business_user"
std::optional<Role> roleFromKey(const QString &key);
QString roleDisplayName(Role role);                  ///< translated
QList<Role> allRoles();
QString permissionDisplayName(Permission permission); ///< translated, a verb phrase
QList<Permission> allPermissions();

/// The permission matrix.
bool roleHas(Role role, Permission permission);

} // namespace Ud::Core
