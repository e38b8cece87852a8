#pragma once

#include "billingdata.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Billing {

/// SQL of billing that BillingData (reading for a calculation) does not cover: tariff
/// assignments written, a customer's accounts, the interval channels of an account. On the
/// calling thread's connection inside the caller's Transaction; values always bound.
class BillingRepository
{
public:
    struct Channel {
        QString channelId;
        int intervalMinutes = 0;
    };
    struct CustomerRef {
        QString id;
        QString number;
        QString name;
    };

    explicit BillingRepository(Core::Database &db);

    /// By id or customer number.
    std::optional<CustomerRef> customer(const QString &idOrNumber);
    /// Account ids of the customer, by account number.
    QStringList accountsOfCustomer(const QString &customerId);
    /// Electricity import channels of the supply points billed to the account or at its premise.
    QList<Channel> importChannels(const QString &accountId, const QString &premiseId);

    void insertAssignment(const QString &accountId, const QString &tariffId, const QDate &from, qint64 now);
    /// Ends the account's assignment that starts on `from` on `to`.
    void endAssignment(const QString &accountId, const QDate &from, const QDate &to);

private:
    Core::Database &m_db;
};

} // namespace Ud::Billing
