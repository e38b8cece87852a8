#include "attributecatalog.h"

#include <core/error.h>

#include <QCoreApplication>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::AttributeCatalog)
};

} // namespace

void AttributeCatalog::addProvider(const QString &module, Provider provider)
{
    m_providers.append({module, std::move(provider)});
}

AttributeRegistry AttributeCatalog::registry(const QDate &today) const
{
    AttributeRegistry registry;
    for (const Entry &entry : m_providers) {
        try {
            entry.provider(registry, today);
        } catch (const Core::Error &e) {
            if (e.kind() != Core::Error::Kind::Conflict)
                throw;
            throw Core::Error(Core::Error::Kind::Conflict,
                              Tr::tr("The %1 module registers a rule attribute that another module already has: %2")
                                  .arg(entry.module, e.message()));
        }
    }
    return registry;
}

QStringList AttributeCatalog::modules() const
{
    QStringList names;
    for (const Entry &entry : m_providers)
        names << entry.module;
    return names;
}

} // namespace Ud::Rules
