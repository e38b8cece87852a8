#pragma once

#include <QString>

namespace Ud::Core {
/// The program's version, e.g. "0.1.0".
QString versionString();
}
