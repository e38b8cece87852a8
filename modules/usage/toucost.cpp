#include "toucost.h"

#include "usagechart.h"

#include <accounts/accountrepository.h>
#include <accounts/premiserepository.h>
#include <accounts/regionaccess.h>
#include <billing/billcalculation.h>
#include <billing/billingdata.h>
#include <core/error.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace Ud::Usage {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Usage::TouCostService)
};

using Core::Error;

QString iso(const QDate &d) { return d.toString(Qt::ISODate); }

} // namespace

qint64 TouCostBucket::energyMinor() const
{
    qint64 sum = 0;
    for (const qint64 v : bandMinor)
        sum += v;
    return sum;
}

qint64 TouCost::totalMinor() const
{
    qint64 sum = 0;
    for (const TouCostBucket &b : buckets)
        sum += b.totalMinor;
    return sum;
}

TouCostService::TouCostService(Core::Database &db, const Core::FieldCipher &cipher) : m_db(db), m_cipher(cipher) {}

TouCost TouCostService::cost(const Core::UserContext &user, const QString &customerId, const QString &premiseId,
                             const QDate &from, const QDate &to)
{
    user.require(Core::Permission::ViewCustomers);
    if (!from.isValid() || !to.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("The period of the cost view is not a pair of dates: enter both days."));
    if (to < from)
        throw Error(Error::Kind::BadInput, Tr::tr("The end date of the period is before its start date: enter an end "
                                                  "date on or after %1.").arg(iso(from)));
    return Core::readOnly(m_db, [&] {
        // The same rule as the usage chart: the customer and the premise within the user's region.
        const ChartScope scope = UsageChartService(m_db, m_cipher).scope(user, customerId);
        if (!scope.premise(premiseId) || premiseId.isEmpty()) {
            if (const auto limit = Accounts::RegionAccess::limit(user)) {
                if (const auto p = Accounts::PremiseRepository(m_db).get(premiseId)) {
                    throw Error(Error::Kind::Denied, Tr::tr("The premise %1 of customer %2 is outside your region %3.")
                                                         .arg(p->singleLineAddress(), scope.customerNumber, *limit));
                }
            }
            throw Error(Error::Kind::NotFound, Tr::tr("Customer %1 has no such premise (any more); reload the customer.")
                                                   .arg(scope.customerNumber));
        }
        TouCost out;
        out.resolution = from.daysTo(to) + 1 <= MaxDays ? Resolution::Day : Resolution::Month;
        // The account supplied at the premise: an open one before a closed one.
        std::optional<Accounts::Account> account;
        for (const Accounts::Account &a : Accounts::AccountRepository(m_db).ofCustomer(customerId)) {
            if (a.premiseId != premiseId)
                continue;
            if (!account || (account->status != Accounts::AccountStatus::Active && a.status == Accounts::AccountStatus::Active))
                account = a;
        }
        if (!account) {
            out.notes << Tr::tr("No account of customer %1 is at this premise, so there is no cost to show.")
                             .arg(scope.customerNumber);
            return out;
        }
        Billing::BillingData data(m_db);
        const Billing::BillingAccount billing = data.account(account->id);
        out.accountNumber = billing.accountNumber;
        out.currency = billing.currency;
        const Billing::TaxSchedule taxes = data.taxes(billing.marketCode, billing.customerClass);
        const QList<Billing::TariffAssignment> assignments = data.assignments(billing.accountId);
        const Billing::MeteredUsage usage = data.usage(billing, from, to);

        const auto slice = [&](const QDate &a, const QDate &b) {
            Billing::MeteredUsage part{usage.zone, usage.intervalMinutes, {}};
            const qint64 start = a.startOfDay(usage.zone).toSecsSinceEpoch();
            const qint64 end = b.addDays(1).startOfDay(usage.zone).toSecsSinceEpoch();
            const auto lo = std::lower_bound(usage.readings.cbegin(), usage.readings.cend(), start,
                                             [](const auto &r, qint64 t) { return r.startUtc < t; });
            const auto hi = std::lower_bound(lo, usage.readings.cend(), end,
                                             [](const auto &r, qint64 t) { return r.startUtc < t; });
            part.readings = QList<Metering::ReadingStore::Reading>(lo, hi);
            return part;
        };
        const auto bandIndex = [&out](const QString &band) {
            qsizetype i = out.bands.indexOf(band);
            if (i < 0) {
                out.bands << band;
                i = out.bands.size() - 1;
            }
            return int(i);
        };

        // The days no assignment covers, as spans.
        const auto covered = [&assignments](const QDate &d) {
            return std::any_of(assignments.cbegin(), assignments.cend(),
                               [&d](const Billing::TariffAssignment &a) { return a.from <= d && (!a.to || *a.to >= d); });
        };
        for (QDate d = from; d <= to; d = d.addDays(1)) {
            if (covered(d))
                continue;
            QDate last = d;
            while (last < to && !covered(last.addDays(1)))
                last = last.addDays(1);
            out.notes << Tr::tr("Account %1 has no tariff from %2 to %3, so those days have no cost.")
                             .arg(billing.accountNumber, iso(d), iso(last));
            d = last;
        }

        for (QDate start = from; start <= to;) {
            QDate end = out.resolution == Resolution::Day ? start
                                                           : std::min(to, QDate(start.year(), start.month(), start.daysInMonth()));
            TouCostBucket bucket;
            bucket.from = start;
            bucket.to = end;
            // One bill per tariff the account was on within the bucket.
            for (const Billing::TariffAssignment &a : assignments) {
                const QDate pieceFrom = std::max(start, a.from);
                const QDate pieceTo = std::min(end, a.to.value_or(end));
                if (pieceTo < pieceFrom)
                    continue;
                const std::optional<Billing::Tariff> tariff = data.tariffOn(billing.accountId, pieceFrom);
                if (!tariff)
                    continue;
                try {
                    const Billing::BillResult r =
                        Billing::BillCalculator::calculate(*tariff, taxes, slice(pieceFrom, pieceTo), pieceFrom, pieceTo);
                    if (!out.tariffCodes.contains(r.tariffCode))
                        out.tariffCodes << r.tariffCode;
                    qint64 energy = 0;
                    for (const Billing::BillLine &line : r.lines) {
                        if (line.kind != Billing::LineKind::Energy)
                            continue;
                        const int i = bandIndex(line.label);
                        while (bucket.bandMinor.size() < out.bands.size()) {
                            bucket.bandMinor << 0;
                            bucket.bandWh << 0;
                        }
                        bucket.bandMinor[i] += line.amountMinor;
                        bucket.bandWh[i] += line.quantity;
                        energy += line.amountMinor;
                    }
                    bucket.otherMinor += r.netMinor - energy;
                    bucket.vatMinor += r.vatMinor;
                    bucket.totalMinor += r.totalMinor;
                    bucket.estimatedWh += r.estimatedWh;
                    bucket.priced = true;
                } catch (const Error &e) {
                    if (e.kind() != Error::Kind::BadInput)
                        throw;
                    out.notes << e.message();
                }
            }
            out.buckets << bucket;
            start = end.addDays(1);
        }
        for (TouCostBucket &b : out.buckets) {
            while (b.bandMinor.size() < out.bands.size()) {
                b.bandMinor << 0;
                b.bandWh << 0;
            }
        }
        out.notes.removeDuplicates();
        return out;
    });
}

} // namespace Ud::Usage
