#pragma once

#include <QString>
#include <QStringList>

namespace Ud::Accounts {

/// The accounts module's settings, each declared once with its key and default.
/// Backed by QSettings (organisation and application "UtilityDesk", like Core::Settings).
class AccountsSettings
{
public:
    static constexpr const char *DefaultSitePrefix = "UD";

    /// Prefix of the account and customer numbers this site hands out ("site/prefix",
    /// default "UD"): one to six upper-case letters A-Z. Every site of one utility must use
    /// its own prefix so numbers made offline never collide.
    static QString sitePrefix();
    /// Throws Core::Error(BadInput) naming the setting if `prefix` is not valid.
    static void setSitePrefix(const QString &prefix);
    static bool isValidSitePrefix(const QString &prefix);

    /// Ids of the customers open as tabs of the customer workspace, left to right
    /// ("workspace/openCustomers", default none), so the next start opens them again.
    static QStringList openCustomerTabs();
    static void setOpenCustomerTabs(const QStringList &customerIds);
};

} // namespace Ud::Accounts
