#include "bill.h"

#include <QCoreApplication>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillRun)
};

struct KindKey {
    LineKind kind;
    const char *key;
};
constexpr KindKey KindKeys[] = {{LineKind::Standing, "standing"}, {LineKind::Energy, "energy"},
                                {LineKind::Demand, "demand"},     {LineKind::Package, "package"},
                                {LineKind::Allowance, "allowance"}, {LineKind::Levy, "levy"},
                                {LineKind::Vat, "vat"}};
} // namespace

QString lineKindKey(LineKind kind)
{
    for (const KindKey &k : KindKeys) {
        if (k.kind == kind)
            return QLatin1String(k.key);
    }
    return {};
}

std::optional<LineKind> lineKindFromKey(const QString &key)
{
    for (const KindKey &k : KindKeys) {
        if (key == QLatin1String(k.key))
            return k.kind;
    }
    return std::nullopt;
}

QString levyBasisKey(LevyBasis basis)
{
    switch (basis) {
    case LevyBasis::PerKwh: return QStringLiteral("per_kwh");
    case LevyBasis::PerDay: return QStringLiteral("per_day");
    case LevyBasis::PercentOfEnergy: return QStringLiteral("percent_of_energy");
    }
    return {};
}

std::optional<LevyBasis> levyBasisFromKey(const QString &key)
{
    for (LevyBasis b : {LevyBasis::PerKwh, LevyBasis::PerDay, LevyBasis::PercentOfEnergy}) {
        if (levyBasisKey(b) == key)
            return b;
    }
    return std::nullopt;
}

QString billStatusKey(BillStatus status)
{
    return status == BillStatus::Void ? QStringLiteral("void") : QStringLiteral("issued");
}

std::optional<BillStatus> billStatusFromKey(const QString &key)
{
    if (key == QLatin1String("issued"))
        return BillStatus::Issued;
    if (key == QLatin1String("void"))
        return BillStatus::Void;
    return std::nullopt;
}

Bill Bill::fromResult(const BillResult &result)
{
    Bill bill;
    bill.tariffId = result.tariffId;
    bill.tariffCode = result.tariffCode;
    bill.currency = result.currency;
    bill.from = result.from;
    bill.to = result.to;
    bill.netMinor = result.netMinor;
    bill.vatMinor = result.vatMinor;
    bill.totalMinor = result.totalMinor;
    bill.consumptionWh = result.consumptionWh;
    bill.estimatedWh = result.estimatedWh;
    bill.missingIntervals = result.missingIntervals;
    bill.expectedIntervals = result.expectedIntervals;
    bill.lines = result.lines;
    return bill;
}

QString billRunStatusKey(BillRunStatus status)
{
    switch (status) {
    case BillRunStatus::Running: return QStringLiteral("running");
    case BillRunStatus::Finished: return QStringLiteral("finished");
    case BillRunStatus::Cancelled: return QStringLiteral("cancelled");
    case BillRunStatus::Failed: return QStringLiteral("failed");
    }
    return {};
}

std::optional<BillRunStatus> billRunStatusFromKey(const QString &key)
{
    for (BillRunStatus s : {BillRunStatus::Running, BillRunStatus::Finished, BillRunStatus::Cancelled, BillRunStatus::Failed}) {
        if (billRunStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString billRunStatusName(BillRunStatus status)
{
    switch (status) {
    case BillRunStatus::Running: return Tr::tr("running");
    case BillRunStatus::Finished: return Tr::tr("finished");
    case BillRunStatus::Cancelled: return Tr::tr("cancelled");
    case BillRunStatus::Failed: return Tr::tr("failed");
    }
    return {};
}

} // namespace Ud::Billing
