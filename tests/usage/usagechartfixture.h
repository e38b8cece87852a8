#pragma once

#include "../metering/meteringfixture.h"

#include <metering/readingstore.h>

#include <QThreadPool>
#include <QTimeZone>

namespace Ud::Test {

/// A customer at a London premise (region `region`) with one 15-minute electricity meter
/// "U-1" with import and export channels and five years of readings, 2020 to 2024:
///  - import: 100 + (slot * 7 + day) % 200 Wh per quarter-hour, except
///    a spike of 100,000 Wh on 14 July 2022 at slot 50 (12:30 BST),
///    slots 20..23 of 10 March 2023 estimated (value 50 each),
///    no readings at all on 5 May 2021;
///  - export: 30 Wh per quarter-hour from 10:00 to 14:00 local time (slots by the clock) on
///    every day of June and July.
/// Without `withReadings` the meter has none.
struct UsageChartFixture : MeteringFixture {
    static inline const QDate First{2020, 1, 1};
    static inline const QDate Last{2024, 12, 31};
    static inline const QDate SpikeDay{2022, 7, 14};
    static constexpr int SpikeSlot = 50;
    static constexpr qint64 Spike = 100000;
    static inline const QDate EstimatedDay{2023, 3, 10};
    static inline const QDate MissingDay{2021, 5, 5};

    explicit UsageChartFixture(Core::Database &db, const QString &region = {}, bool withReadings = true)
        : MeteringFixture(db)
    {
        Accounts::Customer c;
        c.fullName = QStringLiteral("Una Usage");
        c = customers().create(agent(), c);
        customerId = c.id;
        customerNumber = c.customerNumber;
        Accounts::Premise p = premise(QStringLiteral("1 Grid Lane"), QStringLiteral("Town"), QStringLiteral("AB1 2CD"),
                                      QStringLiteral("GB"), QStringLiteral("Europe/London"));
        p.region = region;
        p = accounts().addPremise(agent(), p);
        premiseId = p.id;
        const auto a = accounts().openAccount(agent(), c.id, p.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid,
                                              QDate(2019, 12, 1));
        accountNumber = a.accountNumber;
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = QStringLiteral("SP-U-1");
        sp = meters().addServicePoint(agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("U-1");
        m.intervalMinutes = 15;
        for (auto k : {Accounts::ChannelKind::Import, Accounts::ChannelKind::Export})
            m.channels << Accounts::MeterChannel{{}, k, Accounts::MeterService::defaultUnit(sp.commodity, k)};
        m = meters().addMeter(agent(), m);
        meterId = m.id;
        importChannel = channelOf(m, Accounts::ChannelKind::Import);
        exportChannel = channelOf(m, Accounts::ChannelKind::Export);
        if (!withReadings)
            return;

        using Metering::Quality;
        using Metering::ReadingStore;
        ReadingStore::ChannelDays imports{importChannel, zone(), 15, {}};
        ReadingStore::ChannelDays exports{exportChannel, zone(), 15, {}};
        for (QDate d = First; d <= Last; d = d.addDays(1)) {
            const int n = ReadingStore::slotsInDay(d, zone(), 15);
            if (d != MissingDay) {
                Metering::IntervalDay day(n);
                for (int slot = 0; slot < n; ++slot) {
                    qint64 v = 100 + (slot * 7 + d.day()) % 200;
                    Quality q = Quality::Actual;
                    if (d == SpikeDay && slot == SpikeSlot)
                        v = Spike;
                    if (d == EstimatedDay && slot >= 20 && slot <= 23) {
                        v = 50;
                        q = Quality::Estimated;
                    }
                    day.set(slot, v, q);
                }
                imports.days.append({d, day});
                importReadings += n;
            }
            if (d.month() == 6 || d.month() == 7) {
                Metering::IntervalDay day(n);
                const qint64 start = d.startOfDay(zone()).toSecsSinceEpoch();
                for (int slot = 0; slot < n; ++slot) {
                    const int hour = QDateTime::fromSecsSinceEpoch(start + slot * 900, zone()).time().hour();
                    if (hour >= 10 && hour < 14)
                        day.set(slot, 30, Quality::Actual);
                }
                exports.days.append({d, day});
            }
        }
        ReadingStore(db).appendDays({imports, exports});
    }
    /// Background work that widgets started uses the services below: it finishes first.
    ~UsageChartFixture() { QThreadPool::globalInstance()->waitForDone(); }

    static QTimeZone zone() { return QTimeZone(QByteArrayLiteral("Europe/London")); }

    QString customerId;
    QString customerNumber;
    QString accountNumber;   ///< opened on 2019-12-01
    QString premiseId;
    QString meterId;
    QString importChannel;
    QString exportChannel;
    qint64 importReadings = 0;
};

} // namespace Ud::Test
