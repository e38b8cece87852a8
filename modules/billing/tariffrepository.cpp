#include "tariffrepository.h"

#include "tariffjson.h"

#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

#include <QJsonDocument>

namespace Ud::Billing {

using Core::SqlQuery;

namespace {

QList<Accounts::CustomerClass> classesFrom(const QString &keys)
{
    QList<Accounts::CustomerClass> classes;
    const QStringList list = keys.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &key : list) {
        if (const auto c = Accounts::customerClassFromKey(key))
            classes << *c;
    }
    return classes;
}

QVariant dateValue(const std::optional<QDate> &date)
{
    return date ? QVariant(date->toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

} // namespace

TariffRepository::TariffRepository(Core::Database &db) : m_db(db) {}

std::optional<Tariff> TariffRepository::byCode(const QString &marketCode, const QString &code)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, code, name, market_code, currency, classes, kind, created_at, updated_at FROM tariffs "
        "WHERE market_code = :m AND code = :c"));
    q.bind(QStringLiteral(":m"), marketCode).bind(QStringLiteral(":c"), code).exec();
    if (!q.next())
        return std::nullopt;
    Tariff t;
    t.id = q.value(0).toString();
    t.code = q.value(1).toString();
    t.name = q.value(2).toString();
    t.marketCode = q.value(3).toString();
    t.currency = q.value(4).toString();
    t.customerClasses = classesFrom(q.value(5).toString());
    t.kind = tariffKindFromKey(q.value(6).toString()).value_or(TariffKind::Postpaid);
    t.createdAt = q.value(7).toLongLong();
    t.updatedAt = q.value(8).toLongLong();
    t.versions = versions(t.id, t.kind);
    return t;
}

QList<TariffVersion> TariffRepository::versions(const QString &tariffId, TariffKind kind)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT effective_from, effective_to, body FROM tariff_versions WHERE tariff_id = :t ORDER BY effective_from"));
    q.bind(QStringLiteral(":t"), tariffId).exec();
    QList<TariffVersion> list;
    while (q.next()) {
        const QDate from = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        std::optional<QDate> to;
        if (!q.value(1).isNull())
            to = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        const QJsonObject body = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        list << TariffJson::versionFromBody(body, from, to, kind);
    }
    return list;
}

void TariffRepository::insert(const Tariff &tariff)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO tariffs (id, code, name, market_code, currency, classes, kind, created_at, updated_at) "
        "VALUES (:id, :code, :name, :m, :cur, :classes, :kind, :created, :updated)"))
        .bind(QStringLiteral(":id"), tariff.id)
        .bind(QStringLiteral(":code"), tariff.code)
        .bind(QStringLiteral(":name"), tariff.name)
        .bind(QStringLiteral(":m"), tariff.marketCode)
        .bind(QStringLiteral(":cur"), tariff.currency)
        .bind(QStringLiteral(":classes"), tariff.classKeys())
        .bind(QStringLiteral(":kind"), tariffKindKey(tariff.kind))
        .bind(QStringLiteral(":created"), tariff.createdAt)
        .bind(QStringLiteral(":updated"), tariff.updatedAt)
        .exec();
}

void TariffRepository::updateHeader(const Tariff &tariff)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE tariffs SET name = :name, classes = :classes, updated_at = :updated WHERE id = :id"))
        .bind(QStringLiteral(":name"), tariff.name)
        .bind(QStringLiteral(":classes"), tariff.classKeys())
        .bind(QStringLiteral(":updated"), tariff.updatedAt)
        .bind(QStringLiteral(":id"), tariff.id)
        .exec();
}

void TariffRepository::insertVersion(const QString &tariffId, const TariffVersion &version, qint64 now)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO tariff_versions (id, tariff_id, effective_from, effective_to, body, created_at) "
        "VALUES (:id, :t, :from, :to, :body, :created)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":t"), tariffId)
        .bind(QStringLiteral(":from"), version.effectiveFrom.toString(Qt::ISODate))
        .bind(QStringLiteral(":to"), dateValue(version.effectiveTo))
        .bind(QStringLiteral(":body"),
              QString::fromUtf8(QJsonDocument(TariffJson::versionBody(version)).toJson(QJsonDocument::Compact)))
        .bind(QStringLiteral(":created"), now)
        .exec();
}

void TariffRepository::setEffectiveTo(const QString &tariffId, const QDate &effectiveFrom, const QDate &effectiveTo)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "UPDATE tariff_versions SET effective_to = :to WHERE tariff_id = :t AND effective_from = :from"))
        .bind(QStringLiteral(":to"), effectiveTo.toString(Qt::ISODate))
        .bind(QStringLiteral(":t"), tariffId)
        .bind(QStringLiteral(":from"), effectiveFrom.toString(Qt::ISODate))
        .exec();
}

QList<TariffListRow> TariffRepository::list(const QDate &today)
{
    // ISO dates compare as text in both dialects.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT t.id, t.code, t.name, t.market_code, t.currency, t.classes, t.kind, "
        "(SELECT count(*) FROM tariff_versions v WHERE v.tariff_id = t.id), "
        "(SELECT max(v.effective_from) FROM tariff_versions v WHERE v.tariff_id = t.id AND v.effective_from <= :d1 "
        " AND (v.effective_to IS NULL OR v.effective_to >= :d2)) "
        "FROM tariffs t ORDER BY t.market_code, t.code"));
    const QString day = today.toString(Qt::ISODate);
    q.bind(QStringLiteral(":d1"), day).bind(QStringLiteral(":d2"), day).exec();
    QList<TariffListRow> rows;
    while (q.next()) {
        TariffListRow r;
        r.id = q.value(0).toString();
        r.code = q.value(1).toString();
        r.name = q.value(2).toString();
        r.marketCode = q.value(3).toString();
        r.currency = q.value(4).toString();
        r.customerClasses = classesFrom(q.value(5).toString());
        r.kind = tariffKindFromKey(q.value(6).toString()).value_or(TariffKind::Postpaid);
        r.versionCount = q.value(7).toInt();
        if (!q.value(8).isNull())
            r.currentFrom = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        rows << r;
    }
    return rows;
}

} // namespace Ud::Billing
