#include "accountssettings.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSettings>

namespace Ud::Accounts {

namespace {
const QString SitePrefixKey = QStringLiteral("site/prefix");
const QString OpenCustomersKey = QStringLiteral("workspace/openCustomers");

QSettings settings()
{
    return QSettings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk"));
}
} // namespace

QString AccountsSettings::sitePrefix()
{
    const QString value = settings().value(SitePrefixKey).toString();
    // A hand-edited, unusable value must not produce malformed numbers: fall back.
    return isValidSitePrefix(value) ? value : QString::fromLatin1(DefaultSitePrefix);
}

void AccountsSettings::setSitePrefix(const QString &prefix)
{
    if (!isValidSitePrefix(prefix)) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          QCoreApplication::translate("Ud::Accounts::AccountsSettings",
                                                      "Site prefix must be one to six capital letters A-Z, "
                                                      "for example UD."));
    }
    settings().setValue(SitePrefixKey, prefix);
}

bool AccountsSettings::isValidSitePrefix(const QString &prefix)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z]{1,6}$"));
    return pattern.match(prefix).hasMatch();
}

QStringList AccountsSettings::openCustomerTabs()
{
    return settings().value(OpenCustomersKey).toStringList();
}

void AccountsSettings::setOpenCustomerTabs(const QStringList &customerIds)
{
    if (customerIds.isEmpty())
        settings().remove(OpenCustomersKey);
    else
        settings().setValue(OpenCustomersKey, customerIds);
}

} // namespace Ud::Accounts
