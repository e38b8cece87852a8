#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace Ud::Billing {

/// One statement prepared on the raw SQLite handle under a QSQLITE connection and run once per
/// row, for bulk inserts inside the caller's transaction: Qt's driver converts and copies every
/// bound value on each exec, this binds UTF-8 kept until the row has run. Values are bound in
/// placeholder order (?1, ?2, ...) and step() runs the row. A failure throws Error(Conflict) for
/// a unique or primary-key violation, else Error(Database), with `failure` (a translated sentence
/// taking SQLite's message as %1).
class SqliteStatement
{
public:
    SqliteStatement(const QSqlDatabase &connection, const QByteArray &sql, QString failure);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    SqliteStatement &text(const QString &value);
    SqliteStatement &integer(qint64 value);
    SqliteStatement &null();
    /// Runs the row bound since the last step.
    void step();

private:
    [[noreturn]] void fail();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_failure;
    QList<QByteArray> m_keep;
    int m_next = 1;
};

} // namespace Ud::Billing
