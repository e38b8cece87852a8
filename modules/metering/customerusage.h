#pragma once

#include "readingstore.h"

#include <accounts/meter.h>
#include <accounts/premise.h>

#include <QDate>
#include <QList>
#include <QString>

namespace Ud::Core {
class Clock;
class Database;
class UserContext;
}

namespace Ud::Metering {

/// One meter of a customer with its recent daily use (import channel).
struct MeterUsage {
    QString meterId;
    QString serial;
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    int intervalMinutes = 0;
    QDate removedOn;                        ///< invalid while installed
    bool hasImport = false;                 ///< false: no consumption channel, `days` empty
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    QDate from;                             ///< first local day of the period
    QDate to;                               ///< last local day, inclusive
    QList<ReadingStore::DayTotal> days;     ///< stored days in the period, in date order
};

/// One premise of a customer and the meters there.
struct PremiseUsage {
    Accounts::Premise premise;              ///< empty id for meters on no premise of the customer
    QList<MeterUsage> meters;               ///< by serial
};

/// What the customer page shows of a customer's premises and meters: each premise with its
/// time zone, each meter with the daily totals of its last `Days` complete local days (the
/// premise's days, ending yesterday, or on the day of the meter's last reading when that is
/// earlier). Needs ViewCustomers; reads in one transaction.
class CustomerUsage
{
public:
    static constexpr int Days = 30;

    CustomerUsage(Core::Database &db, const Core::Clock &clock);

    /// The customer's premises in address order. Throws Core::Error.
    QList<PremiseUsage> ofCustomer(const Core::UserContext &user, const QString &customerId);

private:
    Core::Database &m_db;
    const Core::Clock &m_clock;
};

} // namespace Ud::Metering
