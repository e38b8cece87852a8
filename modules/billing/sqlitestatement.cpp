#include "sqlitestatement.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::BillService)
};
} // namespace

SqliteStatement::SqliteStatement(const QSqlDatabase &connection, const QByteArray &sql, QString failure)
    : m_failure(std::move(failure))
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw Core::Error(Core::Error::Kind::Database,
                          m_failure.arg(Tr::tr("the SQLite driver does not give access to its connection")));
    m_db = *static_cast<sqlite3 *const *>(handle.constData());
    if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_statement, nullptr) != SQLITE_OK)
        fail();
    m_keep.resize(sqlite3_bind_parameter_count(m_statement));
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement &SqliteStatement::text(const QString &value)
{
    Q_ASSERT(m_next <= m_keep.size());
    QByteArray &bytes = m_keep[m_next - 1];
    bytes = value.toUtf8();
    sqlite3_bind_text(m_statement, m_next++, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
    return *this;
}

SqliteStatement &SqliteStatement::integer(qint64 value)
{
    sqlite3_bind_int64(m_statement, m_next++, value);
    return *this;
}

SqliteStatement &SqliteStatement::null()
{
    sqlite3_bind_null(m_statement, m_next++);
    return *this;
}

void SqliteStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    m_next = 1;
    if (rc != SQLITE_DONE)
        fail();
}

void SqliteStatement::fail()
{
    const int code = sqlite3_extended_errcode(m_db);
    const QString why = QString::fromUtf8(sqlite3_errmsg(m_db));
    const bool conflict = code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE;
    throw Core::Error(conflict ? Core::Error::Kind::Conflict : Core::Error::Kind::Database, m_failure.arg(why));
}

} // namespace Ud::Billing
