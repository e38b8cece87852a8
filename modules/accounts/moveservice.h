#pragma once

#include "account.h"
#include "accountrepository.h"
#include "meter.h"
#include "moverepository.h"
#include "premise.h"
#include "premiserepository.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

class DeferredEvents;

/// A premise found by its address for a move, and whether someone is supplied there now.
struct PremiseMatch {
    Premise premise;          ///< id, address lines, city, postcode, country and time zone
    QString occupiedBy;       ///< account number of the open account there; empty when vacant
};

/// What a move-out, move-in or move changed.
struct MoveOutcome {
    Account closed;                     ///< the account left (invalid id for a move-in alone)
    Account opened;                     ///< the new account (invalid id for a move-out alone)
    Premise premise;                    ///< where the new account is
    QList<ServicePoint> released;       ///< taken off the closed account
    QList<ServicePoint> attached;       ///< billed to the new account
};

/// Moving home. A move-out ends the supply at a premise: the account is closed on the day of
/// its final meter reading and its service points are released, so the next occupant's
/// account can take them. A move-in opens an account at a premise and bills the premise's free
/// service points to it; a premise still supplied to an open account is refused (Conflict
/// naming that account). A move does both in one transaction. Moving in on the day of the
/// final reading, or before it (people overlap between homes), is allowed; a new account never
/// starts before the previous occupant's final reading at that premise. Dates may lie at most
/// RegistrationService::MaxDaysAhead days ahead. Requires EditCustomers; audited; "account.updated",
/// "account.opened" and "customer.updated" are announced after the commit.
class MoveService
{
public:
    MoveService(Core::Context &context, QString sitePrefix);

    /// Today as the services count it (UTC, from the context's clock).
    QDate today() const;

    MoveOutcome moveOut(const Core::UserContext &user, const QString &accountId, const QDate &finalReadingDate);
    /// An invalid `startDate` means today.
    MoveOutcome moveIn(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                       const QString &marketCode, PaymentType paymentType, const QDate &startDate);
    /// Moves the customer of `fromAccountId` to `toPremise`: an existing premise when its id is
    /// set, else a new one, checked and normalised with the market rules of its country. The
    /// new account is in the old account's market if it serves that country, else in the
    /// country's market.
    MoveOutcome move(const Core::UserContext &user, const QString &fromAccountId, const QDate &finalReadingDate,
                     const Premise &toPremise, const QDate &startDate, PaymentType paymentType);

    /// Premises whose address holds every word of `text` (or whose postcode starts with it,
    /// spaces ignored), at most `limit`. Requires ViewCustomers.
    QList<PremiseMatch> findPremises(const Core::UserContext &user, const QString &text, int limit = 20);

private:
    MoveOutcome closeAccount(const Core::UserContext &user, const QString &accountId, const QDate &finalReadingDate,
                             DeferredEvents &events);
    MoveOutcome openAt(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                       const QString &marketCode, PaymentType paymentType, const QDate &startDate,
                       DeferredEvents &events);
    Premise newPremise(const Core::UserContext &user, Premise premise, DeferredEvents &events);

    Core::Context &m_context;
    QString m_sitePrefix;
    AccountRepository m_accounts;
    PremiseRepository m_premises;
    MoveRepository m_moves;
};

} // namespace Ud::Accounts
