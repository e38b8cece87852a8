#include "dialect.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace Ud::Core {

QString Dialect::migrationSuffix() const
{
    return isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("pg");
}

QString Dialect::tableExistsSql() const
{
    return isSqlite() ? QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name")
                      : QStringLiteral("SELECT 1 FROM information_schema.tables "
                                       "WHERE table_schema = current_schema() AND table_name = :name");
}

QString Dialect::caseInsensitiveLike(const QString &column, const QString &param) const
{
    // SQLite's LIKE folds ASCII only; lower() on both sides keeps the two engines alike for
    // Latin text and leaves CJK untouched (it has no case).
    return isSqlite() ? QStringLiteral("lower(%1) LIKE lower(%2)").arg(column, param)
                      : QStringLiteral("%1 ILIKE %2").arg(column, param);
}

QString Dialect::beginWriteTransactionSql() const
{
    return isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

namespace {
/// A stable 63-bit key from the resource name, so unrelated locks do not collide.
qint64 lockKey(const QString &resource)
{
    const QByteArray digest = QCryptographicHash::hash(resource.toUtf8(), QCryptographicHash::Sha256);
    qint64 key = 0;
    for (int i = 0; i < 8; ++i)
        key = (key << 8) | quint8(digest.at(i));
    return key & Q_INT64_C(0x7fffffffffffffff);
}
} // namespace

QString Dialect::lockResourceSql(const QString &resource) const
{
    if (isSqlite())
        return {};
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(lockKey(resource));
}

QString Dialect::lockResourcesSql(const QStringList &resources) const
{
    if (isSqlite() || resources.isEmpty())
        return {};
    // unnest yields the array in its order and the aggregate takes the rows as they come, so
    // the locks are taken in the order given.
    QStringList keys;
    keys.reserve(resources.size());
    for (const QString &r : resources)
        keys << QString::number(lockKey(r));
    return QStringLiteral("SELECT COUNT(pg_advisory_xact_lock(k)) FROM unnest(CAST(ARRAY[%1] AS bigint[])) AS u(k)")
        .arg(keys.join(QLatin1Char(',')));
}

QString Dialect::valueListSql(const QString &param, const QString &pgType) const
{
    return isSqlite() ? QStringLiteral("SELECT value FROM json_each(%1)").arg(param)
                      : QStringLiteral("SELECT unnest(CAST(%1 AS %2[]))").arg(param, pgType);
}

QString Dialect::valueListParameter(const QStringList &values) const
{
    if (isSqlite())
        return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
    // A PostgreSQL array literal: every element quoted, backslashes and quotes escaped.
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString v : values) {
        v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        v.replace(QLatin1Char('"'), QLatin1String("\\\""));
        quoted << QLatin1Char('"') + v + QLatin1Char('"');
    }
    return QLatin1Char('{') + quoted.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString Dialect::uuidParam(const QString &param) const
{
    return isSqlite() ? param : QStringLiteral("CAST(%1 AS uuid)").arg(param);
}

} // namespace Ud::Core
