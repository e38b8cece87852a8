#include "importerror.h"

#include <QCoreApplication>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ImportError)
};

QString compose(const QString &file, const QString &where, const QString &reason)
{
    if (where.isEmpty())
        return Tr::tr("%1: %2").arg(file, reason);
    return Tr::tr("%1, %2: %3").arg(file, where, reason);
}
} // namespace

ImportError::ImportError(const QString &file, const QString &where, const QString &reason)
    : Core::Error(Kind::BadInput, compose(file, where, reason)), m_file(file), m_where(where), m_reason(reason)
{
}

} // namespace Ud::Metering
