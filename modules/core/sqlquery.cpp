#include "sqlquery.h"

#include "error.h"

#include <QCoreApplication>
#include <QSqlError>

namespace Ud::Core {

namespace {
QString describe(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    const qsizetype nl = text.indexOf(QLatin1Char('\n'));
    return nl < 0 ? text : text.left(nl);
}

Error toError(const QSqlError &error, const QString &sql)
{
    const QString why = describe(error);
    const QString lower = why.toLower();
    Error::Kind kind = Error::Kind::Database;
    if (lower.contains(QLatin1String("unique")) || lower.contains(QLatin1String("duplicate key")))
        kind = Error::Kind::Conflict;
    QString message;
    if (lower.contains(QLatin1String("readonly")) || lower.contains(QLatin1String("read-only")))
        message = QCoreApplication::translate("Ud::Core::SqlQuery",
                                              "The database is read-only, so the change was not saved.");
    else if (kind == Error::Kind::Conflict)
        message = QCoreApplication::translate("Ud::Core::SqlQuery",
                                              "A record with the same key already exists (%1).").arg(why);
    else
        message = QCoreApplication::translate("Ud::Core::SqlQuery",
                                              "The database could not carry out the request (%1).").arg(why);
    return Error(kind, message, sql + QLatin1Char('\n') + error.text());
}
} // namespace

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql) : m_query(db), m_sql(sql)
{
    m_query.setForwardOnly(true);
    if (!m_query.prepare(sql))
        fail();
}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    m_query.bindValue(placeholder, value);
    return *this;
}

SqlQuery &SqlQuery::add(const QVariant &value)
{
    m_query.addBindValue(value);
    return *this;
}

SqlQuery &SqlQuery::exec()
{
    if (!m_query.exec())
        fail();
    return *this;
}

SqlQuery &SqlQuery::execBatch()
{
    if (!m_query.execBatch())
        fail();
    return *this;
}

QVariant SqlQuery::scalar(const QVariant &fallback)
{
    exec();
    return next() ? value(0) : fallback;
}

void SqlQuery::run(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw toError(q.lastError(), sql);
}

void SqlQuery::fail() const
{
    throw toError(m_query.lastError(), m_sql);
}

} // namespace Ud::Core
