#pragma once

#include "meter.h"
#include "premise.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for moving home: who occupies a premise, closing an account with its final reading,
/// and handing the premise's service points from one account to the next. On the calling
/// thread's connection inside the caller's Transaction.
class MoveRepository
{
public:
    struct Occupant {
        QString accountId;
        QString accountNumber;
    };
    struct PremiseRow {
        Premise premise;
        QString occupiedBy;   ///< number of the oldest open account there; empty when vacant
    };

    explicit MoveRepository(Core::Database &db);

    /// Accounts at the premise that are not closed, oldest first.
    QList<Occupant> occupants(const QString &premiseId);
    /// The latest final reading (or closing) date of a closed account at the premise; invalid if none.
    QDate lastFinalReading(const QString &premiseId);
    /// Sets the account closed on `date` with its final reading on the same day.
    void close(const QString &accountId, const QDate &date);

    QList<ServicePoint> servicePointsOfAccount(const QString &accountId);
    /// Service points at the premise not billed to an open account.
    QList<ServicePoint> freeServicePoints(const QString &premiseId);
    /// Sets the account a service point is billed to; empty releases it.
    void setServicePointAccount(const QString &servicePointId, const QString &accountId);

    /// Premises whose address (lines, city, postcode) holds every word of `text`, letter case
    /// ignored; a postcode may be typed without its space. By postcode and address.
    QList<PremiseRow> findPremises(const QString &text, int limit);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
