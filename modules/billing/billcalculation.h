#pragma once

#include "tariff.h"

#include <metering/readingstore.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Ud::Billing {

// The shared contract of the bill calculation (issue 5). The calculation is pure: it reads no
// database and no clock, so golden files, the bill run, rate comparison, the prepaid ledger and
// the tariff editor's test-calculate all give the same figures for the same input.

/// VAT of a market and customer class from a local day on (basis points: 2000 = 20 %).
struct VatRate {
    QDate from;
    int rateBp = 0;
    friend bool operator==(const VatRate &, const VatRate &) = default;
};

/// How a levy is charged: per kWh, per day of the period, or a share of the energy charges.
enum class LevyBasis { PerKwh, PerDay, PercentOfEnergy };

/// A levy of a market and customer class, effective-dated (both days inclusive).
struct Levy {
    QString code;
    QString name;
    LevyBasis basis = LevyBasis::PerKwh;
    qint64 rate = 0;          ///< micros per kWh or per day; basis points for PercentOfEnergy
    QDate from;
    std::optional<QDate> to;
    /// PercentOfEnergy to a millionth of a basis point (Spain's 5.11269632 % is 511 269 632),
    /// which whole basis points cannot hold; used instead of `rate` when not 0.
    qint64 rateMicroBp = 0;
    friend bool operator==(const Levy &, const Levy &) = default;
};

/// The taxes that apply to one market and customer class.
struct TaxSchedule {
    QList<VatRate> vat;       ///< ascending by `from`
    QList<Levy> levies;
    /// The VAT rate in force on `day` (0 before the first rate).
    int vatRateOn(const QDate &day) const;
};

/// The consumption to bill: the account's electricity import readings (Wh), one per interval,
/// in time order, in the premise's zone. Missing intervals are simply absent.
struct MeteredUsage {
    QTimeZone zone;
    int intervalMinutes = 30;
    QList<Metering::ReadingStore::Reading> readings;
};

enum class LineKind { Standing, Energy, Demand, Package, Allowance, Levy, Vat };

/// One line of a bill. Amounts are rounded to the currency's minor units once per line, half
/// away from zero; the totals are sums of lines.
struct BillLine {
    LineKind kind = LineKind::Energy;
    QString label;              ///< the band, block or levy name; empty for standing charge and VAT
    QDate from;                 ///< local days the line covers (a tariff version change splits lines)
    QDate to;
    qint64 quantity = 0;        ///< Wh for energy, days for standing charge, W for demand; net minor units for VAT
    qint64 unitPrice = 0;       ///< micros per kWh, per day or per kW; basis points for VAT; millionths of a basis point for a percentage levy (quantity: its base in net minor units)
    qint64 amountMinor = 0;
    qint64 estimatedWh = 0;     ///< part of an energy quantity read from estimated or edited intervals
    /// For a Levy line, what its quantity and unit price are: Wh and micros per kWh, days and
    /// micros per day, or net minor units and millionths of a basis point.
    LevyBasis levyBasis = LevyBasis::PerKwh;
    friend bool operator==(const BillLine &, const BillLine &) = default;
};

/// What is carried from one prepaid day to the next: unused allowance up to the cap.
struct AllowanceState {
    qint64 carriedWh = 0;
};

/// A calculated bill of local days [from, to].
struct BillResult {
    QString tariffId;
    QString tariffCode;
    QString currency;
    QDate from;
    QDate to;
    QList<BillLine> lines;
    qint64 netMinor = 0;          ///< all lines but VAT
    qint64 vatMinor = 0;
    qint64 totalMinor = 0;
    qint64 consumptionWh = 0;
    qint64 estimatedWh = 0;       ///< of consumptionWh, from estimated or edited readings
    qint64 expectedIntervals = 0; ///< intervals in the period (23- and 25-hour days counted truly)
    qint64 missingIntervals = 0;  ///< of those, without a reading (billed as nothing)
    qint64 peakDemandW = 0;
    qint64 overAllowanceWh = 0;   ///< prepaid: energy beyond the allowance; package: beyond the included units
};

/// Computes bills from interval data. Throws Core::Error(BadInput) naming the first day no
/// tariff version covers, or a usage interval length that does not divide the day.
class BillCalculator
{
public:
    /// The bill of `usage` over the local days [from, to] under `tariff` and `taxes`. For a
    /// prepaid allowance, `allowance` (if given) is the carried-over allowance before `from`
    /// and is updated to what is carried after `to`.
    static BillResult calculate(const Tariff &tariff, const TaxSchedule &taxes, const MeteredUsage &usage,
                                const QDate &from, const QDate &to, AllowanceState *allowance = nullptr);
};

} // namespace Ud::Billing
