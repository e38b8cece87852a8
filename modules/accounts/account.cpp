#include "account.h"

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::Account)
};
} // namespace

QString paymentTypeKey(PaymentType value)
{
    return value == PaymentType::Prepaid ? QStringLiteral("prepaid") : QStringLiteral("postpaid");
}

std::optional<PaymentType> paymentTypeFromKey(const QString &key)
{
    if (key == QLatin1String("postpaid"))
        return PaymentType::Postpaid;
    if (key == QLatin1String("prepaid"))
        return PaymentType::Prepaid;
    return std::nullopt;
}

QString paymentTypeName(PaymentType value)
{
    return value == PaymentType::Prepaid ? Tr::tr("Prepaid") : Tr::tr("Postpaid");
}

QString accountStatusKey(AccountStatus value)
{
    switch (value) {
    case AccountStatus::Pending: return QStringLiteral("pending");
    case AccountStatus::Active: return QStringLiteral("active");
    case AccountStatus::Suspended: return QStringLiteral("suspended");
    case AccountStatus::Closed: return QStringLiteral("closed");
    }
    return {};
}

std::optional<AccountStatus> accountStatusFromKey(const QString &key)
{
    for (AccountStatus value : allAccountStatuses()) {
        if (accountStatusKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString accountStatusName(AccountStatus value)
{
    switch (value) {
    case AccountStatus::Pending: return Tr::tr("Pending");
    case AccountStatus::Active: return Tr::tr("Active");
    case AccountStatus::Suspended: return Tr::tr("Suspended");
    case AccountStatus::Closed: return Tr::tr("Closed");
    }
    return {};
}

QList<AccountStatus> allAccountStatuses()
{
    return {AccountStatus::Pending, AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed};
}

} // namespace Ud::Accounts
