#include "version.h"

namespace Ud::Core {
QString versionString()
{
    return QStringLiteral(UD_VERSION);
}
} // namespace Ud::Core
