#include "querycancel.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::QueryCancel)
};

/// SQLite calls this every few hundred virtual-machine steps; non-zero stops the statement
/// with SQLITE_INTERRUPT. It closes the gap where cancel() runs before the statement starts.
int stopWhenCancelled(void *token)
{
    return static_cast<const QueryCancel *>(token)->isCancelled() ? 1 : 0;
}

constexpr int ProgressSteps = 1000;

sqlite3 *sqliteHandle(const QVariant &handle)
{
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

PGconn *pgHandle(const QVariant &handle)
{
    // Qt registers the handle under the struct's name ("pg_conn*"); older releases said "PGconn*".
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}
} // namespace

QueryCancel::~QueryCancel() = default;

Error QueryCancel::cancelledError()
{
    return Error(Error::Kind::Cancelled, Tr::tr("The request was cancelled before it finished."));
}

void QueryCancel::cancel()
{
    m_cancelled.store(true, std::memory_order_release);
    QMutexLocker lock(&m_mutex);
    for (Scope *scope : std::as_const(m_scopes))
        scope->interrupt();
}

void QueryCancel::throwIfCancelled() const
{
    if (isCancelled())
        throw cancelledError();
}

QueryCancel::Scope::Scope(QueryCancel *token, const QSqlDatabase &connection) : m_token(token)
{
    if (!m_token)
        return;
    m_token->throwIfCancelled();
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (sqlite3 *db = sqliteHandle(handle)) {
        m_sqlite = db;
        sqlite3_progress_handler(db, ProgressSteps, &stopWhenCancelled, m_token);
    } else if (PGconn *conn = pgHandle(handle)) {
        m_pg = PQgetCancel(conn);
    }
    {
        QMutexLocker lock(&m_token->m_mutex);
        m_token->m_scopes.append(this);
    }
    // A cancel() between the first check and the registration reached no handle.
    if (m_token->isCancelled()) {
        release();
        throw cancelledError();
    }
}

QueryCancel::Scope::~Scope()
{
    release();
}

void QueryCancel::Scope::release()
{
    if (!m_token)
        return;
    {
        // After this no cancel() reaches the handles, so the connection may run other work.
        QMutexLocker lock(&m_token->m_mutex);
        m_token->m_scopes.removeOne(this);
    }
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
    if (m_pg)
        PQfreeCancel(m_pg);
    m_sqlite = nullptr;
    m_pg = nullptr;
    m_token = nullptr;
}

void QueryCancel::Scope::interrupt()
{
    if (m_sqlite)
        sqlite3_interrupt(m_sqlite);
    if (m_pg) {
        char why[256];
        // Failing to send the request only means the statement runs to its end; its result
        // is still discarded by check().
        PQcancel(m_pg, why, int(sizeof why));
    }
}

void QueryCancel::Scope::check() const
{
    if (m_token)
        m_token->throwIfCancelled();
}

} // namespace Ud::Core
