#include "premise.h"

#include <QStringList>

namespace Ud::Accounts {

QString Premise::singleLineAddress() const
{
    QStringList parts;
    for (const QString &part : {addressLine1, addressLine2}) {
        if (!part.trimmed().isEmpty())
            parts << part.trimmed();
    }
    const QString place = QStringList{city.trimmed(), postcode.trimmed()}.join(QLatin1Char(' ')).trimmed();
    if (!place.isEmpty())
        parts << place;
    return parts.join(QStringLiteral(", "));
}

} // namespace Ud::Accounts
