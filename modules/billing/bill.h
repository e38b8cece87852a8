#pragma once

#include "billcalculation.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Billing {

/// The stored key of a line kind ("standing", "energy", "vat", ...).
QString lineKindKey(LineKind kind);
std::optional<LineKind> lineKindFromKey(const QString &key);

/// The stored key of a levy basis ("per_kwh", "per_day", "percent_of_energy").
QString levyBasisKey(LevyBasis basis);
std::optional<LevyBasis> levyBasisFromKey(const QString &key);

enum class BillStatus { Issued, Void };
QString billStatusKey(BillStatus status);                      ///< "issued"
std::optional<BillStatus> billStatusFromKey(const QString &key);

/// A bill as issued and stored (bills, bill_lines): the figures of the BillResult it was made
/// from, its number, when it was issued and is due, and the customer's language at the time,
/// which its document is rendered in. `lines` are loaded only when one bill is asked for.
struct Bill {
    QString id;
    QString number;
    QString accountId;
    QString accountNumber;
    QDate from;
    QDate to;
    QString tariffId;
    QString tariffCode;
    QString currency;
    qint64 netMinor = 0;
    qint64 vatMinor = 0;
    qint64 totalMinor = 0;
    qint64 consumptionWh = 0;
    qint64 estimatedWh = 0;
    qint64 missingIntervals = 0;
    qint64 expectedIntervals = 0;
    qint64 issuedAt = 0;          ///< UTC epoch seconds
    QDate dueOn;
    QString language;             ///< "en", "es", "zh_CN"
    QString runId;                ///< the bill run that issued it; empty when issued on its own
    BillStatus status = BillStatus::Issued;
    QList<BillLine> lines;

    /// Whether some of the consumption was estimated or intervals had no reading.
    bool hasEstimates() const { return estimatedWh > 0 || missingIntervals > 0; }
    /// The figures and lines of `result`; number, account, dates and ids are left to the caller.
    static Bill fromResult(const BillResult &result);
};

enum class BillRunStatus { Running, Finished, Cancelled, Failed };
QString billRunStatusKey(BillRunStatus status);                ///< "running"
std::optional<BillRunStatus> billRunStatusFromKey(const QString &key);
QString billRunStatusName(BillRunStatus status);               ///< translated

/// One bill run (bill_runs) and its counts as committed so far.
struct BillRunRecord {
    QString id;
    QDate from;
    QDate to;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;        ///< 0 while running
    BillRunStatus status = BillRunStatus::Running;
    qint64 accounts = 0;          ///< accounts due a bill for the period when the run started
    qint64 billed = 0;
    qint64 skipped = 0;           ///< already billed for a day of the period
    qint64 failed = 0;
    QString actor;
    QString message;              ///< why a failed run stopped
};

/// An account a bill run could not bill, and why (a translated sentence).
struct BillRunFailure {
    QString runId;
    QString accountId;
    QString accountNumber;
    QString reason;
};

} // namespace Ud::Billing
