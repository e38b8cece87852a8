#pragma once

// What the ledger tests share: the accounts fixture with the billing module on it (its
// identity factor registered), a customer with a prepaid account in Madrid and a postpaid one
// in London, and the events the bus carried.

#include "../accounts/accountsfixture.h"

#include <accounts/meter.h>
#include <billing/billingmodule.h>
#include <billing/billingservice.h>
#include <billing/tariffservice.h>
#include <metering/readingstore.h>
#include <billing/ledgerservice.h>
#include <core/sqlquery.h>

#include <QThreadPool>
#include <QDateTime>
#include <QTimeZone>

namespace Ud::Test {

struct LedgerFixture : AccountsFixture {
    explicit LedgerFixture(Core::Database &db) : AccountsFixture(db), billing(&module)
    {
        billing.initialize(context);
        QObject::connect(&events, &Core::EventBus::published, &events,
                         [this](const QString &topic, const QVariantMap &payload) {
                             if (topic.startsWith(QLatin1String("prepaid.")) || topic.startsWith(QLatin1String("arrears.")))
                                 published << qMakePair(topic, payload);
                         });
    }
    /// Background work that widgets started uses the services below: it finishes first.
    ~LedgerFixture() { QThreadPool::globalInstance()->waitForDone(); }

    Billing::LedgerService &ledger() { return billing.ledger(); }
    static Core::UserContext admin() { return Core::UserContext::operatingSystemUser(); }

    /// A customer with an account in the market at a premise in its main city.
    Accounts::Account openAccount(const QString &name, const QString &market, Accounts::PaymentType type)
    {
        Accounts::Customer c;
        c.fullName = name;
        c = customers().create(agent(), c);
        customerId = c.id;
        Accounts::Premise p = market == QLatin1String("ES")
                                  ? premise(QStringLiteral("Calle Mayor 1"), QStringLiteral("Madrid"), QStringLiteral("28013"),
                                            QStringLiteral("ES"), QStringLiteral("Europe/Madrid"))
                                  : premise(QStringLiteral("1 High Street"), QStringLiteral("London"), QStringLiteral("SW1A 1AA"),
                                            QStringLiteral("GB"), QStringLiteral("Europe/London"));
        p = accounts().addPremise(agent(), p);
        return accounts().openAccount(agent(), c.id, p.id, market, type, QDate(2024, 1, 1));
    }

    /// A half-hourly electricity meter on the account; returns its import channel.
    QString addMeter(const Accounts::Account &a)
    {
        Accounts::ServicePoint sp;
        sp.premiseId = a.premiseId;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = QStringLiteral("SP-") + a.accountNumber;
        sp = meters().addServicePoint(agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = QStringLiteral("M-") + a.accountNumber;
        m.intervalMinutes = 30;
        m.channels << Accounts::MeterChannel{{}, Accounts::ChannelKind::Import, Accounts::ChannelUnit::WattHour};
        m = meters().addMeter(agent(), m);
        for (const auto &c : m.channels) {
            if (c.kind == Accounts::ChannelKind::Import)
                return c.id;
        }
        return {};
    }
    /// `wh` in every half hour of the local day.
    void writeDay(const QString &channel, const char *zone, const QDate &day, qint64 wh)
    {
        const QTimeZone z(zone);
        QList<Metering::ReadingStore::Reading> readings;
        for (qint64 t = day.startOfDay(z).toSecsSinceEpoch(); t < day.addDays(1).startOfDay(z).toSecsSinceEpoch(); t += 1800)
            readings << Metering::ReadingStore::Reading{t, wh, Metering::Quality::Actual};
        Metering::ReadingStore(database).write(channel, z, 30, readings, QStringLiteral("test"));
    }

    static qint64 utc(int y, int m, int d, int h = 12, int min = 0)
    {
        return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone::utc()).toSecsSinceEpoch();
    }
    static qint64 local(const char *zone, int y, int m, int d, int h, int min = 0)
    {
        return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone(zone)).toSecsSinceEpoch();
    }

    qint64 count(const QString &table)
    {
        return Core::SqlQuery(database.connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table).scalar(0).toLongLong();
    }
    qint64 sumOfEntries(const QString &accountId)
    {
        return Core::SqlQuery(database.connection(),
                              QStringLiteral("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account_id = :a"))
            .bind(QStringLiteral(":a"), accountId)
            .scalar(0)
            .toLongLong();
    }
    /// The ledger's topics published so far, in order.
    QStringList topics() const
    {
        QStringList list;
        for (const auto &p : published)
            list << p.first;
        return list;
    }

    Billing::BillingModule billing;
    QString customerId;
    QList<QPair<QString, QVariantMap>> published;   ///< the ledger's events (prepaid.*, arrears.*)
};

} // namespace Ud::Test
