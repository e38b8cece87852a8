#include "attributeregistry.h"

#include <core/error.h>

#include <QCoreApplication>

#include <algorithm>
#include <vector>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::AttributeRegistry)
};

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

void AttributeRegistry::addAttribute(AttributeDefinition definition)
{
    if (attribute(definition.name) || hasKind(definition.name)) {
        throw Core::Error(Core::Error::Kind::Conflict,
                          Tr::tr("The rule attribute \"%1\" is registered twice.").arg(definition.name));
    }
    m_attributes.append(std::move(definition));
}

void AttributeRegistry::addHasKind(HasKind kind)
{
    if (attribute(kind.name) || hasKind(kind.name)) {
        throw Core::Error(Core::Error::Kind::Conflict,
                          Tr::tr("The rule attribute \"%1\" is registered twice.").arg(kind.name));
    }
    m_hasKinds.append(std::move(kind));
}

const AttributeDefinition *AttributeRegistry::attribute(const QString &name) const
{
    for (const AttributeDefinition &d : m_attributes) {
        if (d.name.compare(name, Qt::CaseInsensitive) == 0)
            return &d;
    }
    return nullptr;
}

const HasKind *AttributeRegistry::hasKind(const QString &name) const
{
    for (const HasKind &k : m_hasKinds) {
        if (k.name.compare(name, Qt::CaseInsensitive) == 0)
            return &k;
    }
    return nullptr;
}

QString AttributeRegistry::closestAttribute(const QString &name) const
{
    const QString wanted = name.toLower();
    QString best;
    int bestDistance = 0;
    for (const AttributeDefinition &d : m_attributes) {
        const int distance = editDistance(wanted, d.name.toLower());
        if (best.isEmpty() || distance < bestDistance) {
            best = d.name;
            bestDistance = distance;
        }
    }
    // A suggestion that changes more than a third of the word is a guess, not a spelling fix.
    if (best.isEmpty() || bestDistance > std::max<qsizetype>(2, wanted.size() / 3))
        return {};
    return best;
}

} // namespace Ud::Rules
