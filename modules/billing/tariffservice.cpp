#include "tariffservice.h"

#include "tariffjson.h"

#include <accounts/accountrepository.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QTimeZone>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::TariffService)
};

using Core::Error;
using Core::Permission;
using Core::Transaction;

QString rangeText(const TariffVersion &v)
{
    if (!v.effectiveTo)
        return Tr::tr("from %1 with no end").arg(v.effectiveFrom.toString(Qt::ISODate));
    return Tr::tr("%1 to %2").arg(v.effectiveFrom.toString(Qt::ISODate), v.effectiveTo->toString(Qt::ISODate));
}

QJsonObject header(const Tariff &t)
{
    return {{QStringLiteral("code"), t.code},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("market"), t.marketCode},
            {QStringLiteral("currency"), t.currency},
            {QStringLiteral("classes"), t.classKeys()},
            {QStringLiteral("kind"), tariffKindKey(t.kind)}};
}

QJsonArray ranges(const QList<TariffVersion> &versions)
{
    QJsonArray list;
    for (const TariffVersion &v : versions) {
        list.append(QJsonObject{{QStringLiteral("effective_from"), v.effectiveFrom.toString(Qt::ISODate)},
                                {QStringLiteral("effective_to"),
                                 v.effectiveTo ? QJsonValue(v.effectiveTo->toString(Qt::ISODate)) : QJsonValue()}});
    }
    return list;
}

} // namespace

TariffService::TariffService(Core::Context &context) : m_context(context), m_tariffs(context.database) {}

TariffImport TariffService::importFile(const Core::UserContext &user, const QString &path)
{
    user.require(Permission::ManageCatalog);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::BadInput, Tr::tr("Cannot read the tariff file %1: %2.").arg(path, file.errorString()));
    return importJson(user, file.readAll(), path);
}

TariffImport TariffService::importJson(const Core::UserContext &user, const QByteArray &json, const QString &source)
{
    user.require(Permission::ManageCatalog);
    Tariff incoming;
    try {
        incoming = TariffJson::parse(json);
    } catch (const Error &e) {
        throw Error(e.kind(), Tr::tr("%1: %2").arg(source, e.message()));
    }
    const auto bad = [&](const QString &sentence) {
        return Error(Error::Kind::BadInput, Tr::tr("%1: %2").arg(source, sentence));
    };

    Transaction tx(m_context.database);
    const auto market = Accounts::AccountRepository(m_context.database).market(incoming.marketCode);
    if (!market) {
        QStringList codes;
        const auto markets = Accounts::AccountRepository(m_context.database).markets();
        for (const auto &m : markets)
            codes << m.code;
        throw bad(Tr::tr("market: \"%1\" is not a market here; use one of %2.")
                      .arg(incoming.marketCode, codes.join(QStringLiteral(", "))));
    }
    if (market->currency != incoming.currency) {
        throw bad(Tr::tr("currency: \"%1\" is not the currency of the market %2; its amounts are in %3.")
                      .arg(incoming.currency, market->code, market->currency));
    }

    const qint64 now = m_context.clock.nowSecs();
    TariffImport result;
    std::optional<Tariff> stored = m_tariffs.byCode(incoming.marketCode, incoming.code);
    Tariff tariff;
    if (stored) {
        tariff = *stored;
        if (tariff.kind != incoming.kind) {
            throw bad(Tr::tr("kind: the tariff %1 is stored as %2; a file cannot make it %3.")
                          .arg(tariff.code, tariffKindKey(tariff.kind), tariffKindKey(incoming.kind)));
        }
    } else {
        tariff = incoming;
        tariff.id = Core::newId();
        tariff.versions.clear();
        tariff.createdAt = now;
        result.created = true;
    }
    const Tariff before = tariff;
    tariff.name = incoming.name;
    tariff.customerClasses = incoming.customerClasses;
    tariff.updatedAt = now;

    // Oldest first, so that each new version ends the open one before it; messages name the
    // version by its place in the file.
    QList<int> order;
    for (int i = 0; i < incoming.versions.size(); ++i)
        order << i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return incoming.versions.at(a).effectiveFrom < incoming.versions.at(b).effectiveFrom;
    });
    for (int i : std::as_const(order)) {
        const TariffVersion &v = incoming.versions.at(i);
        if (tariff.versions.contains(v)) {
            result.unchanged << v;
            continue;
        }
        for (TariffVersion &s : tariff.versions) {
            if (!s.overlaps(v))
                continue;
            if (!s.effectiveTo && s.effectiveFrom < v.effectiveFrom) {
                s.effectiveTo = v.effectiveFrom.addDays(-1);
                result.ended << s;
                continue;
            }
            throw bad(Tr::tr("versions[%1]: %2 overlaps the stored version of %3 %4; give dates that do not share a "
                             "day with it.")
                          .arg(i)
                          .arg(rangeText(v), tariff.code, rangeText(s)));
        }
        tariff.versions << v;
        result.added << v;
    }
    std::sort(tariff.versions.begin(), tariff.versions.end(),
              [](const TariffVersion &a, const TariffVersion &b) { return a.effectiveFrom < b.effectiveFrom; });

    result.changed = result.created || !result.added.isEmpty() || tariff.name != before.name
                     || tariff.customerClasses != before.customerClasses;
    if (!result.changed) {
        result.tariff = before;
        return result;
    }
    if (result.created)
        m_tariffs.insert(tariff);
    else
        m_tariffs.updateHeader(tariff);
    for (const TariffVersion &s : std::as_const(result.ended))
        m_tariffs.setEffectiveTo(tariff.id, s.effectiveFrom, *s.effectiveTo);
    for (const TariffVersion &v : std::as_const(result.added))
        m_tariffs.insertVersion(tariff.id, v, now);

    QJsonObject after = header(tariff);
    after.insert(QStringLiteral("versions_added"), ranges(result.added));
    if (!result.ended.isEmpty())
        after.insert(QStringLiteral("versions_ended"), ranges(result.ended));
    after.insert(QStringLiteral("source"), source);
    m_context.audit.record(user, result.created ? QStringLiteral("tariff.create") : QStringLiteral("tariff.update"),
                           QStringLiteral("tariff"), tariff.id, result.created ? QJsonObject() : header(before), after);
    tx.commit();
    m_context.events.publish(result.created ? QStringLiteral("tariff.created") : QStringLiteral("tariff.updated"),
                             {{QStringLiteral("id"), tariff.id}});
    result.tariff = tariff;
    return result;
}

QList<TariffListRow> TariffService::list(const Core::UserContext &user)
{
    user.require(Permission::ViewCustomers);
    const QDate today = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecs(), QTimeZone::utc()).date();
    return Core::readOnly(m_context.database, [&] { return m_tariffs.list(today); });
}

QList<Accounts::Market> TariffService::markets(const Core::UserContext &user)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return Accounts::AccountRepository(m_context.database).markets(); });
}

Tariff TariffService::get(const Core::UserContext &user, const QString &marketCode, const QString &code)
{
    user.require(Permission::ViewCustomers);
    const auto found = Core::readOnly(m_context.database, [&] { return m_tariffs.byCode(marketCode, code); });
    if (!found)
        throw Error(Error::Kind::NotFound, Tr::tr("There is no tariff %1 in the market %2.").arg(code, marketCode));
    return *found;
}

std::optional<TariffVersion> TariffService::versionOn(const Core::UserContext &user, const QString &marketCode,
                                                      const QString &code, const QDate &date)
{
    return get(user, marketCode, code).versionOn(date);
}

} // namespace Ud::Billing
