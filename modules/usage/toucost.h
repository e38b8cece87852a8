#pragma once

#include "usageseries.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
class FieldCipher;
class UserContext;
}

namespace Ud::Usage {

/// One day or month of a cost view: the energy charge of each time-of-use band (as the bill
/// calculation prices it), and what else the bill of that span holds.
struct TouCostBucket {
    QDate from;
    QDate to;
    QList<qint64> bandMinor;   ///< per TouCost::bands, minor units
    QList<qint64> bandWh;      ///< per TouCost::bands
    qint64 otherMinor = 0;     ///< standing charge, levies, demand: the net charges that are not energy
    qint64 vatMinor = 0;
    qint64 totalMinor = 0;
    qint64 estimatedWh = 0;
    bool priced = false;       ///< false: no tariff could price it (see TouCost::notes)

    qint64 energyMinor() const;
};

/// The cost of a premise's electricity over local days, split by time-of-use band per day (up
/// to MaxDays days) or per month.
struct TouCost {
    QString accountNumber;     ///< empty when no account is at the premise
    QString currency;
    QStringList tariffCodes;   ///< the tariffs that priced the period, in order
    Resolution resolution = Resolution::Day; ///< Day or Month
    QStringList bands;         ///< band names in order of first appearance ("night", "day"; a flat rate's is "")
    QList<TouCostBucket> buckets;
    QStringList notes;         ///< one sentence per span that could not be priced, and why

    qint64 totalMinor() const;
};

/// Prices a premise's interval data by time-of-use band with the bill calculation
/// (Billing::BillCalculator over Billing::BillingData: the account's tariff assignments, taxes
/// and readings), one bill per day or month, each split where the account changes tariff. A
/// day's band figures are rounded per day as a bill of that day would be, so their sum may
/// differ from a monthly bill by a few minor units. Needs ViewCustomers and applies the
/// region rule as UsageChartService does; reads in one read transaction.
class TouCostService
{
public:
    static constexpr int MaxDays = 62;

    TouCostService(Core::Database &db, const Core::FieldCipher &cipher);

    /// Throws Core::Error: Denied (permission or region), NotFound for an unknown customer or
    /// premise, BadInput for invalid or reversed dates.
    TouCost cost(const Core::UserContext &user, const QString &customerId, const QString &premiseId, const QDate &from,
                 const QDate &to);

private:
    Core::Database &m_db;
    const Core::FieldCipher &m_cipher;
};

} // namespace Ud::Usage
