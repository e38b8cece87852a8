#include "customerusage.h"

#include <accounts/meterrepository.h>
#include <accounts/premiserepository.h>
#include <accounts/sqlvalues.h>
#include <core/clock.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace Ud::Metering {

CustomerUsage::CustomerUsage(Core::Database &db, const Core::Clock &clock) : m_db(db), m_clock(clock) {}

QList<PremiseUsage> CustomerUsage::ofCustomer(const Core::UserContext &user, const QString &customerId)
{
    user.require(Core::Permission::ViewCustomers);
    if (!Accounts::SqlValues::isId(customerId))
        return {};
    return Core::readOnly(m_db, [&] {
        Accounts::PremiseRepository premises(m_db);
        Accounts::MeterRepository meters(m_db);
        ReadingStore store(m_db, m_clock);

        QList<PremiseUsage> out;
        QHash<QString, qsizetype> indexOf;
        for (const Accounts::Premise &p : premises.ofCustomer(customerId)) {
            indexOf.insert(p.id, out.size());
            out.append({p, {}});
        }
        for (const Accounts::Meter &m : meters.metersOfCustomer(customerId)) {
            QString premiseId;
            if (!m.servicePointId.isEmpty()) {
                if (const auto sp = meters.servicePoint(m.servicePointId))
                    premiseId = sp->premiseId;
            }
            if (!indexOf.contains(premiseId)) {
                PremiseUsage group;
                if (const auto p = premiseId.isEmpty() ? std::nullopt : premises.get(premiseId))
                    group.premise = *p;
                indexOf.insert(premiseId, out.size());
                out.append(group);
            }
            PremiseUsage &group = out[indexOf.value(premiseId)];

            MeterUsage usage;
            usage.meterId = m.id;
            usage.serial = m.serial;
            usage.commodity = m.commodity;
            usage.intervalMinutes = m.intervalMinutes;
            usage.removedOn = m.removedOn;
            // Local days of the premise; a meter on none has its own zone.
            const QString zoneId = group.premise.timeZone.isEmpty() ? m.timeZone : group.premise.timeZone;
            QTimeZone zone(zoneId.toUtf8());
            if (!zone.isValid())
                zone = QTimeZone::utc();
            const QDate today = QDateTime::fromSecsSinceEpoch(m_clock.nowSecs(), zone).date();
            usage.to = today.addDays(-1);
            usage.from = usage.to.addDays(-(Days - 1));
            for (const Accounts::MeterChannel &channel : m.channels) {
                if (channel.kind != Accounts::ChannelKind::Import)
                    continue;
                usage.hasImport = true;
                usage.unit = channel.unit;
                // A meter that stopped sending shows its last month of readings, ending on the
                // day of its last reading, rather than an empty line: the date says how old.
                if (const auto stats = store.stats(channel.id); stats && stats->lastUtc > 0) {
                    const QDate last = QDateTime::fromSecsSinceEpoch(stats->lastUtc, zone).date();
                    if (last < usage.to) {
                        usage.to = last;
                        usage.from = usage.to.addDays(-(Days - 1));
                    }
                }
                usage.days = store.dailyTotals(channel.id, usage.from, usage.to);
            }
            group.meters.append(usage);
        }
        for (PremiseUsage &group : out) {
            std::sort(group.meters.begin(), group.meters.end(),
                      [](const MeterUsage &a, const MeterUsage &b) { return a.serial < b.serial; });
        }
        return out;
    });
}

} // namespace Ud::Metering
