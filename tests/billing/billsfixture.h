#pragma once

#include "../metering/meteringfixture.h"

#include <accounts/accountssettings.h>
#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <core/ids.h>
#include <core/sqlquery.h>
#include <metering/readingstore.h>

#include <QThreadPool>
#include <QDateTime>
#include <QTimeZone>

namespace Ud::Test {

/// A customer with a postpaid GB account, its meter's import channel, the account's number.
struct BilledAccount {
    QString customerId;
    QString accountId;
    QString accountNumber;
    QString channelId;
};

/// MeteringFixture plus the billing module, the GB time-of-use tariff of tests/data/tariffs
/// and helpers that open accounts on it and fill them with half-hourly readings. The clock
/// stands at 2025-07-02 12:00 UTC, after June 2025, the month the tests bill.
struct BillsFixture : MeteringFixture {
    static constexpr qint64 July2 = 1751457600; // 2025-07-02 12:00 UTC

    explicit BillsFixture(Core::Database &db) : MeteringFixture(db)
    {
        clock.set(July2);
        billing.initialize(context);
    }
    /// Background work that widgets started uses the services below: it finishes first.
    ~BillsFixture() { QThreadPool::globalInstance()->waitForDone(); }

    static QString dataFile(const QString &name)
    {
        const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
        if (!root.isEmpty())
            return root + QStringLiteral("/tests/data/tariffs/") + name;
        return QFINDTESTDATA(QStringLiteral("../data/tariffs/") + name);
    }

    static Core::UserContext admin() { return Core::UserContext::operatingSystemUser(); }
    static QString billPrefix() { return Accounts::AccountsSettings::sitePrefix() + QLatin1Char('B'); }

    /// Imports the GB time-of-use tariff (summer prices from April 2025) and returns its id.
    QString importTariff()
    {
        return billing.tariffs().importFile(businessUser(), dataFile(QStringLiteral("gb-tou.json"))).tariff.id;
    }

    /// A residential customer speaking `language` with a postpaid GB account opened on
    /// `openedOn` at a London premise, and a half-hourly electricity meter.
    BilledAccount addAccount(const QString &name, const QString &language = QStringLiteral("en"),
                             const QDate &openedOn = QDate(2025, 1, 1),
                             Accounts::PaymentType payment = Accounts::PaymentType::Postpaid)
    {
        BilledAccount b;
        Accounts::Customer c;
        c.fullName = name;
        c.language = language;
        c = customers().create(agent(), c);
        b.customerId = c.id;
        const auto p = accounts().addPremise(agent(), premise(QStringLiteral("12 Mill Lane"), QStringLiteral("Leeds"),
                                                              QStringLiteral("LS1 4AB"), QStringLiteral("GB"),
                                                              QStringLiteral("Europe/London")));
        const auto a = accounts().openAccount(agent(), c.id, p.id, QStringLiteral("GB"), payment, openedOn);
        b.accountId = a.id;
        b.accountNumber = a.accountNumber;
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = QStringLiteral("SP-") + a.accountNumber;
        sp = meters().addServicePoint(agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("M-") + a.accountNumber;
        m.intervalMinutes = 30;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import,
                                             Accounts::MeterService::defaultUnit(sp.commodity, Accounts::ChannelKind::Import)};
        b.channelId = channelOf(meters().addMeter(agent(), m));
        return b;
    }

    /// Puts the account on the GB time-of-use tariff from `from` on (tariff assignment).
    void assign(const QString &accountId, const QString &tariffId, const QDate &from)
    {
        Q_UNUSED(tariffId)
        billing.billing().assignTariff(supervisor(), accountId, QStringLiteral("GB-TOU-2025"), from);
    }

    /// 500 Wh in every half hour of the local days [from, to] of London, except that on
    /// `estimatedDay` the four half hours from 12:00 are estimated and on `missingDay` the
    /// two half hours from 00:00 have no reading.
    void fill(const QString &channelId, const QDate &from, const QDate &to, const QDate &estimatedDay = {},
              const QDate &missingDay = {})
    {
        const QTimeZone zone("Europe/London");
        QList<Metering::ReadingStore::Reading> readings;
        for (QDate day = from; day <= to; day = day.addDays(1)) {
            const qint64 start = day.startOfDay(zone).toSecsSinceEpoch();
            const qint64 end = day.addDays(1).startOfDay(zone).toSecsSinceEpoch();
            for (qint64 at = start; at < end; at += 1800) {
                const QTime local = QDateTime::fromSecsSinceEpoch(at, zone).time();
                if (day == missingDay && local < QTime(1, 0))
                    continue;
                const bool estimated = day == estimatedDay && local >= QTime(12, 0) && local < QTime(14, 0);
                readings.append({at, 500, estimated ? Metering::Quality::Estimated : Metering::Quality::Actual});
            }
        }
        Metering::ReadingStore(database, clock).write(channelId, zone, 30, readings, QStringLiteral("test"));
    }

    /// One account on the tariff with June 2025 filled (estimated 10 June, missing 20 June).
    BilledAccount juneAccount(const QString &tariffId, const QString &name, const QString &language = QStringLiteral("en"))
    {
        const BilledAccount b = addAccount(name, language);
        assign(b.accountId, tariffId, QDate(2025, 1, 1));
        fill(b.channelId, QDate(2025, 6, 1), QDate(2025, 6, 30), QDate(2025, 6, 10), QDate(2025, 6, 20));
        return b;
    }

    QVariant scalar(const QString &sql, const QVariantMap &values = {})
    {
        Core::SqlQuery q(database.connection(), sql);
        for (auto it = values.constBegin(); it != values.constEnd(); ++it)
            q.bind(it.key(), it.value());
        return q.scalar();
    }

    Billing::BillingModule billing;
};

} // namespace Ud::Test
