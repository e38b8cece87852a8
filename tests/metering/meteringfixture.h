#pragma once

#include "../accounts/accountsfixture.h"

#include <accounts/meter.h>

namespace Ud::Test {

/// AccountsFixture plus a helper that puts a meter on a premise in a given time zone.
struct MeteringFixture : AccountsFixture {
    using AccountsFixture::AccountsFixture;

    /// A customer, premise (in `zone`), account, service point `servicePoint` and meter `serial`
    /// with the given channels. Returns the meter.
    Accounts::Meter addMeter(const QString &serial, const QString &zone, int intervalMinutes,
                             QList<Accounts::ChannelKind> kinds = {Accounts::ChannelKind::Import},
                             const QString &servicePoint = {})
    {
        Accounts::Customer c;
        c.fullName = QStringLiteral("Meter Owner %1").arg(serial);
        c = customers().create(agent(), c);
        const auto p = accounts().addPremise(agent(), premise(QStringLiteral("1 Grid Lane"), QStringLiteral("Town"),
                                                              QStringLiteral("AB1 2CD"), QStringLiteral("GB"), zone));
        const auto a = accounts().openAccount(agent(), c.id, p.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid);
        Accounts::ServicePoint sp;
        sp.premiseId = p.id;
        sp.accountId = a.id;
        sp.commodity = Accounts::Commodity::Electricity;
        sp.identifier = servicePoint.isEmpty() ? QStringLiteral("SP-") + serial : servicePoint;
        sp = meters().addServicePoint(agent(), sp);
        Accounts::Meter m;
        m.servicePointId = sp.id;
        m.serial = serial;
        m.intervalMinutes = intervalMinutes;
        for (auto k : kinds)
            m.channels << Accounts::MeterChannel{{}, k, Accounts::MeterService::defaultUnit(sp.commodity, k)};
        return meters().addMeter(agent(), m);
    }

    QString channelOf(const Accounts::Meter &m, Accounts::ChannelKind kind = Accounts::ChannelKind::Import) const
    {
        for (const auto &c : m.channels)
            if (c.kind == kind)
                return c.id;
        return {};
    }
};

} // namespace Ud::Test
