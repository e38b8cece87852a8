#pragma once

#include <QString>

namespace Ud::Core {

class AuditLog;
class Clock;
class Database;
class EventBus;
class FieldCipher;
class UserService;

/// What the composition root hands every module: the shared services. Modules keep
/// references; nothing here is a singleton.
struct Context {
    Database &database;
    const Clock &clock;
    AuditLog &audit;
    const FieldCipher &cipher;
    EventBus &events;
    UserService &users;
};

/// A module's life cycle, called by the application in dependency order:
/// initialize() for every module, then extensionsInitialized() for every module (registries
/// are complete by then), and aboutToShutdown() in reverse order before the services go.
class Module
{
public:
    virtual ~Module() = default;
    virtual QString name() const = 0;
    virtual void initialize(Context &context) = 0;
    virtual void extensionsInitialized() {}
    virtual void aboutToShutdown() {}
};

} // namespace Ud::Core
