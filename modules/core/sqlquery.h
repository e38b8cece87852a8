#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Ud::Core {

/// A prepared statement that throws Error(Database) instead of returning false, so that a
/// repository reads as a straight line inside its Transaction. Values are always bound.
class SqlQuery
{
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql);

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    /// Positional value for `?` placeholders, in order.
    SqlQuery &add(const QVariant &value);
    SqlQuery &exec();
    /// Runs the statement once per row of the bound lists (QVariantList per placeholder).
    SqlQuery &execBatch();

    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    QVariant value(const QString &column) const { return m_query.value(column); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    /// Runs and returns the first column of the first row, or `fallback` if no row.
    QVariant scalar(const QVariant &fallback = {});
    QSqlQuery &raw() { return m_query; }

    /// Runs one statement with no parameters (DDL, PRAGMA).
    static void run(const QSqlDatabase &db, const QString &sql);

private:
    [[noreturn]] void fail() const;

    QSqlQuery m_query;
    QString m_sql;
};

} // namespace Ud::Core
