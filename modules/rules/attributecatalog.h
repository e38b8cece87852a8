#pragma once

#include <rules/attributeregistry.h>

#include <QDate>
#include <QList>
#include <QString>

#include <functional>

namespace Ud::Rules {

/// Where every module puts the attributes rules may test, once, when it initialises: each adds
/// a provider that fills a registry for a given day (age bands and "last 12 months" move with
/// the day). Segments, eligibility and alerts build the registry they need from it. The
/// accounts module owns the catalog (it is the first module that has attributes); modules
/// above it add their providers in initialize().
class AttributeCatalog
{
public:
    using Provider = std::function<void(AttributeRegistry &registry, const QDate &today)>;

    /// `module` names the provider in a conflict message ("usage", "billing").
    void addProvider(const QString &module, Provider provider);

    /// A registry with every provider's attributes as of `today`. Throws Core::Error(Conflict)
    /// naming both modules when two register the same name.
    AttributeRegistry registry(const QDate &today) const;

    QStringList modules() const;

private:
    struct Entry {
        QString module;
        Provider provider;
    };
    QList<Entry> m_providers;
};

} // namespace Ud::Rules
