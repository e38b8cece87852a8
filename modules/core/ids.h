#pragma once

#include <QString>
#include <QUuid>

namespace Ud::Core {
/// A new random (v4) UUID as lower-case text without braces: the key of every business row.
inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace Ud::Core
